import { describe, expect, it } from 'vitest';
import { AUTOMATIC_MATCHES, isAutomaticHost, isOfstedHost } from '../../lib/sites.ts';

describe('where the extension runs by itself', () => {
  it('highlights Ofsted pages without further checks', () => {
    expect(isOfstedHost('reports.ofsted.gov.uk')).toBe(true);
    expect(isOfstedHost('files.ofsted.gov.uk')).toBe(true);
    expect(isOfstedHost('notofsted.gov.uk')).toBe(false);
    expect(isOfstedHost('www.communitycare.co.uk')).toBe(false);
  });

  it('runs on the listed news and council sites, and nowhere else', () => {
    for (const host of ['www.communitycare.co.uk', 'www.cypnow.co.uk', 'barnet.moderngov.co.uk', 'www.gov.uk']) {
      expect(isAutomaticHost(host), host).toBe(true);
    }
    for (const host of ['gov.uk.evil.example', 'evilcommunitycare.co.uk', 'assets.publishing.service.gov.uk', 'example.com']) {
      expect(isAutomaticHost(host), host).toBe(false);
    }
  });

  it('registers a match pattern for every automatic site', () => {
    expect(AUTOMATIC_MATCHES).toEqual(
      expect.arrayContaining(['*://*.ofsted.gov.uk/*', '*://*.communitycare.co.uk/*', '*://*.cypnow.co.uk/*', '*://*.moderngov.co.uk/*', '*://www.gov.uk/*']),
    );
    expect(AUTOMATIC_MATCHES.some((m) => m.includes('<all_urls>') || m.startsWith('*://*/'))).toBe(false);
  });
});
