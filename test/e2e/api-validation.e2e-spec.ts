import { anAccount, aRecorder, aTrader } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The settings API refuses bad input at the edge: 400 listing every problem, unknown fields
 * rejected (so a typo never silently falls back to a default), nothing created or changed.
 */
describe('API validation', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const listOf = async (path: string) => (await t.api.get(path).expect(200)).body as Array<Record<string, unknown>>;
  /** what exists, by id and last change (the webhook URL's host differs per request) */
  const rowsOf = async (path: string) => (await listOf(path)).map((row) => `${row.id} ${row.updatedAt}`);
  /** 400 whose message lists every expected problem */
  async function expect400(res: Promise<{ status: number; body: { message: unknown } }>, ...problems: RegExp[]) {
    const { status, body } = await res;
    expect(status).toBe(400);
    const messages = ([] as string[]).concat(body.message as string | string[]);
    for (const problem of problems) expect(messages).toContainEqual(expect.stringMatching(problem));
    return messages;
  }

  describe('/api/accounts', () => {
    it('POST with bad values lists each problem and creates nothing', async () => {
      const before = await rowsOf('/api/accounts');
      await expect400(
        t.api.post('/api/accounts', { name: '', broker: 'ibkr', maxPosition: 0, colour: 'red' }),
        /property colour should not exist/,
        /name is required/,
        /broker must be/,
        /maxPosition must be at least 1/,
      );
      await expect400(t.api.post('/api/accounts', { name: 'Fractional', broker: 'paper', maxPosition: 2.5 }), /maxPosition must be a whole number/);
      await expect400(t.api.post('/api/accounts', { broker: 'paper' }), /name/);
      await expect400(t.api.post('/api/accounts', { name: 'x'.repeat(101), broker: 'paper' }), /at most 100 characters/);
      expect(await rowsOf('/api/accounts')).toEqual(before);
    });

    it('PATCH with bad values changes nothing; unknown ids are 404, malformed ids 400', async () => {
      const account = await anAccount(t, { maxPosition: 5 });
      await expect400(t.api.patch(`/api/accounts/${account.id}`, { maxPosition: -1, enabled: 'yes' }), /maxPosition must be at least 1/, /enabled must be true or false/);
      await expect400(t.api.patch(`/api/accounts/${account.id}`, { broker: 'paper' }), /property broker should not exist/);
      await expect400(t.api.patch(`/api/accounts/${account.id}`, { brokerAccountRef: 'someone-else' }), /property brokerAccountRef should not exist/);
      expect((await t.api.get(`/api/accounts/${account.id}`).expect(200)).body).toMatchObject({ maxPosition: 5, enabled: true, broker: 'paper' });

      await t.api.get(`/api/accounts/${UNKNOWN_ID}`).expect(404);
      await t.api.patch(`/api/accounts/${UNKNOWN_ID}`, { enabled: false }).expect(404);
      await t.api.delete(`/api/accounts/${UNKNOWN_ID}`).expect(404);
      await t.api.get('/api/accounts/not-an-id').expect(400);
    });

    it('a duplicate name is 409, on create and on rename', async () => {
      const first = await anAccount(t, { name: 'Main paper' });
      const second = await anAccount(t, { name: 'Side paper' });
      const res = await t.api.post('/api/accounts', { name: 'Main paper', broker: 'paper' }).expect(409);
      expect(res.body.message).toMatch(/already exists/);
      await t.api.post('/api/accounts', { name: '  Main paper  ', broker: 'paper' }).expect(409);
      await t.api.patch(`/api/accounts/${second.id}`, { name: 'Main paper' }).expect(409);
      await t.api.patch(`/api/accounts/${first.id}`, { name: 'Main paper' }).expect(200); // its own name is fine
    });

    it('deleting an account with an open position is refused until it is flat', async () => {
      const recorder = await aRecorder(t, { quantity: 1 });
      const account = await anAccount(t);
      await aTrader(t, recorder.id, account.id);
      await t.http.post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'application/json').send({ ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      const refused = await t.api.delete(`/api/accounts/${account.id}`).expect(409);
      expect(refused.body.message).toMatch(/flatten it before deleting/);
      await t.api.get(`/api/accounts/${account.id}`).expect(200);
    });

    it('deleting a flat account removes the traders that pointed at it (no orphaned link keeps routing to it)', async () => {
      const recorder = await aRecorder(t, { quantity: 1 });
      const account = await anAccount(t);
      const kept = await anAccount(t);
      await aTrader(t, recorder.id, account.id);
      await aTrader(t, recorder.id, kept.id);
      await t.api.delete(`/api/accounts/${account.id}`).expect(204);
      const traders = (await t.api.get(`/api/traders?recorderId=${recorder.id}`).expect(200)).body as Array<{ accountId: string }>;
      expect(traders.map((tr) => tr.accountId)).toEqual([kept.id]);
    });
  });

  describe('/api/recorders', () => {
    it('POST with bad values lists each problem and creates nothing', async () => {
      const before = await rowsOf('/api/recorders');
      await expect400(
        t.api.post('/api/recorders', { name: 7, symbol: '', quantity: -1, takeProfitTicks: 0, stopLossTicks: 1.5, sameSide: 'stack', dcaEnabled: 'on', webhookToken: 'mine' }),
        /property webhookToken should not exist/,
        /name must be a string/,
        /symbol is required/,
        /quantity must be 0 or more/,
        /takeProfitTicks must be a whole number of ticks/,
        /stopLossTicks must be a whole number of ticks/,
        /sameSide must be "ignore" or "reenter"/,
        /dcaEnabled must be true or false/,
      );
      await expect400(t.api.post('/api/recorders', { name: 'Half', symbol: 'MNQ1!', quantity: 2.5 }), /quantity must be a whole number/);
      await expect400(t.api.post('/api/recorders', { name: 'Huge', symbol: 'MNQ1!', quantity: 1001 }), /quantity must be at most 1000/);
      await expect400(t.api.post('/api/recorders', { name: 'No size', symbol: 'MNQ1!' }), /quantity/);
      const unknown = await expect400(t.api.post('/api/recorders', { name: 'Unknown symbol', symbol: 'XYZ1!', quantity: 1 }));
      expect(unknown.join(' ')).toMatch(/symbol: Unknown contract "XYZ1!"/);
      expect(await rowsOf('/api/recorders')).toEqual(before);
    });

    it('quantity 0 is a real value (G-11), kept as 0', async () => {
      const recorder = (await t.api.post('/api/recorders', { name: 'Zero size', symbol: 'MNQ1!', quantity: 0 }).expect(201)).body;
      expect(recorder.quantity).toBe(0);
      expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.quantity).toBe(0);
    });

    it('PATCH with bad values changes nothing; the webhook token cannot be set; unknown ids are 404', async () => {
      const recorder = await aRecorder(t, { quantity: 2 });
      await expect400(t.api.patch(`/api/recorders/${recorder.id}`, { quantity: 'two', enabled: 1 }), /quantity must be a whole number/, /enabled must be true or false/);
      await expect400(t.api.patch(`/api/recorders/${recorder.id}`, { webhookToken: 'guessable' }), /property webhookToken should not exist/);
      await expect400(t.api.patch(`/api/recorders/${recorder.id}`, { id: UNKNOWN_ID }), /property id should not exist/);
      const unknownSymbol = await expect400(t.api.patch(`/api/recorders/${recorder.id}`, { symbol: 'XYZ1!' }));
      expect(unknownSymbol.join(' ')).toMatch(/Unknown contract/);
      expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body).toMatchObject({ quantity: 2, enabled: true, symbol: 'MNQ1!', webhookToken: recorder.webhookToken });

      await t.api.get(`/api/recorders/${UNKNOWN_ID}`).expect(404);
      await t.api.patch(`/api/recorders/${UNKNOWN_ID}`, { quantity: 1 }).expect(404);
      await t.api.delete(`/api/recorders/${UNKNOWN_ID}`).expect(404);
      await t.api.get('/api/recorders/42').expect(400);
    });

    it('a duplicate name is 409', async () => {
      await aRecorder(t, { name: 'NQ scalper' });
      const other = await aRecorder(t, { name: 'ES swing' });
      await t.api.post('/api/recorders', { name: 'NQ scalper', symbol: 'MNQ1!', quantity: 1 }).expect(409);
      await t.api.patch(`/api/recorders/${other.id}`, { name: 'NQ scalper' }).expect(409);
    });
  });

  describe('/api/traders', () => {
    it('POST with bad values lists each problem and creates nothing', async () => {
      const before = await rowsOf('/api/traders');
      await expect400(
        t.api.post('/api/traders', { recorderId: 'rec-1', accountId: 12, multiplier: '-1', maxQuantity: 0, enabled: 'no', copyTp: true }),
        /property copyTp should not exist/,
        /recorderId must be a recorder id/,
        /accountId must be an account id/,
        /multiplier must be a number from 0 to 9999/,
        /maxQuantity must be at least 1/,
        /enabled must be true or false/,
      );
      for (const multiplier of ['abc', '1.23456', 10000, '1e3', '']) {
        await expect400(t.api.post('/api/traders', { recorderId: UNKNOWN_ID, accountId: UNKNOWN_ID, multiplier }), /multiplier must be a number/);
      }
      expect(await rowsOf('/api/traders')).toEqual(before);
    });

    it('unknown recorder or account is 404 and creates nothing; a second trader for the same pair is 409', async () => {
      const recorder = await aRecorder(t);
      const account = await anAccount(t);
      const before = await rowsOf('/api/traders');
      expect((await t.api.post('/api/traders', { recorderId: UNKNOWN_ID, accountId: account.id }).expect(404)).body.message).toMatch(/recorder .* not found/);
      expect((await t.api.post('/api/traders', { recorderId: recorder.id, accountId: UNKNOWN_ID }).expect(404)).body.message).toMatch(/account .* not found/);
      expect(await rowsOf('/api/traders')).toEqual(before);

      await aTrader(t, recorder.id, account.id, { multiplier: 2 });
      const dup = await t.api.post('/api/traders', { recorderId: recorder.id, accountId: account.id, multiplier: 3 }).expect(409);
      expect(dup.body.message).toMatch(/already traded on this account/);
      expect((await listOf(`/api/traders?recorderId=${recorder.id}`)).map((tr) => tr.multiplier)).toEqual(['2']);
    });

    it('PATCH with bad values changes nothing; the link itself cannot be moved; unknown ids are 404', async () => {
      const recorder = await aRecorder(t);
      const account = await anAccount(t);
      const trader = await aTrader(t, recorder.id, account.id, { multiplier: '1.5', maxQuantity: 3 });
      await expect400(t.api.patch(`/api/traders/${trader.id}`, { multiplier: 'double', maxQuantity: 'none' }), /multiplier must be a number/, /maxQuantity must be a whole number/);
      await expect400(t.api.patch(`/api/traders/${trader.id}`, { accountId: UNKNOWN_ID }), /property accountId should not exist/);
      expect((await t.api.get(`/api/traders/${trader.id}`).expect(200)).body).toMatchObject({ multiplier: '1.5', maxQuantity: 3, accountId: account.id });
      // null is a real value: no cap
      expect((await t.api.patch(`/api/traders/${trader.id}`, { maxQuantity: null }).expect(200)).body.maxQuantity).toBeNull();

      await t.api.get(`/api/traders/${UNKNOWN_ID}`).expect(404);
      await t.api.patch(`/api/traders/${UNKNOWN_ID}`, { multiplier: 1 }).expect(404);
      await t.api.delete(`/api/traders/${UNKNOWN_ID}`).expect(404);
    });
  });

  describe('read endpoints', () => {
    it('query parameters are validated too', async () => {
      await expect400(t.api.get('/api/positions?accountId=nope'), /accountId must be an account id/);
      await expect400(t.api.get('/api/orders?limit=0'), /limit must be between 1 and 1000/);
      await expect400(t.api.get('/api/signals?status=lost'), /status must be one of/);
      await t.api.get(`/api/signals/${UNKNOWN_ID}`).expect(404);
    });
  });
});
