/**
 * The fake Tradovate, by hand: `npm run fake:tradovate`, then point the app at the printed URLs
 * and log in with the printed credentials. Front-month quotes drift one tick at a time so market
 * orders fill and resting orders eventually do. FAKE_TRADOVATE_PORT picks the port (default 8099).
 */
import { DEFAULT_OAUTH_CLIENT, DEFAULT_USERS } from './fake-seed';
import { startFakeTradovate } from './fake-tradovate-server';

const START_PRICES: Record<string, { price: number; tick: number }> = {
  NQ: { price: 21000, tick: 0.25 },
  MNQ: { price: 21000, tick: 0.25 },
  ES: { price: 6000, tick: 0.25 },
  MES: { price: 6000, tick: 0.25 },
  CL: { price: 70, tick: 0.01 },
  GC: { price: 2650, tick: 0.1 },
};

async function main(): Promise<void> {
  const port = Number(process.env.FAKE_TRADOVATE_PORT ?? 8099);
  const fake = await startFakeTradovate({ port });
  const books = Object.entries(START_PRICES).map(([product, { price, tick }]) => ({ name: fake.frontContract(product), ticks: Math.round(price / tick), tick }));
  const publish = () => {
    for (const b of books) {
      b.ticks += Math.floor(Math.random() * 3) - 1;
      const bid = round(b.ticks * b.tick);
      fake.setQuote(b.name, { bid, ask: round(bid + b.tick), last: Math.random() < 0.5 ? bid : round(bid + b.tick) });
    }
  };
  publish();
  const timer = setInterval(publish, 1000);

  const user = DEFAULT_USERS[0];
  const lines = [
    `Fake Tradovate listening on 127.0.0.1:${fake.port}`,
    '',
    'Environment for the app:',
    `  TRADOVATE_DEMO_URL=${fake.restBase}`,
    `  TRADOVATE_LIVE_URL=${fake.liveRestBase}`,
    `  TRADOVATE_MD_URL=${fake.mdWsUrl}`,
    `  TRADOVATE_OAUTH_URL=${fake.oauthAuthorizeUrl}`,
    '',
    `Trading sockets: ${fake.tradingWsUrl} (demo), ${fake.liveTradingWsUrl} (live)`,
    '',
    'Login (demo and live):',
    `  username=${user.name} password=${user.password} cid=${user.cid} sec=${user.sec} appId=${user.appId}`,
    `  demo accounts: ${(user.demoAccounts ?? []).map((a) => a.name).join(', ')}; live: ${(user.liveAccounts ?? []).map((a) => a.name).join(', ')}`,
    `Demo-only login: username=${DEFAULT_USERS[1].name} password=${DEFAULT_USERS[1].password} (same cid/sec)`,
    `OAuth client: client_id=${DEFAULT_OAUTH_CLIENT.clientId} client_secret=${DEFAULT_OAUTH_CLIENT.clientSecret}`,
    '',
    `Quoted front months: ${books.map((b) => b.name).join(', ')}`,
    'Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  const stop = async () => {
    clearInterval(timer);
    await fake.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function round(price: number): number {
  return Math.round(price * 1e8) / 1e8;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
