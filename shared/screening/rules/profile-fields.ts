/**
 * The profile fields a trial's rules read, read once per screening. When a trial is compiled, each rule asks for
 * the dotted paths it reads and gets a reader; screening then reads every field in one pass, parents before
 * children, and the rules read their slots. Many rules read the same place (the birth date, the serology panel,
 * the labs and cardiac sections): each object is reached once, and the pass reaches the profile's objects
 * together instead of one criterion at a time.
 */
import type { PatientProfile } from '#profile/schema.js';

/** A profile's fields as read for one screening, by slot. Valid until the next screening with the same trial. */
export type FieldValues = readonly unknown[];

/** Reads one field (the value at a dotted path, or undefined when any step is missing or not an object). */
export type FieldReader = (fields: FieldValues) => unknown;

export class ProfileFields {
  private readonly slots = new Map<string, number>();
  /** For each slot: the slot of its parent path, or -1 for a top-level key. */
  private readonly parents: number[] = [];
  private readonly keys: string[] = [];
  /** Filled in place by each read: screening is synchronous, so one list serves every call. */
  private readonly values: unknown[] = [];

  /** A reader of the dotted path `path`. Paths come from trial definitions (schema field names). */
  reader(path: string): FieldReader {
    const slot = this.slot(path);
    return (fields) => fields[slot];
  }

  private slot(path: string): number {
    const known = this.slots.get(path);
    if (known !== undefined) return known;
    const at = path.lastIndexOf('.');
    const parent = at < 0 ? -1 : this.slot(path.slice(0, at));
    const slot = this.keys.length;
    this.parents.push(parent);
    this.keys.push(at < 0 ? path : path.slice(at + 1));
    this.values.push(undefined);
    this.slots.set(path, slot);
    return slot;
  }

  /**
   * Every registered field of `profile`. A step into anything but an object (a missing section, a string) reads
   * as undefined. Profiles are schema-checked plain objects and keys are schema field names, so plain property
   * reads are safe.
   */
  read(profile: PatientProfile): FieldValues {
    const { parents, keys, values } = this;
    for (let slot = 0; slot < keys.length; slot++) {
      const parentSlot = parents[slot] as number;
      const parent = parentSlot < 0 ? profile : values[parentSlot];
      values[slot] = typeof parent === 'object' && parent !== null ? Reflect.get(parent, keys[slot] as string) : undefined;
    }
    return values;
  }
}
