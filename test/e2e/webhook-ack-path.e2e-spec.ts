import { DataSource } from 'typeorm';
import { SignalsService } from '../../src/modules/signals/signals.service';
import { aTradedRecorder, brokerNetPos, ordersInSequence, sendAlert, signalsOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** The answer waits for the signal's own row only; duplicates are told from memory kept in step with the database. */
describe('webhook acknowledgement path', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('a burst of alerts over several recorders is stored together: every accepted answer is a signal in the database, each traded once', async () => {
    t = await startTestApp();
    const books = [];
    for (let i = 0; i < 5; i++) books.push(await aTradedRecorder(t, { name: `burst ${i}`, quantity: 1 }, {}, { name: `burst acct ${i}` }));
    const answers = await Promise.all(
      books.flatMap(({ recorder }) => [sendAlert(t, recorder.webhookToken, { id: `${recorder.id}-a`, ticker: 'MNQ1!', action: 'buy', price: '21000.00' })]),
    );
    expect(answers.map((a) => [a.status, a.body.status])).toEqual(books.map(() => [200, 'accepted']));
    // the answer already means stored: read straight from the database, before anything settles
    const rows: { id: string; status: string }[] = await t.app.get(DataSource).query('SELECT id, status FROM signals');
    expect(rows.map((r) => r.id).sort()).toEqual(answers.map((a) => a.body.signalId).sort());
    for (const { account } of books) {
      await t.settle();
      expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1, status: 'filled' })]);
      expect(await brokerNetPos(t, account.id)).toBe(1);
    }
  });

  it('the timeline written behind the answer is complete when the signal is read', async () => {
    t = await startTestApp();
    const { recorder } = await aTradedRecorder(t, { quantity: 1 });
    const answer = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    const detail = (await t.api.get(`/api/signals/${answer.body.signalId}`).expect(200)).body;
    expect(detail.timeline.slice(0, 2).map((e: { step: string }) => e.step)).toEqual(['received', 'parsed']);
  });

  it('G-2 across a restart: an alert repeated after the server restarted is still a duplicate (the recent keys are read back at start)', async () => {
    t = await startTestApp();
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
    const body = { id: 'bar-close-42', ticker: 'MNQ1!', action: 'buy', price: '21000.00' };
    const first = await sendAlert(t, recorder.webhookToken, body).expect(200);
    expect(first.body.status).toBe('accepted');
    await t.settle();
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir });
    t.clock.advance(30_000);
    const again = await sendAlert(t, recorder.webhookToken, body).expect(200);
    expect(again.body).toMatchObject({ ok: true, status: 'duplicate', duplicateOf: first.body.signalId });
    await t.settle();
    expect(await ordersInSequence(t, account.id)).toHaveLength(1);
    expect(await brokerNetPos(t, account.id)).toBe(2);
    expect((await signalsOf(t, recorder.id)).map((s) => s.status).sort()).toEqual(['duplicate', 'processed']);
  });

  it('a recorder disabled through the API is disabled for the very next alert (the in-memory recorder follows its writes)', async () => {
    t = await startTestApp();
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    await t.api.patch(`/api/recorders/${recorder.id}`).send({ enabled: false }).expect(200);
    const answer = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(answer.body).toMatchObject({ status: 'blocked', reason: 'recorder disabled' });
    await t.settle();
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('a signal that could not be stored is answered 503, and TradingView\'s resend of it is traded, not taken for a duplicate', async () => {
    t = await startTestApp();
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const signals = t.app.get(SignalsService);
    jest.spyOn(signals, 'insertNew').mockRejectedValueOnce(new Error('SQLITE_FULL: database or disk is full'));
    const body = { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: '2026-11-30T14:59:59Z' };
    const failed = await sendAlert(t, recorder.webhookToken, body).expect(503);
    expect(failed.body).toMatchObject({ ok: false });
    await t.settle();
    expect(await ordersInSequence(t, account.id)).toEqual([]);
    t.clock.advance(5_000);
    const resent = await sendAlert(t, recorder.webhookToken, body).expect(200);
    expect(resent.body.status).toBe('accepted');
    await t.settle();
    expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1, status: 'filled' })]);
    expect((await signalsOf(t, recorder.id)).map((s) => s.status)).toEqual(['processed']);
  });
});
