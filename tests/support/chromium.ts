/**
 * Debian's Chromium with the built extension loaded, driven by playwright-core. Test host names
 * resolve to loopback, where tests/support/server.ts answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { browser } from 'wxt/browser';

/** The service worker's global `chrome`, for code evaluated there. */
declare const chrome: typeof browser;

export const ROOT = join(import.meta.dirname, '../..');
/** The test build: like the shipped one, plus host permission for unlisted.example. */
export const CHROME_E2E_BUILD = join(ROOT, '.output/chrome-mv3-e2e');

export const TEST_HOSTS = [
  'reports.ofsted.gov.uk',
  'files.ofsted.gov.uk',
  'www.communitycare.co.uk',
  'www.cypnow.co.uk',
  'barnet.moderngov.co.uk',
  'www.gov.uk',
  'unlisted.example',
  'news.example',
];

/** Flags that keep Chromium quiet on a machine with no network beyond loopback. */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--host-resolver-rules=${TEST_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker as it is now (it may have been restarted). */
  serviceWorker(): Promise<Worker>;
  /** The browser's id for the tab showing `page`. */
  tabIdOf(page: Page): Promise<number>;
  /** The toolbar badge text on `page`'s tab. */
  badgeOf(page: Page): Promise<string>;
  /**
   * The toolbar popup for `page`'s tab, opened as a page (tests cannot click the toolbar icon);
   * opening it asks the extension to run on that tab, as a click would.
   */
  openPopupFor(page: Page): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(extensionDir = CHROME_E2E_BUILD): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'inspection-lens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await serviceWorker()).url()).host;
  const tabIdOf = async (page: Page) => {
    await page.bringToFront();
    const id = await (await serviceWorker()).evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
    );
    if (id === undefined) throw new Error('no active tab');
    return id;
  };
  return {
    context,
    extensionId,
    serviceWorker,
    tabIdOf,
    openPopupFor: async (page) => {
      const tabId = await tabIdOf(page);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      return popup;
    },
    badgeOf: async (page) => {
      const tabId = await tabIdOf(page);
      return (await serviceWorker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
