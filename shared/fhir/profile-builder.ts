/**
 * Collects profile values from many resources: each value is checked against the profile schema on its own before
 * it is kept (a value the profile refuses is listed as not used, with the profile's message, instead of failing
 * the whole bundle), and for fields that hold one result the most recent one wins, the others being listed as
 * superseded.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { BundleChecks } from './bundle-checks.js';
import type { EntryRef, NotUsed, NotUsedReason, Provenance, ProvenanceNote } from './translation.js';

type Draft = Record<string, unknown>;

export interface Candidate {
  readonly source: EntryRef;
  /** FHIRPath into the bundle. */
  readonly path: string;
  readonly codings: readonly string[];
  readonly note?: ProvenanceNote;
}

interface Kept {
  readonly value: unknown;
  /** Day the value is dated, for "most recent wins"; undefined when the field is not dated. */
  readonly day: string | undefined;
  readonly candidate: Candidate;
}

function setPath(target: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Draft;
    else node = node[key] = {};
  }
  node[keys[keys.length - 1] as string] = value;
}

export class ProfileBuilder {
  private readonly single = new Map<string, Kept>();
  private readonly lists = new Map<string, Kept[]>();
  readonly notUsed: NotUsed[] = [];

  /**
   * `checks` decides each value, against its field's own schema rather than the whole profile's, and the profile
   * built (bundle-checks.ts).
   */
  constructor(private readonly checks: BundleChecks) {}

  reject(candidate: Pick<Candidate, 'source' | 'codings'>, reason: NotUsedReason, detail?: string): void {
    this.notUsed.push({ source: candidate.source, codings: candidate.codings, reason, ...(detail === undefined ? {} : { detail }) });
  }

  /** A field holding one value: the most recent dated value wins (undated fields: the first one). */
  set(field: string, value: unknown, day: string | undefined, candidate: Candidate): void {
    const problem = this.checks.profileField(field, value);
    if (problem !== undefined) return this.reject(candidate, 'invalid-value', problem);
    const current = this.single.get(field);
    if (current === undefined) {
      this.single.set(field, { value, day, candidate });
      return;
    }
    const newer = day !== undefined && (current.day === undefined || day > current.day);
    if (newer) {
      this.reject(current.candidate, 'superseded');
      this.single.set(field, { value, day, candidate });
    } else this.reject(candidate, 'superseded');
  }

  /** A list field (blast counts): every valid value is kept, most recent first, up to `max`. */
  add(field: string, value: unknown, day: string, candidate: Candidate, max: number): void {
    const problem = this.checks.profileField(field, [value]);
    if (problem !== undefined) return this.reject(candidate, 'invalid-value', problem.replace(`${field}.0`, field));
    const list = this.lists.get(field) ?? [];
    list.push({ value, day, candidate });
    list.sort((a, b) => ((b.day ?? '') < (a.day ?? '') ? -1 : (b.day ?? '') > (a.day ?? '') ? 1 : 0));
    while (list.length > max) {
      const dropped = list.pop();
      if (dropped) this.reject(dropped.candidate, 'superseded');
    }
    this.lists.set(field, list);
  }

  build(): { profile: PatientProfile; provenance: Provenance[] } {
    const draft: Draft = {};
    const provenance: Provenance[] = [];
    const record = (field: string, candidate: Candidate) =>
      provenance.push({
        field,
        source: candidate.source,
        path: candidate.path,
        ...(candidate.codings[0] === undefined ? {} : { coding: candidate.codings[0] }),
        ...(candidate.note === undefined ? {} : { note: candidate.note }),
      });
    for (const [field, kept] of this.single) {
      setPath(draft, field, kept.value);
      record(field, kept.candidate);
    }
    for (const [field, list] of this.lists) {
      setPath(
        draft,
        field,
        list.map((kept) => kept.value),
      );
      list.forEach((kept, index) => record(`${field}.${index}`, kept.candidate));
    }
    // Every piece was checked on its own; the whole is checked once more so the type is earned, not asserted.
    return { profile: this.checks.profile(draft), provenance };
  }
}
