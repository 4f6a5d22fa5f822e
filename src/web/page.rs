//! The page's DOM side: it finds the skeleton's elements (www/index.html), turns events into
//! messages for the session (src/session, where the state and every decision live), and draws
//! what the session says. Event wiring is in [`super::wire`].

use super::dom::{self, by_id};
use crate::session::{place, Export, Focus, Host, Msg, Session};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortSignal, Element, HtmlButtonElement, HtmlDetailsElement, HtmlElement, HtmlInputElement,
    HtmlTextAreaElement,
};

/// The elements of the skeleton (www/index.html).
pub(super) struct El {
    pub input: HtmlTextAreaElement,
    pub file: HtmlInputElement,
    pub status: HtmlElement,
    pub undo: HtmlButtonElement,
    pub results: HtmlElement,
    pub prev: HtmlTextAreaElement,
    pub prev_file: HtmlInputElement,
    pub prev_status: HtmlElement,
    pub prev_box: HtmlDetailsElement,
    pub exports: Vec<HtmlButtonElement>,
    pub tab_check: HtmlElement,
    pub tab_rules: HtmlElement,
    pub check_view: HtmlElement,
    pub rules_view: HtmlElement,
    pub rules_body: HtmlElement,
    pub drop: HtmlElement,
    pub notice: HtmlElement,
    pub notice_box: HtmlElement,
}

pub(super) fn need<T: JsCast>(id: &str) -> Result<T, JsValue> {
    by_id::<T>(id).ok_or_else(|| missing(id))
}

/// The error of [`need`], once in the module rather than once per element looked up.
#[inline(never)]
fn missing(id: &str) -> JsValue {
    JsValue::from_str(&format!("页面缺少元素 #{id}"))
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
                "nb-copy-summary",
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

/// The browser's storage and clock, for the session.
struct Browser;

impl Host for Browser {
    fn load(&self, key: &str) -> Option<String> {
        dom::load(key)
    }
    fn save(&mut self, key: &str, value: &str) -> bool {
        dom::save(key, value)
    }
    fn remove(&mut self, key: &str) {
        dom::remove(key)
    }
    fn clock(&self) -> String {
        // (The loader formats it: `nianbaoLoader.clock`, www/app.js.)
        dom::loader_fn("clock")
            .and_then(|(l, f)| f.call0(&l).ok()?.as_string())
            .unwrap_or_default()
    }
    fn now_ms(&self) -> f64 {
        dom::now()
    }
}

/// Revisions of what was last drawn.
#[derive(Default)]
struct Drawn {
    text: u64,
    prev: u64,
    html: u64,
    checked: u64,
}

pub(super) struct Page {
    pub signal: AbortSignal,
    pub el: El,
    pub session: Session,
    timer: Option<i32>,
    flash: Option<(Element, i32)>,
    drawn: Drawn,
    /// The readers module was asked for (once per instance; see [`Page::sync`]).
    readers_asked: bool,
    /// The marked cell whose tooltip was placed last (placed again on scroll).
    pub tip_cell: Option<Element>,
    /// A big paste being read into the module (`wire::wire_editor`).
    pub reading: Option<js_sys::JsString>,
    /// The last batch sent to the session in parts (`Msg::FilesPart`).
    pub batches: u64,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

/// Runs `f` on the page (None if there is no page, or if it is busy).
pub(super) fn with<R>(f: impl FnOnce(&mut Page) -> R) -> Option<R> {
    PAGE.with(|p| p.try_borrow_mut().ok()?.as_mut().map(f))
}

/// Gives the session a message and draws the outcome (not once the loader has replaced this
/// instance: a check or a read still under way when it panicked ends here).
pub(super) fn send(msg: Msg) {
    with(|p| {
        if !p.signal.aborted() {
            p.session.update(msg);
            p.sync();
        }
    });
}

/// Starts the page: finds the skeleton's elements, starts the session (which restores the
/// draft), wires every handler to `signal` (the loader aborts it before re-instantiating the
/// module) and draws. `recovered` is set when the module was re-instantiated after a panic: the
/// text is kept and not checked again until the user changes it (it may be what made the
/// module fail).
#[wasm_bindgen(js_name = bootPage, skip_typescript)]
pub fn boot_page(signal: AbortSignal, recovered: bool, why: Option<String>) -> Result<(), JsValue> {
    super::install_panic_hook();
    let el = El::find()?;
    let session = Session::start(
        Box::new(Browser),
        el.input.value(),
        el.prev.value(),
        recovered,
        why.as_deref(),
    );
    let mut session = session;
    session.set_worker(super::worker::available());
    let page = Page {
        signal: signal.clone(),
        el,
        session,
        timer: None,
        flash: None,
        drawn: Drawn::default(),
        readers_asked: false,
        tip_cell: None,
        reading: None,
        batches: 0,
    };
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    super::wire::wire(&signal)?;
    with(|p| {
        p.sync();
        if !recovered && dom::window().location().hash().ok().as_deref() == Some("#rules") {
            p.show_rules(None);
        }
    });
    Ok(())
}

impl Page {
    /// Draws what changed in the session: text areas, results, status lines, buttons; then
    /// runs what it asked for (a delayed check, a focus move).
    pub fn sync(&mut self) {
        let s = &self.session;
        let (text, rev, read_only) = s.editor();
        if rev != self.drawn.text {
            self.drawn.text = rev;
            // The session replaced the text: a big paste still being read is stale.
            self.reading = None;
            // (A big text is not read back from the text area: it shows only its start.)
            if read_only || self.el.input.value() != text {
                self.el.input.set_value(&text);
                self.el.input.set_scroll_top(0);
            }
            self.el.input.set_read_only(read_only);
        }
        let (prev, rev) = s.previous_text();
        if rev != self.drawn.prev {
            self.drawn.prev = rev;
            if self.el.prev.value() != prev {
                self.el.prev.set_value(prev);
            }
            if s.previous_open() {
                self.el.prev_box.set_open(true);
            }
        }
        let (html, rev) = s.results();
        if rev != self.drawn.html {
            self.drawn.html = rev;
            self.el.results.set_inner_html(html);
            self.tip_cell = None;
            after_draw(&self.el.results);
            // A long text's first lines, in a task of their own after the results are on screen
            // (html::Window): the frame that draws a big result then does not also parse them.
            dom::after_frame(
                &self.signal,
                Box::new(|| {
                    with(|p| p.draw_chunk(0, false));
                }),
            );
        }
        self.el.status.set_text_content(Some(s.status()));
        self.el.undo.set_hidden(!s.can_undo());
        if let Some(label) = s.undo_label() {
            let _ = self.el.undo.set_attribute("title", &label);
        }
        match s.notice() {
            Some(n) => {
                self.el.notice.set_text_content(Some(n));
                self.el.notice_box.set_hidden(false);
            }
            None => {
                self.el.notice_box.set_hidden(true);
                self.el.notice.set_text_content(None);
            }
        }
        self.el
            .prev_status
            .set_text_content(Some(s.previous_status()));
        let on = s.exports_enabled();
        for b in &self.el.exports {
            b.set_disabled(!on);
        }
        let (ms, checked) = s.last_check();
        let fresh = checked != self.drawn.checked;
        if fresh {
            self.drawn.checked = checked;
            // When the last check landed and how long it took (the tests and the timing script
            // wait for it).
            if let Some(e) = dom::document().document_element() {
                let _ = e.set_attribute("data-checked", &crate::decimal::fixed(ms, 1));
            }
        }
        if let Some(job) = self.session.take_job() {
            super::worker::send(job);
        }
        if let Some(delay) = self.session.take_schedule() {
            self.schedule(delay);
        } else if let Some(t) = self.timer.take_if(|_| fresh) {
            // The session checked at once: a pending check is stale.
            dom::clear_timeout(t);
        }
        if let Some(f) = self.session.take_focus() {
            self.apply_focus(f);
        }
        // A PDF or .doc restored from the last visit: load the readers module, then check again.
        // (Files opened now wait for it before they are checked: wire::load_readers.)
        if !self.readers_asked && self.session.wants_readers() && !super::readers::loaded() {
            self.readers_asked = true;
            self.el
                .status
                .set_text_content(Some(Session::READERS_LOADING));
            wasm_bindgen_futures::spawn_local(async {
                if super::readers::load().await {
                    send(Msg::ReadersLoaded);
                }
            });
        }
    }

    fn schedule(&mut self, delay: i32) {
        if let Some(t) = self.timer.take() {
            dom::clear_timeout(t);
        }
        self.timer = Some(dom::set_timeout(
            delay,
            &self.signal,
            Box::new(|| {
                with(|p| p.timer = None);
                send(Msg::CheckDue);
            }),
        ));
    }

    fn apply_focus(&mut self, f: Focus) {
        match f {
            Focus::Input => {
                let _ = self.el.input.focus();
            }
            Focus::Results => {
                if let Some(h) = by_id::<HtmlElement>("nb-results-box") {
                    let _ = h.focus();
                    h.scroll_into_view();
                }
            }
            Focus::Problem(idx) => {
                // After a problem moved (dismissed or restored), focus it in its new place.
                self.reveal(&format!("p{idx}"));
                let target = by_id::<Element>(&format!("p{idx}"))
                    .and_then(|el| el.query_selector(".nb-go, button").ok().flatten())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                if let Some(t) = target {
                    let _ = t.focus();
                }
            }
        }
    }

    /// Puts the text area's caret on the line of problem `idx`, and scrolls the text area there
    /// (without taking the focus from the results).
    pub fn caret_to_problem(&self, idx: usize) {
        let Some((start, _end)) = self.session.caret_for(idx) else {
            return;
        };
        let ta = &self.el.input;
        let _ = ta.set_selection_range(start, start);
        let line = ta.value()[..]
            .encode_utf16()
            .take(start as usize)
            .filter(|&u| u == u16::from(b'\n'))
            .count();
        let lh = dom::window()
            .get_computed_style(ta)
            .ok()
            .flatten()
            .and_then(|st| st.get_property_value("line-height").ok())
            .map(|v| v.trim_end_matches("px").to_owned())
            // "21.5px" (core's float parser is not in the module: src/decimal.rs)
            .filter(|v| crate::decimal::is_float(v))
            .map(|v| js_sys::Number::parse_float(&v))
            .unwrap_or(22.0);
        let top = (line as f64 * lh - f64::from(ta.client_height()) / 3.0).max(0.0);
        ta.set_scroll_top(top as i32);
    }

    /// Draws chunk `k` of the shown text in place of its placeholder; `focus`: then focuses its
    /// first line (the button that asked for it is gone).
    pub fn draw_chunk(&mut self, k: usize, focus: bool) {
        let Some(spot) = by_id::<Element>(&format!("Lc{k}")) else {
            return;
        };
        let Some(html) = self.session.draw_chunk(k) else {
            return;
        };
        let first = k * crate::render::html::DOC_CHUNK + 1;
        spot.set_outer_html(&html);
        if focus {
            if let Some(l) = by_id::<HtmlElement>(&format!("L{first}")) {
                let _ = l.set_attribute("tabindex", "-1");
                let _ = l.focus();
            }
        }
    }

    /// Draws every problem of the shown report in place of the first ones.
    pub fn draw_all_problems(&mut self, focus: bool) {
        let Ok(Some(spot)) = self.el.results.query_selector(".nb-problems") else {
            return;
        };
        let Some(html) = self.session.draw_all_problems() else {
            return;
        };
        spot.set_outer_html(&html);
        after_draw(&self.el.results);
        if focus {
            if let Some(h) = by_id::<HtmlElement>("h-problems") {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.focus();
            }
        }
    }

    /// Draws the first placeholder of the text that is near the screen (one per call: a drawn
    /// chunk pushes the next ones away).
    pub fn draw_near_chunk(&mut self) {
        let Ok(spots) = self.el.results.query_selector_all(".nb-chunk") else {
            return;
        };
        let h = dom::window()
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(800.0);
        for i in 0..spots.length() {
            let Some(spot) = spots.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let r = spot.get_bounding_client_rect();
            if r.bottom() >= -h && r.top() <= 2.0 * h {
                let k = spot.id().strip_prefix("Lc").and_then(|k| k.parse().ok());
                if let Some(k) = k {
                    self.draw_chunk(k, false);
                }
                return;
            }
        }
    }

    /// Draws the part of a long result that holds element `id` (a line or a problem), if it is
    /// not drawn yet.
    fn reveal(&mut self, id: &str) {
        if by_id::<Element>(id).is_some() {
            return;
        }
        let num = |p: &str| id.strip_prefix(p).and_then(|n| n.parse::<usize>().ok());
        if let Some(n) = num("L").filter(|&n| n >= 1) {
            self.draw_chunk((n - 1) / crate::render::html::DOC_CHUNK, false);
        } else if num("p").is_some() {
            self.draw_all_problems(false);
        }
    }

    /// Scrolls to an element of the results, focuses and highlights it.
    pub fn jump(&mut self, id: &str) {
        if id.starts_with("rule-") || id.starts_with("family-") {
            self.show_rules(None);
        } else if !self.el.rules_view.hidden() {
            self.show_check();
        }
        self.reveal(id);
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
        let t = dom::set_timeout(
            3200,
            &self.signal,
            Box::new(move || {
                let _ = el2.class_list().remove_1("nb-flash");
            }),
        );
        self.flash = Some((el.into(), t));
    }

    pub fn show_rules(&mut self, code: Option<&str>) {
        // Drawn on first use: it is not needed to start checking.
        if self.el.rules_body.child_element_count() == 0 {
            self.el
                .rules_body
                .set_inner_html(&crate::render::html::rules_page());
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

    pub fn show_check(&mut self) {
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

    /// Offers an export of what is shown as a download.
    pub fn export(&mut self, kind: Export) {
        let Some(d) = self.session.export(kind) else {
            return;
        };
        if !dom::download(&d.name, d.mime, &d.data) {
            self.el
                .notice
                .set_text_content(Some("浏览器未能生成下载文件。"));
            self.el.notice_box.set_hidden(false);
        }
    }
}

/// After the results are drawn: the loader marks the wide tables that scroll as the browser lays
/// them out (`watchOverflow`, a ResizeObserver in www/app.js: measuring them here forced their
/// layout, 15–25 ms for a long result).
fn after_draw(results: &HtmlElement) {
    if let Some((l, f)) = dom::loader_fn("watchOverflow") {
        let _ = f.call1(&l, results);
    }
}

fn rect(e: &Element) -> place::Rect {
    let r = e.get_bounding_client_rect();
    place::Rect {
        left: r.left(),
        top: r.top(),
        width: r.width(),
        height: r.height(),
    }
}

/// Places the tooltip of marked table cell `cell` where it covers no other marked cell.
pub(super) fn place_tip(cell: &Element) {
    let Some(tip) = cell
        .query_selector(":scope > .nb-tip")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = cell.class_list().add_1("nb-placed");
    let size = rect(&tip);
    if size.width == 0.0 {
        // Not shown (neither hovered nor focused).
        return;
    }
    let w = dom::window();
    let viewport = place::Rect {
        left: 0.0,
        top: 0.0,
        width: w
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(1280.0),
        height: w
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(800.0),
    };
    let on_screen = |r: &place::Rect| r.bottom() >= 0.0 && r.top <= viewport.height;
    let mut others = Vec::new();
    if let Ok(marks) = dom::document().query_selector_all(".nb-t .nb-mark") {
        for i in 0..marks.length() {
            if let Some(m) = marks.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                if m != *cell {
                    let r = rect(&m);
                    if on_screen(&r) {
                        others.push(r);
                    }
                }
            }
        }
    }
    let table = cell
        .closest("table")
        .ok()
        .flatten()
        .map_or_else(|| rect(cell), |t| rect(&t));
    let (x, y) = place::tooltip(
        rect(cell),
        size.width,
        size.height,
        &others,
        table,
        viewport,
    );
    let st = tip.style();
    let _ = st.set_property("left", &format!("{}px", crate::decimal::fixed(x, 0)));
    let _ = st.set_property("top", &format!("{}px", crate::decimal::fixed(y, 0)));
}
