//! The page's behaviour without a browser: storage is a map shared between "reloads".

use super::*;
use std::cell::RefCell;
use std::collections::HashMap;

const SAMPLE: &str = include_str!("../../www/sample/sample.txt");

type Store = Rc<RefCell<HashMap<String, String>>>;

struct MemHost {
    store: Store,
    /// Refuse writes (a full or disabled storage).
    full: bool,
}

impl Host for MemHost {
    fn load(&self, key: &str) -> Option<String> {
        self.store.borrow().get(key).cloned()
    }
    fn save(&mut self, key: &str, value: &str) -> bool {
        if self.full {
            return false;
        }
        self.store.borrow_mut().insert(key.into(), value.into());
        true
    }
    fn remove(&mut self, key: &str) {
        self.store.borrow_mut().remove(key);
    }
    fn clock(&self) -> String {
        "2026-12-06 17:45:03".into()
    }
    fn now_ms(&self) -> f64 {
        0.0
    }
}

fn session(store: &Store) -> Session {
    Session::start(
        Box::new(MemHost {
            store: store.clone(),
            full: false,
        }),
        String::new(),
        String::new(),
        false,
        None,
    )
}

fn stored(store: &Store, key: &str) -> Option<String> {
    store.borrow().get(key).cloned()
}

const CLEAN: &str = include_str!("../../www/sample/clean.txt");

/// The clean sample as another agency's or year's report; `carry` is what its 「结转下年度继续办理」
/// row says for 自然人 and in total (the clean report says 1).
fn report(agency: &str, year: i32, carry: u32) -> String {
    let t = CLEAN
        .replace("青山县石桥镇", agency)
        .replace("2024", &year.to_string());
    let row = "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1";
    assert!(t.contains(row));
    t.replace(
        row,
        &format!("四、结转下年度继续办理\t\t{carry}\t0\t0\t0\t0\t0\t{carry}"),
    )
}

fn file(name: &str, text: &str) -> FileIn {
    FileIn {
        name: name.into(),
        content: FileContent::Bytes(text.as_bytes().to_vec()),
    }
}

fn codes(e: &Entry) -> Vec<&str> {
    e.outcome
        .as_ref()
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

fn edit(s: &mut Session, text: &str) {
    s.update(Msg::Edited {
        text: text.into(),
        immediate: false,
    });
}

#[test]
fn typing_is_saved_at_once_and_checked_after_a_pause() {
    let store = Store::default();
    let mut s = session(&store);
    let before = s.last_check().1;
    edit(&mut s, "青山县石桥镇2024年政府信息公开工作年度报告");
    // Saved before any check ran: a reload right now loses nothing.
    assert_eq!(
        stored(&store, KEY_DRAFT).as_deref(),
        Some("青山县石桥镇2024年政府信息公开工作年度报告")
    );
    assert_eq!(s.last_check().1, before, "not checked yet");
    assert_eq!(s.take_schedule(), Some(200));
    s.update(Msg::CheckDue);
    assert_eq!(s.last_check().1, before + 1);
    assert!(
        s.status().starts_with("已检查「粘贴的文本」"),
        "{}",
        s.status()
    );
    // A paste is checked at once.
    s.update(Msg::Edited {
        text: CLEAN.into(),
        immediate: true,
    });
    assert_eq!(s.last_check().1, before + 2);
    assert_eq!(s.take_schedule(), None);
    // Leaving the page keeps the very last keystroke.
    s.update(Msg::Leaving {
        text: format!("{CLEAN}x"),
    });
    assert_eq!(stored(&store, KEY_DRAFT), Some(format!("{CLEAN}x")));
    assert_eq!(session(&store).text().0, format!("{CLEAN}x"));
}

#[test]
fn sample_over_a_draft_can_be_undone_even_after_a_reload() {
    let store = Store::default();
    let mut s = session(&store);
    edit(&mut s, "我的草稿\r\n第二行");
    s.update(Msg::Sample);
    assert_eq!(s.text().0, SAMPLE);
    assert!(s.can_undo());
    assert_eq!(s.undo_label().as_deref(), Some("撤销示例"));
    // Reload: the sample is the draft, and the undo still brings the typed draft back.
    let mut s = session(&store);
    assert_eq!(s.text().0, SAMPLE);
    assert!(s.can_undo());
    s.update(Msg::Undo);
    assert_eq!(s.text().0, "我的草稿\n第二行");
    assert_eq!(
        stored(&store, KEY_DRAFT).as_deref(),
        Some("我的草稿\n第二行")
    );
    assert!(!s.can_undo());
    assert!(s.status().starts_with("已撤销「示例」"));
}

#[test]
fn every_replacing_action_is_undone_exactly() {
    let store = Store::default();
    let mut s = session(&store);
    let draft = report("白水县河口镇", 2024, 1);
    edit(&mut s, &draft);
    s.update(Msg::PreviousEdited(report("白水县河口镇", 2023, 1)));
    // Opening a file.
    s.update(Msg::Files(vec![file("甲.txt", SAMPLE)]));
    assert_eq!(s.text().0, SAMPLE);
    s.update(Msg::Undo);
    assert_eq!(s.text().0, draft);
    // A batch.
    s.update(Msg::Files(vec![
        file("甲.txt", SAMPLE),
        file("乙.txt", CLEAN),
    ]));
    assert_eq!(s.text().0, "");
    assert!(s.showing_batch());
    s.update(Msg::Undo);
    assert_eq!(s.text().0, draft);
    // 清空, which also empties last year's box.
    s.update(Msg::Clear);
    assert_eq!((s.text().0, s.previous_text().0), ("", ""));
    assert_eq!(s.take_focus(), Some(Focus::Input));
    s.update(Msg::Undo);
    assert_eq!(s.text().0, draft);
    assert_eq!(s.previous_text().0, report("白水县河口镇", 2023, 1));
    assert_eq!(
        stored(&store, KEY_PREVIOUS),
        Some(report("白水县河口镇", 2023, 1))
    );
    // Pasted HTML over the whole text.
    s.update(Msg::PastedHtml {
        html: "<html><body><p>青山县石桥镇2024年政府信息公开工作年度报告</p></body></html>".into(),
        plain: "x".into(),
    });
    assert_ne!(s.text().0, draft);
    s.update(Msg::Undo);
    assert_eq!(s.text().0, draft);
}

#[test]
fn an_unreadable_file_keeps_the_text_and_the_draft() {
    let store = Store::default();
    let mut s = session(&store);
    edit(&mut s, CLEAN);
    s.update(Msg::CheckDue);
    let rev = s.text().1;
    for (name, bytes) in [
        (
            "报告.pdf",
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        ),
        ("损坏.docx", b"PK\x03\x04 not a real docx".to_vec()),
        ("空.txt", Vec::new()),
    ] {
        s.update(Msg::Files(vec![FileIn {
            name: name.into(),
            content: FileContent::Bytes(bytes),
        }]));
        assert_eq!((s.text().0, s.text().1), (CLEAN, rev), "{name}");
        assert_eq!(stored(&store, KEY_DRAFT).as_deref(), Some(CLEAN), "{name}");
        assert_eq!(
            stored(&store, KEY_DRAFT_NAME).as_deref(),
            Some(TYPED),
            "{name}"
        );
        // The results are the new file's explanation, under its own name.
        let c = s.current().expect("shown");
        assert_eq!(c.name, name);
        assert!(
            matches!(codes(c).as_slice(), ["P001"] | ["P004"]),
            "{name}: {:?}",
            codes(c)
        );
        assert!(s.notice().unwrap().contains("没有被替换"), "{name}");
        assert!(!s.can_undo(), "nothing was replaced");
        // Editing goes back to the text, under its own name.
        edit(&mut s, &format!("{CLEAN}\n"));
        s.update(Msg::CheckDue);
        assert_eq!(s.current().unwrap().name, TYPED);
        s.update(Msg::Edited {
            text: CLEAN.into(),
            immediate: true,
        });
    }
}

#[test]
fn a_docx_is_still_a_docx_after_a_reload() {
    use std::io::Write;
    let mut body = String::new();
    for line in CLEAN.lines() {
        let runs: Vec<String> = line
            .split('\t')
            .map(|c| format!("<w:r><w:t xml:space=\"preserve\">{c}</w:t></w:r>"))
            .collect();
        body.push_str(&format!("<w:p>{}</w:p>", runs.join("<w:r><w:tab/></w:r>")));
    }
    let doc = format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    w.write_all(doc.as_bytes()).unwrap();
    let docx = w.finish().unwrap().into_inner();

    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![FileIn {
        name: "报告.docx".into(),
        content: FileContent::Bytes(docx),
    }]));
    let format = |s: &Session| s.current().unwrap().result["input_format"].clone();
    assert_eq!(format(&s), "docx");
    let s = session(&store);
    assert_eq!(format(&s), "docx");
    assert_eq!(s.current().unwrap().name, "报告.docx");
}

#[test]
fn a_batch_says_what_it_does_and_survives_a_reload() {
    assert_eq!(
        Session::reading_status(1, 2, "甲.txt"),
        "正在读取第 1 / 2 份文件：甲.txt"
    );
    assert_eq!(Session::checking_status(2), "已读取 2 份文件，正在检查…");
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![
        file("甲.txt", SAMPLE),
        file("乙.txt", CLEAN),
    ]));
    assert!(
        s.status().starts_with("已检查 2 份报告，其中 1 份有错误。"),
        "{}",
        s.status()
    );
    assert!(s.results().0.contains("总览：2 份报告，1 份有错误"));
    s.update(Msg::ShowEntry(1));
    assert_eq!(s.text().0, CLEAN);
    assert_eq!(s.current().unwrap().name, "乙.txt");
    // Reload: the batch is back, with the report that was open.
    let mut s = session(&store);
    assert_eq!(s.current().unwrap().name, "乙.txt");
    s.update(Msg::ShowBatch);
    let s = session(&store);
    assert!(s.showing_batch());
    assert!(s.results().0.contains("data-entry=\"1\""));
}

#[test]
fn a_batch_pairs_each_report_with_its_own_previous_year() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![
        file("甲2024.txt", &report("青山县石桥镇", 2024, 1)),
        file("乙2024.txt", &report("白水县河口镇", 2024, 1)),
        // 甲's last year carried 3 over; this year's 上年结转 says 1: X001.
        file("甲2023.txt", &report("青山县石桥镇", 2023, 3)),
    ]));
    let b = &s.batch;
    assert_eq!(b[0].compared_with.as_deref(), Some("甲2023.txt"));
    assert!(codes(&b[0]).contains(&"X001"), "{:?}", codes(&b[0]));
    assert_eq!(b[1].compared_with, None);
    assert!(
        !codes(&b[1]).iter().any(|c| c.starts_with('X')),
        "{:?}",
        codes(&b[1])
    );
    assert_eq!(b[2].compared_with, None);
    assert!(s.status().contains("1 份已与同一机关的上一年度报告对照"));
    // Last year's box applies to the report it matches only.
    s.update(Msg::PreviousEdited(report("白水县河口镇", 2023, 3)));
    s.update(Msg::CheckDue);
    assert_eq!(s.batch[1].compared_with.as_deref(), Some("上一年度报告"));
    assert!(codes(&s.batch[1]).contains(&"X001"));
    assert_eq!(s.batch[0].compared_with.as_deref(), Some("甲2023.txt"));
}

#[test]
fn last_years_box_applies_only_to_the_report_it_matches() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::PreviousEdited(report("青山县石桥镇", 2023, 3)));
    edit(&mut s, &report("白水县河口镇", 2024, 1));
    s.update(Msg::CheckDue);
    let c = s.current().unwrap();
    assert_eq!(c.compared_with, None);
    assert!(
        !codes(c).iter().any(|c| c.starts_with('X')),
        "{:?}",
        codes(c)
    );
    assert!(
        s.previous_status().contains("不是同一机关的上一年度"),
        "{}",
        s.previous_status()
    );
    assert!(s.status().contains("未对照"));
    edit(&mut s, &report("青山县石桥镇", 2024, 1));
    s.update(Msg::CheckDue);
    let c = s.current().unwrap();
    assert_eq!(c.compared_with.as_deref(), Some("上一年度报告"));
    assert!(codes(c).contains(&"X001"));
    assert!(s.previous_status().contains("已用于跨年度检查"));
    // A year too far back is not last year's either.
    s.update(Msg::PreviousEdited(report("青山县石桥镇", 2022, 3)));
    s.update(Msg::CheckDue);
    assert_eq!(s.current().unwrap().compared_with, None);
}

fn idx_of(s: &Session, code: &str) -> usize {
    s.current()
        .unwrap()
        .outcome
        .as_ref()
        .unwrap()
        .diagnostics
        .iter()
        .position(|d| d.code == code)
        .unwrap()
}

#[test]
fn a_dismissal_belongs_to_one_file() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![file("甲.txt", SAMPLE)]));
    let i = idx_of(&s, "S003");
    s.update(Msg::Dismiss {
        idx: i,
        reason: "标题已按上级要求使用".into(),
    });
    assert_eq!(s.take_focus(), Some(Focus::Problem(i)));
    assert!(s.results().0.contains("忽略原因：标题已按上级要求使用"));
    // Survives a reload of the same file.
    let mut s = session(&store);
    assert!(s.results().0.contains("忽略原因：标题已按上级要求使用"));
    // The same text under another file name: not dismissed.
    s.update(Msg::Files(vec![file("乙.txt", SAMPLE)]));
    assert!(!s.results().0.contains("忽略原因"));
    // Restoring it in 甲 removes it.
    s.update(Msg::Files(vec![file("甲.txt", SAMPLE)]));
    s.update(Msg::Restore { idx: i });
    assert!(!s.results().0.contains("忽略原因"));
}

#[test]
fn unreadable_input_cannot_be_dismissed() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![file("空.txt", "")]));
    assert_eq!(codes(s.current().unwrap()), ["P001"]);
    s.update(Msg::Dismiss {
        idx: 0,
        reason: "x".into(),
    });
    assert!(!s.results().0.contains("忽略原因"));
    assert_eq!(stored(&store, KEY_DISMISSED), None);
}

#[test]
fn the_overview_sorts_and_filters() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![
        file("乙.txt", CLEAN),
        file("甲.txt", SAMPLE),
    ]));
    let pos = |s: &Session, needle: &str| s.results().0.find(needle).unwrap();
    assert!(pos(&s, "data-entry=\"0\"") < pos(&s, "data-entry=\"1\""));
    s.update(Msg::Sort(Column::Errors));
    assert!(s.results().0.contains("aria-sort=\"descending\""));
    assert!(pos(&s, "data-entry=\"1\"") < pos(&s, "data-entry=\"0\""));
    s.update(Msg::Sort(Column::Errors));
    assert!(pos(&s, "data-entry=\"0\"") < pos(&s, "data-entry=\"1\""));
    s.update(Msg::OnlyErrors(true));
    assert!(!s.results().0.contains("data-entry=\"0\""));
    assert!(s.results().0.contains("data-entry=\"1\""));
    // The overview CSV has both reports, whatever is filtered.
    let d = s.export(Export::Overview).unwrap();
    assert!(d
        .name
        .starts_with("年报校验总览（2 份）（2026-12-06 1745 检查，nianbao "));
    assert_eq!(d.data.lines().count(), 3);
    assert!(d
        .data
        .starts_with("\u{FEFF}文件,机关,年度,格式,错误,警告,提示,主要问题\r\n"));
}

#[test]
fn exports_carry_the_check_time_and_version() {
    let store = Store::default();
    let mut s = session(&store);
    assert_eq!(s.export(Export::Json), None);
    assert!(!s.exports_enabled());
    s.update(Msg::Sample);
    assert!(s.exports_enabled());
    let j = s.export(Export::Json).unwrap();
    let doc: Json = serde_json::from_str(&j.data).unwrap();
    assert_eq!(doc["checked_at"], "2026-12-06 17:45:03");
    assert_eq!(doc["tool"]["version"], crate::VERSION);
    let suffix = format!("（2026-12-06 1745 检查，nianbao {}）", crate::VERSION);
    assert_eq!(
        j.name,
        format!("示例：青山县石桥镇2024年度报告{suffix}.json")
    );
    let h = s.export(Export::Html).unwrap();
    assert!(h.data.contains("检查时间 2026-12-06 17:45:03"));
    assert!(s
        .export(Export::Csv)
        .unwrap()
        .name
        .ends_with(&format!("{suffix}.csv")));
    // The results on the page (and so their print) carry them too.
    assert!(s.results().0.contains(&format!(
        "检查时间 2026-12-06 17:45:03 · nianbao {}",
        crate::VERSION
    )));
    let summary = s.summary().unwrap();
    assert!(
        summary.starts_with("年报校验：青山县石桥镇 2024 年度"),
        "{summary}"
    );
    assert!(summary.contains("T303"));
}

#[test]
fn the_caret_goes_to_the_problems_line() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Sample);
    let i = idx_of(&s, "T303");
    let line = s.current().unwrap().outcome.as_ref().unwrap().diagnostics[i]
        .location
        .line
        .unwrap();
    let (start, end) = s.caret_for(i).unwrap();
    let text: Vec<u16> = SAMPLE.encode_utf16().collect();
    let want: String = SAMPLE.split('\n').nth(line as usize - 1).unwrap().into();
    assert_eq!(
        String::from_utf16(&text[start as usize..end as usize]).unwrap(),
        want
    );
    assert!(want.contains("部分公开"), "{want}");
}

#[test]
fn after_a_panic_nothing_is_checked_until_the_text_changes() {
    let store = Store::default();
    let mut s = Session::start(
        Box::new(MemHost {
            store: store.clone(),
            full: false,
        }),
        SAMPLE.into(),
        String::new(),
        true,
        Some("boom"),
    );
    assert_eq!(s.results().0, EMPTY_STATE);
    assert!(s.notice().unwrap().contains("boom"));
    s.update(Msg::CheckDue);
    assert_eq!(s.last_check().1, 0);
    edit(&mut s, SAMPLE);
    s.update(Msg::CheckDue);
    assert_eq!(s.last_check().1, 1);
}

#[test]
fn a_full_storage_is_said() {
    let store = Store::default();
    let mut s = Session::start(
        Box::new(MemHost {
            store: store.clone(),
            full: true,
        }),
        String::new(),
        String::new(),
        false,
        None,
    );
    s.update(Msg::Sample);
    let i = idx_of(&s, "S003");
    s.update(Msg::Dismiss {
        idx: i,
        reason: "x".into(),
    });
    assert!(s.notice().unwrap().contains("未能保存"));
}

#[test]
fn a_refused_file_of_a_batch_says_the_same_after_a_reload() {
    let store = Store::default();
    let mut s = session(&store);
    s.update(Msg::Files(vec![
        file("甲.txt", CLEAN),
        FileIn {
            name: "巨大.txt".into(),
            content: FileContent::TooLarge(62_914_560),
        },
    ]));
    let message = |s: &Session| {
        s.batch[1].outcome.as_ref().unwrap().diagnostics[0]
            .message
            .clone()
    };
    assert!(message(&s).contains("60.0 MB"), "{}", message(&s));
    let s = session(&store);
    assert!(message(&s).contains("60.0 MB"), "{}", message(&s));
}

#[test]
fn a_big_text_is_shown_in_part_read_only_and_checked_in_full() {
    let store = Store::default();
    let mut s = session(&store);
    // Copies of the sample past BIG_TEXT: the last copy's problems are far beyond what is shown.
    let big = SAMPLE.repeat(BIG_TEXT / SAMPLE.len() + 2);
    let (_, rev0, _) = s.editor();
    s.update(Msg::Edited {
        text: big.clone(),
        immediate: true,
    });
    let (shown, rev, read_only) = s.editor();
    assert!(read_only);
    assert_ne!(rev, rev0, "the text area must be drawn again");
    assert!(shown.len() < BIG_TEXT_SHOWN + 300);
    let head = shown.split("……\n").next().unwrap();
    assert!(big.starts_with(head) && head.ends_with('\n'));
    assert!(shown.contains("只显示开头部分"));
    let lines = big.lines().count() as u64;
    let last = s.main.as_ref().unwrap().result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.pointer("/location/line")?.as_u64())
        .max()
        .unwrap();
    // The whole text was read, and problems are found beyond what the text area shows.
    let read = s.main.as_ref().unwrap().result["text"].as_str().unwrap();
    assert_eq!(read.lines().count() as u64, lines);
    assert!(last > head.lines().count() as u64 * 2, "line {last}");
    // Leaving the page with only the start in the text area keeps the whole text.
    s.update(Msg::Leaving {
        text: shown.into_owned(),
    });
    assert_eq!(s.text().0, big);
    // A text back under the limit is editable again.
    s.update(Msg::Clear);
    assert!(!s.editor().2);
}

/// Runs the job the session handed out as the worker would: its reply and the text apart.
fn run_job(j: &job::Job) -> (String, Option<String>) {
    let input = match &j.input {
        job::JobInput::Text(t) => job::Input::Text(t),
        job::JobInput::Bytes(b) => job::Input::Bytes(b),
    };
    job::run(
        j.id,
        &j.name,
        &input,
        j.previous.as_ref().map(|(b, id)| (&b[..], id)),
    )
}

/// The message the page gives the session for the worker's reply to `j`.
fn reply(j: &job::Job) -> Msg {
    let (reply, text) = run_job(j);
    Msg::Checked {
        reply: job::parse(&reply).expect("a reply"),
        text,
    }
}

#[test]
fn a_big_input_is_checked_in_the_worker_and_drawn_when_its_reply_comes() {
    let store = Store::default();
    let mut s = session(&store);
    s.set_worker(true);
    // Small inputs are checked at once.
    s.update(Msg::Edited {
        text: SAMPLE.into(),
        immediate: true,
    });
    assert!(s.take_job().is_none() && s.main.is_some());
    let big = SAMPLE.repeat(job::WORKER_MIN / SAMPLE.len() + 1);
    s.update(Msg::Edited {
        text: big.clone(),
        immediate: true,
    });
    let j = s.take_job().expect("a job for the worker");
    assert!(s.checking());
    assert!(s.status().starts_with("正在检查「粘贴的文本」"));
    // Until the reply comes, the last results stay.
    assert_eq!(s.main.as_ref().unwrap().result["text"], SAMPLE);
    // The text read is the input's: it does not travel back; the session puts its own in.
    assert_eq!(run_job(&j).1, None);
    s.update(reply(&j));
    assert!(!s.checking());
    let m = s.main.as_ref().unwrap();
    assert_eq!(m.result["text"], big.as_str());
    let here = checking::Input::Text(&big).check(None);
    let codes: Vec<&str> = m.result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        here.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    assert!(m.outcome.is_none());
    assert!(s.status().starts_with("已检查「粘贴的文本」"));
    assert!(s.results().0.contains("nb-problem"));
    // An export needs what the engine returned: checked again here, the same.
    let csv = s.export(Export::Csv).unwrap().data;
    assert_eq!(csv.lines().count(), here.diagnostics.len() + 1);
}

#[test]
fn a_reply_to_a_superseded_check_is_never_drawn() {
    let store = Store::default();
    let mut s = session(&store);
    s.set_worker(true);
    let first = CLEAN.repeat(job::WORKER_MIN / CLEAN.len() + 1);
    let second = SAMPLE.repeat(job::WORKER_MIN / SAMPLE.len() + 1);
    s.update(Msg::Edited {
        text: first,
        immediate: true,
    });
    let j1 = s.take_job().unwrap();
    // Typing makes the running check stale at once, before its own check is due.
    s.update(Msg::Edited {
        text: second.clone(),
        immediate: false,
    });
    assert!(!s.checking());
    s.update(reply(&j1));
    assert!(s.main.is_none(), "a stale reply was drawn");
    s.update(Msg::CheckDue);
    let j2 = s.take_job().unwrap();
    assert_ne!(j1.id, j2.id);
    s.update(reply(&j1));
    assert!(s.main.is_none() && s.checking());
    // A failed job of the past changes nothing; the awaited one's failure checks here.
    s.update(Msg::CheckFailed(j1.id));
    assert!(s.checking());
    s.update(Msg::CheckFailed(j2.id));
    assert!(!s.checking());
    assert_eq!(s.main.as_ref().unwrap().result["text"], second);
    assert!(s.main.as_ref().unwrap().outcome.is_some());
}

#[test]
fn a_big_paste_being_read_wins_over_a_file_still_checked() {
    let store = Store::default();
    let mut s = session(&store);
    s.set_worker(true);
    let big = SAMPLE.repeat(job::WORKER_MIN / SAMPLE.len() + 1);
    s.update(Msg::Files(vec![file("大.txt", &big)]));
    let j = s.take_job().expect("a job for the worker");
    // The paste arrives while the file is checked; its text is read in steps meanwhile.
    s.update(Msg::Reading);
    assert!(!s.checking());
    assert_eq!(s.status(), Session::READING_PASTE);
    s.update(reply(&j));
    assert!(
        s.main.is_none(),
        "the file's reply was drawn over the paste"
    );
    assert_eq!(s.status(), Session::READING_PASTE);
    assert_eq!(
        s.text().0,
        "",
        "the file's text replaced the paste being read"
    );
    let pasted = CLEAN.repeat(job::WORKER_MIN / CLEAN.len() + 1);
    s.update(Msg::Edited {
        text: pasted.clone(),
        immediate: true,
    });
    let j2 = s.take_job().expect("the paste's job");
    s.update(reply(&j2));
    assert_eq!(s.text().0, pasted);
    assert_eq!(s.main.as_ref().unwrap().name, "粘贴的文本");
}

#[test]
fn a_big_file_is_checked_in_the_worker_then_shown_like_any_file() {
    let store = Store::default();
    let mut s = session(&store);
    s.set_worker(true);
    edit(&mut s, "草稿");
    let big = SAMPLE.repeat(job::WORKER_MIN / SAMPLE.len() + 1);
    s.update(Msg::Files(vec![file("大.txt", &big)]));
    let j = s.take_job().expect("a job for the worker");
    assert_eq!(s.text().0, "草稿", "nothing replaced before the reply");
    // The text read from a file comes back apart from the reply.
    let (r, text) = run_job(&j);
    assert_eq!(text.as_deref(), Some(big.as_str()));
    assert!(r.len() < big.len() / 2, "the text is not inside the reply");
    s.update(reply(&j));
    assert_eq!(s.text().0, big);
    let m = s.main.as_ref().unwrap();
    assert_eq!(m.name, "大.txt");
    assert!(m.bytes.is_none(), "a text file becomes editable text");
    assert!(s.status().starts_with("已检查「大.txt」"));
    s.update(Msg::Undo);
    assert_eq!(s.text().0, "草稿");
}

#[test]
fn a_long_texts_chunks_are_drawn_once_each() {
    let store = Store::default();
    let mut s = session(&store);
    // Past one chunk of 400 lines (the sample has 70).
    let text = [SAMPLE; 7].join("\n");
    s.update(Msg::Edited {
        text: text.clone(),
        immediate: true,
    });
    let (html, _) = s.results();
    assert!(html.contains(" id=\"Lc0\"") && !html.contains(" id=\"L1\""));
    let first = s.draw_chunk(0).expect("the first chunk");
    assert!(first.contains(" id=\"L1\""));
    assert_eq!(s.draw_chunk(0), None, "drawn already");
    assert_eq!(s.draw_chunk(99), None, "no such chunk");
    // Another result: the sample is one chunk, drawn with it; nothing is left to draw.
    s.update(Msg::Edited {
        text: SAMPLE.into(),
        immediate: true,
    });
    let (html, _) = s.results();
    assert!(
        html.contains(" id=\"L1\""),
        "one chunk: drawn with the result"
    );
    assert_eq!(s.draw_chunk(0), None);
}

#[test]
fn a_batch_sent_in_parts_is_the_batch_sent_at_once() {
    // Two reports of one agency, a year apart (paired: the later one is compared with the
    // other), and one that cannot be read.
    let files = || {
        vec![
            file("2024.txt", &report("白水县河口镇", 2024, 1)),
            file("2023.txt", &report("白水县河口镇", 2023, 3)),
            FileIn {
                name: "坏.txt".into(),
                content: FileContent::Unreadable("权限不足".into()),
            },
        ]
    };
    let store = Store::default();
    let mut at_once = session(&store);
    at_once.update(Msg::Files(files()));
    let (whole, _) = at_once.results();
    let whole = whole.to_owned();
    assert!(at_once.showing_batch());
    assert!(whole.contains("X001"), "the two years are compared");

    let store = Store::default();
    let mut s = session(&store);
    // A file of an older batch, then batch 2 a file at a time: only batch 2 is shown.
    s.update(Msg::FilesPart {
        id: 1,
        file: file("旧.txt", SAMPLE),
    });
    for f in files() {
        assert!(!s.showing_batch(), "nothing shown before the last part");
        s.update(Msg::FilesPart { id: 2, file: f });
    }
    s.update(Msg::FilesDone { id: 1 });
    assert!(!s.showing_batch(), "a stale batch is not shown");
    s.update(Msg::FilesDone { id: 2 });
    assert!(s.showing_batch());
    assert_eq!(s.results().0, whole);
    assert!(!whole.contains("旧.txt"));
    // Undone as one action, like a batch sent at once.
    s.update(Msg::Undo);
    at_once.update(Msg::Undo);
    assert_eq!(s.showing_batch(), at_once.showing_batch());
    assert_eq!(s.results().0, at_once.results().0);
    assert_eq!(s.undo_label(), at_once.undo_label());
}
