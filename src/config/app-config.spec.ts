import * as path from 'path';
import { ConfigError, loadConfig } from './app-config';

const DATA_DIR = path.resolve('/srv/just-trades');
const GOOD_HEX_KEY = 'a'.repeat(64);
const GOOD_BASE64_KEY = Buffer.alloc(32, 7).toString('base64'); // 44 characters ending in '='

/** The problems a bad environment is reported with; fails the test when the config loads. */
function problemsWith(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  describe('with nothing set', () => {
    const config = loadConfig({});

    it('listens on 8082 and logs at "log"', () => {
      expect(config.port).toBe(8082);
      expect(config.logLevel).toBe('log');
    });

    it('keeps data in ./data with the SQLite file inside it', () => {
      expect(config.dataDir).toBe(path.resolve('data'));
      expect(config.database).toEqual({ type: 'sqlite', path: path.resolve('data', 'just-trades.db') });
    });

    it('has no secrets of its own (they are generated on first start) and safe windows', () => {
      expect(config).toMatchObject({ apiKey: null, adminPassword: null, secretKey: null, publicUrl: null });
      expect(config.dedupeWindowSec).toBe(10);
      expect(config.signalMaxAgeSec).toBe(30);
      expect(config.shutdownDrainSec).toBe(7);
    });

    it("leaves TradingView's quote socket off, anonymous, at TradingView's own addresses", () => {
      expect(config.tradingView).toEqual({ enabled: false, wsUrl: 'wss://data.tradingview.com/socket.io/websocket', chartUrl: 'https://www.tradingview.com/chart/', sessionId: null });
    });

    it('caps an order at 100 contracts and trusts alert prices within 10% of the last price', () => {
      expect(config.maxOrderQuantity).toBe(100);
      expect(config.alertPriceBandPct).toBe(10);
    });
  });

  it('reads the TradingView quote socket settings', () => {
    const config = loadConfig({ JT_TV_QUOTES: 'on', JT_TV_WS_URL: 'ws://127.0.0.1:9/socket.io/websocket', JT_TV_CHART_URL: 'http://127.0.0.1:9/chart/', JT_TV_SESSION_ID: 'abc123def456' });
    expect(config.tradingView).toEqual({ enabled: true, wsUrl: 'ws://127.0.0.1:9/socket.io/websocket', chartUrl: 'http://127.0.0.1:9/chart/', sessionId: 'abc123def456' });
  });

  it('puts the default database under JT_DATA_DIR', () => {
    const config = loadConfig({ JT_DATA_DIR: DATA_DIR });
    expect(config.dataDir).toBe(DATA_DIR);
    expect(config.database).toEqual({ type: 'sqlite', path: path.join(DATA_DIR, 'just-trades.db') });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: '' }).port).toBe(8082);
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      PORT: '9000',
      JT_DATA_DIR: DATA_DIR,
      DATABASE_URL: 'sqlite:/var/lib/jt/book.db',
      JT_API_KEY: 'k'.repeat(16),
      JT_ADMIN_PASSWORD: 'p'.repeat(8),
      JT_SECRET_KEY: GOOD_HEX_KEY,
      LOG_LEVEL: 'debug',
      JT_PUBLIC_URL: 'https://trades.example.com/',
      JT_DEDUPE_WINDOW_SEC: '30',
      JT_SIGNAL_MAX_AGE_SEC: '60',
    });
    expect(config).toMatchObject({
      port: 9000,
      database: { type: 'sqlite', path: '/var/lib/jt/book.db' },
      dataDir: DATA_DIR,
      apiKey: 'k'.repeat(16),
      adminPassword: 'p'.repeat(8),
      secretKey: GOOD_HEX_KEY,
      logLevel: 'debug',
      publicUrl: 'https://trades.example.com',
      dedupeWindowSec: 30,
      signalMaxAgeSec: 60,
    });
  });

  it('accepts Postgres URLs as given', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://user:pass@host:5432/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://user:pass@host:5432/db',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://user:pass@host/db' }).database.type).toBe('postgres');
  });

  it('keeps an in-memory SQLite database in memory', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it('reads LOG_LEVEL=info as Nest\'s "log"', () => {
    expect(loadConfig({ LOG_LEVEL: 'info' }).logLevel).toBe('log');
  });

  it('accepts a 32-byte secret key as hex or as base64', () => {
    expect(loadConfig({ JT_SECRET_KEY: GOOD_HEX_KEY }).secretKey).toBe(GOOD_HEX_KEY);
    expect(loadConfig({ JT_SECRET_KEY: GOOD_BASE64_KEY }).secretKey).toBe(GOOD_BASE64_KEY);
    expect(loadConfig({ JT_SECRET_KEY: GOOD_BASE64_KEY.replace(/=$/, '') }).secretKey).toBeTruthy();
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ HOME: '/root', NODE_ENV: 'test', JT_SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  it('keeps sessions 720 idle minutes and trusts no proxy unless told', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleMin: 720, trustProxy: false });
    expect(loadConfig({ JT_SESSION_IDLE_MIN: '30', JT_TRUST_PROXY: '1' })).toMatchObject({ sessionIdleMin: 30, trustProxy: 1 });
    expect(loadConfig({ JT_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(loadConfig({ JT_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
  });

  describe('rejects each bad variable with a message naming it', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['PORT', 'abc', /whole number/],
      ['PORT', '80.5', /whole number/],
      ['PORT', '70000', /between 1 and 65535/],
      ['PORT', '0', /between 1 and 65535/],
      ['PORT', '-1', /between 1 and 65535/],
      ['DATABASE_URL', 'mysql://x', /sqlite:.*postgres:\/\//],
      ['DATABASE_URL', 'just-trades.db', /sqlite:.*postgres:\/\//],
      ['JT_API_KEY', 'short', /at least 16 characters/],
      ['JT_API_KEY', 'k'.repeat(15), /at least 16 characters/],
      ['JT_ADMIN_PASSWORD', 'hunter2', /at least 8 characters/],
      ['JT_SECRET_KEY', 'a'.repeat(63), /32 bytes/],
      ['JT_SECRET_KEY', 'a'.repeat(66), /32 bytes/],
      ['JT_SECRET_KEY', 'g'.repeat(64), /32 bytes/],
      ['JT_SECRET_KEY', Buffer.alloc(16).toString('base64'), /32 bytes/],
      ['LOG_LEVEL', 'loud', /one of error, warn, log, info, debug, verbose/],
      ['JT_PUBLIC_URL', 'trades.example.com', /http\(s\) URL/],
      ['JT_DEDUPE_WINDOW_SEC', '0', /at least 1/],
      ['JT_DEDUPE_WINDOW_SEC', '3601', /at most 3600/],
      ['JT_SIGNAL_MAX_AGE_SEC', 'soon', /whole number of seconds/],
      ['JT_SIGNAL_MAX_AGE_SEC', '601', /at most 600/],
      ['JT_MAX_ORDER_QUANTITY', '0', /at least 1/],
      ['JT_MAX_ORDER_QUANTITY', 'lots', /whole number of contracts/],
      ['JT_MAX_ORDER_QUANTITY', '10001', /at most 10000/],
      ['JT_ALERT_PRICE_BAND_PCT', '0', /at least 1/],
      ['JT_ALERT_PRICE_BAND_PCT', '2.5', /whole number of percent/],
      ['JT_ALERT_PRICE_BAND_PCT', '101', /at most 100/],
      ['JT_SESSION_IDLE_MIN', '0', /at least 1/],
      ['JT_SESSION_IDLE_MIN', 'forever', /whole number of minutes/],
      ['JT_TRUST_PROXY', 'yes', /off, a hop count/],
      ['JT_TV_QUOTES', 'yes', /on or off/],
      ['JT_TV_WS_URL', 'https://data.tradingview.com/socket.io/websocket', /ws\(s\) URL/],
      ['JT_TV_CHART_URL', 'www.tradingview.com/chart/', /http\(s\) URL/],
      ['JT_TV_SESSION_ID', 'sessionid=abc;def', /sessionid cookie/],
      ['JT_TRUST_PROXY', '11', /off, a hop count/],
      ['JT_SHUTDOWN_DRAIN_SEC', 'a while', /whole number of seconds/],
      ['JT_SHUTDOWN_DRAIN_SEC', '-1', /0 or more/],
    ];
    it.each(cases)('%s=%s', (name, value, why) => {
      const problems = problemsWith({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0].startsWith(`${name}=`)).toBe(true);
      expect(problems[0]).toMatch(why);
    });

    it('never shows the TradingView session cookie, even a wrong one', () => {
      expect(problemsWith({ JT_TV_SESSION_ID: 'secret cookie value' })[0]).toBe('JT_TV_SESSION_ID=(hidden): JT_TV_SESSION_ID must be the value of the TradingView sessionid cookie (letters and digits)');
    });

    it('shows the value the user wrote, so they can find it', () => {
      expect(problemsWith({ LOG_LEVEL: 'loud' })[0]).toContain('LOG_LEVEL="loud"');
      expect(problemsWith({ PORT: '70000' })[0]).toContain('PORT=70000');
    });
  });

  it('lists every bad variable at once, in one error a user can read', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        JT_API_KEY: 'short',
        JT_ADMIN_PASSWORD: 'pw',
        JT_SECRET_KEY: 'nope',
        LOG_LEVEL: 'loud',
        JT_DATA_DIR: DATA_DIR, // a good one among them
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    const named = problems.map((p) => p.split('=')[0]).sort();
    expect(named).toEqual(['DATABASE_URL', 'JT_ADMIN_PASSWORD', 'JT_API_KEY', 'JT_SECRET_KEY', 'LOG_LEVEL', 'PORT']);
    for (const name of named) expect(message).toContain(name);
    expect(message).toMatch(/^Invalid configuration:/);
  });
});
