/**
 * The lexicon on the documents readers actually open: every seed page and every fixture report.
 * Each document lists phrases a careful reader would mark, with their tone, and the false
 * friends it contains, which must stay unmarked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureReports, reportText } from '../support/pdf-text.ts';
import type { Tone } from '../../lib/schema.ts';
import { marks, marksOver, normalise, occurrences } from './marks.ts';

const SEEDS = join(import.meta.dirname, '../../../shared/seeds');

interface Expectations {
  marked: Array<[phrase: string, tone: Tone]>;
  unmarked: string[];
}

function check(text: () => string, { marked, unmarked }: Expectations): void {
  it.each(marked)('marks "%s" as %s', (phrase, tone) => {
    expect(marks(text())).toContainEqual({ phrase: normalise(phrase), tone });
  });
  if (unmarked.length > 0) {
    it.each(unmarked)('leaves "%s" unmarked', (phrase) => {
      expect(occurrences(text(), phrase).length).toBeGreaterThan(0);
      expect(marksOver(text(), phrase)).toEqual([]);
    });
  }
}

const SEED_EXPECTATIONS: Record<string, Expectations> = {
  '000_43bc6fa5cb2ca3ee.txt': {
    marked: [
      ['variable', 'mixed'],
      ['inconsistent', 'mixed'],
      ['some children', 'mixed'],
      ['not always sufficient', 'concern'],
      ['weak', 'concern'],
      ['was judged to be inadequate', 'concern'],
      ['appropriate pace of change', 'strength'],
    ],
    unmarked: ['slowly improving'],
  },
  '001_131b7ab561d5d4ce.txt': {
    marked: [
      ['not always effective', 'concern'],
      ['well established', 'strength'],
      ['variable', 'mixed'],
      ['beginning to', 'mixed'],
      ['inconsistent', 'mixed'],
      ['was judged inadequate', 'concern'],
      ['considerable progress', 'strength'],
      ['further consolidation', 'mixed'],
      ['not yet systematically embedded', 'concern'],
      ['drift', 'concern'],
    ],
    unmarked: ['This letter summarises the findings'],
  },
  '002_6e4ecb9218705333.txt': {
    marked: [
      ['who know them well', 'strength'],
      ['skilled', 'strength'],
      ['child-centred', 'strength'],
      ['yet to', 'mixed'],
      ['not consistent', 'concern'],
      ['more work to do', 'mixed'],
      ['was judged inadequate', 'concern'],
    ],
    unmarked: [],
  },
  '003_51a6fd33b2d8a7bc.txt': {
    marked: [
      ['inadequate', 'concern'],
      ['poor', 'concern'],
      ['serious failures', 'concern'],
      ['systemic failures', 'concern'],
      ['too many', 'concern'],
      ['remain at risk', 'concern'],
      ['haven’t been good enough', 'concern'],
      ['deterioration', 'concern'],
    ],
    unmarked: ['risk of harm', 'child sexual exploitation'],
  },
  '004_7ce2696fb6a7a64f.txt': {
    marked: [
      ['strong', 'strength'],
      ['purposeful progress', 'strength'],
      ['at pace', 'strength'],
      ['well-integrated', 'strength'],
      ['comprehensive', 'strength'],
      ['consistently good', 'strength'],
      ['found to be inadequate', 'concern'],
    ],
    unmarked: ['a Good rating', 'at risk panel (VARP) and exploitation'],
  },
};

describe.each(Object.entries(SEED_EXPECTATIONS))('seed %s', (file, expectations) => {
  const text = readFileSync(join(SEEDS, file), 'utf8');
  check(() => text, expectations);
});

const REPORT_EXPECTATIONS: Record<string, Expectations> = {
  'barnet-2017-ilacs.pdf': {
    marked: [
      ['Inadequate', 'concern'],
      ['Requires improvement', 'mixed'],
      ['serious failures', 'concern'],
      ['drift and delay', 'concern'],
      ['not sufficiently well', 'concern'],
      ['weak', 'concern'],
      ['poor-quality', 'concern'],
      ['deterioration', 'concern'],
    ],
    unmarked: ['neglect', 'domestic abuse', 'change or deteriorate'],
  },
  'barnet-2019-ilacs.pdf': {
    marked: [
      ['Good', 'strength'],
      ['purposeful progress', 'strength'],
      ['at pace', 'strength'],
      ['who know them well', 'strength'],
      ['tenacious', 'strength'],
      ['Well-established', 'strength'],
      ['less well', 'concern'],
      ['not all', 'concern'],
    ],
    unmarked: ['domestic abuse', 'not only'],
  },
  'barnet-2024-ilacs.pdf': {
    marked: [
      ['outstanding', 'strength'],
      ['impressive', 'strength'],
      ['compassionate', 'strength'],
      ['benefit from', 'strength'],
      ['too variable', 'concern'],
      ['do not reflect', 'concern'],
    ],
    unmarked: ['domestic abuse', 'neglect'],
  },
  'blackpool-2023-ilacs.pdf': {
    marked: [
      ['Requires improvement to be good', 'mixed'],
      ['steady progress', 'strength'],
      ['highly effective', 'strength'],
      ['excellent', 'strength'],
      ['lack of robust', 'concern'],
      ['not always sufficiently robust', 'concern'],
      ['for too long', 'concern'],
    ],
    unmarked: ['neglect', 'domestic abuse'],
  },
  'bradford-2023-ilacs.pdf': {
    marked: [
      ['inadequate', 'concern'],
      ['serious failures', 'concern'],
      ['drift and delay', 'concern'],
      ['changes of social worker', 'concern'],
      ['leaving children at risk', 'concern'],
      ['slow pace of change', 'concern'],
      ['some children', 'mixed'],
    ],
    unmarked: ['domestic abuse', 'neglect'],
  },
  'brighton-and-hove-2024-ilacs.pdf': {
    marked: [
      ['outstanding', 'strength'],
      ['highly effective', 'strength'],
      ['impressive', 'strength'],
      ['exceptionally', 'strength'],
      ['child-centred', 'strength'],
      ['sustained improvements', 'strength'],
      ['not yet embedded', 'mixed'],
    ],
    unmarked: ['neglect'],
  },
  'cumberland-2024-ilacs.pdf': {
    marked: [
      ['Requires improvement to be good', 'mixed'],
      ['were judged requires improvement to be good', 'mixed'],
      ['without delay', 'strength'],
      ['at the right time', 'strength'],
      ['tenacious', 'strength'],
      ['not always timely', 'concern'],
      ['lack of effective', 'concern'],
    ],
    unmarked: ['neglect', 'domestic abuse'],
  },
  'lancashire-2026-ilacs.pdf': {
    marked: [
      ['outstanding', 'strength'],
      ['the vast majority', 'strength'],
      ['highly effective', 'strength'],
      ['well embedded', 'strength'],
      ['drift and delay', 'concern'],
      ['not been sufficiently robust', 'concern'],
    ],
    unmarked: ['strength-based', 'domestic abuse'],
  },
};

describe('fixture reports', () => {
  it('lists every fixture report with its grades', () => {
    const reports = fixtureReports();
    expect(reports.map((r) => r.file).sort()).toEqual(Object.keys(REPORT_EXPECTATIONS).sort());
    expect(reports.find((r) => r.file === 'barnet-2024-ilacs.pdf')?.grades.children_in_care).toBe('outstanding');
  });
});

describe.each(Object.entries(REPORT_EXPECTATIONS))('report %s', (file, expectations) => {
  let text = '';
  beforeAll(async () => {
    text = await reportText(join(import.meta.dirname, '../../../shared/fixtures/reports', file));
  });
  check(() => text, expectations);
});
