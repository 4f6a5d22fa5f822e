//! The whole pipeline for one input: read, recognise, judge.

use crate::diagnostic::{self, Diagnostic};
use crate::report::{self, Report};
use crate::rules::{self, Context};
use crate::source::{self, Document, InputFormat, ReadError};

/// What the user asked for besides the input.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Last year's report of the same agency, as bytes (enables the X rules).
    pub previous: Option<Vec<u8>>,
    /// Rule codes to drop.
    pub ignore: Vec<String>,
}

/// The result of checking one input.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// What was read (None when the input could not be read).
    pub input_format: Option<InputFormat>,
    pub document: Option<Document>,
    pub report: Option<Report>,
    /// Sorted by location, then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks one input given as bytes (any supported kind and encoding).
pub fn check(bytes: &[u8], options: &Options) -> Outcome {
    finish(source::read(bytes), options)
}

/// Checks text that is already decoded (pasted text).
pub fn check_str(text: &str, options: &Options) -> Outcome {
    finish(source::read_str(text), options)
}

/// Why an input could not be read, as a diagnostic.
pub fn read_error(e: &ReadError) -> Diagnostic {
    match e {
        // A reader that stops at the cap + 1 byte does not know the real size.
        ReadError::TooLarge(n) if *n <= source::MAX_INPUT_BYTES + 1 => {
            rules::unreadable("P001", "文件过大，超过 50 MB 的上限，未检查".into())
        }
        ReadError::TooLarge(n) => rules::unreadable(
            "P001",
            format!(
                "文件过大（{} MB），超过 50 MB 的上限，未检查",
                crate::decimal::fixed(*n as f64 / 1048576.0, 1)
            ),
        ),
        ReadError::Empty => rules::unreadable("P001", "内容为空，没有可检查的文字".into()),
        ReadError::Undecodable(why) | ReadError::Unsupported(why) => {
            rules::unreadable("P001", format!("无法读取：{why}"))
        }
        ReadError::NeedsReader(kind) => rules::unreadable(
            "P001",
            format!(
                "读取{}文件需要读取模块，尚未加载：网页会自动加载它；通过 JavaScript 接口检查时，请先调用 loadReaders()（见 README）",
                match kind {
                    InputFormat::Pdf => " PDF ",
                    InputFormat::Rtf => " RTF ",
                    InputFormat::Docx => " Word（.docx）",
                    InputFormat::WordXml => " Word 2003 XML ",
                    _ => " Word 97–2003（.doc、.wps）",
                }
            ),
        ),
        ReadError::NoTextLayer(what) => rules::unreadable(
            "P004",
            format!(
                "{what}，没有文字层，无法检查；请提供报告的文本、Word（.docx）或网页（.html）版本"
            ),
        ),
    }
}

fn finish(read: Result<Document, ReadError>, options: &Options) -> Outcome {
    let doc = match read {
        Ok(doc) => doc,
        Err(e) => {
            return Outcome {
                input_format: None,
                document: None,
                report: None,
                diagnostics: vec![read_error(&e)],
            }
        }
    };
    let report = report::recognise(&doc);
    // What the reader could not read in full: P001 as a warning (the rest was checked).
    let mut extra: Vec<Diagnostic> = doc
        .notes
        .iter()
        .map(|note| {
            let mut d = rules::unreadable("P001", format!("未能完整读取：{note}"));
            d.severity = crate::diagnostic::Severity::Warning;
            d
        })
        .collect();
    let previous = options
        .previous
        .as_deref()
        .and_then(|bytes| match source::read(bytes) {
            Ok(d) => Some(report::recognise(&d)),
            Err(e) => {
                let mut d = read_error(&e);
                let why = d.message.trim_end_matches('。');
                d.message = format!("上一年报告{why}；跨年度检查（X 规则）未进行");
                extra.push(d);
                None
            }
        });
    let ctx = Context {
        report: &report,
        previous: previous.as_ref(),
    };
    let mut diagnostics = rules::run(&ctx);
    diagnostics.append(&mut extra);
    diagnostics.retain(|d| {
        !options
            .ignore
            .iter()
            .any(|c| c.eq_ignore_ascii_case(d.code))
    });
    // An ignored T300 leaves no fix to group under.
    let fixes: Vec<u32> = diagnostics
        .iter()
        .filter(|d| d.code == "T300")
        .filter_map(|d| d.fix)
        .collect();
    for d in &mut diagnostics {
        if d.fix.is_some_and(|f| !fixes.contains(&f)) {
            d.fix = None;
        }
    }
    if !doc.pages.is_empty() {
        for d in &mut diagnostics {
            d.location.page = d.location.line.and_then(|l| doc.page_of(l));
        }
    }
    diagnostic::sort(&mut diagnostics);
    Outcome {
        input_format: Some(doc.format),
        document: Some(doc),
        report: Some(report),
        diagnostics,
    }
}
