//! Checking: the main slot, a batch with each report paired with its own previous year, and
//! the status texts that say what was checked.

use super::*;
use crate::check::{read_error, Options, Outcome};
use crate::render::{html, Named};
use crate::source::{self, ReadError, MAX_INPUT_BYTES};

pub enum Input<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl Input<'_> {
    pub fn check(&self, previous: Option<&[u8]>) -> Outcome {
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

impl Session {
    /// Checks an input, with last year's report when it is this report's previous year.
    pub(super) fn run(&self, input: &Input) -> (Outcome, Option<String>) {
        let p = self.previous.as_ref();
        let (outcome, compared) = check_paired(input, p.map(|p| (&p.bytes[..], &p.id)));
        (outcome, p.filter(|_| compared).map(|p| p.name.clone()))
    }

    pub(super) fn entry(
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
            identity: Identity::of(outcome.report.as_ref()),
            readable: outcome.document.is_some(),
            counts: crate::diagnostic::Summary::of(&outcome.diagnostics),
            outcome: Some(Rc::new(outcome)),
            result: Rc::new(result),
            checked_at: self.host.clock(),
            compared_with,
            refused: None,
        }
    }

    /// Checks the main slot now and draws it; a big input goes to the worker instead
    /// ([`super::job`]), and is drawn when its reply comes.
    pub(super) fn check_main(&mut self) {
        self.schedule = None;
        // Whatever is checked now supersedes a check still running in the worker.
        self.awaiting = None;
        self.job_out = None;
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
        let input = match &self.bytes {
            Some(b) => job::JobInput::Bytes(b.clone()),
            None => job::JobInput::Text(self.text.clone()),
        };
        if self.defer(&self.name.clone(), input, t0) {
            return;
        }
        let (outcome, compared) = match &self.bytes {
            Some(b) => self.run(&Input::Bytes(b)),
            None => self.run(&Input::Text(&self.text)),
        };
        let entry = self.entry(self.name.clone(), self.bytes.clone(), outcome, compared);
        self.show_main(entry, t0);
    }

    /// Hands a big input to the worker ([`super::job`]) instead of checking it here; false when
    /// it is checked here (small, no worker, or it needs the readers module).
    pub(super) fn defer(&mut self, name: &str, input: job::JobInput, t0: f64) -> bool {
        let size = match &input {
            job::JobInput::Text(t) => t.len(),
            job::JobInput::Bytes(b) => b.len(),
        };
        let needs_reader = match &input {
            job::JobInput::Bytes(b) => source::missing_reader(b).is_some(),
            job::JobInput::Text(_) => false,
        };
        if !self.worker || size < job::WORKER_MIN || needs_reader {
            return false;
        }
        self.jobs += 1;
        self.awaiting = Some((self.jobs, t0));
        self.job_out = Some(job::Job {
            id: self.jobs,
            name: name.to_owned(),
            input,
            previous: self
                .previous
                .as_ref()
                .map(|p| (p.bytes.clone(), p.id.clone())),
        });
        self.status = format!(
            "正在检查「{name}」（{} MB）…",
            crate::decimal::fixed(size as f64 / 1048576.0, 1)
        );
        true
    }

    /// The worker's reply: drawn if it answers the job awaited, else dropped (stale).
    pub(super) fn job_done(&mut self, mut r: job::Reply, text: Option<String>) {
        let Some((id, t0)) = self.awaiting else {
            return;
        };
        if r.id != id {
            return;
        }
        self.awaiting = None;
        // The text came apart, or it is the input's, which is the text here (a newer text would
        // have made this reply stale).
        if let Some(t) = r.result.get_mut("text").filter(|t| t.is_boolean()) {
            *t = Json::String(text.unwrap_or_else(|| self.text.clone()));
        }
        let compared_with = self
            .previous
            .as_ref()
            .filter(|_| r.compared)
            .map(|p| p.name.clone());
        let file = self.file_job.take().filter(|(f, _, _)| *f == id);
        let entry = Entry {
            name: r.result["file"].as_str().unwrap_or(&self.name).to_owned(),
            bytes: match &file {
                Some((_, b, _)) => Some(b.clone()),
                None => self.bytes.clone(),
            },
            outcome: None,
            identity: r.identity,
            readable: r.readable,
            counts: r.counts,
            result: Rc::new(r.result),
            checked_at: self.host.clock(),
            compared_with,
            refused: None,
        };
        if let Some((_, _, what)) = file {
            self.file_checked(entry, &what, t0);
            return;
        }
        self.show_main(entry, t0);
    }

    /// The main slot's new result: shown (unless an entry of the batch is), timed, statuses set.
    fn show_main(&mut self, entry: Entry, t0: f64) {
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

    /// What the engine returned for an entry: kept, or (checked in the worker, only its result
    /// came back) the main slot's input checked again here.
    pub(super) fn outcome_of(&self, e: &Entry) -> Rc<Outcome> {
        if let Some(o) = &e.outcome {
            return o.clone();
        }
        let (o, _) = match &e.bytes {
            Some(b) => self.run(&Input::Bytes(b)),
            None => self.run(&Input::Text(&self.text)),
        };
        Rc::new(o)
    }

    pub(super) fn checked(&mut self) {
        self.checked_rev += 1;
    }

    pub(super) fn main_status(&self) -> String {
        let Some(m) = &self.main else {
            return String::new();
        };
        let counts = m.counts;
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
            "已检查「{}」：{} 个错误，{} 个警告，{} 个提示（用时 {} 毫秒）。{prev}{saved}",
            m.name,
            counts.errors,
            counts.warnings,
            counts.infos,
            crate::decimal::fixed(self.last_ms.max(1.0), 0),
        )
    }

    pub(super) fn batch_status(&self) -> String {
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

    pub(super) fn update_previous_status(&mut self) {
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

    /// Checks several files: each alone first (to learn its agency and year), then each again
    /// with its own previous year's report — from the batch, or from the 「上一年度报告」 box —
    /// when there is one.
    pub(super) fn check_batch(&self, files: Vec<FileIn>) -> Vec<Entry> {
        let mut entries: Vec<Entry> = files.into_iter().map(|f| self.check_file(f)).collect();
        self.pair_batch(&mut entries);
        entries
    }

    /// One report of a batch, checked alone (before [`Self::pair_batch`]).
    pub(super) fn check_file(&self, f: FileIn) -> Entry {
        match f.content {
            FileContent::Bytes(b) => {
                let o = Input::Bytes(&b).check(None);
                self.entry(f.name, Some(Rc::new(b)), o, None)
            }
            FileContent::TooLarge(size) => Entry {
                refused: Some(Refused::TooLarge(size)),
                ..self.entry(f.name, None, too_large(size), None)
            },
            FileContent::Unreadable(why) => Entry {
                refused: Some(Refused::Unreadable(why.clone())),
                ..self.entry(
                    f.name,
                    None,
                    unreadable(ReadError::Unsupported(format!(
                        "浏览器未能读取文件（{why}）"
                    ))),
                    None,
                )
            },
        }
    }

    pub(super) fn pair_batch(&self, entries: &mut [Entry]) {
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
    pub(super) fn recheck_batch(&mut self) {
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

    pub(super) fn recheck_all(&mut self) {
        self.check_main();
        self.recheck_batch();
        if let View::Entry(_) = self.view {
            self.redraw();
        }
        self.update_previous_status();
    }
}

/// Checks an input with last year's report (its bytes and identity) when it is this report's
/// previous year; true when it was.
pub(super) fn check_paired(input: &Input, previous: Option<(&[u8], &Identity)>) -> (Outcome, bool) {
    let Some((bytes, id)) = previous else {
        return (input.check(None), false);
    };
    let with = input.check(Some(bytes));
    if pairing::follows(&Identity::of(with.report.as_ref()), id) {
        (with, true)
    } else {
        (input.check(None), false)
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
