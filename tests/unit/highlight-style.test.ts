/**
 * The highlight styles keep text readable on light and dark pages alike (each tone sets its own
 * text and background colours, WCAG AA: at least 4.5:1) and differ by more than colour (each
 * tone has its own underline style), for colour-blind readers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../entrypoints/judgements.content/highlights.css'), 'utf8');

function rule(name: string): Record<string, string> {
  const body = new RegExp(`::highlight\\(${name}\\)\\s*\\{([^}]*)\\}`).exec(css)?.[1];
  if (!body) throw new Error(`no rule for ${name}`);
  return Object.fromEntries(
    body
      .split(';')
      .map((d) => d.split(':').map((s) => s.trim()))
      .filter((d) => d.length === 2)
      .map(([k, v]) => [k!, v!]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const NAMES = ['judgement-strength', 'judgement-concern', 'judgement-mixed'];

describe('highlight styles', () => {
  for (const name of NAMES) {
    it(`${name} sets its own text and background colours with AA contrast`, () => {
      const { color, 'background-color': background } = rule(name);
      expect(color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(background).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrast(color!, background!)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('gives each tone its own underline style', () => {
    const styles = NAMES.map((name) => /underline\s+(\w+)/.exec(rule(name)['text-decoration'] ?? '')?.[1]);
    expect(styles.every(Boolean)).toBe(true);
    expect(new Set(styles).size).toBe(NAMES.length);
  });
});
