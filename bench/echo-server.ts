/**
 * The baseline: a bare botbuilder echo bot on the product's server stack (restify 11 with the
 * same body parser, CloudAdapter, anonymous auth, expectReplies), no dialogs, no state, no
 * database. Run by bench/run.ts in its own process: `node --import tsx bench/echo-server.ts`.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler().onMessage(async (context, next) => {
  await context.sendActivity(MessageFactory.text(`echo: ${context.activity.text}`));
  await next();
});
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false, rejectUnknown: true }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
const port = Number(process.env.PORT ?? 3979);
server.listen(port, '127.0.0.1', () => process.stdout.write(`echo bot listening on ${port}\n`));
