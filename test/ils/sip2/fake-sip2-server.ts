import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { decode, encode, field, sip2Date, type Sip2Message } from '../../../src/ils/sip2/sip2-message';

/**
 * An ACS written from the 3M Standard Interchange Protocol 2.00 (Login 93/94, Patron Information
 * 63/64, Item Information 17/18, Hold 15/16, End Patron Session 35/36, Request ACS Resend 97;
 * error detection AY/AZ), with the failure modes issue 20 asks for.
 */
export interface FakeSip2Patron { pin: string; name: string; flags?: string; charged?: number; fee?: string; holds: string[]; expires?: string }
export interface FakeSip2Item { status: string; location: string; title: string }

export interface FakeSip2Modes {
  /** Answer with a wrong checksum: the first time only (a resend fixes it) or always. */
  badChecksum?: 'once' | 'always';
  /** Close the connection instead of answering this message code. */
  dropOn?: string;
  /** Wait this long before every answer. */
  delayMs?: number;
  /** Wait this long before the next answer only. */
  slowOnce?: number;
  refuseLogin?: boolean;
  /** Answer every hold request with ok = 0. */
  refuseHolds?: boolean;
  /**
   * A test's hook on this message code (test/ils/ils-crashes.test.ts kills the bot's process in
   * it): `before`, the message is not processed and the connection closes without an answer;
   * `after`, it is processed (a hold is stored) and the answer never leaves.
   */
  onMessage?: { code: string; when: 'before' | 'after'; do: () => void };
}

export class FakeSip2Server {
  readonly patrons = new Map<string, FakeSip2Patron>();
  readonly items = new Map<string, FakeSip2Item>();
  modes: FakeSip2Modes = {};
  /** Every message received, in order (as read, checksum stripped). */
  readonly received: string[] = [];
  logins = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private corrupted = false;

  constructor(private readonly terminator: 'CR' | 'CRLF' = 'CR') {}

  async start(): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let last = '';
    let chain = Promise.resolve();
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r')) >= 0) {
        const line = buffer.slice(0, end).replace(/^\n/, '');
        buffer = buffer.slice(end + 1).replace(/^\n/, '');
        chain = chain.then(async () => {
          const delay = this.modes.slowOnce ?? this.modes.delayMs;
          this.modes.slowOnce = undefined;
          if (delay) await new Promise((r) => setTimeout(r, delay));
          if (line.startsWith('97')) { if (!socket.destroyed) socket.write(this.modes.badChecksum === 'always' ? corruptOf(last) : last); return; }
          const request = decode(line);
          this.received.push(line);
          if (this.modes.dropOn === request.code) { socket.destroy(); return; }
          const hook = this.modes.onMessage?.code === request.code ? this.modes.onMessage : undefined;
          if (hook?.when === 'before') { hook.do(); socket.destroy(); return; }
          const answer = this.answer(request);
          if (hook?.when === 'after') { hook.do(); socket.destroy(); return; }
          const good = encode(answer, request.sequence);
          last = good + this.end();
          const corrupt = this.modes.badChecksum === 'always' || (this.modes.badChecksum === 'once' && !this.corrupted);
          if (corrupt) this.corrupted = true;
          if (!socket.destroyed) socket.write(corrupt ? corruptOf(last) : last);
        });
      }
    });
  }

  private end(): string {
    return this.terminator === 'CRLF' ? '\r\n' : '\r';
  }

  private answer(m: Sip2Message): Sip2Message {
    const now = sip2Date(new Date());
    const inst = field(m, 'AO') ?? '';
    switch (m.code) {
      case '93': {
        this.logins++;
        return { code: '94', fixed: this.modes.refuseLogin ? '0' : '1', fields: [] };
      }
      case '63': {
        const card = field(m, 'AA') ?? '';
        const p = this.patrons.get(card);
        const pin = field(m, 'AD');
        const wantsHolds = m.fixed.slice(21, 31)[0] === 'Y';
        const count = (n: number) => String(n).padStart(4, '0');
        const fixed = `${(p?.flags ?? '').padEnd(14, ' ').slice(0, 14)}000${now}${count(p?.holds.length ?? 0)}${count(0)}${count(p?.charged ?? 0)}${count(0)}${count(0)}${count(0)}`;
        return {
          code: '64', fixed,
          fields: [
            ['AO', inst], ['AA', card], ['AE', p?.name ?? ''], ['BL', p ? 'Y' : 'N'],
            ...(pin !== undefined ? [['CQ', p && p.pin === pin ? 'Y' : 'N'] as const] : []),
            ['BV', p?.fee ?? '0.00'],
            ...(p?.expires ? [['PA', p.expires] as const] : []),
            ...(wantsHolds && p ? p.holds.map((h) => ['AS', h] as const) : []),
          ],
        };
      }
      case '17': {
        const id = field(m, 'AB') ?? '';
        const item = this.items.get(id);
        return { code: '18', fixed: `${item?.status ?? '01'}000000${now}`, fields: [['AB', id], ['AJ', item?.title ?? ''], ['AQ', item?.location ?? '']] };
      }
      case '15': {
        const card = field(m, 'AA') ?? '';
        const id = field(m, 'AB') ?? '';
        const p = this.patrons.get(card);
        const item = this.items.get(id);
        const mode = m.fixed[0];
        let ok = !this.modes.refuseHolds && !!p && !!item;
        if (ok && mode === '+') {
          if (item!.status !== '03' || p!.holds.includes(id)) ok = false;
          else { p!.holds.push(id); item!.status = '08'; }
        } else if (ok && mode === '-') {
          const at = p!.holds.indexOf(id);
          if (at < 0) ok = false; else { p!.holds.splice(at, 1); item!.status = '03'; }
        }
        return { code: '16', fixed: `${ok ? '1' : '0'}${ok && mode === '+' ? 'Y' : 'N'}${now}`, fields: [['AO', inst], ['AA', card], ['AB', id], ...(field(m, 'BS') ? [['BS', field(m, 'BS')!] as const] : [])] };
      }
      case '35':
        return { code: '36', fixed: `Y${now}`, fields: [['AO', inst], ['AA', field(m, 'AA') ?? '']] };
      default:
        throw new Error(`fake ACS does not answer ${m.code}`);
    }
  }
}

/** The same frame with a checksum that cannot be right. */
function corruptOf(frame: string): string {
  return frame.replace(/AZ([0-9A-F]{4})(\r\n?)$/, (_, sum: string, end: string) => `AZ${sum === '0000' ? '1111' : '0000'}${end}`);
}
