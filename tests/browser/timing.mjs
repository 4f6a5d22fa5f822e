// Measures the page in headless Chromium (figures for the notes, never assertions):
//   time to ready: navigation start → module compiled and page live (window.nianbaoReadyAt)
//   paste → results drawn for the seed report: the paste's input event → results in the DOM,
//     and → the next frame painted
//   check alone inside Chromium: window.nianbao.check(seed), for comparison with native
//   a ~200 KB .docx (scripts/docx-200k.py): check() and check() + render() on its bytes
// Usage: node timing.mjs [runs]   (after ./build.sh; reads ../shared/corpus/seed)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const runs = Number(process.argv[2] || 15);
const seedPath = join(root, '../shared/corpus/seed/000_ffcb108f41c038dc.txt');
const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : readFileSync(join(root, 'www/sample/clean.txt'), 'utf8');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})`;

const benchDir = join(root, 'target/bench');
execFileSync('python3', [join(root, 'scripts/docx-200k.py'), benchDir], { stdio: 'ignore' });
const docx = ['report-image.docx', 'report-long.docx'].map((n) => [n, [...readFileSync(join(benchDir, n))]]);

const server = await serve(join(root, 'dist/www'));
const targets = [['served (localhost, first visit)', server.url], ['single file (file://)', pathToFileURL(join(root, 'dist/nianbao.html')).href]];
console.log(`report used: ${existsSync(seedPath) ? 'seed 000_ffcb108f41c038dc.txt' : 'www/sample/clean.txt'} (${Buffer.byteLength(seed)} bytes)`);
for (const [name, url] of targets) {
  const ready = [];
  const sync = [];
  const frame = [];
  const check = [];
  const docxTimes = {};
  for (let i = 0; i < runs; i++) {
    const ctx = await launch(); // a fresh profile: no service worker, no cache
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready=true]');
    ready.push(await page.evaluate(() => window.nianbaoReadyAt));
    for (let k = 0; k < 5; k++) {
      const t = await page.evaluate(async ([text]) => {
        const ta = document.getElementById('nb-input');
        const t0 = performance.now();
        ta.value = text;
        ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
        const t1 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return [t1 - t0, performance.now() - t0];
      }, [seed + '\n'.repeat(k + 1)]);
      if (!(await page.textContent('#nb-results')).includes('检查结果')) throw new Error('no results drawn');
      sync.push(t[0]);
      frame.push(t[1]);
    }
    check.push(await page.evaluate(([text]) => {
      for (let w = 0; w < 5; w++) window.nianbao.check(text);
      const t0 = performance.now();
      for (let n = 0; n < 50; n++) window.nianbao.check(text);
      return (performance.now() - t0) / 50;
    }, [seed]));
    for (const [n, bytes] of docx) {
      const [c, cr] = await page.evaluate(([b]) => {
        const bytes = new Uint8Array(b);
        for (let w = 0; w < 3; w++) window.nianbao.check(bytes);
        let t0 = performance.now();
        for (let k = 0; k < 10; k++) window.nianbao.check(bytes);
        const c = (performance.now() - t0) / 10;
        t0 = performance.now();
        for (let k = 0; k < 10; k++) window.nianbao.render(window.nianbao.check(bytes));
        return [c, (performance.now() - t0) / 10];
      }, [bytes]);
      (docxTimes[n] ||= { check: [], render: [] }).check.push(c);
      docxTimes[n].render.push(cr);
    }
    await ctx.close();
  }
  console.log(`\n${name}`);
  console.log(`  time to ready            ${fmt(ready)}   budget ≤ 300 ms`);
  console.log(`  paste → results in DOM   ${fmt(sync)}   budget ≤ 50 ms`);
  console.log(`  paste → next frame       ${fmt(frame)}`);
  console.log(`  check() alone (wasm)     ${fmt(check)}`);
  for (const [n, bytes] of docx) {
    console.log(`  ${n} (${bytes.length} B): check() ${fmt(docxTimes[n].check)}   budget ≤ 20 ms`);
    console.log(`  ${n}: check() + render() ${fmt(docxTimes[n].render)}`);
  }
}
await server.close();
