// End-to-end test of the dashboards in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): builds a DuckDB warehouse from tests/serve/fixtures/marts.sql with the built
// `healthflow`, serves it on a free 127.0.0.1 port, and checks every page: no console error,
// charts drawn with data, a filter changes the figures, a CSV export downloads the rows shown,
// screenshots written to <build>/e2e-screenshots and checked not blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.env.HF_BINARY;
const sourceDir = process.env.HF_SOURCE_DIR;
const shotsDir = process.env.HF_SCREENSHOT_DIR || path.join(os.tmpdir(), 'e2e-screenshots');
const chromiumPath = process.env.HF_CHROMIUM || '/usr/bin/chromium';

let dataDir;
let baseUrl;
let browser;

const servers = [];
const dataDirs = [];

// A data folder with the fixture warehouse and run history (one per server: DuckDB allows one
// process per file).
function makeDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hf-e2e-'));
  dataDirs.push(dir);
  const sql = fs.readFileSync(path.join(sourceDir, 'tests/serve/fixtures/marts.sql'), 'utf8');
  const made = spawnSync(binary, ['--data-dir', dir, '-q', 'sql', sql], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  fs.cpSync(path.join(sourceDir, 'tests/serve/fixtures/runs'), path.join(dir, 'runs'), { recursive: true });
  return dir;
}

// Starts `healthflow serve` on a free port with `extra` options; resolves to its base URL.
function startServer(dir, extra = []) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['--data-dir', dir, 'serve', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    servers.push(server);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) { clearTimeout(timer); resolve(`http://127.0.0.1:${match[1]}`); }
    });
    server.stderr.on('data', (chunk) => { out += chunk; });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}

before(async () => {
  assert.ok(binary && sourceDir, 'HF_BINARY and HF_SOURCE_DIR must be set (ctest sets them)');
  dataDir = makeDataDir();
  baseUrl = await startServer(dataDir);
  fs.mkdirSync(shotsDir, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  for (const server of servers) {
    if (server.exitCode === null) {
      server.removeAllListeners('exit');
      server.kill('SIGTERM');
    }
  }
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Opens a page of the dashboards and waits until it has rendered; collects console errors.
async function openPage(hash, url = baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${url}/${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, context, errors };
}

async function waitRerender(page, action) {
  await page.evaluate(() => { document.body.dataset.ready = 'false'; });
  await action();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
}

// Number of non-transparent pixels in each chart canvas, keyed by the chart's element id.
async function chartPixels(page) {
  return page.evaluate(() => {
    const out = {};
    for (const box of document.querySelectorAll('.chart')) {
      const canvas = box.querySelector('canvas');
      if (!canvas) { out[box.id] = 0; continue; }
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
      out[box.id] = painted;
    }
    return out;
  });
}

// Saves a full-page screenshot and returns the variance of its grey levels (0 = blank).
async function screenshotVariance(page, name) {
  const file = path.join(shotsDir, `${name}.png`);
  const png = await page.screenshot({ path: file, fullPage: true });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let sum = 0; let sq = 0; const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) { const g = (d[i] + d[i + 1] + d[i + 2]) / 3; sum += g; sq += g * g; }
    const mean = sum / n;
    return sq / n - mean * mean;
  }, png.toString('base64'));
}

const kpiText = (page, id) => page.textContent(`[data-kpi="${id}"] .value`);
const norm = (s) => s.replace(/\s/g, ' ');

const PAGES = [
  { hash: '#/lits', charts: ['chart-jauges', 'chart-historique'] },
  { hash: '#/stocks', charts: ['chart-deficits'] },
  { hash: '#/finance', charts: ['chart-couts', 'chart-tendance', 'chart-dms'] },
  { hash: '#/patients?q=Dupont&patient_id=1&date=2026-01-01', charts: [] },
  { hash: '#/pipeline', charts: ['chart-tests', 'chart-gantt'] },
];

for (const spec of PAGES) {
  test(`page ${spec.hash} loads with its charts and no console error`, async () => {
    const { page, context, errors } = await openPage(spec.hash);
    try {
      assert.equal(await page.isHidden('#page-error'), true, await page.textContent('#page-error'));
      const pixels = await chartPixels(page);
      for (const id of spec.charts) assert.ok(pixels[id] > 1000, `${id} drew ${pixels[id]} pixels`);
      const name = spec.hash.slice(2).split('?')[0];
      const variance = await screenshotVariance(page, name);
      assert.ok(variance > 100, `screenshot ${name} looks blank (variance ${variance})`);
      assert.match(await page.textContent('#freshness'), /Données au 2026-03-31 18:00/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('Pilotage des lits: the service filter changes the figures', async () => {
  const { page, context, errors } = await openPage('#/lits');
  try {
    // Fixture, 2026-03-02..2026-03-31: 30 days of CARD 24 + i % 4, PNEU 14 + i % 2, GERI 9 + i % 2.
    assert.equal(norm(await kpiText(page, 'taux-actuel')), '90 %');
    assert.equal(norm(await kpiText(page, 'taux-periode')), '82,4 %');
    await waitRerender(page, () => page.selectOption('#filtre-service', 'CARD'));
    assert.equal(norm(await kpiText(page, 'taux-actuel')), '93,3 %');
    assert.equal(norm(await kpiText(page, 'taux-periode')), '84,8 %');
    assert.equal(await page.locator('#table-occupation tbody tr').count(), 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Gestion des stocks: the CSV export downloads the rows shown', async () => {
  const { page, context, errors } = await openPage('#/stocks');
  try {
    const shown = await page.locator('#table-alertes tbody tr td:first-child').allTextContents();
    assert.deepEqual(shown, ['Amoxicilline 1 g', 'Adrénaline 1 mg', 'Insuline rapide', 'Paracétamol 500 mg']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#table-alertes a.csv')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(csv.length, shown.length + 1);
    assert.deepEqual(csv.slice(1).map((line) => line.split(',')[1]), shown);
    await waitRerender(page, () => page.selectOption('#filtre-niveau', 'ATTENTION'));
    assert.equal(norm(await kpiText(page, 'nb-alertes')), '2');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Analyse financière: clicking a service row drills down to its motifs', async () => {
  const { page, context, errors } = await openPage('#/finance');
  try {
    await waitRerender(page, () => page.click('#table-couts tbody tr:nth-child(2)'));
    const motifs = await page.locator('#table-motifs tbody tr td:first-child').allTextContents();
    assert.deepEqual(motifs, ['Pneumonie', 'Bilan']);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with login required, a pharmacie user sees its pages and no patient identity', async () => {
  const dir = makeDataDir();
  const added = spawnSync(binary, ['--data-dir', dir, 'users', 'add', 'claire', '--role', 'pharmacie'],
    { encoding: 'utf8', env: { ...process.env, HEALTHFLOW_USER_PASSWORD: 'pharmacie-2026' } });
  assert.equal(added.status, 0, added.stderr);
  const url = await startServer(dir, ['--require-login']);
  const context = await browser.newContext({ viewport: { width: 800, height: 1100 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  try {
    await page.goto(`${url}/`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('input[name=utilisateur]', 'claire');
    await page.fill('input[name=mot_de_passe]', 'mauvais');
    await page.click('#login-form button');
    await page.waitForFunction(() => document.getElementById('login-error').textContent !== '');
    assert.equal(await page.textContent('#login-error'), 'identifiant ou mot de passe incorrect');
    await page.fill('input[name=mot_de_passe]', 'pharmacie-2026');
    await page.click('#login-form button');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    assert.deepEqual(await page.locator('#nav a').allTextContents(), ['Gestion des stocks', 'Historique patient']);
    assert.equal(await page.getAttribute('body', 'data-page'), 'stocks');
    await page.evaluate(() => { document.body.dataset.ready = 'false'; location.hash = '#/patients?q=1&patient_id=1'; });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    const text = await page.textContent('#page');
    assert.ok(!text.includes('Dupont') && !text.includes('Marie'), 'identity shown to pharmacie');
    assert.ok(text.includes('5 avenue Foch, Paris'));
    assert.ok(text.includes('Historique pseudonymisé'));
    await screenshotVariance(page, 'patients-pharmacie-tablette');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
