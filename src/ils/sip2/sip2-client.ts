import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { decode, encode, Sip2FormatError, type Sip2Frame, type Sip2Message } from './sip2-message';
import { login, readLogin, requestAcsResend } from './sip2-messages';

export interface Sip2ConnectionOptions {
  host: string;
  port: number;
  tls: boolean;
  terminator: 'CR' | 'CRLF';
  user: string;
  password: string;
  location?: string;
  /** Per request, from writing it to reading its whole answer. */
  timeoutMs?: number;
  /** Accept a self-signed certificate (tests; never set from configuration). */
  rejectUnauthorized?: boolean;
}

/** The ACS did not answer in time, closed the connection, refused the login or answered garbage twice. */
export class Sip2UnavailableError extends Error {
  readonly code = 'SIP2_UNAVAILABLE';
}

/**
 * One SIP2 connection per library. SIP2 has no request ids, so requests are serialized: the next
 * is written only when the previous answer (or its timeout) is in. After a drop or a timeout the
 * socket is thrown away and the next request opens a new one and logs in again (93/94).
 */
export class Sip2Client {
  private socket: Socket | undefined;
  private buffer = '';
  private waiting: ((line: string | Error) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private sequence = 0;
  private closed = false;
  // An ES private field: a logger or JSON.stringify that meets this client cannot print it.
  readonly #password: string;
  private readonly options: Omit<Sip2ConnectionOptions, 'password'>;

  constructor({ password, ...options }: Sip2ConnectionOptions) {
    this.#password = password;
    this.options = options;
  }

  /** Sends one message and reads its answer, checksum and sequence number verified. */
  request(message: Sip2Message): Promise<Sip2Frame> {
    const run = this.queue.then(() => this.exchange(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop();
  }

  private async exchange(message: Sip2Message): Promise<Sip2Frame> {
    if (this.closed) throw new Sip2UnavailableError('SIP2 client closed');
    if (!this.socket) await this.open();
    try {
      return await this.roundTrip(message);
    } catch (error) {
      this.drop();
      throw error instanceof Sip2UnavailableError ? error : new Sip2UnavailableError(error instanceof Error ? error.message : String(error));
    }
  }

  private async roundTrip(message: Sip2Message): Promise<Sip2Frame> {
    const sequence = this.sequence;
    this.sequence = (this.sequence + 1) % 10;
    let line = await this.send(encode(message, sequence));
    for (let resend = 0; ; resend++) {
      try {
        const frame = decode(line);
        if (frame.sequence !== sequence) throw new Sip2FormatError(`SIP2 answer for sequence ${frame.sequence}, expected ${sequence}`);
        return frame;
      } catch (error) {
        // 3M SIP2 2.00: on a bad checksum the SC asks for the last message again (97), once.
        if (!(error instanceof Sip2FormatError) || resend > 0) throw error;
        line = await this.send(encode(requestAcsResend));
      }
    }
  }

  private async open(): Promise<void> {
    const { host, port, tls } = this.options;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = tls ? tlsConnect({ host, port, servername: host, rejectUnauthorized: this.options.rejectUnauthorized ?? true }) : netConnect({ host, port });
      const timer = setTimeout(() => { s.destroy(); reject(new Sip2UnavailableError(`SIP2 connect to ${host}:${port} timed out`)); }, this.timeout());
      s.once(tls ? 'secureConnect' : 'connect', () => { clearTimeout(timer); resolve(s); });
      s.once('error', (e) => { clearTimeout(timer); reject(new Sip2UnavailableError(`SIP2 connect to ${host}:${port}: ${e.message}`)); });
    });
    socket.setEncoding('utf8');
    // A socket already dropped (a timeout) may still report its end: it must not fail the next one's request.
    socket.on('data', (chunk: string) => { if (this.socket === socket) this.receive(chunk); });
    socket.on('error', () => { if (this.socket === socket) this.fail(new Sip2UnavailableError('SIP2 connection error')); });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.fail(new Sip2UnavailableError('SIP2 connection closed'));
    });
    this.socket = socket;
    this.buffer = '';
    this.sequence = 0;
    try {
      const answer = await this.roundTrip(login(this.options.user, this.#password, this.options.location));
      if (!readLogin(answer).ok) throw new Sip2UnavailableError('SIP2 login refused');
    } catch (error) {
      this.drop();
      throw error instanceof Sip2UnavailableError ? error : new Sip2UnavailableError(`SIP2 login: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private send(text: string): Promise<string> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Sip2UnavailableError('SIP2 not connected'));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting = undefined; reject(new Sip2UnavailableError('SIP2 request timed out')); }, this.timeout());
      this.waiting = (line) => { clearTimeout(timer); this.waiting = undefined; if (line instanceof Error) reject(line); else resolve(line); };
      socket.write(text + (this.options.terminator === 'CRLF' ? '\r\n' : '\r'), 'utf8');
      this.flush();
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    this.flush();
  }

  /** An answer ends at CR; a LF after it (CRLF systems) or before the next one is dropped. */
  private flush(): void {
    const end = this.buffer.indexOf('\r');
    if (end < 0 || !this.waiting) return;
    const line = this.buffer.slice(0, end).replace(/^\n/, '');
    this.buffer = this.buffer.slice(end + 1).replace(/^\n/, '');
    this.waiting(line);
  }

  private fail(error: Error): void {
    this.waiting?.(error);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.buffer = '';
    socket?.destroy();
  }

  private timeout(): number {
    return this.options.timeoutMs ?? 10_000;
  }
}
