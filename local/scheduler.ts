/**
 * The local stand-in for the EventBridge schedule that runs the rescreen sweep: it invokes the handler with a
 * `Scheduled Event` every `intervalMs`, one run at a time (a run that is still going when the next is due makes the
 * next wait, never overlap), and lets a test run it on demand and read its result.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createLambdaContext, LOCAL_ACCOUNT_ID, LOCAL_REGION } from './lambda-context.js';
import { consoleLog, errorAttributes, type LocalLog } from './local-log.js';

export type ScheduledLambda<TResult> = (event: ScheduledEvent<Record<string, never>>, context: Context) => Promise<TResult>;

export interface LocalSchedulerOptions {
  /** The EventBridge rule's name, for the event's `resources`. */
  readonly ruleName?: string;
  /** The handler's name, for its Lambda context. */
  readonly functionName?: string;
  /** Time between the end of one run and the start of the next. */
  readonly intervalMs: number;
  /** The event's `time`; defaults to the wall clock. */
  readonly now?: () => Date;
  readonly logger?: LocalLog;
}

/** EventBridge's `time`: ISO 8601 to the second. */
function eventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export class LocalScheduler<TResult> {
  private readonly ruleArn: string;
  private readonly functionName: string;
  private readonly now: () => Date;
  private readonly log: LocalLog;
  private readonly intervalMs: number;
  private turn: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private runs = 0;

  constructor(
    private readonly handler: ScheduledLambda<TResult>,
    options: LocalSchedulerOptions,
  ) {
    const ruleName = options.ruleName ?? 'trial-match-rescreen';
    this.ruleArn = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/${ruleName}`;
    this.functionName = options.functionName ?? 'rescreen';
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? consoleLog;
    if (!(options.intervalMs > 0)) throw new RangeError('intervalMs must be positive');
    this.intervalMs = options.intervalMs;
  }

  /** How many runs have finished (either way). */
  get completedRuns(): number {
    return this.runs;
  }

  /** Runs the handler every intervalMs until stop(); the first run comes after one interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.turn;
  }

  /** Runs the handler once more, after any run in progress, and returns its result (or throws its error). */
  runNow(): Promise<TResult> {
    const result = this.turn.then(() => this.invoke());
    this.turn = result.catch(() => undefined);
    return result;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow().then(
        () => this.schedule(),
        (error: unknown) => {
          this.log.error('scheduled run failed', { function: this.functionName, ...errorAttributes(error) });
          this.schedule();
        },
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  private async invoke(): Promise<TResult> {
    const event: ScheduledEvent<Record<string, never>> = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: LOCAL_ACCOUNT_ID,
      time: eventTime(this.now()),
      region: LOCAL_REGION,
      resources: [this.ruleArn],
      detail: {},
    };
    try {
      return await this.handler(event, createLambdaContext({ functionName: this.functionName }));
    } finally {
      this.runs++;
    }
  }
}
