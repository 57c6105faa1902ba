import { describe, expect, it } from 'vitest';
import { countByTheme, filterAnnotations, isFiltered, localDay, NO_FILTER, pagesOf } from '../../lib/annotation-filter.ts';
import type { Annotation } from '../../lib/schema.ts';

const annotation = (id: string, exact: string, note: string, themeIds: string[], page: Partial<Annotation> = {}): Annotation => ({
  id,
  url: 'https://reports.ofsted.gov.uk/provider/1',
  title: 'Letter',
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
  themeIds,
  note,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...page,
});

/** A timestamp for a local wall-clock time, so day boundaries hold in whatever zone the tests run. */
const local = (y: number, m: number, d: number, h: number, min: number): string => new Date(y, m - 1, d, h, min).toISOString();

const list = [
  annotation('a', 'Supervision is\nregular', '', ['oversight', 'oversight']),
  annotation('b', 'Care leavers are supported', 'Check the pathway PLAN', ['care-leavers']),
  annotation('c', 'Leaders know their services', 'oversight weak', ['leadership', 'oversight']),
];

describe('annotation filter', () => {
  it('keeps everything, in order, when nothing is chosen', () => {
    expect(filterAnnotations(list, NO_FILTER).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, search: '   ', themeId: '' })).toBe(false);
  });

  it('searches quotes and notes case-insensitively, across line breaks', () => {
    expect(filterAnnotations(list, { ...NO_FILTER, search: 'is  Regular', themeId: '' }).map((a) => a.id)).toEqual(['a']);
    expect(filterAnnotations(list, { ...NO_FILTER, search: 'pathway plan', themeId: '' }).map((a) => a.id)).toEqual(['b']);
    expect(isFiltered({ ...NO_FILTER, search: 'plan', themeId: '' })).toBe(true);
  });

  it('narrows by theme and combines with the search', () => {
    expect(filterAnnotations(list, { ...NO_FILTER, search: '', themeId: 'oversight' }).map((a) => a.id)).toEqual(['a', 'c']);
    expect(filterAnnotations(list, { ...NO_FILTER, search: 'weak', themeId: 'oversight' }).map((a) => a.id)).toEqual(['c']);
    expect(isFiltered({ ...NO_FILTER, search: '', themeId: 'oversight' })).toBe(true);
  });

  it('counts each annotation once per theme', () => {
    expect(Object.fromEntries(countByTheme(list))).toEqual({ oversight: 2, 'care-leavers': 1, leadership: 1 });
  });

  it('narrows by page and lists each page once, labelled by its title', () => {
    const other = { url: 'https://reports.ofsted.gov.uk/provider/2', title: '' };
    const pages = [...list, annotation('d', 'Audits are thorough', '', ['oversight'], other)];
    expect(filterAnnotations(pages, { ...NO_FILTER, url: other.url }).map((a) => a.id)).toEqual(['d']);
    expect(filterAnnotations(pages, { ...NO_FILTER, url: other.url, themeId: 'leadership' })).toEqual([]);
    expect(isFiltered({ ...NO_FILTER, url: other.url })).toBe(true);
    expect(pagesOf(pages)).toEqual([
      { url: other.url, label: other.url, count: 1 },
      { url: 'https://reports.ofsted.gov.uk/provider/1', label: 'Letter', count: 3 },
    ]);
  });

  it('keeps annotations created from the first to the last local day, inclusive', () => {
    const dated = [
      annotation('late', 'x', '', [], { createdAt: local(2026, 3, 9, 23, 59) }),
      annotation('first', 'x', '', [], { createdAt: local(2026, 3, 10, 0, 0) }),
      annotation('last', 'x', '', [], { createdAt: local(2026, 3, 12, 23, 59) }),
      annotation('after', 'x', '', [], { createdAt: local(2026, 3, 13, 0, 0) }),
    ];
    expect(localDay(local(2026, 3, 9, 23, 59))).toBe('2026-03-09');
    expect(filterAnnotations(dated, { ...NO_FILTER, from: '2026-03-10', to: '2026-03-12' }).map((a) => a.id)).toEqual(['first', 'last']);
    expect(filterAnnotations(dated, { ...NO_FILTER, from: '2026-03-12' }).map((a) => a.id)).toEqual(['last', 'after']);
    expect(filterAnnotations(dated, { ...NO_FILTER, to: '2026-03-09' }).map((a) => a.id)).toEqual(['late']);
    expect(filterAnnotations(dated, { ...NO_FILTER, from: '2026-03-10', to: '2026-03-10' }).map((a) => a.id)).toEqual(['first']);
    expect(isFiltered({ ...NO_FILTER, to: '2026-03-09' })).toBe(true);
  });
});
