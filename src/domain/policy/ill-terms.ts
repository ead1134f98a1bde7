import type { LibraryPolicy } from './library-policy';

/**
 * Ózd City Library's interlibrary loan terms (seeds/004), the default for any library that
 * switches ILL on. The postal rate table is ours: the seed only says "per the current postal
 * rate table" (listed in ozd.ts `assumed`).
 */
export const ozdIllTerms: LibraryPolicy['ill'] = {
  enabled: true,
  // "egy olvasónak egyszerre maximum 3 db dokumentum kérhető meg"
  maxOutstanding: 3,
  // "A beérkezett könyv legfeljebb 1 hétig őrizhető az olvasó számára"
  holdDays: 7,
  forms: [
    // "eredeti formátumban a dokumentum küldése ingyenes szolgáltatás, de a visszaküldés postaköltsége a könyvtárhasználót terheli"
    { form: 'original', readerPays: ['return_postage'] },
    // "másolatban (folyóiratcikkeket csak fénymásolatban) … másolati és postaköltség … az olvasót terheli"
    { form: 'copy', readerPays: ['copying', 'postage'] },
    // "elektronikus formában … a térítés költségét a küldő könyvtár határozza meg … nyomtatás … díjszabás"
    { form: 'electronic', readerPays: ['electronic_fee', 'printing'] },
  ],
  // "csak akkor kérhet további könyvtárközi kérést, ha a postaköltséget megtérítette"
  unpaidPostageBlocks: true,
  // Registered domestic parcel, in fillér (assumed).
  postalRates: [
    { maxGrams: 500, amount: 125000 },
    { maxGrams: 1000, amount: 165000 },
    { maxGrams: 2000, amount: 215000 },
    { maxGrams: 5000, amount: 299000 },
  ],
  termsVersion: 'ozd-ill-2026-11',
};
