import * as fs from 'fs';
import { AddressInfo } from 'net';
import type { Browser, Page } from 'playwright-core';
import { InsiderPollerService } from '../../../src/modules/insider/poller/insider-poller.service';
import { FakeEdgarServer } from '../../fakes/edgar/fake-edgar-server';
import { TEST_ADMIN_PASSWORD, TestApp } from '../../support/test-app';
import { startInsiderApp } from './insider-harness';

// a missing browser fails the run: .ci/run installs Debian's chromium before `npm test`
const CHROMIUM = '/usr/bin/chromium';

describe('/insider in a real browser', () => {
  let fake: FakeEdgarServer;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`the /insider browser test needs Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    fake = new FakeEdgarServer();
    await fake.start();
    t = await startInsiderApp(fake);
    await t.api.post('/api/insider/watchlist', { ticker: 'DNMF', alertThreshold: 80 }).expect(201);
    await t.app.get(InsiderPollerService).pollOnce();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/login`);
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.stop();
  });

  const tickers = () => page.$$eval('#insider-signals tbody tr td:nth-child(2) b', (cells) => cells.map((c) => c.textContent));
  const scores = () => page.$$eval('#insider-signals tbody .score', (cells) => cells.map((c) => Number(c.textContent)));

  it('lists the signals, sorts by score when the header is clicked, and filters', async () => {
    await page.goto(`${base}/insider`);
    expect(await page.textContent('nav')).toContain('Insider');
    expect(await tickers()).toHaveLength(5);
    await page.click('#insider-signals th a:has-text("Score")');
    expect(await scores()).toEqual([85, 64, 54, 25, 0]);
    await page.click('#insider-signals th a:has-text("Score")');
    expect(await scores()).toEqual([0, 25, 54, 64, 85]);

    await page.fill('#minScore', '50');
    await page.check('input[name=purchases]');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    expect(await tickers()).toEqual(['ACMW', 'ACMW']);

    await page.goto(`${base}/insider?watchlist=true`);
    expect(await tickers()).toEqual(['DNMF']);
    expect(await page.textContent('#insider-watchlist')).toContain('DNMF');
  });

  it('the detail view shows every transaction, the footnotes, the sec.gov links and the score breakdown', async () => {
    await page.goto(`${base}/insider?ticker=ACMW&minScore=60`);
    await Promise.all([page.waitForNavigation(), page.click('#insider-signals tbody .score')]);
    expect(await page.$$eval('#transactions tbody tr', (rows) => rows.length)).toBe(2);
    const breakdown = await page.textContent('#score-breakdown');
    expect(breakdown).toContain('size vs holding');
    expect(breakdown).toContain('+25% of the shares held before');
    expect(await page.textContent('main')).toContain('[F1] The price reported is a weighted average price');
    expect(await page.getAttribute('a:has-text("filing on sec.gov")', 'href')).toBe('https://www.sec.gov/Archives/edgar/data/9000001/000910000126000101/0009100001-26-000101-index.htm');
    expect(await page.textContent('#price')).toContain('price unavailable');
  });
});
