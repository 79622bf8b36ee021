import { aTradedRecorder, positionsOf, sendAlert } from '../support/builders';
import { startTestApp, TEST_API_KEY, TEST_MNQ, TestApp } from '../support/test-app';

/** POST /api/paper/quotes takes prices as JSON numbers or decimal strings, read exactly. */
describe('paper quotes: numbers and decimal strings', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const post = (body: string) => t.http.post('/api/paper/quotes').set('Authorization', `Bearer ${TEST_API_KEY}`).set('content-type', 'application/json').send(body);

  it('a JSON number price is accepted and a market buy fills at it', async () => {
    expect((await post('{"symbol":"MNQ1!","price":21000.25}').expect(200)).body).toEqual({ contract: TEST_MNQ, price: '21000.25', bid: null, ask: null });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy' }).expect(200);
    await t.settle();
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: TEST_MNQ, side: 'LONG', netPos: 1, avgPrice: '21000.25' })]);
  });

  it('numbers and strings mix: an integer, an exponent and a bid/ask pair are read as written', async () => {
    expect((await post('{"symbol":"ES1!","price":6002}').expect(200)).body).toMatchObject({ price: '6002' });
    expect((await post('{"symbol":"MNQ1!","price":2.100025e4}').expect(200)).body).toMatchObject({ price: '21000.25' });
    expect((await post('{"symbol":"MNQ1!","bid":21000,"ask":"21000.50"}').expect(200)).body).toMatchObject({ price: '21000', bid: '21000', ask: '21000.50' });
  });

  it('a number off the tick by less than a float can tell is still off the tick: 400', async () => {
    const res = await post('{"symbol":"MNQ1!","price":21000.2500000000001}').expect(400);
    expect(res.body.message).toMatch(/price 21000\.2500000000001 is not a multiple of MNQ.\d's tick size 0\.25/);
  });

  it.each([
    ['zero', '{"symbol":"MNQ1!","price":0}', /price must be a positive decimal/],
    ['negative', '{"symbol":"MNQ1!","price":-21000.25}', /price must be a positive decimal/],
    ['beyond a double', '{"symbol":"MNQ1!","price":1e400}', /price must be a positive decimal/],
    ['NaN as text', '{"symbol":"MNQ1!","price":"NaN"}', /price must be a positive decimal/],
    ['Infinity as text', '{"symbol":"MNQ1!","bid":"Infinity","ask":"21000.25"}', /bid must be a positive decimal/],
    ['a boolean', '{"symbol":"MNQ1!","price":true}', /price must be a positive decimal/],
  ])('%s is refused with 400 naming the field', async (_name, body, message) => {
    const res = await post(body).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });
});
