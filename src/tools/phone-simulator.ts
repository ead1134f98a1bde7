import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { TwilioCall, findAll, type TwimlNode } from './twilio-call';
import { defaultLibraries } from '../libraries/load-libraries';

/**
 * npm run phone -- --library kalamaria|ozd|<id of a libraries/<id>.yaml> [--from +306900000001] [--url http://127.0.0.1:3978]
 *
 * A phone call without a Twilio account. Without --url it starts the whole app in this process
 * (the same SQLite database as `npm start`) with a one-off auth token, and talks to it exactly
 * as Twilio would: signed webhooks, <Gather> actions, <Redirect>s. With --url it calls a
 * running server; set TWILIO_AUTH_TOKEN (and PUBLIC_BASE_URL if the server has one) to match it.
 *
 * Type what the caller says; `#1234` keys in digits (the # is the key that ends them), an
 * empty line is silence, `/hangup` (or Ctrl-D) ends the call.
 */
interface Args { library: string; from?: string; url?: string }

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!['--library', '--from', '--url'].includes(name ?? '')) throw new Error(`unknown argument ${name}`);
    if (value === undefined) throw new Error(`missing value for ${name}`);
    out[name!.slice(2) as keyof Args] = value;
    i++;
  }
  if (!out.library) throw new Error('usage: npm run phone -- --library ID (a libraries/ID.yaml) [--from +306900000001] [--url http://127.0.0.1:3978]');
  return out as Args;
}

async function startLocalApp(): Promise<{ url: string; token: string; close(): Promise<void> }> {
  process.env.LOG_LEVEL ??= 'error';
  const token = process.env.TWILIO_AUTH_TOKEN || randomBytes(16).toString('hex');
  process.env.TWILIO_AUTH_TOKEN = token;
  delete process.env.PUBLIC_BASE_URL;
  const { setupDatabase } = await import('../../scripts/db-setup');
  await setupDatabase();
  const { createApp } = await import('../app');
  const app = await createApp();
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, token, close: () => app.close() };
}

/** How the current <Gather> wants its answer, in the simulator's words. */
function inputHint(gather: TwimlNode): string {
  const input = gather.attrs.input ?? 'dtmf';
  if (!input.includes('speech')) return 'keys: type #digits';
  return gather.attrs.numDigits === '1' ? 'speak, or press one key as #N' : 'speak, or type #digits';
}

function show(call: TwilioCall): void {
  const response = call.response;
  if (!response) return;
  for (const say of findAll(response, 'Say')) process.stdout.write(`  \u260E  ${say.text}\n`);
  if (call.dialled) process.stdout.write(`  [put through to ${call.dialled}; if nobody answers the call continues as above]\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const local = args.url ? undefined : await startLocalApp();
  const serverUrl = args.url ?? local!.url;
  const call = new TwilioCall({
    serverUrl,
    publicBaseUrl: args.url ? process.env.PUBLIC_BASE_URL : undefined,
    library: args.library,
    authToken: local?.token ?? process.env.TWILIO_AUTH_TOKEN,
    // A demo patron's number in the library's first language, so that the demo recognises the caller.
    from: args.from ?? (defaultLibraries().get(args.library)?.info.defaultLanguage === 'hu' ? '+36300000001' : '+306900000001'),
  });
  process.stdout.write(`Calling ${args.library} (${call.callSid}). Speak by typing; #digits for keys; empty line = silence; /hangup ends.\n\n`);
  const lines = createInterface({ input: process.stdin, terminal: process.stdin.isTTY }) [Symbol.asyncIterator]();
  try {
    await call.start();
    for (;;) {
      show(call);
      const gather = call.gather;
      if (!gather || call.hungUp || call.dialled) break;
      process.stdout.write(`  (${inputHint(gather)})\n> `);
      const next = await lines.next();
      if (next.done || next.value.trim() === '/hangup') break;
      const typed = next.value.trim();
      try {
        await call.answer(typed.startsWith('#') ? { digits: typed.slice(1).replace(/#$/, '') } : { speech: typed });
      } catch (error) {
        process.stdout.write(`  [${error instanceof Error ? error.message : String(error)}]\n`);
      }
      process.stdout.write('\n');
    }
    process.stdout.write('\n[call ended]\n');
  } finally {
    await local?.close();
    process.stdin.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
