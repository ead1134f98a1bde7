import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, loadResources } from '../../src/i18n/init';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  const resources = loadResources();

  it('has the same files for el and hu', () => {
    expect(readdirSync(path.join(LOCALES_DIR, 'hu')).sort()).toEqual(readdirSync(path.join(LOCALES_DIR, 'el')).sort());
    expect(Object.keys(loadResources()).sort()).toEqual(['el', 'hu']);
  });

  it('has identical key sets (plural suffixes included) in el and hu', () => {
    for (const ns of Object.keys(resources.el ?? {})) {
      expect(keys(resources.hu?.[ns]).sort(), `namespace ${ns}`).toEqual(keys(resources.el?.[ns]).sort());
    }
  });

  it('has no empty strings and Greek questions end with a Greek question mark or semicolon, never "?"', () => {
    for (const ns of Object.keys(resources.el ?? {})) {
      for (const key of keys(resources.el?.[ns])) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], resources.el?.[ns]);
        expect(typeof value === 'string' && value.trim().length > 0, `${ns}:${key}`).toBe(true);
        expect(String(value), `${ns}:${key}`).not.toMatch(/\?/);
      }
    }
  });
});
