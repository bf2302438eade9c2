// Benchmark (not a test): time to first results in the browser for the app's 10 MB export, from
// handing the file to the page's file input until the app shows the analysis.
// Run after `cargo bench -p istio2asm-app --bench ui -- --write-export` and scripts/build-web.sh:
//   node tests/browser/app-bench.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const exportFile = path.join(root, "bench-data/app-10mb.yaml");
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(root, "web")], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "istio2asm-bench-")), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  const summary = () => page.evaluate(() => (window.istio2asm ? JSON.parse(window.istio2asm.summary()) : null));
  while (!(await summary())?.demo) await page.waitForTimeout(100);
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const chooser = page.waitForEvent("filechooser");
    await page.evaluate(() => window.istio2asm.openFiles());
    const start = performance.now();
    await (await chooser).setFiles(exportFile);
    for (;;) {
      const s = await summary();
      if (s && !s.busy && s.files.includes("app-10mb.yaml") && s.objects > 1000) break;
      await page.waitForTimeout(20);
    }
    runs.push(performance.now() - start);
    await page.evaluate(() => window.istio2asm.loadDemo());
    while (!(await summary())?.demo) await page.waitForTimeout(50);
  }
  const mb = statSync(exportFile).size / 1e6;
  console.log(`| browser time to first results (${mb.toFixed(1)} MB, file input to results), best of 3 | ${Math.min(...runs).toFixed(0)} ms |`);
} finally {
  await context.close();
  server.kill();
}
