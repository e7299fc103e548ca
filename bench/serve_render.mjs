// Time from navigation to charts rendered, per dashboard page, in headless Chromium (Debian's
// /usr/bin/chromium through tests/e2e's playwright-core). Usage: node serve_render.mjs BASE_URL RUNS
// Prints one line per page: "RENDER <page> median_ms=<m> max_ms=<x>".
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/e2e/package.json'));
const { chromium } = require('playwright-core');

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const pages = ['lits', 'stocks', 'finance', 'patients', 'pipeline'];
const browser = await chromium.launch({ executablePath: process.env.HF_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const name of pages) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${base}/#/${name}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      times.push(performance.now() - start);
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`RENDER ${name} median_ms=${times[Math.floor(times.length / 2)].toFixed(0)} max_ms=${times[times.length - 1].toFixed(0)}`);
  }
} finally {
  await browser.close();
}
