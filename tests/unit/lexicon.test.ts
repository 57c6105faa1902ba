import { describe, expect, it } from 'vitest';
import { lexicon } from '../../lib/lexicon.ts';
import { expandPhrase } from '../../lib/matcher.ts';
import { LexiconSchema, TONES } from '../../lib/schema.ts';
import { marks } from './marks.ts';

const verdictPhrases = TONES.flatMap((tone) => lexicon[tone].map((phrase) => ({ tone, phrase })));

describe('lexicon', () => {
  it('validates against LexiconSchema', () => {
    expect(LexiconSchema.safeParse(lexicon).success).toBe(true);
  });

  it('lists no phrase twice or under two tones', () => {
    const forms = verdictPhrases.flatMap(({ phrase }) => expandPhrase(phrase).map((f) => f.replace(/-/g, ' ')));
    const repeated = forms.filter((f, i) => forms.indexOf(f) !== i);
    expect(repeated).toEqual([]);
  });

  it.each(verdictPhrases)('marks its own phrase "$phrase" as $tone', ({ tone, phrase }) => {
    for (const form of expandPhrase(phrase)) {
      expect(marks(`Inspectors found this: ${form}.`)).toContainEqual({ phrase: form, tone });
    }
  });

  it.each(lexicon.falseFriends)('false friend "%s" yields nothing', (phrase) => {
    for (const form of expandPhrase(phrase)) expect(marks(`Inspectors found this: ${form}.`)).toEqual([]);
  });

  it('leaves out correlates that are not verdicts', () => {
    const all = verdictPhrases.map(({ phrase }) => phrase);
    for (const noise of ['however', 'while', 'although', 'generally', 'mostly', 'recently', 'do not', 'effective']) {
      expect(all).not.toContain(noise);
    }
  });
});
