/**
 * Builds the web app: one fingerprinted script (Preact, the screening engine, the profile schema and both
 * languages' catalogues) and one stylesheet, plus index.html that loads them with Subresource Integrity and no
 * inline code. The profile's JSON Schema is generated from the zod schema here and compiled into the script.
 *
 * Used three ways: `npm start` builds into memory and serves it, the CDK app builds into the asset folder it
 * deploys, and the bench measures the result.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, buildSync, type BuildOptions, type OutputFile } from 'esbuild';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE } from '#web/security-headers.js';
import { profileJsonSchema } from './profile-json-schema.js';

const WEB_ROOT = resolve(import.meta.dirname, '..');

/**
 * Browsers a physician in China may use: recent Chrome, Edge, Firefox and Safari (15: esbuild cannot lower zod's
 * destructuring for 14), and the Chromium-based browsers
 * common there (360, QQ, WeChat's built-in browser) from Chromium 87 on.
 */
export const BROWSER_TARGETS = ['chrome87', 'edge88', 'firefox78', 'safari15'];

/** The budget of the issue: the whole app, engine included, gzipped. */
export const BUNDLE_BUDGET_GZIP_BYTES = 150 * 1024;

export interface WebFile {
  /** URL path, from the root: `/index.html`, `/assets/app-5XQ2.js`. */
  readonly path: string;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly body: Buffer;
}

export interface WebBuild {
  readonly files: ReadonlyMap<string, WebFile>;
  readonly script: WebFile;
  readonly stylesheet: WebFile;
  /** Script and stylesheet, gzipped at level 9 (what a CDN sends, near enough). */
  readonly gzipBytes: number;
  readonly bytes: number;
}

function esbuildOptions(): BuildOptions & { write: false; metafile: false } {
  return {
    absWorkingDir: WEB_ROOT,
    entryPoints: { app: 'src/main.tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: BROWSER_TARGETS,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: 'out',
    entryNames: 'assets/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    define: { __PROFILE_SCHEMA__: JSON.stringify(profileJsonSchema()) },
    legalComments: 'eof',
    charset: 'utf8',
    write: false,
    metafile: false,
    logLevel: 'silent',
  };
}

const integrity = (body: Buffer): string => `sha384-${createHash('sha384').update(body).digest('base64')}`;

function indexHtml(script: WebFile, stylesheet: WebFile): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>trial-match · NCT05212584</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheet.path}" integrity="${integrity(stylesheet.body)}">
<script type="module" src="${script.path}" integrity="${integrity(script.body)}"></script>
</head>
<body>
<div id="app"><p class="boot">正在加载… Loading…</p></div>
<noscript><p class="boot">本应用需要启用JavaScript。This application needs JavaScript.</p></noscript>
</body>
</html>
`;
}

function assemble(outputs: readonly OutputFile[]): WebBuild {
  const file = (extension: string, contentType: string): WebFile => {
    const output = outputs.find((candidate) => candidate.path.endsWith(extension));
    if (!output) throw new Error(`the web build produced no ${extension} file`);
    const path = `/${output.path.slice(output.path.indexOf('/out/') + '/out/'.length)}`;
    return { path, contentType, cacheControl: CACHE_IMMUTABLE, body: Buffer.from(output.contents) };
  };
  const script = file('.js', 'text/javascript; charset=utf-8');
  const stylesheet = file('.css', 'text/css; charset=utf-8');
  const index: WebFile = {
    path: '/index.html',
    contentType: 'text/html; charset=utf-8',
    cacheControl: CACHE_REVALIDATE,
    body: Buffer.from(indexHtml(script, stylesheet), 'utf8'),
  };
  const files = new Map([index, script, stylesheet].map((entry) => [entry.path, entry]));
  const gzipBytes = gzipSync(script.body, { level: 9 }).length + gzipSync(stylesheet.body, { level: 9 }).length + gzipSync(index.body, { level: 9 }).length;
  return { files, script, stylesheet, gzipBytes, bytes: script.body.length + stylesheet.body.length + index.body.length };
}

export async function buildWebApp(): Promise<WebBuild> {
  const result = await build(esbuildOptions());
  return assemble(result.outputFiles);
}

/** The same build, synchronously: CDK's local bundling cannot wait for a promise. */
export function buildWebAppSync(): WebBuild {
  return assemble(buildSync(esbuildOptions()).outputFiles);
}

/** Writes a build into a folder (the CDK asset), file paths as URL paths. */
export function writeWebBuild(webBuild: WebBuild, outdir: string): void {
  for (const file of webBuild.files.values()) {
    const target = join(outdir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
}
