import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueHarvestsOf } from '../../src/app';
import { LibraryConfigError, loadLibraries } from '../../src/libraries/load-libraries';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Ózd's own file with a `catalogue:` block appended, in a directory of its own. */
function ozdWith(catalogue: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'libraries-'));
  writeFileSync(path.join(dir, 'ozd.yaml'), `${readFileSync(path.join(root, 'libraries', 'ozd.yaml'), 'utf8')}\n${catalogue}`);
  return dir;
}

describe('the catalogue block of a library file', () => {
  it('carries the holdings mapping and the OAI-PMH harvest to the job, with the branches\' codes', () => {
    const dir = ozdWith('catalogue:\n  holdings:\n    tag: "995"\n  oaiPmh:\n    baseUrl: https://opac.example.hu/cgi-bin/koha/oai.pl\n    intervalMinutes: 30\n');
    const [harvest, ...more] = catalogueHarvestsOf(loadLibraries(dir));
    expect(more).toEqual([]);
    expect(harvest).toMatchObject({ libraryId: 'ozd', oaiPmh: { baseUrl: 'https://opac.example.hu/cgi-bin/koha/oai.pl', intervalMinutes: 30, metadataPrefix: 'marcxml' }, holdings: { tag: '995', barcode: 'p' } });
    expect(harvest!.branches.map((b) => b.id)).toContain('ozd-main');
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
