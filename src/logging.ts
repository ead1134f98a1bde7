import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error'>;

/** The HTTP request a log line belongs to: src/observability/http-observability.ts runs each request in it. */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/**
 * Fields never written, at the top level and one or two levels down: what a patron says or
 * keys (it may be a card number or a PIN, on the phone `Digits` and `SpeechResult`), secrets,
 * and contact details. Code logs ids and references instead (orderId, illRef, reqId).
 */
const SECRET_FIELDS = ['pin', 'cardNumber', 'password', 'text', 'speak', 'Digits', 'SpeechResult', 'phone', 'to', 'From', 'To', 'Caller', 'address', 'cookie', 'authorization'];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

// Runs of four or more digits: a PIN, a card number, a phone number. Dates keep their year.
const DIGIT_RUNS = /\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{4,}/g;

/** An error message or stack with its digit runs masked, keeping ISO dates readable. */
export function scrubDigits(text: string): string {
  return text.replace(DIGIT_RUNS, (match) => (/^\d{4}-/.test(match) ? match : '[digits]'));
}

/**
 * Error messages are where values nobody chose to log end up: Prisma renders the arguments of a
 * failed query (`cardNumber: "1001001"`) into its message. Every `err` is logged as name, code,
 * and message and stack with their digit runs masked.
 */
export function scrubError(err: unknown): unknown {
  if (typeof err === 'string') return scrubDigits(err);
  if (!err || typeof err !== 'object') return err;
  const e = err as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown; type?: unknown };
  return {
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.message === 'string' ? { message: scrubDigits(e.message) } : {}),
    ...(typeof e.stack === 'string' ? { stack: scrubDigits(e.stack) } : {}),
  };
}

/**
 * JSON logs on stderr (or `destination`), each line carrying the request id of the HTTP request
 * it was written for. Card numbers and PINs are never passed to a logger; the redaction and the
 * error scrubbing are there for the day someone does by mistake.
 */
export function createLogger(
  level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: scrubError },
    mixin: () => requestContext.getStore() ?? {},
  }, destination);
}
