// Loads the nianbao WebAssembly module and starts the page. Everything the page does lives in
// Rust (src/web); this file only instantiates the module, exposes the JavaScript API as
// window.nianbao, and re-instantiates the module (keeping the user's text) if it ever panics.
// The PDF and Word 97–2003 readers live in a second module, instantiated only when the first
// such file arrives (loadReaders).
'use strict';
(function () {
  const MAX_RESTARTS = 5;
  const WARM_ROUNDS = 8;
  let glue = null; // exports of the live module instance
  let controller = null; // aborts the live instance's listeners and timers
  let compiled = null; // Promise<WebAssembly.Module>, compiled once, shared by every instance
  let restarts = 0;
  let recovering = false;
  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });

  // The single file runs this script from <head>, so that the module compiles while the rest
  // of the page is parsed and laid out; the page is booted once its elements exist.
  const domReady = document.readyState === 'loading'
    ? new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }))
    : Promise.resolve();

  function notice(msg) {
    domReady.then(() => {
      const n = document.getElementById('nb-notice');
      const box = document.getElementById('nb-notice-box');
      if (n && box) { n.textContent = msg; box.hidden = false; }
    });
  }

  function fromBase64(s) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // A module travels inside the page as base64 (of its gzip form): the page may not fetch
  // anything (CSP connect-src 'none'), and file:// pages cannot load modules. It is compiled
  // while it is inflated (compileStreaming on the inflating stream), else from all its bytes.
  async function compileModule(global, id) {
    let src = self[global];
    if (!src) {
      const el = document.getElementById(id);
      if (el) src = { gzip: el.dataset.encoding === 'gzip', data: el.textContent.trim() };
    }
    if (!src || !src.data) throw new Error('页面缺少 WebAssembly 模块');
    const bytes = fromBase64(src.data);
    performance.mark('nianbao:bytes');
    if (!src.gzip) return WebAssembly.compile(bytes);
    const inflate = () => new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    if (typeof WebAssembly.compileStreaming === 'function') {
      try {
        return await WebAssembly.compileStreaming(new Response(inflate(), { headers: { 'Content-Type': 'application/wasm' } }));
      } catch (e) {
        if (!(e instanceof TypeError)) throw e; // a browser that refuses a made-up Response
      }
    }
    return WebAssembly.compile(await new Response(inflate()).arrayBuffer());
  }

  // Text the module leaves out to stay small (src/assets.rs): the rules' documentation, the
  // sample and the report stylesheet; the module reads it from this global when it needs it,
  // which is never on the way to ready (so the single file's JSON is parsed on first use).
  if (!self.NIANBAO_ASSETS) {
    let assets = null;
    Object.defineProperty(self, 'NIANBAO_ASSETS', {
      configurable: true,
      get() {
        const el = !assets && document.getElementById('nb-assets');
        if (el) assets = JSON.parse(el.textContent);
        return assets;
      },
    });
  }

  async function instantiate() {
    if (!compiled) {
      performance.mark('nianbao:start');
      compiled = compileModule('NIANBAO_WASM', 'nb-wasm');
    }
    const g = nianbaoGlue(); // a fresh copy of the wasm-bindgen glue: fresh module state
    await g({ module_or_path: await compiled });
    performance.mark('nianbao:instantiated');
    return g;
  }

  async function boot(recovered, why) {
    const [g] = await Promise.all([instantiate(), domReady]);
    controller = new AbortController();
    glue = g;
    if (document.getElementById('nb-input')) g.bootPage(controller.signal, recovered, why || null);
    if (window.nianbaoReadyAt === undefined) {
      window.nianbaoReadyAt = performance.now();
      warmUp();
    }
    document.documentElement.dataset.ready = 'true';
    markReady();
    // The served page keeps an offline copy (a failure only means no offline copy).
    if (!recovered && /^https?:$/.test(location.protocol) && navigator.serviceWorker) {
      navigator.serviceWorker.register('sw.js').catch(() => {});
    }
  }

  // V8 compiles each function of the module on its first call and optimises it only after
  // many: checking and rendering the sample once, when the page is idle after load, makes the
  // first real paste fast. The result is dropped; the page, the text and the draft are untouched.
  function warmUp() {
    if (self.NIANBAO_NO_WARMUP) return; // tests/browser/timing.mjs: a cold module, on purpose
    const idle = self.requestIdleCallback
      ? (f) => requestIdleCallback(f, { timeout: 1000 })
      : (f) => setTimeout(f, 100);
    let rounds = WARM_ROUNDS;
    const round = () => {
      const sample = self.NIANBAO_ASSETS && self.NIANBAO_ASSETS.sample;
      try {
        if (sample && glue) glue.render(glue.check(sample));
      } catch (e) {
        if (isTrap(e)) recover(e.message);
        rounds = 0;
      }
      // A few rounds, each when the page is idle: the hottest functions get optimised too.
      if (--rounds > 0) idle(round);
      else document.documentElement.dataset.warm = 'true';
    };
    idle(round);
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

  const isTrap = (e) => typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError;

  // The served page has the readers module in two files beside this one; the single file has
  // both inline (no fetch at all).
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error('无法载入 ' + src));
      document.head.appendChild(s);
    });
  }

  // Instantiates the readers module once and publishes it as window.nianbaoReaders, which the
  // start module calls (synchronously) to read a Word file, PDF or RTF into a document.
  let readers = null;
  function loadReaders() {
    if (!readers) {
      readers = (async () => {
        performance.mark('nianbao:readers-start');
        if (typeof self.nianbaoReadersGlue !== 'function') await loadScript('nianbao-readers-glue.js');
        if (!self.NIANBAO_READERS_WASM && !document.getElementById('nb-readers-wasm')) {
          await loadScript('nianbao-readers-wasm.js');
        }
        await domReady; // the single file carries the readers module at the end of <body>
        const module = await compileModule('NIANBAO_READERS_WASM', 'nb-readers-wasm');
        let g = self.nianbaoReadersGlue();
        await g({ module_or_path: module });
        window.nianbaoReaders = Object.freeze({
          extract(bytes) {
            try {
              return g.extract(bytes);
            } catch (e) {
              // A trapped instance is not used again: a fresh one for the next file.
              if (isTrap(e)) { g = self.nianbaoReadersGlue(); g.initSync({ module }); }
              throw e;
            }
          },
        });
        performance.mark('nianbao:readers-instantiated');
        window.nianbaoReadersLoadedAt = performance.now();
        document.documentElement.dataset.readers = 'loaded';
      })().catch((e) => {
        readers = null;
        notice('Word 与 PDF 读取模块无法加载（' + e.message + '），这类文件暂时无法检查。请刷新页面后重试。');
        throw e;
      });
    }
    return readers;
  }

  // Big checks run in a Web Worker: a second instance of the same module, so that typing and
  // scrolling stay responsive meanwhile. The worker is made from a Blob of the glue's own source
  // (nianbaoGlue.toString()) and a small main function, which also works in the single file
  // opened from disk (file:// pages cannot load workers from files); it gets the compiled module
  // and the cold texts by postMessage. One job at a time: a newer job stops (terminates) the
  // worker still busy with an older one, whose promise then rejects. A job's text and files
  // travel as bytes whose buffers are transferred (src/web/worker.rs).
  function workerMain() {
    let ready = null;
    self.onmessage = async (e) => {
      const m = e.data;
      if (m.module) {
        self.NIANBAO_ASSETS = m.assets;
        const g = nianbaoGlue();
        ready = g({ module_or_path: m.module }).then(() => g);
        return;
      }
      try {
        const g = await ready;
        // (The text comes as UTF-8 bytes: decoded here, off the page's thread.)
        const text = m.text ? new TextDecoder().decode(m.text) : null;
        const [out, read] = g.checkJob(m.id, m.name, text, m.bytes ?? null, m.previous ?? null,
          m.prevAgency ?? null, m.prevYear ?? null);
        self.postMessage({ id: m.id, out, text: read });
      } catch (err) {
        self.postMessage({ id: m.id, error: String((err && err.message) || err) });
      }
    };
  }
  let workerUrl = null;
  let workerP = null; // Promise of { w, busy: { id, resolve, reject } | null }
  let current = null; // the worker running a job
  let latest = null; // the newest job's id
  async function startWorker() {
    if (!workerUrl) {
      const src = `${nianbaoGlue.toString()}\n(${workerMain.toString()})();\n`;
      workerUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    }
    const w = new Worker(workerUrl);
    const me = { w, busy: null };
    const stop = (why) => {
      if (me.busy) me.busy.reject(new Error(why));
      me.busy = null;
      w.terminate();
      if (current === me) current = null;
      if (workerP && workerP.me === me) workerP = null;
    };
    me.stop = stop;
    w.onmessage = (e) => {
      const job = me.busy;
      if (!job || job.id !== e.data.id) return;
      me.busy = null;
      if (e.data.error !== undefined) job.reject(new Error(e.data.error));
      else { performance.mark('nianbao:worker-reply'); job.resolve(e.data); }
    };
    w.onerror = (e) => { e.preventDefault(); stop(e.message || 'worker error'); };
    w.postMessage({ module: await compiled, assets: self.NIANBAO_ASSETS || null });
    return me;
  }
  async function checkInWorker(job) {
    latest = job.id;
    // Cancels an older check still running: its result would be stale anyway.
    if (current && current.busy) current.stop('superseded');
    if (!workerP) {
      const p = startWorker();
      workerP = p;
      p.then((me) => { p.me = me; }, () => { if (workerP === p) workerP = null; });
    }
    const me = await workerP;
    if (latest !== job.id) throw new Error('superseded');
    current = me;
    return new Promise((resolve, reject) => {
      me.busy = { id: job.id, resolve, reject };
      performance.mark('nianbao:worker-job'); // (the tests count these)
      // Its texts and files are fresh copies (UTF-8 bytes): handed over, not copied again.
      me.w.postMessage(job, [job.text, job.bytes, job.previous].filter(Boolean).map((a) => a.buffer));
    });
  }

  // Offers text as a file download: a blob: URL (no network), revoked once the download has
  // read it.
  function download(name, mime, data) {
    const url = URL.createObjectURL(new Blob([data], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // The local time as the page stamps a check: 「2026-12-06 17:45:03」.
  function clock() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }

  // 复制摘要: the summary on the clipboard, else as a file; the status line says which.
  function copySummary(text) {
    const say = (m) => { document.getElementById('nb-status').textContent = m; };
    Promise.resolve().then(() => navigator.clipboard.writeText(text)).then(
      () => say('摘要已复制到剪贴板，可以粘贴到邮件或聊天窗口中。'),
      () => {
        download('年报校验摘要.txt', 'text/plain;charset=utf-8', text);
        say('浏览器不允许写入剪贴板，摘要已作为文本文件下载。');
      }).catch(() => {});
  }

  // Wide tables that scroll say so (report.css shows a hint beside a box marked nb-overflows).
  // Marked when the browser lays a box out, resizes it or changes its content: a ResizeObserver
  // forces no layout (measuring every box at once took 15–25 ms for a 10 MB paste's results),
  // and a table below the first screen (content-visibility: auto) is measured when scrolled near.
  // The boxes are measured in the callback (laid out already) and marked in the next frame: a mark
  // changes the layout, and changed there it made the browser report "ResizeObserver loop
  // completed with undelivered notifications". (Border boxes are observed: the mark's border
  // changes the content box.) A box not laid out yet (width 0) is measured once it is.
  const overflow = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      const over = entries.filter((e) => e.contentRect.width > 0)
        .map((e) => [e.target, e.target.scrollWidth > e.target.clientWidth + 1]);
      requestAnimationFrame(() => {
        for (const [box, o] of over) box.classList.toggle('nb-overflows', o);
      });
    })
    : null;
  function watchOverflow(root) {
    if (!overflow) return;
    overflow.disconnect();
    for (const box of root.querySelectorAll('.nb-scroll')) overflow.observe(box, { box: 'border-box' });
  }

  // Called by the module: its panic hook, just before the trap unwinds to JavaScript; and
  // loadReaders when a Word file or PDF arrives; checkInWorker for big checks; download and
  // copySummary for the exports; clock for the check's time stamp; watchOverflow after the
  // results are drawn.
  window.nianbaoLoader = Object.freeze({
    panicked: (msg) => recover(String(msg)),
    loadReaders,
    download,
    copySummary,
    clock,
    watchOverflow,
    ...(typeof Worker === 'function' && typeof Blob === 'function' ? { checkInWorker } : {}),
  });
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
    // check() reads PDF and .doc only once this has resolved (the page calls it by itself).
    loadReaders,
  });

  if (typeof WebAssembly !== 'object' || typeof DecompressionStream !== 'function') {
    notice('您的浏览器版本过旧，无法运行本页面。请使用新版 Chrome、Edge、Firefox 或 Safari（国产浏览器请切换到“极速模式”）。');
    return;
  }
  boot(false).catch((e) => notice('页面无法启动：' + e.message));
})();
