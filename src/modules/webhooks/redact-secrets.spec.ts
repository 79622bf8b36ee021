import { REDACTED, redactSecrets } from './redact-secrets';

describe('redactSecrets: a peer\'s secret never stays in the stored body', () => {
  it('CrossTrade key=value text, with or without spaces and newlines', () => {
    const body = 'key=xt-7f3a9c1e;\ncommand=PLACE; KEY = again;\ninstrument=MNQ 12-26;';
    const redacted = redactSecrets(body);
    expect(redacted).not.toMatch(/xt-7f3a9c1e|again/);
    expect(redacted).toBe(`key=${REDACTED};\ncommand=PLACE; KEY = ${REDACTED};\ninstrument=MNQ 12-26;`);
  });

  it('JSON strings and numbers at any depth (PickMyTrade multiple_accounts tokens, 3Commas secret)', () => {
    const body = JSON.stringify({ token: 'pmt-a"b', data: 'buy', multiple_accounts: [{ token: 12345, account_id: '2' }], secret: '3c', api_key: 'k', password: 'p' });
    const parsed = JSON.parse(redactSecrets(body));
    expect(parsed).toEqual({ token: REDACTED, data: 'buy', multiple_accounts: [{ token: REDACTED, account_id: '2' }], secret: REDACTED, api_key: REDACTED, password: REDACTED });
  });

  it('leaves bodies without secrets, and look-alike keys, untouched', () => {
    for (const body of ['{"ticker":"MNQ1!","action":"buy"}', 'monkey=1; keyword=2', 'MyStrat: BUY, Price = 1, Ticker = MNQ1!']) {
      expect(redactSecrets(body)).toBe(body);
    }
  });
});
