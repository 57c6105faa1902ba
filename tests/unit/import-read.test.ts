/**
 * The import worker's pure work (lib/import-read.ts) and the panel's side of it
 * (lib/import-off-thread.ts): a file is read, `read` is called between reading and checking, every
 * outcome (accepted, refused, unreadable, breaking the parser) resolves to a verdict rather than a
 * rejection that would leave the panel waiting, the verdict survives the trip as replies of
 * bounded size that the panel validates, and the panel checks the file itself when no worker starts.
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExportOffThread, replyReceiver } from '../../lib/import-off-thread.ts';
import type { Parsed } from '../../lib/import-parse.ts';
import { ANNOTATIONS_PER_REPLY, answerPanel, NEXT_REPLY, readExport } from '../../lib/import-read.ts';
import { EXPORT_FORMAT, type ImportWorkerReply } from '../../lib/schema.ts';
import { sampleExport } from './import-support.ts';
import { annotation } from './store-support.ts';

/** Reads `file` as the worker does and lists what happened, in order. */
async function steps(file: Blob): Promise<{ events: string[]; parsed: Parsed }> {
  const events: string[] = [];
  const parsed = await readExport(file, () => void events.push('read'));
  events.push('checked');
  return { events, parsed };
}

/**
 * The worker and the panel's receiver talking as they do through postMessage (each message copied
 * as it copies it), with the panel asking for the next reply whenever the receiver says so. Lists
 * what the worker posted and what the panel made of it.
 */
async function converse(file: Blob): Promise<{ posted: ImportWorkerReply[]; postedForFile: number; steps: string[]; parsed: Parsed | undefined }> {
  const posted: ImportWorkerReply[] = [];
  const steps: string[] = [];
  let parsed: Parsed | undefined;
  let asked = 0;
  const receive = replyReceiver(
    () => void steps.push('read'),
    () => void (asked += 1),
  );
  const answer = answerPanel((reply) => {
    posted.push(reply);
    parsed = receive(structuredClone(reply));
  });
  await answer(file);
  const postedForFile = posted.length;
  for (let answered = 0; answered < asked; answered++) await answer(NEXT_REPLY);
  // Asked once too often, the worker has nothing more to say.
  await answer(NEXT_REPLY);
  return { posted, postedForFile, steps, parsed };
}

describe('reading an import file', () => {
  it('accepts a valid export, saying once that it is read', async () => {
    const { events, parsed } = await steps(new Blob([JSON.stringify(sampleExport())], { type: 'application/json' }));
    expect(events).toEqual(['read', 'checked']);
    expect(parsed).toEqual({ ok: true, data: sampleExport() });
  });

  it('refuses a broken file with the parser’s sentence', async () => {
    const { events, parsed } = await steps(new Blob(['{"format": "inspection-lens.annotations", "version": 1,']));
    expect(events).toEqual(['read', 'checked']);
    expect(parsed).toEqual({ ok: false, message: 'The file ends too early: it looks cut short (truncated). Export it again.' });
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

describe('the worker’s replies', () => {
  it('carry an accepted file’s annotations in bounded parts, each when the panel asks, put back in order', async () => {
    const data = { ...sampleExport(), annotations: Array.from({ length: 2 * ANNOTATIONS_PER_REPLY + 1 }, (_, i) => annotation({ id: `part-${i}` })) };
    const { posted, postedForFile, steps, parsed } = await converse(new Blob([JSON.stringify(data)]));
    expect(postedForFile).toBe(2);
    expect(posted.map((reply) => (reply.step === 'annotations' ? reply.annotations.length : reply.step))).toEqual(['read', ANNOTATIONS_PER_REPLY, ANNOTATIONS_PER_REPLY, 1, 'checked']);
    expect(steps).toEqual(['read']);
    expect(parsed).toEqual({ ok: true, data });
  });

  it('carry a refusal as it is', async () => {
    const { posted, parsed } = await converse(new Blob(['']));
    expect(posted.map((reply) => reply.step)).toEqual(['read', 'checked']);
    expect(parsed).toEqual({ ok: false, message: 'The file is empty.' });
  });

  it('are refused by the panel when one does not match its schema', () => {
    const receive = replyReceiver(
      () => {},
      () => {},
    );
    const broken = { step: 'annotations', annotations: [{ ...annotation(), position: { start: 5, end: 2 } }] };
    expect(() => receive(broken)).toThrow(/does not understand/);
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
