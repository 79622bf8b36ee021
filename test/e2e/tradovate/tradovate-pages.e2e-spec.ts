import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { TestApp } from '../../support/test-app';
import { DEMO_LOGIN, eventually, settledAccount, startAppWithFake } from './tradovate-support';

describe('accounts pages: add a paper or Tradovate account from the browser', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  beforeEach(async () => ({ t, fake } = await startAppWithFake()));
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('the form adds a Tradovate account; the list shows its status; the credentials page checks a new password', async () => {
    const form = { name: 'From the page', broker: 'tradovate', environment: 'demo', auth: 'password', ...DEMO_LOGIN, cid: '8' };
    await t.api.post('/accounts').type('form').send(form).expect(303);
    const [account] = (await t.api.get('/api/accounts').expect(200)).body as Array<{ id: string }>;
    await settledAccount(t, account.id);
    const page = await t.api.get('/accounts').expect(200);
    expect(page.text).toContain('From the page');
    expect(page.text).toContain('DEMO1234567');
    expect(page.text).toMatch(/conn-connected/);
    expect(page.text).not.toContain('fake-password');

    const bad = await t.api.post(`/accounts/${account.id}/credentials`).type('form').send({ username: 'jt.trader', password: 'nope' }).expect(400);
    expect(bad.text).toContain('Incorrect username or password');
    const good = await t.api.post(`/accounts/${account.id}/credentials`).type('form').send({ username: 'jt.trader', password: 'fake-password' }).expect(200);
    expect(good.text).toContain('Logged in to Tradovate');
    await eventually(async () => expect((await settledAccount(t, account.id)).status).toBe('connected'));
  });

  it('a form with a missing field answers with the reason and keeps no secret in the page', async () => {
    const res = await t.api.post('/accounts').type('form').send({ name: 'Half', broker: 'tradovate', environment: 'demo', username: 'u', password: 'secret-pw' }).expect(400);
    expect(res.text).toContain('appId is required');
    expect(res.text).not.toContain('secret-pw');
    await t.api.post('/accounts').type('form').send({ name: 'Paper from page', broker: 'paper' }).expect(303);
  });
});
