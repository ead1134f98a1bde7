'use strict';
/**
 * Preloaded by the server's start (`node --require ./src/lazy-recognizers.cjs`, package.json).
 *
 * botbuilder-dialogs loads four packages of Microsoft Recognizers Text when it loads (for its
 * number, confirm, date-time and choice prompts): about 38 MB of resident memory, a fifth of the
 * server's, for code this bot never calls (its prompts read answers with src/nlu). Each of the
 * four is put into Node's module cache as a stand-in that loads the real package the first time
 * anything is read from it, so whatever does use one still gets it, only later. The one value
 * botbuilder-dialogs reads while loading, the suite's culture names, comes from the small
 * @microsoft/recognizers-text package the suite takes them from.
 */
const Module = require('node:module');
const path = require('node:path');

const PACKAGES = [
  '@microsoft/recognizers-text-suite',
  '@microsoft/recognizers-text-number',
  '@microsoft/recognizers-text-choice',
  '@microsoft/recognizers-text-date-time',
];

function standIn(file, early) {
  let real;
  const load = () => {
    if (!real) {
      delete require.cache[file];
      real = Module.createRequire(file)(file);
    }
    return real;
  };
  const exports = new Proxy({}, {
    // TypeScript's __importStar passes an ES module's exports through as they are.
    get: (_, key) => (key === '__esModule' ? true : !real && Object.hasOwn(early, key) ? early[key] : Reflect.get(load(), key)),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  module.exports = exports;
  module.loaded = true;
  return module;
}

let fromDialogs;
try {
  fromDialogs = Module.createRequire(require.resolve('botbuilder-dialogs'));
} catch {
  fromDialogs = undefined;
}
for (const name of fromDialogs ? PACKAGES : []) {
  const file = fromDialogs.resolve(name);
  if (require.cache[file]) continue;
  const early = name.endsWith('-suite') ? { Culture: Module.createRequire(file)('@microsoft/recognizers-text').Culture } : {};
  require.cache[file] = standIn(file, early);
}
