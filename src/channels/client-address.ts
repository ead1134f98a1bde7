import { isIPv4, isIPv6 } from 'node:net';
import type { SignInSource } from '../domain/ports/sign-in-attempts';

export interface ClientRequest {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

/**
 * The client's address as the rate limits key it. Behind `trustedProxies` reverse proxies
 * (TRUST_PROXY) it is that many entries from the right of X-Forwarded-For: entries further left
 * are whatever the client wrote. An IPv6 client holds a whole /64, so the /64 is the key.
 * @example clientAddress({ headers: { 'x-forwarded-for': '198.51.100.4, 10.0.0.2' }, socket: { remoteAddress: '127.0.0.1' } }, 2) // '198.51.100.4'
 */
export function clientAddress(req: ClientRequest, trustedProxies = trustProxyFromEnv()): string {
  const forwarded = [req.headers['x-forwarded-for']].flat().filter((h): h is string => typeof h === 'string')
    .flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean);
  const chain = [...forwarded, req.socket?.remoteAddress ?? ''];
  const picked = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? '';
  return addressKey(picked);
}

/** Canonical form: IPv4-mapped IPv6 as IPv4, IPv6 as its /64 prefix, anything else as given. */
export function addressKey(raw: string): string {
  const address = raw.trim().replace(/^\[|\](:\d+)?$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64) || 'unknown';
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ('::' expanded). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const withV4 = (list: string[]) => list.flatMap((g) => (isIPv4(g) ? ipv4Groups(g) : [g]));
  const left = withV4(groups(head));
  const right = tail === undefined ? [] : withV4(groups(tail));
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) => parseInt(g, 16).toString(16));
}

function ipv4Groups(v4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

function trustProxyFromEnv(): number {
  const value = Number(process.env.TRUST_PROXY ?? 0);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * The source of a Bot Framework turn for the sign-in limits. Anonymous traffic comes straight
 * from the client, so its address counts; behind the Azure Bot Service every request comes from
 * Microsoft's connector, so the channel's user id counts instead.
 */
export function botFrameworkSource(req: ClientRequest, activity: { channelId?: string; from?: { id?: string } }, viaConnector: boolean): SignInSource {
  return viaConnector
    ? { kind: 'user', id: `${activity.channelId ?? ''}:${activity.from?.id ?? ''}`.slice(0, 200) }
    : { kind: 'address', id: clientAddress(req) };
}
