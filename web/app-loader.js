// Starts the istio2asm app on the page's canvas. The WebAssembly comes from a script (base64), so
// the page makes no request for it and also works when opened from disk.
"use strict";

(function () {
  const loading = document.getElementById("loading");
  const error = document.getElementById("error");

  function fail(message) {
    loading.hidden = true;
    error.hidden = false;
    error.textContent = "istio2asm could not start: " + message +
      "\nReload the page; if it persists, use the command line (istio2asm check).";
  }

  async function start() {
    if (typeof wasm_bindgen !== "function" || typeof window.ISTIO2ASM_APP_WASM !== "string") {
      fail("the app's files are missing (build it with scripts/build-web.sh).");
      return;
    }
    const text = atob(window.ISTIO2ASM_APP_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    await wasm_bindgen({ module_or_path: bytes });
    const handle = new wasm_bindgen.WebHandle();
    window.istio2asm = handle;
    await handle.start(document.getElementById("app"));
    loading.remove();
    // A panic inside the app shows here instead of leaving a frozen canvas.
    const watch = setInterval(() => {
      if (handle.hasPanicked()) {
        clearInterval(watch);
        fail(handle.panicMessage() || "the app stopped with an internal error.");
      }
    }, 1000);
  }

  start().catch((e) => fail(String(e && e.message ? e.message : e)));
})();
