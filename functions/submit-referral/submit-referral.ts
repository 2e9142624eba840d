import type { Logger } from '@aws-lambda-powertools/logger';
import type { BundleTranslation } from '#fhir/translation.js';
import type { Locale } from '#i18n/locale.js';
import { bundleProblem, FHIR_MAX_BODY_BYTES } from '#http/fhir-response.js';
import { authenticatedRoute, type HttpLambda } from '#http/http-handler.js';
import { referralTag } from '#http/entity-tags.js';
import { ProblemError, problems } from '#http/problem.js';
import type { SubmitReferralRequest } from '#http/referral-request.js';
import { carriesBundle, IDEMPOTENCY_KEY, SUBMIT_REFERRAL_REQUEST } from '#http/referral-request-checks.js';
import { header, MAX_BODY_BYTES, readJsonBody, requestLocale, validate, validateChecked } from '#http/request.js';
import { requestFingerprint } from '#http/request-fingerprint.js';
import { submitReferral, type SubmitReferralDependencies } from '#use-cases/submit-referral.js';

/**
 * The request as the use case takes it: a profile as sent, or one translated from a FHIR Bundle (up to 10 MB; a
 * profile stays within 64 KB). Both share consent, idempotency, storage and the outbox.
 */
async function referralRequest(
  body: unknown,
  bytes: number,
  locale: Locale,
): Promise<{ request: SubmitReferralRequest; translation?: BundleTranslation }> {
  if (!carriesBundle(body)) {
    if (bytes > MAX_BODY_BYTES) throw new ProblemError(problems.payloadTooLarge(MAX_BODY_BYTES));
    return { request: await validateChecked(SUBMIT_REFERRAL_REQUEST, body, undefined, locale) };
  }
  // Loaded on the first Bundle: a profile referral's cold start does not pay for the FHIR translator or its schemas.
  const { SubmitBundleReferralRequest } = await import('#http/referral-bundle-request.js');
  const { trialId, prescreeningConsent, bundle } = validate(SubmitBundleReferralRequest, body, undefined, locale);
  const { BundleRejected, translateBundle } = await import('#fhir/bundle-referral.js');
  try {
    const translation = translateBundle(bundle);
    return { request: { trialId, prescreeningConsent, profile: translation.profile }, translation };
  } catch (error) {
    if (error instanceof BundleRejected) throw bundleProblem(error, 'bundle', locale);
    throw error;
  }
}

/** POST /referrals: a physician refers a patient (a profile, or a FHIR Bundle); 201 with the screening. */
export function submitReferralLambda(deps: SubmitReferralDependencies & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const body = readJsonBody(event, ['application/json'], FHIR_MAX_BODY_BYTES);
    const locale = requestLocale(event);
    const rawKey = header(event, 'idempotency-key');
    const idempotencyKey = rawKey === undefined ? undefined : await validateChecked(IDEMPOTENCY_KEY, rawKey, 'idempotency-key', locale);
    const raw = event.body ?? '';
    const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64').length : Buffer.byteLength(raw, 'utf8');
    const { request, translation } = await referralRequest(body, bytes, locale);
    // The same request whatever the order of its members or its whitespace (RFC 8785).
    const requestHash = requestFingerprint(body);
    const reply = await submitReferral(deps, {
      principal,
      request,
      requestHash,
      locale,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    deps.logger.info('referral submitted', { referralId: reply.referralId, replayed: reply.replayed, fhir: translation !== undefined });
    // The mapping report is a pure function of the body, so a replayed reply carries the same one.
    const replyBody =
      translation === undefined
        ? reply.replyJson
        : JSON.stringify({ ...(JSON.parse(reply.replyJson) as object), fhir: (await import('#fhir/bundle-referral.js')).renderMappingReport(translation, locale) });
    return {
      statusCode: 201,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        location: `/referrals/${reply.referralId}`,
        // The tag of the referral's representation at its Location (what GET returns), for a following If-Match.
        etag: referralTag(reply.record, locale),
        vary: 'Accept-Language',
        ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      body: replyBody,
    };
  });
}
