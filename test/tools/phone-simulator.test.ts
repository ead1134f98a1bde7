import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupDatabase } from '../../scripts/db-setup';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { testDatabase } from '../support/postgres';

const root = path.resolve(import.meta.dirname, '..', '..');

/** `npm run <script>` as a newcomer types it, with what they would type on standard input. */
function npmRun(args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', ...args], { cwd: root, env: { ...process.env, VITEST: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}

// The embedded default is the newcomer's case; PostgreSQL never ran `migrate deploy` from the simulator.
describe.skipIf(testDatabase() === 'postgres')('npm run phone beside a running npm start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'phone-beside-'));
  const url = `file:${path.join(dir, 'library.db')}`;
  let server: ServerProcess;

  beforeAll(async () => {
    await setupDatabase(url);
    server = await startServerProcess({ DATABASE_URL: url });
  }, 120_000);
  afterAll(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('answers the call on the database the server holds, without a deprecation warning', async () => {
    const { code, output } = await npmRun(['phone', '--', '--library', 'kalamaria'], '/hangup\n', { DATABASE_URL: url });
    expect(output).not.toMatch(/migrate deploy failed|WASM_ERROR/);
    expect(output).toContain('\u260E'); // the greeting was spoken
    expect(output).not.toContain('DEP0111');
    expect(code).toBe(0);
  }, 120_000);

  it('starts without DEP0111 when run by node directly, without npm\'s node-options (a container, a service unit)', async () => {
    const direct = await startServerProcess({ DATABASE_URL: url, NODE_OPTIONS: '', JOBS: 'off' });
    try {
      expect(direct.output()).toContain('Web chat:');
      expect(direct.output()).not.toContain('DEP0111');
    } finally {
      await direct.stop();
    }
  }, 120_000);
});
