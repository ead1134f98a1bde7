import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The node flags `npm start` runs the bundle with (package.json's start script, its last
 * command: `node <flags> dist/main.mjs`), so the bench and the built-start test start the
 * server as the product's own start does.
 */
export function startNodeFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts.start!.split('&&').at(-1)!.trim().split(/\s+/).filter((word) => word !== 'node' && word !== 'dist/main.mjs');
}
