/** An API problem explained in the user's language: what happened and what to do, never a raw status code. */
import { ApiProblem } from '../api/client.js';
import type { Messages } from '../i18n/en.js';
import { fieldLabel } from '../i18n/messages.js';
import { useApp } from './context.js';

export function problemText(t: Messages, problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t.problems.unexpected;
  switch (problem.status) {
    case 0:
      return t.problems.network;
    case 401:
      return t.problems.unauthorized;
    case 403:
      return t.problems.forbidden;
    case 404:
      return t.problems.notFound;
    case 410:
      return t.problems.gone;
    case 503:
      return t.problems.unavailable;
    default:
      break;
  }
  if (problem.type === 'trial-full') return t.problems.trialFull;
  if (problem.type === 'transition-not-allowed') {
    const from = problem.body['from'];
    const allowed = problem.body['allowed'];
    const name = (status: unknown) => (typeof status === 'string' && Object.hasOwn(t.statuses, status) ? t.statuses[status as keyof Messages['statuses']] : String(status));
    return t.problems.transitionNotAllowed(name(from), Array.isArray(allowed) ? allowed.map(name).join(', ') : '');
  }
  if (problem.status === 422 && problem.errors.length > 0) return t.problems.invalidFields(problem.errors.length);
  if (problem.status === 409) return t.problems.conflict;
  return problem.detail ?? t.problems.unexpected;
}

export function ProblemNotice({ problem, onRetry, onDismiss }: { readonly problem: unknown; readonly onRetry?: () => void; readonly onDismiss?: () => void }) {
  const { t } = useApp();
  const fields = problem instanceof ApiProblem && problem.status === 422 ? problem.errors : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{problemText(t, problem)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((error) => (
            <li key={error.field}>
              {t.app.fieldProblem(fieldLabel(t, error.field.replace(/^profile\./, '').replace(/\.\d+(?=\.|$)/g, '')) ?? error.field, error.message)}
            </li>
          ))}
        </ul>
      )}
      {(onRetry || onDismiss) && (
        <p class="notice-actions">
          {onRetry && (
            <button type="button" class="button-secondary" onClick={onRetry}>
              {t.problems.retry}
            </button>
          )}
          {onDismiss && (
            <button type="button" class="button-quiet" onClick={onDismiss}>
              {t.problems.dismiss}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
