/**
 * The import worker's pure work (lib/import-read.ts) and the panel's fallback to it when no worker
 * starts (lib/import-off-thread.ts): a file is read, `read` is called between reading and checking,
 * and every outcome (accepted, refused, unreadable, breaking the parser) resolves to a verdict the
 * panel accepts on receipt, never a rejection that would leave the panel waiting.
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { readExportOffThread } from '../../lib/import-off-thread.ts';
import type { Parsed } from '../../lib/import-parse.ts';
import { readExport } from '../../lib/import-read.ts';
import { EXPORT_FORMAT, ImportWorkerReplySchema } from '../../lib/schema.ts';
import { sampleExport } from './import-support.ts';

/** Reads `file` as the worker does and lists what happened, in order. */
async function steps(file: Blob): Promise<{ events: string[]; parsed: Parsed }> {
  const events: string[] = [];
  const parsed = await readExport(file, () => void events.push('read'));
  events.push('checked');
  return { events, parsed };
}

/** What the panel makes of the worker's final reply, after the copy postMessage makes. */
const received = (parsed: Parsed) => z.safeParse(ImportWorkerReplySchema, structuredClone({ step: 'checked', parsed }));

describe('reading an import file', () => {
  it('accepts a valid export, saying once that it is read', async () => {
    const { events, parsed } = await steps(new Blob([JSON.stringify(sampleExport())], { type: 'application/json' }));
    expect(events).toEqual(['read', 'checked']);
    expect(parsed).toEqual({ ok: true, data: sampleExport() });
    expect(received(parsed)).toMatchObject({ success: true, data: { parsed } });
  });

  it('refuses a broken file with the parser’s sentence', async () => {
    const { events, parsed } = await steps(new Blob(['{"format": "inspection-lens.annotations", "version": 1,']));
    expect(events).toEqual(['read', 'checked']);
    expect(parsed).toEqual({ ok: false, message: 'The file ends too early: it looks cut short (truncated). Export it again.' });
    expect(received(parsed).success).toBe(true);
  });

  it('says a file that can no longer be read could not be read, without checking it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inspection-lens-'));
    const path = join(dir, 'export.json');
    await writeFile(path, JSON.stringify(sampleExport()));
    const file = await openAsBlob(path);
    await rm(dir, { recursive: true });
    const { events, parsed } = await steps(file);
    expect(events).toEqual(['checked']);
    expect(parsed).toEqual({ ok: false, message: expect.stringMatching(/^The file could not be read: ./) });
  });

  it('turns a file that breaks the parser into a sentence rather than a rejection', async () => {
    const depth = 200_000;
    const deep = `{"format": "${EXPORT_FORMAT}", "version": 1, "x": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const { parsed } = await steps(new Blob([deep]));
    expect(parsed).toEqual({ ok: false, message: expect.stringMatching(/^The file could not be checked: ./) });
  });
});

describe('reading off the panel’s thread', () => {
  it('reads and checks the file on this thread when the worker cannot start', async () => {
    const events: string[] = [];
    const file = new File([JSON.stringify(sampleExport())], 'export.json', { type: 'application/json' });
    const parsed = await readExportOffThread(
      file,
      () => {
        throw new DOMException('Refused to create a worker', 'SecurityError');
      },
      () => void events.push('read'),
    );
    expect(events).toEqual(['read']);
    expect(parsed).toEqual({ ok: true, data: sampleExport() });
  });
});
