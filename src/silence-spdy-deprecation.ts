/**
 * restify 11 loads spdy → http-deceiver, which calls process.binding('http_parser') at load and
 * makes Node print DEP0111 on every start; the bot never serves SPDY, so none of that code runs
 * (restify 12 drops spdy but needs Node 22). `.npmrc` hides the warning for npm scripts; this
 * module, imported before anything loads restify, hides it for a server started with `node` or
 * `tsx` directly (a container, a service unit). Only DEP0111: every other warning still prints.
 */
const printers = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code === 'DEP0111') return;
  for (const print of printers) print(warning);
});
