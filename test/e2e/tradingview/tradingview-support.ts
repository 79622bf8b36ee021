import { EventBus } from '../../../src/core/bus/event-bus';
import { QuoteReceived } from '../../../src/core/bus/events';
import { FakeTradingView, FakeTradingViewOptions, startFakeTradingView } from '../../fakes/tradingview/fake-tradingview-server';
import { startTestApp, TestApp } from '../../support/test-app';

export { eventually } from '../tradovate/tradovate-support';

/** The app with TradingView quotes on, pointed at a fresh fake; signed in unless `sessionId: null`. */
export async function startAppWithTradingView(options: { sessionId?: string | null; fake?: FakeTradingViewOptions } = {}) {
  const fake = await startFakeTradingView(options.fake);
  const sessionId = options.sessionId === undefined ? 'fake-session-0123456789' : options.sessionId;
  const t = await startTestApp({
    env: { JT_TV_QUOTES: 'on', JT_TV_WS_URL: fake.wsUrl, JT_TV_CHART_URL: fake.chartUrl, ...(sessionId ? { JT_TV_SESSION_ID: sessionId } : {}) },
  });
  return { t, fake, tvQuotes: recordTradingViewQuotes(t) };
}

/** Every QuoteReceived from TradingView's socket, in order. */
export function recordTradingViewQuotes(t: TestApp): QuoteReceived[] {
  const seen: QuoteReceived[] = [];
  t.app.get(EventBus).on('QuoteReceived', `test-tv-quotes-${Math.random()}`, (q) => {
    if (q.source === 'tradingview') seen.push(q);
  });
  return seen;
}

export async function stopAll(t: TestApp, fake: FakeTradingView): Promise<void> {
  await t.close();
  await fake.close();
}
