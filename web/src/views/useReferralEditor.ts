/**
 * The state of a referral being written: the draft as typed, the profile it stands for, its errors (shown per group
 * once the physician has left the group, or all at once on sending) and the live pre-screen.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import { draftValue, profileFromDraft, removeListItem, setDraftValue, type Draft, type DraftValue } from '../form/draft.js';
import { fieldAt } from '../form/model.js';
import { checkProfile, type FieldError } from '../form/validate.js';
import { fieldLabel } from '../i18n/messages.js';
import { prescreen } from '../screening/prescreen.js';
import { useApp } from './context.js';
import { fieldId, groupId } from './ReferralForm.js';

const within = (path: string, group: string) => path === group || path.startsWith(`${group}.`);

export function useReferralEditor(initial: Draft) {
  const { model, locale, t, announce } = useApp();
  const [draft, setDraft] = useState<Draft>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);

  const { profile, problems } = useMemo(() => profileFromDraft(model, draft), [model, draft]);
  const checked = useMemo(() => checkProfile(profile, problems), [profile, problems]);
  const screening = useMemo(() => prescreen(checked.screenable, locale), [checked, locale]);

  const visibleErrors = useMemo(() => {
    const shown = new Map<string, FieldError>();
    for (const error of checked.errors) {
      if (showAll || [...touched].some((group) => within(error.path, group))) shown.set(error.path, shown.get(error.path) ?? error);
    }
    return shown;
  }, [checked, touched, showAll]);

  const onChange = useCallback((path: string, value: DraftValue | undefined) => setDraft((current) => setDraftValue(current, path, value)), []);
  const onAddItem = useCallback(
    (path: string, length: number) =>
      setDraft((current) => {
        const list = draftValue(current, path);
        const items = Array.isArray(list) ? [...(list as readonly Draft[])] : [];
        while (items.length < length) items.push({});
        return setDraftValue(current, path, items);
      }),
    [],
  );
  const onRemoveItem = useCallback((path: string, index: number) => setDraft((current) => removeListItem(current, path, index)), []);
  const onLeaveGroup = useCallback(
    (path: string) =>
      setTouched((current) => {
        if (current.has(path)) return current;
        const next = new Set(current);
        next.add(path);
        return next;
      }),
    [],
  );

  /** The schema path of a requested datum that the form has (a request may name a part of a field). */
  const formPathOf = useCallback(
    (requested: string): string | undefined => {
      let path = requested;
      while (path !== '' && !fieldAt(model, path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
      return path === '' ? undefined : path;
    },
    [model],
  );

  const fieldName = useCallback((requested: string) => {
    const path = formPathOf(requested);
    return path === undefined ? undefined : fieldLabel(t, path);
  }, [formPathOf, t]);

  /** Moves the focus to the first input of a field (a missing datum's "go to" button, the first error). */
  const goToField = useCallback(
    (requested: string) => {
      const path = formPathOf(requested) ?? requested;
      const field = fieldAt(model, path);
      const instance = field?.kind === 'list' ? `${path}.0` : path;
      const dashed = instance.replace(/\./g, '-');
      const target =
        document.getElementById(fieldId(instance)) ??
        document.getElementById(groupId(instance)) ??
        document.querySelector<HTMLElement>(`[id^="f-${dashed}-"]`);
      const focusable = target?.matches('input, select, textarea') ? target : target?.querySelector<HTMLElement>('input, select, textarea, button');
      focusable?.focus();
      focusable?.scrollIntoView({ block: 'center' });
    },
    [model, formPathOf],
  );

  /** The profile to send, or undefined after showing every error, saying how many, and focusing the first. */
  const profileToSend = (): Record<string, unknown> | undefined => {
    const { profile: checkedProfile, errors } = checked;
    if (checkedProfile && errors.length === 0) return checkedProfile as Record<string, unknown>;
    setShowAll(true);
    announce(t.form.fixErrors(errors.length));
    const first = errors[0];
    if (first) requestAnimationFrame(() => goToField(first.path));
    return undefined;
  };

  return {
    draft,
    setDraft,
    profile,
    checked,
    screening,
    visibleErrors,
    showAllErrors: () => setShowAll(true),
    onChange,
    onAddItem,
    onRemoveItem,
    onLeaveGroup,
    goToField,
    fieldName,
    profileToSend,
  };
}

export type ReferralEditor = ReturnType<typeof useReferralEditor>;
