import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { defaultErrorMap, type ZodErrorMap, type ZodIssue } from 'zod';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import { policyLookup, type PolicyLookup } from '../domain/policy/policies';
import type { Language, LibraryInfo } from '../domain/types';
import { expandHolidays, LIBRARY_ID, libraryFileSchema, type LibraryFile } from './library-file';
import type { IlsConfig } from '../ils/ils-config';

/** One library as its file describes it: what patrons are told, and the rules' parameters. */
export interface LibraryConfig {
  id: string;
  /** The file it came from, as the messages name it. */
  file: string;
  info: LibraryInfo;
  policy: LibraryPolicy;
  /** Per branch id, its code in the library system. */
  ilsCodes: Readonly<Record<string, string>>;
  /** The library system's settings, checked by the adapter that reads them (issue 20). */
  ils: IlsConfig;
  catalogue?: LibraryFile['catalogue'];
}

export type Libraries = ReadonlyMap<string, LibraryConfig>;

/** A library file is wrong: one line per problem, each naming the file and the path inside it. */
export class LibraryConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'LibraryConfigError';
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder of library files: LIBRARIES_DIR, or libraries/ in the project. */
export function librariesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LIBRARIES_DIR ? path.resolve(env.LIBRARIES_DIR) : path.join(ROOT, 'libraries');
}

/** Every libraries/<id>.yaml, checked; throws LibraryConfigError listing every problem found. */
export function loadLibraries(dir: string = librariesDir()): Libraries {
  const { libraries, problems } = checkLibraries(dir);
  if (problems.length > 0) throw new LibraryConfigError(problems);
  return libraries;
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;

/** As loadLibraries, but returns the problems instead of throwing (npm run check-config). */
export function checkLibraries(dir: string): { libraries: Libraries; problems: string[] } {
  const libraries = new Map<string, LibraryConfig>();
  const problems: string[] = [];
  if (!existsSync(dir)) return { libraries, problems: [`${shown(dir)}: folder not found`] };
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) return { libraries, problems: [`${shown(dir)}: no library files (<id>.yaml)`] };
  const branchOwner = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const id = name.slice(0, -'.yaml'.length);
    const where = shown(file);
    if (!LIBRARY_ID.test(id)) {
      problems.push(`${where}: the file name is the library's id: expected small letters, digits and "-", starting with a letter`);
      continue;
    }
    const result = readLibraryFile(file, id);
    if ('problems' in result) { problems.push(...result.problems.map((p) => `${where}: ${p}`)); continue; }
    for (const branchId of Object.keys(result.policy.branches)) {
      const owner = branchOwner.get(branchId);
      if (owner) problems.push(`${where}: branches.${branchId}: expected a branch id of its own, got one ${owner} already uses`);
      else branchOwner.set(branchId, where);
    }
    libraries.set(id, { ...result, file: where });
  }
  return { libraries, problems };
}

function readLibraryFile(file: string, id: string): Omit<LibraryConfig, 'file'> | { problems: string[] } {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The message's first line says what, then "at line L, column C:" and a quoted excerpt.
    return { problems: doc.errors.map((e) => {
      const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ${what}` : what;
    }) };
  }
  const input: unknown = doc.toJS();
  const parsed = libraryFileSchema.safeParse(input ?? {}, { errorMap: plainWords });
  if (!parsed.success) return { problems: parsed.error.issues.flatMap((issue) => describe(issue, input)) };
  return fromFile(id, parsed.data);
}

function fromFile(id: string, file: LibraryFile): Omit<LibraryConfig, 'file'> {
  const { names, languages, defaultLanguage, phone, transferNumber, webAddress, branches, holidays, ils, catalogue, ...rules } = file;
  const policy: LibraryPolicy = {
    ...rules,
    libraryId: id,
    holidays: expandHolidays(holidays),
    branches: Object.fromEntries(Object.entries(branches).map(([b, { openingHours, returnDays, quarantineDays }]) =>
      [b, { openingHours, returnDays, ...(quarantineDays === undefined ? {} : { quarantineDays }) }])),
  };
  const info: LibraryInfo = {
    id, name: names[defaultLanguage]!.name, names, languages, defaultLanguage: defaultLanguage as Language,
    phone, transferNumber, webAddress, timezone: file.timezone, currency: file.currency,
    branches: Object.entries(branches).map(([b, { name, address, phone: branchPhone }]) => ({ id: b, name, address, phone: branchPhone })),
  };
  const ilsCodes = Object.fromEntries(Object.entries(branches).map(([b, { ilsCode }]) => [b, ilsCode ?? b]));
  return { id, info, policy, ilsCodes, ils, ...(catalogue ? { catalogue } : {}) };
}

// Zod's own wording ("Expected object, received string") is for programmers; a librarian
// writing YAML reads "mapping" and "list".
const KIND: Record<string, string> = {
  object: 'a mapping (key: value lines)', array: 'a list', string: 'a text', number: 'a number', boolean: 'true or false',
};
const plainWords: ZodErrorMap = (issue, ctx) => {
  // A parse-time map has the last word over the schema's own messages: keep those.
  if (ctx.defaultError !== defaultErrorMap(issue, { defaultError: '', data: ctx.data }).message) return { message: ctx.defaultError };
  if (issue.code === 'invalid_type') return { message: `expected ${KIND[issue.expected] ?? issue.expected}` };
  if (issue.code === 'too_small' && issue.type === 'array') return { message: `expected at least ${String(issue.minimum)} item(s)` };
  if (issue.code === 'invalid_enum_value') return { message: `expected one of ${issue.options.join(', ')}` };
  return { message: ctx.defaultError };
};

function valueAt(input: unknown, keys: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function got(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** "ill.maxOutstanding: expected a whole number ≥ 1, got \"three\"" */
function describe(issue: ZodIssue, input: unknown): string[] {
  const where = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: unknown key (a misspelling?)`);
  }
  return [`${where || '(the file)'}: ${issue.message}, got ${got(valueAt(input, issue.path))}`];
}

let projectLibraries: Libraries | undefined;

/**
 * The libraries of librariesDir(), read once per process: the default of the assemblies when
 * the caller (a test, a tool) does not pass its own; src/app.ts reads them itself at start-up.
 */
export function defaultLibraries(): Libraries {
  projectLibraries ??= loadLibraries();
  return projectLibraries;
}

/** The library a conversation without one opens: DEFAULT_LIBRARY, else the first file's. */
export function defaultLibraryId(libraries: Libraries, env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.DEFAULT_LIBRARY;
  if (wanted && !libraries.has(wanted)) {
    throw new LibraryConfigError([`DEFAULT_LIBRARY: expected one of ${[...libraries.keys()].join(', ')}, got "${wanted}"`]);
  }
  return wanted || [...libraries.keys()][0]!;
}

/** The rules of each library, for the use cases. */
export function policiesOf(libraries: Libraries): PolicyLookup {
  return policyLookup([...libraries.values()].map((l) => l.policy));
}
