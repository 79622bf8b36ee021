import { AlertParseError } from '../parsed-alert';
import { parseAlert } from './alert-parser';

function errorOf(run: () => unknown): AlertParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AlertParseError);
    return error as AlertParseError;
  }
  throw new Error('expected an AlertParseError');
}

describe('parseAlert: the body before any dialect', () => {
  it.each(['', '   \n\t ', '\uFEFF', '\uFEFF  \n'])('an empty message (%j) is refused', (body) => {
    expect(errorOf(() => parseAlert(body)).message).toMatch(/empty/);
  });

  it('a UTF-8 BOM and surrounding whitespace are ignored', () => {
    const alert = parseAlert('\uFEFF \n {"action":"buy","ticker":"MNQ1!"} \n');
    expect(alert.directive).toEqual({ kind: 'ENTER', side: 'LONG' });
  });

  it('G-3: a ticker with "!" parses', () => {
    expect(parseAlert('{"action":"sell","ticker":"MNQ1!","price":"21000.25"}').symbol).toBe('MNQ1!');
  });

  it('G-3: a comment with a stray quote is reported with the JSON error position, not "no data"', () => {
    const body = '{"action": "sell", "comment": "Take Profit "TP1"", "ticker": "MNQ1!"}';
    const error = errorOf(() => parseAlert(body));
    expect(error.message).toMatch(/broken at position 44 \(line 1, column 45\)/);
    expect(error.message).toContain(`starts with: "${body}"`);
    expect(error.hint).toMatch(/double quote inside a value/);
  });

  it('G-3: a truncated JSON body reports the end of the message as the position', () => {
    const body = '{"action": "buy",\n "ticker":';
    const error = errorOf(() => parseAlert(body));
    expect(error.message).toMatch(new RegExp(`position ${body.length} \\(line 2, column`));
  });

  it('G-3: a long broken body is quoted to its first 120 characters', () => {
    const body = `{"action": "buy", "comment": "${'x'.repeat(200)}`;
    const error = errorOf(() => parseAlert(body));
    expect(error.message).toContain(`"${body.slice(0, 120)}..."`);
  });

  it.each(['[{"action":"buy"}]', '[]', '[1'])('JSON that is not an object (%s) is refused', (body) => {
    expect(() => parseAlert(body)).toThrow(AlertParseError);
  });

  it('the same trade reads the same as JSON, key=value text and a TradeManager message', () => {
    const asJson = parseAlert('{"action":"sell","ticker":"MNQ1!","price":"21000.25"}');
    const asKv = parseAlert('action=sell, ticker=MNQ1!, price=21000.25');
    const asTm = parseAlert('MyStrat: sell, Price = 21000.25, Ticker = MNQ1!');
    for (const alert of [asKv, asTm]) {
      expect(alert).toMatchObject({ directive: asJson.directive, symbol: asJson.symbol, price: asJson.price });
    }
  });

  it.each([
    ['{"ticker":"MNQ1!","action":"buy"}', 'native'],
    ['{"ticker":"MNQ1!","action":"exit"}', 'traderspost'],
    ['{"ticker":"MNQ1!","action":"exit","market_position":"flat"}', 'native'],
    ['{"ticker":"MNQ1!","action":"buy","sentiment":"bullish"}', 'traderspost'],
    ['{"symbol":"NQ","data":"buy","token":"t"}', 'pickmytrade'],
    ['{"symbol":"NQ","data":"buy","action":"sell","token":"t"}', 'native'],
    ['action=buy', 'kv'],
    ['buy', 'word'],
    ['S: buy, Ticker = MNQ1!', 'trademanager'],
  ])('dialect of %s is %s', (body, dialect) => {
    expect(parseAlert(body).dialect).toBe(dialect);
  });

  it('a non-string body is an AlertParseError, not a crash', () => {
    expect(() => parseAlert(undefined as unknown as string)).toThrow(AlertParseError);
    expect(() => parseAlert(42 as unknown as string)).toThrow(AlertParseError);
  });

  it('values of the wrong shape name the field', () => {
    expect(errorOf(() => parseAlert('{"action":"buy","quantity":[1]}')).field).toBe('quantity');
    expect(errorOf(() => parseAlert('{"action":["buy"]}')).field).toBe('action');
    expect(errorOf(() => parseAlert('{"action":"buy","ticker":{"a":1}}')).field).toBe('ticker');
  });
});
