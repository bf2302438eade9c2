// The library page (web/lib.html) in headless Chromium (Debian's, driven by playwright-core): it
// loads the JavaScript library from its own origin, checks a fixture chosen through the file input,
// shows the findings, the gates and the runbook, copies and downloads the runbooks (byte for byte the
// CLI's), reports bad settings, and makes no request outside its origin and no CSP violation.
// Screenshots go to tests/output/.
//
// Run: node --test tests/browser/lib-page.test.mjs (after scripts/build-js.sh; `bash scripts/test.sh
// js_browser` does both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'web');
const output = path.join(root, 'tests/output');
const fixtureDir = path.join(root, 'tests/fixtures/upstream-istio/install/default-istiod');
const fixtureName = 'pilot_default.golden.yaml';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let server;
let origin;
let context;
let profile;

async function serve() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', web], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && child.exitCode === null; i++) {
      try {
        if ((await fetch(`${url}/lib.html`)).ok) return { child, url };
      } catch {
        // Not up yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
  }
  throw new Error('the static server did not start');
}

/** The CLI's output for the same file, named as the page names it (its base name). */
function cli(args) {
  const binary = [process.env.ISTIO2ASM_CLI, path.join(root, 'target/debug/istio2asm'), path.join(root, 'target/release/istio2asm')]
    .filter(Boolean)
    .find((p) => existsSync(p));
  assert.ok(binary, 'no istio2asm binary: cargo build -p istio2asm-cli');
  const run = spawnSync(binary, args, { cwd: fixtureDir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** A fresh page that records every request, page error and CSP report. */
async function openPage() {
  const page = await context.newPage();
  const seen = { requests: [], errors: [], console: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) seen.console.push(m.text());
  });
  await page.goto(`${origin}/lib.html`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
  return { page, seen };
}

function assertClean(seen) {
  const foreign = seen.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests left the page origin');
  assert.deepEqual(seen.errors, [], 'page errors');
  assert.deepEqual(seen.console, [], 'console errors or CSP reports');
}

const findingCodes = (page) => page.$$eval('#findings tbody td.code', (cells) => cells.map((c) => c.textContent));

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await file.path(), 'utf8');
}

before(async () => {
  assert.ok(existsSync(path.join(web, 'js/pkg/web/istio2asm.js')), 'web/js/pkg is missing: run scripts/build-js.sh');
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  mkdirSync(output, { recursive: true });
  ({ child: server, url: origin } = await serve());
  profile = mkdtempSync(path.join(tmpdir(), 'istio2asm-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
});

after(async () => {
  await context?.close();
  server?.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('a fixture chosen through the file input: findings, gates, runbook; nothing leaves the origin', async () => {
  const { page, seen } = await openPage();
  assert.match(await page.textContent('#version'), /^v\d+\.\d+\.\d+/);
  assert.match(await page.textContent('#collect'), /kubectl --kubeconfig="\$\{K8S_KUBECONFIG\}" get namespaces,/);

  await page.setInputFiles('#files', path.join(fixtureDir, fixtureName));
  await page.waitForSelector('body[data-state="done"]', { timeout: 60000 });
  const codes = await findingCodes(page);
  // Istio 1.1.4 is older than 1.10 (MIG202); no ASMMigrateFromIstio (MIG101); no ASM version (MIG203).
  for (const code of ['MIG202', 'MIG101', 'MIG203']) assert.ok(codes.includes(code), `${code} in ${codes}`);
  const locations = await page.$$eval('#findings tbody td.location', (cells) => cells.map((c) => c.textContent));
  assert.ok(locations.some((l) => l.startsWith(`${fixtureName}:`)), locations.join(' '));
  assert.match(await page.textContent('#state'), /Init \(assumed/);
  assert.ok((await page.$$('#gates tbody tr')).length > 0, 'the gates of the next transition are listed');
  assert.match(await page.textContent('#status'), /Checked 1 file, 17 objects/);

  // The runbook shown and downloaded is the CLI's, byte for byte.
  const markdown = cli(['plan', fixtureName, '--format', 'markdown']);
  assert.equal(await page.textContent('#runbook'), markdown);
  assert.equal(await download(page, '#download-md'), markdown);
  assert.equal(await download(page, '#download-sh'), cli(['plan', fixtureName, '--format', 'shell']));
  assert.equal(await download(page, '#download-json'), cli(['plan', fixtureName, '--format', 'json']));

  await page.check('input[name="runbook-format"][value="shell"]');
  assert.match(await page.textContent('#runbook'), /^#!\/usr\/bin\/env bash/);
  await page.check('input[name="runbook-format"][value="markdown"]');

  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy').textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), markdown);

  await page.screenshot({ path: path.join(output, 'lib-page-fixture.png'), fullPage: true });
  assertClean(seen);
  await page.close();
});

test('the demo cluster, the severity filter, a pasted export and a bad setting', async () => {
  const { page, seen } = await openPage();
  await page.click('#demo');
  await page.waitForSelector('body[data-state="done"]', { timeout: 60000 });
  assert.match(await page.textContent('#state'), /SetupIstioForMigrate \(settled\)/);
  assert.ok((await findingCodes(page)).includes('MIG402'));
  assert.match(await page.textContent('#gates tbody'), /FAIL/);
  assert.equal(await page.textContent('#gates caption'), 'Gates of SetupIstioForMigrate → Migrating');
  await page.screenshot({ path: path.join(output, 'lib-page-demo.png'), fullPage: true });

  await page.selectOption('#severity-filter', 'error');
  const severities = await page.$$eval('#findings tbody .badge', (b) => b.map((x) => x.textContent));
  assert.ok(severities.length > 0 && severities.every((s) => s === 'error'), severities.join(' '));
  await page.selectOption('#severity-filter', 'all');

  await page.click('#clear');
  await page.fill('#paste', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
  await page.click('#run');
  await page.waitForSelector('body[data-state="done"]');
  assert.ok((await findingCodes(page)).includes('MIG001'));
  const location = await page.$$eval('#findings tbody td.location', (cells) => cells.map((c) => c.textContent));
  assert.ok(location.some((l) => l.startsWith('pasted.yaml:')));

  await page.fill('#asm-version', 'latest');
  await page.click('#run');
  await page.waitForSelector('body[data-state="failed"]');
  assert.match(await page.textContent('#status'), /^E_OPTIONS: check: options: the ASM version "latest" is not a version/);
  assertClean(seen);
  await page.close();
});

test('the app page links to the library page', async () => {
  const html = readFileSync(path.join(web, 'index.html'), 'utf8');
  assert.match(html, /href="lib\.html"/);
  const lib = readFileSync(path.join(web, 'lib.html'), 'utf8');
  assert.match(lib, /href="index\.html"/);
  assert.match(lib, /Content-Security-Policy/);
});
