import { loadConfig } from '../../config/app-config';
import { loadWebhookLimitsConfig } from '../../config/webhook-limits-config';
import { WebhookAllowList } from './webhook-allow-list';

const allowListFrom = (value: string) => {
  const { config, problems } = loadWebhookLimitsConfig({ JT_WEBHOOK_ALLOW_IPS: value });
  expect(problems).toEqual([]);
  return new WebhookAllowList(config.allowFrom!);
};

describe('webhook allow-list (JT_WEBHOOK_ALLOW_IPS)', () => {
  it('"tradingview" is exactly the four addresses TradingView documents', () => {
    const list = allowListFrom('tradingview');
    for (const address of ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7', '::ffff:52.89.214.238']) expect(list.allows(address)).toBe(true);
    for (const address of ['52.89.214.239', '127.0.0.1', '::1', '', 'not-an-ip']) expect(list.allows(address)).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('addresses and CIDRs, IPv4 and IPv6, mixed with tradingview', () => {
    const list = allowListFrom(' 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32, TradingView');
    expect(['10.255.0.1', '192.168.1.7', '2001:db8::5', '52.32.178.7'].map((a) => list.allows(a))).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '192.168.1.8', '2001:db9::1'].map((a) => list.allows(a))).toEqual([false, false, false]);
  });

  it('a bad entry stops the start and is named; unset means no allow-list', () => {
    expect(loadWebhookLimitsConfig({ JT_WEBHOOK_ALLOW_IPS: '10.0.0.0/8, 300.1.1.1, 10.0.0.0/33' }).problems).toEqual([
      expect.stringMatching(/^JT_WEBHOOK_ALLOW_IPS=.*not an address or CIDR: 300\.1\.1\.1, 10\.0\.0\.0\/33/),
    ]);
    expect(loadWebhookLimitsConfig({ JT_WEBHOOK_ALLOW_IPS: ' , ' }).problems).toHaveLength(1);
    expect(loadWebhookLimitsConfig({}).config.allowFrom).toBeNull();
    expect(() => loadConfig({ JT_WEBHOOK_ALLOW_IPS: 'tradingview,nope', JT_WEBHOOK_RATE_BURST: '0' })).toThrow(/JT_WEBHOOK_RATE_BURST=0[\s\S]*JT_WEBHOOK_ALLOW_IPS=.*nope/);
  });

  it('rate limits: defaults fit a strategy burst; bad values are named', () => {
    expect(loadWebhookLimitsConfig({}).config).toMatchObject({ perTokenPerMin: 600, perTokenBurst: 100, unknownTokenPerMinPerAddress: 30 });
    expect(loadWebhookLimitsConfig({ JT_WEBHOOK_RATE_PER_MIN: '0', JT_WEBHOOK_RATE_BURST: 'many', JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN: '5' }).problems).toEqual([
      expect.stringMatching(/^JT_WEBHOOK_RATE_PER_MIN=0: .*at least 1/),
      expect.stringMatching(/^JT_WEBHOOK_RATE_BURST="many": .*whole number/),
    ]);
  });
});
