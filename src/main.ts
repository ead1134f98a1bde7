// First: before restify is loaded (see the module).
import './silence-spdy-deprecation';
import { createApp } from './app';
import { demoDataFromEnv } from './libraries/demo-data';
import { LibraryConfigError } from './libraries/load-libraries';
import { createLogger } from './logging';

let app: Awaited<ReturnType<typeof createApp>>;
try {
  const demoData = demoDataFromEnv();
  // Said first, before anything else is logged: a newcomer sees it, a production operator cannot miss it.
  if (demoData) createLogger().warn({ demoData: 'on' }, 'demo data in use: demo patrons, books and demo staff accounts with known passwords (DEMO_DATA=off to start without them)');
  app = await createApp();
} catch (error) {
  // A wrong library file or setting: its problems, one per line, not a stack trace.
  if (!(error instanceof LibraryConfigError)) throw error;
  process.stderr.write(`${error.problems.join('\n')}\n`);
  process.exit(1);
}
// Every instance starts the runner; the database makes each job run once (src/jobs/job-runner.ts).
if (process.env.JOBS !== 'off') app.jobs.start();
const port = Number(process.env.PORT ?? 3978);
const host = process.env.HOST ?? '127.0.0.1';
app.server.listen(port, host, () => {
  app.log.info({ url: `http://${host}:${port}/` }, 'library booking bot listening');
  process.stdout.write(`\nWeb chat:  ${app.libraries.map((id) => `http://${host}:${port}/chat/${id}`).join('   ')}\n`);
});

const shutdown = async () => {
  app.server.close();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
