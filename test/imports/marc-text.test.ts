import { describe, expect, it } from 'vitest';
import { fold } from '../../src/domain/text/fold';
import { marcText, withoutIsbdPunctuation } from '../../src/imports/marc-text';
import { progressReporter } from '../../src/imports/progress';

describe('text from MARC records', () => {
  it.each([
    ['decomposed Greek', 'Ελεύθεροι πολιορκημένοι'.normalize('NFD'), false, 'Ελεύθεροι πολιορκημένοι'],
    ['a spacing diaeresis before its letter (MARC-8 order)', 'K¨olcsey', true, 'Kölcsey'],
    ['a spacing diaeresis after its letter', 'Ko¨lcsey', false, 'Kölcsey'],
    ['a combining acute before its letter (MARC-8 order)', 'V\u0301alogatott', true, 'Válogatott'],
    ['a combining double acute at a word start', '\u030Bor', false, 'őr'],
    ['a spacing double acute (MARC-8 order)', 'Sz˝oke T˝unde', true, 'Szőke Tűnde'],
    ['a backquote as a quote is left alone', '`Egri csillagok`', false, '`Egri csillagok`'],
  ])('%s', (_, raw, marc8, expected) => {
    const text = marcText(raw, marc8);
    expect(text).toBe(expected);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('leaves words whole for search: what the patron types without accents matches', () => {
    expect(fold(marcText('K¨olcsey Ferenc', true))).toBe('kolcsey ferenc');
    expect(fold(marcText('Σολωμός, Διονύσιος'.normalize('NFD')))).toBe('σολωμοσ διονυσιοσ');
  });

  it.each([
    ['Η φόνισσα :', 'Η φόνισσα'], ['κοινωνικόν μυθιστόρημα /', 'κοινωνικόν μυθιστόρημα'], ['Gárdonyi Géza,', 'Gárdonyi Géza'],
    ['μηνιαίο περιοδικό για το βιβλίο.', 'μηνιαίο περιοδικό για το βιβλίο'], ['Τριανταφυλλόπουλος, Ν. Δ.', 'Τριανταφυλλόπουλος, Ν. Δ.'],
    ['Várj reám...', 'Várj reám...'], ['A = B ;', 'A = B'],
  ])('«%s» without its ISBD punctuation is «%s»', (raw, expected) => {
    expect(withoutIsbdPunctuation(raw)).toBe(expected);
  });
});

describe('import progress', () => {
  it('redraws a bar on a terminal and writes a line now and then to a log', () => {
    const tty: string[] = [];
    const bar = progressReporter('importing x.mrc', { isTTY: true, write: (t) => tty.push(t) });
    bar.update({ records: 500, bytes: 250, totalBytes: 1000 });
    bar.update({ records: 2000, bytes: 1000, totalBytes: 1000 });
    bar.done();
    expect(tty).toEqual([
      `\rimporting x.mrc [${'#'.repeat(8)}${'.'.repeat(22)}]  25% 500 records`,
      `\rimporting x.mrc [${'#'.repeat(30)}] 100% 2,000 records`,
      '\n',
    ]);
    let clock = 0;
    const lines: string[] = [];
    const log = progressReporter('importing x.mrc', { isTTY: false, write: (t) => lines.push(t) }, () => clock);
    log.update({ records: 500, bytes: 100, totalBytes: 1000 });
    clock = 1000;
    log.update({ records: 1000, bytes: 200, totalBytes: 1000 }); // too soon for another line
    clock = 6000;
    log.update({ records: 1500, bytes: 300, totalBytes: 1000 });
    log.update({ records: 5000, bytes: 1000, totalBytes: 1000 }); // the last always
    log.done();
    expect(lines).toEqual(['importing x.mrc: 500 records read (10%)\n', 'importing x.mrc: 1,500 records read (30%)\n', 'importing x.mrc: 5,000 records read (100%)\n']);
  });
});
