/**
 * The yardstick of `npm run bench:turns`: the least a bot can do on the product's stack (botbuilder 4.23
 * CloudAdapter + restify 11, the same packages and versions), answering the shapes the product answers.
 * Every message gets one small Adaptive Card through context.sendActivity (a POST to the activity's
 * serviceUrl); every `adaptiveCard/action` invoke gets an invoke response whose body is an Adaptive Card.
 * No storage, no state, no authentication (empty app id).
 *
 * Run by bench/turns.ts as its own process (`node --import tsx bench/echo-bot.ts`) so that its CPU is its
 * own; PORT picks the port (0 = any), and the bound port is sent to the parent over IPC (or printed).
 */
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

function card(title: string, detail: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: detail, wrap: true, isSubtle: true },
    ],
    actions: [{ type: 'Action.Execute', title: 'Again', verb: 'echo.again', data: { v: 1 } }],
  };
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').trim().slice(0, 200);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card('Echo', text || '(empty)'))] });
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(
    _context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: card('Echo', `verb ${value.action.verb}`),
    });
  }
}

const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot: turn failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await context.sendActivity('The echo bot failed.');
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'bench-echo-bot' });
const bodyParser = restify.plugins.bodyParser({ mapParams: false });
server.post('/api/messages', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
  res.send(200, { status: 'ok' });
  next();
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ ready: port });
  else process.stdout.write(`echo bot listening on http://127.0.0.1:${port}/api/messages\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('disconnect', stop);
