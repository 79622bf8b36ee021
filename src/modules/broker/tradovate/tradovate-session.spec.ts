import { Logger } from '@nestjs/common';
import { FakeTradovate, startFakeTradovate } from '../../../../test/fakes/tradovate/fake-tradovate-server';
import { RateBudget } from './rate-budget';
import { TradovateAuthError, TradovateCaptchaError, TradovateRateLimitError } from './tradovate-errors';
import { TradovateRest } from './tradovate-rest';
import { TradovateCredentials, TradovateSession } from './tradovate-session';

const CREDS: TradovateCredentials = { username: 'jt.trader', password: 'fake-password', appId: 'JustTrades', appVersion: '1.0', cid: '8', sec: 'fake-api-secret-0123456789abcdef', deviceId: 'jt-test-device' };

Logger.overrideLogger(false);

describe('Tradovate login against the fake (reference §2, §3)', () => {
  let fake: FakeTradovate;
  let session: TradovateSession;
  const start = async (opts: Parameters<typeof startFakeTradovate>[0] = {}, renewBeforeMs = 900_000) => {
    fake = await startFakeTradovate(opts);
    const rest = new TradovateRest(fake.restBase, new RateBudget(600, 50), { timeoutMs: 3_000, maxPenaltyWaitSec: 10, getTicketMode: 'post-body' });
    session = new TradovateSession(rest, CREDS, { renewBeforeMs, now: Date.now });
  };
  afterEach(async () => {
    session?.stop();
    await fake?.close();
  });

  it('logs in once with name/password/appId/appVersion/cid/sec/deviceId and reuses the token', async () => {
    await start();
    const token = await session.login();
    expect(token).toMatchObject({ accessToken: expect.any(String), mdAccessToken: expect.any(String), userId: 100001, userName: 'jt.trader' });
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now() + 80 * 60_000);
    await session.accessToken();
    await session.accessToken();
    expect(fake.sessionCount('jt.trader')).toBe(1);
    const [login] = fake.requestsTo('auth/accesstokenrequest');
    expect(login.body).toEqual({ name: 'jt.trader', password: 'fake-password', appId: 'JustTrades', appVersion: '1.0', cid: 8, sec: CREDS.sec, deviceId: 'jt-test-device' });
  });

  it('renews ahead of expirationTime with renewaccesstoken, not a new login, and keeps the md token', async () => {
    await start({ tokenLifetimeMs: 3_000 }, 900_000);
    const first = await session.login();
    await new Promise((r) => setTimeout(r, 2_600));
    expect(fake.requestsTo('auth/renewaccesstoken').length).toBeGreaterThanOrEqual(1);
    expect(session.token!.accessToken).not.toBe(first.accessToken);
    expect(session.token!.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
    expect(session.token!.mdAccessToken).toBe(first.mdAccessToken);
    expect(fake.sessionCount('jt.trader')).toBe(1);
  });

  it('HTTP 200 + errorText is a failed login', async () => {
    await start();
    fake.faults.loginErrorText();
    await expect(session.login()).rejects.toThrow(TradovateAuthError);
    await expect(session.login().then(() => 'ok')).resolves.toBe('ok');
  });

  it('waits out a p-ticket penalty and re-sends the same request with the ticket', async () => {
    await start();
    fake.faults.penalty({ pTime: 1, pTicket: 'ticket-123' });
    const began = Date.now();
    await session.login();
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    const logins = fake.requestsTo('auth/accesstokenrequest');
    expect(logins).toHaveLength(2);
    expect(logins[1].body).toEqual({ ...(logins[0].body as object), 'p-ticket': 'ticket-123' });
  });

  it('stops at a captcha penalty with a clear error and no retry', async () => {
    await start();
    fake.faults.penalty({ pTime: 3600, captcha: true });
    const error = await session.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TradovateCaptchaError);
    expect((error as Error).message).toMatch(/captcha.*wait about an hour/i);
    expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(1);
  });

  it('a 429 is a rate-limit error and pauses the user budget', async () => {
    await start();
    fake.faults.rateLimit(1);
    await expect(session.login()).rejects.toThrow(TradovateRateLimitError);
  });
});
