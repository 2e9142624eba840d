/**
 * The referral form, drawn from the form model (itself read from the profile schema) and arranged in the sections
 * of form/layout.ts. Inputs are labelled, described by their help and error, and reachable in order by keyboard.
 */
import type { JSX, TargetedEvent } from 'preact';
import { NONE, draftValue, type Draft, type DraftValue } from '../form/draft.js';
import { FORM_SECTIONS } from '../form/layout.js';
import { fieldAt, type FormField, type GroupField, type LeafField, type ListField } from '../form/model.js';
import type { FieldError } from '../form/validate.js';
import type { Messages } from '../i18n/en.js';
import { booleanLabel, fieldHelp, fieldLabel, optionLabel } from '../i18n/messages.js';
import { useApp } from './context.js';

export const fieldId = (instancePath: string): string => `f-${instancePath.replace(/\./g, '-')}`;
export const groupId = (instancePath: string): string => `g-${instancePath.replace(/\./g, '-')}`;
export const sectionId = (id: string): string => `s-${id}`;

interface FormProps {
  readonly draft: Draft;
  readonly errors: ReadonlyMap<string, FieldError>;
  readonly onChange: (instancePath: string, value: DraftValue | undefined) => void;
  /** Make the list at `listPath` this long (blank entries are added). */
  readonly onAddItem: (listPath: string, length: number) => void;
  readonly onRemoveItem: (listPath: string, index: number) => void;
  /** A group lost focus: its errors may show from now on. */
  readonly onLeaveGroup: (instancePath: string) => void;
}

export function errorText(t: Messages, error: FieldError): string {
  const message = t.errors[error.code];
  return typeof message === 'function' ? message(error.limit ?? 0) : message;
}

export function ReferralFormSections(props: FormProps) {
  const { t, model } = useApp();
  return (
    <>
      {FORM_SECTIONS.map((section) => (
        <section key={section.id} class="form-section" id={sectionId(section.id)} aria-labelledby={`${sectionId(section.id)}-title`}>
          <h2 id={`${sectionId(section.id)}-title`}>{t.sections[section.id].title}</h2>
          <p class="section-help">{t.sections[section.id].help}</p>
          {section.paths.map((path) => {
            const field = fieldAt(model, path);
            if (!field) return null;
            // A top-level group of groups (labs, heart) is the section itself: show its groups without a frame.
            if (field.kind === 'group' && field.children.every((child) => child.kind === 'group' || child.kind === 'list')) {
              return field.children.map((child) => <FieldView key={child.path} field={child} path={child.path} {...props} />);
            }
            // The section's only group (the patient, the consent) needs no frame and legend of its own either.
            if (field.kind === 'group' && section.paths.length === 1) {
              return (
                <div key={path} class="group-fields section-fields" id={groupId(path)}>
                  {field.children.map((child) => (
                    <FieldView key={child.key} {...props} field={child} path={`${path}.${child.key}`} />
                  ))}
                </div>
              );
            }
            return <FieldView key={path} field={field} path={path} {...props} />;
          })}
        </section>
      ))}
    </>
  );
}

interface FieldViewProps extends FormProps {
  readonly field: FormField;
  /** Instance path (with list indexes). */
  readonly path: string;
  readonly legend?: string;
  /** An entry of a list: the list already shows the help. */
  readonly item?: boolean;
}

function FieldView(props: FieldViewProps) {
  const { field } = props;
  if (field.kind === 'group') return <GroupView {...props} field={field} />;
  if (field.kind === 'list') return <ListView {...props} field={field} />;
  return <LeafView {...props} field={field} />;
}

function Help({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  return text ? (
    <p class="help" id={id}>
      {text}
    </p>
  ) : null;
}

function GroupView(props: FieldViewProps & { readonly field: GroupField }) {
  const { t } = useApp();
  const { field, path, legend, item, onLeaveGroup } = props;
  const help = item ? undefined : fieldHelp(t, field.path);
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !(event.currentTarget as HTMLElement).contains(next)) onLeaveGroup(path);
  };
  return (
    <fieldset class="group" id={groupId(path)} onFocusOut={onFocusOut} aria-describedby={help ? `${groupId(path)}-help` : undefined}>
      <legend>{legend ?? fieldLabel(t, field.path)}</legend>
      <Help id={`${groupId(path)}-help`} text={help} />
      <div class="group-fields">
        {field.children.map((child) => (
          <FieldView key={child.key} {...props} legend={undefined} item={false} field={child} path={`${path}.${child.key}`} />
        ))}
      </div>
    </fieldset>
  );
}

function ListView(props: FieldViewProps & { readonly field: ListField }) {
  const { t } = useApp();
  const { field, path, draft, onAddItem, onRemoveItem, onChange } = props;
  const label = fieldLabel(t, field.path) ?? field.key;
  const raw = draftValue(draft, path);
  const none = raw === NONE;
  const items = Array.isArray(raw) ? (raw as readonly Draft[]) : [];
  // One blank entry is always offered (empty entries are never sent), so the common case needs no extra click.
  const shown = none ? 0 : Math.max(items.length, field.emptyMeansNone ? 0 : 1);
  const help = fieldHelp(t, field.path);
  return (
    <fieldset class="list" id={groupId(path)} aria-describedby={help ? `${groupId(path)}-help` : undefined}>
      <legend>{label}</legend>
      <Help id={`${groupId(path)}-help`} text={help} />
      {field.emptyMeansNone && (
        <div class="checkbox">
          <input
            type="checkbox"
            id={fieldId(`${path}.none`)}
            checked={none}
            onChange={(event) => onChange(path, (event.currentTarget as HTMLInputElement).checked ? NONE : undefined)}
          />
          <label for={fieldId(`${path}.none`)}>{t.form.none(label)}</label>
        </div>
      )}
      {Array.from({ length: shown }, (_, index) => (
        <div class="list-item" key={index}>
          <GroupView {...props} field={field.item} path={`${path}.${index}`} legend={t.form.item(label, index + 1)} item />
          {index < items.length && (
            <button type="button" class="button-quiet remove-item" onClick={() => onRemoveItem(path, index)}>
              {t.form.remove(label, index + 1)}
            </button>
          )}
        </div>
      ))}
      {!none && shown < field.maxItems && (
        <button
          type="button"
          class="button-secondary add-item"
          onClick={() => onAddItem(path, shown + 1)}
        >
          {t.form.add(label)}
        </button>
      )}
    </fieldset>
  );
}

/** Unit codes that read the same (`umol/L`, `µmol/L`) are offered once, unless one of them is the current value. */
function distinctOptions(t: Messages, field: LeafField & { readonly options: readonly string[] }, current: string): readonly string[] {
  const seen = new Set<string>();
  return field.options.filter((option) => {
    const label = optionLabel(t, field, option) ?? option;
    if (seen.has(label) && option !== current) return false;
    seen.add(label);
    return true;
  });
}

function LeafView(props: FieldViewProps & { readonly field: LeafField }) {
  const { t } = useApp();
  const { field, path, draft, errors, onChange } = props;
  const id = fieldId(path);
  const raw = draftValue(draft, path);
  const value = typeof raw === 'string' ? raw : '';
  const error = errors.get(path);
  const help = fieldHelp(t, field.path);
  const label = fieldLabel(t, field.path) ?? field.key;
  const describedBy = [error ? `${id}-error` : undefined, help ? `${id}-help` : undefined].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy };
  const set = (next: string) => onChange(path, next === '' ? undefined : next);
  const onInput = (event: TargetedEvent<HTMLInputElement | HTMLSelectElement>) => set(event.currentTarget.value);

  let control: JSX.Element;
  switch (field.kind) {
    case 'choice': {
      const selected = value === '' && field.defaultOption !== undefined ? field.defaultOption : value;
      control = (
        <select {...common} value={selected} onChange={onInput}>
          {field.defaultOption === undefined && <option value="">{t.form.notReported}</option>}
          {distinctOptions(t, field, selected).map((option) => (
            <option key={option} value={option}>
              {optionLabel(t, field, option) ?? option}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'number': {
      const small = field.integer && field.min !== undefined && field.max !== undefined && field.max - field.min <= 10;
      if (small && field.min !== undefined && field.max !== undefined) {
        const scores = Array.from({ length: field.max - field.min + 1 }, (_, i) => String((field.min ?? 0) + i));
        control = (
          <select {...common} value={value} onChange={onInput}>
            <option value="">{t.form.notReported}</option>
            {scores.map((score) => (
              <option key={score} value={score}>
                {optionLabel(t, field, score) ?? score}
              </option>
            ))}
          </select>
        );
      } else {
        control = (
          <input
            {...common}
            type="text"
            inputMode={field.integer ? 'numeric' : 'decimal'}
            autoComplete="off"
            spellcheck={false}
            value={value}
            onInput={onInput}
          />
        );
      }
      break;
    }
    case 'date':
      // Year first, typed, in both languages: a browser's date field shows the computer's format (mm/dd/yyyy on an
      // English one), where 05/11 and 11/05 are easily confused.
      control = (
        <input {...common} type="text" inputMode="numeric" autoComplete="off" spellcheck={false} placeholder={t.form.datePlaceholder} maxLength={16} value={value} onInput={onInput} />
      );
      break;
    case 'boolean':
      control = (
        <select {...common} value={value} onChange={onInput}>
          <option value="">{t.form.notReported}</option>
          <option value="true">{booleanLabel(t, field.path, true)}</option>
          <option value="false">{booleanLabel(t, field.path, false)}</option>
        </select>
      );
      break;
    case 'text':
      control = <input {...common} type="text" autoComplete="off" maxLength={field.maxLength} value={value} onInput={onInput} />;
      break;
    case 'multi': {
      const chosen = Array.isArray(raw) ? (raw as readonly string[]) : [];
      return (
        <fieldset class="field field-multi" id={id} aria-describedby={describedBy}>
          <legend>{label}</legend>
          <div class="checkboxes">
            {field.options.map((option) => (
              <div class="checkbox" key={option}>
                <input
                  type="checkbox"
                  id={`${id}-${option}`}
                  checked={chosen.includes(option)}
                  onChange={(event) => {
                    const on = (event.currentTarget as HTMLInputElement).checked;
                    const next = on ? [...chosen, option] : chosen.filter((item) => item !== option);
                    onChange(path, next.length > 0 ? next : undefined);
                  }}
                />
                <label for={`${id}-${option}`}>{optionLabel(t, field, option) ?? option}</label>
              </div>
            ))}
          </div>
          {error && <p class="field-error" id={`${id}-error`}>{errorText(t, error)}</p>}
        </fieldset>
      );
    }
  }
  // A choice whose words are long (the diagnosis, a donor type) gets room to show them whole.
  const wide = field.kind === 'choice' && field.options.some((option) => (optionLabel(t, field, option) ?? option).length > 18);
  return (
    <div class={`field field-${field.kind}${field.kind === 'choice' && field.unit ? ' field-unit' : ''}${wide ? ' field-wide' : ''}${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {control}
      <Help id={`${id}-help`} text={help} />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}
