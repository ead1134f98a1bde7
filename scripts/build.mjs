// npm run build: src/main.ts and the TypeScript it imports as one ES module, dist/main.mjs, which
// `npm start` builds and runs and `npm run start:built` runs (plain node, no tsx at run time:
// 32–58 MB less resident memory, see docs/benchmarks.md). `--quiet`: warnings and errors only. Packages stay in node_modules (imported as they are, not bundled); locales/,
// libraries/, the staff views and the web chat scripts are read from where they are, because
// every `import.meta.url` in src/ keeps the URL of the file it is written in.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The esbuild tsx runs on (tsx's own dependency): the one the code is already compiled with.
const { build } = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');

/** `import.meta.url` in a bundled file would be dist/main.mjs: each file of src/ keeps its own. */
const ownLocation = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(path.join(root, 'src') + path.sep)) return undefined;
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

// A clean dist/: chunk names carry a hash, so an old build's would stay beside the new one.
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // The PostgreSQL client (imported only for a PostgreSQL URL) is a file of its own, loaded when needed.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Not loaded by node unless it runs with --enable-source-maps (which keeps them in memory).
  sourcemap: 'linked',
  plugins: [ownLocation],
  logLevel: process.argv.includes('--quiet') ? 'warning' : 'info',
});
