/**
 * The web chat conversations the crash tests play (test/crashes.test.ts, test/ils/ils-crashes.test.ts):
 * what the patron says and what they must hear.
 */
/** `commits`: the turn that writes the order; one kill per conversation lands right after its commit. */
export type Step = [said: string | null, heard: string | RegExp, commits?: 'commits'];

export const RESERVATION: Step[] = [
  [null, 'Πώς μπορώ να σας βοηθήσω;'],
  ['1', 'Για κράτηση χρειάζεται σύνδεση. Ποιος είναι ο αριθμός της κάρτας μέλους σας;'],
  ['1001001', 'Ποιο είναι το PIN σας;'],
  ['1234', 'Συνδεθήκατε.\nΜπορείτε να κρατήσετε ακόμη 10 βιβλία.\nΠοιο βιβλίο ψάχνετε; Γράψτε τίτλο, συγγραφέα ή ISBN.'],
  ['καπεταν μιχαλης', '1. «Ο Καπετάν Μιχάλης» — Νίκος Καζαντζάκης (2018)'],
  ['1', 'Πρόσθεσα στην παραγγελία σας το βιβλίο «Ο Καπετάν Μιχάλης» (παραλαβή: Κεντρική Βιβλιοθήκη).'],
  ['ολοκλήρωση', 'Να την καταχωρίσω;'],
  ['ναι', /^Η παραγγελία σας καταχωρίστηκε με αριθμό \d{7}\./, 'commits'],
  ['4', 'Εντάξει. Η βιβλιοθήκη θα σας τηλεφωνήσει για να κανονίσετε μέρα και ώρα παραλαβής.'],
];

export const ILL_REQUEST: Step[] = [
  [null, 'Miben segíthetek?'],
  ['4', 'A könyvtárközi kéréshez be kell jelentkeznie. Mi az olvasójegye száma?'],
  ['2002001', 'Mi a PIN-kódja?'],
  ['4321', 'Bejelentkezett.'],
  ['könyvet', 'Mi a könyv címe?'],
  ['A Pendragon-legenda', 'Ki a szerzője? Ha nem tudja, mondja: „nem tudom”.'],
  ['Szerb Antal', 'Melyik évben jelent meg? Ha nem tudja, mondja, hogy „nem tudom”.'],
  ['1934-ben', 'Ha tudja a könyv ISBN-számát, mondja meg; ha nem, mondja, hogy „nem tudom”.'],
  ['978-963-07-3456-1', 'Meddig van rá szüksége? Mondjon egy dátumot, vagy azt, hogy „nincs”.'],
  ['nincs', 'Milyen formában kéri? Eredetiben, másolatban (fénymásolatban) vagy elektronikusan?'],
  ['eredeti', 'Elfogadja?'],
  ['igen, elfogadom', 'A kérése:\n\nKönyv: „A Pendragon-legenda”\n\nSzerző: Szerb Antal\n\nMegjelenés éve: 1934\n\nISBN: 9789630734561\n\nForma: eredeti\n\nElküldhetem a kérést?'],
  ['igen', /^A kérését rögzítettük, a száma: \d{7}\. /, 'commits'],
];
