import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticatedRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { etag, header, readJsonBody, requestLocale, validate } from '../../shared/http/request.js';
import { SubmitReferralRequest } from '../../shared/http/referral-request.js';
import { IdempotencyKey } from '../../shared/http/schemas.js';
import { submitReferral, type SubmitReferralDependencies } from '../../shared/use-cases/submit-referral.js';

/** POST /referrals: a physician refers a patient; 201 with the screening. */
export function submitReferralLambda(deps: SubmitReferralDependencies & { logger: Logger }): HttpLambda {
  return authenticatedRoute(deps.logger, ['physician'], async ({ event, principal }) => {
    const body = readJsonBody(event);
    const rawKey = header(event, 'idempotency-key');
    const idempotencyKey = rawKey === undefined ? undefined : validate(IdempotencyKey, rawKey, 'idempotency-key');
    const request = validate(SubmitReferralRequest, body);
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const reply = await submitReferral(deps, {
      principal,
      request,
      requestHash,
      locale: requestLocale(event),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    deps.logger.info('referral submitted', { referralId: reply.referralId, replayed: reply.replayed });
    return {
      statusCode: reply.statusCode,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        location: `/referrals/${reply.referralId}`,
        etag: etag(reply.version),
        ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      body: reply.body,
    };
  });
}
