/**
 * One Chromium with the built extension and one loopback page server for a whole test file:
 * started before its tests, closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './chromium.ts';
import { startPageServer, type PageServer } from './server.ts';

export interface ExtensionSession {
  readonly browser: ExtensionBrowser;
  readonly server: PageServer;
}

export function useExtensionSession(): ExtensionSession {
  let browser: ExtensionBrowser | undefined;
  let server: PageServer | undefined;
  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the extension session has not started');
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get server() {
      return started(server);
    },
  };
}
