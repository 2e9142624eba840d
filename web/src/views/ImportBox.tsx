/** Loading a profile from a file: chosen with the keyboard or dropped with the mouse. */
import { useRef, useState } from 'preact/hooks';
import { draftFromProfile, type Draft } from '../form/draft.js';
import { checkProfile } from '../form/validate.js';
import { importProfileText } from '../import/importers.js';
import { useApp } from './context.js';
import { errorText } from './ReferralForm.js';

export function ImportBox({ onLoaded }: { readonly onLoaded: (draft: Draft) => void }) {
  const { t, model } = useApp();
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string; readonly details?: readonly string[] } | undefined>();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const read = async (file: File) => {
    const outcome = importProfileText(await file.text());
    if (outcome.kind !== 'loaded') {
      const reason = outcome.kind === 'not-json' ? t.form.importNotJson : outcome.kind === 'too-large' ? t.form.importTooLarge : t.form.importUnsupported;
      setMessage({ ok: false, text: t.form.importFailed(file.name), details: [reason] });
      return;
    }
    const { profile, notes } = outcome.result;
    // A field the profile does not have would be dropped silently by the form: refuse the file instead.
    const unknown = checkProfile(profile).errors.filter((error) => error.code === 'unknown-field');
    if (unknown.length > 0) {
      setMessage({ ok: false, text: t.form.importFailed(file.name), details: unknown.map((error) => `${error.path}: ${errorText(t, error)}`) });
      return;
    }
    onLoaded(draftFromProfile(model, profile));
    setMessage({ ok: true, text: t.form.importLoaded(file.name), details: notes });
  };

  return (
    <div
      class={`import-box${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer?.files[0];
        if (file) void read(file);
      }}
    >
      <h2 class="import-title">{t.form.importTitle}</h2>
      <p class="help" id="import-help">
        {t.form.importHelp}
      </p>
      <p class="import-controls">
        <button type="button" class="button-secondary" aria-describedby="import-help" onClick={() => input.current?.click()}>
          {t.form.importButton}
        </button>
        <input
          ref={input}
          id="import-file"
          hidden
          tabIndex={-1}
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const input = event.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void read(file);
            input.value = '';
          }}
        />
        <span class="import-drop">{t.form.importDrop}</span>
      </p>
      {message && (
        <div class={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
          {message.details && message.details.length > 0 && (
            <ul>
              {message.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

