import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { runWithCorrelationId } from '../app/correlation';
import type { EngineMetrics } from '../engine/engine-metrics';
import type { OperationsSnapshot } from '../persistence/repositories/operations-snapshot';
import './request-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Gives every request an id (the caller's X-Request-Id when well-formed) and sends it back. */
export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const offered = req.get('x-request-id');
    req.requestId = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    runWithCorrelationId(req.requestId, () => next());
  };
}

/** The route pattern that answered (`/tasks/:id`), never the raw path, so ids do not become labels. */
function routeOf(req: Request): string {
  const pattern = req.route?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

/** One JSON log line per request (pino): request id, route, status, duration and the caller's username. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({
        reqId: req.requestId, method: req.method, route: routeOf(req), status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6, user: req.actor?.username,
      }, 'request');
    });
    next();
  };
}

/** Who may read /metrics: with a token, whoever sends it as a bearer token; without, loopback callers only. */
export interface MetricsAccess {
  token?: string;
  /** Behind a reverse proxy every caller looks like loopback: then only the token opens /metrics. */
  behindProxy?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayReadMetrics(req: Request, access: MetricsAccess): boolean {
  if (access.token) return req.get('authorization') === `Bearer ${access.token}`;
  return !access.behindProxy && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** Prometheus metrics of one server process (prom-client). */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry],
  });
  private readonly scrapeFailures = new Counter({ name: 'metrics_snapshot_failures_total', help: 'Scrapes whose database snapshot failed', registers: [this.registry] });
  private readonly gauges = {
    openTasks: new Gauge({ name: 'open_tasks', help: 'Open user tasks by candidate group', labelNames: ['group'], registers: [this.registry] }),
    overdueTasks: new Gauge({ name: 'overdue_tasks', help: 'Open user tasks past their due time', registers: [this.registry] }),
    timerLag: new Gauge({ name: 'timer_lag_seconds', help: 'How long the oldest due but unfired timer has been due', registers: [this.registry] }),
    outbox: new Gauge({ name: 'outbox_messages', help: 'Notifications not yet sent, by status', labelNames: ['status'], registers: [this.registry] }),
    locks: new Gauge({ name: 'instance_locks_held', help: 'Instance lease locks held (MySQL/MariaDB)', registers: [this.registry] }),
    incidents: new Gauge({ name: 'open_incidents', help: 'Unresolved incidents by kind', labelNames: ['kind'], registers: [this.registry] }),
  };

  private readonly engineOperations = new Histogram({
    name: 'engine_operation_duration_seconds', help: 'Engine operations (one transaction each) by kind and outcome',
    labelNames: ['kind', 'outcome'], buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry],
  });
  private readonly timerFireLag = new Histogram({
    name: 'timer_fire_lag_seconds', help: 'How late timers fired: from due time to firing',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600], registers: [this.registry],
  });
  private readonly writeWaits = new Histogram({
    name: 'write_transaction_wait_seconds', help: 'How long write transactions waited for their turn (SQLite\'s writer, a MySQL transaction slot), by urgency',
    labelNames: ['urgency'], buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry],
  });
  private readonly lockWaits = new Histogram({
    name: 'instance_lock_wait_seconds', help: 'Waits for another operation\'s instance lock, by whether the lock was then acquired',
    labelNames: ['acquired'], buckets: [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry],
  });

  /** Hand this to the engine (WorkflowEngineOptions.metrics): operations, timer lag at firing, lock waits. */
  readonly engine: EngineMetrics = {
    operation: (kind, seconds, outcome) => this.engineOperations.observe({ kind, outcome }, seconds),
    timerFired: (lagSeconds) => this.timerFireLag.observe(lagSeconds),
    lockWaited: (seconds, acquired) => this.lockWaits.observe({ acquired: String(acquired) }, seconds),
  };

  /** Hand this to the database (Database.observeWriteWaits). */
  readonly writeWaited = (seconds: number, urgency: string): void => { this.writeWaits.observe({ urgency }, seconds); };

  constructor(private readonly snapshot: () => Promise<OperationsSnapshot>) {
    collectDefaultMetrics({ register: this.registry });
  }

  measureRequests(): RequestHandler {
    return (req, res, next) => {
      const end = this.requestDuration.startTimer();
      res.on('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    };
  }

  /** GET /metrics; to callers it is not for it is an unknown path (401 without credentials, 404 with), revealing nothing. */
  handler(access: MetricsAccess): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (!mayReadMetrics(req, access)) return next();
      try {
        await this.refresh();
      } catch {
        this.scrapeFailures.inc();
      }
      res.setHeader('Content-Type', this.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(await this.registry.metrics());
    };
  }

  private async refresh(): Promise<void> {
    const s = await this.snapshot();
    const { openTasks, overdueTasks, timerLag, outbox, locks, incidents } = this.gauges;
    openTasks.reset();
    for (const { group, count } of s.openTasksByGroup) openTasks.set({ group }, count);
    overdueTasks.set(s.overdueTasks);
    timerLag.set(s.timerLagSeconds);
    outbox.reset();
    for (const { status, count } of s.outboxByStatus) outbox.set({ status }, count);
    locks.set(s.heldInstanceLocks);
    incidents.reset();
    for (const { kind, count } of s.openIncidentsByKind) incidents.set({ kind }, count);
  }
}
