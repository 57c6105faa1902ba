/**
 * Debian's Firefox ESR with the built extension installed, driven by puppeteer-core over
 * WebDriver BiDi. Firefox differs from Chromium in two ways that matter here, each handled by a
 * pref below: every host name must resolve to loopback (there is no per-host resolver rule), and
 * Manifest V3 host permissions, the content script's matches included, are opt-in.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const ROOT = join(import.meta.dirname, '../..');
/** The test build: like the shipped one, plus host permission for unlisted.example. */
export const FIREFOX_E2E_BUILD = join(ROOT, '.output/firefox-mv3-e2e');

/**
 * Profile prefs for a Firefox that reaches nothing but tests/support/server.ts. They sit in the
 * profile so they hold from the first instant; the prefs WebDriver BiDi applies itself come only
 * after start-up, when Remote Settings has already begun to sync.
 */
export const FIREFOX_TEST_PREFS: Record<string, unknown> = {
  // Every host name (reports.ofsted.gov.uk, ...) resolves to the loopback page server.
  'network.dns.forceResolve': '127.0.0.1',
  'network.proxy.type': 0,
  'network.trr.mode': 5,
  // The page server speaks plain HTTP; do not try HTTPS first.
  'dom.security.https_first': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // Honoured on ESR only with MOZ_DISABLE_NONLOCAL_CONNECTIONS set (see FIREFOX_TEST_ENV).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  // Grant an MV3 extension's manifest host permissions (content script matches included) at
  // install, as the install prompt would. Firefox's default is true; pinned because with false the
  // content script never runs and the test would fail for a reason that is not the extension's.
  'extensions.originControls.grantByDefault': true,
};

/**
 * Firefox's own test-harness switch: any connection to a non-loopback address is refused, and
 * release builds then accept the Remote Settings server override above.
 */
export const FIREFOX_TEST_ENV = { MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' };

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id Firefox reports (the manifest's gecko id). */
  extensionId: string;
  profileDir: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(extensionDir = FIREFOX_E2E_BUILD): Promise<FirefoxWithExtension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionDir}: run npm run build:e2e first`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'inspection-lens-firefox-'));
  const close = async (browser?: Browser) => {
    await browser?.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: FIREFOX_TEST_PREFS,
      env: { ...process.env, ...FIREFOX_TEST_ENV },
    });
    const extensionId = await browser.installExtension(extensionDir);
    const launched = browser;
    return { browser: launched, extensionId, profileDir, close: () => close(launched) };
  } catch (error) {
    await close(browser);
    throw error;
  }
}
