/**
 * Adding or correcting data: the stored profile in the form, the live pre-screen beside it, and the change sent as
 * a JSON merge patch with If-Match. If someone saved a newer version meanwhile (412), nothing is overwritten: the
 * physician is told, and can load the latest version with their own changes re-applied on top, then check and save.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { applyMergePatch, mergePatchBetween } from '#referral/merge-patch.js';
import { ApiProblem } from '../api/client.js';
import { getReferral, patchReferral } from '../api/endpoints.js';
import { draftFromProfile } from '../form/draft.js';
import { useApp } from './context.js';
import { ReferralWorkspace } from './NewReferral.js';
import { ProblemNotice } from './ProblemNotice.js';
import { routes } from './routes.js';
import { useReferralEditor } from './useReferralEditor.js';
import { usePageTitle } from './usePageTitle.js';

interface Base {
  readonly etag: string;
  readonly profile: Record<string, unknown>;
}

export function EditReferral({ id }: { readonly id: string }) {
  const { t, api, model, navigate, announce } = useApp();
  const editor = useReferralEditor({});
  const [base, setBase] = useState<Base | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  usePageTitle(t.form.editTitle);

  const load = useCallback(
    async (keep?: Record<string, unknown>) => {
      setProblem(undefined);
      try {
        const reply = await getReferral(api, id);
        const profile = reply.body.profile as Record<string, unknown>;
        if (!reply.etag) throw new Error('the API sent no ETag');
        setBase({ etag: reply.etag, profile });
        editor.setDraft(draftFromProfile(model, keep ? (applyMergePatch(profile, keep) as Record<string, unknown>) : profile));
      } catch (error) {
        setProblem(error);
      }
    },
    [api, id, model],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!base) return;
    const profile = editor.profileToSend();
    if (!profile) return;
    const patch = mergePatchBetween(base.profile, profile);
    if (Object.keys(patch).length === 0) {
      announce(t.form.noChanges);
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      await patchReferral(api, id, patch, base.etag);
      announce(t.detail.saved);
      navigate(routes.referral(id));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) setConflict(true);
      else setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  const reloadKeepingChanges = async () => {
    if (!base || !editor.checked.profile) return;
    const mine = mergePatchBetween(base.profile, editor.checked.profile as Record<string, unknown>);
    await load(mine);
    setConflict(false);
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  return (
    <div class="referral-page">
      <p class="breadcrumb">
        <a href={routes.referral(id)}>{t.detail.title(id)}</a>
      </p>
      <h1 tabIndex={-1}>{t.form.editTitle}</h1>
      {conflict && (
        <div class="notice notice-warning conflict" role="alert">
          <h2>{t.detail.conflictTitle}</h2>
          <p>{t.detail.conflictBody}</p>
          <p class="notice-actions">
            <button type="button" class="button-primary" onClick={() => void reloadKeepingChanges()}>
              {t.detail.conflictReload}
            </button>
            <a class="button-quiet" href={routes.referral(id)}>
              {t.detail.conflictDiscard}
            </a>
          </p>
        </div>
      )}
      {problem !== undefined && <ProblemNotice problem={problem} onDismiss={() => setProblem(undefined)} />}
      {!base && problem === undefined && <p>{t.app.loading}</p>}
      {base && (
        <ReferralWorkspace editor={editor} onSubmit={save}>
          <section class="form-section submit-area">
            <p class="actions">
              <button type="submit" class="button-primary" disabled={saving || conflict}>
                {saving ? t.form.saving : t.form.save}
              </button>
              <a class="button-quiet" href={routes.referral(id)}>
                {t.form.cancel}
              </a>
            </p>
          </section>
        </ReferralWorkspace>
      )}
    </div>
  );
}
