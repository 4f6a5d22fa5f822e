//! The transitions the person starts: typing, 示例, 清空, files, pasting, last year's report,
//! opening a report of a batch, dismissing a problem.

use super::checking::Input;
use super::*;
use crate::check::read_error;
use crate::source;

impl Session {
    pub(super) fn edited(&mut self, text: String, immediate: bool) {
        let text = newlines(text);
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
        // A check of the text before this change is stale now.
        self.awaiting = None;
        if self.text.len() > BIG_TEXT {
            // The text area shows only its start from now on (Session::editor).
            self.text_rev += 1;
        }
        self.save_draft();
        if immediate {
            self.check_main();
        } else {
            self.schedule = Some(self.delay());
        }
    }

    /// Replaces the main slot's text (an action, not typing).
    pub(super) fn replace_text(&mut self, text: String, name: &str, bytes: Option<Rc<Vec<u8>>>) {
        self.text = newlines(text);
        self.text_rev += 1;
        self.awaiting = None;
        self.job_out = None;
        self.name = name.into();
        self.bytes = bytes;
        self.notice = None;
        self.paused = false;
    }

    pub(super) fn sample(&mut self) {
        self.push_undo("示例");
        self.replace_text(crate::assets::sample().into(), SAMPLE_NAME, None);
        self.batch.clear();
        self.save_batch();
        self.set_view(View::Main);
        self.save_draft();
        self.check_main();
        if let Some(m) = &self.main {
            let s = m.counts;
            self.status = format!(
                "已载入示例报告：共有 {} 个错误、{} 个警告。点击问题清单中的问题可跳到对应的单元格或行；直接修改报告文字，结果会随之更新。{}",
                s.errors,
                s.warnings,
                self.undo_hint()
            );
        }
    }

    pub(super) fn clear(&mut self) {
        if self.text.is_empty() && self.prev_text.is_empty() && self.batch.is_empty() {
            return;
        }
        self.push_undo("清空");
        self.replace_text(String::new(), TYPED, None);
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

    pub(super) fn files(&mut self, mut files: Vec<FileIn>) {
        if files.len() > 1 {
            let entries = self.check_batch(files);
            self.show_batch(entries);
            return;
        }
        let Some(f) = files.pop() else { return };
        match f.content {
            FileContent::TooLarge(size) => {
                self.notice = Some(format!(
                    "文件「{}」有 {} MB，超过 50 MB 的上限，未检查。",
                    f.name,
                    crate::decimal::fixed(size as f64 / 1048576.0, 1)
                ));
            }
            FileContent::Unreadable(why) => {
                self.notice = Some(format!("无法读取文件「{}」：{why}", f.name));
            }
            FileContent::Bytes(bytes) => self.take_bytes(f.name, bytes, "打开文件"),
        }
    }

    /// A batch checked and paired: shown as the overview, saved, undoable.
    pub(super) fn show_batch(&mut self, entries: Vec<Entry>) {
        self.push_undo("打开多个文件");
        self.batch = entries;
        let saved = self.save_batch();
        self.replace_text(String::new(), TYPED, None);
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
    }

    /// A single file (or pasted HTML) as the main slot's report. One that cannot be read is
    /// explained, and the text area and the draft keep what they had.
    pub(super) fn take_bytes(&mut self, name: String, bytes: Vec<u8>, what: &str) {
        let t0 = self.host.now_ms();
        let bytes = Rc::new(bytes);
        if self.defer(&name, job::JobInput::Bytes(bytes.clone()), t0) {
            if let Some((id, _)) = self.awaiting {
                self.file_job = Some((id, bytes, what.to_owned()));
            }
            return;
        }
        let (outcome, compared) = self.run(&Input::Bytes(&bytes));
        let entry = self.entry(name, Some(bytes), outcome, compared);
        self.file_checked(entry, what, t0);
    }

    /// A file checked (here or in the worker): shown with its text in the text area, or, when
    /// it cannot be read, explained.
    pub(super) fn file_checked(&mut self, mut entry: Entry, what: &str, t0: f64) {
        let name = entry.name.clone();
        if !entry.readable {
            entry.bytes = None;
            self.set_view(View::Unreadable(Box::new(entry)));
            self.redraw();
            self.last_ms = self.host.now_ms() - t0;
            self.checked();
            self.notice = Some(format!(
                "「{name}」无法检查，原因见检查结果。左侧的报告内容没有被替换，本机保存的草稿也没有改动。"
            ));
            self.status = format!("「{name}」无法检查。");
            return;
        }
        // Text files become editable text; of other files the extracted text is shown
        // (locations refer to it) and the bytes are checked.
        if entry.result["input_format"] == "text" {
            entry.bytes = None;
        }
        let text = entry.result["text"].as_str().unwrap_or_default().to_owned();
        self.push_undo(what);
        self.replace_text(text, &name, entry.bytes.clone());
        self.batch.clear();
        self.save_batch();
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

    pub(super) fn pasted_html(&mut self, html: String, plain: String) {
        let readable = source::read(html.as_bytes()).is_ok();
        if readable {
            self.take_bytes(PASTED_HTML.into(), html.into_bytes(), "粘贴");
        } else {
            // The clipboard's HTML could not be read: its text is checked instead.
            self.push_undo("粘贴");
            self.replace_text(plain, TYPED, None);
            self.batch.clear();
            self.save_batch();
            self.set_view(View::Main);
            self.save_draft();
            self.check_main();
            self.notice = Some("粘贴的网页内容无法按网页格式读取，已改为按纯文本检查。".into());
        }
    }

    pub(super) fn set_previous_text(&mut self, text: String, name: Option<String>) {
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

    pub(super) fn previous_file(&mut self, f: FileIn) {
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
                self.set_previous_text(newlines(doc.text), Some(name.clone()));
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

    pub(super) fn show_entry(&mut self, i: usize, user: bool) {
        let Some(e) = self.batch.get(i).cloned() else {
            return;
        };
        if user && matches!(self.view, View::Main) && !self.text.is_empty() {
            self.push_undo(&format!("打开「{}」", e.name));
        }
        let text = e.result["text"].as_str().unwrap_or_default().to_owned();
        if e.bytes.is_some() {
            self.replace_text(text, &e.name, e.bytes.clone());
        }
        self.set_view(View::Entry(i));
        self.redraw();
        self.update_previous_status();
        if user {
            self.focus = Some(Focus::Results);
            self.status = format!("正在查看「{}」。{}", e.name, self.undo_hint());
        }
    }

    pub(super) fn dismiss(&mut self, idx: usize, reason: Option<String>) {
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
}
