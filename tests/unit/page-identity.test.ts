import { describe, expect, it } from 'vitest';
import { isTrackingParameter, normalisePageUrl } from '../../lib/page-identity.ts';

describe('page identity', () => {
  it('is the same page whatever link led to it', () => {
    const report = 'https://reports.ofsted.gov.uk/provider/44/80464';
    for (const arrived of [
      'https://reports.ofsted.gov.uk/provider/44/80464#section-2',
      'https://reports.ofsted.gov.uk/provider/44/80464?utm_source=newsletter&utm_medium=email&utm_campaign=may',
      'https://reports.ofsted.gov.uk/provider/44/80464?fbclid=IwAR0abc',
      'https://reports.ofsted.gov.uk/provider/44/80464?gclid=x&dclid=y&msclkid=z&mc_cid=1&mc_eid=2&_ga=3&_gl=4&igshid=5&ref_src=twsrc',
      'HTTPS://Reports.OFSTED.gov.uk:443/provider/44/80464',
      'https://reports.ofsted.gov.uk/provider/44/80464?',
      '  https://reports.ofsted.gov.uk/provider/44/80464  ',
      'https://reader:secret@reports.ofsted.gov.uk/provider/44/80464',
    ]) {
      expect(normalisePageUrl(arrived), arrived).toBe(report);
    }
  });

  it('sorts the parameters that remain, keeping the order of a repeated one', () => {
    expect(normalisePageUrl('https://www.communitycare.co.uk/search?q=barnet&page=2&UTM_Source=x')).toBe(
      'https://www.communitycare.co.uk/search?page=2&q=barnet',
    );
    expect(normalisePageUrl('https://example.org/a?tag=b&id=1&tag=a')).toBe('https://example.org/a?id=1&tag=b&tag=a');
  });

  it('keeps what identifies the document: path case, other ports, meaningful parameters', () => {
    expect(normalisePageUrl('http://barnet.moderngov.co.uk/ieListDocuments.aspx?CId=697&MId=9781')).toBe(
      'http://barnet.moderngov.co.uk/ieListDocuments.aspx?CId=697&MId=9781',
    );
    expect(normalisePageUrl('http://localhost:8080/Report.PDF')).toBe('http://localhost:8080/Report.PDF');
    expect(normalisePageUrl('http://example.org:80/x')).toBe('http://example.org/x');
    expect(normalisePageUrl('https://example.org/x?ref=home')).toBe('https://example.org/x?ref=home');
  });

  it('treats the two encodings of a space in a query as one', () => {
    expect(normalisePageUrl('https://example.org/s?q=child%20protection')).toBe(normalisePageUrl('https://example.org/s?q=child+protection'));
  });

  it('returns text that is not a URL unchanged but trimmed', () => {
    expect(normalisePageUrl(' not a url ')).toBe('not a url');
  });

  it('is idempotent', () => {
    const once = normalisePageUrl('HTTP://Example.org:80/P?b=2&a=1&utm_term=x#top');
    expect(once).toBe('http://example.org/P?a=1&b=2');
    expect(normalisePageUrl(once)).toBe(once);
  });

  it('knows the tracking parameters by name and prefix, in any case', () => {
    expect(isTrackingParameter('utm_content')).toBe(true);
    expect(isTrackingParameter('UTM_ID')).toBe(true);
    expect(isTrackingParameter('FBCLID')).toBe(true);
    expect(isTrackingParameter('utmost')).toBe(false);
    expect(isTrackingParameter('id')).toBe(false);
  });
});
