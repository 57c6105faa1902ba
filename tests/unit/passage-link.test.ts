import { describe, expect, it } from 'vitest';
import { passageLink } from '../../lib/passage-link.ts';

const url = 'https://reports.ofsted.gov.uk/provider/44/80487';
const link = (exact: string, prefix = '', suffix = '') => passageLink({ url, quote: { exact, prefix, suffix } });
const directive = (href: string) => decodeURIComponent(href.slice(href.indexOf('#:~:text=') + 9).replace(/,/g, ' | '));

describe('passageLink', () => {
  it('names a short passage whole, with whole words of context either side', () => {
    const href = link('management oversight is evident', 'ers found that supervision and ', ' on case files, but this is not');
    expect(href.startsWith(`${url}#:~:text=`)).toBe(true);
    // "ers" was cut by the 32 characters of context, and so was "not": both are left out.
    expect(directive(href)).toBe('that supervision and- | management oversight is evident | -on case files,');
  });

  it('names a long passage by its first and last words', () => {
    const exact = 'Inspectors found that supervision and management oversight is evident on case files';
    expect(directive(link(exact))).toBe('Inspectors found that supervision and | is evident on case files');
  });

  it('keeps every term inside one block, and context only where no block boundary intervenes', () => {
    const href = link('Quality assurance.\nPlans are robust and reviewed', 'Heading\n', '\nNext paragraph');
    expect(directive(href)).toBe('Quality assurance. | Plans are robust and reviewed');
  });

  it('leaves out a word the selection cut in two', () => {
    expect(directive(link('spectors found that plans', 'In', 'are'))).toBe('found that');
    expect(link('spect', 'In', 'ors')).toBe(url);
  });

  it('encodes the characters a text directive reserves, and replaces any fragment the URL had', () => {
    const href = passageLink({ url: `${url}#summary`, quote: { exact: 'well-led, safe & sound', prefix: '', suffix: '' } });
    expect(href).toBe(`${url}#:~:text=well%2Dled%2C%20safe%20%26%20sound`);
  });
});
