/** A physician refers a patient: the form, the live pre-screen beside it, and sending. */
import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { submitReferral } from '../api/endpoints.js';
import { ImportBox } from './ImportBox.js';
import { Prescreen } from './Prescreen.js';
import { ProblemNotice } from './ProblemNotice.js';
import { ReferralFormSections } from './ReferralForm.js';
import { routes } from './routes.js';
import { rememberShown, verdictOf } from './submitted.js';
import { useApp } from './context.js';
import { useReferralEditor, type ReferralEditor } from './useReferralEditor.js';
import { usePageTitle } from './usePageTitle.js';

export function NewReferral() {
  const { t, api, navigate } = useApp();
  const editor = useReferralEditor({});
  const [attested, setAttested] = useState(false);
  const [attestError, setAttestError] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  // One key per profile: a retry of the same profile after a lost reply gets the first reply, never a second referral.
  const bodyKey = JSON.stringify(editor.checked.profile ?? null);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [bodyKey]);
  const attestRef = useRef<HTMLInputElement>(null);
  usePageTitle(t.form.title);

  const send = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    const profile = editor.profileToSend();
    if (!profile) return;
    if (!attested) {
      setAttestError(true);
      attestRef.current?.focus();
      return;
    }
    setSending(true);
    try {
      const reply = await submitReferral(api, profile, idempotencyKey);
      rememberShown(reply.body.id, verdictOf(editor.screening));
      navigate(routes.referral(reply.body.id));
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <div class="referral-page">
      <h1 tabIndex={-1}>{t.form.title}</h1>
      <p class="lede">{t.form.intro}</p>
      <ImportBox onLoaded={(draft) => editor.setDraft(draft)} />
      <ReferralWorkspace editor={editor} onSubmit={send}>
        <section class="form-section submit-area" aria-labelledby="consent-title">
          <h2 id="consent-title">{t.form.consentTitle}</h2>
          <div class={`checkbox attest${attestError && !attested ? ' has-error' : ''}`}>
            <input
              ref={attestRef}
              type="checkbox"
              id="attest"
              checked={attested}
              aria-describedby={attestError && !attested ? 'attest-error' : undefined}
              aria-invalid={attestError && !attested ? 'true' : undefined}
              onChange={(event) => setAttested((event.currentTarget as HTMLInputElement).checked)}
            />
            <label for="attest">{t.form.consentAttest}</label>
          </div>
          {attestError && !attested && (
            <p class="field-error" id="attest-error">
              {t.form.consentRequired}
            </p>
          )}
          {editor.checked.errors.length > 0 && editor.visibleErrors.size > 0 && <p class="field-error">{t.form.fixErrors(editor.checked.errors.length)}</p>}
          {problem !== undefined && <ProblemNotice problem={problem} onDismiss={() => setProblem(undefined)} />}
          <p>
            <button type="submit" class="button-primary" disabled={sending}>
              {sending ? t.form.submitting : t.form.submit}
            </button>
          </p>
        </section>
      </ReferralWorkspace>
    </div>
  );
}

/** The form and its live pre-screen, side by side on a desktop, one after the other on a phone. */
export function ReferralWorkspace({
  editor,
  children,
  onSubmit,
}: {
  readonly editor: ReferralEditor;
  readonly children: ComponentChildren;
  readonly onSubmit: (event: Event) => void;
}) {
  const { t } = useApp();
  const unknown = editor.screening.criteria.filter((criterion) => criterion.outcome === 'unknown').length;
  return (
    <div class="referral-layout">
      <form class="referral-form" noValidate onSubmit={onSubmit}>
        {editor.checked.leftOut.length > 0 && <p class="notice notice-warning">{t.form.leftOut(editor.checked.leftOut.length)}</p>}
        <ReferralFormSections
          draft={editor.draft}
          errors={editor.visibleErrors}
          onChange={editor.onChange}
          onAddItem={editor.onAddItem}
          onRemoveItem={editor.onRemoveItem}
          onLeaveGroup={editor.onLeaveGroup}
        />
        {children}
      </form>
      <aside class="prescreen-panel" aria-labelledby="prescreen-title">
        <p class="visually-hidden" aria-live="polite">
          {editor.screening.verdictLabel}
        </p>
        <Prescreen
          screening={editor.screening}
          title={t.prescreen.title}
          subtitle={t.prescreen.live}
          headingId="prescreen-title"
          onGoToField={editor.goToField}
          fieldName={editor.fieldName}
        />
      </aside>
      <div class="prescreen-bar">
        <span class={`verdict-badge verdict-${editor.screening.verdict}`}>{t.prescreen.summary(t.verdictShort[editor.screening.verdict], unknown)}</span>
        <button
          type="button"
          class="button-secondary"
          onClick={() => {
            const heading = document.getElementById('prescreen-title');
            heading?.focus();
            heading?.scrollIntoView({ block: 'start' });
          }}
        >
          {t.prescreen.jump}
        </button>
      </div>
    </div>
  );
}
