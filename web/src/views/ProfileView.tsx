/** A profile as read-only text, in the form's sections and words: what the physician sent, what the site reads. */
import { FORM_SECTIONS } from '../form/layout.js';
import { fieldAt, type FormField } from '../form/model.js';
import type { Messages } from '../i18n/en.js';
import { booleanLabel, fieldLabel, optionLabel } from '../i18n/messages.js';
import { useApp } from './context.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Values whose unit is the field itself: a percentage, a QTc in milliseconds. */
const IMPLIED_UNITS: Readonly<Record<string, string>> = { percent: '%', 'cardiac.qtcMs.value': ' ms' };

function leafText(t: Messages, field: FormField, value: unknown): string {
  const implied = IMPLIED_UNITS[field.path] ?? IMPLIED_UNITS[field.key];
  if (implied !== undefined && typeof value === 'number') return `${value}${implied}`;
  if (field.kind === 'boolean') return booleanLabel(t, field.path, value === true);
  if (field.kind === 'multi' && Array.isArray(value)) return value.map((v) => optionLabel(t, field, String(v)) ?? String(v)).join(', ');
  if ((field.kind === 'choice' || field.kind === 'number') && typeof value !== 'object') return optionLabel(t, field, String(value)) ?? String(value);
  return String(value);
}

/** One line per filled group: its label, then its values (a value and its unit read as one). */
function lines(t: Messages, field: FormField, value: unknown, label: string, out: { label: string; text: string }[]): void {
  if (value === undefined || value === null) return;
  if (field.kind === 'list') {
    const items = Array.isArray(value) ? value : [value];
    if (items.length === 0) out.push({ label, text: t.form.none(label) });
    items.forEach((item, index) => lines(t, field.item, item, items.length > 1 ? t.form.item(label, index + 1) : label, out));
    return;
  }
  if (field.kind !== 'group') {
    out.push({ label, text: leafText(t, field, value) });
    return;
  }
  if (!isObject(value)) return;
  const parts: string[] = [];
  const nested: { label: string; text: string }[] = [];
  for (const child of field.children) {
    const childValue = value[child.key];
    if (childValue === undefined) continue;
    if (child.kind === 'group' || child.kind === 'list') {
      lines(t, child, childValue, fieldLabel(t, child.path) ?? child.key, nested);
      continue;
    }
    if (child.kind === 'choice' && child.unit && parts.length > 0) {
      parts[parts.length - 1] = `${parts[parts.length - 1]} ${leafText(t, child, childValue)}`;
      continue;
    }
    const childLabel = fieldLabel(t, child.path) ?? child.key;
    const text = leafText(t, child, childValue);
    const bare = childLabel === label || ['value', 'status', 'percent', 'score'].includes(child.key);
    parts.push(bare ? text : `${childLabel}: ${text}`);
  }
  if (parts.length > 0) out.push({ label, text: parts.join(' · ') });
  out.push(...nested);
}

export function ProfileView({ profile }: { readonly profile: Readonly<Record<string, unknown>> }) {
  const { t, model } = useApp();
  return (
    <div class="profile-view">
      {FORM_SECTIONS.map((section) => {
        const out: { label: string; text: string }[] = [];
        for (const path of section.paths) {
          const field = fieldAt(model, path);
          let value: unknown = profile;
          for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
          if (field && value !== undefined) {
            const block: { label: string; text: string }[] = [];
            lines(t, field, value, fieldLabel(t, path) ?? path, block);
            out.push(...block);
          }
        }
        if (out.length === 0) return null;
        return (
          <section key={section.id} class="profile-section">
            <h3>{t.sections[section.id].title}</h3>
            <dl>
              {out.map((line, index) => (
                <div class="profile-line" key={index}>
                  <dt>{line.label}</dt>
                  <dd>{line.text}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
