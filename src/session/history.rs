//! What is kept in storage (the draft, the batch) and the undo history of replacing actions.

use super::*;

impl Session {
    pub(super) fn draft_fits(&self) -> bool {
        // A character is 1–3 bytes of UTF-8 and 1–2 units of UTF-16: most texts are decided by
        // their length alone (a big one is not counted, character by character).
        let n = self.text.len();
        n <= MAX_STORED_CHARS
            || (n <= 3 * MAX_STORED_CHARS && self.text.encode_utf16().count() <= MAX_STORED_CHARS)
    }

    /// Keeps the text area's content (and the file it came from) in storage.
    pub(super) fn save_draft(&mut self) -> bool {
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

    pub(super) fn save_batch(&mut self) -> bool {
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

    pub(super) fn snapshot(&self, what: &str) -> Snapshot {
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
    pub(super) fn push_undo(&mut self, what: &str) {
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
    pub(super) fn save_undo(&mut self) {
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

    pub(super) fn undo_hint(&self) -> &'static str {
        if self.can_undo() {
            "点「撤销」可恢复原来的内容。"
        } else {
            ""
        }
    }

    pub(super) fn undo(&mut self) {
        let Some(snap) = self.undo.pop() else { return };
        self.save_undo();
        let bytes = snap.bytes.as_deref().and_then(unbase64).map(Rc::new);
        self.replace_text(snap.text, &snap.name, bytes);
        self.set_previous_text(snap.previous, None);
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
}
