/**
 * The local stand-in for API Gateway's HTTP API JWT authorizer: the same checks (an RS256 signature by a key of the
 * issuer's JWKS, `iss`, `aud`, `exp`, `nbf`, `iat`) and the claims handed on in the same shape, every value a
 * string and an array flattened to `"[a b]"`, so handlers meet locally exactly what they meet in AWS.
 *
 * A token that verified is remembered (its decision, not re-derived) while it is well inside its validity window,
 * so a client's repeated requests do not pay for an RS256 verification each. On AWS that check runs in API Gateway,
 * outside the function's CPU; here it shares the process with the handlers (about 0.15 ms a request on this
 * 2-core machine: the constant-handler baseline of the load bench went from 0.27 to 0.11 CPU ms a request).
 * The decision is the one a full verification would reach: the keys are fixed for the authorizer's life, and a
 * remembered token is used only while its time claims are plainly acceptable (nbf and iat past, exp ahead); near
 * any edge, or for any token that failed, the full verification decides.
 */
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export interface LocalAuthorizerOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: JSONWebKeySet;
  /** Allowed clock skew, seconds. */
  readonly clockToleranceSeconds?: number;
  /** The time tokens are checked against; defaults to the wall clock (as API Gateway's). */
  readonly currentDate?: () => Date;
}

export type AuthorizerDecision =
  | { readonly ok: true; readonly claims: Record<string, string>; readonly scopes: string[] | null }
  | { readonly ok: false; readonly reason: string };

export interface LocalAuthorizer {
  /** Decide on the raw `Authorization` header (`Bearer <jwt>`, or the bare token as API Gateway also accepts). */
  authorize(authorization: string | undefined): Promise<AuthorizerDecision>;
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/** How many verified tokens are remembered; the oldest is forgotten first. */
const REMEMBERED_TOKENS = 1_000;

type Accepted = Extract<AuthorizerDecision, { ok: true }>;

interface RememberedToken {
  readonly decision: Accepted;
  readonly notBefore: number;
  readonly issuedAt: number;
  readonly expires: number;
}

/** The token's time claims, in seconds; a claim absent is no bound. */
function remember(payload: JWTPayload, decision: Accepted): RememberedToken {
  return {
    decision,
    notBefore: typeof payload.nbf === 'number' ? payload.nbf : -Infinity,
    issuedAt: typeof payload.iat === 'number' ? payload.iat : -Infinity,
    // exp is required, so a verified token has one.
    expires: typeof payload.exp === 'number' ? payload.exp : -Infinity,
  };
}

/** A copy, as a fresh verification would give: the event built from it is the handler's to keep. */
const copyOf = ({ claims, scopes }: Accepted): Accepted => ({ ok: true, claims: { ...claims }, scopes: scopes === null ? null : [...scopes] });

/** Inside the window where every time check passes without the tolerance's help (whole seconds, as jose counts). */
const plainlyValid = (token: RememberedToken, nowSeconds: number): boolean =>
  token.notBefore <= nowSeconds && token.issuedAt <= nowSeconds && nowSeconds < token.expires;

/** A claim value the way API Gateway renders it into the event: arrays as `[a b c]`, everything else as text. */
export function flattenClaimValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(flattenClaimValue).join(' ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // No claim of ours is an object or null; pass such a claim on as JSON rather than drop it.
  return JSON.stringify(value) ?? '';
}

export function flattenClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, flattenClaimValue(value)]));
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const trimmed = authorization.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(trimmed);
  if (match) return match[1];
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed) ? trimmed : undefined;
}

/** Why a token was refused, in words safe to return and log (never the token or its claims). */
function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not acceptable`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a key of the issuer';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'the token is malformed';
  return 'the token is not valid';
}

export function createLocalAuthorizer(options: LocalAuthorizerOptions): LocalAuthorizer {
  const keys = createLocalJWKSet(options.jwks);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const now = options.currentDate ?? (() => new Date());
  const verified = new Map<string, RememberedToken>();
  return {
    async authorize(authorization) {
      const token = bearerToken(authorization);
      if (token === undefined) return { ok: false, reason: 'a bearer token is required' };
      const currentDate = now();
      const remembered = verified.get(token);
      if (remembered !== undefined && plainlyValid(remembered, Math.floor(currentDate.getTime() / 1000))) {
        return copyOf(remembered.decision);
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['RS256'],
          clockTolerance: tolerance,
          currentDate,
          requiredClaims: ['exp'],
        });
        // API Gateway also refuses a token issued in the future; jose checks iat only with maxTokenAge.
        if (typeof payload.iat === 'number' && payload.iat > currentDate.getTime() / 1000 + tolerance) {
          return { ok: false, reason: "the token's iat claim is not acceptable" };
        }
        const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ').filter(Boolean) : null;
        const decision: Accepted = { ok: true, claims: flattenClaims(payload), scopes };
        verified.delete(token);
        if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value ?? '');
        verified.set(token, remember(payload, decision));
        return copyOf(decision);
      } catch (error) {
        return { ok: false, reason: refusal(error) };
      }
    },
  };
}
