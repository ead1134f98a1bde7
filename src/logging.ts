import pino from 'pino';

export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error'>;

/** JSON logs on stderr. Card numbers and PINs are never passed to a logger (see on-turn-error.ts). */
export function createLogger(level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({ level, redact: ['pin', 'cardNumber', '*.pin', '*.cardNumber', 'text', '*.text'] }, pino.destination(2));
}
