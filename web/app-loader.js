// Starts the istio2asm app on the page's canvas. The WebAssembly comes from a script (base64), so
// the page makes no request for it and also works when opened from disk.
"use strict";

(function () {
  const loading = document.getElementById("loading");
  const error = document.getElementById("error");

  // The page's own words, before the app (and its catalogs) loads: in the browser's language, by
  // the app's rule (zh, zh-CN, zh-SG, zh-Hans are Simplified Chinese; anything else English).
  const TEXTS = {
    en: {
      loading: "Loading istio2asm…",
      library: "JavaScript library page",
      failed: "istio2asm could not start: ",
      retry: "\nReload the page; if it persists, use the command line (istio2asm check).",
      missing: "the app's files are missing (build it with scripts/build-web.sh).",
      internal: "the app stopped with an internal error.",
    },
    "zh-CN": {
      loading: "正在加载 istio2asm…",
      library: "JavaScript 库页面",
      failed: "istio2asm 无法启动：",
      retry: "\n请重新加载页面；如果问题仍然存在，请使用命令行（istio2asm check）。",
      missing: "缺少应用文件（请用 scripts/build-web.sh 构建）。",
      internal: "应用因内部错误而停止。",
    },
  };
  const tag = (navigator.language || "en").replace("_", "-").toLowerCase().split("-");
  const lang = tag[0] === "zh" && (tag.length === 1 || ["cn", "sg", "hans"].includes(tag[1])) ? "zh-CN" : "en";
  const words = TEXTS[lang];
  document.documentElement.lang = lang;
  loading.lastChild.textContent = words.loading;
  document.getElementById("lib").textContent = words.library;

  function fail(message) {
    loading.hidden = true;
    error.hidden = false;
    error.textContent = words.failed + message + words.retry;
  }

  async function start() {
    if (typeof wasm_bindgen !== "function" || typeof window.ISTIO2ASM_APP_WASM !== "string") {
      fail(words.missing);
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
        fail(handle.panicMessage() || words.internal);
      }
    }, 1000);
  }

  start().catch((e) => fail(String(e && e.message ? e.message : e)));
})();
