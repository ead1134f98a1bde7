import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
/** Code that talks to patrons or staff; vocabularies the bot recognises (src/nlu) are not output. */
const CHECKED = ['src/bot', 'src/dialogs', 'src/channels', 'src/server.ts', 'src/app.ts'];
// Greek letters, or letters only Hungarian (and other non-English) text uses.
const NATIVE_TEXT = /['"`][^'"`\n]*[\u0370-\u03ff\u1f00-\u1fffáéíóöőúüűÁÉÍÓÖŐÚÜŰ][^'"`\n]*['"`]/u;

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(full, f));
}

describe('user-facing strings', () => {
  it('live only in locales/: no Greek or Hungarian literal in bot, dialog or channel code', () => {
    const offenders: string[] = [];
    for (const file of CHECKED.flatMap(files)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
        if (NATIVE_TEXT.test(code)) offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('would catch an inline string (the check itself is not vacuous)', () => {
    expect(NATIVE_TEXT.test(`await send('Καλώς ήρθατε')`)).toBe(true);
    expect(NATIVE_TEXT.test(`await send("Üdvözöljük")`)).toBe(true);
    expect(NATIVE_TEXT.test(`await send(t('greeting'))`)).toBe(false);
  });
});
