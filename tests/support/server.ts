/**
 * A loopback web server for browser tests. The browser maps real host names
 * (reports.ofsted.gov.uk, www.communitycare.co.uk, ...) to it, so the extension sees the hosts it
 * will meet in the wild; pages can be changed between requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  port: number;
  /** Serves `html` at `path` (path and query) on every host. */
  set(path: string, html: string, contentType?: string): void;
  url(host: string, path: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { body: string; type: string }>();
  const server = createServer((req, res) => {
    const page = pages.get(req.url ?? '/');
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    set: (path, html, type = 'text/html; charset=utf-8') => pages.set(path, { body: html, type }),
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
