import { describe, expect, it } from 'vitest';
import { addressKey, botFrameworkSource, clientAddress } from '../../src/channels/client-address';

const req = (remoteAddress: string, forwarded?: string) => ({ headers: forwarded ? { 'x-forwarded-for': forwarded } : {}, socket: { remoteAddress } });

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:db8:1:2::9]:443', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['', 'unknown'],
  ])('%s → %s', (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it('keys every address of one IPv6 /64 alike: a client cannot rotate through its own block', () => {
    expect(addressKey('2001:db8:aa:bb:1::1')).toBe(addressKey('2001:db8:aa:bb:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:aa:bb::1')).not.toBe(addressKey('2001:db8:aa:bc::1'));
  });
});

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless told how many proxies to trust: a client could write anything there', () => {
    expect(clientAddress(req('198.51.100.9', '203.0.113.1'), 0)).toBe('198.51.100.9');
  });

  it('takes the entry the trusted proxies appended, not what the client sent before it', () => {
    // The client forged "1.2.3.4"; our proxy appended the address it saw, 203.0.113.50.
    expect(clientAddress(req('10.0.0.2', '1.2.3.4, 203.0.113.50'), 1)).toBe('203.0.113.50');
    expect(clientAddress(req('10.0.0.3', '1.2.3.4, 203.0.113.50, 10.0.0.2'), 2)).toBe('203.0.113.50');
    expect(clientAddress(req('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
});

describe('botFrameworkSource', () => {
  it('uses the client address for anonymous traffic and the channel user behind the Bot Connector', () => {
    const activity = { channelId: 'msteams', from: { id: '29:abc' } };
    expect(botFrameworkSource(req('203.0.113.7'), activity, false)).toEqual({ kind: 'address', id: '203.0.113.7' });
    expect(botFrameworkSource(req('52.112.0.1'), activity, true)).toEqual({ kind: 'user', id: 'msteams:29:abc' });
  });
});
