import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IllRequestView } from '../../src/domain/ports/ill-repository';
import type { Db } from '../../src/persistence/prisma-client';
import { Conversation, testBot } from '../support/conversation';
import { freshDb } from '../support/test-db';

// Amounts are formatted by Intl: a no-break space between the number and the currency.
const NOW = new Date('2026-11-23T10:00:00Z');
let db: Db;
let target: Awaited<ReturnType<typeof testBot>>;
let bot: Awaited<ReturnType<typeof import('../../src/bot/create-bot').createBot>>;
const notified: IllRequestView[] = [];
beforeEach(async () => {
  ({ db } = await freshDb());
  notified.length = 0;
  const options = { now: () => NOW, illNotifier: { arrived: async (r: IllRequestView) => { notified.push(r); } } };
  target = await testBot(db, options);
  const { createBot } = await import('../../src/bot/create-bot');
  bot = await createBot(db, options);
});
afterEach(async () => { await db.$disconnect(); });

const requestsOf = (card: string) => db.illRequest.findMany({ where: { patron: { cardNumber: card } }, include: { acceptances: true, events: true }, orderBy: { id: 'asc' } });
const refOf = (c: Conversation) => (c.last.find((r) => (r.channelData as { illRef?: string } | undefined)?.illRef)?.channelData as { illRef?: string } | undefined)?.illRef;

/** Signs in through the ILL entry of the menu (item 4 at Ózd). */
async function start(lang: 'hu' | 'el', card: string) {
  const c = new Conversation(target, { library: 'ozd', locale: lang });
  await c.join();
  await c.say('4');
  await c.say(card);
  await c.say('4321');
  return c;
}

const HU_COMMON_TERMS = [
  'Egyszerre legfeljebb 3 dokumentumot kérhet.',
  'A beérkezett dokumentumot 7 napig őrizzük; ha nem veszi át, új kérést csak a visszaküldés postaköltségének megtérítése után indíthat.',
];
// A copy is not returned, so late fees, home or reading-room use and liability concern originals only.
const HU_ORIGINAL_TERMS = [
  'A határidőre vissza nem hozott könyvek után naponta és darabonként 200\u00a0Ft késedelmi díjat számítunk fel.',
  'A küldő könyvtár dönti el, hogy a dokumentumot hazaviheti, vagy csak az olvasóteremben használhatja. Kölcsönözhető könyvet csak felelősségvállalási nyilatkozat aláírása mellett adhatunk ki.',
  'A dokumentumért az átvételtől a visszaérkezéséig Ön felel: be kell tartania a kölcsönzési időt, és ha elvész vagy megrongálódik, a küldő könyvtár által megállapított térítési díjat Önnek kell megfizetnie.',
];
const EL_COMMON_TERMS = [
  'Ζητάτε έως 3 βιβλία ή άρθρα ταυτόχρονα.',
  'Όταν φτάσει, το φυλάμε 7 ημέρες· αν δεν το παραλάβετε, νέο αίτημα γίνεται μόνο αφού πληρώσετε τα ταχυδρομικά της επιστροφής.',
];
// A copy is not returned, so late fees, home or reading-room use and liability concern originals only.
const EL_ORIGINAL_TERMS = [
  'Για βιβλία που δεν επιστρέφονται εγκαίρως χρεώνεται πρόστιμο καθυστέρησης 200\u00a0HUF την ημέρα για κάθε βιβλίο.',
  'Η βιβλιοθήκη που το στέλνει αποφασίζει αν μπορείτε να το πάρετε στο σπίτι ή μόνο να το διαβάσετε στο αναγνωστήριο. Βιβλίο που δανείζεται δίνεται μόνο αφού υπογράψετε δήλωση ευθύνης.',
  'Από την παραλαβή μέχρι την επιστροφή του την ευθύνη έχετε εσείς: τηρείτε τη διάρκεια δανεισμού, και αν χαθεί ή φθαρεί, πληρώνετε την αποζημίωση που ορίζει η βιβλιοθήκη που το έστειλε.',
];

describe('IllRequestDialog in Hungarian', () => {
  it('takes a book in the original: eligibility, details, the terms for originals, acceptance with version and time, summary, reference', async () => {
    const c = new Conversation(target, { library: 'ozd', locale: 'hu' });
    await c.join();
    expect(c.heard).toContain('Miben segíthetek?\n1. Könyv foglalása\n2. Újdonságok\n3. Rendeléseim\n4. Könyvtárközi kérés\n5. Súgó');
    await c.say('könyvtárközi kérés');
    expect(c.heard).toBe('A könyvtárközi kéréshez be kell jelentkeznie. Mi az olvasójegye száma?');
    await c.say('2002001');
    await c.say('4321');
    expect(c.heard).toBe('Bejelentkezett.\n'
      + 'Könyvtárközi kéréssel más könyvtártól kérjük meg, ami nálunk nincs meg. Még 3 dokumentumot kérhet.\n'
      + 'Könyvet kér, vagy folyóiratcikket?');
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Könyv', 'Folyóiratcikk']);
    await c.say('könyvet');
    expect(c.heard).toBe('Mi a könyv címe?');
    await c.say('A Pendragon-legenda');
    expect(c.heard).toBe('Ki a szerzője? Ha nem tudja, mondja: „nem tudom”.');
    await c.say('Szerb Antal');
    expect(c.heard).toBe('Melyik évben jelent meg? Ha nem tudja, mondja, hogy „nem tudom”.');
    await c.say('1934-ben');
    expect(c.heard).toBe('Ha tudja a könyv ISBN-számát, mondja meg; ha nem, mondja, hogy „nem tudom”.');
    await c.say('963 07 3456 0');
    expect(c.heard).toBe('Ez nem érvényes ISBN-szám. Mondja meg újra, vagy mondja, hogy „nem tudom”:');
    await c.say('978-963-07-3456-1');
    expect(c.heard).toBe('Meddig van rá szüksége? Mondjon egy dátumot, vagy azt, hogy „nincs”.');
    expect(c.question?.channelData?.slot).toBe('datetime');
    await c.say('nincs');
    expect(c.heard).toBe('Milyen formában kéri? Eredetiben, másolatban (fénymásolatban) vagy elektronikusan?');
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Eredeti', 'Másolat', 'Elektronikus']);
    await c.say('eredeti');
    const terms = [
      'A könyvtárközi kölcsönzés feltételei:',
      'Eredeti dokumentum: a küldése ingyenes, de a visszaküldés postaköltségét Ön fizeti, a dokumentum átvételekor, az aktuális postai díjtáblázat szerint (jelenleg 1250\u00a0Ft és 2990\u00a0Ft között, a küldemény súlyától függően).',
      ...HU_COMMON_TERMS,
      ...HU_ORIGINAL_TERMS,
    ].join('\n\n');
    expect(c.heard).toBe(`${terms}\n\nElfogadja?`);
    expect(c.question?.channelData?.slot).toBe('confirm');
    await c.say('igen, elfogadom');
    expect(c.heard).toBe('A kérése:\n\nKönyv: „A Pendragon-legenda”\n\nSzerző: Szerb Antal\n\nMegjelenés éve: 1934\n\nISBN: 9789630734561\n\nForma: eredeti\n\nElküldhetem a kérést?');
    expect(await requestsOf('2002001')).toEqual([]);
    await c.say('igen');
    const ref = refOf(c);
    expect(ref).toMatch(/^\d{7}$/);
    expect(c.heard).toContain(`A kérését rögzítettük, a száma: ${ref}. Amikor a dokumentum megérkezik, értesítjük, és megmondjuk, mennyit kell fizetnie.`);
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({
      ref, status: 'submitted', kind: 'book', form: 'original', title: 'A Pendragon-legenda', author: 'Szerb Antal', year: 1934,
      isbn: '9789630734561', maxCost: 0, currency: 'HUF', language: 'hu', notNeededAfter: null,
    });
    expect(row!.acceptances).toEqual([expect.objectContaining({ version: 'ozd-ill-2026-11/original/hu', text: terms, language: 'hu', acceptedAt: NOW, actor: `patron:${row!.patronId}` })]);
    expect(row!.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, 'submitted']]);
  });

  it('takes a copy with the most the reader will pay, and states the copy terms', async () => {
    const c = await start('hu', '2002001');
    await c.say('1');
    for (const answer of ['Utas és holdvilág', 'nem tudom', 'nem tudom', 'nem tudom', 'nincs']) await c.say(answer);
    await c.say('másolat');
    expect(c.heard).toBe('A költséget (másolás és postázás) a küldő könyvtár határozza meg. Legfeljebb mennyit fizetne érte?');
    await c.say('sokat');
    expect(c.heard).toBe('Mondjon egy összeget számmal, például „2000”:');
    await c.say('1500 forintot');
    expect(c.heard).toContain('A másolás és a postázás költségét a küldő könyvtár határozza meg, és Ön fizeti; ha több, mint 1500\u00a0Ft, előbb megkérdezzük.');
    expect(c.heard).toContain(HU_COMMON_TERMS.join('\n\n'));
    for (const term of HU_ORIGINAL_TERMS) expect(c.heard).not.toContain(term);
    await c.say('igen');
    expect(c.heard).toBe('A kérése:\n\nKönyv: „Utas és holdvilág”\n\nForma: másolat (fénymásolat)\n\nLegfeljebb ennyit fizet a küldő könyvtárnak: 1500\u00a0Ft\n\nElküldhetem a kérést?');
    await c.say('igen');
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({ ref: refOf(c), form: 'copy', maxCost: 150000, author: null, year: null, isbn: null });
    expect(row!.acceptances[0]).toMatchObject({ version: 'ozd-ill-2026-11/copy/hu' });
  });

  it('takes an electronic copy and says printing is charged by our fee schedule', async () => {
    const c = await start('hu', '2002001');
    await c.say('könyv');
    for (const answer of ['Esti Kornél', 'Kosztolányi Dezső', '1933', 'nem tudom', 'nincs']) await c.say(answer);
    await c.say('3');
    expect(c.heard).toBe('Az elektronikus dokumentum díját a küldő könyvtár határozza meg. Legfeljebb mennyit fizetne érte? Mondjon egy összeget, például: 2000\u00a0Ft.');
    await c.say('kétezer');
    expect(c.heard).toContain('Elektronikus dokumentum: a díját a küldő könyvtár határozza meg, és Ön fizeti. Ha többet kér, mint 2000\u00a0Ft, előbb megkérdezzük Önt. Ha a dokumentumot kinyomtatjuk, a nyomtatásért könyvtárunk mindenkori díjszabása szerint fizet.');
    await c.say('igen');
    await c.say('igen');
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({ form: 'electronic', maxCost: 200000, title: 'Esti Kornél', year: 1933 });
  });

  it('takes a journal article only as a photocopy, with journal, year, volume/issue, pages and a "not needed after" date', async () => {
    const c = await start('hu', '2002001');
    await c.say('folyóiratcikk');
    expect(c.heard).toBe('Mi a cikk címe?');
    await c.say('Az ózdi gyár a két világháború között');
    await c.say('Tóth Péter');
    expect(c.heard).toBe('Melyik folyóiratban jelent meg a cikk?');
    await c.say('Századok');
    expect(c.heard).toBe('Melyik évben jelent meg a cikk?');
    await c.say('nem tudom');
    expect(c.heard).toBe('A cikk évét négy számjeggyel mondja meg, például „1998”:');
    await c.say('1978');
    expect(c.heard).toBe('Évfolyam és szám? Vagy: „nem tudom”.');
    await c.say('112. évfolyam 4. szám');
    expect(c.heard).toBe('Melyik oldalakon? Vagy: „nem tudom”.');
    await c.say('735–760');
    await c.say('december 20.');
    expect(c.heard).toBe('Folyóiratcikket fénymásolatban kérünk.\n'
      + 'A költséget (másolás és postázás) a küldő könyvtár határozza meg. Legfeljebb mennyit fizetne érte?');
    await c.say('3000');
    await c.say('igen');
    expect(c.heard).toBe('A kérése:\n\nFolyóiratcikk: „Az ózdi gyár a két világháború között”\n\nSzerző: Tóth Péter\n\nFolyóirat: Századok\n\n'
      + 'Megjelenés éve: 1978\n\nÉvfolyam, szám: 112. évfolyam 4. szám\n\nOldalak: 735–760\n\nEzután már nincs rá szüksége: december 20., vasárnap\n\n'
      + 'Forma: másolat (fénymásolat)\n\nLegfeljebb ennyit fizet a küldő könyvtárnak: 3000\u00a0Ft\n\nElküldhetem a kérést?');
    await c.say('igen');
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({
      kind: 'article', form: 'copy', journal: 'Századok', year: 1978, volumeIssue: '112. évfolyam 4. szám', pages: '735–760', maxCost: 300000,
      notNeededAfter: new Date('2026-12-19T23:00:00Z'), // midnight in Budapest
    });
  });

  it('refuses an expired card before asking anything', async () => {
    const c = await start('hu', '2002002');
    expect(c.heard).toBe('Bejelentkezett.\n'
      + 'Könyvtárközi kérést csak érvényes olvasójeggyel lehet indítani, az Ön olvasójegye pedig lejárt. A megújításhoz keresse fel a könyvtárat, vagy hívja ezt a számot: +36 48 000 100.\n'
      + 'Segíthetek még valamiben?\n1. Könyv foglalása\n2. Újdonságok\n3. Rendeléseim\n4. Könyvtárközi kérés\n5. Súgó');
    expect(await requestsOf('2002002')).toEqual([]);
  });

  it('refuses a 4th request while 3 are outstanding', async () => {
    const c = await start('hu', '2002003');
    expect(c.heard).toContain('Egyszerre legfeljebb 3 dokumentumot kérhet más könyvtárból, és most 3 kérése van folyamatban. Új kérést csak akkor indíthat, ha ezeket visszaszolgáltatta.');
    expect(c.heard).not.toContain('Könyvet kér');
    expect(await db.illRequest.count({ where: { patron: { cardNumber: '2002003' } } })).toBe(3);
  });

  it('refuses while return postage is unpaid, with the amount and how to pay', async () => {
    const c = await start('hu', '2002004');
    expect(c.heard).toContain('Egy Önnek érkezett könyvtárközi dokumentumot nem vett át időben, ezért visszaküldtük a küldő könyvtárnak. '
      + 'Ennek postaköltségét, 1250\u00a0Ft összeget, még nem fizette meg, és új könyvtárközi kérést csak ennek megtérítése után indíthat. '
      + 'Befizetni a könyvtár kölcsönzőpultjánál lehet, nyitvatartási időben; kérdés esetén hívja ezt a számot: +36 48 000 100.');
    expect(await db.illRequest.count({ where: { patron: { cardNumber: '2002004' } } })).toBe(1);
  });

  it('writes nothing when the reader does not accept the terms', async () => {
    const c = await start('hu', '2002001');
    await c.say('1');
    for (const answer of ['Abigél', 'Szabó Magda', 'nem tudom', 'nem tudom', 'nincs', 'eredeti']) await c.say(answer);
    await c.say('nem');
    expect(c.heard).toContain('Rendben, a kérést nem rögzítettem. Ha kérdése van a feltételekkel kapcsolatban, hívja a könyvtárat ezen a számon: +36 48 000 100.');
    expect(await requestsOf('2002001')).toEqual([]);
  });

  it('offers a request when a search finds nothing, with the searched words as the title', async () => {
    const c = new Conversation(target, { library: 'ozd', locale: 'hu' });
    await c.join();
    await c.say('1');
    await c.say('2002001');
    await c.say('4321');
    await c.say('Szindbád hazamegy');
    expect(c.heard).toBe('Erre nem találtam semmit: „Szindbád hazamegy”. Próbálja kevesebb szóval vagy a szerző vezetéknevével.\n'
      + 'Ha a könyvtárunkban nincs meg, könyvtárközi kéréssel más könyvtártól megkérhetjük. Mit szeretne?');
    expect(c.question?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Könyvtárközi kérés', 'Új keresés']);
    await c.say('könyvtárközi kérés');
    expect(c.heard).toContain('Könyvtárközi kéréssel más könyvtártól kérjük meg, ami nálunk nincs meg. Még 3 dokumentumot kérhet.\nKönyvet kér, vagy folyóiratcikket?');
    await c.say('könyv');
    expect(c.heard).toBe('Erre kerestünk: „Szindbád hazamegy”. Ha ez a cím, mondja, hogy „igen”; ha nem, mondja meg a pontos címet.');
    await c.say('igen');
    for (const answer of ['Márai Sándor', '1940', 'nem tudom', 'nincs', 'eredeti', 'igen', 'igen']) await c.say(answer);
    expect(c.heard).toContain('Segíthetek még valamiben?');
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({ title: 'Szindbád hazamegy', author: 'Márai Sándor', year: 1940, ref: refOf(c) });
  });
});

describe('IllRequestDialog in Greek (a Greek-speaking reader at Ózd)', () => {
  it('takes a book in the original and states the terms for originals in Greek', async () => {
    const c = await start('el', '2002001');
    expect(c.heard).toBe('Συνδεθήκατε.\n'
      + 'Με τον διαδανεισμό ζητάμε από άλλη βιβλιοθήκη ό,τι δεν έχει η δική μας. Μπορείτε να ζητήσετε ακόμη 3 βιβλία ή άρθρα.\n'
      + 'Ζητάτε βιβλίο ή άρθρο περιοδικού;');
    await c.say('βιβλίο');
    expect(c.heard).toBe('Ποιος είναι ο τίτλος του βιβλίου;');
    await c.say('Ο Χριστός ξανασταυρώνεται');
    await c.say('Νίκος Καζαντζάκης');
    await c.say('δεν ξέρω');
    expect(c.heard).toBe('Αν ξέρετε το ISBN του βιβλίου, πείτε το· αλλιώς πείτε «δεν ξέρω».');
    await c.say('δεν ξέρω');
    await c.say('όχι');
    expect(c.heard).toBe('Σε ποια μορφή το θέλετε; Πρωτότυπο, αντίγραφο (φωτοαντίγραφο) ή ηλεκτρονική μορφή;');
    await c.say('πρωτότυπο');
    const terms = [
      'Οι όροι του διαδανεισμού:',
      'Πρωτότυπο: η αποστολή του είναι δωρεάν, αλλά τα ταχυδρομικά της επιστροφής τα πληρώνετε εσείς, όταν το παραλαμβάνετε, σύμφωνα με τον ισχύοντα τιμοκατάλογο του ταχυδρομείου (σήμερα από 1.250\u00a0HUF έως 2.990\u00a0HUF, ανάλογα με το βάρος).',
      ...EL_COMMON_TERMS,
      ...EL_ORIGINAL_TERMS,
    ].join('\n\n');
    expect(c.heard).toBe(`${terms}\n\nΤους δέχεστε;`);
    await c.say('ναι');
    expect(c.heard).toBe('Το αίτημά σας:\n\nΒιβλίο: «Ο Χριστός ξανασταυρώνεται»\n\nΣυγγραφέας: Νίκος Καζαντζάκης\n\nΜορφή: πρωτότυπο\n\nΝα το στείλω;');
    await c.say('ναι');
    const ref = refOf(c);
    expect(c.heard).toContain(`Το αίτημά σας καταχωρίστηκε με αριθμό ${ref}.`);
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({ ref, form: 'original', language: 'el', year: null });
    expect(row!.acceptances).toEqual([expect.objectContaining({ version: 'ozd-ill-2026-11/original/el', text: terms, language: 'el', acceptedAt: NOW })]);
  });

  it.each([
    ['αντίγραφο', 'copy', 'Το κόστος (αντιγραφή και ταχυδρομικά) το ορίζει η βιβλιοθήκη που το στέλνει. Μέχρι πόσα θα πληρώνατε;', 'Το κόστος αντιγραφής και αποστολής το ορίζει η βιβλιοθήκη που το στέλνει και το πληρώνετε εσείς· αν ξεπερνά τα 1.500\u00a0HUF, θα σας ρωτήσουμε πρώτα.'],
    ['ηλεκτρονικά', 'electronic', 'Το κόστος της ηλεκτρονικής μορφής το ορίζει η βιβλιοθήκη που τη στέλνει. Μέχρι πόσα θα πληρώνατε; Πείτε ένα ποσό, για παράδειγμα 2.000\u00a0HUF.', 'Ηλεκτρονική μορφή: το κόστος το ορίζει η βιβλιοθήκη που το στέλνει και το πληρώνετε εσείς. Αν ζητήσει περισσότερα από 1.500\u00a0HUF, θα σας ρωτήσουμε πρώτα. Αν το εκτυπώσουμε, η εκτύπωση χρεώνεται σύμφωνα με τον ισχύοντα τιμοκατάλογο της βιβλιοθήκης μας.'],
  ] as const)('takes a book as «%s» and states those terms', async (said, form, costAsk, termsLine) => {
    const c = await start('el', '2002001');
    await c.say('1');
    for (const answer of ['Αιολική γη', 'Ηλίας Βενέζης', '1943', 'δεν ξέρω', 'όχι']) await c.say(answer);
    await c.say(said);
    expect(c.heard).toBe(costAsk);
    await c.say('1500');
    expect(c.heard).toContain(termsLine);
    expect(c.heard).toContain(EL_COMMON_TERMS.join('\n\n'));
    for (const term of EL_ORIGINAL_TERMS) expect(c.heard).not.toContain(term);
    await c.say('ναι');
    expect(c.heard).toContain('Μέγιστο ποσό που δέχεστε να πληρώσετε: 1.500\u00a0HUF');
    await c.say('ναι');
    const [row] = await requestsOf('2002001');
    expect(row).toMatchObject({ form, maxCost: 150000, year: 1943, language: 'el' });
    expect(row!.acceptances[0]).toMatchObject({ version: `ozd-ill-2026-11/${form}/el` });
  });

  it('takes a journal article only as a photocopy', async () => {
    const c = await start('el', '2002001');
    await c.say('άρθρο περιοδικού');
    expect(c.heard).toBe('Ποιος είναι ο τίτλος του άρθρου;');
    await c.say('Η ποίηση του Καβάφη');
    await c.say('δεν ξέρω');
    expect(c.heard).toBe('Σε ποιο περιοδικό δημοσιεύτηκε το άρθρο;');
    await c.say('Νέα Εστία');
    await c.say('1983');
    await c.say('τόμος 114, τεύχος 1350');
    await c.say('δεν ξέρω');
    await c.say('όχι');
    expect(c.heard).toBe('Τα άρθρα στέλνονται ως φωτοαντίγραφο.\n'
      + 'Το κόστος (αντιγραφή και ταχυδρομικά) το ορίζει η βιβλιοθήκη που το στέλνει. Μέχρι πόσα θα πληρώνατε;');
    await c.say('1000');
    await c.say('ναι');
    expect(c.heard).toBe('Το αίτημά σας:\n\nΆρθρο περιοδικού: «Η ποίηση του Καβάφη»\n\nΠεριοδικό: Νέα Εστία\n\nΈτος: 1983\n\nΤόμος, τεύχος: τόμος 114, τεύχος 1350\n\n'
      + 'Μορφή: αντίγραφο (φωτοαντίγραφο)\n\nΜέγιστο ποσό που δέχεστε να πληρώσετε: 1.000\u00a0HUF\n\nΝα το στείλω;');
    await c.say('ναι');
    expect((await requestsOf('2002001'))[0]).toMatchObject({ kind: 'article', form: 'copy', journal: 'Νέα Εστία', pages: null, maxCost: 100000 });
  });

  it.each([
    ['2002002', 'Αίτημα διαδανεισμού μπορεί να κάνει μόνο όποιος έχει ισχύουσα κάρτα μέλους, και η κάρτα σας έχει λήξει. Για ανανέωση, ελάτε στη βιβλιοθήκη ή τηλεφωνήστε στο +36 48 000 100.'],
    ['2002003', 'Μπορείτε να ζητάτε από άλλες βιβλιοθήκες έως 3 βιβλία ή άρθρα ταυτόχρονα, και έχετε ήδη 3 αιτήματα σε εξέλιξη. Νέο αίτημα μπορείτε να κάνετε μόνο αφού τα επιστρέψετε.'],
    ['2002004', 'Ένα βιβλίο ή άρθρο που ήρθε για εσάς με διαδανεισμό δεν το παραλάβατε εγκαίρως και επιστράφηκε στη βιβλιοθήκη που το έστειλε. Τα ταχυδρομικά της επιστροφής, 1.250\u00a0HUF, δεν έχουν πληρωθεί ακόμη, και νέο αίτημα διαδανεισμού μπορείτε να κάνετε μόνο αφού τα πληρώσετε. Πληρώνονται στο γκισέ δανεισμού της βιβλιοθήκης, τις ώρες λειτουργίας· για ερωτήσεις τηλεφωνήστε στο +36 48 000 100.'],
  ])('refuses card %s with its own message', async (card, message) => {
    const before = await db.illRequest.count();
    const c = await start('el', card);
    expect(c.heard).toContain(message);
    expect(c.heard).toContain('Μπορώ να βοηθήσω σε κάτι άλλο;');
    expect(await db.illRequest.count()).toBe(before);
  });

  it('is not offered at Kalamaria, which has not switched ILL on', async () => {
    const c = new Conversation(target, { library: 'kalamaria', locale: 'el' });
    await c.join();
    expect(c.heard).toContain('1. Κράτηση βιβλίου\n2. Νέες αφίξεις\n3. Οι παραγγελίες μου\n4. Βοήθεια');
    await c.say('διαδανεισμός');
    expect(c.heard).toContain('Η βιβλιοθήκη μας δεν προσφέρει προς το παρόν διαδανεισμό. Για ερωτήσεις τηλεφωνήστε στο 2310 000 100.');
  });
});

describe('conditional cost: a lender asking more than the reader accepted', () => {
  async function copyRequest(lang: 'hu' | 'el'): Promise<string> {
    const c = await start(lang, '2002001');
    await c.say('1');
    for (const answer of lang === 'hu' ? ['Utas és holdvilág', 'nem tudom', 'nem tudom', 'nem tudom', 'nincs', '2', '1500', 'igen', 'igen'] : ['Αιολική γη', 'δεν ξέρω', 'δεν ξέρω', 'δεν ξέρω', 'όχι', '2', '1500', 'ναι', 'ναι']) await c.say(answer);
    const ref = refOf(c)!;
    expect(ref).toBeDefined();
    const workflow = bot.ill.workflow;
    expect(await workflow.apply('ozd', ref, { type: 'request', lender: 'OSZK' }, 'staff:1')).toMatchObject({ allowed: true });
    const terms = await workflow.apply('ozd', ref, { type: 'terms', lenderCost: 250000 }, 'staff:1');
    expect(terms).toMatchObject({ allowed: true, request: { status: 'terms_received', costAcceptancePending: true, lenderCost: 250000 } });
    expect(await workflow.apply('ozd', ref, { type: 'ship' }, 'staff:1')).toEqual({ allowed: false, reason: 'ill.cost_not_accepted' });
    return ref;
  }

  it('asks the reader again in Hungarian, records the yes with its words, then lets staff go on', async () => {
    const ref = await copyRequest('hu');
    const c = await start('hu', '2002001');
    await c.say('mégse');
    await c.say('hol tart a kérésem?');
    expect(c.heard).toBe(`Könyvtárközi kérése:\n\nKérésszám: ${ref} – „Utas és holdvilág”: a küldő könyvtár válaszolt. Várjuk a válaszát: elfogadja-e a küldő könyvtár által kért költséget?\n`
      + `A küldő könyvtár 2500\u00a0Ft összeget kér ezért a dokumentumért: „Utas és holdvilág” (kérésszám: ${ref}). Ez több, mint amennyit vállalt (1500\u00a0Ft). Elfogadja ezt a költséget?`);
    await c.say('igen');
    expect(c.heard).toContain('Köszönjük, rögzítettük. Munkatársunk jelzi a küldő könyvtárnak, hogy küldheti a dokumentumot.');
    const row = await db.illRequest.findUniqueOrThrow({ where: { ref }, include: { acceptances: { orderBy: { id: 'asc' } }, events: { orderBy: { id: 'asc' } } } });
    expect(row.costAcceptancePending).toBe(false);
    expect(row.acceptances).toHaveLength(2);
    expect(row.acceptances[1]).toMatchObject({
      version: 'cost/hu', amount: 250000, acceptedAt: NOW, actor: `patron:${row.patronId}`,
      text: `Elfogadom, hogy könyvtárközi kérésemért (száma: ${ref}) 2500\u00a0Ft költséget fizetek a küldő könyvtár díjszabása szerint.`,
    });
    expect(row.events.at(-1)).toMatchObject({ fromStatus: 'terms_received', toStatus: 'terms_received', note: 'cost accepted by the reader' });
    expect(await bot.ill.workflow.apply('ozd', ref, { type: 'ship' }, 'staff:1')).toMatchObject({ allowed: true, request: { status: 'shipped' } });
  });

  it('cancels the request when the reader says no, in Greek', async () => {
    const ref = await copyRequest('el');
    const c = await start('el', '2002001');
    await c.say('άκυρο');
    await c.say('οι κρατήσεις μου');
    expect(c.heard).toContain(`Η βιβλιοθήκη που το στέλνει ζητά 2.500\u00a0HUF για το αίτημα ${ref} («Αιολική γη»). Αυτό είναι περισσότερο από όσο δεχτήκατε (1.500\u00a0HUF). Δέχεστε αυτό το κόστος;`);
    await c.say('όχι');
    expect(c.heard).toContain('Εντάξει, ακυρώσαμε το αίτημα· δεν θα πληρώσετε τίποτα γι\' αυτό.');
    expect(await db.illRequest.findUniqueOrThrow({ where: { ref } })).toMatchObject({ status: 'cancelled', costAcceptancePending: true });
  });
});

describe('status report and arrival notice', () => {
  it('tells an arrived request\'s deadline and amount, and notifies the reader on arrival', async () => {
    const c = await start('hu', '2002001');
    await c.say('1');
    for (const answer of ['Abigél', 'Szabó Magda', 'nem tudom', 'nem tudom', 'nincs', 'eredeti', 'igen', 'igen']) await c.say(answer);
    const ref = refOf(c)!;
    const workflow = bot.ill.workflow;
    for (const action of [{ type: 'request', lender: 'OSZK' }, { type: 'terms', lenderCost: 0 }, { type: 'ship' }, { type: 'arrive', weightGrams: 700 }] as const) {
      expect(await workflow.apply('ozd', ref, action, 'staff:1'), action.type).toMatchObject({ allowed: true });
    }
    expect(notified.map((r) => [r.ref, r.amountDue, r.collectBy])).toEqual([[ref, 165000, '2026-11-30']]);
    const { IllArrivalNotifier } = await import('../../src/notifications/ill-arrival-notifier');
    const { policyFor } = await import('../support/libraries');
    const text = new IllArrivalNotifier({ send: async () => 'sent' }, { send: async () => ({ status: 'not_configured' as const }) }, policyFor, bot.pickup.log).compose(notified[0]!);
    expect(text).toBe(`Megérkezett a könyvtárközi kéréssel kért dokumentum (kérésszám: ${ref}): „Abigél”. Átveheti a könyvtárban, határidő: november 30., hétfő. Fizetendő az átvételkor: 1650\u00a0Ft. Ha addig nem veszi át, visszaküldhetjük.`);
    await c.say('foglalásaim');
    expect(c.heard).toContain(`Könyvtárközi kérése:\n\nKérésszám: ${ref} – „Abigél”: megérkezett. Átveheti a könyvtárban, határidő: november 30., hétfő. Fizetendő az átvételkor: 1650\u00a0Ft.`);
  });
});
