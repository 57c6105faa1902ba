/**
 * The shipped manifests ask for no broad host permission: the automatic sites only (where the
 * content script runs anyway, and where the page UI is injected on first use), everything else
 * through `activeTab` on the reader's request. The test-only host exists in the e2e build alone.
 * The side panel is declared where each browser looks for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTOMATIC_MATCHES } from '../../lib/sites.ts';
import { ROOT } from '../support/chromium.ts';

const manifest = (build: string) => JSON.parse(readFileSync(join(ROOT, '.output', build, 'manifest.json'), 'utf8'));

describe('built manifests', () => {
  for (const build of ['chrome-mv3', 'firefox-mv3']) {
    it(`${build} is MV3 with activeTab, scripting, shortcuts and host permission for the automatic sites only`, () => {
      const m = manifest(build);
      expect(m.manifest_version).toBe(3);
      expect(m.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
      expect([...(m.host_permissions ?? [])].sort()).toEqual([...AUTOMATIC_MATCHES].sort());
      expect(m.commands._execute_action.suggested_key.default).toBeTruthy();
      expect(m.commands['tag-selection'].suggested_key.default).toBeTruthy();
      const matches: string[] = m.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
      expect(matches).toContain('*://*.ofsted.gov.uk/*');
      expect(matches.some((p) => p === '<all_urls>' || p.startsWith('*://*/'))).toBe(false);
    });
  }

  it("opens the side panel in Chrome's side panel and Firefox's sidebar", () => {
    const chrome = manifest('chrome-mv3');
    expect(chrome.side_panel.default_path).toBe('sidepanel.html');
    expect(chrome.permissions).toContain('sidePanel');
    expect(manifest('firefox-mv3').sidebar_action.default_panel).toBe('sidepanel.html');
    for (const build of ['chrome-mv3', 'firefox-mv3']) expect(readFileSync(join(ROOT, '.output', build, 'sidepanel.html'), 'utf8')).toContain('id="app"');
  });

  it('grants the test host only in the e2e build', () => {
    expect(manifest('chrome-mv3-e2e').host_permissions).toContain('http://unlisted.example/*');
    expect(manifest('chrome-mv3').host_permissions).not.toContain('http://unlisted.example/*');
  });
});
