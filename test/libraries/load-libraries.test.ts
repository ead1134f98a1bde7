import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLibraries, LibraryConfigError, loadLibraries } from '../../src/libraries/load-libraries';

const root = path.resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(path.join(root, 'data', 'test', 'libraries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ozd = readFileSync(path.join(root, 'libraries', 'ozd.yaml'), 'utf8');
let n = 0;

/** A libraries/ folder holding Ózd's file with `edit` applied (and Kalamaria's as it is). */
function folder(edit: (text: string) => string, name = 'ozd.yaml'): { dir: string; file: string } {
  const dir = path.join(scratch, String(++n), 'libraries');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(root, 'libraries', 'kalamaria.yaml'), path.join(dir, 'kalamaria.yaml'));
  const changed = edit(ozd);
  writeFileSync(path.join(dir, name), changed);
  return { dir, file: path.relative(process.cwd(), path.join(dir, name)) };
}

const replace = (from: string, to: string) => (text: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('library files', () => {
  it('loads the project\'s two libraries', () => {
    const libraries = loadLibraries(path.join(root, 'libraries'));
    expect([...libraries.keys()]).toEqual(['kalamaria', 'ozd']);
    expect(libraries.get('ozd')!.policy.ill.maxOutstanding).toBe(3);
    expect(libraries.get('kalamaria')!.info.branches.map((b) => b.id)).toEqual(['kal-central', 'kal-child-a', 'kal-child-b']);
    // Reserved for the library-system adapters: the embedded catalogue, branch codes = branch ids.
    expect(libraries.get('ozd')!.ils).toEqual({ type: 'embedded' });
    expect(libraries.get('kalamaria')!.ilsCodes).toEqual({ 'kal-central': 'kal-central', 'kal-child-a': 'kal-child-a', 'kal-child-b': 'kal-child-b' });
  });

  it.each([
    ['a text for a number', replace('maxOutstanding: 3', 'maxOutstanding: three'), 'ill.maxOutstanding: expected a whole number ≥ 1, got "three"'],
    ['a fraction for a whole number', replace('holdShelfDays: 7', 'holdShelfDays: 1.5'), 'holds.holdShelfDays: expected a whole number ≥ 1, got 1.5'],
    ['a missing key', replace('  maxHolds: 5\n', ''), 'holds.maxHolds: expected a whole number ≥ 1, got nothing'],
    ['an hour that does not exist', replace('tue: [["10:00", "18:00"]]', 'tue: [["10:00", "25:00"]]'), 'branches.ozd-main.openingHours.tue.0.1: expected a time HH:MM, got "25:00"'],
    ['a weekday misspelt', replace('returnDays: [tue,', 'returnDays: [tues,'), 'branches.ozd-main.returnDays.0: expected a weekday (mon, tue, wed, thu, fri, sat, sun), got "tues"'],
    ['an unknown currency', replace('currency: HUF', 'currency: Ft'), 'currency: expected EUR or HUF, got "Ft"'],
    ['a time zone that does not exist', replace('timezone: Europe/Budapest', 'timezone: Europe/Ozd'), 'timezone: expected an IANA time zone, e.g. Europe/Athens, got "Europe/Ozd"'],
    ['a phone number YAML reads as a number', replace('phone: +36 48 000 100\n\nbranches', 'phone: +3648000100\n\nbranches'), 'phone: expected a phone number in quotes, e.g. "+30 2310 000 100", got 3648000100'],
    ['a default language not offered', replace('languages: [hu, el]', 'languages: [el]'), 'defaultLanguage: expected one of the languages offered (el), got "hu"'],
    ['a holiday range backwards', replace('  - 2026-12-24\n', '  - 2026-12-31..2026-12-24\n'), 'holidays.0: expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (from before to), got "2026-12-31..2026-12-24"'],
  ])('names the file, the path and what was expected: %s', (_case, edit, problem) => {
    const { dir, file } = folder(edit);
    expect(checkLibraries(dir).problems).toEqual([`${file}: ${problem}`]);
  });

  it('reads a branch\'s own quarantine days, and leaves the others on the library\'s', () => {
    const { dir } = folder(replace('    returnDays: [tue, wed, thu, fri, sat]\n', '    returnDays: [tue, wed, thu, fri, sat]\n    quarantineDays: 2\n'));
    const libraries = loadLibraries(dir);
    expect(libraries.get('ozd')!.policy.branches['ozd-main']!.quarantineDays).toBe(2);
    expect(libraries.get('ozd')!.policy.quarantineDays).toBe(0);
    expect(libraries.get('kalamaria')!.policy.branches['kal-central']).not.toHaveProperty('quarantineDays');
  });

  it('reads the hold rules, today\'s values when left out; a value the bot cannot honour is refused with the reason', () => {
    const defaults = loadLibraries(folder((t) => t).dir).get('ozd')!.policy.holds;
    expect(defaults).toMatchObject({ countsAgainstLimit: ['holds', 'loans'], onlyAvailableNow: true, pickupAtOwningBranch: true });
    const holdsOnly = folder(replace('  maxHolds: 5\n', '  maxHolds: 5\n  countsAgainstLimit: [holds]\n'));
    expect(loadLibraries(holdsOnly.dir).get('ozd')!.policy.holds.countsAgainstLimit).toEqual(['holds']);
    const queue = folder(replace('  maxHolds: 5\n', '  maxHolds: 5\n  onlyAvailableNow: false\n  countsAgainstLimit: [fines]\n'));
    expect(checkLibraries(queue.dir).problems).toEqual([
      `${queue.file}: holds.countsAgainstLimit.0: expected holds or loans, got "fines"`,
      `${queue.file}: holds.onlyAvailableNow: expected true (holds on copies on loan, a queue, are not supported), got false`,
    ]);
  });

  it('reads a retention block; a kind kept by conversation only cannot be set per library', () => {
    const ok = folder(replace('ils:\n', 'retention:\n  callbackDays: 60\n\nils:\n'));
    expect(loadLibraries(ok.dir).get('ozd')!.policy.retention).toEqual({ callbackDays: 60 });
    const bad = folder(replace('ils:\n', 'retention:\n  callbackDays: 0\n  conversationDays: 90\n\nils:\n'));
    expect(checkLibraries(bad.dir).problems).toEqual([
      `${bad.file}: retention.callbackDays: expected a whole number of days, 1 to 3650, got 0`,
      `${bad.file}: retention.conversationDays: unknown key (a misspelling?)`,
    ]);
  });

  it('takes a misspelt key for an error, not for a setting left out', () => {
    const { dir, file } = folder(replace('  maxHolds: 5\n', '  maxHold: 5\n'));
    expect(checkLibraries(dir).problems).toEqual([
      `${file}: holds.maxHolds: expected a whole number ≥ 1, got nothing`,
      `${file}: holds.maxHold: unknown key (a misspelling?)`,
    ]);
  });

  it('says where a YAML syntax error is', () => {
    const { dir, file } = folder(replace('quarantineDays: 0', 'quarantineDays: [0'));
    const [problem, ...rest] = checkLibraries(dir).problems;
    expect(rest).toEqual([]);
    expect(problem).toBe(`${file}: line 56, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`);
  });

  it('refuses a branch id another library already has', () => {
    const { dir } = folder(replace('  ozd-main:\n', '  kal-central:\n'));
    expect(checkLibraries(dir).problems).toEqual([
      `${path.relative(process.cwd(), path.join(dir, 'ozd.yaml'))}: branches.kal-central: expected a branch id of its own, got one ${path.relative(process.cwd(), path.join(dir, 'kalamaria.yaml'))} already uses`,
    ]);
  });

  it('refuses a file name that cannot be an id in an address', () => {
    const { dir, file } = folder((t) => t, 'Ózd City.yaml');
    expect(checkLibraries(dir).problems).toEqual([`${file}: the file name is the library's id: expected small letters, digits and "-", starting with a letter`]);
  });

  it('lists every problem at once and throws them together', () => {
    const { dir, file } = folder((t) => replace('maxOutstanding: 3', 'maxOutstanding: three')(replace('quarantineDays: 0', 'quarantineDays: -1')(t)));
    let error: unknown;
    try { loadLibraries(dir); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LibraryConfigError);
    expect((error as LibraryConfigError).problems).toEqual([
      `${file}: quarantineDays: expected a whole number ≥ 0, got -1`,
      `${file}: ill.maxOutstanding: expected a whole number ≥ 1, got "three"`,
    ]);
  });

  it('expands a closure range into its days', () => {
    const { dir } = folder(replace('  - 2026-12-24\n', '  - 2026-12-20..2026-12-24\n'));
    expect(loadLibraries(dir).get('ozd')!.policy.holidays).toEqual(['2026-12-20', '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01']);
  });
});

describe('npm run check-config and a start with a wrong file', () => {
  const tsx = (script: string, dir: string, env: Record<string, string> = {}) => spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: root, env: { ...process.env, VITEST: '', DEMO_DATA: '', LOG_LEVEL: 'info', LIBRARIES_DIR: dir, DATABASE_URL: 'file:/nonexistent/never-opened.db', ...env }, encoding: 'utf8', timeout: 60_000,
  });

  it('prints one line per problem and exits with 1; a good folder exits with 0', () => {
    const { dir, file } = folder(replace('maxOutstanding: 3', 'maxOutstanding: three'));
    const bad = tsx('src/tools/check-config.ts', dir);
    expect([bad.status, bad.stderr]).toEqual([1, `${file}: ill.maxOutstanding: expected a whole number ≥ 1, got "three"\n`]);
    const good = tsx('src/tools/check-config.ts', path.join(root, 'libraries'));
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('libraries/ozd.yaml: ok');
  });

  it.each([
    ['outside production, saying first that demo data is in use', {}, true],
    ['in production, with no demo data', { NODE_ENV: 'production' }, false],
  ])('stops the server before it listens, with the same line and no stack trace: %s', (_case, env, demo) => {
    const { dir, file } = folder(replace('maxOutstanding: 3', 'maxOutstanding: three'));
    const start = tsx('src/main.ts', dir, env);
    // The log (JSON lines) and the problems (plain lines), whichever stream each goes to.
    const lines = `${start.stdout}${start.stderr}`.split('\n').filter(Boolean);
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect([start.status, lines.filter((l) => !l.startsWith('{'))]).toEqual([1, [`${file}: ill.maxOutstanding: expected a whole number ≥ 1, got "three"`]]);
    expect(logged).toEqual(demo ? ['demo data in use: demo patrons, books and demo staff accounts with known passwords (DEMO_DATA=off to start without them)'] : []);
  });
});
