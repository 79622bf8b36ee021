/**
 * The fake TradingView quote socket, by hand: `npm run fake:tradingview`,
 * then start the app with the printed environment. Prices walk one tick a second.
 * FAKE_TRADINGVIEW_PORT picks the port (default 8098).
 */
import { startFakeTradingView } from './fake-tradingview-server';

const START: Record<string, { price: number; tick: number }> = {
  'CME_MINI:MNQ1!': { price: 21000, tick: 0.25 },
  'CME_MINI:NQ1!': { price: 21000, tick: 0.25 },
  'CME_MINI:MES1!': { price: 6000, tick: 0.25 },
  'CME_MINI:ES1!': { price: 6000, tick: 0.25 },
};

async function main(): Promise<void> {
  const fake = await startFakeTradingView({ port: Number(process.env.FAKE_TRADINGVIEW_PORT ?? 8098) });
  const books = Object.entries(START).map(([symbol, { price, tick }]) => ({ symbol, ticks: Math.round(price / tick), tick }));
  const publish = () => {
    for (const b of books) b.ticks += Math.floor(Math.random() * 3) - 1;
    fake.pushPrices(books.map((b) => [b.symbol, { lp: b.ticks * b.tick, bid: b.ticks * b.tick, ask: (b.ticks + 1) * b.tick }]));
  };
  publish();
  const timer = setInterval(publish, 1000);
  console.log(
    [
      `Fake TradingView listening on 127.0.0.1:${fake.port}`,
      '',
      'Environment for the app:',
      '  JT_TV_QUOTES=on',
      `  JT_TV_WS_URL=${fake.wsUrl}`,
      `  JT_TV_CHART_URL=${fake.chartUrl}`,
      '  JT_TV_SESSION_ID=fake-session-0123456789   (leave it out for the anonymous, delayed feed)',
      '',
      `Quoted: ${books.map((b) => b.symbol).join(', ')}`,
      'Ctrl-C to stop.',
    ].join('\n'),
  );
  const stop = async () => {
    clearInterval(timer);
    await fake.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
