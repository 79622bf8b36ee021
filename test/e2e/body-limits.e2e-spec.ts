import { aRecorder, anAccount, aTradedRecorder, ordersInSequence, sendAlert } from '../support/builders';
import { captureLogs } from '../support/log-capture';
import { startTestApp, TEST_API_KEY, TestApp } from '../support/test-app';

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => {
  let text = '{}';
  for (let i = 1; i < depth; i++) text = `{"a":${text}}`;
  return text;
};

/** Issue 10 (7, 8): hostile bodies are 4xx with a message, change nothing, and log one line each. */
describe('request bodies at the edge', () => {
  let t: TestApp;
  let logs: { lines: string[] };
  beforeAll(async () => {
    t = await startTestApp();
    logs = captureLogs(t.app);
  });
  afterAll(() => t.close());
  beforeEach(() => (logs.lines.length = 0));

  const postRaw = (url: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    const req = t.http.post(url).set('Authorization', `Bearer ${TEST_API_KEY}`).set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(body);
  };

  it('10,000 nested arrays to POST /api/recorders is 400 saying so, and creates nothing', async () => {
    const before = (await t.api.get('/api/recorders').expect(200)).body.length;
    const res = await postRaw('/api/recorders', nestedArrays(10_000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/more than 32 levels deep/);
    expect((await t.api.get('/api/recorders').expect(200)).body).toHaveLength(before);
  });

  it('5,000 nested objects to POST /api/accounts is 400 saying so, and creates nothing', async () => {
    const res = await postRaw('/api/accounts', nestedObjects(5_000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/more than 32 levels deep/);
    expect((await t.api.get('/api/accounts').expect(200)).body).toEqual([]);
  });

  it('a nested value inside an otherwise valid body is refused too; ordinary bodies still work', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { deep };
    const res = await t.api.post('/api/accounts', { name: 'Deep', broker: 'paper', extra: deep });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/more than 32 levels deep/);
    await anAccount(t);
  });

  it('a webhook alert nested 10,000 deep is 400 rejected, recorded for the trader, and trades nothing', async () => {
    const { account, recorder } = await aTradedRecorder(t);
    const res = await sendAlert(t, recorder.webhookToken, `{"ticker":"MNQ1!","action":"buy","extra":${nestedArrays(10_000)}}`).expect(400);
    expect(res.body).toMatchObject({ ok: false, status: 'rejected', error: expect.stringMatching(/more than 32 levels deep/) });
    const signals = (await t.api.get(`/api/signals?recorderId=${recorder.id}`).expect(200)).body;
    expect(signals).toMatchObject([{ id: res.body.signalId, status: 'rejected' }]);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('a body over the limit is 413 with the limit in the message, logged as one line without a stack', async () => {
    const res = await postRaw('/api/accounts', JSON.stringify({ name: 'x'.repeat(300 * 1024), broker: 'paper' }));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/limit here is 262144 bytes/);
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatch(/^warn POST \/api\/accounts: 413 /);
    expect(logs.lines[0]).not.toMatch(/\n|\bat /);
  });

  it('a body that is not the gzip it claims is 400 saying so, logged as one line without a stack', async () => {
    const recorder = await aRecorder(t);
    logs.lines.length = 0;
    const api = await postRaw('/api/accounts', Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' });
    const hook = await t.http.post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'text/plain').set('Content-Encoding', 'gzip').send(Buffer.from('not gzip'));
    for (const res of [api, hook]) {
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/could not be decompressed \(Content-Encoding: gzip\)/);
    }
    expect(logs.lines).toHaveLength(2);
    for (const line of logs.lines) expect(line).not.toMatch(/\n|\bat /);
    expect(logs.lines.join('\n')).not.toContain(recorder.webhookToken); // the token is the webhook's credential
  });
});
