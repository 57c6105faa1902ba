import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { applyImport, checkImportSize, MAX_IMPORT_BYTES, parseExport, planImport, readCurrent, type ImportPlan } from '../../lib/import.ts';
import { AnnotationExportSchema, EXPORT_FORMAT, type AnnotationExport } from '../../lib/schema.ts';
import { exportAnnotations } from '../../lib/export.ts';
import { openStore, type LensStore } from '../../lib/store.ts';
import { DB_NAME } from '../../lib/store-migrations.ts';
import { dump, NEWS_URL, REPORT_URL, sampleExport, theme } from './import-support.ts';
import { annotation, fixedClock, freshFactory, settle } from './store-support.ts';

/** A store with no themes at all: the default codebook is seeded on open, then removed. */
async function emptyStore(factory = freshFactory()): Promise<LensStore> {
  const store = await openStore(factory, { now: fixedClock('2026-06-01T00:00:00.000Z').now });
  for (const { id } of (await store.themes.list()).records) await store.themes.delete(id);
  return store;
}

function parsed(text: string): AnnotationExport {
  const result = parseExport(text);
  if (!result.ok) throw new Error(`expected the file to parse: ${result.message}`);
  return result.data;
}

async function plan(store: LensStore, data: AnnotationExport): Promise<ImportPlan> {
  const result = planImport(data, await readCurrent(store));
  if (!result.ok) throw new Error(`expected a plan: ${result.message}`);
  return result.plan;
}

async function importText(store: LensStore, text: string) {
  const thePlan = await plan(store, parsed(text));
  const applied = await applyImport(store, thePlan);
  expect(applied.ok).toBe(true);
  return thePlan;
}

/** The store's content as an export would carry it. */
async function exportOf(store: LensStore): Promise<AnnotationExport> {
  const current = await readCurrent(store);
  return { format: EXPORT_FORMAT, version: 1, exportedAt: '2026-06-02T00:00:00.000Z', themes: [...current.themes], annotations: [...current.annotations] };
}

describe('importing an export', () => {
  it('round-trips: a store exported, imported into a wiped store, holds the same records', async () => {
    const original = await openStore(freshFactory(), { now: fixedClock('2026-05-01T10:00:00.000Z').now });
    for (const record of sampleExport().themes) await original.themes.put(record);
    for (const record of sampleExport().annotations) await original.annotations.put(record);
    const file = JSON.stringify(await exportOf(original));

    const wiped = await emptyStore();
    const first = await importText(wiped, file);
    expect(first.annotations.added).toHaveLength(4);
    const before = await exportOf(original);
    const after = await exportOf(wiped);
    expect(after.annotations).toEqual(before.annotations);
    expect(after.themes).toEqual(before.themes);
    expect((await wiped.pages.list()).records.map((page) => page.url).sort()).toEqual([NEWS_URL, REPORT_URL].sort());
    expect(z.safeParse(AnnotationExportSchema, after).success).toBe(true);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const factory = freshFactory();
    const store = await emptyStore(factory);
    const file = JSON.stringify(sampleExport());
    await importText(store, file);
    const once = await dump(factory);
    const second = await importText(store, file);
    expect(second.annotations.unchanged).toHaveLength(4);
    expect(second.themes.unchanged).toHaveLength(2);
    expect([...second.annotations.added, ...second.annotations.updated, ...second.themes.added, ...second.themes.updated, ...second.pages]).toEqual([]);
    expect(await dump(factory)).toEqual(once);
  });

  it('keeps markup in notes and labels as text, verbatim', async () => {
    const store = await emptyStore();
    const data = sampleExport();
    const note = '<script>alert(1)</script><img src=x onerror="alert(2)"> & &amp;';
    data.themes[0] = theme({ label: '<b onmouseover=alert(3)>Oversight</b>' });
    data.annotations[0] = annotation({ note });
    await importText(store, JSON.stringify(data));
    expect((await store.annotations.get('a1'))?.note).toBe(note);
    expect((await store.themes.get('oversight'))?.label).toBe('<b onmouseover=alert(3)>Oversight</b>');
  });

  it('files annotations under normalised page addresses, as the store does', async () => {
    const store = await emptyStore();
    const data = sampleExport();
    data.annotations = [annotation({ url: `${REPORT_URL}?utm_source=mail#p3` })];
    await importText(store, JSON.stringify(data));
    expect((await store.annotations.get('a1'))?.url).toBe(REPORT_URL);
  });
});

describe('export all, wipe, import, export again', () => {
  it('gives the same file apart from exportedAt', async () => {
    const factory = freshFactory();
    const clock = fixedClock('2026-05-01T10:00:00.000Z');
    const original = await openStore(factory, { now: clock.now });
    await original.themes.put(theme({ id: 'custom-voice', label: 'Voice <b>of</b> the child “quoted”', description: 'Kids’ words — 🙂', lastUsedAt: '2026-04-20T00:00:00.000Z' }));
    await original.themes.put(theme({ id: 'workforce', label: 'Staffing (renamed)', color: '#123456', updatedAt: '2026-04-15T08:30:00.5Z' }));
    const notes = ['', '<script>alert(1)</script> & <img src=x onerror=alert(2)>', 'Ünïcödé, 中文, emoji 🙂\nsecond line\ttab', 'Compare with the 2017 report.'];
    for (let i = 0; i < 24; i++) {
      clock.set(`2026-05-0${1 + (i % 5)}T1${i % 10}:00:00.000Z`);
      await original.annotations.put(
        annotation({
          id: `rt-${i}`,
          url: `https://reports.ofsted.gov.uk/provider/44/${80000 + (i % 6)}`,
          title: i % 7 === 0 ? '' : `Report ${i % 6} – children’s services`,
          position: { start: i * 37, end: i * 37 + 20 },
          themeIds: i % 3 === 0 ? ['custom-voice', 'workforce'] : i % 3 === 1 ? ['oversight'] : ['workforce', 'custom-voice'],
          note: notes[i % notes.length]!,
          createdAt: clock.now().toISOString(),
          updatedAt: `2026-05-06T00:00:0${i % 10}.${i}Z`,
        }),
      );
    }
    const exportAll = async (store: LensStore, at: string) => {
      const current = await readCurrent(store);
      return exportAnnotations('json', { themes: current.themes, annotations: current.annotations, exportedAt: new Date(at), scope: 'all' }).text;
    };
    const first = await exportAll(original, '2026-06-01T00:00:00.000Z');
    original.close();

    await settle(factory.deleteDatabase(DB_NAME));
    const wiped = await openStore(factory, { now: fixedClock('2026-07-01T00:00:00.000Z').now });
    await importText(wiped, first);
    const again = await exportAll(wiped, '2026-07-02T00:00:00.000Z');

    expect(parsed(first).annotations).toHaveLength(24);
    expect(again.replace('"exportedAt": "2026-07-02T00:00:00.000Z"', '"exportedAt": "2026-06-01T00:00:00.000Z"')).toBe(first);
  });
});

describe('merging by id', () => {
  it('takes the newer updatedAt, skips the older, and leaves ties alone', async () => {
    const store = await emptyStore();
    await importText(store, JSON.stringify(sampleExport()));
    const data = sampleExport();
    data.annotations = [
      annotation({ id: 'a1', note: 'newer', updatedAt: '2026-05-01T09:00:00.001Z' }),
      annotation({ id: 'a2', themeIds: ['oversight'], note: 'older', updatedAt: '2026-04-30T09:00:00.000Z' }),
      annotation({ id: 'a3', url: NEWS_URL, note: 'tie', updatedAt: '2026-05-03T10:00:00.500000000Z' }),
      annotation({ id: 'a5', note: 'new' }),
    ];
    data.themes = [theme({ label: 'Renamed', updatedAt: '2026-04-02T00:00:00.000Z' })];
    const merged = await importText(store, JSON.stringify(data));
    expect(merged.annotations.updated.map((a) => a.id)).toEqual(['a1']);
    expect(merged.annotations.older.map((a) => a.id)).toEqual(['a2']);
    expect(merged.annotations.unchanged.map((a) => a.id)).toEqual(['a3']);
    expect(merged.annotations.added.map((a) => a.id)).toEqual(['a5']);
    expect((await store.annotations.get('a1'))?.note).toBe('newer');
    expect((await store.annotations.get('a2'))?.note).toBe('');
    expect((await store.annotations.get('a3'))?.note).toBe('Compare with the 2017 report.');
    expect((await store.themes.get('oversight'))?.label).toBe('Renamed');
  });

  it('keeps a theme’s later last use when its newer definition is imported', async () => {
    const store = await emptyStore();
    await store.themes.put(theme({ lastUsedAt: '2026-05-20T00:00:00.000Z' }));
    const data = sampleExport();
    data.themes = [theme({ label: 'Renamed', updatedAt: '2026-05-01T00:00:00.000Z', lastUsedAt: '2026-05-02T00:00:00.000Z' })];
    data.annotations = [];
    await importText(store, JSON.stringify(data));
    expect(await store.themes.get('oversight')).toEqual(theme({ label: 'Renamed', updatedAt: '2026-05-01T00:00:00.000Z', lastUsedAt: '2026-05-20T00:00:00.000Z' }));
  });

  it('writes nothing if a record the plan adds appeared after the preview', async () => {
    const factory = freshFactory();
    const store = await emptyStore(factory);
    const thePlan = await plan(store, sampleExport());
    await store.annotations.put(annotation({ id: 'a4', note: 'saved meanwhile' }));
    const before = await dump(factory);
    const applied = await applyImport(store, thePlan);
    expect(applied).toEqual({ ok: false, message: expect.stringContaining('changed after the preview') });
    expect(await dump(factory)).toEqual(before);
  });

  it('validates every record before writing any', async () => {
    const factory = freshFactory();
    const store = await emptyStore(factory);
    const thePlan = await plan(store, sampleExport());
    thePlan.annotations.added.push({ ...annotation({ id: 'bad' }), note: 42 as unknown as string });
    const before = await dump(factory);
    const applied = await applyImport(store, thePlan);
    expect(applied).toEqual({ ok: false, message: expect.stringContaining('note') });
    expect(await dump(factory)).toEqual(before);
  });
});

const valid = () => JSON.stringify(sampleExport(), null, 2);

/** Each bad file, and what its message must say. */
const BAD_FILES: [string, () => string, RegExp][] = [
  ['empty', () => '', /empty/],
  ['not JSON', () => '{\n  "format": "inspection-lens.annotations",\n  version: 1\n}', /not valid JSON: it breaks at line 3, column 3/],
  ['truncated', () => valid().slice(0, 700), /truncated/],
  ['truncated between values', () => valid().slice(0, valid().indexOf('"annotations"')), /truncated/],
  ['an array', () => '[1, 2]', /expected a JSON object, found array/],
  ['another format', () => JSON.stringify({ format: 'hypothesis', version: 1 }), /not an Inspection Lens annotations export: its format is "hypothesis"/],
  ['no format', () => JSON.stringify({ rows: [] }), /has no "format"/],
  ['a future version', () => JSON.stringify({ ...sampleExport(), version: 7 }), /made by a newer Inspection Lens: version 7/],
  ['a version that is not a number', () => JSON.stringify({ ...sampleExport(), version: '1' }), /^version: expected a whole number/],
  ['a wrong type', () => valid().replace('"exact": "care leavers"', '"exact": 12'), /^annotations\[3\]\.quote\.exact: expected string, found number\.$/],
  ['a missing field', () => JSON.stringify({ ...sampleExport(), themes: [{ ...theme(), color: undefined }] }), /^themes\[0\]\.color: expected string, found nothing\.$/],
  ['a bad timestamp', () => valid().replace('"2026-05-03T10:00:00.5Z"', '"yesterday"'), /^annotations\[2\]\.updatedAt: expected an ISO 8601 UTC time/],
  ['a huge note', () => valid().replace('"note": ""', `"note": "${'x'.repeat(20_001)}"`), /^annotations\[1\]\.note: must have at most 20000 characters, found 20001\.$/],
  ['a duplicated annotation id', () => valid().replace('"id": "a3"', '"id": "a1"'), /^annotations\[2\]\.id: "a1" is already used by annotations\[0\]/],
  ['a duplicated theme id', () => valid().replace('"id": "workforce-x"', '"id": "oversight"'), /^themes\[1\]\.id: "oversight" is already used by themes\[0\]/],
  ['an unknown theme', () => valid().replaceAll('"workforce-x"', '"nowhere"').replace('"id": "nowhere"', '"id": "elsewhere"'), /neither in the file nor in your codebook: "nowhere" \(first used by annotations\[1\]\)/],
  ['__proto__', () => valid().replace('"note": ""', '"note": "", "__proto__": { "polluted": true }'), /^annotations\[1\]\.__proto__: unexpected key/],
  ['constructor', () => valid().replace('"color": "#aa3300"', '"constructor": { "prototype": { "polluted": true } }, "color": "#aa3300"'), /^themes\[0\]\.constructor: unexpected key/],
  ['prototype at the top', () => `{"prototype": {"polluted": true}, ${valid().slice(1)}`, /^prototype: unexpected key/],
  ['50 MB', () => `${valid()}${' '.repeat(50 * 1024 * 1024)}`, /The file is 50\.0 MB; Inspection Lens imports files up to 20\.0 MB/],
];

describe('a bad file', () => {
  it.each(BAD_FILES)('%s: is refused, naming the first problem, and the store is unchanged', async (_name, file, expected) => {
    const factory = freshFactory();
    const store = await emptyStore(factory);
    await importText(store, valid());
    const before = await dump(factory);
    const result = parseExport(file());
    const message = result.ok ? (() => { const planned = planImport(result.data, { themes: [], annotations: [], pages: [] }); return planned.ok ? '' : planned.message; })() : result.message;
    expect(message).toMatch(expected);
    expect(await dump(factory)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['Firefox', 'JSON.parse: expected double-quoted property name at line 3 column 3 of the JSON data', /breaks at line 3, column 3/],
    ['Safari', 'JSON Parse error: Expected \'}\'', /^The file is not valid JSON: it breaks \(JSON Parse error/],
  ])('is located however %s words its JSON error', (_engine, wording, expected) => {
    const parse = vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError(wording);
    });
    try {
      expect(parseExport('{\n  "format": 1,\n  x\n}')).toEqual({ ok: false, message: expect.stringMatching(expected) });
    } finally {
      parse.mockRestore();
    }
  });

  it('is refused by size before it is read', () => {
    expect(checkImportSize(MAX_IMPORT_BYTES)).toBeUndefined();
    expect(checkImportSize(50 * 1024 * 1024)).toMatch(/50\.0 MB.*up to 20\.0 MB/);
  });
});
