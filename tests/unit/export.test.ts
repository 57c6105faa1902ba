import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../lib/export-csv.ts';
import { exportJson } from '../../lib/export-json.ts';
import { exportW3c } from '../../lib/export-w3c.ts';
import { EXPORT_KINDS, exportAnnotations } from '../../lib/export.ts';
import { EXPORTED_AT, sample } from './export-support.ts';

describe('exportAnnotations', () => {
  it('offers each format once and hands each to its writer', () => {
    expect([...EXPORT_KINDS].sort()).toEqual(['csv', 'json', 'w3c']);
    const input = { ...sample(), exportedAt: EXPORTED_AT, scope: 'page' as const };
    expect(exportAnnotations('json', input)).toEqual(exportJson(input));
    expect(exportAnnotations('csv', input)).toEqual(exportCsv(input));
    expect(exportAnnotations('w3c', input)).toEqual(exportW3c(input));
    const names = EXPORT_KINDS.map((kind) => exportAnnotations(kind, input).fileName);
    expect(new Set(names).size).toBe(3);
  });
});
