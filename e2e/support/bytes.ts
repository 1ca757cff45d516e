import { get } from 'node:http';
import type { Page } from 'playwright-core';

/** A phone's budget for a page before map tiles: compressed bytes over the wire. */
export const PHONE_BUDGET = 600 * 1024;

export interface Downloaded {
  url: string;
  bytes: number;
}

/** The bytes a browser asking for brotli gets for a URL (body as sent, plus its headers). */
function wireBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let n = res.rawHeaders.reduce((sum, h) => sum + h.length + 2, 0);
      res.on('data', (chunk: Buffer) => {
        n += chunk.length;
      });
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

/**
 * Every response the page receives from now on, with the bytes it took on the wire (the
 * compressed body plus its headers), and the scripts of the workers it starts (the map's tile
 * worker is fetched by the worker itself, which the page's network events do not show).
 * Map tiles (a base map's tile server) are left out.
 */
export function recordBytes(page: Page, origin: string) {
  const seen: Promise<Downloaded>[] = [];
  const urls = new Set<string>();
  const ours = (url: string) => url.startsWith(origin) && !/\/tiles?\//.test(url);
  page.on('requestfinished', (req) => {
    const url = req.url();
    if (!ours(url)) return;
    urls.add(url);
    seen.push(
      req
        .sizes()
        .then((s) => ({ url: url.slice(origin.length), bytes: s.responseBodySize + s.responseHeadersSize })),
    );
  });
  page.on('worker', (worker) => {
    const url = worker.url();
    if (!ours(url) || urls.has(url)) return;
    urls.add(url);
    seen.push(wireBytes(url).then((bytes) => ({ url: url.slice(origin.length), bytes })));
  });
  return {
    list(): Promise<Downloaded[]> {
      return Promise.all(seen);
    },
    async total(): Promise<number> {
      return (await Promise.all(seen)).reduce((n, d) => n + d.bytes, 0);
    },
  };
}

/** A line per download, biggest first, for a failure message. */
export function describeBytes(list: Downloaded[]): string {
  return [...list]
    .sort((a, b) => b.bytes - a.bytes)
    .map((d) => `${(d.bytes / 1024).toFixed(1)} kB ${d.url}`)
    .join('\n');
}
