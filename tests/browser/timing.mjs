// Measures the page in headless Chromium against design.md's budgets (figures for the notes,
// never assertions). Each run opens fresh profiles (no cache, no service worker):
//   time to ready: navigation start → window.nianbao usable (window.nianbaoReadyAt), from disk
//     (file://) and served, unthrottled and with the CPU throttled 4× (an older office PC),
//     with where the time went (the loader's performance marks)
//   first paste → results in the DOM and → the next frame painted, a few seconds after load as
//     a person would paste (the page warms the module on idle); then the next four pastes
//   check() in Chromium: the first call (in a page whose idle warm-up is switched off) and warm
//     (after 300 calls of every text and a pause), on the seed and ../shared/corpus/real/text,
//     beside the same work natively (examples/time_check.rs: check_str + output.md's report
//     object as JSON text) and their ratio
//   files read by the readers module: two ~200 KB .docx (scripts/docx-200k.py), the PDF fixture and
//     the corpus's real PDFs (5–6 pages): check() and check() + render() on their bytes
// Usage: node timing.mjs [runs] [--dist DIR]...   (after ./build.sh; default dist: ../../dist).
// With several --dist, runs alternate between them (before/after comparisons on a busy machine).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const dists = [];
let runs = 15;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist') dists.push(resolve(args[++i]));
  else runs = Number(args[i]);
}
if (!dists.length) dists.push(join(root, 'dist'));

const seedPath = join(root, '../shared/corpus/seed/000_ffcb108f41c038dc.txt');
const textDir = join(root, '../shared/corpus/real/text');
const reports = existsSync(seedPath) ? [seedPath] : [join(root, 'www/sample/clean.txt')];
if (existsSync(textDir)) for (const f of readdirSync(textDir).sort()) reports.push(join(textDir, f));
const texts = reports.map((p) => readFileSync(p, 'utf8'));
const seed = texts[0];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs, d = 1) => `median ${median(xs).toFixed(d)} ms (min ${Math.min(...xs).toFixed(d)}, max ${Math.max(...xs).toFixed(d)}, n=${xs.length})`;
const verdict = (ok) => (ok ? 'ok' : 'OVER');

// Native figures: the same work as the page's check(text), in a fresh process.
const nativeBin = join(root, 'target/release/examples/time_check');
execFileSync('cargo', ['build', '--quiet', '--release', '--example', 'time_check'], { cwd: root, stdio: 'inherit' });
const native = Object.fromEntries(execFileSync(nativeBin, reports, { encoding: 'utf8' })
  .trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.file, r]));

const benchDir = join(root, 'target/bench');
execFileSync('python3', [join(root, 'scripts/docx-200k.py'), benchDir], { stdio: 'ignore' });
// Files checked in the page through the readers module, with their budgets (design.md: a 6-page
// PDF ≤ 30 ms; a ~200 KB .docx ≤ 20 ms is ours): the .docx of scripts/docx-200k.py, the PDF
// fixture (5 pages) and the corpus's real PDF reports (5–6 pages) when ../shared is there.
const pdfDir = join(root, '../shared/corpus/real/pdf');
const docx = [
  ...['report-image.docx', 'report-long.docx'].map((n) => [n, join(benchDir, n), 20]),
  ['clean-2021.lo.pdf', join(root, 'tests/fixtures/pdf/clean-2021.lo.pdf'), 30],
  ...(existsSync(pdfDir) ? readdirSync(pdfDir).filter((n) => n.endsWith('.pdf')).sort().map((n) => [n, join(pdfDir, n), 30]) : []),
].map(([n, path, budget]) => [n, [...readFileSync(path)], budget]);

const THROTTLE = 4;
async function open({ url, throttle = 1, noWarmup = false }) {
  const ctx = await launch(); // a fresh profile: no service worker, no cache
  const page = ctx.pages()[0] || await ctx.newPage();
  if (throttle > 1) {
    const s = await ctx.newCDPSession(page);
    await s.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  if (noWarmup) await page.addInitScript(() => { window.NIANBAO_NO_WARMUP = true; });
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  const marks = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
    const start = at('nianbao:start');
    return {
      ready: window.nianbaoReadyAt,
      script: start,
      bytes: at('nianbao:bytes') - start,
      compiled: at('nianbao:instantiated') - at('nianbao:bytes'),
      boot: window.nianbaoReadyAt - at('nianbao:instantiated'),
    };
  });
  return { ctx, page, marks };
}

async function paste(page, text) {
  return page.evaluate(async ([t]) => {
    const ta = document.getElementById('nb-input');
    const t0 = performance.now();
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return [t1 - t0, performance.now() - t0];
  }, [text]);
}

// One dist's figures, collected over the runs.
function collector() {
  return { ready: {}, marks: {}, first: [], firstFrame: [], sync: [], frame: [], checkFirst: [], warm: reports.map(() => []), docx: {} };
}
const push = (o, k, v) => (o[k] ||= []).push(v);

async function measure(dist, c) {
  const server = await serve(join(dist, 'www'));
  const file = pathToFileURL(join(dist, 'nianbao.html')).href;
  try {
    for (const [name, url, throttle] of [['file', file, 1], ['file 4×', file, THROTTLE], ['served', server.url, 1]]) {
      const { ctx, page, marks } = await open({ url, throttle });
      push(c.ready, name, marks.ready);
      push(c.marks, name, marks);
      if (name === 'file') {
        // A person pastes a few seconds after the page appears: by then the idle warm-up ran.
        await page.waitForSelector('html[data-warm=true]', { timeout: 3000 }).catch(() => {});
        const [s, f] = await paste(page, seed);
        c.first.push(s);
        c.firstFrame.push(f);
        if (!(await page.textContent('#nb-results')).includes('检查结果')) throw new Error('no results drawn');
        for (let k = 1; k <= 4; k++) {
          const [s2, f2] = await paste(page, seed + '\n'.repeat(k));
          c.sync.push(s2);
          c.frame.push(f2);
        }
      }
      await ctx.close();
    }
    // check() alone: the first call in a cold module, then warm.
    const { ctx, page } = await open({ url: file, noWarmup: true });
    c.checkFirst.push(await page.evaluate(([t]) => {
      const t0 = performance.now();
      window.nianbao.check(t);
      return performance.now() - t0;
    }, [seed]));
    // Warm: 300 calls of every text, then a pause, before any is timed. V8 moves a wasm function
    // to its optimising tier by call counts and compiles it in the background: timed right after
    // its own 300 calls, the first text (the seed) still ran partly on baseline code for its
    // first batches, which showed as a median ~20 % above its minimum.
    await page.evaluate(([ts]) => {
      for (const t of ts) for (let w = 0; w < 300; w++) window.nianbao.check(t);
    }, [texts]);
    await page.waitForTimeout(500);
    const warm = await page.evaluate(([ts]) => ts.map((t) => {
      for (let w = 0; w < 30; w++) window.nianbao.check(t);
      // performance.now() is coarse (≥ 5 µs, often 100 µs): batches of 50 calls.
      const per = [];
      for (let b = 0; b < 20; b++) {
        const t0 = performance.now();
        for (let n = 0; n < 50; n++) window.nianbao.check(t);
        per.push((performance.now() - t0) / 50);
      }
      return per;
    }), [texts]);
    warm.forEach((per, i) => c.warm[i].push(...per));
    for (const [n, bytes] of docx) {
      const [ch, cr] = await page.evaluate(async ([b]) => {
        await window.nianbao.loadReaders(); // .docx and PDF are read by the readers module
        const bytes = new Uint8Array(b);
        for (let w = 0; w < 3; w++) window.nianbao.check(bytes);
        let t0 = performance.now();
        for (let k = 0; k < 10; k++) window.nianbao.check(bytes);
        const ch = (performance.now() - t0) / 10;
        t0 = performance.now();
        for (let k = 0; k < 10; k++) window.nianbao.render(window.nianbao.check(bytes));
        return [ch, (performance.now() - t0) / 10];
      }, [bytes]);
      (c.docx[n] ||= { check: [], render: [] }).check.push(ch);
      c.docx[n].render.push(cr);
    }
    await ctx.close();
  } finally {
    await server.close();
  }
}

function print(dist, c) {
  console.log(`\n${dist}`);
  const budgets = { file: 150, 'file 4×': 500, served: null };
  for (const [name, xs] of Object.entries(c.ready)) {
    const b = budgets[name];
    const m = c.marks[name];
    console.log(`  ready, ${name.padEnd(8)} ${fmt(xs)}${b ? `   budget ≤ ${b} ms: ${verdict(median(xs) <= b)}` : ''}`);
    console.log(`      medians: loader runs at ${median(m.map((x) => x.script)).toFixed(1)} ms, base64 decoded +${median(m.map((x) => x.bytes)).toFixed(1)}, inflated + compiled + instantiated +${median(m.map((x) => x.compiled)).toFixed(1)}, page booted +${median(m.map((x) => x.boot)).toFixed(1)} ms`);
  }
  console.log(`  first paste → in DOM       ${fmt(c.first)}`);
  console.log(`  first paste → painted      ${fmt(c.firstFrame)}   budget ≤ 50 ms: ${verdict(median(c.firstFrame) <= 50)}`);
  console.log(`  next pastes → in DOM       ${fmt(c.sync)}`);
  console.log(`  next pastes → painted      ${fmt(c.frame)}`);
  const n0 = native[reports[0]];
  console.log(`  check() first call, seed   ${fmt(c.checkFirst)}   native first call ${(n0.first_us / 1000).toFixed(2)} ms`);
  // On a busy machine the medians wander; the ratio of the minimums shows what the code costs.
  console.log('  check() warm (batches of 50 calls)          wasm median (min)      native median (min; engine alone)   ratio median (min)   budget ≤ 2×');
  reports.forEach((p, i) => {
    const n = native[p];
    const w = c.warm[i];
    const ratio = median(w) / (n.median_us / 1000);
    const ratioMin = Math.min(...w) / (n.min_us / 1000);
    console.log(`    ${basename(p).slice(0, 34).padEnd(34)} ${String(n.bytes).padStart(6)} B  ${median(w).toFixed(3)} (${Math.min(...w).toFixed(3)}) ms   ${(n.median_us / 1000).toFixed(3)} (${(n.min_us / 1000).toFixed(3)}; ${(n.engine_median_us / 1000).toFixed(3)}) ms   ${ratio.toFixed(2)}× (${ratioMin.toFixed(2)}×)   ${verdict(ratio <= 2)}`);
  });
  for (const [n, bytes, budget] of docx) {
    console.log(`  ${n} (${bytes.length} B): check() ${fmt(c.docx[n].check)}   budget ≤ ${budget} ms: ${verdict(median(c.docx[n].check) <= budget)}`);
    console.log(`  ${n}: check() + render() ${fmt(c.docx[n].render)}`);
  }
}

console.log(`reports: ${reports.map((p) => `${basename(p)} (${readFileSync(p).length} B)`).join(', ')}`);
const collected = dists.map(() => collector());
for (let r = 0; r < runs; r++) {
  for (let d = 0; d < dists.length; d++) await measure(dists[d], collected[d]);
}
dists.forEach((d, i) => print(d, collected[i]));
