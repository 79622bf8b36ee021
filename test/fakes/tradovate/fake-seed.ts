/**
 * Who can log in to the fake and what they own. The default user is the one the runnable fake
 * prints; the demo-only user exercises the LIVE -> DEMO fallback.
 */
export interface FakeAccountSeed {
  name: string;
  id?: number;
  /** starting cash balance, USD */
  balance?: number;
}

export interface FakeUserSeed {
  name: string;
  password: string;
  userId?: number;
  email?: string;
  /** API key id; a number on the wire, a numeric string is accepted too (reference §2.1) */
  cid: number;
  sec: string;
  /** recorded, not checked: the reference says it "should match" the key's nickname */
  appId?: string;
  /** has a live account: live accounts are seeded and `hasLive` is true in the token response */
  hasLive?: boolean;
  /** market-data entitlement; without it the MD socket answers authorize with 401 "Access is denied" */
  marketData?: boolean;
  demoAccounts?: FakeAccountSeed[];
  liveAccounts?: FakeAccountSeed[];
  /** UserPlugin names the user holds (e.g. "TradingView"); also what `pluginisentitled` answers true for */
  plugins?: string[];
}

export interface FakeOAuthClientSeed {
  clientId: string;
  clientSecret: string;
  /** the user an authorization code logs in as */
  userName: string;
}

export const DEFAULT_USERS: readonly FakeUserSeed[] = [
  {
    name: 'jt.trader',
    password: 'fake-password',
    userId: 100001,
    email: 'jt.trader@example.test',
    cid: 8,
    sec: 'fake-api-secret-0123456789abcdef',
    appId: 'JustTrades',
    hasLive: true,
    demoAccounts: [{ name: 'DEMO1234567', balance: 50000 }, { name: 'DEMO7654321', balance: 25000 }],
    liveAccounts: [{ name: 'LIVE1234567', balance: 10000 }],
    plugins: ['TradingView'],
  },
  {
    name: 'jt.demoonly',
    password: 'fake-password',
    userId: 100002,
    email: 'jt.demoonly@example.test',
    cid: 8,
    sec: 'fake-api-secret-0123456789abcdef',
    appId: 'JustTrades',
    hasLive: false,
    demoAccounts: [{ name: 'DEMO2222222', balance: 50000 }],
  },
];

export const DEFAULT_OAUTH_CLIENT: FakeOAuthClientSeed = {
  clientId: 'fake-oauth-client',
  clientSecret: 'fake-oauth-secret',
  userName: 'jt.trader',
};
