import { describe, expect, it } from 'vitest';
import { loginOriginOk } from '../../src/staff/login-origin';

describe('loginOriginOk', () => {
  it.each([
    ['same-origin fetch', { host: 'lib.example', 'sec-fetch-site': 'same-origin', origin: 'https://lib.example' }, undefined, true],
    ['typed or bookmarked', { host: 'lib.example', 'sec-fetch-site': 'none' }, undefined, true],
    ['same-origin behind a proxy that rewrites Host', { host: '10.0.0.5:3978', 'sec-fetch-site': 'same-origin', origin: 'https://lib.example' }, undefined, true],
    ['cross-site form', { host: 'lib.example', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, undefined, false],
    ['cross-site, whatever Origin claims', { host: 'lib.example', 'sec-fetch-site': 'cross-site', origin: 'https://lib.example' }, undefined, false],
    ['a sibling subdomain', { host: 'lib.example', 'sec-fetch-site': 'same-site', origin: 'https://blog.lib.example' }, undefined, false],
    ['two Sec-Fetch-Site values', { host: 'lib.example', 'sec-fetch-site': 'same-origin, cross-site' }, undefined, false],
    ['an old browser, own Origin', { host: 'lib.example', origin: 'https://lib.example' }, undefined, true],
    ['an old browser, Host in capitals', { host: 'LIB.example', origin: 'https://lib.example' }, undefined, true],
    ['an old browser, another site', { host: 'lib.example', origin: 'https://evil.example' }, undefined, false],
    ['an old browser, the public URL behind a proxy', { host: '10.0.0.5:3978', origin: 'https://lib.example' }, 'https://lib.example', true],
    ['Origin: null', { host: 'lib.example', origin: 'null' }, undefined, false],
    ['a non-web Origin', { host: 'lib.example', origin: 'file://lib.example' }, undefined, false],
    ['neither header: curl, a staff script', { host: 'lib.example' }, undefined, true],
  ] as const)('%s → %s', (_name, headers, publicUrl, expected) => {
    expect(loginOriginOk(headers, publicUrl)).toBe(expected);
  });
});
