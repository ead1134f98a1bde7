import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setupDatabase } from '../scripts/db-setup';
import { startNodeFlags } from '../scripts/start-flags';
import { testDatabase } from './support/postgres';

const root = path.resolve(import.meta.dirname, '..');

/**
 * `npm run build` then `node <flags> dist/main.mjs` (what `npm start` runs after db-setup):
 * the bundle must find what src/ reads beside itself (locales, library files, staff views, the
 * web chat scripts, the generated Prisma client) without tsx.
 */
describe.skipIf(testDatabase() === 'postgres')('the built start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'built-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds, starts with plain node and serves the chat page, its script and the staff login, without DEP0111', async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const url = `file:${path.join(dir, 'library.db')}`;
    await setupDatabase(url);
    const port = await new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
    // As npm start runs it: the start script's node flags (the preload among them), then the bundle.
    const flags = startNodeFlags(root);
    expect(flags).toContain('./src/lazy-recognizers.cjs');
    const child = spawn(process.execPath, [...flags, 'dist/main.mjs'], {
      cwd: root, env: { ...process.env, VITEST: '', NODE_OPTIONS: '', DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', JOBS: 'off', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 60_000);
        child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${output}`)); });
        const check = () => (output.includes('Web chat:') ? (clearTimeout(timer), resolve()) : setTimeout(check, 50));
        check();
      });
      const base = `http://127.0.0.1:${port}`;
      const page = await fetch(`${base}/chat/kalamaria`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lang="el"');
      expect((await fetch(`${base}/webchat/start.js`)).status).toBe(200);
      const login = await fetch(`${base}/staff/login`);
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('<form');
      expect(output).not.toContain('DEP0111');
    } finally {
      child.kill('SIGTERM');
    }
  }, 180_000);
});
