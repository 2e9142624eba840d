/**
 * The layout's rules, kept true (README, "Layout"):
 * - an import that leaves its room goes through the room's `#` alias (package.json "imports"); relative imports stay
 *   inside their room, a folder at most two levels down: shared/screening, functions/rescreen, infra/stack, test/unit,
 *   local, cli;
 * - every shared/ room and every top-level folder of TypeScript has its alias, and every alias names a folder;
 * - unit and integration tests mirror the source folders (test/unit/adapters/webhook tests shared/adapters/webhook).
 *
 * Reads the files on disk rather than asking git, so it judges exactly what tsc, vitest and esbuild will see.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Generated, installed or local-only folders: not part of the layout. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'cdk.out', 'coverage', 'test-output']);
const CODE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/;

/** Repository-relative paths (with /) of every file under `dir`, skipping dot-folders and generated ones. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (relativeDir: string): void => {
    for (const entry of readdirSync(join(ROOT, relativeDir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || NOT_SOURCE.has(entry.name)) continue;
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(dir);
  return found;
}

const isDirectory = (path: string): boolean => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isDirectory();
const topLevelFolders = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_SOURCE.has(entry.name))
  .map((entry) => entry.name);
const allFiles = topLevelFolders.flatMap((folder) => filesUnder(folder));
const codeFiles = allFiles.filter((file) => CODE.test(file));

interface Alias {
  /** `#screening/` */
  readonly prefix: string;
  /** `shared/screening` */
  readonly dir: string;
}
const packageImports =
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports?: Record<string, unknown> }).imports ?? {};
const aliases: Alias[] = Object.entries(packageImports).flatMap(([key, target]) =>
  key.endsWith('/*') && typeof target === 'string' && target.startsWith('./') && target.endsWith('/*')
    ? [{ prefix: key.slice(0, -1), dir: posix.normalize(target.slice(2, -2)) }]
    : [],
);

/** A room: the file's folder, cut to two levels (shared/screening/rules/serology → shared/screening). */
const roomOf = (file: string): string => posix.dirname(file).split('/').slice(0, 2).join('/');

function specifiersOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return ts.preProcessFile(source, true, true).importedFiles.map((reference) => reference.fileName);
}

/** The file a specifier names: `x.js` may be the TypeScript source `x.ts`, `x.tsx` or `x.d.ts`. */
function existingTarget(path: string): string | undefined {
  const candidates = path.endsWith('.js')
    ? [path, ...['.ts', '.tsx', '.d.ts'].map((extension) => path.slice(0, -3) + extension)]
    : path.endsWith('.mjs')
      ? [path, path.slice(0, -4) + '.mts']
      : [path];
  return candidates.find((candidate) => existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile());
}

describe('subpath imports', () => {
  it('give every shared/ room and every top-level folder of TypeScript its own #alias, and name only folders', () => {
    const sharedRooms = readdirSync(join(ROOT, 'shared'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({ prefix: `#${entry.name}/`, dir: `shared/${entry.name}` }));
    const topLevel = topLevelFolders
      .filter((folder) => folder !== 'shared' && allFiles.some((file) => file.startsWith(`${folder}/`) && TYPESCRIPT.test(file)))
      .map((folder) => ({ prefix: `#${folder}/`, dir: folder }));
    const expected = [...sharedRooms, ...topLevel].map((alias) => `${alias.prefix}* → ./${alias.dir}/*`).sort();
    expect(aliases.map((alias) => `${alias.prefix}* → ./${alias.dir}/*`).sort()).toEqual(expected);
    expect(aliases.filter((alias) => !isDirectory(alias.dir))).toEqual([]);
  });

  it('are how imports leave their room: no relative import climbs out of it', () => {
    const climbing = codeFiles.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => specifier.startsWith('../'))
        .filter((specifier) => roomOf(posix.normalize(posix.join(posix.dirname(file), specifier))) !== roomOf(file))
        .map((specifier) => `${file}: '${specifier}'`),
    );
    expect(climbing, 'use the target room\'s #alias from package.json "imports" (README, "Layout")').toEqual([]);
  });

  it('name files that exist (the .js of a specifier is the .ts source)', () => {
    const broken = codeFiles.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => specifier.startsWith('#'))
        .filter((specifier) => {
          const alias = aliases.find((candidate) => specifier.startsWith(candidate.prefix));
          return alias === undefined || existingTarget(alias.dir + '/' + specifier.slice(alias.prefix.length)) === undefined;
        })
        .map((specifier) => `${file}: '${specifier}'`),
    );
    expect(broken).toEqual([]);
  });
});

describe('unit and integration tests', () => {
  it('sit in folders that mirror a source folder (shared/<room>/…, a top-level folder, or test/support)', () => {
    const misplaced = [...new Set(
      ['test/unit', 'test/integration'].flatMap((kind) =>
        filesUnder(kind)
          .filter((file) => CODE.test(file))
          .map((file) => ({ kind, folder: dirname(file).slice(kind.length + 1) }))
          .filter(({ folder }) =>
            folder === '' || !['shared/', '', 'test/'].some((base) => isDirectory(normalize(base + folder)) && base + folder !== 'test'),
          )
          .map(({ kind, folder }) => `${kind}/${folder}`),
      ),
    )];
    expect(misplaced).toEqual([]);
  });
});
