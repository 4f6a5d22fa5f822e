//! The page controller: the state of the page (what is being checked, last year's report, the
//! results, the dismissals) and the handlers that connect the skeleton of www/index.html to the
//! engine and the HTML renderer. It computes nothing about reports itself.

use super::dom::{self, by_id, listen};
use crate::check::{read_error, Options, Outcome};
use crate::render::{csv, html, json, Named};
use crate::source::{self, ReadError, MAX_INPUT_BYTES};
use serde_json::{json as j, Value as Json};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    AbortSignal, ClipboardEvent, DragEvent, Element, Event, File, FileList, HtmlButtonElement,
    HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent,
    KeyboardEvent, MouseEvent,
};

const SAMPLE: &str = include_str!("../../www/sample/sample.txt");
const SAMPLE_NAME: &str = "示例：青山县石桥镇2024年度报告.txt";

const KEY_DRAFT: &str = "nianbao.draft";
const KEY_DRAFT_NAME: &str = "nianbao.draft.name";
const KEY_PREVIOUS: &str = "nianbao.previous";
const KEY_DISMISSED: &str = "nianbao.dismissed";

const EMPTY_STATE: &str = "<div class=\"nb-empty\"><h2>检查结果会显示在这里</h2><p>在左侧粘贴报告全文，或点击「打开文件」、把文件拖到页面上（.txt、.md、.html、.docx、.pdf），结果会随输入立即更新。</p><p>想先看看效果？点击「示例」载入一份带有多种问题的示例报告。</p><p>检查内容：六个部分是否齐全、标题是否规范；表二、表三、表四是否按规定格式填写；表三各列平衡、办理结果合计、各行合计；表四合计；正文中的数字与表格是否一致；统计期限和年份；信息处理费等必须说明的事项。可在「规则说明」中查看全部规则。</p></div>";

/// The elements of the skeleton (www/index.html).
struct El {
    input: HtmlTextAreaElement,
    file: HtmlInputElement,
    status: HtmlElement,
    undo: HtmlButtonElement,
    results: HtmlElement,
    prev: HtmlTextAreaElement,
    prev_file: HtmlInputElement,
    prev_status: HtmlElement,
    prev_box: HtmlDetailsElement,
    exports: Vec<HtmlButtonElement>,
    tab_check: HtmlElement,
    tab_rules: HtmlElement,
    check_view: HtmlElement,
    rules_view: HtmlElement,
    rules_body: HtmlElement,
    drop: HtmlElement,
    notice: HtmlElement,
    notice_box: HtmlElement,
}

fn need<T: JsCast>(id: &str) -> Result<T, JsValue> {
    by_id::<T>(id).ok_or_else(|| JsValue::from_str(&format!("页面缺少元素 #{id}")))
}

impl El {
    fn find() -> Result<El, JsValue> {
        Ok(El {
            input: need("nb-input")?,
            file: need("nb-file")?,
            status: need("nb-status")?,
            undo: need("nb-undo")?,
            results: need("nb-results")?,
            prev: need("nb-prev")?,
            prev_file: need("nb-prev-file")?,
            prev_status: need("nb-prev-status")?,
            prev_box: need("nb-prev-box")?,
            exports: [
                "nb-export-json",
                "nb-export-csv",
                "nb-export-html",
                "nb-print",
            ]
            .iter()
            .map(|id| need(id))
            .collect::<Result<_, _>>()?,
            tab_check: need("nb-tab-check")?,
            tab_rules: need("nb-tab-rules")?,
            check_view: need("nb-check-view")?,
            rules_view: need("nb-rules-view")?,
            rules_body: need("nb-rules-body")?,
            drop: need("nb-drop")?,
            notice: need("nb-notice")?,
            notice_box: need("nb-notice-box")?,
        })
    }
}

/// What the main slot checks.
enum Source {
    /// The text area's content.
    Text,
    /// A file (or pasted HTML) as bytes; `shown` is what was put in the text area. Editing the
    /// text area switches back to [`Source::Text`].
    Bytes { bytes: Rc<Vec<u8>>, shown: String },
}

/// One checked report.
#[derive(Clone)]
struct Entry {
    name: String,
    bytes: Option<Rc<Vec<u8>>>,
    outcome: Rc<Outcome>,
    /// The `check()` result object (output.md), without dismissals.
    result: Rc<Json>,
}

struct Page {
    signal: AbortSignal,
    el: El,
    source: Source,
    /// The file name of the text in the main slot ("粘贴的文本" when typed or pasted).
    name: String,
    previous: Option<(String, Rc<Vec<u8>>)>,
    current: Option<Entry>,
    /// Several files checked at once; `current` is one of them when shown in detail.
    batch: Vec<Entry>,
    dismissed: BTreeMap<String, String>,
    timer: Option<i32>,
    flash: Option<(Element, i32)>,
    /// Milliseconds the last check and drawing took (sets the typing debounce).
    last_ms: f64,
    /// The reader for HTML is built in (the clipboard's text/html is then checked as HTML).
    html_reader: bool,
    cleared: Option<(String, String)>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

/// Runs `f` on the page state (None if there is no page, or if it is busy).
fn with<R>(f: impl FnOnce(&mut Page) -> R) -> Option<R> {
    PAGE.with(|p| p.try_borrow_mut().ok()?.as_mut().map(f))
}

/// Starts the page: finds the skeleton's elements, restores the draft, wires every handler to
/// `signal` (the loader aborts it before re-instantiating the module) and checks the draft.
/// `recovered` is set when the module was re-instantiated after a panic: the text is kept and
/// not checked again until the user changes it (it may be what made the module fail).
#[wasm_bindgen(js_name = bootPage, skip_typescript)]
pub fn boot_page(signal: AbortSignal, recovered: bool, why: Option<String>) -> Result<(), JsValue> {
    super::install_panic_hook();
    let el = El::find()?;
    let dismissed: BTreeMap<String, String> = dom::load(KEY_DISMISSED)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    if !recovered && el.input.value().is_empty() {
        if let Some(draft) = dom::load(KEY_DRAFT) {
            el.input.set_value(&draft);
        }
        if let Some(prev) = dom::load(KEY_PREVIOUS) {
            el.prev.set_value(&prev);
            if !prev.is_empty() {
                el.prev_box.set_open(true);
            }
        }
    }
    let prev_text = el.prev.value();
    let name = dom::load(KEY_DRAFT_NAME).unwrap_or_else(|| "粘贴的文本".into());
    let html_reader = matches!(
        source::read(b"<html><body><p>probe</p><table><tr><td>1</td></tr></table></body></html>"),
        Ok(d) if d.format == source::InputFormat::Html
    );
    let page = Page {
        signal: signal.clone(),
        el,
        source: Source::Text,
        name,
        previous: (!prev_text.is_empty())
            .then(|| ("上一年度报告".to_owned(), Rc::new(prev_text.into_bytes()))),
        current: None,
        batch: Vec::new(),
        dismissed,
        timer: None,
        flash: None,
        last_ms: 0.0,
        html_reader,
        cleared: None,
    };
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    wire(&signal)?;
    if recovered {
        with(|p| {
            p.notice(&format!(
                "检查程序内部出错，已自动恢复，您输入的文字没有丢失。出错的可能是这段文字中的某处内容：修改文字后会重新检查。如问题重复出现，请把报告反馈给开发者。（错误信息：{}）",
                why.as_deref().unwrap_or("未知")
            ));
            p.el.results.set_inner_html(EMPTY_STATE);
            p.set_status("检查已暂停：修改文字后重新检查。");
        });
    } else {
        run_check();
        if dom::window().location().hash().ok().as_deref() == Some("#rules") {
            with(|p| p.show_rules(None));
        }
    }
    register_service_worker();
    Ok(())
}

fn register_service_worker() {
    let w = dom::window();
    let proto = w.location().protocol().unwrap_or_default();
    if proto != "http:" && proto != "https:" {
        return;
    }
    let nav = w.navigator();
    if js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        // A failure only means no offline copy; the page works regardless.
        let _ = nav.service_worker().register("sw.js");
    }
}

fn button(id: &str) -> Result<web_sys::EventTarget, JsValue> {
    need::<web_sys::EventTarget>(id)
}

fn wire(signal: &AbortSignal) -> Result<(), JsValue> {
    let (input, prev) = with(|p| (p.el.input.clone(), p.el.prev.clone())).ok_or("no page")?;

    listen(&input, "input", signal, |e: InputEvent| {
        let immediate = matches!(
            e.input_type().as_str(),
            "insertFromPaste" | "insertFromDrop" | "deleteByCut"
        );
        with(|p| p.on_edit());
        schedule(immediate);
    });
    listen(&input, "paste", signal, on_paste);

    listen(&button("nb-open")?, "click", signal, |_: Event| {
        with(|p| p.el.file.click());
    });
    let file: HtmlInputElement = need("nb-file")?;
    listen(&file, "change", signal, |e: Event| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            if let Some(files) = input.files() {
                load_files(&files);
            }
            input.set_value("");
        }
    });
    listen(&button("nb-sample")?, "click", signal, |_: Event| {
        load_sample()
    });
    listen(&button("nb-clear")?, "click", signal, |_: Event| {
        with(|p| p.clear());
    });
    listen(&button("nb-undo")?, "click", signal, |_: Event| {
        with(|p| p.undo_clear());
        run_check();
    });

    listen(&prev, "input", signal, |_: Event| {
        with(|p| {
            let v = p.el.prev.value();
            p.previous = (!v.is_empty())
                .then(|| ("上一年度报告".to_owned(), Rc::new(v.clone().into_bytes())));
            if !dom::save(KEY_PREVIOUS, &v) {
                p.el.prev_status
                    .set_text_content(Some("上一年度报告过大，未能保存在本机。"));
            }
        });
        schedule(false);
    });
    listen(&button("nb-prev-open")?, "click", signal, |_: Event| {
        with(|p| p.el.prev_file.click());
    });
    let prev_file: HtmlInputElement = need("nb-prev-file")?;
    listen(&prev_file, "change", signal, |e: Event| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                load_previous(f);
            }
            input.set_value("");
        }
    });
    listen(&button("nb-prev-clear")?, "click", signal, |_: Event| {
        with(|p| {
            p.el.prev.set_value("");
            p.previous = None;
            dom::remove(KEY_PREVIOUS);
            p.el.prev_status
                .set_text_content(Some("已清空上一年度报告。"));
        });
        run_check();
    });

    listen(&button("nb-export-json")?, "click", signal, |_: Event| {
        with(|p| p.export("json"));
    });
    listen(&button("nb-export-csv")?, "click", signal, |_: Event| {
        with(|p| p.export("csv"));
    });
    listen(&button("nb-export-html")?, "click", signal, |_: Event| {
        with(|p| p.export("html"));
    });
    listen(&button("nb-print")?, "click", signal, |_: Event| {
        let _ = dom::window().print();
    });

    listen(&button("nb-tab-check")?, "click", signal, |_: Event| {
        with(|p| p.show_check());
    });
    listen(&button("nb-tab-rules")?, "click", signal, |_: Event| {
        with(|p| p.show_rules(None));
    });
    listen(&button("nb-rules-back")?, "click", signal, |_: Event| {
        with(|p| p.show_check());
    });

    let results: HtmlElement = need("nb-results")?;
    listen(&results, "click", signal, on_results_click);
    listen(&results, "submit", signal, on_dismiss_submit);
    listen(&results, "keydown", signal, |e: KeyboardEvent| {
        if e.key() == "Escape" {
            if let Some(form) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(".nb-dismiss-form").ok().flatten())
            {
                close_dismiss_form(&form);
            }
        }
    });
    let rules: HtmlElement = need("nb-rules-body")?;
    listen(&rules, "click", signal, |e: MouseEvent| {
        if let Some(a) = target_with(&e, "[data-goto]") {
            e.prevent_default();
            let id = a.get_attribute("data-goto").unwrap_or_default();
            with(|p| p.jump(&id));
        }
    });

    // Files dropped anywhere on the page; on last year's box they go there.
    let win = dom::window();
    listen(&win, "dragover", signal, |e: DragEvent| {
        if carries_files(&e) {
            e.prevent_default();
            with(|p| p.el.drop.set_hidden(false));
        }
    });
    listen(&win, "dragleave", signal, |e: DragEvent| {
        // Leaving the window (no related target) hides the overlay.
        if e.related_target().is_none() {
            with(|p| p.el.drop.set_hidden(true));
        }
    });
    listen(&win, "drop", signal, |e: DragEvent| {
        with(|p| p.el.drop.set_hidden(true));
        let Some(files) = e.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        if files.length() == 0 {
            return;
        }
        e.prevent_default();
        let on_prev = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("#nb-prev-box").ok().flatten())
            .is_some();
        if on_prev {
            if let Some(f) = files.get(0) {
                load_previous(f);
            }
        } else {
            load_files(&files);
        }
    });
    listen(&win, "hashchange", signal, |_: Event| {
        if dom::window().location().hash().ok().as_deref() == Some("#rules") {
            with(|p| p.show_rules(None));
        }
    });
    // Lets the end-to-end test prove that a panic is survived.
    listen(&win, "nianbao-test-panic", signal, |_: Event| {
        panic!("测试用的故意错误（nianbao-test-panic）");
    });
    Ok(())
}

fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        let types = d.types();
        types
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

/// The closest element matching `selector` from the event's target.
fn target_with(e: &Event, selector: &str) -> Option<Element> {
    e.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Checks now, or after a pause in typing (longer for large reports).
fn schedule(immediate: bool) {
    let delay = with(|p| {
        if let Some(t) = p.timer.take() {
            dom::clear_timeout(t);
        }
        (200.0 + 2.0 * p.last_ms).min(1500.0) as i32
    });
    let Some(delay) = delay else { return };
    if immediate {
        run_check();
    } else {
        let signal = with(|p| p.signal.clone());
        if let Some(signal) = signal {
            let t = dom::set_timeout(delay, &signal, run_check);
            with(|p| p.timer = Some(t));
        }
    }
}

/// Checks what the main slot holds and draws the results.
fn run_check() {
    with(|p| p.check_now());
}

fn on_paste(e: ClipboardEvent) {
    let Some(data) = e.clipboard_data() else {
        return;
    };
    let html = data.get_data("text/html").unwrap_or_default();
    let plain = data.get_data("text/plain").unwrap_or_default();
    let ok = with(|p| {
        let ta = &p.el.input;
        let all = ta.value().is_empty()
            || (ta.selection_start().ok().flatten() == Some(0)
                && ta.selection_end().ok().flatten() == Some(ta.text_length()));
        p.html_reader && all && !html.trim().is_empty()
    })
    .unwrap_or(false);
    if !ok {
        // Plain text: the browser inserts it and the input event checks at once.
        return;
    }
    e.prevent_default();
    with(|p| {
        p.batch.clear();
        p.take_bytes("粘贴的网页内容".into(), html.into_bytes(), Some(plain))
    });
}

fn load_sample() {
    with(|p| {
        p.batch.clear();
        p.clear_notice();
        p.el.input.set_value(SAMPLE);
        p.el.input.set_scroll_top(0);
        p.source = Source::Text;
        p.name = SAMPLE_NAME.into();
        p.check_now();
        if let Some(c) = &p.current {
            let s = crate::diagnostic::Summary::of(&c.outcome.diagnostics);
            p.set_status(&format!(
                "已载入示例报告：共有 {} 个错误、{} 个警告。点击问题清单中的问题可跳到对应的单元格或行；直接修改报告文字，结果会随之更新。",
                s.errors, s.warnings
            ));
        }
    });
}

/// Reads files picked or dropped: one is shown in detail, several are checked as a batch.
fn load_files(files: &FileList) {
    let list: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if list.is_empty() {
        return;
    }
    spawn_local(async move {
        let total = list.len();
        let mut entries = Vec::new();
        for (i, f) in list.into_iter().enumerate() {
            if total > 1 {
                with(|p| p.set_status(&format!("正在检查第 {} / {total} 份：{}", i + 1, f.name())));
                // Let the page draw the progress and stay responsive between files.
                yield_now().await;
            }
            let name = f.name();
            let size = f.size();
            if size > MAX_INPUT_BYTES as f64 {
                entries.push((name, Err(size as usize)));
                continue;
            }
            match read_file(&f).await {
                Ok(bytes) => entries.push((name, Ok(bytes))),
                Err(msg) => {
                    with(|p| p.notice(&format!("无法读取文件「{name}」：{msg}")));
                }
            }
        }
        with(|p| p.take_files(entries));
    });
}

fn load_previous(f: File) {
    spawn_local(async move {
        let name = f.name();
        if f.size() > MAX_INPUT_BYTES as f64 {
            with(|p| {
                p.el.prev_status
                    .set_text_content(Some(&format!("文件「{name}」超过 50 MB 的上限，未使用。")))
            });
            return;
        }
        match read_file(&f).await {
            Ok(bytes) => {
                with(|p| p.take_previous(name, bytes));
                run_check();
            }
            Err(msg) => {
                with(|p| {
                    p.el.prev_status
                        .set_text_content(Some(&format!("无法读取文件「{name}」：{msg}")))
                });
            }
        }
    });
}

async fn read_file(f: &File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(f.array_buffer())
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "浏览器拒绝读取".into()))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

async fn yield_now() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = dom::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(p).await;
}

fn on_results_click(e: MouseEvent) {
    let Some(el) = target_with(&e, "[data-goto], [data-rule], [data-dismiss], [data-restore], [data-entry], [data-batch], a[href^='#'], [data-cancel]") else {
        return;
    };
    let attr = |k: &str| el.get_attribute(k);
    if let Some(id) = attr("data-goto") {
        e.prevent_default();
        with(|p| p.jump(&id));
    } else if let Some(code) = attr("data-rule") {
        e.prevent_default();
        with(|p| p.show_rules(Some(&code)));
    } else if let Some(i) = attr("data-dismiss").and_then(|s| s.parse::<usize>().ok()) {
        open_dismiss_form(&el, i);
    } else if let Some(i) = attr("data-restore").and_then(|s| s.parse::<usize>().ok()) {
        with(|p| p.restore(i));
    } else if let Some(i) = attr("data-entry").and_then(|s| s.parse::<usize>().ok()) {
        with(|p| p.show_entry(i));
    } else if attr("data-batch").is_some() {
        with(|p| p.show_batch());
    } else if attr("data-cancel").is_some() {
        if let Some(form) = el.closest(".nb-dismiss-form").ok().flatten() {
            close_dismiss_form(&form);
        }
    } else if let Some(href) = attr("href") {
        e.prevent_default();
        with(|p| p.jump(href.trim_start_matches('#')));
    }
}

/// Shows the reason form under a problem's 忽略 button (built with DOM calls: no markup).
fn open_dismiss_form(button: &Element, idx: usize) {
    let Some(item) = button.closest(".nb-problem").ok().flatten() else {
        return;
    };
    if let Ok(Some(form)) = item.query_selector(".nb-dismiss-form") {
        focus_first_input(&form);
        return;
    }
    let doc = dom::document();
    let build = || -> Result<Element, JsValue> {
        let form = doc.create_element("form")?;
        form.set_class_name("nb-dismiss-form");
        form.set_attribute("data-idx", &idx.to_string())?;
        let label = doc.create_element("label")?;
        label.set_text_content(Some("忽略原因："));
        let input = doc.create_element("input")?;
        input.set_attribute("type", "text")?;
        input.set_attribute("required", "")?;
        input.set_attribute("maxlength", "200")?;
        input.set_attribute("placeholder", "例如：已与业务科室核实，数字无误")?;
        label.append_child(&input)?;
        let ok = doc.create_element("button")?;
        ok.set_attribute("type", "submit")?;
        ok.set_class_name("nb-btn");
        ok.set_text_content(Some("确定忽略"));
        let cancel = doc.create_element("button")?;
        cancel.set_attribute("type", "button")?;
        cancel.set_attribute("data-cancel", "")?;
        cancel.set_class_name("nb-btn nb-quiet");
        cancel.set_text_content(Some("取消"));
        form.append_child(&label)?;
        form.append_child(&ok)?;
        form.append_child(&cancel)?;
        Ok(form)
    };
    if let Ok(form) = build() {
        let _ = item.append_child(&form);
        let _ = button.set_attribute("aria-expanded", "true");
        focus_first_input(&form);
    }
}

fn focus_first_input(form: &Element) {
    if let Ok(Some(i)) = form.query_selector("input") {
        if let Ok(i) = i.dyn_into::<HtmlElement>() {
            let _ = i.focus();
        }
    }
}

fn close_dismiss_form(form: &Element) {
    if let Some(item) = form.closest(".nb-problem").ok().flatten() {
        if let Ok(Some(b)) = item.query_selector("[data-dismiss]") {
            let _ = b.set_attribute("aria-expanded", "false");
            if let Ok(b) = b.dyn_into::<HtmlElement>() {
                let _ = b.focus();
            }
        }
    }
    form.remove();
}

fn on_dismiss_submit(e: Event) {
    let Some(form) = target_with(&e, ".nb-dismiss-form") else {
        return;
    };
    e.prevent_default();
    let idx = form
        .get_attribute("data-idx")
        .and_then(|s| s.parse::<usize>().ok());
    let reason = form
        .query_selector("input")
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value().trim().to_owned())
        .unwrap_or_default();
    if let (Some(i), false) = (idx, reason.is_empty()) {
        with(|p| p.dismiss(i, reason));
    }
}

/// The identity of a diagnostic for dismissals: the same problem in the same agency's report of
/// the same year, wherever its line moves to.
fn dismissal_key(result: &Json, d: &Json) -> String {
    let r = &result["report"];
    let l = &d["location"];
    let s = |v: &Json| match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    [
        s(&r["agency"]),
        s(&r["year"]),
        s(&d["code"]),
        s(&l["table"]),
        s(&l["row"]),
        s(&l["col"]),
        s(&l["part"]),
        s(&d["message"]),
    ]
    .join("|")
}

fn base_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem: String = stem
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    if stem.trim().is_empty() {
        "年报校验结果".into()
    } else {
        stem
    }
}

impl Page {
    fn set_status(&self, msg: &str) {
        self.el.status.set_text_content(Some(msg));
        self.el.undo.set_hidden(self.cleared.is_none());
    }

    fn notice(&self, msg: &str) {
        self.el.notice.set_text_content(Some(msg));
        self.el.notice_box.set_hidden(false);
    }

    fn clear_notice(&self) {
        self.el.notice_box.set_hidden(true);
        self.el.notice.set_text_content(None);
    }

    /// The text area changed: a file's bytes no longer describe it, and old notices are stale.
    fn on_edit(&mut self) {
        self.clear_notice();
        if let Source::Bytes { shown, .. } = &self.source {
            if *shown != self.el.input.value() {
                self.source = Source::Text;
                self.name = "粘贴的文本".into();
            }
        }
        if self.cleared.is_some() {
            self.cleared = None;
            self.el.undo.set_hidden(true);
        }
    }

    fn options(&self) -> Options {
        Options {
            previous: self.previous.as_ref().map(|(_, b)| b.as_ref().clone()),
            ignore: Vec::new(),
        }
    }

    /// Checks the main slot now and draws the results.
    fn check_now(&mut self) {
        if let Some(t) = self.timer.take() {
            dom::clear_timeout(t);
        }
        let t0 = dom::now();
        let opts = self.options();
        let (outcome, bytes) = match &self.source {
            Source::Bytes { bytes, .. } => (crate::check(bytes, &opts), Some(bytes.clone())),
            Source::Text => {
                let units = self.el.input.text_length() as usize;
                if units == 0 {
                    // Nothing to check: the empty state, or the overview of a batch.
                    self.current = None;
                    self.draw();
                    self.save_draft();
                    self.set_status("");
                    return;
                }
                let outcome = if units > MAX_INPUT_BYTES {
                    Outcome {
                        input_format: None,
                        document: None,
                        report: None,
                        diagnostics: vec![read_error(&ReadError::TooLarge(units))],
                    }
                } else {
                    crate::check_str(&self.el.input.value(), &opts)
                };
                (outcome, None)
            }
        };
        self.present(outcome, bytes, t0);
    }

    /// Shows a fresh outcome of the main slot: draws it, saves the draft, reports in the status.
    fn present(&mut self, outcome: Outcome, bytes: Option<Rc<Vec<u8>>>, t0: f64) {
        let result = html::result(&Named {
            file: &self.name,
            outcome: &outcome,
        });
        self.current = Some(Entry {
            name: self.name.clone(),
            bytes,
            outcome: Rc::new(outcome),
            result: Rc::new(result),
        });
        self.draw();
        let saved = self.save_draft();
        self.last_ms = dom::now() - t0;
        let prev = match &self.previous {
            Some(_) => "已与上一年度报告对照。",
            None => "",
        };
        let counts = self
            .current
            .as_ref()
            .map(|c| crate::diagnostic::Summary::of(&c.outcome.diagnostics))
            .unwrap_or_default();
        self.set_status(&format!(
            "已检查「{}」：{} 个错误，{} 个警告，{} 个提示（用时 {:.0} 毫秒）。{prev}{}",
            self.name,
            counts.errors,
            counts.warnings,
            counts.infos,
            self.last_ms.max(1.0),
            if saved {
                "草稿已自动保存在本机浏览器中（不会上传）。"
            } else {
                "草稿过大，未能保存在本机浏览器中。"
            }
        ));
        // When the last check landed and how long it took (the tests and the timing script wait
        // for it).
        let _ = dom::document()
            .document_element()
            .map(|e| e.set_attribute("data-checked", &format!("{:.1}", self.last_ms)));
    }

    fn save_draft(&self) -> bool {
        // Browsers keep about 5 MB per page (2.5 million characters); don't try beyond that.
        if self.el.input.text_length() > 2_500_000 {
            dom::remove(KEY_DRAFT);
            return false;
        }
        let text = self.el.input.value();
        if text.is_empty() {
            dom::remove(KEY_DRAFT);
            dom::remove(KEY_DRAFT_NAME);
            return true;
        }
        dom::save(KEY_DRAFT_NAME, &self.name) && dom::save(KEY_DRAFT, &text)
    }

    /// The result with the dismissals that apply to it.
    fn with_dismissals(&self, result: &Json) -> Json {
        let mut r = result.clone();
        let keys: Vec<String> = r["diagnostics"]
            .as_array()
            .map(|a| a.iter().map(|d| dismissal_key(result, d)).collect())
            .unwrap_or_default();
        if let Some(ds) = r["diagnostics"].as_array_mut() {
            for (d, k) in ds.iter_mut().zip(keys) {
                if let Some(reason) = self.dismissed.get(&k) {
                    d["dismissed"] = Json::String(reason.clone());
                }
            }
        }
        r
    }

    fn enable_exports(&self, on: bool) {
        for b in &self.el.exports {
            b.set_disabled(!on);
        }
    }

    /// Draws the current result (or the batch overview).
    fn draw(&self) {
        let mut out = String::new();
        match &self.current {
            Some(c) => {
                if !self.batch.is_empty() {
                    out.push_str(&format!(
                        "<p class=\"nb-batch-back\"><button type=\"button\" class=\"nb-btn\" data-batch=\"\">← 返回全部 {} 份报告的总览</button></p>",
                        self.batch.len()
                    ));
                }
                out.push_str(&html::fragment(
                    &self.with_dismissals(&c.result),
                    &html::Options {
                        prefix: "",
                        interactive: true,
                    },
                ));
            }
            None if !self.batch.is_empty() => {
                let results: Vec<Json> = self
                    .batch
                    .iter()
                    .map(|e| self.with_dismissals(&e.result))
                    .collect();
                out.push_str(&html::overview(&results, true));
            }
            None => out.push_str(EMPTY_STATE),
        }
        self.el.results.set_inner_html(&out);
        self.enable_exports(self.current.is_some() || !self.batch.is_empty());
    }

    /// Takes bytes (a file or pasted HTML) as the main slot's source, checked once.
    /// `pasted` is the clipboard's plain text when the bytes are pasted HTML.
    fn take_bytes(&mut self, name: String, bytes: Vec<u8>, pasted: Option<String>) {
        if let Some(t) = self.timer.take() {
            dom::clear_timeout(t);
        }
        let t0 = dom::now();
        let bytes = Rc::new(bytes);
        let outcome = crate::check(&bytes, &self.options());
        match outcome.document.as_ref() {
            Some(doc) if doc.format == source::InputFormat::Text => {
                // Text files become editable text.
                self.el.input.set_value(&doc.text);
                self.el.input.set_scroll_top(0);
                self.source = Source::Text;
            }
            Some(doc) => {
                // The extracted text is shown (locations refer to it); the bytes are checked.
                self.el.input.set_value(&doc.text);
                self.el.input.set_scroll_top(0);
                self.source = Source::Bytes {
                    bytes: bytes.clone(),
                    shown: self.el.input.value(),
                };
            }
            None if pasted.is_some() => {
                // The clipboard's HTML could not be read: fall back to its text.
                self.notice("粘贴的网页内容无法按网页格式读取，已改为按纯文本检查。");
                self.el
                    .input
                    .set_value(pasted.as_deref().unwrap_or_default());
                self.source = Source::Text;
                self.name = "粘贴的文本".into();
                self.check_now();
                return;
            }
            None => {
                // Unreadable: say why, and keep the text area as it was.
                self.source = Source::Bytes {
                    bytes: bytes.clone(),
                    shown: self.el.input.value(),
                };
            }
        }
        self.name = name;
        self.clear_notice();
        self.present(outcome, Some(bytes), t0);
    }

    fn take_files(&mut self, entries: Vec<(String, Result<Vec<u8>, usize>)>) {
        if entries.len() == 1 {
            let (name, r) = entries.into_iter().next().expect("one entry");
            self.batch.clear();
            match r {
                Ok(bytes) => self.take_bytes(name, bytes, None),
                Err(size) => {
                    self.notice(&format!(
                        "文件「{name}」有 {:.1} MB，超过 50 MB 的上限，未检查。",
                        size as f64 / 1048576.0
                    ));
                }
            }
            return;
        }
        let opts = self.options();
        self.batch = entries
            .into_iter()
            .map(|(name, r)| {
                let (bytes, outcome) = match r {
                    Ok(b) => {
                        let o = crate::check(&b, &opts);
                        (Some(Rc::new(b)), o)
                    }
                    Err(size) => (
                        None,
                        Outcome {
                            input_format: None,
                            document: None,
                            report: None,
                            diagnostics: vec![read_error(&ReadError::TooLarge(size))],
                        },
                    ),
                };
                let result = html::result(&Named {
                    file: &name,
                    outcome: &outcome,
                });
                Entry {
                    name,
                    bytes,
                    outcome: Rc::new(outcome),
                    result: Rc::new(result),
                }
            })
            .collect();
        // The text area no longer shows what is checked: each file's text appears when it is opened.
        self.current = None;
        self.el.input.set_value("");
        self.source = Source::Text;
        self.name = "粘贴的文本".into();
        dom::remove(KEY_DRAFT);
        dom::remove(KEY_DRAFT_NAME);
        self.clear_notice();
        self.draw();
        let failing = self
            .batch
            .iter()
            .filter(|e| {
                e.outcome
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == crate::diagnostic::Severity::Error)
            })
            .count();
        self.set_status(&format!(
            "已检查 {} 份报告，其中 {failing} 份有错误。点击文件名查看详情。",
            self.batch.len()
        ));
    }

    fn show_batch(&mut self) {
        self.current = None;
        self.draw();
        self.focus_results();
    }

    fn show_entry(&mut self, i: usize) {
        let Some(e) = self.batch.get(i).cloned() else {
            return;
        };
        let text = e
            .outcome
            .document
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default();
        if let Some(bytes) = &e.bytes {
            self.el.input.set_value(&text);
            self.source = Source::Bytes {
                bytes: bytes.clone(),
                shown: self.el.input.value(),
            };
        }
        self.name = e.name.clone();
        self.current = Some(e);
        self.draw();
        self.focus_results();
    }

    fn focus_results(&self) {
        if let Some(h) = by_id::<HtmlElement>("nb-results-box") {
            let _ = h.focus();
            h.scroll_into_view();
        }
    }

    fn take_previous(&mut self, name: String, bytes: Vec<u8>) {
        let shown = match source::read(&bytes) {
            Ok(doc) => {
                self.el.prev_status.set_text_content(Some(&format!(
                    "已载入上一年度报告「{name}」，将用于跨年度检查。"
                )));
                doc.text
            }
            Err(e) => {
                self.el.prev_status.set_text_content(Some(&format!(
                    "无法读取「{name}」：{}",
                    read_error(&e).message
                )));
                return;
            }
        };
        self.el.prev.set_value(&shown);
        self.el.prev_box.set_open(true);
        let _ = dom::save(KEY_PREVIOUS, &shown);
        self.previous = Some((name, Rc::new(bytes)));
    }

    fn clear(&mut self) {
        let text = self.el.input.value();
        let prev = self.el.prev.value();
        if text.is_empty() && prev.is_empty() {
            return;
        }
        self.cleared = Some((text, prev));
        self.el.input.set_value("");
        self.el.prev.set_value("");
        self.previous = None;
        self.source = Source::Text;
        self.name = "粘贴的文本".into();
        self.batch.clear();
        dom::remove(KEY_DRAFT);
        dom::remove(KEY_DRAFT_NAME);
        dom::remove(KEY_PREVIOUS);
        self.check_now();
        self.set_status("已清空，本机保存的草稿也已删除。");
        let _ = self.el.input.focus();
    }

    fn undo_clear(&mut self) {
        if let Some((text, prev)) = self.cleared.take() {
            self.el.input.set_value(&text);
            self.el.prev.set_value(&prev);
            self.previous = (!prev.is_empty()).then(|| {
                (
                    "上一年度报告".to_owned(),
                    Rc::new(prev.clone().into_bytes()),
                )
            });
            let _ = dom::save(KEY_PREVIOUS, &prev);
        }
    }

    fn dismiss(&mut self, idx: usize, reason: String) {
        let Some(c) = &self.current else { return };
        let Some(d) = c.result["diagnostics"].get(idx) else {
            return;
        };
        let key = dismissal_key(&c.result, d);
        self.dismissed.insert(key, reason);
        self.save_dismissals();
        self.draw();
        self.focus_problem_near(idx);
    }

    fn restore(&mut self, idx: usize) {
        let Some(c) = &self.current else { return };
        let Some(d) = c.result["diagnostics"].get(idx) else {
            return;
        };
        let key = dismissal_key(&c.result, d);
        self.dismissed.remove(&key);
        self.save_dismissals();
        self.draw();
        self.focus_problem_near(idx);
    }

    fn save_dismissals(&self) {
        let s = serde_json::to_string(&self.dismissed).unwrap_or_default();
        if !dom::save(KEY_DISMISSED, &s) {
            self.notice("忽略记录未能保存在本机浏览器中（存储空间不足或被禁用），刷新后将失效。");
        }
    }

    /// After a problem moved (dismissed or restored), focus it in its new place.
    fn focus_problem_near(&self, idx: usize) {
        if let Some(el) = by_id::<Element>(&format!("p{idx}")) {
            let target = el
                .query_selector(".nb-go, button")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(t) = target {
                let _ = t.focus();
            }
        }
    }

    /// Scrolls to an element of the results, focuses and highlights it.
    fn jump(&mut self, id: &str) {
        if id.starts_with("rule-") || id.starts_with("family-") {
            self.show_rules(None);
        } else if !self.el.rules_view.hidden() {
            self.show_check();
        }
        let Some(el) = by_id::<HtmlElement>(id) else {
            return;
        };
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_behavior(if dom::reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        // A problem in the list is focused through its link.
        let focus: HtmlElement = if id.starts_with('p') && el.class_list().contains("nb-problem") {
            el.query_selector(".nb-go")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into().ok())
                .unwrap_or(el.clone())
        } else {
            el.clone()
        };
        let fo = web_sys::FocusOptions::new();
        fo.set_prevent_scroll(true);
        let _ = focus.focus_with_options(&fo);
        if let Some((old, t)) = self.flash.take() {
            dom::clear_timeout(t);
            let _ = old.class_list().remove_1("nb-flash");
        }
        let _ = el.class_list().add_1("nb-flash");
        let el2: Element = el.clone().into();
        let t = dom::set_timeout(3200, &self.signal, move || {
            let _ = el2.class_list().remove_1("nb-flash");
        });
        self.flash = Some((el.into(), t));
    }

    fn show_rules(&mut self, code: Option<&str>) {
        // Drawn on first use: it is not needed to start checking.
        if self.el.rules_body.child_element_count() == 0 {
            self.el.rules_body.set_inner_html(&html::rules_page());
        }
        self.el.check_view.set_hidden(true);
        self.el.rules_view.set_hidden(false);
        let _ = self.el.tab_check.set_attribute("aria-pressed", "false");
        let _ = self.el.tab_rules.set_attribute("aria-pressed", "true");
        let target = code
            .map(|c| format!("rule-{c}"))
            .unwrap_or_else(|| "h-rules".into());
        if let Some(el) = by_id::<HtmlElement>(&target) {
            el.scroll_into_view();
            let _ = el.focus();
        }
    }

    fn show_check(&mut self) {
        self.el.rules_view.set_hidden(true);
        self.el.check_view.set_hidden(false);
        let _ = self.el.tab_check.set_attribute("aria-pressed", "true");
        let _ = self.el.tab_rules.set_attribute("aria-pressed", "false");
        let loc = dom::window().location();
        if loc.hash().ok().as_deref() == Some("#rules") {
            // Drop the hash without reloading or adding history.
            if let Ok(h) = dom::window().history() {
                let _ = h.replace_state_with_url(
                    &JsValue::NULL,
                    "",
                    Some(&loc.pathname().unwrap_or_default()),
                );
            }
        }
    }

    /// Exports what is shown: the current report, or every report of a batch.
    fn export(&self, kind: &str) {
        let entries: Vec<&Entry> = match &self.current {
            Some(c) => vec![c],
            None => self.batch.iter().collect(),
        };
        if entries.is_empty() {
            return;
        }
        let named: Vec<Named> = entries
            .iter()
            .map(|e| Named {
                file: &e.name,
                outcome: &e.outcome,
            })
            .collect();
        let with_dismissals: Vec<Json> = entries
            .iter()
            .map(|e| self.with_dismissals(&e.result))
            .collect();
        let base = match entries.as_slice() {
            [one] => base_name(&one.name),
            _ => format!("年报校验结果（{} 份）", entries.len()),
        };
        let reason = |file: &str, i: usize| -> Option<String> {
            let k = entries.iter().position(|e| e.name == file)?;
            with_dismissals[k]["diagnostics"][i]["dismissed"]
                .as_str()
                .map(str::to_owned)
        };
        let r = match kind {
            "json" => {
                let mut doc = json::document(&named);
                // The page's dismissals travel with the diagnostics.
                if let Some(reports) = doc["reports"].as_array_mut() {
                    for (k, rep) in reports.iter_mut().enumerate() {
                        if let Some(ds) = rep["diagnostics"].as_array_mut() {
                            for (i, d) in ds.iter_mut().enumerate() {
                                if let Some(why) =
                                    with_dismissals[k]["diagnostics"][i]["dismissed"].as_str()
                                {
                                    d["dismissed"] = j!(why);
                                }
                            }
                        }
                    }
                }
                let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
                s.push('\n');
                dom::download(&format!("{base}.json"), "application/json", &s)
            }
            "csv" => dom::download(
                &format!("{base}.csv"),
                "text/csv;charset=utf-8",
                &csv::render(&named, &reason),
            ),
            _ => dom::download(
                &format!("{base}.html"),
                "text/html;charset=utf-8",
                &html::standalone(&with_dismissals),
            ),
        };
        if r.is_err() {
            self.notice("浏览器未能生成下载文件。");
        }
    }
}
