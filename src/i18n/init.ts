import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');
export const NAMESPACES = ['common', 'holds', 'reasons'] as const;

/** Reads every locales/<lang>/<ns>.json; the set of files defines the namespaces. */
export function loadResources(dir = LOCALES_DIR): Resource {
  const resources: Resource = {};
  // Only the language folders: locales/README.md (the glossary) sits beside them.
  for (const lang of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
    resources[lang] = {};
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      resources[lang]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, lang, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** One i18next instance per process, initialised synchronously from the JSON files. */
export function i18n(): i18n {
  if (instance) return instance;
  const resources = loadResources();
  const created = i18next.createInstance();
  void created.init({
    resources,
    lng: 'el',
    fallbackLng: false,
    supportedLngs: ['el', 'hu'],
    ns: Object.keys(resources.el ?? {}),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

/** A fixed t is a closure over its language and namespaces only: dialogs ask for the same few on every turn. */
const fixed = new Map<string, TFunction>();

/**
 * What a fixed t returned for a key and plain parameters. The resources never change after the
 * start, so the same key with the same parameters gives the same text; i18next resolving,
 * pluralising and interpolating it again was 3–4% of a turn's CPU. Only strings from keys with
 * string, number or boolean parameters are kept (a Date or an object could be changed by its
 * owner, a function has no stable key); the map is dropped when full, as names and titles pass
 * through it.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX = 4096;

function cacheKey(prefix: string, key: unknown, params: unknown): string | undefined {
  if (typeof key !== 'string') return undefined;
  if (params === undefined) return `${prefix}\u0000${key}`;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return undefined;
  let out = `${prefix}\u0000${key}`;
  for (const [name, value] of Object.entries(params)) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
    out += `\u0000${name}\u0001${type[0]}${String(value)}`;
  }
  return out;
}

function remembering(prefix: string, t: TFunction): TFunction {
  const translate = t as unknown as (key: unknown, params?: unknown) => unknown;
  return ((key: unknown, params?: unknown) => {
    const k = cacheKey(prefix, key, params);
    if (k === undefined) return translate(key, params);
    const known = rendered.get(k);
    if (known !== undefined) return known;
    const text = translate(key, params);
    if (typeof text === 'string') {
      if (rendered.size >= RENDERED_MAX) rendered.clear();
      rendered.set(k, text);
    }
    return text;
  }) as unknown as TFunction;
}

export function tFor(language: string, ns: string | readonly string[] = 'common'): TFunction {
  const key = `${language}|${typeof ns === 'string' ? ns : ns.join(',')}`;
  let t = fixed.get(key);
  if (!t) {
    t = remembering(key, i18n().getFixedT(language, ns as string | string[]));
    if (fixed.size >= 256) fixed.clear(); // languages come from sessions and rows: bounded, but never trusted
    fixed.set(key, t);
  }
  return t;
}
