// End-to-end tests of the page in headless Chromium, on the served page (dist/www, through a
// localhost server, with its service worker) and on the single file dist/nianbao.html opened
// from disk. Run by ./test.sh after ./build.sh; `npm test` in this folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { haveChromium, launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'dist');
const shots = join(here, 'out');
const SEED = join(root, '../shared/corpus/seed/000_ffcb108f41c038dc.txt');
const SAMPLE = readFileSync(join(root, 'www/sample/sample.txt'), 'utf8');
// The problems planted in the sample (www/sample/README.md).
const SAMPLE_CODES = ['S008', 'S006', 'N001', 'C006', 'T300', 'T303', 'C001', 'T302', 'T401', 'S003', 'K004'];
const CLEAN = readFileSync(join(root, 'www/sample/clean.txt'), 'utf8');
const FIXTURES = join(root, 'tests/fixtures');
const AXE = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
// The clean sample as another agency's or year's report; `carry` is its 结转下年度 for 自然人 and
// in total (the clean report says 1).
const report = (agency, year, carry = 1) => CLEAN.replaceAll('青山县石桥镇', agency).replaceAll('2024', String(year))
  .replace('四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1', `四、结转下年度继续办理\t\t${carry}\t0\t0\t0\t0\t0\t${carry}`);
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">\n'
  + '<svg onload="window.__pwned = 3"></svg>\n' + SAMPLE;

if (!haveChromium()) {
  test('chromium is missing: install it (./test.sh does, with apt-get)', { skip: true }, () => {});
} else if (!existsSync(join(dist, 'nianbao.html'))) {
  test('dist/ is missing: run ./build.sh --no-open first', () => assert.fail('no dist/'));
} else {
  mkdirSync(shots, { recursive: true });
  for (const mode of ['served', 'file']) suite(mode);
  pkgSuite();
}

// dist/pkg as an embedder uses it: check() of a PDF says to load the readers module, then reads it.
function pkgSuite() {
  describe('dist/pkg（嵌入）', () => {
    let server;
    let ctx;
    before(async () => {
      server = await serve(dist);
      ctx = await launch();
    });
    after(async () => {
      await ctx?.close();
      await server?.close();
    });
    test('check() reads .docx, PDF, .doc and RTF once loadReaders() has resolved; .mht at once', async () => {
      const page = ctx.pages()[0] || await ctx.newPage();
      await page.goto(`${server.url}/pkg/report.css`);
      const out = await page.evaluate(async ([pdf, doc, rtf, mht, docx]) => {
        const { default: init, check } = await import('/pkg/nianbao.js');
        const { loadReaders } = await import('/pkg/readers.js');
        await init();
        const brief = (r) => ({ format: r.input_format, codes: r.diagnostics.map((d) => d.code), agency: r.report?.agency ?? null });
        const before = brief(check(new Uint8Array(pdf)));
        const message = check(new Uint8Array(pdf)).diagnostics[0].message;
        const rtfBefore = check(new Uint8Array(rtf)).diagnostics[0].message;
        const docxBefore = check(new Uint8Array(docx)).diagnostics[0].message;
        const mhtBefore = brief(check(new Uint8Array(mht)));
        await loadReaders();
        await loadReaders(); // once is enough; again is harmless
        return { before, message, rtfBefore, docxBefore, mhtBefore, pdf: brief(check(new Uint8Array(pdf))), doc: brief(check(new Uint8Array(doc))), rtf: brief(check(new Uint8Array(rtf))), docx: brief(check(new Uint8Array(docx))) };
      }, [[...readFileSync(join(FIXTURES, 'pdf/clean-2021.lo.pdf'))], [...readFileSync(join(FIXTURES, 'doc/clean-2021.doc'))],
        [...readFileSync(join(FIXTURES, 'rtf/clean-2021.gbk.rtf'))], [...readFileSync(join(FIXTURES, 'mhtml/clean-2021.word.mht'))],
        [...readFileSync(join(FIXTURES, 'docx/clean-2021.docx'))]]);
      assert.deepEqual(out.before, { format: null, codes: ['P001'], agency: null });
      assert.match(out.message, /PDF.*loadReaders/);
      assert.match(out.rtfBefore, /RTF.*loadReaders/);
      assert.match(out.docxBefore, /\.docx.*loadReaders/);
      assert.deepEqual(out.docx, { format: 'docx', codes: [], agency: '青溪县人民政府' });
      // A page saved as one file needs no readers module, and GB2312 comes through the browser's decoder.
      assert.deepEqual(out.mhtBefore, { format: 'html', codes: [], agency: '青溪县人民政府' });
      // Word's GBK bytes decoded in the readers module by the browser's TextDecoder.
      assert.deepEqual(out.rtf, { format: 'rtf', codes: [], agency: '青溪县人民政府' });
      assert.equal(out.pdf.format, 'pdf');
      assert.equal(out.pdf.agency, '青溪县人民政府');
      assert.equal(out.doc.format, 'doc');
      assert.equal(out.doc.agency, '青溪县人民政府');
      // A clean report: nothing at error level (the same fixture checked as .docx in the page).
      const check = await page.evaluate(async (pdf) => {
        const { check } = await import('/pkg/nianbao.js');
        return check(new Uint8Array(pdf)).summary.errors;
      }, [...readFileSync(join(FIXTURES, 'pdf/clean-2021.lo.pdf'))]);
      assert.equal(check, 0);
    });
  });
}

function suite(mode) {
  describe(`${mode === 'served' ? '网页（localhost 服务，service worker）' : '单文件 dist/nianbao.html（file://）'}`, () => {
    let server;
    let ctx;
    let page;
    let url;
    const requests = []; // every request the browser made, and whether the page was loading
    const errors = [];
    let loading = true;
    // Loads (or reloads) the page; requests are allowed only while it loads.
    const load = async (go) => {
      loading = true;
      await go();
      await page.waitForSelector('html[data-ready=true]');
      if (mode === 'served') {
        // The service worker's precaching is part of loading.
        await page.evaluate(() => navigator.serviceWorker.ready);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      }
      await page.waitForTimeout(300);
      loading = false;
    };

    before(async () => {
      if (mode === 'served') {
        server = await serve(join(dist, 'www'));
        url = server.url;
      } else {
        url = pathToFileURL(join(dist, 'nianbao.html')).href;
      }
      ctx = await launch();
      ctx.on('request', (r) => requests.push({ url: r.url(), loading }));
      page = ctx.pages()[0] || await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
      await load(() => page.goto(url));
    });

    after(async () => {
      await ctx?.close();
      await server?.close();
    });

    const results = () => page.locator('#nb-results');
    const setText = async (text) => {
      await page.fill('#nb-input', text);
      // Typing is debounced: wait for the check to land.
      await page.waitForFunction(() => document.documentElement.dataset.checked !== undefined);
    };
    const checkedAfter = async (action) => {
      await page.evaluate(() => { delete document.documentElement.dataset.checked; });
      await action();
      await page.waitForFunction(() => document.documentElement.dataset.checked !== undefined);
    };

    test('loads with a CSP that forbids connections and says nothing is uploaded', async () => {
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /connect-src 'none'/);
      assert.match(await page.textContent('.privacy'), /不会上传/);
      assert.match(await results().textContent(), /检查结果会显示在这里/);
      assert.deepEqual(errors, []);
    });

    // Runs before any other Word file or PDF: the readers module must not be instantiated until then.
    test('the readers module loads only when the first .docx or PDF arrives; .docx, Word 2003 XML, PDF, .doc, RTF and .mht read clean', async (t) => {
      const state = () => page.evaluate(() => ({
        flag: document.documentElement.dataset.readers ?? null,
        global: typeof window.nianbaoReaders,
        marks: performance.getEntriesByName('nianbao:readers-start').length,
      }));
      assert.deepEqual(await state(), { flag: null, global: 'undefined', marks: 0 });
      // Text and a page saved as one file never need it.
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'mhtml/clean-2021.word.mht')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.word\.mht · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为网页/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      assert.deepEqual(await state(), { flag: null, global: 'undefined', marks: 0 });

      const t0 = await page.evaluate(() => performance.now());
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'docx/clean-2021.docx')));
      const t1 = await page.evaluate(() => performance.now());
      t.diagnostic(`first .docx: readers module loaded and report checked in ${(t1 - t0).toFixed(0)} ms (file chosen → result drawn)`);
      assert.deepEqual(await state(), { flag: 'loaded', global: 'object', marks: 1 });
      assert.match(await page.textContent('.nb-about'), /clean-2021\.docx · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为Word/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      assert.equal(await page.locator('.nb-problem', { hasText: 'P001' }).count(), 0);
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'wordxml/rule-T301.gb2312.xml')));
      assert.match(await page.textContent('.nb-about'), /rule-T301\.gb2312\.xml · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为Word 2003 XML/);
      assert.equal(await page.locator('.nb-problem', { hasText: 'T301' }).count() > 0, true);

      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'pdf/clean-2021.lo.pdf')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.lo\.pdf · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为PDF/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      assert.equal(await page.locator('.nb-problem', { hasText: 'P001' }).count(), 0);

      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'doc/clean-2021.doc')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.doc · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为Word 97–2003/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      // RTF goes through the same module; Word's GBK bytes through the browser's decoder.
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'rtf/clean-2021.gbk.rtf')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.gbk\.rtf · 青溪县人民政府 · 2024 年度 · 2021 年格式 · 读取为RTF/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      // Loaded once, not again.
      assert.equal((await state()).marks, 1);

      // The JavaScript API reads PDF and .docx bytes too, now that the module is there.
      const api = await page.evaluate(async ([pdf, docx]) => {
        await window.nianbao.loadReaders();
        return [[pdf, 'a.pdf'], [docx, 'a.docx']].map(([bytes, fileName]) => {
          const r = window.nianbao.check(new Uint8Array(bytes), { fileName });
          return { format: r.input_format, errors: r.summary.errors, agency: r.report?.agency };
        });
      }, [[...readFileSync(join(FIXTURES, 'pdf/clean-2021.lo.pdf'))], [...readFileSync(join(FIXTURES, 'docx/clean-2021.docx'))]]);
      assert.deepEqual(api, [
        { format: 'pdf', errors: 0, agency: '青溪县人民政府' },
        { format: 'docx', errors: 0, agency: '青溪县人民政府' },
      ]);

      // A PDF restored after a reload: the new page loads the readers module by itself and
      // checks it again.
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'pdf/clean-2021.lo.pdf')));
      await load(() => page.reload());
      await page.waitForFunction(() => document.documentElement.dataset.readers === 'loaded');
      await page.waitForFunction(() => /读取为PDF/.test(document.querySelector('.nb-about')?.textContent ?? ''));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.lo\.pdf · 青溪县人民政府 · 2024 年度/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
      assert.deepEqual(errors, []);
    });

    test('the seed report: its S003 warning and no error', { skip: !existsSync(SEED) && 'no ../shared corpus' }, async () => {
      await checkedAfter(() => page.fill('#nb-input', readFileSync(SEED, 'utf8')));
      const counts = await page.locator('.nb-counts .nb-error b').textContent();
      assert.equal(counts, '0');
      const s003 = page.locator('.nb-problem', { hasText: 'S003' });
      await s003.waitFor();
      assert.match(await s003.textContent(), /五、存在的主要问题及改进情况/);
      assert.match(await page.textContent('.nb-verdict'), /没有发现错误/);
    });

    test('示例 loads the sample and shows each of its problems', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      const codes = await page.locator('.nb-problem .nb-code').allTextContents();
      assert.deepEqual([...codes].sort(), [...SAMPLE_CODES].sort());
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4');
      assert.equal(await page.locator('.nb-counts .nb-warning b').textContent(), '6');
      // Each problem points at something drawn on the page.
      for (const id of await page.locator('.nb-problem a.nb-go').evaluateAll((as) => as.map((a) => a.dataset.goto))) {
        assert.equal(await page.locator(`[id="${id}"]`).count(), 1, id);
      }
      await page.screenshot({ path: join(shots, `${mode}-1280-sample.png`) });
    });

    test('clicking a problem scrolls to its cell, focuses and highlights it', async () => {
      await page.locator('.nb-problem.nb-error', { hasText: 'T303' }).locator('a.nb-go').click();
      const cell = page.locator('#c-table3-partial-total');
      await page.waitForFunction(() => document.activeElement?.id === 'c-table3-partial-total');
      assert.match(await cell.getAttribute('class'), /nb-flash/);
      assert.match(await cell.getAttribute('class'), /nb-error/);
      await page.waitForTimeout(700); // smooth scrolling
      assert.ok(await cell.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }), 'cell in view');
      // The message shows on focus (and hover), next to the cell.
      const tip = cell.locator('.nb-tip');
      assert.ok(await tip.isVisible());
      assert.match(await tip.textContent(), /本格：2.*T303.*应为 1/);
      await page.screenshot({ path: join(shots, `${mode}-1280-cell.png`) });
    });

    test('keyboard alone: Enter on a problem jumps to it, focus is visible', async () => {
      const link = page.locator('.nb-problem', { hasText: 'T401' }).locator('a.nb-go');
      // Reach it with the keyboard (focus rings show for keyboard focus).
      await link.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      assert.equal(await link.evaluate((el) => el === document.activeElement), true);
      const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'c-table4-review-total');
      // Tab moves on from the cell to the next marked cell or control, never to nowhere.
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
    });

    test('a problem can be dismissed with a reason, kept across reloads', async () => {
      const item = page.locator('.nb-problem', { hasText: 'S003' });
      await item.locator('[data-dismiss]').click();
      await page.keyboard.type('标题已按上级要求使用');
      await page.keyboard.press('Enter');
      const group = page.locator('.nb-group-dismissed');
      await group.waitFor();
      assert.match(await group.textContent(), /S003[\s\S]*忽略原因：标题已按上级要求使用/);
      assert.equal(await page.locator('.nb-counts .nb-warning b').textContent(), '5');
      // The draft and the dismissal survive a reload.
      await load(() => page.reload());
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      await page.locator('.nb-group-dismissed').waitFor();
      assert.equal(await page.locator('.nb-counts .nb-warning b').textContent(), '5');
    });

    test('exports JSON and CSV (with the dismissal) and a standalone HTML report', async () => {
      const download = async (id) => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
        return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
      };
      const json = await download('#nb-export-json');
      assert.match(json.name, /\.json$/);
      const doc = JSON.parse(json.text);
      assert.equal(doc.tool.name, 'nianbao');
      const rep = doc.reports[0];
      assert.equal(rep.report.agency, '青山县石桥镇');
      assert.deepEqual(rep.summary, { errors: 4, warnings: 6, infos: 1 });
      assert.equal(rep.diagnostics.find((d) => d.code === 'S003').dismissed, '标题已按上级要求使用');
      assert.equal(rep.diagnostics.find((d) => d.code === 'T303').location.row, 'partial');

      const csv = await download('#nb-export-csv');
      assert.ok(csv.text.startsWith('\uFEFF'), 'BOM');
      const lines = csv.text.slice(1).trim().split('\r\n');
      assert.equal(lines[0], '文件,机关,年度,级别,代码,行号,列号,位置,问题,应为,实际,未提到,同组修改,检查时间,版本,忽略原因');
      assert.equal(lines.length, 12); // the header and the sample's eleven problems (T300 included)
      assert.ok(lines.find((l) => l.includes(',S003,')).endsWith(',标题已按上级要求使用'));
      assert.ok(lines.find((l) => l.includes(',T401,')).includes('表四「行政复议」行「总计」列'));

      const html = await download('#nb-export-html');
      assert.ok(html.text.startsWith('<!DOCTYPE html>'));
      assert.ok(!/<script/i.test(html.text));
      assert.match(html.text, /id="c-table3-partial-total"/);
      assert.match(html.text, /忽略原因：标题已按上级要求使用/);
    });

    test('a file can be opened; a .docx without its reader gets a clear message', async () => {
      await checkedAfter(() => page.setInputFiles('#nb-file', {
        name: '清单.txt', mimeType: 'text/plain', buffer: readFileSync(join(root, 'www/sample/clean.txt')),
      }));
      assert.match(await page.textContent('.nb-verdict'), /没有发现错误或警告/);
      assert.match(await page.textContent('.nb-about'), /清单\.txt/);
      assert.match(await page.inputValue('#nb-input'), /^青山县石桥镇2024年/);
      // A zip that is not a readable .docx (the readers module may or may not be loaded yet): a message.
      await checkedAfter(() => page.setInputFiles('#nb-file', {
        name: '报告.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: Buffer.from('PK\x03\x04 not a real docx'),
      }));
      const p001 = page.locator('.nb-problem', { hasText: 'P001' });
      await p001.waitFor();
      assert.ok((await p001.textContent()).length > 10);
      assert.match(await page.textContent('.nb-verdict'), /无法检查/);
      assert.deepEqual(errors, []);
    });

    test('a file dropped on the page is checked', async () => {
      await checkedAfter(() => page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], '拖入的报告.md', { type: 'text/markdown' }));
        const target = document.querySelector('#nb-results');
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, SAMPLE));
      assert.match(await page.textContent('.nb-about'), /拖入的报告\.md/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4');
      assert.ok(await page.locator('#nb-drop').isHidden());
    });

    test('last year\'s report enables the X rules', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      await page.click('#nb-prev-box summary');
      // Last year's 结转下年度 for 自然人 was 3; this year's 上年结转 says 1 (and the total 1 ≠ 3).
      const last = readFileSync(join(root, 'www/sample/clean.txt'), 'utf8').replaceAll('2024', '2023')
        .replace('四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1', '四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3');
      assert.notEqual(last, readFileSync(join(root, 'www/sample/clean.txt'), 'utf8').replaceAll('2024', '2023'));
      await checkedAfter(() => page.fill('#nb-prev', last));
      const x001 = page.locator('.nb-problem', { hasText: 'X001' });
      assert.equal(await x001.count(), 2);
      assert.match(await x001.first().textContent(), /3/);
      await checkedAfter(() => page.click('#nb-prev-clear'));
      assert.equal(await page.locator('.nb-problem', { hasText: 'X001' }).count(), 0);
    });

    test('several files at once give an overview, each opens in detail', async () => {
      await page.setInputFiles('#nb-file', [
        { name: '甲.txt', mimeType: 'text/plain', buffer: Buffer.from(SAMPLE) },
        { name: '乙.txt', mimeType: 'text/plain', buffer: readFileSync(join(root, 'www/sample/clean.txt')) },
      ]);
      const table = page.locator('.nb-overview-table');
      await table.waitFor();
      assert.match(await page.textContent('.nb-overview h2'), /2 份报告，1 份有错误/);
      await page.click('[data-entry="0"]');
      await page.locator('.nb-batch-back').waitFor();
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4');
      await page.click('[data-batch]');
      await table.waitFor();
    });

    test('a long report draws its first lines and problems; the rest on demand, and jumps reach it', async () => {
      const long = SAMPLE.repeat(40);
      const total = await page.evaluate((t) => window.nianbao.check(t).diagnostics.length, long);
      const lines = long.split('\n').length;
      assert.ok(total > 150 && lines > 800, `${total} problems, ${lines} lines`);
      await checkedAfter(() => page.evaluate((t) => {
        const ta = document.getElementById('nb-input');
        ta.value = t;
        ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      }, long));
      const count = (sel) => page.locator(`#nb-results ${sel}`).count();
      // The first 400 lines (drawn in a task after the results) and a placeholder for each
      // other chunk of 400.
      await page.locator('#nb-results #L1').waitFor();
      assert.equal(await count('.nb-line'), 400);
      assert.equal(await count('.nb-chunk'), Math.ceil(lines / 400) - 1);
      const drawn = await count('.nb-problem');
      assert.ok(drawn >= 150 && drawn < total, `${drawn} of ${total} drawn`);
      assert.equal(await page.textContent('[data-all-problems]'), `显示其余 ${total - drawn} 项`);
      // A problem on a line not drawn yet: choosing it draws that line's chunk and goes there.
      const far = page.locator('.nb-problem a.nb-go[data-goto^="L"]').filter({
        has: page.locator('xpath=self::*[number(substring(@data-goto, 2)) > 400]'),
      }).first();
      const target = await far.getAttribute('data-goto');
      assert.equal(await count(`#${target}`), 0);
      await far.click();
      await page.waitForFunction((id) => document.activeElement?.id === id, target);
      assert.match(await page.getAttribute(`#${target}`, 'class'), /nb-flash/);
      // (Chunks scrolled past on the way are drawn too.)
      assert.ok(await count('.nb-line') >= 800);
      // A placeholder's button draws its lines (scrolling to it may draw its neighbours).
      const k = Number(await page.getAttribute('.nb-chunk:last-child [data-chunk]', 'data-chunk'));
      // (Clicked in the page: Playwright's click scrolls to the button first, and each scroll
      // draws a chunk near the screen, so on a busy machine the button kept moving under it.)
      await page.evaluate((k) => document.querySelector(`[data-chunk="${k}"]`).click(), k);
      assert.equal(await count(`#L${k * 400 + 1}`), 1);
      assert.equal(await count(`#Lc${k}`), 0);
      assert.equal(await count(`#L${lines}`), 1);
      const shown = await count('.nb-line');
      // 「显示其余」 draws every problem; an annotation then links to each.
      await page.click('[data-all-problems]');
      assert.equal(await count('.nb-problem'), total);
      assert.equal(await count('[data-all-problems]'), 0);
      // Dismissing keeps what was drawn.
      await page.locator('.nb-problem').last().locator('[data-dismiss]').click();
      await page.fill('.nb-dismiss-form input', '测试');
      await page.press('.nb-dismiss-form input', 'Enter');
      await page.waitForFunction(() => document.querySelector('.nb-group-dismissed'));
      assert.equal(await count('.nb-problem'), total);
      assert.ok(await count('.nb-line') >= shown);
      await page.click('[data-restore]');
      await page.click('#nb-clear');
    });

    test('a text over 1 MB is checked in full but shown in the text box by its start, read-only', async () => {
      // Over 1 MB; then over a million characters, which the page reads into the module in
      // steps (and keeps as the draft: it fits in the browser's storage).
      for (const chars of [0, 1_100_000]) {
        const big = chars ? SAMPLE.repeat(Math.ceil(chars / SAMPLE.length)) : SAMPLE.repeat(Math.ceil((1 << 20) / Buffer.byteLength(SAMPLE)) + 1);
        const lines = big.split('\n').length;
        await checkedAfter(() => page.evaluate((t) => {
          const ta = document.getElementById('nb-input');
          ta.value = t;
          ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
        }, big));
        const ta = page.locator('#nb-input');
        assert.equal(await ta.getAttribute('readonly'), '');
        const shown = await ta.inputValue();
        assert.ok(shown.length < 20_000, `${shown.length} characters shown`);
        assert.ok(big.startsWith(shown.split('……\n')[0]));
        assert.match(shown, /只显示开头部分/);
        assert.match(await page.textContent('.nb-doc-box h2'), new RegExp(`共 ${lines} 行`));
        if (chars) assert.ok(await page.evaluate((t) => localStorage.getItem('nianbao.draft') === t, big), 'the draft is the whole text');
        await page.click('#nb-clear');
        assert.equal(await ta.getAttribute('readonly'), null);
        assert.equal(await ta.inputValue(), '');
      }
    });

    test('a big paste is taken from the clipboard, not inserted whole into the text box', async () => {
      const big = SAMPLE.repeat(Math.ceil(1_100_000 / SAMPLE.length));
      // Dispatched as the browser does (a synthetic paste inserts nothing by itself): a paste
      // the page leaves to the browser is not defaultPrevented.
      const pasteEvent = (t) => page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
        document.getElementById('nb-input').dispatchEvent(ev);
        return ev.defaultPrevented;
      }, t);
      await page.click('#nb-clear');
      assert.equal(await pasteEvent('一小段文字'), false, 'a small paste is the browser\'s');
      // The whole text replaced.
      let taken;
      await checkedAfter(async () => { taken = await pasteEvent(big); });
      assert.equal(taken, true);
      const ta = page.locator('#nb-input');
      assert.equal(await ta.getAttribute('readonly'), '');
      const shown = await ta.inputValue();
      assert.ok(shown.length < 20_000 && big.startsWith(shown.split('……\n')[0]));
      assert.match(await page.textContent('.nb-doc-box h2'), new RegExp(`共 ${big.split('\n').length} 行`));
      assert.ok(await page.evaluate((t) => localStorage.getItem('nianbao.draft') === t, big), 'the draft is the whole text');
      // Pasted between two lines of a text: the text is what the browser would have made.
      await page.click('#nb-clear');
      await checkedAfter(() => page.fill('#nb-input', '前一行\n后一行'));
      await page.evaluate(() => document.getElementById('nb-input').setSelectionRange(4, 4));
      await checkedAfter(async () => { taken = await pasteEvent(big); });
      assert.equal(taken, true);
      const whole = `前一行\n${big}后一行`;
      assert.ok(await page.evaluate((t) => localStorage.getItem('nianbao.draft') === t, whole), 'the draft is the text with the paste');
      assert.match(await page.textContent('.nb-doc-box h2'), new RegExp(`共 ${whole.split('\n').length} 行`));
      // Into the start of a big text shown read-only: nothing happens, as in the browser.
      assert.equal(await pasteEvent('x'.repeat(10)), false);
      // Windows puts CRLF on the clipboard; the text is taken as a text area would hold it.
      await page.click('#nb-clear');
      await checkedAfter(async () => { taken = await pasteEvent(big.replaceAll('\n', '\r\n')); });
      assert.equal(taken, true);
      assert.ok(await page.evaluate((t) => localStorage.getItem('nianbao.draft') === t, big), 'the draft has LF line ends');
      assert.match(await page.textContent('.nb-doc-box h2'), new RegExp(`共 ${big.split('\n').length} 行`));
      await page.click('#nb-clear');
    });

    const marks = (name) => page.evaluate((n) => performance.getEntriesByName(n).length, name);
    // Pastes, and says the status right after (before any reply of the worker can come).
    const paste = (text) => page.evaluate((t) => {
      const ta = document.getElementById('nb-input');
      ta.value = t;
      ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      return document.getElementById('nb-status').textContent;
    }, text);
    const status = () => page.textContent('#nb-status');

    test('a big paste is checked in the worker thread; its results arrive', async () => {
      const big = SAMPLE.repeat(Math.ceil(300_000 / Buffer.byteLength(SAMPLE)));
      const [jobs, replies] = [await marks('nianbao:worker-job'), await marks('nianbao:worker-reply')];
      await checkedAfter(async () => {
        assert.match(await paste(big), /^正在检查「粘贴的文本」（0\.\d MB）…/);
      });
      assert.equal(await marks('nianbao:worker-job'), jobs + 1);
      assert.equal(await marks('nianbao:worker-reply'), replies + 1);
      assert.match(await status(), /^已检查「粘贴的文本」/);
      assert.match(await page.textContent('.nb-doc-box h2'), new RegExp(`共 ${big.split('\n').length} 行`));
      // The worker's result is the engine's: the same problems as check() here.
      const codes = await page.evaluate((t) => window.nianbao.check(t).diagnostics.map((d) => d.code), big);
      await page.click('[data-all-problems]');
      const drawn = await page.$$eval('#nb-results .nb-problem .nb-code', (els) => els.map((e) => e.textContent));
      assert.deepEqual(drawn.sort(), codes.sort());
      await page.click('#nb-clear');
    });

    test('a newer input supersedes a check still running: stale results are never drawn', async () => {
      // The first takes a while to check (~4 MB): the second arrives while it runs.
      const first = CLEAN.repeat(Math.ceil(4_000_000 / Buffer.byteLength(CLEAN)));
      const second = SAMPLE.repeat(Math.ceil(300_000 / Buffer.byteLength(SAMPLE)));
      const n = (t) => t.split('\n').length;
      assert.notEqual(n(first), n(second));
      // Every heading of the text ever drawn.
      await page.evaluate(() => {
        window.__headings = [];
        window.__watch = new MutationObserver(() => {
          const h = document.querySelector('.nb-doc-box h2');
          if (h) window.__headings.push(h.textContent);
        });
        window.__watch.observe(document.getElementById('nb-results'), { childList: true, subtree: true });
      });
      const replies = await marks('nianbao:worker-reply');
      await checkedAfter(async () => {
        // (Over a million characters: read into the module in steps first.)
        assert.match(await paste(first), /^正在(读取|检查)/);
        await paste(second);
      });
      await page.waitForTimeout(300);
      const headings = await page.evaluate(() => { window.__watch.disconnect(); return window.__headings; });
      assert.ok(headings.length > 0);
      assert.ok(headings.every((h) => h.includes(`共 ${n(second)} 行`)), headings.join());
      assert.equal(await marks('nianbao:worker-reply'), replies + 1, 'the first check was stopped');
      await page.click('#nb-clear');
    });

    test('a big file goes through the worker too; without a worker the page checks by itself', async () => {
      const big = SAMPLE.repeat(Math.ceil(300_000 / Buffer.byteLength(SAMPLE)));
      const jobs = await marks('nianbao:worker-job');
      await checkedAfter(() => page.setInputFiles('#nb-file', { name: '大.txt', mimeType: 'text/plain', buffer: Buffer.from(big) }));
      assert.equal(await marks('nianbao:worker-job'), jobs + 1);
      assert.match(await status(), /^已检查「大\.txt」/);
      assert.equal((await page.inputValue('#nb-input')).length, big.length);
      await page.click('#nb-clear');
      // A browser that cannot make the worker.
      const p2 = await ctx.newPage();
      await p2.addInitScript(() => { delete window.Worker; });
      loading = true; // (its requests are a page load's)
      await p2.goto(url);
      await p2.waitForSelector('html[data-ready=true]');
      await p2.waitForTimeout(300);
      loading = false;
      await p2.evaluate((t) => {
        const ta = document.getElementById('nb-input');
        ta.value = t;
        ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      }, big);
      assert.match(await p2.textContent('#nb-status'), /^已检查「粘贴的文本」/);
      assert.equal(await p2.evaluate(() => performance.getEntriesByName('nianbao:worker-job').length), 0);
      await p2.click('#nb-clear');
      await p2.close();
    });

    test('many files dropped: the status says reading, then checking, then the overview', async () => {
      await page.evaluate(() => {
        window.__statuses = [];
        window.__watchStatus = new MutationObserver(() => window.__statuses.push(document.getElementById('nb-status').textContent));
        window.__watchStatus.observe(document.getElementById('nb-status'), { childList: true, characterData: true, subtree: true });
      });
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        for (let k = 0; k < 30; k++) dt.items.add(new File([text], `报告${k}.txt`, { type: 'text/plain' }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, CLEAN);
      await page.waitForFunction(() => /已检查 30 份报告/.test(document.getElementById('nb-status').textContent));
      const seen = await page.evaluate(() => { window.__watchStatus.disconnect(); return window.__statuses; });
      const at = (re) => seen.findIndex((s) => re.test(s));
      assert.ok(at(/^正在读取第 1 \/ 30 份文件：报告0\.txt$/) >= 0, seen.join(' | '));
      assert.ok(at(/^正在读取第 30 \/ 30 份文件：报告29\.txt$/) > at(/^正在读取第 1 \//));
      assert.ok(at(/^已读取 30 份文件，正在检查…$/) > at(/^正在读取第 30 \//));
      assert.ok(at(/^已检查 30 份报告/) > at(/^已读取 30 份文件/));
      assert.equal(await page.locator('.nb-overview-table tbody tr').count(), 30);
      await page.click('#nb-clear');
    });

    test('files over 50 MB are refused with a message', async () => {
      const big = join(mkdtempSync(join(tmpdir(), 'nianbao-big-')), '巨大.txt');
      writeFileSync(big, Buffer.alloc(50 * 1024 * 1024 + 10, 0x30));
      await page.setInputFiles('#nb-file', big);
      await page.waitForFunction(() => !document.getElementById('nb-notice').hidden);
      assert.match(await page.textContent('#nb-notice'), /超过 50 MB/);
    });

    test('a hostile report stays inert text', async () => {
      await checkedAfter(() => page.fill('#nb-input', HOSTILE));
      assert.equal(await page.locator('#nb-results script, #nb-results img, #nb-results svg:not(.lock), #nb-results [onerror], #nb-results [onload]').count(), 0);
      assert.match(await page.textContent('#L1 .nb-tx'), /^<script>window.__pwned = 1<\/script><img/);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(errors, []);
    });

    test('a panic in the module shows a message, keeps the text, and the page recovers', async () => {
      await checkedAfter(() => page.fill('#nb-input', SAMPLE));
      await page.evaluate(() => window.dispatchEvent(new Event('nianbao-test-panic')));
      await page.waitForFunction(() => !document.getElementById('nb-notice').hidden);
      assert.match(await page.textContent('#nb-notice'), /内部出错，已自动恢复/);
      await page.waitForSelector('html[data-ready=true]');
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      // The new instance works: an edit is checked again, and the API answers.
      await checkedAfter(() => page.fill('#nb-input', `${SAMPLE}\n`));
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4');
      const errorsViaApi = await page.evaluate(() => window.nianbao.check('x').summary.errors);
      assert.equal(typeof errorsViaApi, 'number');
      errors.length = 0; // the deliberate panic logged an error
    });

    test('the rules page lists the catalogue; a problem links to its rule', async () => {
      await page.click('#nb-tab-rules');
      // Every rule of the catalogue, as the engine's own API lists it.
      const catalogue = await page.evaluate(() => window.nianbao.rules().length);
      assert.ok(catalogue >= 40);
      assert.equal(await page.locator('#nb-rules-body .nb-rule-doc').count(), catalogue);
      await page.click('#nb-rules-back');
      await page.locator('.nb-problem [data-rule="T302"]').first().click();
      await page.waitForFunction(() => document.activeElement?.id === 'rule-T302');
      assert.ok(await page.locator('#rule-T302').isVisible());
      await page.click('#nb-tab-check');
    });

    test('JavaScript API on window.nianbao', async () => {
      const r = await page.evaluate((s) => {
        const res = window.nianbao.check(s, { fileName: 'a.txt' });
        return { errors: res.summary.errors, file: res.file, rules: window.nianbao.rules().length, html: window.nianbao.render(res).length };
      }, SAMPLE);
      assert.deepEqual({ ...r, html: r.html > 1000 }, { errors: 4, file: 'a.txt', rules: 40, html: true });
    });

    test('screenshots at 1280 px and 390 px', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, `${mode}-1280.png`) });
      await page.locator('#nb-results .nb-tables').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `${mode}-1280-tables.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, `${mode}-390.png`) });
      await page.locator('#nb-results .nb-problems').scrollIntoViewIfNeeded();
      // Problem cards use content-visibility: auto; let the scrolled-to ones paint first.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, `${mode}-390-problems.png`) });
      await page.locator('.nb-t3').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `${mode}-390-table3.png`) });
      // Nothing but the tables' own scroll boxes is wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `page is ${overflow}px wide`);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    // axe-core in the page (evaluated through the test driver, so the page's CSP is untouched).
    const axe = async (state) => {
      if (!await page.evaluate(() => typeof window.axe === 'object')) await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(violations, [], `axe in state 「${state}」`);
    };
    const download = async (action) => {
      const [d] = await Promise.all([page.waitForEvent('download'), action()]);
      return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
    };
    const files = (list) => list.map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) }));
    const openBatch = async (list) => {
      await checkedAfter(() => page.setInputFiles('#nb-file', files(list)));
      await page.locator('.nb-overview-table').waitFor();
    };
    const codesShown = () => page.locator('.nb-problem .nb-code').allTextContents();

    test('axe: no violation when empty, with results, a dismissed problem, and the rules', async () => {
      await checkedAfter(() => page.click('#nb-clear'));
      await axe('空');
      await checkedAfter(() => page.click('#nb-sample'));
      await axe('结果');
      const item = page.locator('.nb-problem', { hasText: 'K004' });
      await item.locator('[data-dismiss]').click();
      await page.keyboard.type('已核实');
      await page.keyboard.press('Enter');
      await page.locator('.nb-group-dismissed').waitFor();
      await axe('已忽略一个问题');
      await page.locator('.nb-group-dismissed .nb-problem', { hasText: 'K004' }).locator('[data-restore]').click();
      await page.click('#nb-tab-rules');
      await axe('规则说明');
      await page.click('#nb-tab-check');
    });

    test('撤销 brings back a draft replaced by 示例, also after a reload', async () => {
      await setText('我自己的草稿\n第二行');
      assert.ok(await page.locator('#nb-undo').isHidden() || true);
      await checkedAfter(() => page.click('#nb-sample'));
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      assert.ok(await page.locator('#nb-undo').isVisible());
      await load(() => page.reload());
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      await checkedAfter(() => page.click('#nb-undo'));
      assert.equal(await page.inputValue('#nb-input'), '我自己的草稿\n第二行');
      assert.match(await page.textContent('#nb-status'), /已撤销「示例」/);
    });

    test('撤销 after a batch and after 清空', async () => {
      await setText(SAMPLE);
      await openBatch([['甲.txt', SAMPLE], ['乙.txt', CLEAN]]);
      assert.equal(await page.inputValue('#nb-input'), '');
      await checkedAfter(() => page.click('#nb-undo'));
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
      await checkedAfter(() => page.click('#nb-clear'));
      assert.equal(await page.inputValue('#nb-input'), '');
      await checkedAfter(() => page.click('#nb-undo'));
      assert.equal(await page.inputValue('#nb-input'), SAMPLE);
    });

    test('typing is saved at once: a reload right after the last keystroke loses nothing', async () => {
      await page.fill('#nb-input', '');
      await page.focus('#nb-input');
      await page.keyboard.type('青山县石桥镇2024年政府信息公开工作年度报告（草稿）');
      // No wait for the debounced check.
      await load(() => page.reload());
      assert.equal(await page.inputValue('#nb-input'), '青山县石桥镇2024年政府信息公开工作年度报告（草稿）');
    });

    test('an unreadable file never replaces the text or the draft', async () => {
      await setText(CLEAN);
      await checkedAfter(() => page.setInputFiles('#nb-file', {
        name: '报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      }));
      assert.equal(await page.inputValue('#nb-input'), CLEAN);
      assert.match(await page.textContent('.nb-about'), /报告\.pdf/);
      assert.match(await page.textContent('#nb-notice'), /没有被替换/);
      // Reading a file is nothing to dismiss.
      assert.equal(await page.locator('.nb-problem [data-dismiss]').count(), 0);
      await load(() => page.reload());
      assert.equal(await page.inputValue('#nb-input'), CLEAN);
      assert.doesNotMatch(await page.textContent('.nb-about'), /报告\.pdf/);
    });

    test('the file picker offers every kind; a .doc or .pdf gets its explanation', async () => {
      assert.equal(await page.getAttribute('#nb-file', 'accept'), null);
      assert.equal(await page.getAttribute('#nb-prev-file', 'accept'), null);
      await checkedAfter(() => page.setInputFiles('#nb-file', {
        name: '报告.doc', mimeType: 'application/msword', buffer: Buffer.from([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]),
      }));
      const p = page.locator('.nb-problem', { hasText: /P00[14]/ });
      assert.match(await p.textContent(), /\.docx|Word|另存/);
    });

    test('an old Word .doc is read like its .docx', async () => {
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'doc/clean-2021.doc')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.doc[\s\S]*Word 97/);
      assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
    });

    test('a .docx is still read as .docx after a reload', async () => {
      await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'docx/clean-2021.docx')));
      assert.match(await page.textContent('.nb-about'), /clean-2021\.docx[\s\S]*Word/);
      await load(() => page.reload());
      await page.waitForFunction(() => document.documentElement.dataset.checked !== undefined);
      assert.match(await page.textContent('.nb-about'), /clean-2021\.docx[\s\S]*Word/);
    });

    test('a batch pairs each report with its own previous year; it survives a reload', async () => {
      await page.evaluate(() => { document.getElementById('nb-prev-box').open = true; });
      await checkedAfter(() => page.click('#nb-prev-clear'));
      await openBatch([['甲2024.txt', report('青山县石桥镇', 2024)], ['乙2024.txt', report('白水县河口镇', 2024)],
        ['甲2023.txt', report('青山县石桥镇', 2023, 3)]]);
      // 甲2023 is inconsistent in itself (its carry-over changed) and 甲2024 disagrees with it.
      assert.match(await page.textContent('#nb-status'), /^已检查 3 份报告，其中 2 份有错误。[\s\S]*1 份已与同一机关的上一年度报告对照/);
      await axe('批量总览');
      await load(() => page.reload());
      await page.locator('.nb-overview-table').waitFor();
      await page.click('[data-entry="0"]');
      assert.ok((await codesShown()).includes('X001'));
      assert.match(await page.textContent('.nb-stamp'), /已与上一年度报告「甲2023\.txt」对照/);
      await page.click('[data-batch]');
      await page.click('[data-entry="1"]');
      assert.ok(!(await codesShown()).some((c) => c.startsWith('X')));
    });

    test('last year\'s box applies only to the report it matches', async () => {
      await page.evaluate(() => { document.getElementById('nb-prev-box').open = true; });
      await checkedAfter(() => page.fill('#nb-prev', report('青山县石桥镇', 2023, 3)));
      await checkedAfter(() => page.fill('#nb-input', report('白水县河口镇', 2024)));
      assert.ok(!(await codesShown()).some((c) => c.startsWith('X')));
      assert.match(await page.textContent('#nb-prev-status'), /不是同一机关的上一年度/);
      await checkedAfter(() => page.fill('#nb-input', report('青山县石桥镇', 2024)));
      assert.ok((await codesShown()).includes('X001'));
      await checkedAfter(() => page.click('#nb-prev-clear'));
    });

    test('a dismissal belongs to its file; P001 cannot be dismissed', async () => {
      await checkedAfter(() => page.setInputFiles('#nb-file', files([['丙.txt', SAMPLE]])));
      const item = page.locator('.nb-problem', { hasText: 'S003' });
      await item.locator('[data-dismiss]').click();
      await page.keyboard.type('丙文件已核实');
      await page.keyboard.press('Enter');
      await page.locator('.nb-group-dismissed').waitFor();
      await checkedAfter(() => page.setInputFiles('#nb-file', files([['丁.txt', SAMPLE]])));
      assert.equal(await page.locator('.nb-group-dismissed').count(), 0);
      assert.equal(await page.locator('.nb-problem', { hasText: 'S003' }).locator('[data-dismiss]').count(), 1);
      await checkedAfter(() => page.setInputFiles('#nb-file', files([['空.txt', '']])));
      assert.ok((await codesShown()).includes('P001'));
      assert.equal(await page.locator('.nb-problem [data-dismiss]').count(), 0);
    });

    test('the overview: sortable, 只看有错误的, CSV with Chinese headers, readable at 390 px', async () => {
      await openBatch([['乙.txt', CLEAN], ['甲.txt', SAMPLE], ['丙.txt', report('白水县河口镇', 2024)]]);
      const heads = await page.locator('.nb-overview-table thead th').allTextContents();
      assert.deepEqual(heads.map((h) => h.replace(/[↕▲▼\s]/g, '')), ['文件', '机关', '年度', '格式', '错误', '警告', '提示', '主要问题']);
      const files = () => page.locator('.nb-overview-table tbody [data-entry]').allTextContents();
      assert.deepEqual(await files(), ['乙.txt', '甲.txt', '丙.txt']);
      await page.click('[data-sort="errors"]');
      assert.equal((await files())[0], '甲.txt');
      assert.equal(await page.getAttribute('th:has([data-sort="errors"])', 'aria-sort'), 'descending');
      assert.match(await page.textContent('.nb-overview-table tbody tr:first-child .nb-codes'), /T303/);
      await page.check('[data-only-errors]');
      assert.deepEqual(await files(), ['甲.txt']);
      const csv = await download(() => page.click('[data-export-overview]'));
      assert.match(csv.name, /^年报校验总览（3 份）（\d{4}-\d\d-\d\d \d{4} 检查，nianbao \d+\.\d+\.\d+）\.csv$/);
      assert.ok(csv.text.startsWith('\uFEFF文件,机关,年度,格式,错误,警告,提示,主要问题\r\n'));
      const rows = csv.text.trim().split('\r\n');
      assert.equal(rows.length, 4, 'clean reports included');
      assert.ok(rows.some((r) => r.startsWith('乙.txt,青山县石桥镇,2024,2021 年版,0,0,0,')));
      await page.uncheck('[data-only-errors]');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.nb-overview').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `${mode}-390-overview.png`) });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);
      const box = await page.locator('.nb-overview-table tbody tr').first().boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
      await axe('390 px 总览');
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    test('axe at 390 px with results', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      await page.setViewportSize({ width: 390, height: 844 });
      await axe('390 px 结果');
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    test('exports and print carry the check time and the version; print omits link texts', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      const version = await page.evaluate(() => window.nianbao.version());
      const json = await download(() => page.click('#nb-export-json'));
      const doc = JSON.parse(json.text);
      assert.match(doc.checked_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.equal(doc.tool.version, version);
      assert.ok(json.name.includes(`nianbao ${version}`), json.name);
      const html = await download(() => page.click('#nb-export-html'));
      assert.ok(html.text.includes(`检查时间 ${doc.checked_at}`));
      assert.ok(html.text.includes(`nianbao ${version}`));
      assert.ok((await download(() => page.click('#nb-export-csv'))).name.includes(`nianbao ${version}`));
      await page.emulateMedia({ media: 'print' });
      assert.match(await page.textContent('.nb-stamp'), new RegExp(`检查时间 ${doc.checked_at} · nianbao ${version.replaceAll('.', '\\.')}`));
      assert.ok(await page.locator('.nb-stamp').isVisible());
      assert.ok(await page.locator('.nb-rule').first().isHidden());
      assert.ok(await page.locator('.nb-back').first().isHidden());
      await page.emulateMedia({ media: 'screen' });
    });

    test('choosing a problem puts the caret on its line in the text box', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      await page.locator('.nb-problem.nb-error', { hasText: 'T303' }).locator('a.nb-go').click();
      await page.waitForFunction(() => document.activeElement?.id === 'c-table3-partial-total');
      const lineNo = SAMPLE.split('\n').findIndex((l) => l.includes('（二）部分公开')) + 1;
      assert.match(await page.textContent('.nb-problem:has(a[data-goto="c-table3-partial-total"]) .nb-where'), new RegExp(`第 ${lineNo} 行`));
      const caret = await page.evaluate(() => {
        const ta = document.getElementById('nb-input');
        return { start: ta.selectionStart, before: ta.value.slice(0, ta.selectionStart).split('\n').length, top: ta.scrollTop };
      });
      assert.equal(caret.before, lineNo);
      assert.ok(caret.top > 0, 'the text box scrolled to the line');
    });

    test('a cell\'s tooltip never covers another marked cell; focus has its own ring', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      const ids = await page.locator('.nb-t .nb-mark[id]').evaluateAll((els) => els.map((e) => e.id));
      assert.ok(ids.length >= 4, ids.join());
      for (const id of ids) {
        const cell = page.locator(`[id="${id}"]`);
        await cell.scrollIntoViewIfNeeded();
        await cell.focus();
        const bad = await page.evaluate((id) => {
          const cell = document.getElementById(id);
          const tip = cell.querySelector(':scope > .nb-tip');
          const t = tip.getBoundingClientRect();
          if (t.width === 0) return 'no tooltip';
          const over = (r) => Math.min(t.right, r.right) - Math.max(t.left, r.left) > 0.5 && Math.min(t.bottom, r.bottom) - Math.max(t.top, r.top) > 0.5;
          return [...document.querySelectorAll('.nb-t .nb-mark')].filter((m) => m !== cell && over(m.getBoundingClientRect())).map((m) => m.id || m.textContent).join();
        }, id);
        assert.equal(bad, '', `tooltip of ${id}`);
      }
      // Keyboard focus: a ring outside the cell, unlike the mark inside it.
      const link = page.locator('.nb-problem.nb-error', { hasText: 'T303' }).locator('a.nb-go');
      await link.click();
      const cell = page.locator('#c-table3-partial-total');
      await page.waitForTimeout(3300); // the highlight of the jump fades
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focused = await cell.evaluate((el) => ({ active: document.activeElement === el, shadow: getComputedStyle(el).boxShadow, outline: getComputedStyle(el).outlineColor }));
      assert.ok(focused.active);
      assert.match(focused.shadow, /rgb\(32, 33, 36\)/);
      await page.focus('#nb-input');
      const plain = await cell.evaluate((el) => ({ shadow: getComputedStyle(el).boxShadow, outline: getComputedStyle(el).outlineColor }));
      assert.notEqual(plain.shadow, focused.shadow);
      assert.equal(plain.outline, focused.outline, 'the mark stays');
    });

    test('table 四 fits or visibly scrolls at 1366 px', async () => {
      await page.evaluate(() => {
        window.__windowErrors = [];
        window.addEventListener('error', (e) => window.__windowErrors.push(e.message));
      });
      await checkedAfter(() => page.click('#nb-sample'));
      await page.setViewportSize({ width: 1366, height: 900 });
      // (A table is measured when the browser lays it out: when it is on screen or near it.)
      await page.evaluate(() => document.querySelector('#nb-results .nb-t4').scrollIntoView());
      const settled = () => page.waitForFunction(() => {
        const box = document.querySelector('#nb-results .nb-t4').closest('.nb-scroll');
        return box.classList.contains('nb-overflows') === box.scrollWidth > box.clientWidth + 1;
      });
      await settled();
      const r = await page.evaluate(() => {
        const box = document.querySelector('.nb-t4').closest('.nb-scroll');
        const hint = box.previousElementSibling;
        return { over: box.scrollWidth > box.clientWidth + 1, hint: hint && hint.classList.contains('nb-scroll-hint') && getComputedStyle(hint).display !== 'none', marked: box.classList.contains('nb-overflows') };
      });
      assert.ok(!r.over || (r.hint && r.marked), JSON.stringify(r));
      await page.screenshot({ path: join(shots, `${mode}-1366-table4.png`) });
      // Narrower, it must scroll and say so.
      await page.setViewportSize({ width: 700, height: 900 });
      await settled();
      assert.ok(await page.evaluate(() => {
        const box = document.querySelector('.nb-t4').closest('.nb-scroll');
        return box.classList.contains('nb-overflows') && getComputedStyle(box.previousElementSibling).display !== 'none';
      }));
      // Below a long problems list the tables are laid out only when scrolled near: table 四 is
      // marked then (the marks follow a frame after the layout).
      await checkedAfter(() => page.evaluate((t) => {
        const ta = document.getElementById('nb-input');
        ta.value = t;
        ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      }, SAMPLE.repeat(40)));
      await page.evaluate(() => document.querySelector('#nb-results .nb-t4').scrollIntoView());
      await settled();
      assert.ok(await page.evaluate(() => document.querySelector('#nb-results .nb-t4').closest('.nb-scroll').classList.contains('nb-overflows')),
        'table 四 is wider than 700 px');
      assert.deepEqual(await page.evaluate(() => window.__windowErrors), []);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.click('#nb-clear');
    });

    test('no network request after load', async () => {
      // The served page loads its readers module (PDF, .doc) from its own origin when the first
      // such file arrives (from the service worker's copy); the single file has it inline.
      const lazy = (u) => mode === 'served' && u.startsWith(url) && /\/nianbao-readers-(glue|wasm)\.js$/.test(u);
      const late = requests.filter((r) => !r.loading);
      assert.deepEqual(late.map((r) => r.url).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !lazy(u)), []);
      if (mode === 'served') {
        // Everything ever asked of the server came from this origin and happened during load.
        assert.ok(requests.every((r) => r.url.startsWith(url) || /^(blob|data):/.test(r.url)), JSON.stringify(requests));
      } else {
        assert.ok(requests.every((r) => /^(file|blob|data):/.test(r.url)), JSON.stringify(requests));
      }
    });

    test('print shows the results only', async () => {
      await checkedAfter(() => page.click('#nb-sample'));
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.locator('.input').isHidden());
      assert.ok(await page.locator('.exports').isHidden());
      assert.ok(await page.locator('.nb-t3').isVisible());
      await page.screenshot({ path: join(shots, `${mode}-print.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    });

    if (mode === 'served') {
      test('pasting from the clipboard checks the pasted report at once', async () => {
        await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
        await page.fill('#nb-input', '');
        // What Word or a browser puts on the clipboard: HTML (tables as tables) and plain text.
        // The page checks the HTML when its reader is built in, else the plain text.
        await page.evaluate(async (text) => {
          const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
          let html = '<html><body>';
          let inTable = false;
          for (const line of text.split('\n')) {
            const row = line.includes('\t');
            if (row && !inTable) html += '<table>';
            if (!row && inTable) html += '</table>';
            inTable = row;
            html += row ? `<tr>${line.split('\t').map((c) => `<td>${esc(c)}</td>`).join('')}</tr>` : `<p>${esc(line)}</p>`;
          }
          html += (inTable ? '</table>' : '') + '</body></html>';
          await navigator.clipboard.write([new ClipboardItem({
            'text/plain': new Blob([text], { type: 'text/plain' }),
            'text/html': new Blob([html], { type: 'text/html' }),
          })]);
        }, SAMPLE);
        await page.focus('#nb-input');
        await checkedAfter(() => page.keyboard.press('Control+V'));
        const about = await page.textContent('.nb-about');
        assert.match(about, /读取为(文本|网页（HTML）)/);
        const codes = await page.locator('.nb-problem .nb-code').allTextContents();
        assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4', `${about} ${codes}`);
      });

      test('复制摘要 puts a plain-text summary on the clipboard', async () => {
        await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
        await checkedAfter(() => page.click('#nb-sample'));
        await page.click('#nb-copy-summary');
        await page.waitForFunction(() => /摘要已复制/.test(document.getElementById('nb-status').textContent));
        const text = await page.evaluate(() => navigator.clipboard.readText());
        const lines = text.trim().split('\n');
        assert.equal(lines[0], '年报校验：青山县石桥镇 2024 年度政府信息公开工作年度报告（文件「示例：青山县石桥镇2024年度报告.txt」）');
        // The sample's problems, less those dismissed by earlier tests.
        const [, errors, warnings, dismissed] = lines[1].match(/^(\d+) 个错误，(\d+) 个警告，1 个提示(?:（另有 (\d+) 项已忽略）)?$/);
        assert.equal(errors, '4');
        assert.equal(Number(warnings) + Number(dismissed || 0), 6);
        assert.match(text, /\n1\. 【错误】[A-Z]\d{3} /);
        assert.match(text, /\n\d\. 【错误】T303 第 36 行.*应为 1（现为 2）\n/);
        assert.match(lines.at(-1), /^检查时间 .* · nianbao /);
        assert.equal(lines.filter((l) => /^\d+\. /.test(l)).length, 4 + Number(warnings) + 1); // T300 is the one 提示
      });

      test('works offline after the first visit (service worker)', async () => {
        const before = server.requests.length;
        await ctx.setOffline(true);
        await load(() => page.reload());
        await checkedAfter(() => page.click('#nb-sample'));
        assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '4');
        // The readers module comes from the service worker's copy too (this instance loads it anew).
        await checkedAfter(() => page.setInputFiles('#nb-file', join(FIXTURES, 'pdf/clean-2021.lo.pdf')));
        assert.match(await page.textContent('.nb-about'), /clean-2021\.lo\.pdf[\s\S]*读取为PDF/);
        assert.equal(await page.locator('.nb-counts .nb-error b').textContent(), '0');
        assert.equal(server.requests.length, before, 'the server saw no request');
        await ctx.setOffline(false);
      });
    }
  });
}
