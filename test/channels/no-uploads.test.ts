import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { startApp } from '../support/http';
import { freshDb } from '../support/test-db';

let app: App;
let base: string;
beforeAll(async () => { ({ app, base } = await startApp((await freshDb()).url)); });
afterAll(async () => { await app?.close(); });

describe('noUploads', () => {
  it.each(['/api/staff/session', '/api/messages', '/staff/login', '/webchat/activities'])(
    'refuses a multipart body to %s with 415 and writes no temp file', async (path) => {
      // formidable 1.x names its temp files upload_<hex>.
      const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('upload_')).length;
      const before = uploads();
      const form = new FormData();
      form.append('username', 'staff.kalamaria');
      form.append('file', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'big.bin');
      const response = await fetch(`${base}${path}`, { method: 'POST', body: form });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ error: 'multipart bodies are not accepted' });
      expect(uploads()).toBe(before);
    });
});
