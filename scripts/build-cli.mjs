/**
 * Builds the `trial-match` command into one ESM file, dist/cli/trial-match.mjs, so running it does not compile
 * TypeScript first (tsx took ~2 s per run). Run by `prepare`, so `npm ci` and `npm install` build it; plain JS on
 * purpose, so it runs before anything else is set up. Same esbuild the Lambdas use, for Node 20+.
 */
import { build } from 'esbuild';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli/trial-match.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // ESM output has no `require`; a CommonJS dependency may still call it for a built-in.
  banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
  logLevel: 'warning',
});
