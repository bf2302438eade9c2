// istio2asm for Node: the ES module entry of the npm package's `node` build.
// wasm-bindgen's nodejs glue (istio2asm.cjs, CommonJS) compiles the .wasm synchronously when it is
// first loaded, so every function works as soon as this module is imported. `init` and `initSync`
// exist so that code written for the web build (`await init()`) runs unchanged in Node.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasm = require('./istio2asm.cjs');

export const { check, plan, render, collect, explain, version } = wasm;

/** Does nothing in Node (the module is ready on import); returns a resolved promise. */
export default async function init() {
  return undefined;
}

/** Does nothing in Node (the module is ready on import). */
export function initSync() {
  return undefined;
}
