/**
 * The real Lambda handlers, built from their factories with the local adapters: the same code that runs behind
 * API Gateway, SQS and EventBridge in AWS. Only the wiring (handler.ts in each function folder) differs.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, ScheduledEvent } from 'aws-lambda';
import { getCandidateLambda } from '../../functions/get-candidate/get-candidate.js';
import { getOpenApiLambda } from '../../functions/get-openapi/get-openapi.js';
import { getReferralLambda } from '../../functions/get-referral/get-referral.js';
import { getTrialLambda } from '../../functions/get-trial/get-trial.js';
import { listAuditLambda } from '../../functions/list-audit/list-audit.js';
import { listCandidatesLambda } from '../../functions/list-candidates/list-candidates.js';
import { listReferralsLambda } from '../../functions/list-referrals/list-referrals.js';
import { notifySiteLambda } from '../../functions/notify-site/notify-site.js';
import { rescreenLambda } from '../../functions/rescreen/rescreen.js';
import { submitReferralLambda } from '../../functions/submit-referral/submit-referral.js';
import { updateCandidateLambda } from '../../functions/update-candidate/update-candidate.js';
import { updateReferralLambda } from '../../functions/update-referral/update-referral.js';
import { updateTrialLambda } from '../../functions/update-trial/update-trial.js';
import { withdrawReferralLambda } from '../../functions/withdraw-referral/withdraw-referral.js';
import type { HttpLambda } from '../../shared/http/http-handler.js';
import type { HttpHandlerName } from '../../shared/http/routes.js';
import type { Dependencies } from '../../shared/use-cases/dependencies.js';
import type { RescreenOptions, RescreenReport } from '../../shared/use-cases/rescreen.js';

export interface LocalHandlers {
  readonly http: Readonly<Record<HttpHandlerName, HttpLambda>>;
  readonly notifySite: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  readonly rescreen: (event: ScheduledEvent, context: Context) => Promise<RescreenReport>;
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
  return {
    http: {
      'submit-referral': submitReferralLambda(withLogger('submit-referral')),
      'list-referrals': listReferralsLambda(withLogger('list-referrals')),
      'get-referral': getReferralLambda(withLogger('get-referral')),
      'update-referral': updateReferralLambda(withLogger('update-referral')),
      'withdraw-referral': withdrawReferralLambda(withLogger('withdraw-referral')),
      'get-trial': getTrialLambda(withLogger('get-trial')),
      'update-trial': updateTrialLambda(withLogger('update-trial')),
      'list-candidates': listCandidatesLambda(withLogger('list-candidates')),
      'get-candidate': getCandidateLambda(withLogger('get-candidate')),
      'update-candidate': updateCandidateLambda(withLogger('update-candidate')),
      'list-audit': listAuditLambda(withLogger('list-audit')),
      'get-openapi': getOpenApiLambda(withLogger('get-openapi')),
    },
    notifySite: notifySiteLambda(withLogger('notify-site')),
    rescreen: rescreenLambda({ ...withLogger('rescreen'), ...(rescreenOptions ? { options: rescreenOptions } : {}) }),
  };
}
