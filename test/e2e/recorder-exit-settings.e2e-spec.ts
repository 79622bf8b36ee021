import { aRecorder, aTradedRecorder, positionsOf, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** G-53: a new setting goes through schema, DTO, API and the dashboard, and comes back the same. */
describe('recorder exit settings: take-profit ladder, trailing stop, break-even', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const EXITS = {
    takeProfitLevels: [{ ticks: 10, quantity: 2 }, { ticks: 20, quantity: 1 }, { ticks: 30 }],
    stopLossTicks: 12,
    trailTriggerTicks: 4,
    trailDistanceTicks: 8,
    breakEvenTicks: 10,
    breakEvenOffsetTicks: 1,
  };

  async function expect400(res: Promise<{ status: number; body: { message: unknown } }>, ...problems: RegExp[]) {
    const { status, body } = await res;
    expect(status).toBe(400);
    const messages = ([] as string[]).concat(body.message as string | string[]);
    for (const problem of problems) expect(messages).toContainEqual(expect.stringMatching(problem));
  }

  it('round trip: POST, GET, PATCH (and clearing with null) give back exactly what was set; the dashboard shows it compactly', async () => {
    const created = await aRecorder(t, { name: 'Ladder', ...EXITS });
    expect(created).toMatchObject({ ...EXITS, takeProfitTicks: null });
    expect((await t.api.get(`/api/recorders/${created.id}`).expect(200)).body).toMatchObject(EXITS);
    expect((await t.api.get('/api/recorders').expect(200)).body.find((r: { id: string }) => r.id === created.id)).toMatchObject(EXITS);

    const page = (await t.api.get('/').expect(200)).text;
    expect(page).toContain('TP 10×2 / 20×1 / 30 rest · SL 12 · trail 8 after 4 · BE 10 +1');

    const patched = (await t.api.patch(`/api/recorders/${created.id}`, { takeProfitLevels: null, takeProfitTicks: 40, trailTriggerTicks: 0, breakEvenOffsetTicks: null }).expect(200)).body;
    expect(patched).toMatchObject({ takeProfitLevels: null, takeProfitTicks: 40, trailTriggerTicks: 0, trailDistanceTicks: 8, breakEvenTicks: 10, breakEvenOffsetTicks: null });
    expect((await t.api.get(`/api/recorders/${created.id}`).expect(200)).body).toMatchObject({ takeProfitLevels: null, takeProfitTicks: 40, trailTriggerTicks: 0 });
    expect((await t.api.get('/').expect(200)).text).toContain('TP 40 · SL 12 · trail 8 · BE 10');
  });

  it('bad values are 400 with one clear message each, and change nothing', async () => {
    await expect400(
      t.api.post('/api/recorders', { name: 'Bad exits', symbol: 'MNQ1!', quantity: 1, trailTriggerTicks: -1, trailDistanceTicks: 0, breakEvenTicks: 2.5, breakEvenOffsetTicks: 'one' }),
      /trailTriggerTicks must be a whole number of ticks between 0 and 100000/,
      /trailDistanceTicks must be a whole number of ticks between 1 and 100000/,
      /breakEvenTicks must be a whole number of ticks/,
      /breakEvenOffsetTicks must be a whole number of ticks/,
    );
    const level = (takeProfitLevels: unknown, problem: RegExp) => expect400(t.api.post('/api/recorders', { name: 'Bad ladder', symbol: 'MNQ1!', quantity: 1, takeProfitLevels }), problem);
    await level([], /takeProfitLevels must be a list of 1 to 3 levels/);
    await level([{ ticks: 1, quantity: 1 }, { ticks: 2, quantity: 1 }, { ticks: 3, quantity: 1 }, { ticks: 4 }], /takeProfitLevels must be a list of 1 to 3 levels/);
    await level([{ ticks: 20, quantity: 1 }, { ticks: 10 }], /takeProfitLevels\[1\]\.ticks must be further than the level before it/);
    await level([{ ticks: 10 }, { ticks: 20 }], /takeProfitLevels\[0\]\.quantity must be a whole number of contracts/);
    await level([{ ticks: 10, quantity: 1 }, { ticks: 20, quantity: 3 }], /takeProfitLevels\[1\]\.quantity: the last level takes whatever is left/);
    await level([{ ticks: 0 }], /takeProfitLevels\[0\]\.ticks must be a whole number of ticks between 1 and 100000/);
    await level([{ ticks: 10, trim: 50 }], /takeProfitLevels\[0\] has unknown field\(s\) trim/);
    await level('10,20', /takeProfitLevels must be a list/);
    await expect400(
      t.api.post('/api/recorders', { name: 'Both', symbol: 'MNQ1!', quantity: 1, takeProfitTicks: 10, takeProfitLevels: [{ ticks: 10 }] }),
      /takeProfitTicks and takeProfitLevels cannot both be set/,
    );
    await expect400(t.api.post('/api/recorders', { name: 'Trigger only', symbol: 'MNQ1!', quantity: 1, trailTriggerTicks: 4 }), /trailTriggerTicks needs trailDistanceTicks/);
    await expect400(t.api.post('/api/recorders', { name: 'Offset past', symbol: 'MNQ1!', quantity: 1, breakEvenTicks: 4, breakEvenOffsetTicks: 4 }), /breakEvenOffsetTicks \(4\) must be less than breakEvenTicks \(4\)/);
    expect((await t.api.get('/api/recorders').expect(200)).body.map((r: { name: string }) => r.name)).not.toContain('Bad exits');

    const recorder = await aRecorder(t, { takeProfitTicks: 10 });
    await expect400(t.api.patch(`/api/recorders/${recorder.id}`, { takeProfitLevels: [{ ticks: 10 }] }), /cannot both be set/);
    expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body).toMatchObject({ takeProfitTicks: 10, takeProfitLevels: null });
  });

  it("an entry's position carries its plan: the trader's legs scaled by the multiplier, shown on /api/positions", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, ...EXITS }, { multiplier: '3' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([
      expect.objectContaining({
        netPos: 3,
        exitPlan: {
          takeProfits: [{ ticks: 10, quantity: 6 }, { ticks: 20, quantity: 3 }, { ticks: 30, quantity: null }],
          stopLossTicks: 12,
          trail: { triggerTicks: 4, distanceTicks: 8 },
          breakEven: { triggerTicks: 10, offsetTicks: 1 },
        },
      }),
    ]);
  });
});
