/**
 * The shipped manifests ask for no broad host permission: automatic sites through content-script
 * matches, everything else through `activeTab` on the reader's request. The test-only host
 * permission exists in the e2e build alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/chromium.ts';

const manifest = (build: string) => JSON.parse(readFileSync(join(ROOT, '.output', build, 'manifest.json'), 'utf8'));

describe('built manifests', () => {
  for (const build of ['chrome-mv3', 'firefox-mv3']) {
    it(`${build} is MV3 with activeTab, scripting, a shortcut and no host permission`, () => {
      const m = manifest(build);
      expect(m.manifest_version).toBe(3);
      expect(m.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
      expect(m.host_permissions ?? []).toEqual([]);
      expect(m.commands._execute_action.suggested_key.default).toBeTruthy();
      const matches: string[] = m.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
      expect(matches).toContain('*://*.ofsted.gov.uk/*');
      expect(matches.some((p) => p === '<all_urls>' || p.startsWith('*://*/'))).toBe(false);
    });
  }

  it('grants the test host only in the e2e build', () => {
    expect(manifest('chrome-mv3-e2e').host_permissions).toEqual(['http://unlisted.example/*']);
  });
});
