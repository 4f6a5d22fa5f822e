// Loads the nianbao WebAssembly module and starts the page. Everything the page does lives in
// Rust (src/web); this file only instantiates the module, exposes the JavaScript API as
// window.nianbao, and re-instantiates the module (keeping the user's text) if it ever panics.
'use strict';
(function () {
  const MAX_RESTARTS = 5;
  let glue = null; // exports of the live module instance
  let controller = null; // aborts the live instance's listeners and timers
  let compiled = null; // Promise<WebAssembly.Module>, compiled once, shared by every instance
  let restarts = 0;
  let recovering = false;
  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });

  function notice(msg) {
    const n = document.getElementById('nb-notice');
    const box = document.getElementById('nb-notice-box');
    if (n && box) { n.textContent = msg; box.hidden = false; }
  }

  function fromBase64(s) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // The module travels inside the page as base64 (of its gzip form): the page may not fetch
  // anything (CSP connect-src 'none'), and file:// pages cannot load modules.
  async function wasmBytes() {
    let src = self.NIANBAO_WASM;
    if (!src) {
      const el = document.getElementById('nb-wasm');
      if (el) src = { gzip: el.dataset.encoding === 'gzip', data: el.textContent.trim() };
    }
    if (!src || !src.data) throw new Error('页面缺少 WebAssembly 模块');
    const bytes = fromBase64(src.data);
    if (!src.gzip) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // Text the module leaves out to stay small (src/assets.rs): the rules' documentation, the
  // sample and the report stylesheet; the module reads it from this global when it needs it.
  if (!self.NIANBAO_ASSETS) {
    const el = document.getElementById('nb-assets');
    if (el) self.NIANBAO_ASSETS = JSON.parse(el.textContent);
  }

  async function instantiate() {
    if (!compiled) {
      performance.mark('nianbao:start');
      compiled = wasmBytes().then((b) => {
        performance.mark('nianbao:bytes');
        return WebAssembly.compile(b);
      });
    }
    const g = nianbaoGlue(); // a fresh copy of the wasm-bindgen glue: fresh module state
    await g({ module_or_path: await compiled });
    performance.mark('nianbao:instantiated');
    return g;
  }

  async function boot(recovered, why) {
    const g = await instantiate();
    controller = new AbortController();
    glue = g;
    if (document.getElementById('nb-input')) g.bootPage(controller.signal, recovered, why || null);
    if (window.nianbaoReadyAt === undefined) window.nianbaoReadyAt = performance.now();
    document.documentElement.dataset.ready = 'true';
    markReady();
  }

  function recover(msg) {
    if (recovering) return;
    recovering = true;
    if (controller) controller.abort();
    glue = null;
    document.documentElement.dataset.ready = 'recovering';
    setTimeout(() => {
      restarts += 1;
      if (restarts > MAX_RESTARTS) {
        notice('检查程序多次出错，已停止运行。请刷新页面；您的草稿已保存在本机浏览器中。');
        return;
      }
      boot(true, msg)
        .catch((e) => notice('检查程序无法重新启动（' + e.message + '），请刷新页面。'))
        .finally(() => { recovering = false; });
    }, 0);
  }

  // Called by the module's panic hook, just before the trap unwinds to JavaScript.
  window.nianbaoLoader = Object.freeze({ panicked: (msg) => recover(String(msg)) });
  const isTrap = (e) => typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError;
  window.addEventListener('error', (e) => { if (isTrap(e.error)) recover(e.error.message); });
  window.addEventListener('unhandledrejection', (e) => { if (isTrap(e.reason)) recover(e.reason.message); });

  function call(name, args) {
    if (!glue) throw new Error('nianbao 尚未就绪：请先 await nianbao.ready');
    try {
      return glue[name](...args);
    } catch (e) {
      if (isTrap(e)) {
        recover(e.message);
        throw new Error('nianbao 内部错误，模块已重新加载：' + e.message);
      }
      throw e;
    }
  }

  // The JavaScript API of output.md, also for other scripts on this page.
  window.nianbao = Object.freeze({
    ready,
    check: (input, options) => call('check', [input, options]),
    rules: () => call('rules', []),
    render: (result) => call('render', [result]),
    version: () => call('version', []),
  });

  if (typeof WebAssembly !== 'object' || typeof DecompressionStream !== 'function') {
    notice('您的浏览器版本过旧，无法运行本页面。请使用新版 Chrome、Edge、Firefox 或 Safari（国产浏览器请切换到“极速模式”）。');
    return;
  }
  boot(false).catch((e) => notice('页面无法启动：' + e.message));
})();
