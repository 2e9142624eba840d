import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOutput, openLineFile } from '#cli/batch-files.js';

describe('the batch file adapters', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trial-match-batch-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives every line even when the lines are asked for long after the file was opened', async () => {
    // The batch opens its output file between opening the input and reading it; CI once lost every line there.
    const path = join(dir, 'in.ndjson');
    const text = Array.from({ length: 500 }, (_, i) => `{"line":${i + 1}}`).join('\r\n') + '\n';
    await writeFile(path, text);
    const input = await openLineFile(path);
    expect(input.bytes).toBe(Buffer.byteLength(text));
    await sleep(100);
    const lines: string[] = [];
    for await (const line of input.lines) lines.push(line);
    expect(lines).toHaveLength(500);
    expect(lines[0]).toBe('{"line":1}');
    expect(lines[499]).toBe('{"line":500}');
  });

  it('refuses a missing input file before anything is read', async () => {
    await expect(openLineFile(join(dir, 'absent.ndjson'))).rejects.toThrow(/ENOENT/);
  });

  it('writes results to a file and closes it', async () => {
    const path = join(dir, 'out.csv');
    const output = await fileOutput(path);
    await output.write('a,b\n');
    await output.write('1,2\n');
    await output.close();
    expect(await readFile(path, 'utf8')).toBe('a,b\n1,2\n');
  });
});
