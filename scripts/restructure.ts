/**
 * Issue 11, STYLE-ANCHORS recommendations 7 and 8: folder names that say what the room is, and subpath imports
 * (package.json "imports", `#room/file.js`) instead of `../../../` chains. A codemod rather than a hand-made diff,
 * because other branches change many of these files at the same time: it is run once on main after they merge.
 *
 *   npx tsx scripts/restructure.ts             apply; refuses a working tree with uncommitted or untracked files
 *   npx tsx scripts/restructure.ts --dry-run   print what it would do and change nothing
 *   npx tsx scripts/restructure.ts --verify    apply, then run the typecheck, eslint and the layout tests
 *
 * In order:
 * 1. `git mv` per MOVES (whole folders file by file, so files a merge adds to an old folder follow it).
 * 2. package.json "imports": `#<room>/*` for every folder of shared/, `#<folder>/*` for every other top-level folder
 *    holding TypeScript (functions, infra, local, bench, cli, scripts, test, web…).
 * 3. Every import specifier of every code file (static, dynamic, type-only, re-exports): resolved against the tree
 *    before the moves, repointed to where its file now is, and written in one canonical form: relative inside the
 *    importer's room (a folder at most two levels down: shared/screening, functions/rescreen, infra/stack, test/unit,
 *    local), `#alias/…` when it would climb out of it. The `.js` a specifier ends in stays (it names the .ts source).
 * 4. Paths relative to a file (`new URL('../x', import.meta.url)`, `resolve(import.meta.dirname, '../x')`).
 * 5. Repository paths written as text (package.json scripts, configs, docs, comments, test fixtures read by path).
 * 6. tsconfig.json include, eslint no-restricted-imports patterns (`#` escaped: they are .gitignore lines), and the
 *    README's Layout section.
 *
 * Re-runnable: each step reads the tree as it is. A second run on a restructured tree changes nothing and says so;
 * a run after more branches merged moves what they added under an old folder and repoints their old paths (a
 * specifier naming a file that is gone is looked up again through MOVES).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const { dirname, join, normalize, relative } = posix;

interface Move {
  readonly from: string;
  readonly to: string;
  readonly why: string;
  /** Move only if every file that imports it (or, for a .d.ts, the module it declares) starts with one of these. */
  readonly onlyUsedFrom?: readonly string[];
  /** The module an ambient declaration file declares: its users are the files importing that module. */
  readonly declares?: string;
}

const LOCAL_ONLY = ['local/', 'infra/local/', 'bench/', 'test/'];

const MOVES: readonly Move[] = [
  { from: 'infra/local', to: 'local', why: 'the local runtime (npm start) is not infrastructure; nothing ties it to infra/stack' },
  {
    from: 'shared/adapters/dynamodb/create-table.ts',
    to: 'local/create-table.ts',
    why: 'only the local runtime, the bench and the tests create tables (CDK creates the deployed one)',
    onlyUsedFrom: LOCAL_ONLY,
  },
  {
    from: 'shared/adapters/dynamodb/dynalite-module.d.ts',
    to: 'local/dynalite-module.d.ts',
    why: 'the types of dynalite, which only the local runtime, the bench and the tests load',
    onlyUsedFrom: LOCAL_ONLY,
    declares: 'dynalite',
  },
  { from: 'shared/observability/logger.ts', to: 'shared/adapters/logger.ts', why: 'the Powertools logger is an adapter' },
  { from: 'test/proof', to: 'test/security', why: 'fuzzing, the authorization matrix, the log scan and the audit' },
  {
    from: 'test/unit/security/prototype-lookups.test.ts',
    to: 'test/security/prototype-lookups.test.ts',
    why: 'a security property across local/, adapters and profile, beside the other security tests',
  },
  { from: 'test/unit/referral/ids.test.ts', to: 'test/unit/adapters/runtime/ids.test.ts', why: 'it tests shared/adapters/runtime' },
  { from: 'test/unit/webhook', to: 'test/unit/adapters/webhook', why: 'it tests shared/adapters/webhook' },
  { from: 'test/unit/cli/describe-issues.test.ts', to: 'test/unit/validation/describe-issues.test.ts', why: 'it tests shared/validation' },
  { from: 'test/unit/profile-magnitudes.test.ts', to: 'test/unit/profile/magnitudes.test.ts', why: 'it tests shared/profile' },
  {
    from: 'test/integration/adapters/sqs-publisher.test.ts',
    to: 'test/integration/adapters/sqs/sqs-publisher.test.ts',
    why: 'it tests shared/adapters/sqs',
  },
  {
    from: 'test/integration/adapters/aws-composition.test.ts',
    to: 'test/integration/composition/aws-composition.test.ts',
    why: 'it tests shared/composition',
  },
  { from: 'test/integration/store', to: 'test/integration/adapters/dynamodb', why: 'the store contract, run on shared/adapters/dynamodb' },
  { from: 'test/unit/layers', to: 'test/layout', why: 'the layering lint rule is a rule of the layout, not a unit of a source folder' },
  { from: 'scripts/restructure/rooms.test.ts', to: 'test/layout/rooms.test.ts', why: 'the layout rules, kept true by npm test' },
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = 'scripts/restructure.ts';
const CODE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/;
/** Not rewritten as text: generated, or this script (whose MOVES must keep naming the old paths). */
const NOT_TEXT = new Set(['package-lock.json', SELF]);

const args = new Set(process.argv.slice(2));
if (args.has('--help')) {
  console.log(`usage: npx tsx ${SELF} [--dry-run | --verify]\n  --dry-run  print what it would do, change nothing\n  --verify   apply, then run the typecheck, eslint and the layout tests`);
  process.exit(0);
}
const unknownArgs = [...args].filter((arg) => !['--dry-run', '--verify'].includes(arg));
if (unknownArgs.length > 0) {
  console.error(`unknown argument(s) ${unknownArgs.join(' ')}; usage: npx tsx ${SELF} [--dry-run | --verify]`);
  process.exit(2);
}
const dryRun = args.has('--dry-run');
process.chdir(ROOT);

const git = (...gitArgs: string[]): string => execFileSync('git', gitArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

// ---------------------------------------------------------------------------------------------------------------
// The tree before, and the moves

if (!dryRun) {
  const dirty = git('status', '--porcelain');
  if (dirty.trim() !== '') {
    const lines = dirty.trimEnd().split('\n');
    const shown = lines.slice(0, 10).join('\n') + (lines.length > 10 ? `\n… and ${lines.length - 10} more` : '');
    console.error(`Refusing: the working tree has changes (commit or stash them first, so this codemod's diff is the only one):\n${shown}`);
    process.exit(2);
  }
}

const before = git('ls-files', '-z').split('\0').filter((file) => file !== '' && existsSync(file));
const beforeSet = new Set(before);
const warnings: string[] = [];
const moveLog: string[] = [];
const fileLog: string[] = [];

const isCode = (file: string): boolean => CODE.test(file) && file !== SELF;

/** The file a path names: a specifier's `x.js` may be the source `x.ts`, `x.tsx` or `x.d.ts`; `x.mjs` may be `x.mts`. */
function candidatesFor(path: string): string[] {
  if (path.endsWith('.js')) return [path, ...['.ts', '.tsx', '.d.ts', '.jsx'].map((extension) => path.slice(0, -3) + extension)];
  if (path.endsWith('.mjs')) return [path, path.slice(0, -4) + '.mts', path.slice(0, -4) + '.d.mts'];
  if (path.endsWith('.cjs')) return [path, path.slice(0, -4) + '.cts'];
  return [path];
}
const findIn = (files: ReadonlySet<string>, path: string): string | undefined => candidatesFor(path).find((c) => files.has(c));

interface Alias {
  /** `#screening/` */
  readonly prefix: string;
  /** `shared/screening` */
  readonly dir: string;
}

function aliasesOf(packageJson: { imports?: Record<string, unknown> }): Alias[] {
  return Object.entries(packageJson.imports ?? {}).flatMap(([key, target]) =>
    key.endsWith('/*') && typeof target === 'string' && target.startsWith('./') && target.endsWith('/*')
      ? [{ prefix: key.slice(0, -1), dir: normalize(target.slice(2, -2)) }]
      : [],
  );
}

const packageBefore = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown> & {
  imports?: Record<string, unknown>;
};
const aliasesBefore = aliasesOf(packageBefore);

interface Reference {
  readonly specifier: string;
  /** Offset of the specifier's first character (inside the quotes). */
  readonly start: number;
}

function referencesIn(source: string): Reference[] {
  const references: Reference[] = [];
  for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
    // preProcessFile's positions sit around the quotes; find the quoted text itself from there.
    let start = source.indexOf(imported.fileName, Math.max(0, imported.pos - 1));
    while (start > 0 && !`'"\``.includes(source[start - 1] ?? '')) start = source.indexOf(imported.fileName, start + 1);
    if (start > 0) references.push({ specifier: imported.fileName, start });
  }
  return references;
}

/** The repository path a relative or `#` specifier names (before looking for the file), or undefined for a package. */
function rawTarget(importer: string, specifier: string, aliases: readonly Alias[]): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return normalize(join(dirname(importer), specifier));
  if (specifier.startsWith('#')) {
    const alias = [...aliases].sort((a, b) => b.prefix.length - a.prefix.length).find((a) => specifier.startsWith(a.prefix));
    return alias === undefined ? undefined : join(alias.dir, specifier.slice(alias.prefix.length));
  }
  return undefined;
}

const sourceBefore = new Map<string, string>();
const readBefore = (file: string): string => {
  let text = sourceBefore.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    sourceBefore.set(file, text);
  }
  return text;
};

/** Who uses a file (or the module a .d.ts declares), in the tree before. */
function usersOf(move: Move, target: string): string[] {
  return before.filter(isCode).filter((file) =>
    referencesIn(readBefore(file)).some(({ specifier }) =>
      move.declares !== undefined
        ? specifier === move.declares || specifier.startsWith(`${move.declares}/`)
        : findIn(beforeSet, rawTarget(file, specifier, aliasesBefore) ?? '') === target,
    ),
  );
}

/** Moves that apply to this tree (done or to do), and the file renames still to do. */
const activeMoves: Move[] = [];
const renames = new Map<string, string>();
for (const move of MOVES) {
  const sources = beforeSet.has(move.from) ? [move.from] : before.filter((file) => file.startsWith(`${move.from}/`));
  if (sources.length === 0) {
    if (existsSync(move.to)) {
      activeMoves.push(move);
      moveLog.push(`  already moved: ${move.from} → ${move.to}`);
    } else {
      warnings.push(`${move.from}: not in this tree and ${move.to} neither; move skipped (renamed on another branch?)`);
    }
    continue;
  }
  if (move.onlyUsedFrom !== undefined) {
    const outside = usersOf(move, move.from).filter((user) => !move.onlyUsedFrom?.some((prefix) => user.startsWith(prefix)));
    if (outside.length > 0) {
      warnings.push(`${move.from} stays: used outside ${move.onlyUsedFrom.join(', ')} by ${outside.join(', ')}`);
      continue;
    }
  }
  for (const source of sources) {
    const destination = move.to + source.slice(move.from.length);
    if (beforeSet.has(destination) || existsSync(destination)) {
      console.error(`Refusing: ${source} would move onto ${destination}, which exists. Resolve that by hand, then re-run.`);
      process.exit(2);
    }
    renames.set(source, destination);
  }
  activeMoves.push(move);
  moveLog.push(`  ${move.from} → ${move.to}${sources.length > 1 ? ` (${sources.length} files)` : ''}: ${move.why}`);
}

/** Where a path (file or folder, present or not) is after the moves. */
function movedPath(path: string): string {
  for (const move of activeMoves) {
    if (path === move.from) return move.to;
    if (path.startsWith(`${move.from}/`)) return move.to + path.slice(move.from.length);
  }
  return path;
}

const after = before.map((file) => renames.get(file) ?? file);
const afterSet = new Set(after);
const oldPathOf = new Map(before.map((file) => [renames.get(file) ?? file, file]));

// ---------------------------------------------------------------------------------------------------------------
// Rooms and aliases after the moves

const topLevelOf = (file: string): string | undefined => (file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined);
const sharedRooms = [...new Set(after.filter((f) => f.startsWith('shared/') && f.split('/').length > 2).map((f) => f.split('/')[1] ?? ''))].sort();
const codeFolders = [...new Set(after.filter((f) => TYPESCRIPT.test(f)).map(topLevelOf))]
  .filter((folder): folder is string => folder !== undefined && folder !== 'shared')
  .sort();
const clash = sharedRooms.filter((room) => codeFolders.includes(room));
if (clash.length > 0) {
  console.error(`Refusing: shared/${clash[0]} and the top-level ${clash[0]}/ would both be #${clash[0]}/*. Rename one first.`);
  process.exit(2);
}
const generatedAliases: Alias[] = [
  ...sharedRooms.map((room) => ({ prefix: `#${room}/`, dir: `shared/${room}` })),
  ...codeFolders.map((folder) => ({ prefix: `#${folder}/`, dir: folder })),
];
// Aliases someone wrote by hand stay, pointed at where their folder went.
const keptAliases = aliasesBefore
  .filter((alias) => !generatedAliases.some((generated) => generated.prefix === alias.prefix))
  .map((alias) => ({ prefix: alias.prefix, dir: movedPath(alias.dir) }));
const aliasesAfter = [...generatedAliases, ...keptAliases].sort((a, b) => a.prefix.localeCompare(b.prefix));

/** A room: the file's folder, cut to two levels (shared/screening/rules/serology → shared/screening). */
const roomOf = (file: string): string => dirname(file).split('/').slice(0, 2).join('/');

// ---------------------------------------------------------------------------------------------------------------
// The new contents

const contents = new Map<string, string>();
const isBinary = (file: string): boolean => readFileSync(file).subarray(0, 8000).includes(0);
const textAfter = (file: string): string => {
  let text = contents.get(file);
  if (text === undefined) {
    text = readBefore(oldPathOf.get(file) ?? file);
    contents.set(file, text);
  }
  return text;
};
const originalOf = (file: string): string => readBefore(oldPathOf.get(file) ?? file);

function replaceAt(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

// 3. Import specifiers
let specifiersRewritten = 0;
let toAliases = 0;
const filesWithNewSpecifiers = new Set<string>();
const repointed: string[] = [];
const unresolved: string[] = [];

/** The path a specifier spells after the move: as it spelled it before (`x.js` for `x.ts`), at the file's new place. */
function specifierPathAfter(raw: string, targetBefore: string, targetAfter: string): string {
  let common = 0;
  while (common < raw.length && raw[common] === targetBefore[common]) common += 1;
  const fileSuffix = targetBefore.slice(common);
  return targetAfter.endsWith(fileSuffix) ? targetAfter.slice(0, targetAfter.length - fileSuffix.length) + raw.slice(common) : targetAfter;
}

/** `#room/…` for a path under an alias's folder (the longest such folder), if any. */
function aliasSpecifier(specifierPath: string): string | undefined {
  const alias = aliasesAfter
    .filter((candidate) => specifierPath.startsWith(`${candidate.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  return alias === undefined ? undefined : alias.prefix + specifierPath.slice(alias.dir.length + 1);
}

function canonicalSpecifier(importer: string, raw: string, targetBefore: string, targetAfter: string): string {
  const specifierPath = specifierPathAfter(raw, targetBefore, targetAfter);
  let relativePath = relative(dirname(importer), specifierPath);
  if (!relativePath.startsWith('../')) relativePath = `./${relativePath}`;
  if (!relativePath.startsWith('../') || roomOf(importer) === roomOf(specifierPath)) return relativePath;
  return aliasSpecifier(specifierPath) ?? relativePath;
}

for (const file of after.filter(isCode)) {
  const oldFile = oldPathOf.get(file) ?? file;
  const text = textAfter(file);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const { specifier, start } of referencesIn(text)) {
    const rawBefore = rawTarget(oldFile, specifier, aliasesBefore);
    if (rawBefore === undefined) continue; // a package
    let targetBefore = findIn(beforeSet, rawBefore);
    let targetAfter: string | undefined;
    if (targetBefore !== undefined) {
      targetAfter = renames.get(targetBefore) ?? targetBefore;
    } else {
      // A path that was already stale (a file merged after the moves): look it up through MOVES.
      const stale = candidatesFor(rawBefore).find((candidate) => afterSet.has(movedPath(candidate)) && movedPath(candidate) !== candidate);
      if (stale !== undefined) {
        targetBefore = stale;
        targetAfter = movedPath(stale);
        repointed.push(`${file}: '${specifier}'`);
      }
    }
    if (targetBefore === undefined || targetAfter === undefined) {
      unresolved.push(`${file}: '${specifier}'`);
      continue;
    }
    const canonical = canonicalSpecifier(file, rawBefore, targetBefore, targetAfter);
    if (canonical !== specifier) {
      edits.push({ start, end: start + specifier.length, text: canonical });
      specifiersRewritten += 1;
      if (canonical.startsWith('#')) toAliases += 1;
    }
  }
  if (edits.length > 0) {
    contents.set(file, replaceAt(text, edits));
    filesWithNewSpecifiers.add(file);
  }
}

// 3b. Specifiers inside string literals: code that a test hands to a tool (the lint rule's probes,
// "import { problems } from '../http/problem.js';"). Where the probe would sit is the test's business, so the path is
// read by the first folder it names (a shared/ room or a top-level folder) and written as that room's alias.
const probeChanges: string[] = [];
const sharedRoomsBefore = new Set(before.filter((f) => f.startsWith('shared/') && f.split('/').length > 2).map((f) => f.split('/')[1] ?? ''));
const topLevelBefore = new Set(before.map((f) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : '')).filter((f) => f !== '' && f !== 'shared'));
for (const file of after.filter(isCode)) {
  const text = textAfter(file);
  const real = new Set(referencesIn(text).map((reference) => reference.start));
  const edits: { start: number; end: number; text: string }[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)(['"])((?:\.\.\/)+([\w-]+)\/[^'"\s]+)\1/g)) {
    const specifier = match[2] ?? '';
    const start = (match.index ?? 0) + match[0].length - specifier.length - 1;
    if (real.has(start)) continue;
    const folder = match[3] ?? '';
    const rest = specifier.replace(/^(?:\.\.\/)+/, '');
    const raw = sharedRoomsBefore.has(folder) ? `shared/${rest}` : topLevelBefore.has(folder) ? rest : undefined;
    if (raw === undefined) continue;
    const targetBefore = findIn(beforeSet, raw) ?? candidatesFor(raw).find((c) => afterSet.has(movedPath(c)));
    if (targetBefore === undefined) continue;
    const alias = aliasSpecifier(specifierPathAfter(raw, targetBefore, renames.get(targetBefore) ?? movedPath(targetBefore)));
    if (alias === undefined) continue;
    edits.push({ start, end: start + specifier.length, text: alias });
    probeChanges.push(`${file}: '${specifier}' → '${alias}'`);
  }
  if (edits.length > 0) contents.set(file, replaceAt(text, edits));
}

// 4. Paths relative to the file itself
const relativePathChanges: string[] = [];
const FILE_RELATIVE = [
  // new URL('../x', import.meta.url); the path may be a template literal's static head: `../examples/${name}`
  /new URL\(\s*(['"`])(\.\.?(?:\/[^'"`$]*)?)(?=(?:\1|\$\{)[^;]*?,\s*import\.meta\.url\s*\))/g,
  // resolve(import.meta.dirname, '../x') and join(...)
  /(?:resolve|join)\(\s*import\.meta\.dirname\s*,\s*(['"`])(\.\.?(?:\/[^'"`$]*)?)/g,
];
for (const file of after.filter(isCode)) {
  const oldFile = oldPathOf.get(file) ?? file;
  const text = textAfter(file);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const pattern of FILE_RELATIVE) {
    for (const match of text.matchAll(pattern)) {
      const path = match[2] ?? '';
      const start = (match.index ?? 0) + match[0].length - path.length;
      const targetBefore = normalize(join(dirname(oldFile), path));
      if (targetBefore.startsWith('..')) continue; // outside the repository
      const target = targetBefore === '.' ? '' : targetBefore;
      const targetAfter = movedPath(target);
      if (file === oldFile && targetAfter === target) continue;
      let rewritten = relative(dirname(file), targetAfter) || '.';
      if (path.endsWith('/') && !rewritten.endsWith('/')) rewritten += '/';
      if (path.startsWith('./') && !rewritten.startsWith('../') && !rewritten.startsWith('./')) rewritten = `./${rewritten}`;
      if (rewritten !== path) {
        edits.push({ start, end: start + path.length, text: rewritten });
        relativePathChanges.push(`${file}: '${path}' → '${rewritten}'`);
      }
    }
  }
  if (edits.length > 0) contents.set(file, replaceAt(text, edits));
  if (file !== oldFile) {
    for (const [index, line] of textAfter(file).split('\n').entries()) {
      if (/import\.meta\.(?:url|dirname|filename)/.test(line) && /['"`]\.\.?\//.test(line) && !FILE_RELATIVE.some((p) => new RegExp(p.source).test(line))) {
        warnings.push(`${file}:${index + 1}: a path next to import.meta that this codemod does not know; check it by hand: ${line.trim()}`);
      }
    }
  }
}

// 5. Repository paths as text
interface TextRule {
  readonly from: string;
  readonly to: string;
}
const textRules: TextRule[] = activeMoves.flatMap((move): TextRule[] => {
  if (!/\.[a-z]+$/.test(move.from)) return [{ from: move.from, to: move.to }];
  const stem = (path: string): string => path.replace(/(?:\.d)?\.[a-z]+$/, '');
  const rules: TextRule[] = [{ from: move.from, to: move.to }];
  if (/\.tsx?$/.test(move.from) && !move.from.endsWith('.d.ts')) rules.push({ from: stem(move.from) + '.js', to: stem(move.to) + '.js' });
  rules.push({ from: stem(move.from), to: stem(move.to) });
  return rules;
});
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const textPattern =
  textRules.length === 0
    ? undefined
    : new RegExp(
        // Preceded by nothing path-like (or by ./ ../ or **/), followed by / or by nothing path-like.
        `(?<=^|[^\\w.\\-/#@$]|(?:^|[^\\w.])\\.\\.?/|\\*/)(${[...textRules]
          .sort((a, b) => b.from.length - a.from.length)
          .map((rule) => escapeRegExp(rule.from))
          .join('|')})(?=/|$|[^\\w.\\-]|\\.(?![\\w]))`,
        'gm',
      );
const textChanges = new Map<string, number>();
if (textPattern !== undefined) {
  for (const file of after) {
    if (NOT_TEXT.has(file) || isBinary(oldPathOf.get(file) ?? file)) continue;
    const text = textAfter(file);
    let count = 0;
    const rewritten = text.replace(textPattern, (found) => {
      count += 1;
      return textRules.find((rule) => rule.from === found)?.to ?? found;
    });
    if (count > 0) {
      contents.set(file, rewritten);
      textChanges.set(file, count);
    }
  }
}

// 2. package.json "imports"
{
  const text = textAfter('package.json');
  const packageJson = JSON.parse(text) as Record<string, unknown>;
  const imports: Record<string, string> = {};
  for (const alias of aliasesAfter) imports[`${alias.prefix}*`] = `./${alias.dir}/*`;
  const existing = (packageJson['imports'] ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(existing)) if (!(key in imports)) imports[key] = value as string;
  if (JSON.stringify(existing) !== JSON.stringify(imports)) {
    const ordered: Record<string, unknown> = {};
    const anchor = 'bin' in packageJson ? 'bin' : 'type';
    for (const [key, value] of Object.entries(packageJson)) {
      if (key === 'imports') continue;
      ordered[key] = value;
      if (key === anchor) ordered['imports'] = imports;
    }
    if (!('imports' in ordered)) ordered['imports'] = imports;
    contents.set('package.json', `${JSON.stringify(ordered, null, 2)}\n`);
    const added = Object.keys(imports).filter((key) => !(key in existing));
    fileLog.push(`  package.json "imports": ${added.length} added (${added.join(' ')})`);
  }
}

// 6a. tsconfig.json include: a new top-level folder made by a move joins the one it came from.
for (const tsconfig of after.filter((file) => /(?:^|\/)tsconfig(?:\.[\w-]+)?\.json$/.test(file) && !file.includes('/'))) {
  const text = textAfter(tsconfig);
  const include = /("include"\s*:\s*\[)([^\]]*)(\])/.exec(text);
  if (include === null) continue;
  const entries = [...(include[2] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
  const next = [...entries];
  for (const move of activeMoves) {
    const fromTop = move.from.split('/')[0] ?? '';
    const toTop = move.to.split('/')[0] ?? '';
    if (move.to.includes('/') || fromTop === toTop || next.includes(toTop) || !next.includes(fromTop)) continue;
    next.splice(next.indexOf(fromTop) + 1, 0, toTop);
  }
  if (next.join() !== entries.join()) {
    contents.set(tsconfig, text.replace(include[0], `${include[1]}${next.map((e) => JSON.stringify(e)).join(', ')}${include[3]}`));
    fileLog.push(`  ${tsconfig} include: + ${next.filter((e) => !entries.includes(e)).join(', ')}`);
  }
}

// 6b. eslint no-restricted-imports: '../adapters/*' → '\\#adapters/*' (a # opens a comment in a .gitignore line).
for (const config of after.filter((file) => /^eslint\.config\.[cm]?[jt]s$/.test(file))) {
  let text = textAfter(config);
  const start = text;
  text = text.replace(/(['"])((?:\.\.\/)+)([\w-]+)(\/[^'"]*)?\1/g, (found, quote: string, _up: string, room: string, rest: string | undefined) =>
    sharedRooms.includes(room) ? `${quote}\\\\#${room}${rest ?? ''}${quote}` : found,
  );
  // A regex that anchors a relative climb into a room (`^(\\.\\./)+(http|adapters)…`) also takes the room's alias.
  text = text.replace(/\^\(\\\\\.\\\\\.\/\)\+\(/g, '^(?:(\\\\.\\\\./)+|#)(');
  text = text.replace(
    /A relative import that reaches one of `rooms` \(`\.\.\/http\/problem\.js`, /,
    'An import that reaches one of `rooms`, by alias or by a climb (`#http/problem.js`, ',
  );
  // A list of rooms that names the folder a new top-level one came out of (infra, for local) names the new one too.
  for (const move of activeMoves) {
    const [parent, child, ...deeper] = move.from.split('/');
    if (parent === undefined || child === undefined || deeper.length > 0 || move.to !== child) continue;
    text = text.replace(/\[([^[\]]*)\]/g, (found, inner: string) => {
      const quoted = new RegExp(`(['"])${escapeRegExp(parent)}\\1`);
      const hit = quoted.exec(inner);
      if (hit === null || new RegExp(`(['"])${escapeRegExp(child)}\\1`).test(inner)) return found;
      return `[${inner.replace(hit[0], `${hit[0]}, ${hit[1]}${child}${hit[1]}`)}]`;
    });
  }
  // Now-equal patterns in one list ('../adapters/*', '../../adapters/*') become one.
  text = text.replace(/\[([^[\]]*)\]/g, (found, inner: string) => {
    const items = inner.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0 || !items.every((item) => /^(['"]).*\1$/.test(item))) return found;
    const unique = [...new Set(items)];
    return unique.length === items.length ? found : `[${unique.join(', ')}]`;
  });
  if (text !== start && !text.includes('unescaped #')) {
    text = text.replace(
      /^(\s*)(.*\\\\#)/m,
      "$1// '\\\\#room/*': these patterns are .gitignore lines, where an unescaped # starts a comment and matches nothing.\n$1$2",
    );
  }
  if (text !== start) {
    contents.set(config, text);
    fileLog.push(`  ${config}: no-restricted-imports patterns name the # aliases`);
  }
}

// 6c. README, Layout
{
  const readme = 'README.md';
  let text = afterSet.has(readme) ? textAfter(readme) : '';
  const start = text;
  const block = /(## Layout\n\n```\n)([\s\S]*?)(\n```\n)/.exec(text);
  if (block === null) {
    if (text !== '') warnings.push('README.md: no "## Layout" code block found; add the layout note by hand');
  } else {
    let lines = block[2] ?? '';
    const pad = (name: string): string => name.padEnd(14);
    lines = lines.replace(
      /^infra\/\s+the CDK app \(app\.ts, stack\/\), the local runtime \(local\/\), (operator commands.*)$/m,
      `${pad('infra/')}the CDK app (app.ts, stack/, bundling.ts) and $1\n` +
        `${pad('local/')}npm start: the service on this machine (dynalite, API Gateway and SQS stand-ins, scheduler,\n` +
        `${pad('')}webhook receiver, tokens); not infrastructure, so not under infra/`,
    );
    lines = lines.replace(/^(\s+ports\/.*adapters\/\s+DynamoDB, SQS, signed webhook)$/m, '$1, logger');
    lines = lines.replace(
      /^test\/\s+unit, integration \(dynalite over the wire\), e2e \(the local stack over HTTP\), infra \(synth \+ nag, ops\)$/m,
      `${pad('test/')}unit/ and integration/ (dynalite over the wire) mirror the source folders; e2e/ (the local stack\n` +
        `${pad('')}over HTTP), faults/, security/ (fuzzing, authorization matrix, log scan, audit), infra/ (synth + nag,\n` +
        `${pad('')}ops), layout/ (the layer rule, the rules below)`,
    );
    if (!/^local\/\s/m.test(lines)) warnings.push('README.md Layout: the infra/ line was not the one expected; add a local/ line by hand');
    if (!/security\//.test(lines)) warnings.push('README.md Layout: the test/ line was not the one expected; name its folders by hand');
    const newBlock = `${block[1]}${lines}${block[3]}`;
    text = text.replace(block[0], newBlock);
    if (!text.includes('`#screening/screen.js`')) {
      const note =
        '\nAn import that leaves its room goes through package.json `"imports"`: `#screening/screen.js`,\n' +
        '`#local/local-stack.js`, `#test/support/profiles.js`. A room is a folder at most two levels down (`shared/screening`,\n' +
        '`functions/rescreen`, `infra/stack`, `test/unit`, `local`); inside it, imports stay relative. Each folder of\n' +
        '`shared/` has its own alias, so regrouping them is a change to package.json, not to hundreds of imports. The `.js`\n' +
        'of `#…/x.js` names the `.ts` source, as in relative imports: tsc (NodeNext), tsx, vitest and esbuild (the Lambda,\n' +
        'CLI and web bundles) resolve it alike. `test/layout/rooms.test.ts` keeps this true, and keeps unit and integration\n' +
        'tests in folders that mirror the sources (`test/unit/adapters/webhook` tests `shared/adapters/webhook`).\n';
      const end = text.indexOf(newBlock) + newBlock.length;
      text = text.slice(0, end) + note + text.slice(end);
    }
    if (text !== start) {
      contents.set(readme, text);
      fileLog.push('  README.md: Layout (local/, test/ folders, the # imports)');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report, then apply

const changed = [...contents.entries()].filter(([file, text]) => text !== originalOf(file)).map(([file]) => file);
if (renames.size === 0 && changed.length === 0) {
  console.log('Nothing to do: this tree already has the new layout and canonical imports.');
  for (const warning of warnings) console.log(`  warning: ${warning}`);
  process.exit(0);
}

console.log(dryRun ? 'Would do (dry run, nothing changed):' : 'Restructuring:');
console.log(`moves (${renames.size} files, git mv):`);
for (const line of moveLog) console.log(line);
console.log('edits:');
for (const line of fileLog) console.log(line);
console.log(`  import specifiers: ${specifiersRewritten} rewritten (${toAliases} to # aliases) in ${filesWithNewSpecifiers.size} files`);
if (repointed.length > 0) console.log(`  stale specifiers repointed through MOVES:\n${repointed.map((r) => `    ${r}`).join('\n')}`);
if (probeChanges.length > 0) console.log(`  specifiers inside strings (lint probes):\n${probeChanges.map((c) => `    ${c}`).join('\n')}`);
if (relativePathChanges.length > 0) console.log(`  paths relative to their file:\n${relativePathChanges.map((c) => `    ${c}`).join('\n')}`);
if (textChanges.size > 0) {
  console.log(`  repository paths in text (${[...textChanges.values()].reduce((a, b) => a + b, 0)}):`);
  for (const [file, count] of textChanges) console.log(`    ${file}: ${count}`);
}
for (const entry of unresolved) warnings.push(`unresolved specifier left as it was: ${entry}`);
for (const warning of warnings) console.log(`  warning: ${warning}`);

if (dryRun) process.exit(0);

const emptied = new Set<string>();
for (const [from, to] of renames) {
  mkdirSync(dirname(to), { recursive: true });
  git('mv', '--', from, to);
  for (let dir = dirname(from); dir !== '.' && dir !== ''; dir = dirname(dir)) emptied.add(dir);
}
for (const dir of [...emptied].sort((a, b) => b.length - a.length)) {
  if (existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length === 0) rmdirSync(dir);
}
for (const file of changed) writeFileSync(file, contents.get(file) ?? '');
if (changed.length > 0) git('add', '--', ...changed);
console.log(`done: ${renames.size} files moved, ${changed.length} files edited, all staged. Review with git diff --cached -M --stat.`);

if (args.has('--verify')) {
  const steps: [string, string[]][] = [
    ['typecheck', ['npm', 'run', '-s', 'typecheck']],
    ['eslint', ['eslint', '.']],
    ['layout tests', ['vitest', 'run', 'test/layout']],
  ];
  for (const [name, command] of steps) {
    console.log(`\nverify: ${name}`);
    const [program = 'npx', ...rest] = command[0] === 'npm' ? command : ['npx', ...command];
    const result = spawnSync(program, rest, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`verify: ${name} failed`);
      process.exit(1);
    }
  }
  console.log('\nverify: typecheck, eslint and the layout tests pass. Next: npm test.');
}
