import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTheme, filterThemes, foldText, nextThemeColor, slugify, suggestThemes, THEME_PALETTE } from '../../lib/codebook.ts';
import defaults from '../../lib/default-themes.json' with { type: 'json' };
import { ThemeSchema, type Theme } from '../../lib/schema.ts';

const SEEDS = join(import.meta.dirname, '../../../shared/seeds');
const CREATED = '2026-01-01T00:00:00.000Z';
const codebook: Theme[] = defaults.map((theme) => ({ ...theme, createdAt: CREATED, updatedAt: CREATED }));

/** The line of a seed that contains `phrase`, so a passage is real text a reader would select. */
function seedPassage(file: string, phrase: string): string {
  const line = readFileSync(join(SEEDS, file), 'utf8')
    .split('\n')
    .find((l) => l.includes(phrase));
  if (line === undefined) throw new Error(`"${phrase}" is not in ${file}`);
  return line;
}

const ids = (themes: readonly Theme[]) => themes.map((t) => t.id);

function theme(id: string, keywords: string[], extra: Partial<Theme> = {}): Theme {
  return { id, label: id, color: '#123456', keywords, createdAt: CREATED, updatedAt: CREATED, ...extra };
}

describe('suggestions on real passages', () => {
  it('offers management oversight for a passage about supervision', () => {
    const passage = seedPassage('000_43bc6fa5cb2ca3ee.txt', 'Supervision records seen by inspectors');
    expect(ids(suggestThemes(codebook, passage))[0]).toBe('oversight');
  });

  it('ranks the theme with most hits first when several match', () => {
    const passage = seedPassage('002_6e4ecb9218705333.txt', 'Management oversight and supervision is not consistent');
    const suggested = ids(suggestThemes(codebook, passage));
    expect(suggested[0]).toBe('oversight');
    expect(suggested).toEqual(expect.arrayContaining(['assessment-planning', 'care-leavers']));
  });

  it('offers care leavers for personal advisers and workforce for caseloads', () => {
    expect(ids(suggestThemes(codebook, seedPassage('002_6e4ecb9218705333.txt', 'from their personal advisers')))[0]).toBe('care-leavers');
    expect(ids(suggestThemes(codebook, seedPassage('002_6e4ecb9218705333.txt', 'Caseloads were reported')))[0]).toBe('workforce');
  });

  it('matches a keyword with a straight apostrophe in text with a curly one', () => {
    const passage = seedPassage('003_51a6fd33b2d8a7bc.txt', 'director of children’s services');
    expect(passage).toContain('’');
    const suggested = ids(suggestThemes(codebook, passage));
    expect(suggested[0]).toBe('leadership');
    expect(suggested).toContain('assessment-planning');
  });

  it('suggests nothing for a passage without keywords when no theme was used', () => {
    expect(suggestThemes(codebook, 'The weather was fine.')).toEqual([]);
  });
});

describe('suggestion rules', () => {
  it('matches keywords as prefixes at a word start only, in any case, across line breaks', () => {
    const themes = [theme('audit', ['audit']), theme('senior', ['senior leaders'])];
    expect(ids(suggestThemes(themes, 'Regular AUDITS help.'))).toEqual(['audit']);
    expect(ids(suggestThemes(themes, 'A reaudit was done.'))).toEqual([]);
    expect(ids(suggestThemes(themes, 'The Senior\n  Leaders met.'))).toEqual(['senior']);
  });

  it('ranks more hits first, then longer matches, then recent use, then codebook order', () => {
    const many = theme('many', ['plan']);
    const long = theme('long', ['planning meeting']);
    const short = theme('short', ['meet']);
    const passage = 'A plan, another plan, and a planning meeting.';
    expect(ids(suggestThemes([short, long, many], passage))).toEqual(['many', 'long', 'short']);

    const first = theme('first', ['visit']);
    const second = theme('second', ['visit'], { lastUsedAt: '2026-02-01T00:00:00Z' });
    const third = theme('third', ['visit']);
    expect(ids(suggestThemes([first, second, third], 'A visit.'))).toEqual(['second', 'first', 'third']);
  });

  it('counts overlapping keywords of one theme once, the longest', () => {
    const overlapping = theme('overlapping', ['management oversight', 'oversight']);
    const twice = theme('twice', ['manag']);
    // overlapping: one hit ("management oversight"); twice: two hits (management, managers).
    expect(ids(suggestThemes([overlapping, twice], 'Management oversight by managers.'))).toEqual(['twice', 'overlapping']);
  });

  it('fills up with the most recently used themes, without duplicates, up to the limit', () => {
    const themes = [
      theme('a', ['alpha'], { lastUsedAt: '2026-03-01T00:00:00.000Z' }),
      theme('b', [], { lastUsedAt: '2026-03-03T00:00:00Z' }),
      theme('c', [], { lastUsedAt: '2026-03-02T00:00:00.500Z' }),
      theme('d', []),
      theme('e', [], { lastUsedAt: '2026-01-01T00:00:00Z' }),
    ];
    expect(ids(suggestThemes(themes, 'alpha'))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(suggestThemes(themes, 'alpha', 2))).toEqual(['a', 'b']);
    expect(ids(suggestThemes(themes, ''))).toEqual(['b', 'c', 'a', 'e']);
  });

  it('caps the default codebook at five suggestions', () => {
    const everything = codebook.map((t) => t.keywords[0]).join(' and ');
    expect(suggestThemes(codebook, everything)).toHaveLength(5);
  });

  it('folds case, apostrophes, hyphens and white space the same way for text and keywords', () => {
    expect(foldText('Children’s\u00a0Services\nDecision\u2011making')).toBe("children's services decision-making");
  });
});

describe('new themes', () => {
  const at = new Date('2026-05-01T10:00:00Z');

  it('takes a stable id from the label, unique among existing ids', () => {
    const created = createTheme('  Sufficiency   of placements ', codebook, at);
    expect(created).toMatchObject({ id: 'sufficiency-of-placements', label: 'Sufficiency of placements', keywords: [] });
    expect(created.createdAt).toBe('2026-05-01T10:00:00.000Z');
    expect(ThemeSchema.safeParse(created).success).toBe(true);
    expect(createTheme('Leadership', codebook, at).id).toBe('leadership-2');
    expect(createTheme('Leadership', [...codebook, { ...codebook[0]!, id: 'leadership-2' }], at).id).toBe('leadership-3');
  });

  it('slugs accents away and falls back to "theme" for a label without letters', () => {
    expect(slugify('Café – Été!')).toBe('cafe-ete');
    expect(slugify('!!!')).toBe('theme');
    expect(createTheme('???', [], at).id).toBe('theme');
  });

  it('picks a colour no default or existing theme has', () => {
    const defaultColors = new Set(codebook.map((t) => t.color.toLowerCase()));
    for (const color of THEME_PALETTE) expect(defaultColors.has(color), color).toBe(false);
    const first = createTheme('One', codebook, at);
    const second = createTheme('Two', [...codebook, first], at);
    expect(first.color).not.toBe(second.color);
    expect(defaultColors.has(first.color)).toBe(false);
  });

  it('reuses the least used palette colour once all are taken', () => {
    const all = THEME_PALETTE.map((color, i) => theme(`t${i}`, [], { color }));
    const firstTwice = [...all, theme('extra', [], { color: THEME_PALETTE[0]!.toUpperCase() })];
    expect(nextThemeColor(all)).toBe(THEME_PALETTE[0]);
    expect(nextThemeColor(firstTwice)).toBe(THEME_PALETTE[1]);
  });

  it('refuses an empty or overlong label', () => {
    expect(() => createTheme('   ', codebook, at)).toThrow(/label/);
    expect(() => createTheme('x'.repeat(201), codebook, at)).toThrow();
  });
});

describe('type-ahead', () => {
  it('finds a theme by the start of any word of its label', () => {
    expect(ids(filterThemes(codebook, 'sup'))).toEqual(['oversight']);
    expect(ids(filterThemes(codebook, 'Management over'))).toEqual(['oversight']);
  });

  it('puts word-start matches before matches inside a word, keeping the given order', () => {
    const leadership = theme('leadership', [], { label: 'Leadership' });
    const shipping = theme('shipping', [], { label: 'Shipping notes' });
    expect(ids(filterThemes([leadership, shipping], 'ship'))).toEqual(['shipping', 'leadership']);
  });

  it('returns every theme for an empty query and none for a stranger', () => {
    expect(filterThemes(codebook, '  ')).toHaveLength(16);
    expect(filterThemes(codebook, 'zzz')).toEqual([]);
  });
});
