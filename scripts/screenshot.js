#!/usr/bin/env node
// Logs in and screenshots pages with Debian's headless Chromium, so a page can be looked at:
//   node scripts/screenshot.js http://localhost:8082 <admin password> out-dir [/path ...]
const { chromium } = require('playwright-core');

async function main() {
  const [base, password, outDir = 'tmp/screenshots', ...paths] = process.argv.slice(2);
  if (!base || !password) {
    console.error('usage: node scripts/screenshot.js <base url> <admin password> [out dir] [/path ...]');
    process.exit(2);
  }
  require('fs').mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/login`);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  for (const path of paths.length ? paths : ['/']) {
    await page.goto(`${base}${path}`);
    await page.waitForTimeout(800);
    const file = `${outDir}/${path === '/' ? 'dashboard' : path.replace(/\W+/g, '_')}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
