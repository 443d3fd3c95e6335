import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LecternError } from '../../core/errors.js';
import { bytesMatchName } from '../../node/media-hash.js';
import { siteSecurityHeaders } from '../../node/security-headers.js';
import { contentTypeFor } from '../../site/content-type.js';
import { CACHE, DECK_FILES, PREVIEW, SITE_FOLDERS } from '../../site/layout.js';
import { type DeckUpdate, deckParts } from './deck-frame.js';
import type { DeckSet } from './deck-set.js';
import { errorPage, indexPage, previewScriptTag, withPreviewScript } from './pages.js';

export interface PreviewServerOptions {
  decks: DeckSet;
  /** Asset path under /assets/ → absolute file on disk. */
  assets: ReadonlyMap<string, string>;
  /** templates/preview/: the preview's page script and style. */
  previewDir: string;
  host: string;
  port: number;
}

export interface PreviewServer {
  url: string;
  /**
   * Tell every open tab which pages changed (server-sent events), with each re-rendered deck's new
   * slides by its path, which its tabs take in place.
   */
  broadcast(message: {
    changed: string[];
    moved: Record<string, string>;
    decks?: Record<string, DeckUpdate>;
  }): void;
  /** Open event streams: one per tab showing a preview page. */
  clients(): number;
  /** Stop at once: event streams and idle connections are cut, not drained. */
  close(): Promise<void>;
}

const HTML = 'text/html; charset=utf-8';

const NOT_FOUND = (path: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Not found · Lectern preview</title>
<link rel="stylesheet" href="${PREVIEW.style}"></head>
<body><main><h1>No deck here</h1>
<p>No lecture file gives a deck at ${path.replace(/[^a-z0-9/_.-]/gi, '')}. This tab follows when one does.</p>
<p><a href="/">All decks</a></p></main>
${previewScriptTag()}
</body></html>
`;

/**
 * An image a deck links, from disk: only while its bytes still hash to its name (the name is
 * content-addressed, so the browser may keep it for good); an image edited since the deck rendered
 * waits for the render that gives it its new name.
 */
function readMediaFile(name: string, path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return bytesMatchName(name, bytes) ? bytes : undefined;
}

/** The preview's HTTP server: decks and handouts from memory, the shared assets and the decks' images from disk, and the change events. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const security = siteSecurityHeaders();
  const streams = new Set<ServerResponse>();
  const own = new Map<string, string>([
    [PREVIEW.script, readFileSync(join(options.previewDir, 'preview.js'), 'utf8')],
    [PREVIEW.style, readFileSync(join(options.previewDir, 'preview.css'), 'utf8')],
  ]);
  const assetPrefix = `/${SITE_FOLDERS.assets}/`;
  const mediaPrefix = `/${SITE_FOLDERS.media}/`;

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache: string) => {
    res.writeHead(status, { ...security, 'content-type': type, 'cache-control': cache });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    const path = decodeURIComponent(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...security, allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === PREVIEW.events) {
      res.writeHead(200, {
        ...security,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.write('retry: 500\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const ownFile = own.get(path);
    if (ownFile !== undefined) return send(res, 200, contentTypeFor(path), ownFile, CACHE.revalidate);
    if (path === '/') return send(res, 200, HTML, indexPage(options.decks.entries()), CACHE.revalidate);
    if (path.startsWith(assetPrefix)) {
      const file = options.assets.get(path.slice(assetPrefix.length));
      if (file) return send(res, 200, contentTypeFor(file), readFileSync(file), CACHE.assets);
      return send(res, 404, HTML, NOT_FOUND(path), 'no-store');
    }
    if (path.startsWith(mediaPrefix)) {
      const name = path.slice(mediaPrefix.length);
      const bytes = readMediaFile(name, options.decks.mediaFile(name));
      if (bytes) return send(res, 200, contentTypeFor(name), bytes, CACHE.immutable);
      return send(res, 404, HTML, NOT_FOUND(path), 'no-store');
    }
    const match = /^\/([^/]+)(\/(.*))?$/.exec(path);
    const slot = match?.[1] ? options.decks.byId(match[1]) : undefined;
    if (!match || !slot) return send(res, 404, HTML, NOT_FOUND(path), 'no-store');
    if (match[2] === undefined) {
      res.writeHead(301, { ...security, location: `/${slot.id}/${url.search}` }).end();
      return;
    }
    const name = match[3] || DECK_FILES.deck;
    if (!slot.files) {
      if (name === DECK_FILES.manifest) return send(res, 404, HTML, NOT_FOUND(path), 'no-store');
      // 200, not 4xx: the page stands in for the deck, and a browser logs no failed load for it.
      return send(res, 200, HTML, errorPage(slot, slot.text), 'no-store');
    }
    const body = slot.files[name];
    if (body === undefined) return send(res, 404, HTML, NOT_FOUND(path), 'no-store');
    // Only the deck page can take its next render in place; the handout reloads.
    const html = !name.endsWith('.html')
      ? body
      : withPreviewScript(body, name === DECK_FILES.deck ? deckParts(body)?.frame : undefined);
    send(res, 200, contentTypeFor(name), html, 'no-store');
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      // A malformed address (bad percent-encoding) or a file gone between check and read: never a crash.
      if (!res.headersSent) send(res, 400, 'text/plain; charset=utf-8', 'Bad request\n', 'no-store');
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 2_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new LecternError(
            'port-in-use',
            `port ${options.port} on ${options.host} is already in use (another preview or server?); choose another with --port`,
            { cause: error },
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') {
        reject(
          new LecternError(
            'cannot-listen',
            `cannot listen on ${options.host}:${options.port} (${error.code})`,
            {
              cause: error,
            },
          ),
        );
      } else reject(error);
    });
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    broadcast(message) {
      const frame = `event: change\ndata: ${JSON.stringify(message)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    clients: () => streams.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
