import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEMES_DATE, DEFAULTS_SEEDED_SETTING, InvalidRecordError, openStore, type CorruptRecord, type StoreOptions } from '../../lib/store.ts';
import { annotation, fixedClock, freshFactory, NEWS_URL, rawGetAll, rawPut, REPORT_URL } from './store-support.ts';

const SHARED_THEMES: { themes: { id: string; label: string; description: string; color: string; keywords: string[] }[] } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../shared/domain/default-themes.json'), 'utf8'),
);

async function open(factory = freshFactory(), options: StoreOptions = {}) {
  const clock = fixedClock('2026-05-01T10:00:00.000Z');
  const store = await openStore(factory, { now: clock.now, ...options });
  return { store, clock, factory };
}

describe('annotations', () => {
  it('round-trip, and record the page and the themes’ use in the same save', async () => {
    const { store, clock } = await open();
    const saved = await store.annotations.put(annotation());
    expect(saved).toEqual(annotation());
    expect(await store.annotations.get('a1')).toEqual(annotation());
    expect(await store.pages.get(REPORT_URL)).toEqual({
      url: REPORT_URL,
      title: annotation().title,
      firstSeen: '2026-05-01T10:00:00.000Z',
      lastSeen: '2026-05-01T10:00:00.000Z',
    });
    expect((await store.themes.get('oversight'))?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');

    clock.set('2026-05-02T08:00:00.000Z');
    await store.annotations.put(annotation({ id: 'a2', title: '', themeIds: ['qa'] }));
    expect(await store.pages.get(REPORT_URL)).toEqual({
      url: REPORT_URL,
      title: annotation().title,
      firstSeen: '2026-05-01T10:00:00.000Z',
      lastSeen: '2026-05-02T08:00:00.000Z',
    });
    expect((await store.themes.get('oversight'))?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');
    expect((await store.themes.get('qa'))?.lastUsedAt).toBe('2026-05-02T08:00:00.000Z');
  });

  it('are filed under the normalised page URL, however the page was reached', async () => {
    const { store } = await open();
    const saved = await store.annotations.put(annotation({ url: `${REPORT_URL}?utm_source=newsletter#page=3` }));
    expect(saved.url).toBe(REPORT_URL);
    expect((await store.annotations.listByUrl(`${REPORT_URL}#top`)).records).toEqual([saved]);
    expect((await store.pages.list()).records.map((p) => p.url)).toEqual([REPORT_URL]);
  });

  it('are listed by page in document order and by theme newest first, through the indexes', async () => {
    const { store } = await open();
    const later = annotation({ id: 'later', position: { start: 9000, end: 9050 }, themeIds: ['oversight', 'workforce'], createdAt: '2026-05-03T00:00:00.000Z' });
    const earlier = annotation({ id: 'earlier', position: { start: 10, end: 50 }, themeIds: ['workforce'], createdAt: '2026-05-02T00:00:00.000Z' });
    const news = annotation({ id: 'news', url: NEWS_URL, themeIds: ['care-leavers', 'oversight'], createdAt: '2026-05-04T00:00:00.000Z' });
    for (const a of [later, news, earlier]) await store.annotations.put(a);

    expect((await store.annotations.listByUrl(REPORT_URL)).records.map((a) => a.id)).toEqual(['earlier', 'later']);
    expect((await store.annotations.listByUrl(NEWS_URL)).records.map((a) => a.id)).toEqual(['news']);
    expect((await store.annotations.listByTheme('oversight')).records.map((a) => a.id)).toEqual(['news', 'later']);
    expect((await store.annotations.listByTheme('workforce')).records.map((a) => a.id)).toEqual(['later', 'earlier']);
    expect((await store.annotations.listByTheme('voice')).records).toEqual([]);
    expect((await store.annotations.listAll()).records.map((a) => a.id)).toEqual(['news', 'later', 'earlier']);
  });

  it('come newest first in exact time order, and the newest few read alone are the same as the first of all', async () => {
    const { store } = await open();
    // Within one second text order is not time order: …:00Z is before …:00.5Z, …:00.5Z after …:00.50001Z.
    const times = ['2026-05-01T10:00:00Z', '2026-05-01T10:00:00.5Z', '2026-05-01T10:00:00.50001Z', '2026-05-01T10:00:00.123456789Z', '2026-05-01T10:00:01.000Z'];
    const annotations = Array.from({ length: 40 }, (_, i) => annotation({ id: `n${String(i).padStart(2, '0')}`, createdAt: times[i % times.length]! }));
    for (const a of [...annotations].reverse()) await store.annotations.put(a);
    const all = (await store.annotations.listAll()).records;
    expect(all.slice(0, 10).map((a) => `${a.createdAt} ${a.id}`)).toEqual([
      '2026-05-01T10:00:01.000Z n04',
      '2026-05-01T10:00:01.000Z n09',
      '2026-05-01T10:00:01.000Z n14',
      '2026-05-01T10:00:01.000Z n19',
      '2026-05-01T10:00:01.000Z n24',
      '2026-05-01T10:00:01.000Z n29',
      '2026-05-01T10:00:01.000Z n34',
      '2026-05-01T10:00:01.000Z n39',
      '2026-05-01T10:00:00.50001Z n02',
      '2026-05-01T10:00:00.50001Z n07',
    ]);
    expect(all.at(-1)?.createdAt).toBe('2026-05-01T10:00:00Z');
    for (const limit of [1, 8, 9, 17, 25, 39, 40, 100]) {
      expect(await store.annotations.listNewest(limit), `limit ${limit}`).toEqual({ records: all.slice(0, limit), problems: [], total: 40 });
    }
  });

  it('keep one record when the same id is saved twice, and re-index it', async () => {
    const { store } = await open();
    await store.annotations.put(annotation());
    await store.annotations.put(annotation());
    const edited = annotation({ themeIds: ['workforce'], note: 'Edited', updatedAt: '2026-05-01T11:00:00.000Z' });
    await store.annotations.put(edited);
    expect((await store.annotations.listAll()).records).toEqual([edited]);
    expect((await store.annotations.listByTheme('oversight')).records).toEqual([]);
    expect((await store.annotations.listByTheme('workforce')).records).toEqual([edited]);
  });

  it('come back exactly after delete and restore, without touching the themes’ last use', async () => {
    const { store, clock } = await open();
    const original = annotation({ themeIds: ['oversight', 'voice'] });
    await store.annotations.put(original);
    const deleted = await store.annotations.delete('a1');
    expect(deleted).toEqual(original);
    expect(await store.annotations.get('a1')).toBeUndefined();
    expect((await store.annotations.listByTheme('voice')).records).toEqual([]);
    expect(await store.annotations.delete('a1')).toBeUndefined();

    clock.set('2026-06-01T00:00:00.000Z');
    await store.annotations.restore(deleted!);
    expect(await store.annotations.get('a1')).toEqual(original);
    expect((await store.annotations.listByTheme('voice')).records).toEqual([original]);
    expect((await store.themes.get('voice'))?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');
  });

  it('are visible to another connection as soon as the save resolves', async () => {
    const { store, factory } = await open();
    await store.annotations.put(annotation());
    const other = await openStore(factory);
    expect(await other.annotations.get('a1')).toEqual(annotation());
    other.close();
    store.close();
  });
});

describe('invalid writes', () => {
  it('are refused with the reason, and nothing is written', async () => {
    const { store, factory } = await open();
    const noTheme = store.annotations.put(annotation({ themeIds: [] }));
    await expect(noTheme).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(store.annotations.put(annotation({ themeIds: [] }))).rejects.toThrow(/annotations: themeIds/);
    await expect(store.annotations.put(annotation({ position: { start: 5, end: 5 } }))).rejects.toThrow(/position/);
    await expect(store.annotations.put(annotation({ createdAt: 'yesterday' }))).rejects.toThrow(/createdAt/);
    await expect(store.annotations.restore({ ...annotation(), id: 'bad id!' })).rejects.toThrow(/id/);
    expect(await rawGetAll(factory, 'annotations')).toEqual([]);
    expect(await rawGetAll(factory, 'pages')).toEqual([]);

    const theme = (await store.themes.get('voice'))!;
    await expect(store.themes.put({ ...theme, color: 'red' })).rejects.toThrow(/color/);
    expect(await store.themes.get('voice')).toEqual(theme);
    await expect(store.settings.set('', true)).rejects.toThrow(InvalidRecordError);
    await expect(store.settings.set('x', undefined as never)).rejects.toThrow(/value/);
  });
});

describe('default codebook', () => {
  it('is seeded on first run with the 16 shared themes', async () => {
    const { store } = await open();
    const { records, problems } = await store.themes.list();
    expect(problems).toEqual([]);
    expect(records).toHaveLength(16);
    const byId = new Map(records.map((t) => [t.id, t]));
    for (const shared of SHARED_THEMES.themes) {
      expect(byId.get(shared.id), shared.id).toEqual({
        id: shared.id,
        label: shared.label,
        description: shared.description,
        color: shared.color,
        keywords: shared.keywords,
        createdAt: DEFAULT_THEMES_DATE,
        updatedAt: DEFAULT_THEMES_DATE,
      });
    }
    expect(await store.settings.get(DEFAULTS_SEEDED_SETTING)).toBe('2026-05-01T10:00:00.000Z');
  });

  it('is seeded only once: deleted and renamed themes stay as the reader left them', async () => {
    const { store, factory } = await open();
    await store.themes.delete('voice');
    const renamed = { ...(await store.themes.get('qa'))!, label: 'Audit', updatedAt: '2026-05-02T00:00:00.000Z' };
    await store.themes.put(renamed);
    store.close();

    const again = await openStore(factory, { now: () => new Date('2026-07-01T00:00:00.000Z') });
    const { records } = await again.themes.list();
    expect(records).toHaveLength(15);
    expect(await again.themes.get('voice')).toBeUndefined();
    expect(await again.themes.get('qa')).toEqual(renamed);
    expect(await again.settings.get(DEFAULTS_SEEDED_SETTING)).toBe('2026-05-01T10:00:00.000Z');
    again.close();
  });

  it('lists themes in label order', async () => {
    const { store } = await open();
    const labels = (await store.themes.list()).records.map((t) => t.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('settings', () => {
  it('round-trip JSON values', async () => {
    const { store } = await open();
    expect(await store.settings.get('panel')).toBeUndefined();
    await store.settings.set('panel', { open: true, width: 320, pinned: ['oversight'] });
    expect(await store.settings.get('panel')).toEqual({ open: true, width: 320, pinned: ['oversight'] });
    await store.settings.set('panel', null);
    expect(await store.settings.get('panel')).toBeNull();
  });
});

describe('corrupt records', () => {
  async function withGarbage() {
    const factory = freshFactory();
    const reported: CorruptRecord[] = [];
    const { store } = await open(factory, { onCorrupt: (problem) => reported.push(problem) });
    await store.annotations.put(annotation());
    await store.settings.set('panel', { open: true });
    await rawPut(factory, 'annotations', [
      { id: 'garbage', url: REPORT_URL, themeIds: ['oversight'], quote: 'not a quote' },
      { ...annotation({ id: 'no-position' }), position: undefined },
    ]);
    await rawPut(factory, 'themes', [{ id: 'bad-theme', label: 42 }]);
    await rawPut(factory, 'pages', [{ url: NEWS_URL, title: 'News', firstSeen: 'last week', lastSeen: 'today' }]);
    await rawPut(factory, 'settings', [{ key: 'broken' }]);
    return { store, reported };
  }

  it('are reported with their key and first issue and skipped in every listing', async () => {
    const { store, reported } = await withGarbage();

    const all = await store.annotations.listAll();
    expect(all.records).toEqual([annotation()]);
    expect(all.problems).toEqual([
      { store: 'annotations', key: 'garbage', issue: 'title: expected string' },
      { store: 'annotations', key: 'no-position', issue: expect.stringMatching(/^position: /) },
    ]);
    for (const listed of [await store.annotations.listByUrl(REPORT_URL), await store.annotations.listByTheme('oversight')]) {
      expect(listed.records).toEqual([annotation()]);
      expect(listed.problems.map((p) => p.key)).toEqual(['garbage', 'no-position']);
    }

    const themes = await store.themes.list();
    expect(themes.records).toHaveLength(16);
    expect(themes.problems).toEqual([{ store: 'themes', key: 'bad-theme', issue: expect.stringMatching(/^label: /) }]);

    const pages = await store.pages.list();
    expect(pages.records.map((p) => p.url)).toEqual([REPORT_URL]);
    expect(pages.problems).toEqual([{ store: 'pages', key: NEWS_URL, issue: expect.stringMatching(/^firstSeen: /) }]);

    expect(reported.map((p) => `${p.store}/${String(p.key)}`)).toEqual([
      'annotations/garbage',
      'annotations/no-position',
      'annotations/garbage',
      'annotations/no-position',
      'annotations/garbage',
      'annotations/no-position',
      'themes/bad-theme',
      'pages/https://www.communitycare.co.uk/2018/09/barnet-care-leavers/',
    ]);

    // Only records with a createdAt are in the byCreated index; the total counts every record.
    const newest = await store.annotations.listNewest(10);
    expect(newest).toEqual({ records: [annotation()], problems: [{ store: 'annotations', key: 'no-position', issue: expect.stringMatching(/^position: /) }], total: 3 });
    expect(reported.at(-1)).toEqual(newest.problems[0]);
  });

  it('read one at a time come back as missing and are reported', async () => {
    const { store, reported } = await withGarbage();
    expect(await store.annotations.get('garbage')).toBeUndefined();
    expect(await store.themes.get('bad-theme')).toBeUndefined();
    expect(await store.pages.get(NEWS_URL)).toBeUndefined();
    expect(await store.settings.get('broken')).toBeUndefined();
    expect(await store.settings.get('panel')).toEqual({ open: true });
    expect(reported.map((p) => p.store)).toEqual(['annotations', 'themes', 'pages', 'settings']);
    expect(reported[3]).toEqual({ store: 'settings', key: 'broken', issue: expect.stringMatching(/^value: /) });
  });

  it('can be deleted, and a corrupt page record is replaced by the next save on that page', async () => {
    const { store, reported } = await withGarbage();
    expect(await store.annotations.delete('garbage')).toBeUndefined();
    expect((await store.annotations.listAll()).problems.map((p) => p.key)).toEqual(['no-position']);

    reported.length = 0;
    await store.annotations.put(annotation({ id: 'n1', url: NEWS_URL }));
    expect(reported.map((p) => p.store)).toEqual(['pages']);
    expect(await store.pages.get(NEWS_URL)).toMatchObject({ url: NEWS_URL, firstSeen: '2026-05-01T10:00:00.000Z' });
  });

  it('do not break a listing when the reporter itself throws', async () => {
    const factory = freshFactory();
    const { store } = await open(factory, {
      onCorrupt: () => {
        throw new Error('reporter failed');
      },
    });
    await rawPut(factory, 'themes', [{ id: 'bad-theme' }]);
    const { records, problems } = await store.themes.list();
    expect(records).toHaveLength(16);
    expect(problems.map((p) => p.key)).toEqual(['bad-theme']);
  });
});
