import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { referralTag } from '../../shared/http/entity-tags.js';
import { header, readJsonBody, requestLocale, validate } from '../../shared/http/request.js';
import { SubmitReferralRequest } from '../../shared/http/referral-request.js';
import { requestFingerprint } from '../../shared/http/request-fingerprint.js';
import { IdempotencyKey } from '../../shared/http/schemas.js';
import { submitReferral, type SubmitReferralDependencies } from '../../shared/use-cases/submit-referral.js';

/** POST /referrals: a physician refers a patient; 201 with the screening. */
export function submitReferralLambda(deps: SubmitReferralDependencies & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const body = readJsonBody(event);
    const rawKey = header(event, 'idempotency-key');
    const idempotencyKey = rawKey === undefined ? undefined : validate(IdempotencyKey, rawKey, 'idempotency-key');
    const request = validate(SubmitReferralRequest, body);
    // The same request whatever the order of its members or its whitespace (RFC 8785).
    const requestHash = requestFingerprint(body);
    const locale = requestLocale(event);
    const reply = await submitReferral(deps, {
      principal,
      request,
      requestHash,
      locale,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    deps.logger.info('referral submitted', { referralId: reply.referralId, replayed: reply.replayed });
    return {
      statusCode: reply.statusCode,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        location: `/referrals/${reply.referralId}`,
        // The tag of the referral's representation at its Location (what GET returns), for a following If-Match.
        etag: referralTag(reply.record, locale),
        vary: 'Accept-Language',
        ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      body: reply.body,
    };
  });
}
