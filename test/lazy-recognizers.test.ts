import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const PRELOAD = './src/lazy-recognizers.cjs';

/** A script run in a fresh node process, with the preload or without it; its last line of output, parsed. */
function run(script: string, preload = true): Record<string, unknown> {
  const result = spawnSync(process.execPath, [...(preload ? ['--require', PRELOAD] : []), '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

// Which of the four recognizer packages are still stand-ins (not loaded) in the process.
const STATE = `
  const { types } = require('node:util');
  const fromDialogs = require('node:module').createRequire(require.resolve('botbuilder-dialogs'));
  const names = ['suite', 'number', 'choice', 'date-time'];
  const standIns = () => names.filter((n) => { const m = require.cache[fromDialogs.resolve('@microsoft/recognizers-text-' + n)]; return m && types.isProxy(m.exports); });
`;

describe('the recognizers botbuilder-dialogs loads, made lazy by the start preload', () => {
  it('are not loaded when botbuilder-dialogs is', () => {
    const out = run(`${STATE} const d = require('botbuilder-dialogs'); console.log(JSON.stringify({ standIns: standIns(), dialogs: typeof d.ComponentDialog }));`);
    expect(out).toEqual({ standIns: ['suite', 'number', 'choice', 'date-time'], dialogs: 'function' });
  });

  it('load the real package the first time something uses one, with the same answers as without the preload', () => {
    const script = `${STATE}
      const d = require('botbuilder-dialogs');
      const choice = d.recognizeChoices('the second one', ['piros', 'kék']).map((r) => r.resolution.value);
      const cultures = d.PromptCultureModels.getSupportedCultures().map((c) => c.locale);
      const suite = require(fromDialogs.resolve('@microsoft/recognizers-text-suite'));
      const number = suite.recognizeNumber('twenty one', suite.Culture.English).map((r) => r.resolution.value);
      console.log(JSON.stringify({ choice, cultures, number, left: standIns() }));`;
    const lazy = run(script);
    const eager = run(script, false);
    expect(lazy.choice).toEqual(['kék']);
    expect(lazy.number).toEqual(['21']);
    expect({ ...lazy, left: undefined }).toEqual({ ...eager, left: undefined });
    // Only the two that were used were loaded.
    expect(lazy.left).toEqual(['choice', 'date-time']);
  });

  it('is what every server start of package.json preloads', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'start:built', 'dev']) expect(scripts[name], name).toContain(`--require ${PRELOAD}`);
  });
});
