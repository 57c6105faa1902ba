/**
 * A report-like page of about a megabyte of text, built from the fixture reports' own text, so
 * the benchmark reads the language, the density of judgement phrases and the markup a reader's
 * browser meets on a long report page: headings, numbered paragraphs, bullet lists, the grade
 * table, and inline markup (bold, links, spans) that cuts sentences, and now and then a phrase,
 * into several text nodes. The fixture reports come to about 300 KB, so they are repeated, each
 * copy an article of its own, until the page holds the wanted amount of text.
 *
 * The page is the same on every run: the inline markup comes from a seeded generator.
 */
import { fixtureReports, reportText, type FixtureReport } from '../support/pdf-text.ts';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** mulberry32: small, fast, and the same sequence for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRADE_ROWS: [keyof FixtureReport['grades'], string][] = [
  ['impact_of_leaders', 'The impact of leaders on social work practice with children and families'],
  ['help_and_protection', 'The experiences and progress of children who need help and protection'],
  ['children_in_care', 'The experiences and progress of children in care'],
  ['care_leavers', 'The experiences and progress of care leavers'],
  ['overall_effectiveness', 'Overall effectiveness'],
];

/** The judgement table that opens a report, from grades.csv. */
function gradeTable(report: FixtureReport): string {
  const rows = GRADE_ROWS.filter(([key]) => /^[a-z ]+$/.test(report.grades[key]) && report.grades[key] !== '')
    .map(([key, label]) => {
      const grade = report.grades[key];
      return `<tr><th scope="row">${label}</th><td>${grade[0]!.toUpperCase()}${grade.slice(1)}</td></tr>`;
    })
    .join('');
  return `<table class="grades"><thead><tr><th>Judgement</th><th>Grade</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const INLINE_TAGS = ['b', 'b', 'a', 'a', 'span', 'em'] as const;

/** Escaped words with every so often a run of one to four of them inside an inline element. */
function inlineMarkup(words: string[], random: () => number, anchor: string): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (random() < 0.08) {
      const n = 1 + Math.floor(random() * 4);
      const tag = INLINE_TAGS[Math.floor(random() * INLINE_TAGS.length)]!;
      const inner = words.slice(i, i + n).map(escape).join(' ');
      const open = tag === 'a' ? `<a href="#${anchor}">` : tag === 'span' ? '<span class="term">' : `<${tag}>`;
      out.push(`${open}${inner}</${tag}>`);
      i += n;
    } else {
      out.push(escape(words[i]!));
      i++;
    }
  }
  return out.join(' ');
}

const BULLET = /^[◼•▪●·-]\s+/;

/** One paragraph of the extracted text as HTML, and the characters of text it holds. */
function blockHtml(lines: string[], random: () => number, anchor: string): { html: string; chars: number } {
  const text = lines.join(' ');
  if (lines.length <= 2 && text.length < 120 && !/[.;,]$/.test(text) && /^\p{Lu}/u.test(text)) {
    return { html: `<h2 id="${anchor}">${escape(text)}</h2>`, chars: text.length };
  }
  return { html: `<p>${inlineMarkup(text.split(' '), random, anchor)}</p>`, chars: text.length };
}

/** Consecutive bullet paragraphs as one list. */
function listHtml(items: string[][], random: () => number, anchor: string): { html: string; chars: number } {
  const texts = items.map((lines) => lines.join(' ').replace(BULLET, ''));
  const lis = texts.map((item) => `<li>${inlineMarkup(item.split(' '), random, anchor)}</li>`).join('');
  return { html: `<ul>${lis}</ul>`, chars: texts.join('').length };
}

/**
 * The report's paragraphs, without the PDF's own judgement table (the article has a real one):
 * everything between the title block and the "Overall effectiveness" row.
 */
function paragraphs(text: string): string[][] {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== ''))
    .filter((b) => b.length > 0);
  const overall = blocks.findIndex((b, i) => i < 30 && /^Overall effectiveness/.test(b[0]!));
  return overall < 0 ? blocks : [blocks[0]!, ...blocks.slice(overall + 1)];
}

/** One report as an article: title, grade table, then its paragraphs until `budget` chars. */
function article(report: FixtureReport, text: string, copy: number, random: () => number, budget: number) {
  const blocks = paragraphs(text);
  const body: string[] = [];
  let chars = 0;
  for (let i = 0; i < blocks.length && chars < budget; ) {
    const anchor = `r${copy}-${i}`;
    let block;
    if (BULLET.test(blocks[i]![0]!)) {
      const items: string[][] = [];
      while (i < blocks.length && BULLET.test(blocks[i]![0]!)) items.push(blocks[i++]!);
      block = listHtml(items, random, anchor);
    } else {
      block = blockHtml(blocks[i++]!, random, anchor);
    }
    body.push(block.html);
    chars += block.chars;
  }
  const authority = report.authority.replace(/-/g, ' ').replace(/\b(?!and\b)\p{Ll}/gu, (c) => c.toUpperCase());
  const title = `Inspection of ${authority} local authority children’s services (${report.published})`;
  const html = `<article><h1>${escape(title)}</h1>${gradeTable(report)}\n${body.join('\n')}</article>`;
  return { html, chars: chars + title.length };
}

export interface ReportPage {
  html: string;
  /** Characters of readable text in the page, roughly (the page itself counts them exactly). */
  chars: number;
}

/** A page of about `targetChars` characters of report text. */
export async function reportPage(targetChars = 1_000_000): Promise<ReportPage> {
  const reports = await Promise.all(
    fixtureReports().map(async (report) => ({ report, text: await reportText(report.path) })),
  );
  const random = seeded(20240614);
  const articles: string[] = [];
  let chars = 0;
  for (let copy = 0; chars < targetChars; copy++) {
    const { report, text } = reports[copy % reports.length]!;
    const made = article(report, text, copy, random, targetChars - chars);
    articles.push(made.html);
    chars += made.chars;
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inspection reports: local authority children’s services</title>
<style>body { font: 16px/1.5 sans-serif; max-width: 50em; margin: auto; } .term { font-style: italic; }
table.grades td, table.grades th { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; }</style></head>
<body>
<header><nav><a href="/">Ofsted reports</a> · <a href="/search">Find an inspection report</a></nav></header>
<main>
${articles.join('\n')}
</main>
<footer><p>© Crown copyright. Reusable under the Open Government Licence v3.0.</p></footer>
</body></html>`;
  return { html, chars };
}
