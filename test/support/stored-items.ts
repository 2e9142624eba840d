/**
 * Raw table items as a test reads them with a Scan, with each referral's compressed document opened
 * (shared/adapters/dynamodb/referral-document.ts): a search of the raw bytes would find nothing that is in it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unpackDocument, type ReferralDocument } from '#adapters/dynamodb/referral-document.js';
import { DOCUMENT_ATTRIBUTE } from '#adapters/dynamodb/table-design.js';

/** The item with its document attribute (if any) replaced by the document's fields as plain values. */
export function withDocumentOpened(item: Record<string, AttributeValue>): Record<string, unknown> {
  const document = item[DOCUMENT_ATTRIBUTE];
  if (document === undefined) return item;
  return { ...item, [DOCUMENT_ATTRIBUTE]: unpackDocument(document.B) };
}

/** A referral item's document, or undefined for an item without one (a tombstone, another kind of item). */
export function documentOf(item: Record<string, AttributeValue>): ReferralDocument | undefined {
  const document = item[DOCUMENT_ATTRIBUTE];
  return document === undefined ? undefined : unpackDocument(document.B);
}
