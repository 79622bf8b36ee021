import { TradingViewQuotesService } from '../../../src/modules/market-data/tradingview/tradingview-quotes.service';
import { FakeTradingView } from '../../fakes/tradingview/fake-tradingview-server';
import { aTradedRecorder, positionsOf, quote, sendAlert } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { eventually, startAppWithTradingView, stopAll } from './tradingview-support';

type VirtualPosition = { contract: string; netPos: number; avgPrice: string | null; lastPrice: string | null; openPnlUsd: string | null; marketData: { priceSource: string; venue: string; delayed: boolean; stale: boolean } };
type RecorderView = { priceSource: string; virtualPositions: VirtualPosition[]; virtualTrades: Array<{ side: string; exitPrice: string; pnlUsd: string }> };

/**
 * A recorder priced from TradingView marks and exits its virtual position at TradingView's quotes
 * while alert and API prices say otherwise; a paper account trading that recorder still exits only
 * on paper prices (TradingView's socket never moves a broker account).
 */
describe("a recorder priced from TradingView's quote socket", () => {
  let t: TestApp;
  let fake: FakeTradingView;
  let recorderId: string;
  let accountId: string;
  const recorder = async () => (await t.api.get(`/api/recorders/${recorderId}`).expect(200)).body as RecorderView;

  beforeEach(async () => {
    ({ t, fake } = await startAppWithTradingView());
    // stop 8 ticks (2.00) under the entry
    const setup = await aTradedRecorder(t, { symbol: 'MNQ1!', quantity: 1, stopLossTicks: 8, priceSource: 'tradingview' });
    recorderId = setup.recorder.id;
    accountId = setup.account.id;
    await t.app.get(TradingViewQuotesService).refreshSymbols();
    await eventually(async () => expect(fake.openConnections().some((c) => c.symbols.has('CME_MINI:MNQ1!'))).toBe(true));
    await sendAlert(t, setup.recorder.webhookToken, { id: 'entry', ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, accountId)).toMatchObject([{ netPos: 1, avgPrice: '21000.25' }]));
  });
  afterEach(async () => stopAll(t, fake));

  it("marks the virtual position at TradingView's price while the paper account marks at the paper price", async () => {
    fake.setPrice('CME_MINI:MNQ1!', { lp: 21010 });
    await quote(t, 'MNQ1!', '21002.00');
    // long 1 MNQ from 21000.25: at 21010.00, 39 ticks x 0.50 = 19.50 USD; at 21002.00, 7 ticks = 3.50 USD
    await eventually(async () =>
      expect((await recorder()).virtualPositions).toMatchObject([
        { contract: 'MNQZ6', netPos: 1, avgPrice: '21000.25', lastPrice: '21010.00', openPnlUsd: '19.50', marketData: { priceSource: 'tradingview', venue: 'tradingview', delayed: false, stale: false } },
      ]),
    );
    expect(await positionsOf(t, accountId)).toMatchObject([{ netPos: 1, lastPrice: '21002.00', openPnlUsd: '3.50', marketData: { venue: 'paper' } }]);
  });

  it('exits virtually at the stop on a TradingView price; the paper account holds until a paper price reaches its stop', async () => {
    await quote(t, 'MNQ1!', '21001.00');
    fake.setPrice('CME_MINI:MNQ1!', { lp: 20997.5 });
    // the virtual stop fills at its level, 20998.25: 8 ticks x 0.50 = 4.00 USD lost
    await eventually(async () => expect((await recorder()).virtualTrades).toMatchObject([{ side: 'LONG', exitPrice: '20998.25', pnlUsd: '-4.00' }]));
    expect((await recorder()).virtualPositions.filter((p) => p.netPos !== 0)).toEqual([]);
    await t.settle();
    expect(await positionsOf(t, accountId)).toMatchObject([{ netPos: 1 }]);

    await quote(t, 'MNQ1!', '20998.00');
    await eventually(async () => expect(await positionsOf(t, accountId)).toEqual([]));
  });

  it('an alert-priced recorder is not moved by TradingView quotes', async () => {
    await t.api.patch(`/api/recorders/${recorderId}`, { priceSource: 'alert' }).expect(200);
    fake.setPrice('CME_MINI:MNQ1!', { lp: 20990 });
    await t.settle();
    expect((await recorder()).virtualPositions).toMatchObject([{ netPos: 1, lastPrice: '21000.25', openPnlUsd: '0.00', marketData: { priceSource: 'alert', venue: 'paper' } }]);
    expect((await recorder()).virtualTrades).toEqual([]);
  });

  it('refuses an unknown priceSource with a message, and keeps the recorder as it was', async () => {
    const res = await t.api.patch(`/api/recorders/${recorderId}`, { priceSource: 'chart' }).expect(400);
    expect(JSON.stringify(res.body)).toContain('priceSource must be one of alert, tradingview');
    expect((await recorder()).priceSource).toBe('tradingview');
  });
});
