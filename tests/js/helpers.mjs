// Shared by the Node tests of the JavaScript library (node --test tests/js/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pkg = path.join(root, 'web/js/pkg');

if (!existsSync(path.join(pkg, 'node/index.js'))) {
  throw new Error(`${pkg} is not built: run bash scripts/build-js.sh`);
}

/** The library, from the package's Node build. */
export const lib = await import(path.join(pkg, 'node/index.js'));

/** The CLI to compare with: $ISTIO2ASM_CLI, else the debug or release build in target/. */
export function cliPath() {
  const candidates = [
    process.env.ISTIO2ASM_CLI,
    path.join(root, 'target/debug/istio2asm'),
    path.join(root, 'target/release/istio2asm'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`no istio2asm binary (tried ${candidates.join(', ')}): cargo build -p istio2asm-cli`);
  }
  return found;
}

/** The environment without a locale: the CLI speaks English unless given `--lang`, as the library does. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['LC_ALL', 'LC_MESSAGES', 'LANG'].includes(name)));

/** Runs the CLI in the repository root; returns stdout (text), stderr and the exit status. */
export function cli(args) {
  const run = spawnSync(cliPath(), args, { cwd: root, env, encoding: 'utf8', maxBuffer: 512 << 20 });
  if (run.error) throw run.error;
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** Asserts that `fn` throws an Error with this code (and a message matching `pattern`). */
export function throwsCode(assert, fn, code, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.equal(e.code, code, `code of: ${e.message}`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}
