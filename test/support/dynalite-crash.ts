/**
 * Leaves a persisted dynalite database the way `kill -9` can: dynalite writes a put's index entries, then the item,
 * with no transaction between them. Opening the LevelDB directory with dynalite's own storage module (no server
 * running) and writing the index entries of a new version of an item without the item reproduces the moment
 * exactly: the index lists the item under both its old and its new keys, and the item is still the old one.
 */
import { createRequire } from 'node:module';

interface DynaliteStore {
  getTable(name: string, checkStatus: boolean, callback: (error: Error | null, table: DynaliteTable) => void): void;
  getItemDb(name: string): { get(key: string, callback: (error: Error | null, item: DynaliteItem) => void): void };
  db: { close(callback: (error?: Error) => void): void };
}
type DynaliteTable = Record<string, unknown>;
/** An item in DynamoDB's wire format (`{ pk: { S: '...' } }`). */
export type DynaliteItem = Record<string, Record<string, unknown>>;

interface DynaliteDb {
  create(options: { path: string }): DynaliteStore;
  createKey(item: DynaliteItem, table: DynaliteTable): string;
  updateIndexes(store: DynaliteStore, table: DynaliteTable, existing: DynaliteItem | null, item: DynaliteItem, callback: (error?: Error) => void): void;
}

const require = createRequire(import.meta.url);
const dynaliteDb = require('dynalite/db') as DynaliteDb;

const promised = <T>(run: (callback: (error: Error | null | undefined, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

/**
 * Writes the index entries `change` would give the item at `key`, and not the item: what a kill -9 between
 * the two leaves behind. The database must not be open elsewhere (LevelDB's lock).
 */
export async function crashMidPut(path: string, tableName: string, key: DynaliteItem, change: (item: DynaliteItem) => DynaliteItem): Promise<void> {
  const store = dynaliteDb.create({ path });
  try {
    const table = await promised<DynaliteTable>((callback) => store.getTable(tableName, false, (error, value) => callback(error, value)));
    const existing = await promised<DynaliteItem>((callback) =>
      store.getItemDb(tableName).get(dynaliteDb.createKey(key, table), (error, value) => callback(error, value)),
    );
    // As the crash leaves it: new index entries written, the old ones not yet deleted, the item not written.
    await promised<undefined>((callback) => dynaliteDb.updateIndexes(store, table, null, change(existing), (error) => callback(error, undefined)));
  } finally {
    await promised<undefined>((callback) => store.db.close((error) => callback(error, undefined)));
  }
}
