import request from 'supertest';
import { aTradedRecorder, positionsOf, sendAlert } from '../support/builders';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_NOW, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/** The front month of MNQ1! on each day the suite runs on (jest.config.js: today's default, years ahead, years behind). */
const MNQ_FRONT_MONTH: Record<string, string> = {
  '2026-11-30T15:00:00.000Z': 'MNQZ6',
  // June 2031 expires Friday the 20th; the roll is eight days earlier, on the 12th
  '2031-06-15T15:00:00.000Z': 'MNQU1',
  // March 2020 expires Friday the 20th; the roll is on the 12th
  '2020-02-14T15:00:00.000Z': 'MNQH0',
};

const sessionCookie = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('jt_session='))?.split(';')[0];

/** Whatever the calendar says, the app lives on its injected clock (JT_TEST_NOW). */
describe(`the app runs on its clock, not the calendar (clock at ${TEST_NOW})`, () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('a dashboard login lasts seven days of the app clock at most, then is refused', async () => {
    // idle logins end sooner (JT_SESSION_IDLE_MIN): let only the 7-day cap decide here
    await t.close();
    t = await startTestApp({ env: { JT_SESSION_IDLE_MIN: '43200' } });
    const cookie = sessionCookie(await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303));
    expect(cookie).toBeDefined();
    await t.http.get('/api/positions').set('Cookie', cookie!).expect(200);
    t.clock.advance(7 * DAY_MS - 60_000);
    await t.http.get('/api/positions').set('Cookie', cookie!).expect(200);
    t.clock.advance(120_000);
    await t.http.get('/api/positions').set('Cookie', cookie!).expect(401);
  });

  it('MNQ1! buys the front month of the clock day', async () => {
    const expected = MNQ_FRONT_MONTH[TEST_NOW];
    if (!expected) throw new Error(`no front month written down for JT_TEST_NOW=${TEST_NOW}: add it to MNQ_FRONT_MONTH`);
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await t.settle();
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: expected, side: 'LONG', netPos: 1, avgPrice: '21000.25' })]);
  });

  it('the control center reports start and health times from the app clock', async () => {
    expect((await t.api.get('/api/status').expect(200)).body.startedAt).toBe(TEST_NOW);
    t.clock.advance(5_000);
    expect((await t.http.get('/api/health').expect(200)).body.time).toBe(new Date(Date.parse(TEST_NOW) + 5_000).toISOString());
  });
});
