import type { Logger } from '@aws-lambda-powertools/logger';
import { publicRoute, type HttpLambda } from '../../shared/http/http-handler.js';
import { readPathParameter } from '../../shared/http/request.js';
import { json } from '../../shared/http/response.js';
import { TrialId } from '../../shared/http/schemas.js';
import type { Dependencies } from '../../shared/use-cases/dependencies.js';
import { getTrial } from '../../shared/use-cases/trials.js';

/** GET /trials/{trialId}: public: the criteria and parameters as applied, recruitment and enrolled count. */
export function getTrialLambda(deps: Pick<Dependencies, 'store'> & { logger: Logger }): HttpLambda {
  return publicRoute(deps.logger, async (event) => {
    const trialId = readPathParameter(event, 'trialId', TrialId, 'trial');
    return json(200, await getTrial(deps, trialId));
  });
}
