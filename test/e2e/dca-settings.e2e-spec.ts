import { aTradedRecorder, netPosOf, ordersInSequence, quote, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const ticks = (value: number, quantity = 1) => ({ trigger: 'TICKS', value, quantity });
/** 8 ticks (2.00) and 16 ticks (4.00) under the average of a long, one contract each. */
const TWO_TICK_LEVELS = { enabled: true, levels: [ticks(8), ticks(16)] };

describe('DCA settings: rejected adds, trader overrides, validation', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function market(...prices: string[]) {
    for (const price of prices) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
  }

  async function longOneAt21000(recorderDca: object, trader: Record<string, unknown> = {}, account: Record<string, unknown> = {}) {
    const setup = await aTradedRecorder(t, { quantity: 1, dca: recorderDca }, trader, account);
    await market('21000.00');
    await sendAlert(t, setup.recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    expect(await netPosOf(t, setup.account.id)).toBe(1);
    return setup;
  }

  const adds = async (accountId: string) => (await ordersInSequence(t, accountId)).filter((o) => o.purpose === 'add').map((o) => [o.quantity, o.avgFillPrice]);
  const dcaStatus = async () => (await t.api.get('/api/status').expect(200)).body.dca;

  it('an add the risk step refuses records no order and is given up: the next level still fires at its own price', async () => {
    const { account } = await longOneAt21000(TWO_TICK_LEVELS, {}, { maxPosition: 1 });
    await market('20998.00');
    expect(await netPosOf(t, account.id)).toBe(1);
    expect(await adds(account.id)).toEqual([]);
    expect((await dcaStatus()).accounts).toEqual({ triggered: 1, added: 0, skipped: 1, rejected: 1 });

    await t.api.patch(`/api/accounts/${account.id}`, { maxPosition: 5 }).expect(200);
    await market('20998.00'); // level 1 is not retried
    expect(await adds(account.id)).toEqual([]);
    await market('20996.00'); // level 2: 21000.00 - 16 ticks
    expect(await adds(account.id)).toEqual([[1, '20996']]);
  });

  it('with retryRejected a refused add fires again on a later price, under a new order key', async () => {
    const { account } = await longOneAt21000({ ...TWO_TICK_LEVELS, retryRejected: true }, {}, { maxPosition: 1 });
    await market('20998.00');
    expect(await adds(account.id)).toEqual([]);
    await t.api.patch(`/api/accounts/${account.id}`, { maxPosition: 5 }).expect(200);
    await market('20998.00');
    expect(await adds(account.id)).toEqual([[1, '20998']]);
    expect((await dcaStatus()).accounts).toEqual({ triggered: 2, added: 1, skipped: 0, rejected: 1 });
  });

  it("a trader's own dca block replaces the recorder's on its account; the recorder's virtual book keeps the recorder's ladder", async () => {
    const { account, recorder, trader } = await longOneAt21000(TWO_TICK_LEVELS, { dca: { enabled: true, levels: [ticks(4, 2)], maxQuantity: 2 } });
    expect((await t.api.get(`/api/traders/${trader.id}`).expect(200)).body.dca).toEqual({ enabled: true, levels: [{ trigger: 'TICKS', value: '4', quantity: 2 }], maxAdds: null, capMode: 'skip', maxQuantity: 2, retryRejected: false });
    // the trader's level: 4 ticks under 21000.00 = 20999.00; its 2 contracts would pass its cap of 2: skipped
    await market('20999.00');
    expect(await adds(account.id)).toEqual([]);
    await market('20998.00'); // the recorder's level 1 moves the virtual book only
    expect(await adds(account.id)).toEqual([]);
    const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions;
    expect(virtual).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '20999.00' })]);
    expect(await dcaStatus()).toMatchObject({ accounts: { triggered: 1, skipped: 1, added: 0 }, recorders: { triggered: 1, added: 1 } });
  });

  it('dcaEnabled stays a switch for same-side adds and mirrors dca.enabled', async () => {
    const created = (await t.api.post('/api/recorders', { name: 'legacy', symbol: 'MNQ1!', quantity: 1, dcaEnabled: true }).expect(201)).body;
    expect(created).toMatchObject({ dcaEnabled: true, dca: { enabled: true, levels: [] } });
    const patched = (await t.api.patch(`/api/recorders/${created.id}`, { dca: { enabled: false, levels: [ticks(8)] } }).expect(200)).body;
    expect(patched).toMatchObject({ dcaEnabled: false, dca: { enabled: false, levels: [{ trigger: 'TICKS', value: '8', quantity: 1 }] } });
    const toggled = (await t.api.patch(`/api/recorders/${created.id}`, { dcaEnabled: true }).expect(200)).body;
    expect(toggled).toMatchObject({ dcaEnabled: true, dca: { enabled: true, levels: [{ trigger: 'TICKS', value: '8', quantity: 1 }] } });
    const clash = await t.api.patch(`/api/recorders/${created.id}`, { dcaEnabled: false, dca: { enabled: true } }).expect(400);
    expect(JSON.stringify(clash.body)).toMatch(/dcaEnabled and dca.enabled disagree/);
  });

  it('a bad ladder is refused with what is wrong, and nothing is saved', async () => {
    const res = await t.api
      .post('/api/recorders', {
        name: 'bad ladder',
        symbol: 'MNQ1!',
        quantity: 1,
        dca: {
          enabled: 'yes',
          levels: [{ trigger: 'FOO', value: 1, quantity: 1 }, { trigger: 'TICKS', value: 1.5, quantity: 1 }, { trigger: 'ATR', value: 2, quantity: 0 }, { trigger: 'ATR', value: 1, atrPeriod: 14, atrTimeframeSec: 45, quantity: 1 }],
          capMode: 'all',
          maxQuantity: 0,
        },
      })
      .expect(400);
    const messages: string[] = res.body.message;
    expect(messages).toEqual(
      expect.arrayContaining([
        'dca.enabled must be true or false (same-side alerts add, and the ladder runs)',
        'dca.levels.0.trigger must be "TICKS", "PERCENT" or "ATR"',
        'dca.levels.1.value must be a whole number of ticks above 0 (TICKS)',
        'dca.levels.2.atrPeriod must be a whole number of bars from 1 to 200 (required for ATR levels)',
        expect.stringMatching(/^dca\.levels\.2\.atrTimeframeSec must be one of 15, 30, 60/),
        'dca.levels.2.quantity must be a whole number of contracts from 1 to 1000',
        expect.stringMatching(/^dca\.levels\.3\.atrTimeframeSec must be one of/),
        expect.stringMatching(/^dca\.capMode must be "partial"/),
        expect.stringMatching(/^dca\.maxQuantity must be a whole number/),
      ]),
    );
    expect((await t.api.get('/api/recorders').expect(200)).body.find((r: { name: string }) => r.name === 'bad ladder')).toBeUndefined();
  });
});
