import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Where the browser tests put their screenshots. The ones in docs/ are the README's: a normal
 * run must not rewrite tracked files (every run would leave the checkout dirty with pixel noise),
 * so they are replaced only on purpose, with `UPDATE_SCREENSHOTS=1 npx vitest run test/…browser…`.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs') : path.join(root, 'data', 'test', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
