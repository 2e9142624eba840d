/**
 * A screening result as a physician or coordinator reads it: the verdict in words that cannot be mistaken for
 * enrolment, every criterion with its outcome and reason, and the data still needed. Used for the live pre-screen
 * and for stored results alike; the words come from the service's catalogues (shared/i18n).
 */
import { outcomeLabel, problemLabel } from '#i18n/render.js';
import type { CriterionOutcome, RequestProblem, Verdict } from '#screening/result.js';
import { useApp } from './context.js';

export interface ShownRequest {
  readonly field: string;
  readonly criterionId: string;
  readonly problem: RequestProblem;
  readonly request: string;
}

export interface ShownCriterion {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly text: string;
  readonly translatedText?: string;
  readonly outcome: CriterionOutcome;
  readonly reason: string;
  readonly siteVerified: boolean;
}

export interface ShownScreening {
  readonly asOf: string;
  readonly verdict: Verdict;
  readonly verdictLabel: string;
  readonly score: number;
  readonly reviewAt: string | null;
  readonly criteria: readonly ShownCriterion[];
  readonly missingData: readonly ShownRequest[];
}

const GOOD: readonly CriterionOutcome[] = ['met', 'clear'];
const BAD: readonly CriterionOutcome[] = ['not_met', 'excluded'];
const ICON: Readonly<Record<CriterionOutcome, string>> = { met: '✓', clear: '✓', not_met: '✗', excluded: '✗', unknown: '?' };

export function outcomeClass(outcome: CriterionOutcome): string {
  return GOOD.includes(outcome) ? 'good' : BAD.includes(outcome) ? 'bad' : 'unknown';
}

export function VerdictBadge({ verdict }: { readonly verdict: Verdict }) {
  const { t } = useApp();
  return <span class={`verdict-badge verdict-${verdict}`}>{t.verdictShort[verdict]}</span>;
}

interface PrescreenProps {
  readonly screening: ShownScreening;
  readonly headingLevel?: 2 | 3;
  readonly title: string;
  /** A line under the title (live: "updated as you type"). */
  readonly subtitle?: string;
  /** Offers a button per missing datum that takes the physician to its field. */
  readonly onGoToField?: (field: string) => void;
  readonly fieldName?: (field: string) => string | undefined;
  readonly headingId?: string;
}

export function Prescreen({ screening, headingLevel = 2, title, subtitle, onGoToField, fieldName, headingId }: PrescreenProps) {
  const { t, locale } = useApp();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const met = screening.criteria.filter((c) => GOOD.includes(c.outcome)).length;
  const failed = screening.criteria.filter((c) => BAD.includes(c.outcome)).length;
  const unknown = screening.criteria.length - met - failed;
  const byKind = (kind: ShownCriterion['kind']) => screening.criteria.filter((criterion) => criterion.kind === kind);

  return (
    <div class="screening">
      <Heading id={headingId} tabIndex={-1} class="screening-title">
        {title}
      </Heading>
      {subtitle && <p class="screening-subtitle">{subtitle}</p>}
      <div class={`verdict verdict-${screening.verdict}`} data-verdict={screening.verdict}>
        <p class="verdict-label">{screening.verdictLabel}</p>
        <p class="verdict-meta">
          <span>{t.prescreen.score(screening.score.toFixed(1))}</span>
          <span>{t.prescreen.asOf(screening.asOf)}</span>
        </p>
        <p class="verdict-counts">{t.prescreen.counts(met, unknown, failed)}</p>
        {screening.reviewAt && <p class="verdict-review">{t.prescreen.reviewAt(screening.reviewAt)}</p>}
      </div>

      <Sub class="subheading">{screening.missingData.length === 0 ? t.prescreen.missingTitle : t.prescreen.missingCount(screening.missingData.length)}</Sub>
      {screening.missingData.length === 0 ? (
        <p class="missing-none">{t.prescreen.missingNone}</p>
      ) : (
        <ul class="missing-list">
          {screening.missingData.map((request) => {
            const name = fieldName?.(request.field);
            return (
              <li key={`${request.criterionId}:${request.field}`} data-field={request.field}>
                <span class={`problem problem-${request.problem}`}>{problemLabel(request.problem, locale)}</span> <span>{request.request}</span>
                {onGoToField && name && (
                  <>
                    {' '}
                    <button type="button" class="link-button" onClick={() => onGoToField(request.field)}>
                      {t.form.goToField(name)}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {(['inclusion', 'exclusion'] as const).map((kind) => (
        <section key={kind} class="criteria" aria-label={kind === 'inclusion' ? t.prescreen.inclusion : t.prescreen.exclusion}>
          <Sub class="subheading">{kind === 'inclusion' ? t.prescreen.inclusion : t.prescreen.exclusion}</Sub>
          <ol class="criteria-list">
            {byKind(kind).map((criterion) => (
              <li key={criterion.id} class={`criterion criterion-${outcomeClass(criterion.outcome)}`} data-criterion={criterion.id} data-outcome={criterion.outcome}>
                <p class="criterion-head">
                  <span class={`outcome outcome-${outcomeClass(criterion.outcome)}`}>
                    <span aria-hidden="true">{ICON[criterion.outcome]}</span> {outcomeLabel(criterion.outcome, locale)}
                  </span>
                  <span class="criterion-text">
                    {criterion.translatedText ?? criterion.text}
                    {criterion.siteVerified && <span class="site-verified"> ({t.prescreen.siteVerified})</span>}
                  </span>
                </p>
                <p class="criterion-reason">{criterion.reason}</p>
                {criterion.translatedText !== undefined && (
                  <details class="criterion-original">
                    <summary>{t.prescreen.originalText}</summary>
                    <p lang="en">{criterion.text}</p>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
