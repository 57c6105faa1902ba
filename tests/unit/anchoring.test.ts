import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorPassage, describePassage, errorBudget, type PassageSelector } from '../../lib/anchoring.ts';
import { MAX_PASSAGE_CHARS } from '../../lib/schema.ts';
import { buildTextModel } from '../../lib/text-model.ts';
import { REPORTS_DIR, reportText } from '../support/pdf-text.ts';
import { chunksOf, randomFrom, seedTexts } from '../support/text-chunks.ts';

/** Raw report texts, edited as a publisher might edit the page. */
let barnet = '';
let lancashire = '';

beforeAll(async () => {
  barnet = await reportText(join(REPORTS_DIR, 'barnet-2019-ilacs.pdf'));
  lancashire = await reportText(join(REPORTS_DIR, 'lancashire-2026-ilacs.pdf'));
});

/** The normalised text of a page showing `raw`. */
const page = (raw: string, seed = 1): string => buildTextModel(chunksOf(raw, seed)).text;

/** `raw` with its one occurrence of `find` replaced. */
function edit(raw: string, find: string, replacement: string): string {
  const at = raw.indexOf(find);
  expect(at, find).toBeGreaterThanOrEqual(0);
  expect(raw.indexOf(find, at + 1), find).toBe(-1);
  return raw.slice(0, at) + replacement + raw.slice(at + find.length);
}

/** The selectors of the one occurrence of `passage` in `text`. */
function select(text: string, passage: string): PassageSelector {
  const at = text.indexOf(passage);
  expect(at, passage).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(passage, at + 1), passage).toBe(-1);
  return describePassage(text, at, at + passage.length);
}

const FRONT_DOOR =
  'The ‘front door’ and the MASH provide a timely and effective response to contacts by professionals and members of the public.';
const EXPLOITATION =
  'Staff take effective action to reduce risks to children who are considered to be highly vulnerable and at risk of exploitation, including children missing from home, school or care.';
const NEW_PARAGRAPH =
  'Since the inspection, leaders have appointed a permanent principal social worker, who\nstarted in post in the spring.';

describe('describePassage', () => {
  it('stores the passage with 32 characters of context either side', () => {
    const text = page(barnet);
    expect(select(text, FRONT_DOOR)).toEqual({
      quote: {
        exact: FRONT_DOOR,
        prefix: 'in need of help and protection. ',
        suffix: ' Contacts in the MASH are respon',
      },
      position: { start: 2997, end: 3122 },
    });
    expect(describePassage(text, 0, 16).quote).toEqual({
      exact: 'London Borough o',
      prefix: '',
      suffix: 'f Barnet Inspection of children’',
    });
  });

  it('never splits a surrogate pair at the edge of the context', () => {
    const text = `${'😀'.repeat(20)}xPASSAGEy${'😀'.repeat(20)}`;
    const { quote } = describePassage(text, 41, 48);
    expect(quote).toEqual({ exact: 'PASSAGE', prefix: `${'😀'.repeat(15)}x`, suffix: `y${'😀'.repeat(15)}` });
  });

  it('refuses an empty, reversed, out-of-range or over-long passage', () => {
    const text = 'x'.repeat(MAX_PASSAGE_CHARS + 10);
    expect(() => describePassage(text, 5, 5)).toThrow(RangeError);
    expect(() => describePassage(text, 6, 5)).toThrow(RangeError);
    expect(() => describePassage(text, -1, 5)).toThrow(RangeError);
    expect(() => describePassage(text, 0, text.length + 1)).toThrow(RangeError);
    expect(() => describePassage(text, 0, MAX_PASSAGE_CHARS + 1)).toThrow(RangeError);
    expect(describePassage(text, 0, MAX_PASSAGE_CHARS).quote.exact.length).toBe(MAX_PASSAGE_CHARS);
  });
});

describe('anchorPassage on an unchanged page', () => {
  it('finds every passage of the seeds and reports where it was', () => {
    const texts = [...seedTexts().map((s) => s.text), barnet, lancashire].map((raw) => page(raw));
    let checked = 0;
    for (const text of texts) {
      for (let start = 0; start + 150 <= text.length; start += 97) {
        const selector = describePassage(text, start, start + 150);
        expect(anchorPassage(text, selector)).toEqual({ start, end: start + 150, exact: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(700);
  });
});

describe('anchorPassage after the page changed', () => {
  it('follows passages moved by a paragraph inserted before them', () => {
    const before = page(barnet);
    const after = page(edit(barnet, '\n\n3. Children receive', `\n\n${NEW_PARAGRAPH}\n\n3. Children receive`), 2);
    const shift = 'Since the inspection, leaders have appointed a permanent principal social worker, who started in post in the spring.\n'.length;
    const unmoved = select(before, FRONT_DOOR);
    expect(anchorPassage(after, unmoved)).toEqual({ start: 2997, end: 3122, exact: true });
    const moved = select(before, EXPLOITATION);
    expect(anchorPassage(after, moved)).toEqual({
      start: moved.position.start + shift,
      end: moved.position.end + shift,
      exact: true,
    });
    expect(after.slice(moved.position.start + shift, moved.position.end + shift)).toBe(EXPLOITATION);
    // The passage right after the new paragraph has lost its old prefix but kept its suffix.
    const next = select(before, '3. Children receive appropriate support');
    expect(next.quote.prefix).toBe('assessment of children’s needs.\n');
    expect(anchorPassage(after, next)).toEqual({
      start: next.position.start + shift,
      end: next.position.end + shift,
      exact: true,
    });
  });

  it('finds a passage with a word changed inside it, as it now reads', () => {
    const selector = select(page(barnet), EXPLOITATION);
    const text = page(edit(barnet, 'Staff take effective action', 'Staff take swift action'));
    const found = anchorPassage(text, selector)!;
    expect(found).toEqual({ start: selector.position.start, end: selector.position.end - 4, exact: false });
    expect(text.slice(found.start, found.end)).toBe(EXPLOITATION.replace('effective', 'swift'));
  });

  it('is not moved by re-wrapped lines, doubled spaces and no-break spaces', () => {
    const selector = select(page(barnet), EXPLOITATION);
    const rewrapped = barnet
      .split(/\n[ \t]*\n/)
      .map((p) => p.replace(/\s+/g, ' ').replace(/ (and|of|to) /g, '  $1\u00a0').replace(/(.{50,60}) /g, '$1\n'))
      .join('\n\n');
    expect(rewrapped).not.toBe(barnet);
    expect(anchorPassage(page(rewrapped, 9), selector)).toEqual({ ...selector.position, exact: true });
  });

  it('finds a passage whose paragraph was split in two, with a line break for a space', () => {
    const selector = select(page(barnet), EXPLOITATION);
    const text = page(edit(barnet, 'highly vulnerable and at risk', 'highly vulnerable\n\nand at risk'));
    const found = anchorPassage(text, selector)!;
    expect(found).toEqual({ ...selector.position, exact: false });
    expect(text.slice(found.start, found.end)).toBe(EXPLOITATION.replace('vulnerable and', 'vulnerable\nand'));
  });

  it('tells a repeated passage apart by its context, whatever the position says', () => {
    const text = page(edit(barnet, 'Lead inspector: Andy Whippey', `Lead inspector: Andy Whippey\n\n${FRONT_DOOR}`));
    const copy = text.indexOf(FRONT_DOOR);
    const original = text.indexOf(FRONT_DOOR, copy + 1);
    expect(copy).toBeGreaterThan(0);
    expect(original).toBeGreaterThan(copy);
    const atOriginal = describePassage(text, original, original + FRONT_DOOR.length);
    const atCopy = describePassage(text, copy, copy + FRONT_DOOR.length);
    const swapped = (s: PassageSelector, other: PassageSelector) => ({ quote: s.quote, position: other.position });
    expect(anchorPassage(text, swapped(atOriginal, atCopy))).toEqual({ ...atOriginal.position, exact: true });
    expect(anchorPassage(text, swapped(atCopy, atOriginal))).toEqual({ ...atCopy.position, exact: true });
  });

  it('prefers the passage edited in place to an unedited copy elsewhere with other context', () => {
    const selector = select(page(barnet), EXPLOITATION);
    const raw = edit(
      edit(barnet, 'Staff take effective action', 'Staff take swift action'),
      'Lead inspector: Andy Whippey',
      `Lead inspector: Andy Whippey\n\n${EXPLOITATION}`,
    );
    const text = page(raw);
    const found = anchorPassage(text, selector)!;
    expect(found.exact).toBe(false);
    expect(text.slice(found.start, found.end)).toBe(EXPLOITATION.replace('effective', 'swift'));
    expect(found.start).toBe(selector.position.start + EXPLOITATION.length + 1);
  });

  it('gives up on a deleted passage, so the annotation becomes an orphan', () => {
    const text = page(barnet);
    const selector = select(text, 'Timely strategy discussions take place when children’s needs escalate.');
    const paragraph = /\n\n4\. Timely strategy[^]*?\n\n/.exec(barnet)![0];
    const without = page(edit(barnet, paragraph, '\n\n'));
    expect(without.length).toBe(text.length - 297);
    expect(anchorPassage(without, selector)).toBeNull();
  });
});

describe('approximate anchoring', () => {
  /** A 200-character passage of the Lancashire report, its selectors, and its start. */
  function passage200() {
    const text = page(lancashire);
    const start = text.indexOf('Thresholds for referral to children’s social care');
    const selector = describePassage(text, start, start + 200);
    expect(selector.quote.exact).toBe(
      'Thresholds for referral to children’s social care are well understood by partners, and decisions made at the front door are proportionate and timely for the vast majority of children. Social workers s',
    );
    return { text, start, selector };
  }

  /** `s` with the characters at `offsets` replaced by different letters. */
  function substitute(s: string, offsets: number[]): string {
    const chars = s.split('');
    for (const i of offsets) chars[i] = chars[i] === 'q' ? 'z' : 'q';
    return chars.join('');
  }

  it('finds a 200-character passage with 10% of its characters changed', () => {
    const { text, start, selector } = passage200();
    const changed = substitute(selector.quote.exact, Array.from({ length: 20 }, (_, i) => 5 + i * 10));
    const edited = text.slice(0, start) + changed + text.slice(start + 200);
    expect(anchorPassage(edited, selector)).toEqual({ start, end: start + 200, exact: false });
  });

  it('finds it anywhere in the page when the position is stale, with inserted and deleted characters', () => {
    const { text, start, selector } = passage200();
    const random = randomFrom(200);
    let changed = selector.quote.exact;
    // 7 deletions, 7 insertions and 6 substitutions, away from the passage's ends.
    for (let n = 0; n < 20; n++) {
      const at = 10 + n * 9 + Math.floor(random() * 4);
      const rest = changed.slice(at + 1);
      changed = changed.slice(0, at) + (n % 3 === 0 ? '' : n % 3 === 1 ? `${changed[at]}x` : 'q') + rest;
    }
    expect(changed.length).toBe(200);
    const inserted = `${'A new paragraph about the local authority’s services. '.repeat(40).trim()}\n`;
    const edited = inserted + text.slice(0, start) + changed + text.slice(start + 200);
    const stale = { ...selector, position: { start: 0, end: 200 } };
    expect(anchorPassage(edited, stale)).toEqual({
      start: start + inserted.length,
      end: start + inserted.length + 200,
      exact: false,
    });
  });

  it('does not match a passage with half its characters changed', () => {
    const { text, start, selector } = passage200();
    const changed = substitute(selector.quote.exact, Array.from({ length: 100 }, (_, i) => i * 2));
    const edited = text.slice(0, start) + changed + text.slice(start + 200);
    expect(anchorPassage(edited, selector)).toBeNull();
  });

  it('allows an eighth of a passage in edits, at least 2, at most a quarter', () => {
    expect([3, 4, 8, 16, 24, 200, 5000].map(errorBudget)).toEqual([0, 1, 2, 2, 3, 25, 625]);
  });
});
