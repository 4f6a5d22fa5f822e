//! wasm-bindgen-test suite, run in headless Chromium (./test.sh): the JavaScript API as
//! JavaScript sees it, the HTML it renders once in a real DOM, and the page controller driving
//! the page's own skeleton (www/index.html).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use nianbao::web::api;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../../www/sample/sample.txt");
const INDEX: &str = include_str!("../../www/index.html");

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| {
        let key = match k.parse::<u32>() {
            Ok(i) => JsValue::from(i),
            Err(_) => JsValue::from_str(k),
        };
        Reflect::get(&v, &key).unwrap_or(JsValue::UNDEFINED)
    })
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o
}

/// What the page's loader (www/app.js) gives the module: the text it leaves out (src/assets.rs).
fn provide_assets() {
    let rules = js_sys::JSON::parse(include_str!("../../www/rules.json")).unwrap();
    let assets = options(&[
        ("sample", SAMPLE.into()),
        (
            "reportCss",
            include_str!("../../src/render/report.css").into(),
        ),
        ("rules", rules),
    ]);
    Reflect::set(&js_sys::global(), &"NIANBAO_ASSETS".into(), &assets).unwrap();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn check_returns_the_output_md_object() {
    let r = api::check(
        JsValue::from_str(SAMPLE),
        Some(options(&[("fileName", "示例.txt".into())])),
    )
    .unwrap();
    assert_eq!(get(&r, "tool.name"), "nianbao");
    assert_eq!(get(&r, "file"), "示例.txt");
    assert_eq!(get(&r, "input_format"), "text");
    assert_eq!(get(&r, "report.agency"), "青山县石桥镇");
    assert_eq!(get(&r, "report.year").as_f64(), Some(2024.0));
    assert_eq!(get(&r, "summary.errors").as_f64(), Some(4.0));
    assert_eq!(get(&r, "summary.warnings").as_f64(), Some(6.0));
    let ds: Array = get(&r, "diagnostics").dyn_into().unwrap();
    // Ten planted problems and the T300 fix that explains two of them.
    assert_eq!(ds.length(), 11);
    // The T303 error of the sample (www/sample/README.md), with its place and values.
    let t303 = ds.iter().find(|d| get(d, "code") == "T303").expect("T303");
    assert_eq!(get(&t303, "severity"), "error");
    assert_eq!(get(&t303, "location.line").as_f64(), Some(36.0));
    assert_eq!(get(&t303, "location.row"), "partial");
    assert_eq!(get(&t303, "location.col"), "total");
    assert_eq!(get(&t303, "expected"), "1");
    assert_eq!(get(&t303, "actual"), "2");
    // Table cells: numbers as numbers, blank as null, text as written.
    assert_eq!(get(&r, "report.table3.rows.new.6").as_f64(), Some(6.0));
    assert!(get(&r, "report.table3.rows.refused_3.2").is_null());
    assert_eq!(get(&r, "report.table2.punishment"), "12件");
    // The text the locations refer to.
    assert_eq!(get(&r, "text"), SAMPLE);
}

#[wasm_bindgen_test]
fn check_decodes_gbk_bytes_with_the_browser() {
    // "规章 总计" in GBK: decoded by TextDecoder in wasm (src/source/decode.rs).
    let gbk = Uint8Array::from(&[0xB9u8, 0xE6, 0xD5, 0xC2, 0x20, 0xD7, 0xDC, 0xBC, 0xC6][..]);
    let r = api::check(gbk.into(), None).unwrap();
    assert_eq!(get(&r, "text"), "规章 总计");
    assert_eq!(get(&r, "file"), "input");
}

#[wasm_bindgen_test]
fn check_refuses_inputs_over_50_mb_without_reading_them() {
    let big = Uint8Array::new_with_length(50 * 1024 * 1024 + 1);
    let r = api::check(big.into(), None).unwrap();
    let ds: Array = get(&r, "diagnostics").dyn_into().unwrap();
    assert_eq!(ds.length(), 1);
    assert_eq!(get(&ds.get(0), "code"), "P001");
    assert!(get(&ds.get(0), "message")
        .as_string()
        .unwrap()
        .contains("50 MB"));
    assert!(get(&r, "report").is_null());
}

#[wasm_bindgen_test]
fn check_honours_ignore_and_previous() {
    let ignore = Array::of2(&"S003".into(), &"k004".into());
    let r = api::check(SAMPLE.into(), Some(options(&[("ignore", ignore.into())]))).unwrap();
    assert_eq!(get(&r, "summary.warnings").as_f64(), Some(4.0));
    // Last year's report whose carry-forward (1 for 自然人) matches this year's carried-over
    // column: no X001. A previous report that cannot be read says so.
    let clean = include_str!("../../www/sample/clean.txt").replace("2024", "2023");
    let r = api::check(SAMPLE.into(), Some(options(&[("previous", clean.into())]))).unwrap();
    let ds: Array = get(&r, "diagnostics").dyn_into().unwrap();
    assert!(!ds.iter().any(|d| get(&d, "code") == "X001"));
    let r = api::check(
        SAMPLE.into(),
        Some(options(&[(
            "previous",
            Uint8Array::from(&b"PK\x03\x04zz"[..]).into(),
        )])),
    )
    .unwrap();
    let ds: Array = get(&r, "diagnostics").dyn_into().unwrap();
    assert!(ds.iter().any(|d| get(&d, "message")
        .as_string()
        .unwrap()
        .starts_with("上一年")));
}

#[wasm_bindgen_test]
fn check_rejects_what_is_not_an_input() {
    let e = api::check(JsValue::from_f64(3.0), None).unwrap_err();
    let v: JsValue = e.into();
    let msg = get(&v, "message").as_string().unwrap();
    assert!(msg.contains("Uint8Array"), "{msg}");
}

#[wasm_bindgen_test]
fn a_damaged_docx_gets_a_clear_message() {
    let r = api::check(
        Uint8Array::from(&b"PK\x03\x04not really a docx"[..]).into(),
        Some(options(&[("fileName", "报告.docx".into())])),
    )
    .unwrap();
    assert_eq!(get(&r, "diagnostics.0.code"), "P001");
    // This suite is built with every reader, so the .docx reader itself says why. (The start
    // module, without it, says to call loadReaders(): e2e.test.mjs, the dist/pkg suite.)
    let msg = get(&r, "diagnostics.0.message").as_string().unwrap();
    assert!(msg.contains("无法读取") && msg.contains(".docx"), "{msg}");
}

#[wasm_bindgen_test]
fn rules_lists_the_catalogue() {
    provide_assets();
    let rules: Array = api::rules().unwrap().dyn_into().unwrap();
    assert_eq!(rules.length(), 40);
    let t301 = rules.iter().find(|r| get(r, "code") == "T301").unwrap();
    assert_eq!(get(&t301, "name"), "t3-balance");
    assert_eq!(get(&t301, "severity"), "error");
    assert!(get(&t301, "doc").as_string().unwrap().contains("勾稽关系"));
}

/// A container for DOM tests (never replaces <body>).
fn container(html: &str) -> Element {
    let div = document().create_element("div").unwrap();
    div.set_inner_html(html);
    document().body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
fn render_draws_marked_cells_in_a_real_dom() {
    let r = api::check(SAMPLE.into(), None).unwrap();
    let html = api::render(r).unwrap();
    let div = container(&html);
    let cell = div
        .query_selector("#c-table3-partial-total")
        .unwrap()
        .unwrap();
    assert!(cell.class_list().contains("nb-error"));
    assert_eq!(cell.get_attribute("tabindex").as_deref(), Some("0"));
    let tip_id = cell.get_attribute("aria-describedby").unwrap();
    let tip = div.query_selector(&format!("#{tip_id}")).unwrap().unwrap();
    assert!(tip.text_content().unwrap().contains("T303"));
    // Table 三: 25 rows of 7 cells; table 四: 15 cells.
    assert_eq!(
        div.query_selector_all(".nb-t3 tbody tr").unwrap().length(),
        25
    );
    assert_eq!(
        div.query_selector_all(".nb-t4 td.nb-cell")
            .unwrap()
            .length(),
        15
    );
    // Eleven problems (ten and the T300 fix), each a link to the element it points at, which
    // exists.
    let links = div.query_selector_all(".nb-problem a.nb-go").unwrap();
    assert_eq!(links.length(), 11);
    for i in 0..links.length() {
        let a: Element = links.get(i).unwrap().dyn_into().unwrap();
        let id = a.get_attribute("data-goto").unwrap();
        assert!(document().get_element_by_id(&id).is_some(), "{id}");
    }
    div.remove();
}

#[wasm_bindgen_test]
fn hostile_text_stays_text() {
    let hostile = format!(
        "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n{SAMPLE}"
    );
    let r = api::check(hostile.as_str().into(), None).unwrap();
    let div = container(&api::render(r).unwrap());
    assert_eq!(
        div.query_selector_all("script, img, [onerror]")
            .unwrap()
            .length(),
        0
    );
    let line1 = div.query_selector("#L1 .nb-tx").unwrap().unwrap();
    assert!(line1.text_content().unwrap().starts_with("<script>"));
    let pwned = Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    div.remove();
}

fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id}"))
        .dyn_into()
        .unwrap()
}

fn paste_into(ta: &HtmlTextAreaElement, text: &str) {
    ta.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_input_type("insertFromPaste");
    init.set_bubbles(true);
    let e = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    ta.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
fn page_controller_checks_jumps_and_dismisses() {
    provide_assets();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    // The page's own skeleton, scripts left out.
    let body = &INDEX[INDEX.find("<body>").unwrap() + 6..INDEX.find("<script").unwrap()];
    let root = container(body);
    let ctl = web_sys::AbortController::new().unwrap();
    nianbao::web::boot_page(ctl.signal(), false, None).unwrap();
    let results: HtmlElement = by_id("nb-results");
    assert!(results.inner_html().contains("nb-empty"));
    let export: web_sys::HtmlButtonElement = by_id("nb-export-json");
    assert!(export.disabled());

    // A paste is checked at once and drawn.
    let ta: HtmlTextAreaElement = by_id("nb-input");
    paste_into(&ta, SAMPLE);
    assert!(results.inner_html().contains("<b>4</b> 个错误"));
    assert!(!export.disabled());
    // The draft is kept for a reload.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        storage.get_item("nianbao.draft").unwrap().as_deref(),
        Some(SAMPLE)
    );

    // Clicking a problem focuses and highlights its cell.
    let link: HtmlElement = results
        .query_selector("a[data-goto='c-table3-partial-total']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    link.click();
    let cell: HtmlElement = by_id("c-table3-partial-total");
    assert!(cell.class_list().contains("nb-flash"));
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("c-table3-partial-total")
    );
    // The caret of the text area is on the problem's line (without taking the focus).
    let line = SAMPLE
        .lines()
        .position(|l| l.contains("（二）部分公开"))
        .expect("the row in the sample");
    let start: usize = SAMPLE
        .lines()
        .take(line)
        .map(|l| l.encode_utf16().count() + 1)
        .sum();
    assert_eq!(ta.selection_start().unwrap(), Some(start as u32));

    // Dismissing a problem asks for a reason, moves it to 已忽略, and remembers it.
    let t303 = results
        .query_selector(".nb-problem.nb-error:has(a[data-goto='c-table3-partial-total'])")
        .unwrap()
        .unwrap();
    let idx = t303.get_attribute("data-idx").unwrap();
    let dismiss: HtmlElement = t303
        .query_selector("[data-dismiss]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    dismiss.click();
    let input: HtmlInputElement = t303
        .query_selector(".nb-dismiss-form input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("<b>已核实</b>");
    let form: web_sys::HtmlFormElement = t303
        .query_selector(".nb-dismiss-form")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    form.request_submit().unwrap();
    assert!(results.inner_html().contains("<b>3</b> 个错误"));
    let moved = results
        .query_selector(&format!(".nb-group-dismissed #p{idx}"))
        .unwrap()
        .expect("dismissed problem in its group");
    assert!(moved
        .text_content()
        .unwrap()
        .contains("忽略原因：<b>已核实</b>"));
    assert!(storage
        .get_item("nianbao.dismissed.v2")
        .unwrap()
        .unwrap()
        .contains("已核实"));
    // Typing elsewhere keeps the dismissal (it is not tied to line numbers).
    paste_into(&ta, &format!("\n\n{SAMPLE}"));
    assert!(results.inner_html().contains("<b>3</b> 个错误"));

    // Leaving the page keeps what the text area holds, even without an input event.
    ta.set_value(&format!("{SAMPLE}\n最后一行"));
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    assert_eq!(
        storage.get_item("nianbao.draft").unwrap(),
        Some(format!("{SAMPLE}\n最后一行"))
    );

    // Once the loader aborts the signal, this instance no longer reacts.
    ctl.abort();
    paste_into(&ta, "");
    assert!(results.inner_html().contains("<b>3</b> 个错误"));
    storage.clear().unwrap();
    root.remove();
}
