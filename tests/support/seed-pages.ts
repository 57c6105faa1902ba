/**
 * The seeds in ../shared/seeds rendered as the web pages they came from: paragraphs, bullet
 * lists, a heading, and each under the host a reader would meet it on. A few judgement phrases
 * are split across inline elements, as publishing systems do, and every page carries text a
 * reader never sees (script, style, a form field, a hidden block) full of verdict words.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED = join(import.meta.dirname, '../../../shared');
const SEEDS = join(SHARED, 'seeds');

export interface SeedPage {
  file: string;
  host: string;
  path: string;
  title: string;
  html: string;
  /** The seed's plain text, for the unit tests. */
  text: string;
}

const HOSTS: Record<string, { host: string; path: string }> = {
  '000': { host: 'www.communitycare.co.uk', path: '/2018/05/04/barnet-monitoring-visit/' },
  '001': { host: 'reports.ofsted.gov.uk', path: '/provider/44/80487/letter-2018' },
  '002': { host: 'www.communitycare.co.uk', path: '/2019/02/11/barnet-care-leavers/' },
  '003': { host: 'www.communitycare.co.uk', path: '/2017/07/07/barnet-inadequate/' },
  '004': { host: 'barnet.moderngov.co.uk', path: '/mgAi.aspx?ID=12345' },
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text a reader cannot see: none of it may ever be highlighted. */
export const UNSEEN_TEXT = 'inadequate weak poor strong highly effective';

/** Seed text as HTML: blank-line paragraphs, bullet lines as a list, "**x**" as bold. */
export function seedToHtml(text: string, title: string): string {
  const blocks = text.split(/\n\s*\n|\n(?=\s*(?:[-•·]\s))/);
  const body: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) body.push(`<ul>${list.map((li) => `<li>${li}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const raw of blocks) {
    const block = raw.trim();
    if (!block) continue;
    const inline = escape(block).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/\n/g, '<br>');
    const bullet = /^[-•·]\s+/.exec(block);
    if (bullet) list.push(inline.replace(/^[-•·]\s+/, ''));
    else {
      flushList();
      body.push(`<p>${inline}</p>`);
    }
  }
  flushList();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>.note::after { content: "${UNSEEN_TEXT}"; }</style>
<script>window.unseen = "${UNSEEN_TEXT}";</script></head>
<body>
<main>
<h1>${escape(title)}</h1>
${body.join('\n')}
</main>
<form><textarea name="draft">${UNSEEN_TEXT}</textarea><input value="${UNSEEN_TEXT}"></form>
<div hidden>${UNSEEN_TEXT}</div>
<div style="display:none">${UNSEEN_TEXT}</div>
<div contenteditable="true">${UNSEEN_TEXT}</div>
</body></html>`;
}

export function seedPages(): SeedPage[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(SEEDS, file), 'utf8');
      const title = text.split('\n').find((l) => l.trim())!.trim().slice(0, 90);
      const where = HOSTS[file.slice(0, 3)]!;
      return { file, ...where, title, text, html: seedToHtml(text, title) };
    });
}
