import { createApp } from './app';

const app = await createApp();
// Every instance starts the runner; the database makes each job run once (src/jobs/job-runner.ts).
if (process.env.JOBS !== 'off') app.jobs.start();
const port = Number(process.env.PORT ?? 3978);
const host = process.env.HOST ?? '127.0.0.1';
app.server.listen(port, host, () => {
  app.log.info({ url: `http://${host}:${port}/` }, 'library booking bot listening');
  process.stdout.write(`\nWeb chat:  http://${host}:${port}/chat/kalamaria   http://${host}:${port}/chat/ozd\n`);
});

const shutdown = async () => {
  app.server.close();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
