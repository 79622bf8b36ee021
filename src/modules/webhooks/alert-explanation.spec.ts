import { readFileSync } from 'fs';
import { join } from 'path';
import { explainAlert } from './alert-explanation';

const FIXTURES = join(__dirname, '../../../test/fixtures/alerts');
const DEFAULTS = { quantity: 1, position: 2, dcaEnabled: false, sameSide: 'ignore' as const };
const explain = (dialect: string, file: string, settings = DEFAULTS) => explainAlert(readFileSync(join(FIXTURES, dialect, file), 'utf8'), settings);

describe('alert:explain (what a body would do from flat, long 2 and short 2)', () => {
  it('a TradingView default reversal message: open short 1 from flat, close 2 then open 1 from long, nothing from short', () => {
    expect(explain('tradingview', 'reverse-to-short.txt')).toMatchObject({
      ok: true,
      dialect: 'tradingview',
      signal: { directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 1 },
      fromFlat: 'open Sell 1',
      fromLong: 'close Sell 2, open Sell 1 (reversed)',
      fromShort: 'no order (same_side_ignored)',
    });
  });

  it('a CrossTrade partial close takes 1 off either side and does nothing when flat', () => {
    expect(explain('crosstrade', 'closeposition-qty.txt')).toMatchObject({
      dialect: 'crosstrade', fromFlat: 'no order (already_flat)', fromLong: 'reduce Sell 1', fromShort: 'reduce Buy 1',
    });
  });

  it('with DCA on a same-side entry adds and an opposite one is blocked', () => {
    expect(explain('threecommas', 'entry-long.json', { ...DEFAULTS, dcaEnabled: true })).toMatchObject({
      fromFlat: 'open Buy 2', fromLong: 'open Buy 2', fromShort: 'no order (opposite_blocked)',
    });
  });

  it('a refused body explains the refusal with its field, and never prints the secret it carried', () => {
    const explanation = explain('crosstrade', 'bad-reverse.txt');
    expect(explanation).toMatchObject({ ok: false, field: 'command', error: expect.stringMatching(/REVERSE/) });
    expect(JSON.stringify(explain('crosstrade', 'place-buy.txt'))).not.toContain('xt-7f3a9c1e');
  });
});
