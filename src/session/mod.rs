//! The web page's state and its transitions, with no DOM: what the main slot holds, a batch of
//! files, last year's report, dismissals, the undo history, what is kept in the browser's storage,
//! the status texts, the debounce of typing and the exports as bytes. The page (src/web/page.rs)
//! turns events into [`Msg`]s, calls [`Session::update`], and draws what the session says; this
//! module is compiled natively and tested with `cargo test`.

mod actions;
mod checking;
pub mod dismissals;
mod draw;
mod exports;
mod history;
pub mod job;
pub mod pairing;
pub mod persist;
pub mod place;

use crate::check::Outcome;
use crate::render::overview;
use crate::source::{self, InputFormat};
use overview::Column;
use pairing::Identity;
use persist::*;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::rc::Rc;

pub const SAMPLE_NAME: &str = "示例：青山县石桥镇2024年度报告.txt";
/// The name of typed or pasted text.
pub const TYPED: &str = "粘贴的文本";
const PASTED_HTML: &str = "粘贴的网页内容";
const PREVIOUS_NAME: &str = "上一年度报告";
const UNDO_DEPTH: usize = 5;
/// A text longer than this (bytes) is shown in the text area only in part, read-only, and
/// checked in full: a browser lays out the whole text area again on every change (measured in
/// Chromium: 2.5–4 s for 10 MB), so such a text could not be typed in anyway, and leaving it out
/// of the text area keeps a big paste or file from freezing the page.
pub const BIG_TEXT: usize = 1 << 20;
/// How much of a big text the text area shows (bytes, cut at a line's end).
const BIG_TEXT_SHOWN: usize = 16 * 1024;

pub const EMPTY_STATE: &str = "<div class=\"nb-empty\"><h2>检查结果会显示在这里</h2><p>在左侧粘贴报告全文，或点击「打开文件」、把文件拖到页面上（.txt、.md、.html、.mht、.docx、.doc、.wps、.pdf），结果会随输入立即更新。</p><p>想先看看效果？点击「示例」载入一份带有多种问题的示例报告。</p><p>检查内容：六个部分是否齐全、标题是否规范；表二、表三、表四是否按规定格式填写；表三各列平衡、办理结果合计、各行合计；表四合计；正文中的数字与表格是否一致；统计期限和年份；信息处理费等必须说明的事项。可在「规则说明」中查看全部规则。</p></div>";

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
    /// A big paste is being read into the module in steps (its `Edited` follows): it is newer
    /// than any check still awaited, whose reply (a big file's text, say) must not replace it.
    Reading,
    /// The pause in typing is over.
    CheckDue,
    Sample,
    Clear,
    Undo,
    /// Files opened or dropped: one is the main slot's report; several are a batch, checked,
    /// paired and shown at once (the page sends a batch in parts instead, `FilesPart`, with the
    /// same outcome).
    Files(Vec<FileIn>),
    /// One of the files of batch `id` (more than one file), checked now: the page sends a batch
    /// a file at a time, in tasks of ~16 ms, so that it stays responsive while ~100 files are
    /// checked (~1 ms each). `FilesDone` follows the last one.
    FilesPart {
        id: u64,
        file: FileIn,
    },
    /// Every part of batch `id` was sent: its reports are paired with last year's and shown.
    FilesDone {
        id: u64,
    },
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
    /// The readers module (PDF, .doc) is loaded now: check what waited for it again.
    ReadersLoaded,
    /// The worker's reply to a [`job::Job`] (its JSON text read by [`job::parse`]; one that does
    /// not parse is `CheckFailed`), and the text the engine read when it is not the input's own
    /// ([`job::run`]).
    Checked {
        reply: job::Reply,
        text: Option<String>,
    },
    /// The worker could not run job `id` (no worker, or it failed): checked here instead.
    CheckFailed(u64),
}

/// One checked report.
#[derive(Clone)]
pub struct Entry {
    pub name: String,
    pub bytes: Option<Rc<Vec<u8>>>,
    /// What the engine returned; None when it was checked in the worker (only its result came
    /// back): [`Session::outcome_of`] checks again when an export needs it.
    pub outcome: Option<Rc<Outcome>>,
    /// The report's agency and year, whether it was read, its counts by severity.
    identity: Identity,
    readable: bool,
    counts: crate::diagnostic::Summary,
    /// The `check()` result object (output.md), without dismissals.
    pub result: Rc<Json>,
    pub checked_at: String,
    /// The report it was compared with as last year's (X rules).
    pub compared_with: Option<String>,
    /// Why a file of a batch was not read (kept, so that a reload says the same).
    pub refused: Option<Refused>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    TooLarge(usize),
    Unreadable(String),
}

impl Entry {
    fn identity(&self) -> Identity {
        self.identity.clone()
    }

    fn readable(&self) -> bool {
        self.readable
    }

    fn has_errors(&self) -> bool {
        self.counts.errors > 0
    }

    fn stored(&self) -> StoredFile {
        StoredFile {
            name: self.name.clone(),
            data: self.bytes.as_ref().map(|b| base64(b)),
            too_large: match &self.refused {
                Some(Refused::TooLarge(n)) => Some(*n),
                _ => None,
            },
            unreadable: match &self.refused {
                Some(Refused::Unreadable(why)) => Some(why.clone()),
                _ => None,
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

/// Line breaks as a text area reports them. A text area's own value has no CR: it is kept as
/// it is, not copied (a big paste spent ~4 ms per MB copying here on the page's thread). A big
/// paste taken from a Windows clipboard has CRLF: one memchr pass (two `str::replace` passes
/// took 40 ms for 10 MB in the module).
fn newlines(s: String) -> String {
    match crate::source::text::unify_line_ends(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(unified) => unified,
    }
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
    /// The reports of a batch arriving in parts (`Msg::FilesPart`), with its id.
    batch_parts: Option<(u64, Vec<Entry>)>,
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
    /// How much of a long result is drawn.
    drawing: draw::Drawing,
    /// The page has a worker thread for big checks ([`job`]).
    worker: bool,
    jobs: u64,
    /// The job whose reply will be drawn, and when it was handed out.
    awaiting: Option<(u64, f64)>,
    /// A job for the page to send to the worker.
    job_out: Option<job::Job>,
    /// A file being checked in the worker: its job, bytes, and what opened it (for 撤销).
    file_job: Option<(u64, Rc<Vec<u8>>, String)>,
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
            text: newlines(text),
            text_rev: 1,
            name: TYPED.into(),
            bytes: None,
            main: None,
            batch: Vec::new(),
            batch_parts: None,
            batch_stale: false,
            view: View::Main,
            previous: None,
            prev_text: newlines(prev_text),
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
            drawing: draw::Drawing::default(),
            worker: false,
            jobs: 0,
            awaiting: None,
            job_out: None,
            file_job: None,
        };
        s.host.remove(KEY_DISMISSED_OLD);
        s.dismissed = s
            .host
            .load(KEY_DISMISSED)
            .and_then(|v| crate::jsonvalue::parse(&v))
            .and_then(|v| {
                // An object of strings, else nothing (storage may hold anything).
                v.as_object()?
                    .iter()
                    .map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
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
            self.text = newlines(draft);
            self.text_rev += 1;
        }
        // The file the draft was read from (a .docx is checked as .docx again). A PDF or .doc
        // that waits for the readers module is kept unverified: it is read once the module is
        // there (wants_readers).
        let bytes = self
            .host
            .load(KEY_DRAFT_BYTES)
            .and_then(|b| unbase64(&b))
            .filter(|b| match source::read(b) {
                Ok(d) => newlines(d.text) == self.text,
                Err(e) => matches!(e, source::ReadError::NeedsReader(_)),
            });
        self.bytes = bytes.map(Rc::new);
        if self.prev_text.is_empty() {
            if let Some(prev) = self.host.load(KEY_PREVIOUS) {
                self.prev_text = newlines(prev);
                self.prev_rev += 1;
                self.prev_open = !self.prev_text.is_empty();
            }
        }
    }
    /// The text area's content and a revision that changes when the session replaced it.
    pub fn text(&self) -> (&str, u64) {
        (&self.text, self.text_rev)
    }
    /// What the text area shows: the text (or the start of a big one, [`BIG_TEXT`], with a note),
    /// its revision, and whether the text area is read-only.
    pub fn editor(&self) -> (std::borrow::Cow<'_, str>, u64, bool) {
        let t = &self.text;
        if t.len() <= BIG_TEXT {
            return (t.into(), self.text_rev, false);
        }
        let mut cut = BIG_TEXT_SHOWN;
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = t[..cut].rfind('\n').map_or(cut, |i| i + 1);
        let shown = format!(
            "{}……\n（全文 {} MB，这里只显示开头部分，检查的是全文。要修改，请改好原文件后重新打开，或点击「清空」后重新粘贴。）",
            &t[..cut],
            crate::decimal::fixed(t.len() as f64 / 1048576.0, 1)
        );
        (shown.into(), self.text_rev, true)
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
    /// The status while the readers module (Word, PDF, RTF) is being loaded.
    pub const READERS_LOADING: &'static str = "正在加载 Word 与 PDF 读取模块…";
    /// The status while a big paste is read into the module (before it is checked).
    pub const READING_PASTE: &'static str = "正在读取粘贴的文本…";
    /// Whether a file shown or in the batch is a PDF or .doc that this build reads only through
    /// the readers module (restored from the last visit before the module was loaded): the page
    /// then loads it and sends [`Msg::ReadersLoaded`].
    pub fn wants_readers(&self) -> bool {
        let needs = |b: &Option<Rc<Vec<u8>>>| {
            b.as_ref()
                .is_some_and(|b| source::missing_reader(b).is_some())
        };
        needs(&self.bytes) || self.batch.iter().any(|e| needs(&e.bytes))
    }
    /// The status while the files of a batch are being read (before any is checked).
    pub fn reading_status(i: usize, n: usize, name: &str) -> String {
        format!("正在读取第 {i} / {n} 份文件：{name}")
    }
    /// The status once every file is read, while they are checked.
    pub fn checking_status(n: usize) -> String {
        format!("已读取 {n} 份文件，正在检查…")
    }
    /// The status while a batch is checked in parts: `done` of `n` checked.
    pub fn checking_progress(done: usize, n: usize) -> String {
        format!("已读取 {n} 份文件，已检查 {done} / {n} 份…")
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
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Edited { text, immediate } => self.edited(text, immediate),
            Msg::Leaving { text } => {
                // A big text's text area shows only its start (and cannot be edited).
                let text = newlines(text);
                if self.text.len() <= BIG_TEXT && text != self.text {
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
            Msg::FilesPart { id, file } => {
                let entry = self.check_file(file);
                match &mut self.batch_parts {
                    Some((p, checked)) if *p == id => checked.push(entry),
                    _ => self.batch_parts = Some((id, vec![entry])),
                }
            }
            Msg::FilesDone { id } => {
                if let Some((_, mut entries)) = self.batch_parts.take_if(|(p, _)| *p == id) {
                    self.pair_batch(&mut entries);
                    self.show_batch(entries);
                }
            }
            Msg::PastedHtml { html, plain } => self.pasted_html(html, plain),
            Msg::PreviousEdited(text) => {
                self.set_previous_text(newlines(text), None);
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
            Msg::Reading => {
                self.awaiting = None;
                self.file_job = None;
                self.job_out = None;
                self.status = Self::READING_PASTE.into();
            }
            Msg::ReadersLoaded => self.recheck_all(),
            Msg::Checked { reply, text } => self.job_done(reply, text),
            Msg::CheckFailed(id) => {
                if self.awaiting.is_some_and(|(a, _)| a == id) {
                    self.worker = false;
                    self.check_main();
                }
            }
        }
    }
    /// The page has (or no longer has) a worker thread for big checks.
    pub fn set_worker(&mut self, on: bool) {
        self.worker = on;
    }
    /// A check for the worker, once.
    pub fn take_job(&mut self) -> Option<job::Job> {
        self.job_out.take()
    }
    /// Whether a check is running in the worker (its result will be drawn when it comes).
    pub fn checking(&self) -> bool {
        self.awaiting.is_some()
    }
    fn delay(&self) -> i32 {
        (200.0 + 2.0 * self.last_ms).min(1500.0) as i32
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
    fn with_dismissals<'a>(&self, result: &'a Json) -> std::borrow::Cow<'a, Json> {
        if self.dismissed.is_empty() {
            return std::borrow::Cow::Borrowed(result);
        }
        dismissals::apply(&self.dismissed, result)
    }
}

fn file_in(f: StoredFile) -> FileIn {
    let content = match (
        f.data.as_deref().and_then(unbase64),
        f.too_large,
        f.unreadable,
    ) {
        (Some(b), _, _) => FileContent::Bytes(b),
        (None, Some(n), _) => FileContent::TooLarge(n),
        (None, None, Some(why)) => FileContent::Unreadable(why),
        (None, None, None) => FileContent::Unreadable("本机保存的内容已损坏".into()),
    };
    FileIn {
        name: f.name,
        content,
    }
}

#[cfg(test)]
mod tests;
