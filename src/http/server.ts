import type { Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  server: http.Server;
  /** The bound port (useful when started on port 0). */
  port: number;
  /**
   * Stops accepting connections, lets requests in flight finish, closes idle keep-alive connections,
   * and after `graceMs` cuts the connections still open.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * How long an idle kept-alive connection stays open. Node's default of 5 s closes it while a client that waited a
 * little longer is already sending its next request on it, and that request fails with ECONNRESET: a script polling
 * its task list every few seconds, a browser between two clicks. Longer than the 60 s idle timeouts of common proxies
 * and load balancers, so they close first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function startHttpServer(app: Express, port: number, host?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Must exceed keepAliveTimeout, or Node may drop a kept-alive connection whose next request is on its way.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port, close: (graceMs) => closeGracefully(server, graceMs) });
    });
  });
}

function closeGracefully(server: http.Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    const forceTimer = setTimeout(() => server.closeAllConnections(), graceMs);
    forceTimer.unref();
    server.close((error) => {
      clearTimeout(forceTimer);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
