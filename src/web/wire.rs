//! Events → messages: each step wires one area of the page to the session (src/session) or to a
//! DOM-only action (jumps, tabs, the dismiss form, tooltips). Every listener ends when the
//! loader aborts `signal`.

use super::dom::{self, listen};
use super::page::{need, place_tip, send, with};
use crate::render::overview::Column;
use crate::session::{Export, FileContent, FileIn, Msg, Session, BIG_TEXT};
use crate::source::MAX_INPUT_BYTES;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    AbortSignal, ClipboardEvent, DragEvent, Element, Event, EventTarget, File, FileList,
    HtmlElement, HtmlInputElement, InputEvent, KeyboardEvent, MouseEvent,
};

pub(super) fn wire(signal: &AbortSignal) -> Result<(), JsValue> {
    wire_editor(signal)?;
    wire_toolbar(signal)?;
    wire_previous(signal)?;
    wire_exports(signal)?;
    wire_tabs(signal)?;
    wire_results(signal)?;
    wire_tooltips(signal)?;
    wire_drop(signal);
    wire_test_panic(signal);
    Ok(())
}

fn button(id: &str) -> Result<EventTarget, JsValue> {
    need::<EventTarget>(id)
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

/// Typing (saved at once, checked after a pause), pasting, and leaving the page.
///
/// A text of more than `BIG_TEXT` UTF-16 units (so more than `BIG_TEXT` bytes: the session shows
/// it only by its start, read-only) never stays in the text area: a paste that makes one is
/// taken from the clipboard before the browser inserts it (`on_paste`); any other input that
/// makes one (a drop) has its start put in its place in the input's own task, before the browser
/// lays the whole text out. The text is then read into the module in steps, each a task of its
/// own (~22 ms per 10 MB in one piece), so that keystrokes are answered meanwhile, and dropped if
/// another input or an action replaced it by then (`Page::sync`).
fn wire_editor(signal: &AbortSignal) -> Result<(), JsValue> {
    let input = with(|p| p.el.input.clone()).ok_or("no page")?;
    listen(&input, "input", signal, |e: InputEvent| {
        let immediate = matches!(
            e.input_type().as_str(),
            "insertFromPaste" | "insertFromDrop" | "deleteByCut"
        );
        let Some(value) = with(|p| {
            // Any input replaces a big paste still being read (`take_big` sets it again).
            p.reading = None;
            js_sys::Reflect::get(&p.el.input, &JsValue::from_str("value"))
                .map(JsCast::unchecked_into::<JsString>)
                .unwrap_or_default()
        }) else {
            return;
        };
        if value.length() as usize > BIG_TEXT {
            take_big(value, immediate);
        } else {
            send(Msg::Edited {
                text: value.into(),
                immediate,
            });
        }
    });
    listen(&input, "paste", signal, on_paste);
    // The last keystrokes before a reload or closing the tab (or a big paste still being read).
    listen(&dom::window(), "pagehide", signal, |_: Event| {
        let text = with(|p| match &p.reading {
            Some(v) => String::from(v),
            None => p.el.input.value(),
        });
        if let Some(text) = text {
            send(Msg::Leaving { text });
        }
    });
    Ok(())
}

/// Puts a text of more than `BIG_TEXT` UTF-16 units in the text area's place by its start and
/// reads it into the module in steps; it becomes `Msg::Edited` unless another input or an action
/// replaced it meanwhile.
fn take_big(value: JsString, immediate: bool) {
    let taken = with(|p| {
        // (Its first thousand characters only: the frame after the paste lays them out, and the
        // session's own start of the text follows within a few frames.)
        let start = String::from(value.slice(0, 1024)) + "……";
        p.el.input.set_value(&start);
        p.el.input.set_read_only(true);
        p.reading = Some(value.clone());
    });
    if taken.is_none() {
        return;
    }
    // Newer than any check still running: its reply must not replace this text. (The session
    // also says 正在读取 from now on.)
    send(Msg::Reading);
    spawn_local(async move {
        let text = dom::string_in_steps(&value).await;
        if with(|p| p.reading.take_if(|v| *v == value).is_some()) == Some(true) {
            send(Msg::Edited { text, immediate });
        }
    });
}

/// HTML on the clipboard replacing the whole text is checked as HTML (tables stay tables) when
/// the reader is built in. A paste that makes the text bigger than `BIG_TEXT` is taken here too:
/// the browser would first insert the whole of it into the text area (~50–100 ms for 10 MB, a
/// task no keystroke can interrupt) only for the page to swap it for its start. Anything else is
/// left to the browser (the input event follows).
fn on_paste(e: ClipboardEvent) {
    let Some(data) = e.clipboard_data() else {
        return;
    };
    let Some((whole, value, start, end, read_only)) = with(|p| {
        let ta = &p.el.input;
        let start = ta.selection_start().ok().flatten().unwrap_or(0);
        let end = ta.selection_end().ok().flatten().unwrap_or(start);
        let value: JsString = js_sys::Reflect::get(ta, &JsValue::from_str("value"))
            .map(JsCast::unchecked_into)
            .unwrap_or_default();
        let whole = value.length() == 0 || (start == 0 && end == value.length());
        (whole, value, start, end, ta.read_only())
    }) else {
        return;
    };
    // (A big text shown by its start is replaced only whole.)
    if read_only && !whole {
        return;
    }
    // (As a JavaScript string: made into a Rust one only if it is used as such.)
    let plain = clipboard_text(&data);
    let html = data.get_data("text/html").unwrap_or_default();
    if whole && !html.trim().is_empty() && session_reads_html() {
        e.prevent_default();
        send(Msg::PastedHtml {
            html,
            plain: plain.into(),
        });
        return;
    }
    let len = value.length() - (end - start).min(value.length()) + plain.length();
    if len as usize > BIG_TEXT {
        e.prevent_default();
        let text = if whole {
            plain
        } else {
            value
                .slice(0, start)
                .concat(&plain)
                .concat(&value.slice(end, value.length()))
        };
        take_big(text, true);
    }
}

/// The clipboard's plain text as a JavaScript string (web-sys would copy it into the module).
fn clipboard_text(data: &web_sys::DataTransfer) -> JsString {
    js_sys::Reflect::get(data, &JsValue::from_str("getData"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(data, &JsValue::from_str("text/plain")).ok())
        .and_then(|v| v.dyn_into::<JsString>().ok())
        .unwrap_or_default()
}

fn session_reads_html() -> bool {
    thread_local! {
        static HTML: bool = crate::session::html_reader();
    }
    HTML.with(|h| *h)
}

/// 打开文件, 示例, 清空, 撤销.
fn wire_toolbar(signal: &AbortSignal) -> Result<(), JsValue> {
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
        send(Msg::Sample)
    });
    listen(&button("nb-clear")?, "click", signal, |_: Event| {
        send(Msg::Clear)
    });
    listen(&button("nb-undo")?, "click", signal, |_: Event| {
        send(Msg::Undo)
    });
    Ok(())
}

/// Last year's report: typed, opened or cleared.
fn wire_previous(signal: &AbortSignal) -> Result<(), JsValue> {
    let prev = with(|p| p.el.prev.clone()).ok_or("no page")?;
    listen(&prev, "input", signal, |_: Event| {
        if let Some(v) = with(|p| p.el.prev.value()) {
            send(Msg::PreviousEdited(v));
        }
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
        send(Msg::PreviousClear)
    });
    Ok(())
}

/// JSON, CSV, HTML, print and 复制摘要.
fn wire_exports(signal: &AbortSignal) -> Result<(), JsValue> {
    for (id, kind) in [
        ("nb-export-json", Export::Json),
        ("nb-export-csv", Export::Csv),
        ("nb-export-html", Export::Html),
    ] {
        listen(&button(id)?, "click", signal, move |_: Event| {
            with(|p| p.export(kind));
        });
    }
    listen(&button("nb-print")?, "click", signal, |_: Event| {
        let _ = dom::window().print();
    });
    listen(&button("nb-copy-summary")?, "click", signal, |_: Event| {
        copy_summary()
    });
    Ok(())
}

/// Puts the summary on the clipboard, or offers it as a file when the browser refuses (the
/// loader's `copySummary`, www/app.js, which says which in the status line).
fn copy_summary() {
    if let (Some(Some(text)), Some((l, f))) =
        (with(|p| p.session.summary()), dom::loader_fn("copySummary"))
    {
        let _ = f.call1(&l, &text.into());
    }
}

/// 检查报告 / 规则说明.
fn wire_tabs(signal: &AbortSignal) -> Result<(), JsValue> {
    listen(&button("nb-tab-check")?, "click", signal, |_: Event| {
        with(|p| p.show_check());
    });
    listen(&button("nb-tab-rules")?, "click", signal, |_: Event| {
        with(|p| p.show_rules(None));
    });
    listen(&button("nb-rules-back")?, "click", signal, |_: Event| {
        with(|p| p.show_check());
    });
    let rules: HtmlElement = need("nb-rules-body")?;
    listen(&rules, "click", signal, |e: MouseEvent| {
        if let Some(a) = target_with(&e, "[data-goto]") {
            e.prevent_default();
            let id = a.get_attribute("data-goto").unwrap_or_default();
            with(|p| p.jump(&id));
        }
    });
    listen(&dom::window(), "hashchange", signal, |_: Event| {
        if dom::window().location().hash().ok().as_deref() == Some("#rules") {
            with(|p| p.show_rules(None));
        }
    });
    listen(&button("nb-notice-close")?, "click", signal, |_: Event| {
        send(Msg::CloseNotice)
    });
    Ok(())
}

/// Clicks, keys and forms inside the results: jumps, rules, dismissals, the batch overview.
fn wire_results(signal: &AbortSignal) -> Result<(), JsValue> {
    let results: HtmlElement = need("nb-results")?;
    listen(&results, "click", signal, on_results_click);
    listen(&results, "submit", signal, on_dismiss_submit);
    listen(&results, "change", signal, |e: Event| {
        if let Some(el) = target_with(&e, "[data-only-errors]") {
            let on = el
                .dyn_into::<HtmlInputElement>()
                .map(|i| i.checked())
                .unwrap_or(false);
            send(Msg::OnlyErrors(on));
            refocus("[data-only-errors]");
        }
    });
    listen(&results, "keydown", signal, |e: KeyboardEvent| {
        if e.key() == "Escape" {
            if let Some(form) = target_with(&e, ".nb-dismiss-form") {
                close_dismiss_form(&form);
            }
        }
    });
    Ok(())
}

/// Focuses the element matching `selector` in the results (after they were drawn again).
fn refocus(selector: &str) {
    with(|p| {
        if let Some(el) =
            p.el.results
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

fn on_results_click(e: MouseEvent) {
    let Some(el) = target_with(&e, "[data-goto], [data-rule], [data-dismiss], [data-restore], [data-entry], [data-batch], [data-sort], [data-export-overview], a[href^='#'], [data-cancel], [data-chunk], [data-all-problems]") else {
        return;
    };
    let attr = |k: &str| el.get_attribute(k);
    let idx = |k: &str| attr(k).and_then(|s| s.parse::<usize>().ok());
    if let Some(k) = idx("data-chunk") {
        with(|p| p.draw_chunk(k, true));
    } else if attr("data-all-problems").is_some() {
        with(|p| p.draw_all_problems(true));
    } else if let Some(id) = attr("data-goto") {
        e.prevent_default();
        let problem = el
            .closest(".nb-problem")
            .ok()
            .flatten()
            .and_then(|p| p.get_attribute("data-idx"))
            .and_then(|s| s.parse::<usize>().ok());
        with(|p| {
            p.jump(&id);
            if let Some(i) = problem {
                p.caret_to_problem(i);
            }
        });
    } else if let Some(code) = attr("data-rule") {
        e.prevent_default();
        with(|p| p.show_rules(Some(&code)));
    } else if let Some(i) = idx("data-dismiss") {
        open_dismiss_form(&el, i);
    } else if let Some(i) = idx("data-restore") {
        send(Msg::Restore { idx: i });
    } else if let Some(i) = idx("data-entry") {
        send(Msg::ShowEntry(i));
    } else if attr("data-batch").is_some() {
        send(Msg::ShowBatch);
    } else if let Some(col) = attr("data-sort").as_deref().and_then(Column::parse) {
        send(Msg::Sort(col));
        refocus(&format!("[data-sort=\"{}\"]", col.key()));
    } else if attr("data-export-overview").is_some() {
        with(|p| p.export(Export::Overview));
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
    if let (Some(idx), false) = (idx, reason.is_empty()) {
        send(Msg::Dismiss { idx, reason });
    }
}

/// A marked table cell's tooltip is placed when it shows (hover or keyboard focus), and again
/// when the page scrolls, so that it never covers another marked cell.
fn wire_tooltips(signal: &AbortSignal) -> Result<(), JsValue> {
    let results: HtmlElement = need("nb-results")?;
    let show = |e: Event| {
        if let Some(cell) = target_with(&e, ".nb-t .nb-mark") {
            place_tip(&cell);
            with(|p| p.tip_cell = Some(cell));
        }
    };
    listen(&results, "focusin", signal, show);
    listen(&results, "mouseover", signal, show);
    listen(&dom::window(), "scroll", signal, |_: Event| {
        if let Some(Some(cell)) = with(|p| p.tip_cell.clone()) {
            place_tip(&cell);
        }
        // A long text is drawn as it scrolls into view.
        with(|p| p.draw_near_chunk());
    });
    Ok(())
}

/// Files dropped anywhere on the page; on last year's box they go there.
fn wire_drop(signal: &AbortSignal) {
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
        if target_with(&e, "#nb-prev-box").is_some() {
            if let Some(f) = files.get(0) {
                load_previous(f);
            }
        } else {
            load_files(&files);
        }
    });
}

/// Lets the end-to-end test prove that a panic is survived.
fn wire_test_panic(signal: &AbortSignal) {
    listen(&dom::window(), "nianbao-test-panic", signal, |_: Event| {
        panic!("测试用的故意错误（nianbao-test-panic）");
    });
}

fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        d.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

fn set_status(msg: &str) {
    with(|p| p.el.status.set_text_content(Some(msg)));
}

/// Reads one file; one over 50 MB is refused before reading it.
async fn read(f: &File) -> FileIn {
    let name = f.name();
    let size = f.size();
    let content = if size > MAX_INPUT_BYTES as f64 {
        FileContent::TooLarge(size as usize)
    } else {
        match JsFuture::from(f.array_buffer()).await {
            Ok(buf) => FileContent::Bytes(js_sys::Uint8Array::new(&buf).to_vec()),
            Err(e) => {
                FileContent::Unreadable(e.as_string().unwrap_or_else(|| "浏览器拒绝读取".into()))
            }
        }
    };
    FileIn { name, content }
}

/// Reads files picked or dropped: one is shown in detail, several are checked as a batch. The
/// status says what is happening: reading each file, then checking them all.
fn load_files(files: &FileList) {
    let list: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if list.is_empty() {
        return;
    }
    spawn_local(async move {
        let total = list.len();
        let mut read_files = Vec::with_capacity(total);
        for (i, f) in list.iter().enumerate() {
            if total > 1 {
                set_status(&Session::reading_status(i + 1, total, &f.name()));
                // Let the page draw the progress and stay responsive between files.
                dom::yield_now().await;
            }
            read_files.push(read(f).await);
        }
        load_readers(&read_files).await;
        if total == 1 {
            send(Msg::Files(read_files));
            return;
        }
        set_status(&Session::checking_status(total));
        dom::yield_now().await;
        // Checked a file at a time, in tasks of ~16 ms (a report takes ~1 ms), with the progress
        // shown between them. (A batch dropped meanwhile has a newer id and replaces this one.)
        let Some(id) = with(|p| {
            p.batches += 1;
            p.batches
        }) else {
            return;
        };
        let mut t0 = dom::now();
        for (done, f) in read_files.into_iter().enumerate() {
            if dom::now() - t0 >= 16.0 {
                set_status(&Session::checking_progress(done, total));
                dom::yield_now().await;
                t0 = dom::now();
            }
            send(Msg::FilesPart { id, file: f });
        }
        // The pairing and the overview in a task of their own, not after the last files' ~16 ms.
        dom::yield_now().await;
        send(Msg::FilesDone { id });
    });
}

fn load_previous(f: File) {
    spawn_local(async move {
        let file = read(&f).await;
        load_readers(std::slice::from_ref(&file)).await;
        send(Msg::PreviousFile(file));
    });
}

/// Loads the readers module first when these files need it (PDF, .doc). On failure (the loader
/// shows why) the files are checked anyway and say which reader is missing.
async fn load_readers(files: &[FileIn]) {
    if super::readers::needed(files) {
        set_status(Session::READERS_LOADING);
        super::readers::load().await;
    }
}
