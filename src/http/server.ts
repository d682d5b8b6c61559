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

export function startHttpServer(app: Express, port: number, host?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
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
