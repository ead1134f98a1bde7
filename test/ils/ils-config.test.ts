import { describe, expect, it } from 'vitest';
import { ilsCode, ilsSecretsFromEnv, parseIlsConfig } from '../../src/ils/ils-config';
import { createLibrarySystems } from '../../src/ils/library-systems';
import type { Db } from '../../src/persistence/prisma-client';

const lines: string[] = [];
const log = { info: (...a: unknown[]) => lines.push(JSON.stringify(a)), warn: (...a: unknown[]) => lines.push(JSON.stringify(a)), error: (...a: unknown[]) => lines.push(JSON.stringify(a)) };
const deps = (env: NodeJS.ProcessEnv) => ({ db: {} as Db, patrons: {} as never, pinHasher: {} as never, log: log as never, now: () => new Date(), env });

describe('ils-config', () => {
  it('reads an absent block as embedded, and the three kinds with their defaults', () => {
    expect(parseIlsConfig('kalamaria', undefined)).toEqual({ type: 'embedded' });
    expect(parseIlsConfig('kalamaria', { type: 'koha', baseUrl: 'https://koha.example.org', auth: 'oauth2' })).toEqual({ type: 'koha', baseUrl: 'https://koha.example.org', auth: 'oauth2', illBackend: 'Standard', timeoutMs: 10_000 });
    expect(parseIlsConfig('ozd', { type: 'sip2', host: 'sip.example.hu', port: 6001, tls: true, institution: 'OZD', location: 'kozponti' })).toMatchObject({ terminator: 'CR' });
  });

  it('names the place of every mistake, and refuses a secret written in the file', () => {
    expect(() => parseIlsConfig('ozd', { type: 'sip2', host: '', port: 70000, tls: 'yes', institution: 'OZD', location: 'x', terminator: 'LF' }))
      .toThrow(/libraries\/ozd: ils\.host: .*; ils\.port: .*; ils\.tls: .*; ils\.terminator: /);
    expect(() => parseIlsConfig('kalamaria', { type: 'koha', baseUrl: 'https://k.example.org', auth: 'basic', password: 'x' })).toThrow(/Unrecognized key.*password/);
  });

  it('takes secrets from ILS_<LIBRARY>_… and stops on a missing one, naming the variable', () => {
    const koha = parseIlsConfig('kalamaria', { type: 'koha', baseUrl: 'https://koha.example.org', auth: 'oauth2' });
    expect(ilsSecretsFromEnv('kalamaria', koha, { ILS_KALAMARIA_CLIENT_ID: 'id', ILS_KALAMARIA_CLIENT_SECRET: 's3cr3t' })).toEqual({ kind: 'oauth2', clientId: 'id', clientSecret: 's3cr3t' });
    expect(() => ilsSecretsFromEnv('kalamaria', koha, { ILS_KALAMARIA_CLIENT_ID: 'id' })).toThrow('set ILS_KALAMARIA_CLIENT_SECRET');
    const sip2 = parseIlsConfig('ozd', { type: 'sip2', host: 'h', port: 6001, tls: false, institution: 'OZD', location: 'k' });
    expect(() => ilsSecretsFromEnv('ozd', sip2, {})).toThrow('set ILS_OZD_USER');
  });

  it('builds each library its system and logs kind and address, never a secret', async () => {
    lines.length = 0;
    const configs = new Map([
      ['kalamaria', parseIlsConfig('kalamaria', { type: 'koha', baseUrl: 'https://koha.example.org', auth: 'basic' })],
      ['ozd', parseIlsConfig('ozd', { type: 'sip2', host: 'sip.example.hu', port: 6001, tls: true, institution: 'OZD', location: 'k' })],
    ]);
    const built = createLibrarySystems(configs, deps({ ILS_KALAMARIA_USER: 'bot', ILS_KALAMARIA_PASSWORD: 'koha-pass-991', ILS_OZD_USER: 'sipbot', ILS_OZD_PASSWORD: 'sip-pass-772' }));
    expect([...built.systems].map(([id, s]) => [id, s.kind])).toEqual([['kalamaria', 'koha'], ['ozd', 'sip2']]);
    expect(lines.join('\n')).toContain('sip.example.hu');
    expect(lines.join('\n')).not.toMatch(/koha-pass-991|sip-pass-772/);
    expect(JSON.stringify([...built.systems.values()])).not.toMatch(/koha-pass-991|sip-pass-772/);
    await built.close();
    expect(() => createLibrarySystems(configs, deps({ ILS_KALAMARIA_USER: 'bot', ILS_KALAMARIA_PASSWORD: 'p' }))).toThrow('set ILS_OZD_USER');
  });

  it('uses a branch\'s ilsCode, or its id when it has none', () => {
    expect(ilsCode({ central: 'CPL' }, 'central')).toBe('CPL');
    expect(ilsCode({ central: 'CPL' }, 'kritis')).toBe('kritis');
  });
});
