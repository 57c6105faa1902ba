import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTS_DIR, reportText } from '../support/pdf-text.ts';

const texts: Record<string, string> = {};

beforeAll(async () => {
  for (const file of ['barnet-2017-ilacs.pdf', 'barnet-2019-ilacs.pdf', 'lancashire-2026-ilacs.pdf']) {
    texts[file] = await reportText(join(REPORTS_DIR, file));
  }
});

describe('reportText', () => {
  it('drops the running footer and page numbers repeated on every page', () => {
    const lines = texts['lancashire-2026-ilacs.pdf']!.split('\n');
    expect(lines).not.toContain('11 to 22 May 2026');
    expect(lines).not.toContain('Inspection of Lancashire local authority children’s services');
    expect(lines).toContain('Inspection dates: 11 to 22 May 2026');
    for (const text of Object.values(texts)) expect(text).not.toMatch(/^\d+$/m);
  });

  it('keeps a sentence running over a page break together', () => {
    expect(texts['barnet-2019-ilacs.pdf']).toContain(
      'with good consideration of historical factors,\nand decision-making is clear and appropriate.',
    );
  });

  it('keeps headings and grade cells on lines of their own, paragraphs apart', () => {
    const text = texts['barnet-2019-ilacs.pdf']!;
    expect(text).toContain('\nOverall effectiveness\nGood\n');
    expect(text).toContain('\n\nThe experiences and progress of children who need help and\nprotection: Good\n\n1. ');
  });

  it('joins a compound broken at a line end without losing its hyphen', () => {
    expect(texts['barnet-2019-ilacs.pdf']).toContain('impact of services on the well-being of them');
    expect(texts['barnet-2017-ilacs.pdf']).toContain('increasing numbers of unaccompanied asylum-seeking children.');
  });
});
