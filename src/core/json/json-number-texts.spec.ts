import { plainDecimalText, topLevelNumberTexts } from './json-number-texts';

describe('JSON number texts', () => {
  it('reads each top-level number as written, past strings, escapes and nested values', () => {
    const json = '{"note":"a \\"price\\": 1, {x}","nested":{"price":5,"list":[1,2]},"price":21000.2500000000001,"bid" : -3e2,"flag":true,"ask":21000.50}';
    expect(topLevelNumberTexts(json)).toEqual({ price: '21000.2500000000001', bid: '-3e2', ask: '21000.50' });
  });

  it('a later duplicate key wins, as in JSON.parse', () => {
    expect(topLevelNumberTexts('{"price":1,"price":2.5}')).toEqual({ price: '2.5' });
  });

  it.each([
    ['21000.25', '21000.25'],
    ['6002', '6002'],
    ['2.100025e4', '21000.25'],
    ['2.1E+4', '21000'],
    ['5e-1', '0.5'],
    ['1.5e-3', '0.0015'],
    ['-3e2', '-300'],
  ])('%s is the plain decimal %s', (literal, plain) => {
    expect(plainDecimalText(literal)).toBe(plain);
  });
});
