/**
 * The table's item families, named by their partition key's prefix (`REFERRAL#<id>` is a `REFERRAL#` item). IAM
 * grants item actions per family with the `dynamodb:LeadingKeys` condition, so a function that only reads the
 * trial's state cannot read a referral even though both live in the one table. The prefixes come from the store's
 * own key builders (item-keys.ts), so they cannot drift from the keys the store writes.
 */
import { auditPk, referralPk, trialStatePk } from '#adapters/dynamodb/item-keys.js';

/** A partition key value's family: up to and including its first `#`, or the whole value when it has none. */
export function keyFamilyOf(partitionKeyValue: string): string {
  const hash = partitionKeyValue.indexOf('#');
  return hash < 0 ? partitionKeyValue : partitionKeyValue.slice(0, hash + 1);
}

export const KEY_FAMILIES = {
  /** A referral (with the first reply to its submission), or the tombstone a withdrawal leaves: patient data. */
  referral: keyFamilyOf(referralPk('id')),
  /** Trial-wide items: the recruitment switch and the enrolment ledger of places. No patient data. */
  trial: keyFamilyOf(trialStatePk('trial')),
  /** A site's audit trail: who read which referral, when and why; no clinical values. */
  audit: keyFamilyOf(auditPk('site')),
} as const;

export type KeyFamily = (typeof KEY_FAMILIES)[keyof typeof KEY_FAMILIES];

/** The families that hold patient data; every index also does (they project whole referral items). */
export const PATIENT_DATA_FAMILIES: readonly KeyFamily[] = [KEY_FAMILIES.referral];
