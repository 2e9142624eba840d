/**
 * The real Lambda handlers, built from their factories with the local adapters: the same code that runs behind
 * API Gateway, SQS and EventBridge in AWS. Only the wiring (handler.ts in each function folder) differs.
 *
 * In AWS each handler is its own function with its own role; here they share one process, so once something asks
 * to tell them apart (`trackInvocations()`: the least-privilege test attributes every DynamoDB call to the function
 * that made it), each invocation runs with its function's name in an async context (`currentFunction()`). Only
 * then: an AsyncLocalStorage in use puts a hook on every promise the process makes, a few percent of each request
 * through the SDK, for nothing `npm start` reads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, ScheduledEvent } from 'aws-lambda';
import { getCandidateLambda } from '#functions/get-candidate/get-candidate.js';
import { getOpenApiLambda } from '#functions/get-openapi/get-openapi.js';
import { getReferralLambda } from '#functions/get-referral/get-referral.js';
import { getTrialLambda } from '#functions/get-trial/get-trial.js';
import { listAuditLambda } from '#functions/list-audit/list-audit.js';
import { listCandidatesLambda } from '#functions/list-candidates/list-candidates.js';
import { listReferralsLambda } from '#functions/list-referrals/list-referrals.js';
import { matchTrialLambda } from '#functions/match-trial/match-trial.js';
import { notifySiteLambda } from '#functions/notify-site/notify-site.js';
import { rescreenLambda } from '#functions/rescreen/rescreen.js';
import { submitReferralLambda } from '#functions/submit-referral/submit-referral.js';
import { updateCandidateLambda } from '#functions/update-candidate/update-candidate.js';
import { updateReferralLambda } from '#functions/update-referral/update-referral.js';
import { updateTrialLambda } from '#functions/update-trial/update-trial.js';
import { withdrawReferralLambda } from '#functions/withdraw-referral/withdraw-referral.js';
import type { HttpLambda } from '#http/http-handler.js';
import type { HttpHandlerName } from '#http/routes.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import type { RescreenOptions, RescreenReport } from '#use-cases/rescreen.js';

export interface LocalHandlers {
  readonly http: Readonly<Record<HttpHandlerName, HttpLambda>>;
  readonly notifySite: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  readonly rescreen: (event: ScheduledEvent, context: Context) => Promise<RescreenReport>;
}

const invocation = new AsyncLocalStorage<string>();
let tracking = false;

/** From now on, every invocation runs with its function's name in its async context (for `currentFunction()`). */
export function trackInvocations(): void {
  tracking = true;
}

/** The function whose invocation is running (in this async context), if any; invocations must be tracked. */
export function currentFunction(): string | undefined {
  if (!tracking) throw new Error('call trackInvocations() before the invocations to tell apart');
  return invocation.getStore();
}

/** Runs every invocation of `fn` as function `name`, once invocations are tracked. */
function asFunction<E, C, R>(name: string, fn: (event: E, context: C) => Promise<R>): (event: E, context: C) => Promise<R> {
  return (event, context) => (tracking ? invocation.run(name, () => fn(event, context)) : fn(event, context));
}

export function buildLocalHandlers(
  deps: Dependencies,
  loggerFor: (handler: string) => Logger,
  rescreenOptions?: RescreenOptions,
): LocalHandlers {
  // Copies the dependencies' property descriptors, not their values: `publicBaseUrl` is a getter that only knows the
  // URL once the local API listens (a spread would freeze it at '').
  const withLogger = (name: string): Dependencies & { logger: Logger } =>
    Object.defineProperties({ logger: loggerFor(name) }, Object.getOwnPropertyDescriptors(deps)) as Dependencies & { logger: Logger };
  /** Function `name`, built by its factory from the dependencies and its own logger. */
  const handler = <E, C, R>(name: string, factory: (deps: Dependencies & { logger: Logger }) => (event: E, context: C) => Promise<R>) =>
    asFunction(name, factory(withLogger(name)));
  return {
    http: {
      'submit-referral': handler('submit-referral', submitReferralLambda),
      'list-referrals': handler('list-referrals', listReferralsLambda),
      'get-referral': handler('get-referral', getReferralLambda),
      'update-referral': handler('update-referral', updateReferralLambda),
      'withdraw-referral': handler('withdraw-referral', withdrawReferralLambda),
      'get-trial': handler('get-trial', getTrialLambda),
      'update-trial': handler('update-trial', updateTrialLambda),
      'list-candidates': handler('list-candidates', listCandidatesLambda),
      'get-candidate': handler('get-candidate', getCandidateLambda),
      'update-candidate': handler('update-candidate', updateCandidateLambda),
      'list-audit': handler('list-audit', listAuditLambda),
      'get-openapi': handler('get-openapi', getOpenApiLambda),
      'match-trial': handler('match-trial', matchTrialLambda),
    },
    notifySite: handler('notify-site', notifySiteLambda),
    rescreen: asFunction(
      'rescreen',
      rescreenLambda({ ...withLogger('rescreen'), ...(rescreenOptions ? { options: rescreenOptions } : {}) }),
    ),
  };
}
