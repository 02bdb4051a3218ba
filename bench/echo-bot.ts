// The baseline of the benchmark: a bare Bot Framework echo bot, botbuilder's CloudAdapter behind
// restify and nothing else (no Graph, no store, no cards). Built to dist/bench/echo-bot.js by
// `npm run build` and started by bench/run.ts exactly as the real bot is: `node <file>` with env.
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const port = Number(process.env.PORT ?? 3979);
// No app id: the unauthenticated local mode, as the bot under test runs in the benchmark.
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
});
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
