/**
 * The text of the fixture reports as a reader of the PDF sees it, for the evaluation, the
 * benchmark and the unit tests. pdfjs gives positioned text runs, not lines; the matcher needs
 * lines (a grade counts when it stands alone on a line or closes a heading) and sentences that
 * are not cut by the running header and footer repeated on every page. So runs are grouped into
 * lines by position, table cells far apart on a line become lines of their own, a wide vertical
 * gap becomes a blank line (a paragraph break), lines repeated at the top or bottom of most pages
 * are dropped, and line-end hyphenation is undone unless the hyphen belongs to the word.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const REPORTS_DIR = join(import.meta.dirname, '../../../shared/fixtures/reports');

interface Line {
  text: string;
  /** Baseline, in PDF units from the bottom of the page. */
  y: number;
  /** Font size of the line's tallest run. */
  size: number;
}

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  eol: boolean;
}

/** A horizontal gap this many font sizes wide separates table cells, not words. */
const CELL_GAP = 3;
/** A vertical step this many font sizes tall is a paragraph break, not the next line. */
const PARAGRAPH_STEP = 1.6;
/** How many lines at each end of a page may be running header or footer. */
const MARGIN_LINES = 3;

function runsToLines(runs: Run[]): Line[] {
  const lines: Line[] = [];
  let current: (Line & { right: number }) | undefined;
  const close = (): void => {
    if (current && current.text.trim() !== '') {
      lines.push({ text: current.text.replace(/\s+/g, ' ').trim(), y: current.y, size: current.size });
    }
    current = undefined;
  };
  for (const run of runs) {
    if (run.str.trim() === '') {
      if (run.eol) close();
      continue;
    }
    const size = run.height || 1;
    if (current) {
      const gap = run.x - current.right;
      const sameRow = Math.abs(run.y - current.y) < size / 2;
      if (!sameRow || gap > CELL_GAP * size || gap < -size) close();
    }
    if (!current) {
      current = { text: run.str, y: run.y, size, right: run.x + run.width };
    } else {
      const gap = run.x - current.right;
      current.text += gap > size * 0.15 ? ` ${run.str}` : run.str;
      current.right = run.x + run.width;
      current.size = Math.max(current.size, size);
    }
    if (run.eol) close();
  }
  close();
  return lines;
}

async function pageLines(pdfPath: string): Promise<Line[][]> {
  const data = new Uint8Array(await readFile(pdfPath));
  const task = getDocument({ data, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: Line[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        runs.push({
          str: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          width: item.width,
          height: item.height,
          eol: item.hasEOL,
        });
      }
      pages.push(runsToLines(runs));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** A line's identity across pages: page numbers and dates vary, the rest repeats. */
function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

/** Lines at the top or bottom of most pages: the running header and footer. */
function runningLines(pages: Line[][]): Set<string> {
  const seen = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set<string>();
    lines.forEach((line, i) => {
      if (i < MARGIN_LINES || i >= lines.length - MARGIN_LINES) keys.add(runningKey(line.text));
    });
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length / 2));
  return new Set([...seen].filter(([, n]) => n >= threshold).map(([key]) => key));
}

/** Endings that make a fragment a whole word even when the report never uses it alone. */
const WORD_ENDING = /(ed|ing|ful|al|er|ly)$/;

/** First parts of compounds that may not stand as words elsewhere in a report. */
const COMPOUND_PREFIXES = new Set([
  ...['well', 'self', 'multi', 'non', 'co', 'cross', 'long', 'short', 'high', 'low', 'child'],
  ...['young', 'out', 'part', 'full', 'over', 'under', 'pre', 'post', 'anti', 'inter', 'semi'],
  ...['sub', 'ex', 'early', 'ill', 'all', 'up', 'best', 'face', 'age', 'care', 'risk', 'one'],
  ...['two', 'three', 'four', 'five', 'six', 'time', 'decision', 'place', 'life'],
]);

/**
 * Joins a line ending in "word-" to the next line starting with "rest". These reports are set
 * without automatic hyphenation, so most line-end hyphens belong to compounds ("asylum-" +
 * "seeking"). The hyphen goes only when the document spells the joined word elsewhere, or when
 * the parts are not words of their own ("suffi-" + "ciently"). It stays when the document
 * spells the compound with a hyphen, when it is part of a longer compound ("out-of-" + "hours",
 * "hard-" + "to-reach"), or when both parts are words or the first a common prefix.
 */
function joinHyphenated(head: string, tail: string, vocabulary: Set<string>): string {
  const first = (/([\p{L}]+)-$/u.exec(head)?.[1] ?? '').toLowerCase();
  const rest = (/^[\p{L}]+/u.exec(tail)?.[0] ?? '').toLowerCase();
  const hyphen = `${head}${tail}`;
  const joined = `${head.slice(0, -1)}${tail}`;
  if (vocabulary.has(`${first}-${rest}`)) return hyphen;
  if (vocabulary.has(`${first}${rest}`)) return joined;
  if (/-[\p{L}]+-$/u.test(head) || /^[\p{L}]+-/u.test(tail)) return hyphen;
  const firstIsWord = vocabulary.has(first) || COMPOUND_PREFIXES.has(first) || WORD_ENDING.test(first);
  const words = firstIsWord && vocabulary.has(rest);
  return words ? hyphen : joined;
}

function vocabularyOf(pages: Line[][]): Set<string> {
  const words = new Set<string>();
  for (const lines of pages) {
    for (const line of lines) {
      // Only words inside a line: a word broken at a line end would teach the wrong spelling.
      const inner = line.text.replace(/\S+$/, '');
      for (const w of inner.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? []) {
        words.add(w);
        for (const part of w.split('-')) words.add(part);
      }
    }
  }
  return words;
}

/**
 * The text of a PDF: one line per printed line, a blank line between paragraphs, no running
 * header or footer, line-end hyphenation joined.
 */
export async function reportText(pdfPath: string): Promise<string> {
  const pages = await pageLines(pdfPath);
  const running = runningLines(pages);
  const vocabulary = vocabularyOf(pages);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const lines of pages) {
    let firstOnPage = true;
    for (const line of lines) {
      if (running.has(runningKey(line.text))) continue;
      let text = line.text;
      if (previous) {
        const step = previous.y - line.y;
        const paragraph = firstOnPage
          ? /[.:!?]$/.test(previous.text) && !/^[\p{Ll}]/u.test(text)
          : step > PARAGRAPH_STEP * Math.max(previous.size, line.size) || step < 0;
        if (/[\p{L}]-$/u.test(out[out.length - 1] ?? '') && /^[\p{Ll}]/u.test(text) && !paragraph) {
          const head = out.pop()!;
          const joined = joinHyphenated(head, text, vocabulary);
          text = joined;
        } else if (paragraph) {
          out.push('');
        }
      }
      out.push(text);
      previous = line;
      firstOnPage = false;
    }
  }
  return `${out.join('\n')}\n`;
}

/** The grade of each judgement area, as grades.csv spells it (empty when not graded). */
export interface FixtureReport {
  file: string;
  path: string;
  authority: string;
  published: string;
  grades: {
    overall_effectiveness: string;
    impact_of_leaders: string;
    help_and_protection: string;
    children_in_care: string;
    care_leavers: string;
  };
}

/** The fixture PDFs with their grades, in the order grades.csv lists them. */
export function fixtureReports(): FixtureReport[] {
  const [header, ...rows] = readFileSync(join(REPORTS_DIR, 'grades.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((row) => row.trim() !== '');
  const columns = header!.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    const get = (name: string): string => cells[columns.indexOf(name)]?.trim() ?? '';
    return {
      file: get('file'),
      path: join(REPORTS_DIR, get('file')),
      authority: get('local_authority'),
      published: get('published'),
      grades: {
        overall_effectiveness: get('overall_effectiveness'),
        impact_of_leaders: get('impact_of_leaders'),
        help_and_protection: get('help_and_protection'),
        children_in_care: get('children_in_care'),
        care_leavers: get('care_leavers'),
      },
    };
  });
}
