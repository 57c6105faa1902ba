import { describe, expect, it } from 'vitest';
import { lexicon } from '../../lib/lexicon.ts';
import { compileLexicon, expandPhrase, findJudgements } from '../../lib/matcher.ts';
import type { Lexicon } from '../../lib/schema.ts';
import { marks } from './marks.ts';

describe('expandPhrase', () => {
  it('expands suffix alternatives, keeping the bare word', () => {
    expect(expandPhrase('strength(s)')).toEqual(['strength', 'strengths']);
    expect(expandPhrase('weak(ness|nesses)')).toEqual(['weak', 'weakness', 'weaknesses']);
    expect(expandPhrase('do(es) not meet')).toEqual(['do not meet', 'does not meet']);
  });
});

describe('findJudgements', () => {
  it('matches case-insensitively and reports exact offsets', () => {
    const text = 'Practice is STRONG.';
    expect(findJudgements(text)).toEqual([{ start: 12, end: 18, tone: 'strength' }]);
    expect(marks('Strong practice, strongly led.')).toEqual([
      { phrase: 'strong', tone: 'strength' },
      { phrase: 'strongly', tone: 'strength' },
    ]);
  });

  it('matches whole words only', () => {
    expect(marks('Headstrong staff; a strongbox; poorer paperwork.')).toEqual([]);
  });

  it('lets the longest phrase win', () => {
    expect(marks('The grade is requires improvement to be good overall.')).toEqual([
      { phrase: 'requires improvement to be good', tone: 'mixed' },
    ]);
    expect(marks('Services require improvement.')).toEqual([{ phrase: 'require improvement', tone: 'mixed' }]);
  });

  it('matches inflections written in the lexicon', () => {
    expect(marks('A strength. Several strengths.')).toEqual([
      { phrase: 'strength', tone: 'strength' },
      { phrase: 'strengths', tone: 'strength' },
    ]);
    expect(marks('Oversight is weak. A weakness.')).toEqual([
      { phrase: 'weak', tone: 'concern' },
      { phrase: 'weakness', tone: 'concern' },
    ]);
  });

  it('treats a hyphen and a space alike', () => {
    expect(marks('A well-established team.')).toEqual([{ phrase: 'well-established', tone: 'strength' }]);
    expect(marks('A well established team.')).toEqual([{ phrase: 'well established', tone: 'strength' }]);
  });

  it('reads curly and straight apostrophes alike', () => {
    expect(marks('Services haven’t been good enough.')).toEqual([
      { phrase: 'haven’t been good enough', tone: 'concern' },
    ]);
    expect(marks("Services haven't been good enough.")).toEqual([
      { phrase: "haven't been good enough", tone: 'concern' },
    ]);
  });

  it('matches a phrase broken across lines', () => {
    expect(marks('Leaders have made purposeful\nprogress this year.')).toEqual([
      { phrase: 'purposeful progress', tone: 'strength' },
    ]);
  });

  it('does not run a phrase across sentence or clause punctuation', () => {
    expect(marks('Leaders are purposeful. Progress is slow.')).toEqual([
      { phrase: 'purposeful', tone: 'strength' },
    ]);
  });

  describe('negation', () => {
    it.each([
      ['Plans are not always robust.', 'not always robust'],
      ['Oversight is not sufficiently effective.', 'not sufficiently effective'],
      ['There is a lack of timely planning.', 'lack of timely'],
      ['Practice is not consistently effective.', 'not consistently effective'],
      ['Responses are less well coordinated.', 'less well'],
    ])('%s is one concern covering negator and word', (text, phrase) => {
      expect(marks(text)).toEqual([{ phrase, tone: 'concern' }]);
    });

    it('reaches at most three words back', () => {
      expect(marks('Plans are not, in the main, robust.')).toEqual([{ phrase: 'robust', tone: 'strength' }]);
      expect(marks('It is not the case in these files that work is robust.')).toEqual([
        { phrase: 'robust', tone: 'strength' },
      ]);
    });

    it('leaves praise words without a negator unmarked', () => {
      expect(marks('Help is timely and effective.')).toEqual([]);
    });
  });

  describe('false friends yield nothing', () => {
    it.each([
      'Several actions remain outstanding from the last visit.',
      'Two outstanding health checks were completed.',
      'Many parents have poor mental health.',
      'Social workers use a strengths-based model.',
      'Contingency plans say what happens should circumstances deteriorate.',
      'Children experience neglect.',
      'Many families are affected by domestic abuse.',
      'Signs of Safety is the practice model.',
    ])('%s', (text) => {
      expect(marks(text)).toEqual([]);
    });

    it('a false friend does not negate what follows it', () => {
      expect(marks('Practice is not only strong but creative.')).toEqual([
        { phrase: 'strong', tone: 'strength' },
        { phrase: 'creative', tone: 'strength' },
      ]);
    });
  });

  describe('grades count only as grade statements', () => {
    it('after a lead', () => {
      expect(marks('The service, judged inadequate in 2017, has improved.')).toEqual([
        { phrase: 'judged inadequate', tone: 'concern' },
      ]);
      expect(marks('Services were judged to be good.')).toEqual([
        { phrase: 'were judged to be good', tone: 'strength' },
      ]);
    });

    it('alone on a line, as a table cell', () => {
      expect(marks('Overall effectiveness\nGood\n')).toEqual([{ phrase: 'good', tone: 'strength' }]);
      expect(marks('Care leavers\nRequires improvement to be good\n')).toEqual([
        { phrase: 'requires improvement to be good', tone: 'mixed' },
      ]);
    });

    it('closing a heading after a colon', () => {
      expect(marks('The experiences and progress of children in care: good\n')).toEqual([
        { phrase: 'good', tone: 'strength' },
      ]);
    });

    it('not in running text', () => {
      expect(marks('Children have a good relationship with their worker.')).toEqual([]);
      expect(marks('This was an outstanding piece of work.')).toEqual([{ phrase: 'outstanding', tone: 'strength' }]);
    });
  });

  it('starts a phrase only where a word starts, whatever the script of the letter before it', () => {
    // A letter outside ASCII, or an apostrophe between letters, makes one word with what follows.
    expect(marks('Ünot effective. Lʼinadequate. L’inadequate. Müsstrong.')).toEqual([]);
    expect(marks('Café: not effective.')).toEqual([{ phrase: 'not effective', tone: 'concern' }]);
    expect(marks('Résumé inadequate.')).toEqual([{ phrase: 'inadequate', tone: 'concern' }]);
  });

  it('compileLexicon builds a matcher from any lexicon', () => {
    const tiny: Lexicon = { ...lexicon, strength: ['sparkling'], concern: [], mixed: [], falseFriends: [] };
    const matcher = compileLexicon(tiny);
    expect(marks('Sparkling, not sparkling, strong.', (t) => matcher.match(t))).toEqual([
      { phrase: 'sparkling', tone: 'strength' },
      { phrase: 'not sparkling', tone: 'concern' },
    ]);
  });
});
