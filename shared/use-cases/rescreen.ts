/**
 * The scheduled rescreening: screen again only the referrals whose result can have changed (reviewAt passed, or
 * screened under an older criteria version), then re-publish notifications still pending after a grace period
 * (the outbox sweep). Reads only due items, so its cost follows the due referrals, not the population.
 */
import { RevisionConflictError } from '#ports/referral-store.js';
import { hasPendingNotification, recordScreening, type Recruitment } from '#referral/lifecycle.js';
import { missingMinimumData } from '#referral/minimum-data.js';
import { isTombstone, type ReferralRecord } from '#referral/record.js';
import { screeningDate } from '#referral/screening-date.js';
import { screen } from '#screening/screen.js';
import type { TrialDefinition } from '#trial/definition.js';
import { siteTimeZone, TRIALS } from '#trial/registry.js';
import type { Dependencies } from './dependencies.js';
import { reconcileEnrolment } from './enrolment.js';
import { publishPending } from './publish-pending.js';
import { recruitmentStatus } from './recruitment.js';

export interface RescreenOptions {
  /** A pending notification younger than this is probably still on the queue: leave it to the consumer. */
  readonly outboxGraceMs: number;
  /** Bounds one run; the rest is due again at the next run. */
  readonly maxReferrals: number;
  readonly pageSize: number;
}

export const DEFAULT_RESCREEN_OPTIONS: RescreenOptions = { outboxGraceMs: 2 * 60_000, maxReferrals: 5_000, pageSize: 100 };

export interface RescreenReport {
  due: number;
  rescreened: number;
  verdictChanged: number;
  /** Someone else wrote the referral meanwhile (a PATCH rescreens by itself); the next run looks again. */
  skipped: number;
  republished: number;
  /** Enrolment places given back (abandoned claims) and recorded (patients on study without one). */
  placesReleased: number;
  placesRecorded: number;
}

export type RescreenDependencies = Pick<Dependencies, 'store' | 'publisher' | 'clock' | 'events'>;

async function rescreenTrial(
  deps: RescreenDependencies,
  trial: TrialDefinition,
  options: RescreenOptions,
  report: RescreenReport,
): Promise<void> {
  const now = deps.clock.now();
  const timeZone = siteTimeZone(trial);
  const today = screeningDate(now, timeZone);
  const recruitment = (await recruitmentStatus(deps.store, trial)).status;
  let cursor: string | undefined;
  do {
    const page = await deps.store.listDue(trial.id, today, trial.criteriaVersion, {
      limit: options.pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const changed: ReferralRecord[] = [];
    for (const record of page.items) {
      report.due++;
      const trigger = record.latest.criteriaVersion < trial.criteriaVersion ? 'criteria-changed' : 'time-passed';
      const complete = missingMinimumData(record.profile, trial).length === 0;
      const next = recordScreening(record, screen(record.profile, trial, today), trigger, now, complete);
      try {
        await deps.store.put(next, record.revision);
      } catch (error) {
        if (error instanceof RevisionConflictError) {
          report.skipped++;
          continue;
        }
        throw error;
      }
      report.rescreened++;
      if (next.latest.verdict !== record.latest.verdict) report.verdictChanged++;
      if (next.notification.seq !== record.notification.seq) changed.push(next);
    }
    await publishPending(deps, changed, recruitment);
    cursor = page.cursor;
  } while (cursor !== undefined && report.due < options.maxReferrals);
}

/**
 * The referral as it is now, if its notification is still pending since before `olderThan`: the outbox index lags
 * the table and holds only which referral and trial, so each entry is read again, consistently, before anything is
 * published. A referral withdrawn, delivered, or whose notification was reopened within the grace period meanwhile
 * is left alone, exactly as if the index had not listed it.
 */
async function stillPendingPastGrace(deps: RescreenDependencies, id: string, olderThan: string): Promise<ReferralRecord | undefined> {
  const stored = await deps.store.get(id);
  if (stored === undefined || isTombstone(stored) || !hasPendingNotification(stored)) return undefined;
  const { pendingSince } = stored.notification;
  return pendingSince !== undefined && pendingSince < olderThan ? stored : undefined;
}

async function sweepOutbox(deps: RescreenDependencies, options: RescreenOptions, report: RescreenReport): Promise<void> {
  const olderThan = new Date(deps.clock.now().getTime() - options.outboxGraceMs).toISOString();
  // Notifications held while a trial's recruitment was closed go out once it is open again.
  const recruitmentOf = new Map<string, Recruitment>();
  for (const trial of TRIALS) recruitmentOf.set(trial.id, (await recruitmentStatus(deps.store, trial)).status);
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await deps.store.listPendingNotifications(olderThan, {
      limit: options.pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    seen += page.items.length;
    // Held notifications (recruitment paused or full) are not read at all: they would not be published.
    const releasable = page.items.filter((entry) => recruitmentOf.get(entry.trialId) === 'open');
    const pending = (await Promise.all(releasable.map((entry) => stillPendingPastGrace(deps, entry.id, olderThan)))).filter(
      (record) => record !== undefined,
    );
    for (const [trialId, recruitment] of recruitmentOf) {
      report.republished += await publishPending(deps, pending.filter((record) => record.trialId === trialId), recruitment);
    }
    cursor = page.cursor;
  } while (cursor !== undefined && seen < options.maxReferrals);
}

export async function rescreenDue(deps: RescreenDependencies, options: RescreenOptions = DEFAULT_RESCREEN_OPTIONS): Promise<RescreenReport> {
  const report: RescreenReport = { due: 0, rescreened: 0, verdictChanged: 0, skipped: 0, republished: 0, placesReleased: 0, placesRecorded: 0 };
  // The ledger first: the recruitment status the sweep releases notifications by is read from it.
  for (const trial of TRIALS) {
    const reconciled = await reconcileEnrolment(deps, trial);
    report.placesReleased += reconciled.released;
    report.placesRecorded += reconciled.recorded;
  }
  for (const trial of TRIALS) await rescreenTrial(deps, trial, options, report);
  await sweepOutbox(deps, options, report);
  return report;
}
