/**
 * Reference resolution inside one Bundle (FHIR R4 §2.36.4, "Resolving references in Bundles"): a reference matches
 * an entry by its `fullUrl` (an absolute URL or `urn:uuid:`), or, relative (`Patient/123`), by `Type/id` of the
 * resource or the tail of an absolute `fullUrl`. Bundles in the wild mix the two, and a `urn:uuid` fullUrl often
 * differs from the resource's `id`: both keys are indexed.
 */
export interface Resolvable {
  readonly index: number;
  readonly fullUrl?: string;
  readonly resourceType: string;
  readonly id?: string;
}

export class BundleIndex<T extends Resolvable> {
  private readonly byKey = new Map<string, T>();

  constructor(entries: readonly T[]) {
    for (const entry of entries) {
      if (entry.fullUrl !== undefined) {
        this.add(entry.fullUrl, entry);
        const tail = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(entry.fullUrl);
        if (tail?.[1] !== undefined && tail[1].startsWith(`${entry.resourceType}/`)) this.add(tail[1], entry);
      }
      if (entry.id !== undefined) this.add(`${entry.resourceType}/${entry.id}`, entry);
    }
  }

  private add(key: string, entry: T): void {
    // The first entry wins a clash: a later duplicate cannot redirect references already meant for the first.
    if (!this.byKey.has(key)) this.byKey.set(key, entry);
  }

  resolve(reference: string | undefined): T | undefined {
    if (reference === undefined) return undefined;
    const direct = this.byKey.get(reference);
    if (direct) return direct;
    // An absolute reference to a server the bundle's fullUrls do not use: fall back to its Type/id tail.
    const tail = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(reference)?.[1];
    return tail === undefined ? undefined : this.byKey.get(tail);
  }
}
