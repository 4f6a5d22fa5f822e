//! The web page's state and its transitions, with no DOM: what the main slot holds, a batch of
//! files, last year's report, dismissals, the undo history, what is kept in the browser's storage,
//! the status texts, the debounce of typing and the exports as bytes. The page (src/web/page.rs)
//! turns events into [`Msg`]s, calls [`Session::update`], and draws what the session says; this
//! module is compiled natively and tested with `cargo test`.

pub mod dismissals;
pub mod pairing;
pub mod persist;
pub mod place;

use crate::check::{read_error, Options, Outcome};
use crate::render::{csv, html, json, overview, summary, Named};
use crate::source::{self, InputFormat, ReadError, MAX_INPUT_BYTES};
use overview::Column;
use pairing::Identity;
use persist::*;
use serde_json::{json as j, Value as Json};
use std::collections::BTreeMap;
use std::rc::Rc;

pub const SAMPLE: &str = include_str!("../../www/sample/sample.txt");
pub const SAMPLE_NAME: &str = "示例：青山县石桥镇2024年度报告.txt";
/// The name of typed or pasted text.
pub const TYPED: &str = "粘贴的文本";
const PASTED_HTML: &str = "粘贴的网页内容";
const PREVIOUS_NAME: &str = "上一年度报告";
const UNDO_DEPTH: usize = 5;

pub const EMPTY_STATE: &str = "<div class=\"nb-empty\"><h2>检查结果会显示在这里</h2><p>在左侧粘贴报告全文，或点击「打开文件」、把文件拖到页面上（.txt、.md、.html、.docx），结果会随输入立即更新。</p><p>想先看看效果？点击「示例」载入一份带有多种问题的示例报告。</p><p>检查内容：六个部分是否齐全、标题是否规范；表二、表三、表四是否按规定格式填写；表三各列平衡、办理结果合计、各行合计；表四合计；正文中的数字与表格是否一致；统计期限和年份；信息处理费等必须说明的事项。可在「规则说明」中查看全部规则。</p></div>";

/// What the session needs from the browser: storage and a clock.
pub trait Host {
    fn load(&self, key: &str) -> Option<String>;
    /// False when the browser refused (quota, private mode).
    fn save(&mut self, key: &str, value: &str) -> bool;
    fn remove(&mut self, key: &str);
    /// The local time, as 「2026-12-06 17:45:03」.
    fn clock(&self) -> String;
    /// Milliseconds from some origin (for timing checks).
    fn now_ms(&self) -> f64;
}

/// A file as the page got it.
pub struct FileIn {
    pub name: String,
    pub content: FileContent,
}

pub enum FileContent {
    Bytes(Vec<u8>),
    /// Refused before reading: its size.
    TooLarge(usize),
    /// The browser could not read it (why).
    Unreadable(String),
}

/// What the person did.
pub enum Msg {
    /// The text area changed; `immediate` for paste, drop and cut (checked at once), else the
    /// check waits for a pause in typing ([`Session::take_schedule`]).
    Edited {
        text: String,
        immediate: bool,
    },
    /// The page is being left (pagehide): keep what is typed.
    Leaving {
        text: String,
    },
    /// The pause in typing is over.
    CheckDue,
    Sample,
    Clear,
    Undo,
    Files(Vec<FileIn>),
    /// HTML from the clipboard replacing the whole text, with the clipboard's plain text.
    PastedHtml {
        html: String,
        plain: String,
    },
    PreviousEdited(String),
    PreviousFile(FileIn),
    PreviousClear,
    Dismiss {
        idx: usize,
        reason: String,
    },
    Restore {
        idx: usize,
    },
    ShowEntry(usize),
    ShowBatch,
    Sort(Column),
    OnlyErrors(bool),
    /// The notice was closed.
    CloseNotice,
}

/// One checked report.
#[derive(Clone)]
pub struct Entry {
    pub name: String,
    pub bytes: Option<Rc<Vec<u8>>>,
    pub outcome: Rc<Outcome>,
    /// The `check()` result object (output.md), without dismissals.
    pub result: Rc<Json>,
    pub checked_at: String,
    /// The report it was compared with as last year's (X rules).
    pub compared_with: Option<String>,
}

impl Entry {
    fn identity(&self) -> Identity {
        Identity::of(self.outcome.report.as_ref())
    }

    fn readable(&self) -> bool {
        self.outcome.document.is_some()
    }

    fn has_errors(&self) -> bool {
        self.outcome
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }

    fn stored(&self) -> StoredFile {
        StoredFile {
            name: self.name.clone(),
            data: self.bytes.as_ref().map(|b| base64(b)),
            too_large: match self.bytes {
                Some(_) => None,
                None => Some(MAX_INPUT_BYTES + 1),
            },
        }
    }
}

/// What the results panel shows.
#[derive(Clone)]
enum View {
    /// The main slot's report (or the empty state, or the overview when a batch is loaded and
    /// the text area is empty).
    Main,
    Batch,
    /// A report of the batch, in detail.
    Entry(usize),
    /// A single file that could not be read: its explanation; the text area and the draft keep
    /// what they had.
    Unreadable(Box<Entry>),
}

/// Where the page should move the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Results,
    Problem(usize),
    Input,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Json,
    Csv,
    Html,
    Overview,
}

/// A file to offer for download.
#[derive(Debug, PartialEq)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub data: String,
}

/// Last year's report from the 「上一年度报告」 box.
struct Previous {
    name: String,
    bytes: Rc<Vec<u8>>,
    id: Identity,
}

enum Input<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl Input<'_> {
    fn check(&self, previous: Option<&[u8]>) -> Outcome {
        let opts = Options {
            previous: previous.map(<[u8]>::to_vec),
            ignore: Vec::new(),
        };
        match self {
            Input::Text(t) if t.len() > MAX_INPUT_BYTES => Outcome {
                input_format: None,
                document: None,
                report: None,
                diagnostics: vec![read_error(&ReadError::TooLarge(t.len()))],
            },
            Input::Text(t) => crate::check_str(t, &opts),
            Input::Bytes(b) => crate::check(b, &opts),
        }
    }
}

/// Line breaks as a text area reports them.
fn newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// True when the engine has its HTML reader (clipboard HTML is then checked as HTML).
pub fn html_reader() -> bool {
    matches!(
        source::read(b"<html><body><p>probe</p><table><tr><td>1</td></tr></table></body></html>"),
        Ok(d) if d.format == InputFormat::Html
    )
}

pub struct Session {
    host: Box<dyn Host>,
    /// The text area's content.
    text: String,
    text_rev: u64,
    /// The name of the main slot's report.
    name: String,
    /// The file the text was extracted from (.docx, .html): checked instead of the text until
    /// the text is edited.
    bytes: Option<Rc<Vec<u8>>>,
    main: Option<Entry>,
    batch: Vec<Entry>,
    /// The batch must be checked again (last year's report changed).
    batch_stale: bool,
    view: View,
    previous: Option<Previous>,
    prev_text: String,
    prev_rev: u64,
    prev_status: String,
    prev_open: bool,
    dismissed: BTreeMap<String, String>,
    undo: Vec<Snapshot>,
    sort: Option<(Column, bool)>,
    only_errors: bool,
    status: String,
    notice: Option<String>,
    html: String,
    html_rev: u64,
    last_ms: f64,
    checked_rev: u64,
    schedule: Option<i32>,
    focus: Option<Focus>,
    /// After a panic: nothing is checked until the text changes.
    paused: bool,
}

impl Session {
    /// Starts a session. `text` and `prev_text` are what the text areas hold (kept across a
    /// restart after a panic); when the main one is empty, the stored draft, batch and undo
    /// history come back. `recovered`: the module restarted after a panic (`why`); nothing is
    /// checked until the text changes.
    pub fn start(
        host: Box<dyn Host>,
        text: String,
        prev_text: String,
        recovered: bool,
        why: Option<&str>,
    ) -> Session {
        let mut s = Session {
            host,
            text: newlines(&text),
            text_rev: 1,
            name: TYPED.into(),
            bytes: None,
            main: None,
            batch: Vec::new(),
            batch_stale: false,
            view: View::Main,
            previous: None,
            prev_text: newlines(&prev_text),
            prev_rev: 1,
            prev_status: String::new(),
            prev_open: false,
            dismissed: BTreeMap::new(),
            undo: Vec::new(),
            sort: None,
            only_errors: false,
            status: String::new(),
            notice: None,
            html: EMPTY_STATE.into(),
            html_rev: 1,
            last_ms: 0.0,
            checked_rev: 0,
            schedule: None,
            focus: None,
            paused: recovered,
        };
        s.host.remove(KEY_DISMISSED_OLD);
        s.dismissed = s
            .host
            .load(KEY_DISMISSED)
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default();
        s.undo = s
            .host
            .load(KEY_UNDO)
            .and_then(|v| snapshots_from_str(&v))
            .unwrap_or_default();
        s.name = s.host.load(KEY_DRAFT_NAME).unwrap_or_else(|| TYPED.into());
        if recovered {
            s.notice = Some(format!(
                "检查程序内部出错，已自动恢复，您输入的文字没有丢失。出错的可能是这段文字中的某处内容：修改文字后会重新检查。如问题重复出现，请把报告反馈给开发者。（错误信息：{}）",
                why.unwrap_or("未知")
            ));
            s.status = "检查已暂停：修改文字后重新检查。".into();
            s.set_previous_text(s.prev_text.clone(), None);
            return s;
        }
        if s.text.is_empty() {
            s.restore_stored();
        }
        s.set_previous_text(s.prev_text.clone(), None);
        s.check_main();
        if let Some(files) = s.host.load(KEY_BATCH).and_then(|v| files_from_str(&v)) {
            s.batch = s.check_batch(files.into_iter().map(file_in).collect());
            let view = s.host.load(KEY_VIEW).unwrap_or_default();
            match view.strip_prefix("entry:").and_then(|i| i.parse().ok()) {
                Some(i) if i < s.batch.len() => s.show_entry(i, false),
                _ if s.text.is_empty() || view == "batch" => s.view = View::Batch,
                _ => {}
            }
            s.redraw();
            if s.status.is_empty() || matches!(s.view, View::Batch) {
                s.status = s.batch_status();
            }
        }
        s
    }

    /// The draft and last year's report kept in storage.
    fn restore_stored(&mut self) {
        if let Some(draft) = self.host.load(KEY_DRAFT) {
            self.text = newlines(&draft);
            self.text_rev += 1;
        }
        // The file the draft was read from (a .docx is checked as .docx again).
        let bytes = self
            .host
            .load(KEY_DRAFT_BYTES)
            .and_then(|b| unbase64(&b))
            .filter(|b| source::read(b).is_ok_and(|d| newlines(&d.text) == self.text));
        self.bytes = bytes.map(Rc::new);
        if self.prev_text.is_empty() {
            if let Some(prev) = self.host.load(KEY_PREVIOUS) {
                self.prev_text = newlines(&prev);
                self.prev_rev += 1;
                self.prev_open = !self.prev_text.is_empty();
            }
        }
    }

    // ---- What the page draws ----

    /// The text area's content and a revision that changes when the session replaced it.
    pub fn text(&self) -> (&str, u64) {
        (&self.text, self.text_rev)
    }

    pub fn previous_text(&self) -> (&str, u64) {
        (&self.prev_text, self.prev_rev)
    }

    /// The results panel's HTML and a revision that changes when it must be drawn again.
    pub fn results(&self) -> (&str, u64) {
        (&self.html, self.html_rev)
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn previous_status(&self) -> &str {
        &self.prev_status
    }

    /// Whether the 「上一年度报告」 box should be open.
    pub fn previous_open(&self) -> bool {
        self.prev_open
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// What 「撤销」 would bring back, for its label.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|s| format!("撤销{}", s.what))
    }

    pub fn exports_enabled(&self) -> bool {
        !self.shown().is_empty()
    }

    /// How long the last check and drawing took, and a revision that changes with each check.
    pub fn last_check(&self) -> (f64, u64) {
        (self.last_ms, self.checked_rev)
    }

    /// The delay before checking, when the person typed (longer for large reports).
    pub fn take_schedule(&mut self) -> Option<i32> {
        self.schedule.take()
    }

    pub fn take_focus(&mut self) -> Option<Focus> {
        self.focus.take()
    }

    /// Whether the overview of a batch is shown.
    pub fn showing_batch(&self) -> bool {
        matches!(self.view, View::Batch)
            || (matches!(self.view, View::Main) && self.main.is_none() && !self.batch.is_empty())
    }

    /// The status while the files of a batch are being read (before any is checked).
    pub fn reading_status(i: usize, n: usize, name: &str) -> String {
        format!("正在读取第 {i} / {n} 份文件：{name}")
    }

    /// The status once every file is read, while they are checked.
    pub fn checking_status(n: usize) -> String {
        format!("已读取 {n} 份文件，正在检查…")
    }

    /// Where to put the caret in the text area for problem `idx` of the report shown: the start
    /// and end of its line, in UTF-16 units. None when it has no line or the text area does not
    /// show that report's text.
    pub fn caret_for(&self, idx: usize) -> Option<(u32, u32)> {
        let entry = self.current()?;
        if !entry.readable() {
            return None;
        }
        let line = entry.result["diagnostics"]
            .get(idx)?
            .pointer("/location/line")?
            .as_u64()? as u32;
        let start = place::line_start_utf16(&self.text, line)?;
        Some((start, start + place::line_len_utf16(&self.text, line)))
    }

    // ---- Transitions ----

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Edited { text, immediate } => self.edited(text, immediate),
            Msg::Leaving { text } => {
                if newlines(&text) != self.text {
                    self.edited(text, false);
                    self.schedule = None;
                }
                self.save_draft();
            }
            Msg::CheckDue => {
                if !self.paused {
                    self.check_main();
                    if self.batch_stale {
                        self.recheck_batch();
                    }
                }
            }
            Msg::Sample => self.sample(),
            Msg::Clear => self.clear(),
            Msg::Undo => self.undo(),
            Msg::Files(files) => self.files(files),
            Msg::PastedHtml { html, plain } => self.pasted_html(html, plain),
            Msg::PreviousEdited(text) => {
                self.set_previous_text(newlines(&text), None);
                if !self.host.save(KEY_PREVIOUS, &self.prev_text) {
                    self.prev_status = "上一年度报告过大，未能保存在本机。".into();
                }
                self.host.remove(KEY_PREVIOUS_NAME);
                self.batch_stale = !self.batch.is_empty();
                self.schedule = Some(self.delay());
            }
            Msg::PreviousFile(f) => self.previous_file(f),
            Msg::PreviousClear => {
                self.set_previous_text(String::new(), None);
                self.host.remove(KEY_PREVIOUS);
                self.host.remove(KEY_PREVIOUS_NAME);
                self.prev_status = "已清空上一年度报告。".into();
                self.recheck_all();
            }
            Msg::Dismiss { idx, reason } => self.dismiss(idx, Some(reason)),
            Msg::Restore { idx } => self.dismiss(idx, None),
            Msg::ShowEntry(i) => self.show_entry(i, true),
            Msg::ShowBatch => {
                self.set_view(View::Batch);
                self.redraw();
                self.status = self.batch_status();
                self.focus = Some(Focus::Results);
            }
            Msg::Sort(col) => {
                self.sort = Some(match self.sort {
                    Some((c, desc)) if c == col => (c, !desc),
                    // Counts sort the largest first; words in order.
                    _ => (
                        col,
                        matches!(col, Column::Errors | Column::Warnings | Column::Infos),
                    ),
                });
                self.redraw();
            }
            Msg::OnlyErrors(on) => {
                self.only_errors = on;
                self.redraw();
            }
            Msg::CloseNotice => self.notice = None,
        }
    }

    fn delay(&self) -> i32 {
        (200.0 + 2.0 * self.last_ms).min(1500.0) as i32
    }

    fn edited(&mut self, text: String, immediate: bool) {
        let text = newlines(&text);
        self.notice = None;
        self.paused = false;
        if !matches!(self.view, View::Main) {
            // The text area now holds the person's own text.
            self.set_view(View::Main);
        }
        if self.bytes.is_some() {
            // A file's bytes no longer describe the text.
            self.bytes = None;
            self.name = TYPED.into();
        }
        self.text = text;
        self.save_draft();
        if immediate {
            self.check_main();
        } else {
            self.schedule = Some(self.delay());
        }
    }

    /// Checks an input, with last year's report when it is this report's previous year.
    fn run(&self, input: &Input) -> (Outcome, Option<String>) {
        let Some(p) = &self.previous else {
            return (input.check(None), None);
        };
        let with = input.check(Some(&p.bytes));
        if pairing::follows(&Identity::of(with.report.as_ref()), &p.id) {
            (with, Some(p.name.clone()))
        } else {
            (input.check(None), None)
        }
    }

    fn entry(
        &self,
        name: String,
        bytes: Option<Rc<Vec<u8>>>,
        outcome: Outcome,
        compared_with: Option<String>,
    ) -> Entry {
        let result = html::result(&Named {
            file: &name,
            outcome: &outcome,
        });
        Entry {
            name,
            bytes,
            outcome: Rc::new(outcome),
            result: Rc::new(result),
            checked_at: self.host.clock(),
            compared_with,
        }
    }

    /// Checks the main slot now and draws it.
    fn check_main(&mut self) {
        self.schedule = None;
        if self.text.is_empty() && self.bytes.is_none() {
            self.main = None;
            if matches!(self.view, View::Main) {
                self.status = if self.batch.is_empty() {
                    String::new()
                } else {
                    self.batch_status()
                };
            }
            self.update_previous_status();
            self.redraw();
            self.checked();
            return;
        }
        let t0 = self.host.now_ms();
        let (outcome, compared) = match &self.bytes {
            Some(b) => self.run(&Input::Bytes(b)),
            None => self.run(&Input::Text(&self.text)),
        };
        let entry = self.entry(self.name.clone(), self.bytes.clone(), outcome, compared);
        self.main = Some(entry);
        if !matches!(self.view, View::Entry(_)) {
            self.set_view(View::Main);
        }
        self.redraw();
        self.last_ms = self.host.now_ms() - t0;
        self.update_previous_status();
        self.status = self.main_status();
        self.checked();
    }

    fn checked(&mut self) {
        self.checked_rev += 1;
    }

    fn main_status(&self) -> String {
        let Some(m) = &self.main else {
            return String::new();
        };
        let counts = crate::diagnostic::Summary::of(&m.outcome.diagnostics);
        let prev = match (&m.compared_with, &self.previous) {
            (Some(_), _) => "已与上一年度报告对照。",
            (None, Some(_)) => "上一年度报告与本报告不是同一机关的上一年度，未对照。",
            (None, None) => "",
        };
        let saved = if self.text.is_empty() {
            ""
        } else if self.draft_fits() {
            "草稿已自动保存在本机浏览器中（不会上传）。"
        } else {
            "草稿过大，未能保存在本机浏览器中。"
        };
        format!(
            "已检查「{}」：{} 个错误，{} 个警告，{} 个提示（用时 {:.0} 毫秒）。{prev}{saved}",
            m.name,
            counts.errors,
            counts.warnings,
            counts.infos,
            self.last_ms.max(1.0),
        )
    }

    fn batch_status(&self) -> String {
        let failing = self.batch.iter().filter(|e| e.has_errors()).count();
        let paired = self
            .batch
            .iter()
            .filter(|e| e.compared_with.is_some())
            .count();
        let mut s = format!(
            "已检查 {} 份报告，其中 {failing} 份有错误。点击文件名查看详情。",
            self.batch.len()
        );
        if paired > 0 {
            s.push_str(&format!("{paired} 份已与同一机关的上一年度报告对照。"));
        }
        s
    }

    fn update_previous_status(&mut self) {
        let Some(p) = &self.previous else { return };
        let shown = self.current().or(self.main.as_ref());
        self.prev_status = match shown {
            Some(e) if e.compared_with.is_some() => {
                format!("已载入上一年度报告（{}），已用于跨年度检查。", p.id.words())
            }
            Some(e) if e.readable() => format!(
                "上一年度报告是{}的报告，本报告是{}的：不是同一机关的上一年度，未用于跨年度检查。",
                p.id.words(),
                e.identity().words()
            ),
            _ => format!("已载入上一年度报告（{}）。", p.id.words()),
        };
    }

    /// The report whose results are shown in detail.
    fn current(&self) -> Option<&Entry> {
        match &self.view {
            View::Main => self.main.as_ref(),
            View::Batch => None,
            View::Entry(i) => self.batch.get(*i),
            View::Unreadable(e) => Some(e),
        }
    }

    /// What the exports and the summary cover: the report shown, or every report of the batch.
    fn shown(&self) -> Vec<&Entry> {
        match self.current() {
            Some(e) => vec![e],
            None if self.showing_batch() => self.batch.iter().collect(),
            None => Vec::new(),
        }
    }

    fn set_view(&mut self, v: View) {
        let key = match &v {
            View::Batch => "batch".to_owned(),
            View::Entry(i) => format!("entry:{i}"),
            View::Main | View::Unreadable(_) => "main".to_owned(),
        };
        self.view = v;
        if !self.batch.is_empty() {
            self.host.save(KEY_VIEW, &key);
        }
    }

    fn with_dismissals(&self, result: &Json) -> Json {
        dismissals::apply(&self.dismissed, result)
    }

    fn stamp(e: &Entry) -> String {
        format!("检查时间 {} · nianbao {}", e.checked_at, crate::VERSION)
    }

    fn redraw(&mut self) {
        let batch_back = |n: usize| {
            format!(
                "<p class=\"nb-batch-back\"><button type=\"button\" class=\"nb-btn\" data-batch=\"\">← 返回全部 {n} 份报告的总览</button></p>"
            )
        };
        let detail = |e: &Entry| {
            let mut out = String::new();
            if !self.batch.is_empty() {
                out.push_str(&batch_back(self.batch.len()));
            }
            out.push_str(&format!(
                "<p class=\"nb-stamp\">{}",
                html::escape(&Self::stamp(e))
            ));
            if let Some(p) = &e.compared_with {
                out.push_str(&format!(" · 已与上一年度报告「{}」对照", html::escape(p)));
            }
            out.push_str("</p>");
            out.push_str(&html::fragment(
                &self.with_dismissals(&e.result),
                &html::Options {
                    prefix: "",
                    interactive: true,
                },
            ));
            out
        };
        self.html = match self.current() {
            Some(e) => detail(e),
            None if self.showing_batch() => {
                let rows: Vec<overview::Row> = self
                    .batch
                    .iter()
                    .map(|e| overview::row(&self.with_dismissals(&e.result)))
                    .collect();
                overview::html(
                    &rows,
                    &overview::TableOptions {
                        interactive: true,
                        sort: self.sort,
                        only_errors: self.only_errors,
                    },
                )
            }
            None => EMPTY_STATE.into(),
        };
        self.html_rev += 1;
    }

    fn draft_fits(&self) -> bool {
        self.text.encode_utf16().count() <= MAX_STORED_CHARS
    }

    /// Keeps the text area's content (and the file it came from) in storage.
    fn save_draft(&mut self) -> bool {
        if self.text.is_empty() {
            for k in [KEY_DRAFT, KEY_DRAFT_NAME, KEY_DRAFT_BYTES] {
                self.host.remove(k);
            }
            return true;
        }
        if !self.draft_fits() {
            self.host.remove(KEY_DRAFT);
            return false;
        }
        let ok =
            self.host.save(KEY_DRAFT_NAME, &self.name) && self.host.save(KEY_DRAFT, &self.text);
        let bytes = self
            .bytes
            .as_ref()
            .map(|b| base64(b))
            .filter(|b| b.len() + self.text.len() <= MAX_STORED_CHARS);
        match bytes {
            Some(b) if self.host.save(KEY_DRAFT_BYTES, &b) => {}
            _ => self.host.remove(KEY_DRAFT_BYTES),
        }
        ok
    }

    fn save_batch(&mut self) -> bool {
        if self.batch.is_empty() {
            self.host.remove(KEY_BATCH);
            self.host.remove(KEY_VIEW);
            return true;
        }
        let files: Vec<StoredFile> = self.batch.iter().map(Entry::stored).collect();
        let s = files_to_string(&files);
        if s.len() <= MAX_STORED_CHARS && self.host.save(KEY_BATCH, &s) {
            true
        } else {
            self.host.remove(KEY_BATCH);
            false
        }
    }

    fn snapshot(&self, what: &str) -> Snapshot {
        Snapshot {
            what: what.into(),
            text: self.text.clone(),
            name: self.name.clone(),
            bytes: self.bytes.as_ref().map(|b| base64(b)),
            previous: self.prev_text.clone(),
            batch: self.batch.iter().map(Entry::stored).collect(),
        }
    }

    /// Before an action replaces the text (or the batch): keep what it replaces for 「撤销」.
    fn push_undo(&mut self, what: &str) {
        let snap = self.snapshot(what);
        if snap.is_empty() {
            return;
        }
        let same = |a: &Snapshot, b: &Snapshot| {
            a.text == b.text
                && a.name == b.name
                && a.bytes == b.bytes
                && a.previous == b.previous
                && a.batch == b.batch
        };
        if self.undo.last().is_some_and(|top| same(top, &snap)) {
            return;
        }
        self.undo.push(snap);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.save_undo();
    }

    /// Keeps the undo history in storage, dropping the oldest steps until it fits.
    fn save_undo(&mut self) {
        let mut keep = self.undo.len();
        while keep > 0 {
            let part = &self.undo[self.undo.len() - keep..];
            if part.iter().map(Snapshot::size).sum::<usize>() <= MAX_STORED_CHARS {
                let s = snapshots_to_string(part);
                if self.host.save(KEY_UNDO, &s) {
                    return;
                }
            }
            keep -= 1;
        }
        self.host.remove(KEY_UNDO);
    }

    fn undo_hint(&self) -> &'static str {
        if self.can_undo() {
            "点「撤销」可恢复原来的内容。"
        } else {
            ""
        }
    }

    /// Replaces the main slot's text (an action, not typing).
    fn replace_text(&mut self, text: &str, name: &str, bytes: Option<Rc<Vec<u8>>>) {
        self.text = newlines(text);
        self.text_rev += 1;
        self.name = name.into();
        self.bytes = bytes;
        self.notice = None;
        self.paused = false;
    }

    fn sample(&mut self) {
        self.push_undo("示例");
        self.replace_text(SAMPLE, SAMPLE_NAME, None);
        self.batch.clear();
        self.save_batch();
        self.set_view(View::Main);
        self.save_draft();
        self.check_main();
        if let Some(m) = &self.main {
            let s = crate::diagnostic::Summary::of(&m.outcome.diagnostics);
            self.status = format!(
                "已载入示例报告：共有 {} 个错误、{} 个警告。点击问题清单中的问题可跳到对应的单元格或行；直接修改报告文字，结果会随之更新。{}",
                s.errors,
                s.warnings,
                self.undo_hint()
            );
        }
    }

    fn clear(&mut self) {
        if self.text.is_empty() && self.prev_text.is_empty() && self.batch.is_empty() {
            return;
        }
        self.push_undo("清空");
        self.replace_text("", TYPED, None);
        self.set_previous_text(String::new(), None);
        self.batch.clear();
        self.save_batch();
        for k in [
            KEY_DRAFT,
            KEY_DRAFT_NAME,
            KEY_DRAFT_BYTES,
            KEY_PREVIOUS,
            KEY_PREVIOUS_NAME,
        ] {
            self.host.remove(k);
        }
        self.set_view(View::Main);
        self.check_main();
        self.status = format!("已清空，本机保存的草稿也已删除。{}", self.undo_hint());
        self.prev_status.clear();
        self.focus = Some(Focus::Input);
    }

    fn undo(&mut self) {
        let Some(snap) = self.undo.pop() else { return };
        self.save_undo();
        let bytes = snap.bytes.as_deref().and_then(unbase64).map(Rc::new);
        self.replace_text(&snap.text, &snap.name, bytes);
        self.set_previous_text(snap.previous.clone(), None);
        if self.prev_text.is_empty() {
            self.host.remove(KEY_PREVIOUS);
        } else {
            self.host.save(KEY_PREVIOUS, &self.prev_text);
        }
        self.batch = self.check_batch(snap.batch.into_iter().map(file_in).collect());
        self.save_batch();
        self.save_draft();
        self.set_view(if self.text.is_empty() && !self.batch.is_empty() {
            View::Batch
        } else {
            View::Main
        });
        self.check_main();
        self.status = format!(
            "已撤销「{}」，恢复了之前的内容。{}",
            snap.what,
            if self.can_undo() {
                "还可以继续撤销。"
            } else {
                ""
            }
        );
    }

    fn files(&mut self, mut files: Vec<FileIn>) {
        if files.len() > 1 {
            self.push_undo("打开多个文件");
            self.batch = self.check_batch(files);
            let saved = self.save_batch();
            self.replace_text("", TYPED, None);
            self.save_draft();
            self.main = None;
            self.set_view(View::Batch);
            self.redraw();
            self.checked();
            self.status = self.batch_status();
            if !saved {
                self.status
                    .push_str("文件较大，未能保存在本机浏览器中，刷新后需要重新打开。");
            }
            self.status.push_str(self.undo_hint());
            return;
        }
        let Some(f) = files.pop() else { return };
        match f.content {
            FileContent::TooLarge(size) => {
                self.notice = Some(format!(
                    "文件「{}」有 {:.1} MB，超过 50 MB 的上限，未检查。",
                    f.name,
                    size as f64 / 1048576.0
                ));
            }
            FileContent::Unreadable(why) => {
                self.notice = Some(format!("无法读取文件「{}」：{why}", f.name));
            }
            FileContent::Bytes(bytes) => self.take_bytes(f.name, bytes, "打开文件"),
        }
    }

    /// A single file (or pasted HTML) as the main slot's report. One that cannot be read is
    /// explained, and the text area and the draft keep what they had.
    fn take_bytes(&mut self, name: String, bytes: Vec<u8>, what: &str) {
        let t0 = self.host.now_ms();
        let bytes = Rc::new(bytes);
        let (outcome, compared) = self.run(&Input::Bytes(&bytes));
        let Some(doc) = outcome.document.as_ref() else {
            let entry = self.entry(name.clone(), None, outcome, None);
            self.set_view(View::Unreadable(Box::new(entry)));
            self.redraw();
            self.last_ms = self.host.now_ms() - t0;
            self.checked();
            self.notice = Some(format!(
                "「{name}」无法检查，原因见检查结果。左侧的报告内容没有被替换，本机保存的草稿也没有改动。"
            ));
            self.status = format!("「{name}」无法检查。");
            return;
        };
        let (text, kept) = match doc.format {
            // Text files become editable text.
            InputFormat::Text => (doc.text.clone(), None),
            // The extracted text is shown (locations refer to it); the bytes are checked.
            _ => (doc.text.clone(), Some(bytes.clone())),
        };
        self.push_undo(what);
        self.replace_text(&text, &name, kept.clone());
        self.batch.clear();
        self.save_batch();
        let entry = self.entry(name, kept, outcome, compared);
        self.main = Some(entry);
        self.set_view(View::Main);
        self.redraw();
        self.last_ms = self.host.now_ms() - t0;
        let saved = self.save_draft();
        self.update_previous_status();
        self.status = self.main_status();
        if !saved {
            self.status.push_str("（草稿未能保存）");
        }
        self.status.push_str(self.undo_hint());
        self.checked();
    }

    fn pasted_html(&mut self, html: String, plain: String) {
        let readable = source::read(html.as_bytes()).is_ok();
        if readable {
            self.take_bytes(PASTED_HTML.into(), html.into_bytes(), "粘贴");
        } else {
            // The clipboard's HTML could not be read: its text is checked instead.
            self.push_undo("粘贴");
            self.replace_text(&plain, TYPED, None);
            self.batch.clear();
            self.save_batch();
            self.set_view(View::Main);
            self.save_draft();
            self.check_main();
            self.notice = Some("粘贴的网页内容无法按网页格式读取，已改为按纯文本检查。".into());
        }
    }

    /// Checks several files: each alone first (to learn its agency and year), then each again
    /// with its own previous year's report — from the batch, or from the 「上一年度报告」 box —
    /// when there is one.
    fn check_batch(&self, files: Vec<FileIn>) -> Vec<Entry> {
        let mut entries: Vec<Entry> = files
            .into_iter()
            .map(|f| match f.content {
                FileContent::Bytes(b) => {
                    let o = Input::Bytes(&b).check(None);
                    self.entry(f.name, Some(Rc::new(b)), o, None)
                }
                FileContent::TooLarge(size) => self.entry(f.name, None, too_large(size), None),
                FileContent::Unreadable(why) => self.entry(
                    f.name,
                    None,
                    unreadable(ReadError::Unsupported(format!(
                        "浏览器未能读取文件（{why}）"
                    ))),
                    None,
                ),
            })
            .collect();
        self.pair_batch(&mut entries);
        entries
    }

    fn pair_batch(&self, entries: &mut [Entry]) {
        let ids: Vec<Identity> = entries.iter().map(Entry::identity).collect();
        let partners = pairing::partners(&ids);
        for i in 0..entries.len() {
            let previous: Option<(String, Rc<Vec<u8>>)> = match partners[i] {
                Some(j) => entries[j]
                    .bytes
                    .clone()
                    .map(|b| (entries[j].name.clone(), b)),
                None => self
                    .previous
                    .as_ref()
                    .filter(|p| pairing::follows(&ids[i], &p.id))
                    .map(|p| (p.name.clone(), p.bytes.clone())),
            };
            let (Some((pname, pbytes)), Some(bytes)) = (previous, entries[i].bytes.clone()) else {
                continue;
            };
            let o = Input::Bytes(&bytes).check(Some(&pbytes));
            entries[i] = self.entry(entries[i].name.clone(), Some(bytes), o, Some(pname));
        }
    }

    /// Checks the batch again (last year's report changed).
    fn recheck_batch(&mut self) {
        self.batch_stale = false;
        if self.batch.is_empty() {
            return;
        }
        let files: Vec<FileIn> = self.batch.iter().map(|e| file_in(e.stored())).collect();
        self.batch = self.check_batch(files);
        self.redraw();
        if self.showing_batch() {
            self.status = self.batch_status();
        }
    }

    fn recheck_all(&mut self) {
        self.check_main();
        self.recheck_batch();
        if let View::Entry(_) = self.view {
            self.redraw();
        }
        self.update_previous_status();
    }

    fn set_previous_text(&mut self, text: String, name: Option<String>) {
        if text != self.prev_text {
            self.prev_text = text;
            self.prev_rev += 1;
        }
        self.previous = (!self.prev_text.is_empty()).then(|| {
            let bytes = self.prev_text.clone().into_bytes();
            let id = Identity::of(
                source::read(&bytes)
                    .ok()
                    .map(|d| crate::report::recognise(&d))
                    .as_ref(),
            );
            Previous {
                name: name
                    .or_else(|| self.host.load(KEY_PREVIOUS_NAME))
                    .unwrap_or_else(|| PREVIOUS_NAME.into()),
                bytes: Rc::new(bytes),
                id,
            }
        });
        if self.previous.is_none() {
            self.prev_status.clear();
        }
    }

    fn previous_file(&mut self, f: FileIn) {
        let name = f.name;
        let bytes = match f.content {
            FileContent::TooLarge(_) => {
                self.prev_status = format!("文件「{name}」超过 50 MB 的上限，未使用。");
                return;
            }
            FileContent::Unreadable(why) => {
                self.prev_status = format!("无法读取文件「{name}」：{why}");
                return;
            }
            FileContent::Bytes(b) => b,
        };
        match source::read(&bytes) {
            Ok(doc) => {
                self.set_previous_text(newlines(&doc.text), Some(name.clone()));
                // The file itself is checked (a .docx keeps its tables); the box shows its text.
                if let Some(p) = &mut self.previous {
                    p.bytes = Rc::new(bytes);
                }
                self.prev_open = true;
                self.host.save(KEY_PREVIOUS, &self.prev_text);
                self.host.save(KEY_PREVIOUS_NAME, &name);
                self.recheck_all();
            }
            Err(e) => {
                self.prev_status = format!("无法读取「{name}」：{}", read_error(&e).message);
            }
        }
    }

    fn show_entry(&mut self, i: usize, user: bool) {
        let Some(e) = self.batch.get(i).cloned() else {
            return;
        };
        if user && matches!(self.view, View::Main) && !self.text.is_empty() {
            self.push_undo(&format!("打开「{}」", e.name));
        }
        let text = e
            .outcome
            .document
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default();
        if e.bytes.is_some() {
            self.replace_text(&text, &e.name, e.bytes.clone());
        }
        self.set_view(View::Entry(i));
        self.redraw();
        self.update_previous_status();
        if user {
            self.focus = Some(Focus::Results);
            self.status = format!("正在查看「{}」。{}", e.name, self.undo_hint());
        }
    }

    fn dismiss(&mut self, idx: usize, reason: Option<String>) {
        let Some(c) = self.current() else { return };
        let Some(d) = c.result["diagnostics"].get(idx) else {
            return;
        };
        if !dismissals::can_dismiss(d["code"].as_str().unwrap_or("")) {
            return;
        }
        let key = dismissals::key(&c.result, d);
        match reason.filter(|r| !r.trim().is_empty()) {
            Some(r) => self.dismissed.insert(key, r.trim().to_owned()),
            None => self.dismissed.remove(&key),
        };
        let s = serde_json::to_string(&self.dismissed).unwrap_or_default();
        if !self.host.save(KEY_DISMISSED, &s) {
            self.notice = Some(
                "忽略记录未能保存在本机浏览器中（存储空间不足或被禁用），刷新后将失效。".into(),
            );
        }
        self.redraw();
        self.focus = Some(Focus::Problem(idx));
    }

    // ---- Exports ----

    /// The file name for exports of what is shown, with the check time.
    fn base_name(entries: &[&Entry]) -> String {
        match entries {
            [one] => base_name(&one.name),
            _ => format!("年报校验结果（{} 份）", entries.len()),
        }
    }

    /// An export of what is shown (the report in detail, or the whole batch), with the
    /// dismissals, the check time and the version.
    pub fn export(&self, kind: Export) -> Option<Download> {
        let entries = self.shown();
        if entries.is_empty() {
            return None;
        }
        let at = entries
            .iter()
            .map(|e| e.checked_at.as_str())
            .max()
            .unwrap_or_default();
        let stamp = format!("（{} 检查，nianbao {}）", file_time(at), crate::VERSION);
        let base = Self::base_name(&entries);
        let named: Vec<Named> = entries
            .iter()
            .map(|e| Named {
                file: &e.name,
                outcome: &e.outcome,
            })
            .collect();
        let with: Vec<Json> = entries
            .iter()
            .map(|e| self.with_dismissals(&e.result))
            .collect();
        Some(match kind {
            Export::Json => {
                let mut doc = json::document(&named);
                doc["checked_at"] = j!(at);
                // The page's dismissals travel with the diagnostics.
                if let Some(reports) = doc["reports"].as_array_mut() {
                    for (k, rep) in reports.iter_mut().enumerate() {
                        if let Some(ds) = rep["diagnostics"].as_array_mut() {
                            for (i, d) in ds.iter_mut().enumerate() {
                                if let Some(why) = with[k]["diagnostics"][i]["dismissed"].as_str() {
                                    d["dismissed"] = j!(why);
                                }
                            }
                        }
                    }
                }
                let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
                s.push('\n');
                Download {
                    name: format!("{base}{stamp}.json"),
                    mime: "application/json",
                    data: s,
                }
            }
            Export::Csv => {
                let reason = |file: &str, i: usize| -> Option<String> {
                    let k = entries.iter().position(|e| e.name == file)?;
                    with[k]["diagnostics"][i]["dismissed"]
                        .as_str()
                        .map(str::to_owned)
                };
                Download {
                    name: format!("{base}{stamp}.csv"),
                    mime: "text/csv;charset=utf-8",
                    data: csv::render(&named, &reason),
                }
            }
            Export::Html => Download {
                name: format!("{base}{stamp}.html"),
                mime: "text/html;charset=utf-8",
                data: html::standalone_stamped(&with, Some(at)),
            },
            Export::Overview => {
                let rows: Vec<overview::Row> = with.iter().map(overview::row).collect();
                Download {
                    name: format!("年报校验总览（{} 份）{stamp}.csv", rows.len()),
                    mime: "text/csv;charset=utf-8",
                    data: overview::csv(&rows),
                }
            }
        })
    }

    /// 「复制摘要」: the plain-text summary of what is shown.
    pub fn summary(&self) -> Option<String> {
        let entries = self.shown();
        if entries.is_empty() {
            return None;
        }
        Some(
            entries
                .iter()
                .map(|e| summary::text(&self.with_dismissals(&e.result), Some(&Self::stamp(e))))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

fn too_large(size: usize) -> Outcome {
    unreadable(ReadError::TooLarge(size))
}

fn unreadable(e: ReadError) -> Outcome {
    Outcome {
        input_format: None,
        document: None,
        report: None,
        diagnostics: vec![read_error(&e)],
    }
}

fn file_in(f: StoredFile) -> FileIn {
    let content = match (f.data.as_deref().and_then(unbase64), f.too_large) {
        (Some(b), _) => FileContent::Bytes(b),
        (None, Some(n)) => FileContent::TooLarge(n),
        (None, None) => FileContent::Unreadable("本机保存的内容已损坏".into()),
    };
    FileIn {
        name: f.name,
        content,
    }
}

/// 「2026-12-06 17:45:03」 → 「2026-12-06 1745」 (no colon: file names on Windows).
fn file_time(at: &str) -> String {
    let t: String = at.chars().take(16).filter(|&c| c != ':').collect();
    t
}

/// A file name for exports: the report's name without its extension and characters that file
/// systems refuse.
pub fn base_name(name: &str) -> String {
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

#[cfg(test)]
mod tests;
