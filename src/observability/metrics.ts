import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (GET /metrics). Counters are per process, as Prometheus
 * expects: with several instances behind a load balancer, `sum()` them in the query.
 * One registry per process (a module singleton), so every part of the app counts into it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route template (never the path itself) and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const turnDuration = new Histogram({
  name: 'bot_turn_duration_seconds',
  help: 'Time one bot turn takes, from the activity to its replies, by channel and outcome (ok or error).',
  labelNames: ['channel', 'outcome'] as const,
  // A turn is tens of milliseconds; Twilio gives up on a webhook after 15 seconds.
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers: [registry],
});

export const ordersPlaced = new Counter({
  name: 'orders_placed_total',
  help: 'Orders (holds) confirmed by patrons, by library and channel.',
  labelNames: ['library', 'channel'] as const,
  registers: [registry],
});

export const orderRefusals = new Counter({
  name: 'order_refusals_total',
  help: 'Confirmations refused (limit reached, copy taken by someone else...), by library and reason.',
  labelNames: ['library', 'reason'] as const,
  registers: [registry],
});

export const illRequests = new Counter({
  name: 'ill_requests_total',
  help: 'Interlibrary loan requests submitted by readers, by library and channel.',
  labelNames: ['library', 'channel'] as const,
  registers: [registry],
});

export const signInFailures = new Counter({
  name: 'sign_in_failures_total',
  help: 'Patron sign-ins refused, by library and reason (wrong card or PIN, card locked, source rate-limited).',
  labelNames: ['library', 'reason'] as const,
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'job_runs_total',
  help: 'Background job runs in this process, by job and outcome (ran or failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

export const dbStatements = new Counter({
  name: 'db_statements_total',
  help: 'Statements this process sent to the database (Prisma\'s and the direct ones), by kind (query or execute).',
  labelNames: ['kind'] as const,
  registers: [registry],
});
