import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { CandidateNotification } from '#referral/notification.js';
import type { Dependencies } from '#use-cases/dependencies.js';
import { notifySite } from '#use-cases/notify-site.js';

/** A message that is not a notification can never succeed: it fails, and after the retries lands in the DLQ. */
class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

/**
 * The queue consumer: each message is handled on its own, and only the failed ones go back to the queue
 * (partial batch response), so one site outage does not redeliver the whole batch.
 */
export function notifySiteLambda(
  deps: Pick<Dependencies, 'store' | 'siteNotifier' | 'clock' | 'publicBaseUrl'> & { logger: Logger },
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new PoisonMessageError(`message ${record.messageId} is not JSON`);
    }
    const parsed = CandidateNotification.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError(`message ${record.messageId} is not a candidate notification`);
    const outcome = await notifySite(deps, parsed.data);
    deps.logger.info('site notification handled', { referralId: parsed.data.referralId, seq: parsed.data.seq, outcome });
  };
  return async (event, context) => {
    deps.logger.addContext(context);
    return processPartialResponse(event, handleRecord, processor, { context });
  };
}
