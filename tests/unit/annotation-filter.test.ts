import { describe, expect, it } from 'vitest';
import { countByTheme, filterAnnotations, isFiltered, NO_FILTER } from '../../lib/annotation-filter.ts';
import type { Annotation } from '../../lib/schema.ts';

const annotation = (id: string, exact: string, note: string, themeIds: string[]): Annotation => ({
  id,
  url: 'https://reports.ofsted.gov.uk/provider/1',
  title: 'Letter',
  quote: { exact, prefix: '', suffix: '' },
  position: { start: 0, end: exact.length },
  themeIds,
  note,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const list = [
  annotation('a', 'Supervision is\nregular', '', ['oversight', 'oversight']),
  annotation('b', 'Care leavers are supported', 'Check the pathway PLAN', ['care-leavers']),
  annotation('c', 'Leaders know their services', 'oversight weak', ['leadership', 'oversight']),
];

describe('annotation filter', () => {
  it('keeps everything, in order, when nothing is chosen', () => {
    expect(filterAnnotations(list, NO_FILTER).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ search: '   ', themeId: '' })).toBe(false);
  });

  it('searches quotes and notes case-insensitively, across line breaks', () => {
    expect(filterAnnotations(list, { search: 'is  Regular', themeId: '' }).map((a) => a.id)).toEqual(['a']);
    expect(filterAnnotations(list, { search: 'pathway plan', themeId: '' }).map((a) => a.id)).toEqual(['b']);
    expect(isFiltered({ search: 'plan', themeId: '' })).toBe(true);
  });

  it('narrows by theme and combines with the search', () => {
    expect(filterAnnotations(list, { search: '', themeId: 'oversight' }).map((a) => a.id)).toEqual(['a', 'c']);
    expect(filterAnnotations(list, { search: 'weak', themeId: 'oversight' }).map((a) => a.id)).toEqual(['c']);
    expect(isFiltered({ search: '', themeId: 'oversight' })).toBe(true);
  });

  it('counts each annotation once per theme', () => {
    expect(Object.fromEntries(countByTheme(list))).toEqual({ oversight: 2, 'care-leavers': 1, leadership: 1 });
  });
});
