import express, { type Express, type RequestHandler } from 'express';
import fs from 'node:fs';
import path from 'node:path';

export const CONSOLE_BASE = '/app';

/** A built asset's name carries its content hash (vite: `name-<hash>.js`), so it never changes. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves the web console built into `distDir` (web/dist) at /app/: hashed assets with a one-year immutable cache,
 * index.html uncached, and index.html for every other GET under /app/ (the console's history-mode routes).
 * `/` redirects to /app/. Without a build, /app/ says how to make one.
 */
export function mountConsole(app: Express, distDir: string): void {
  app.get('/', (_req, res) => { res.redirect(302, `${CONSOLE_BASE}/`); });
  app.get(CONSOLE_BASE, (req, res, next) => {
    // Express matches /app/ here too (non-strict routing); only the bare /app needs the slash added.
    if (req.originalUrl.split('?')[0] !== CONSOLE_BASE) return next();
    res.redirect(301, `${CONSOLE_BASE}/`);
  });

  const assetsDir = path.join(distDir, 'assets');
  app.use(`${CONSOLE_BASE}/assets`, precompressed(assetsDir));
  app.use(`${CONSOLE_BASE}/assets`, express.static(assetsDir, {
    index: false,
    setHeaders: (res) => { res.setHeader('Cache-Control', IMMUTABLE_CACHE); res.setHeader('Vary', 'Accept-Encoding'); },
  }));
  // A missing asset is a 404, never the index page (a stale tab asking for an old chunk must fail visibly).
  app.use(`${CONSOLE_BASE}/assets`, (_req, res) => { res.status(404).type('text/plain').send('Not found'); });
  app.use(CONSOLE_BASE, express.static(distDir, {
    index: false,
    setHeaders: (res) => { res.setHeader('Cache-Control', 'no-cache'); },
  }));
  app.get(`${CONSOLE_BASE}/{*rest}`, consoleIndex(distDir));
}

/**
 * Sends the brotli or gzip copy the build wrote next to an asset (web/compress-assets.mts) to a browser that accepts
 * it; anything else falls through to the plain file.
 */
function precompressed(assetsDir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Browsers list gzip first with the same weight as br; the smaller one is chosen whenever it is accepted.
    const encoding = req.acceptsEncodings('br') === 'br' ? 'br' : req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    const file = path.join(assetsDir, path.basename(req.path));
    const copy = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : null;
    if (!copy || path.dirname(req.path) !== '/' || !fs.existsSync(copy)) return next();
    res.setHeader('Content-Encoding', encoding!);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE_CACHE);
    res.type(path.extname(file));
    res.sendFile(copy, { cacheControl: false }, (error) => { if (error && !res.headersSent) next(error); });
  };
}

function consoleIndex(distDir: string): RequestHandler {
  const indexFile = path.join(distDir, 'index.html');
  return (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/html; charset=utf-8').setHeader('Cache-Control', 'no-cache');
      res.send('<!doctype html><meta charset="utf-8"><title>控制台尚未构建</title>'
        + '<p>控制台尚未构建，请先运行 <code>npm run build:web</code>（npm start 会自动构建）。</p>');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
}
