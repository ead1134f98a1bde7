import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueHarvestsOf, ilsConfigsOf } from '../../src/app';
import { LibraryConfigError, loadLibraries } from '../../src/libraries/load-libraries';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Ózd's own file with a block of its top-level key replaced (or added), in a directory of its own. */
function ozdWith(block: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'libraries-'));
  const key = block.slice(0, block.indexOf(':'));
  const own = readFileSync(path.join(root, 'libraries', 'ozd.yaml'), 'utf8').replace(new RegExp(`^${key}:\\n(  .*\\n)*`, 'm'), '');
  writeFileSync(path.join(dir, 'ozd.yaml'), `${own}\n${block}`);
  return dir;
}

describe('the catalogue block of a library file', () => {
  it('carries the holdings mapping and the OAI-PMH harvest to the job, with the branches\' codes', () => {
    const dir = ozdWith('catalogue:\n  holdings:\n    tag: "995"\n  oaiPmh:\n    baseUrl: https://opac.example.hu/cgi-bin/koha/oai.pl\n    intervalMinutes: 30\n');
    const [harvest, ...more] = catalogueHarvestsOf(loadLibraries(dir));
    expect(more).toEqual([]);
    expect(harvest).toMatchObject({ libraryId: 'ozd', oaiPmh: { baseUrl: 'https://opac.example.hu/cgi-bin/koha/oai.pl', intervalMinutes: 30, metadataPrefix: 'marcxml' }, holdings: { tag: '995', barcode: 'p' } });
    expect(harvest!.branches!.map((b) => b.id)).toContain('ozd-main');
  });

  it('harvests nothing for a library that names no repository', () => {
    expect(catalogueHarvestsOf(loadLibraries(path.join(root, 'libraries')))).toEqual([]);
  });

  it('names the file and the path of a wrong setting', () => {
    const dir = ozdWith('catalogue:\n  oaiPmh:\n    baseUrl: https://opac.example.hu/oai\n    intervalMinutes: 1\n');
    try {
      loadLibraries(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LibraryConfigError);
      expect((error as LibraryConfigError).problems.join('\n')).toMatch(/ozd\.yaml: catalogue\.oaiPmh\.intervalMinutes: /);
    }
  });
});

describe('the ils block of a library file', () => {
  it('reaches the adapters as the file says, embedded when it says nothing', () => {
    const dir = ozdWith('ils:\n  type: koha\n  baseUrl: https://koha.example.hu\n  auth: oauth2\n');
    expect(ilsConfigsOf(loadLibraries(dir)).get('ozd')).toEqual({ type: 'koha', baseUrl: 'https://koha.example.hu', auth: 'oauth2', illBackend: 'Standard', timeoutMs: 10_000 });
    expect(ilsConfigsOf(loadLibraries(path.join(root, 'libraries'))).get('kalamaria')).toEqual({ type: 'embedded' });
  });

  it('names the file and the path of a wrong one, and takes no secret from it', () => {
    for (const [block, where] of [
      ['ils:\n  type: sip2\n  host: sip.example.hu\n  port: "6001"\n  tls: false\n  institution: OZD\n  location: MAIN\n', /ozd\.yaml: ils\.port: /],
      ['ils:\n  type: koha\n  baseUrl: https://koha.example.hu\n  auth: basic\n  password: secret\n', /ozd\.yaml: ils(\.password)?: /],
    ] as const) {
      try {
        loadLibraries(ozdWith(block));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(LibraryConfigError);
        expect((error as LibraryConfigError).problems.join('\n')).toMatch(where);
      }
    }
  });
});
