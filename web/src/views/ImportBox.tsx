/** Loading a profile from a file (a FHIR Bundle or a JSON profile): chosen with the keyboard or dropped with the mouse. */
import { useRef, useState } from 'preact/hooks';
import { draftFromProfile, type Draft } from '../form/draft.js';
import { checkProfile } from '../form/validate.js';
import { renderNotUsed } from '#fhir/fhir-messages.js';
import { importProfileText, type ImportOutcome } from '../import/importers.js';
import type { Locale } from '#i18n/locale.js';
import type { Messages } from '../i18n/en.js';
import { useApp } from './context.js';
import { errorText } from './ReferralForm.js';

export function ImportBox({ onLoaded }: { readonly onLoaded: (draft: Draft) => void }) {
  const { t, model, locale } = useApp();
  const [message, setMessage] = useState<ImportMessage | undefined>();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const read = async (file: File) => {
    const outcome = importProfileText(await file.text());
    if (outcome.kind !== 'loaded') {
      setMessage({ ok: false, text: t.form.importFailed(file.name), ...failure(t, locale, outcome) });
      return;
    }
    const { profile, notUsed } = outcome.result;
    // A field the profile does not have would be dropped silently by the form: refuse the file instead.
    const unknown = checkProfile(profile).errors.filter((error) => error.code === 'unknown-field');
    if (unknown.length > 0) {
      setMessage({ ok: false, text: t.form.importFailed(file.name), details: unknown.map((error) => `${error.path}: ${errorText(t, error)}`) });
      return;
    }
    onLoaded(draftFromProfile(model, profile));
    setMessage({
      ok: true,
      text: t.form.importLoaded(file.name),
      ...(notUsed.length === 0 ? {} : { detailsTitle: t.form.importNotUsed(notUsed.length), details: notUsed.map((entry) => renderNotUsed(entry, locale).text) }),
    });
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
          accept="application/json,application/fhir+json,.json"
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
          {message.detailsTitle && <p>{message.detailsTitle}</p>}
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


interface ImportMessage {
  readonly ok: boolean;
  readonly text: string;
  readonly detailsTitle?: string;
  readonly details?: readonly string[];
}

const megabytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** Why a file was not loaded, in the physician's words. */
function failure(t: Messages, locale: Locale, outcome: Exclude<ImportOutcome, { kind: 'loaded' }>): Pick<ImportMessage, 'detailsTitle' | 'details'> {
  switch (outcome.kind) {
    case 'not-json':
      return { details: [t.form.importNotJson] };
    case 'too-large':
      return { details: [t.form.importTooLarge(megabytes(outcome.maxBytes))] };
    case 'unsupported':
      return { details: [t.form.importUnsupported(outcome.resourceType)] };
    case 'rejected':
      // Element paths stay as FHIR writes them (`entry[3].resource.valueQuantity.value`): they are what the
      // hospital's interface engineer looks for in the export.
      return {
        detailsTitle: t.form.importRejected,
        details: outcome.errorsIn(locale).map((error) => (error.field === '' ? error.message : t.app.fieldProblem(error.field, error.message))),
      };
  }
}
