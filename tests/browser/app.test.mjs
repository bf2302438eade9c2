// The planning app in headless Chromium (Debian's, driven by playwright-core): it starts, shows the
// demo, loads a fixture through the page's file input, and makes no request outside its origin,
// served over HTTP or opened from disk. Screenshots go to tests/output/.
//
// Run: node --test tests/browser/app.test.mjs (after scripts/build-web.sh).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const web = path.join(root, "web");
const output = path.join(root, "tests/output");
const fixture = path.join(root, "tests/fixtures/upstream-istio/install/default-istiod/pilot_default.golden.yaml");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let server;
let origin;

async function serve() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", web], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      const response = await fetch(url + "/index.html");
      if (response.ok) return { child, url };
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the static server did not start");
}

async function browser(locale = "en-US") {
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "istio2asm-chromium-")), {
    executablePath: CHROMIUM,
    // navigator.language, from which the app takes its first language.
    locale,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
}

/** Waits for the app's test hook and returns its summary once no analysis runs. */
async function summary(page, predicate = () => true, timeout = 60000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(() => (window.istio2asm ? JSON.parse(window.istio2asm.summary()) : null));
    if (last && !last.busy && predicate(last)) return last;
    const error = await page.evaluate(() => document.getElementById("error")?.hidden === false
      ? document.getElementById("error").textContent : null);
    assert.equal(error, null, "the page shows an error");
    await page.waitForTimeout(200);
  }
  assert.fail(`the app did not reach the expected state; last summary: ${JSON.stringify(last)}`);
}

before(async () => {
  assert.ok(existsSync(path.join(web, "app/istio2asm_app.js")), "web/app is missing: run scripts/build-web.sh");
  mkdirSync(output, { recursive: true });
  ({ child: server, url: origin } = await serve());
});

after(() => server?.kill());

test("the app starts with the demo, loads a file through its file input, stays offline", async () => {
  const context = await browser();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(origin + "/index.html");
    const demo = await summary(page, (s) => s.demo);
    assert.equal(demo.state, "SetupIstioForMigrate");
    assert.ok(demo.codes.includes("MIG402"), JSON.stringify(demo));
    assert.ok(demo.workloads > 5);
    await page.screenshot({ path: path.join(output, "app-web-demo.png") });

    const chooser = page.waitForEvent("filechooser", { timeout: 15000 });
    await page.evaluate(() => window.istio2asm.openFiles());
    await (await chooser).setFiles(fixture);
    const loaded = await summary(page, (s) => !s.demo && s.files.includes("pilot_default.golden.yaml"));
    // Istio 1.1.4 is older than 1.10: the version gate fails.
    assert.ok(loaded.codes.includes("MIG202"), JSON.stringify(loaded));
    assert.equal(loaded.state, "Init");
    await page.screenshot({ path: path.join(output, "app-web-loaded.png") });

    const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "requests left the page's origin");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("in a Chinese browser the app starts in Chinese, and the screenshot reads so", async () => {
  const context = await browser("zh-CN");
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(origin + "/index.html");
    const demo = await summary(page, (s) => s.demo && s.lang === "zh-CN");
    // The page's own words follow the browser's language too.
    assert.equal(await page.textContent("#lib"), "JavaScript 库页面");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(demo.state, "SetupIstioForMigrate");
    // Two frames after the analysis, so the Chinese text is drawn.
    await page.waitForTimeout(1500);
    const shot = path.join(output, "app-web-zh-CN.png");
    await page.screenshot({ path: shot });
    // Read back by OCR: two tab names and the gates heading (the selected tab, drawn on its
    // highlight, reads less reliably).
    const ocr = spawnSync("bash", [path.join(root, "scripts/ocr.sh"), shot, "检查结果", "工作负载", "门禁"], { encoding: "utf8" });
    assert.equal(ocr.status, 0, ocr.stderr);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the page works from disk, without a server", async () => {
  const context = await browser();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  try {
    await page.goto(pathToFileURL(path.join(web, "index.html")).href);
    const demo = await summary(page, (s) => s.demo);
    assert.equal(demo.state, "SetupIstioForMigrate");
    const foreign = requests.filter((url) => !url.startsWith("file://") && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "requests left the disk");
  } finally {
    await context.close();
  }
});

test("a failure to start is shown, not a blank page", async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "istio2asm-broken-"));
  try {
    const context = await browser();
    const page = await context.newPage();
    // The loader without the app's files: the page must say so.
    await page.route("**/app/istio2asm_app_wasm.js", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
    await page.goto(origin + "/index.html");
    await page.waitForSelector("#error:not([hidden])", { timeout: 15000 });
    const text = await page.textContent("#error");
    assert.match(text, /could not start/);
    await context.close();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
