//! What the page keeps in the browser's storage, as strings: the draft (with a file's bytes, so
//! that a reloaded .docx is still checked as .docx), a batch, the undo history. Bytes travel as
//! base64 (crate::base64).

use serde_json::{json, Value as Json};

pub const KEY_DRAFT: &str = "nianbao.draft";
pub const KEY_DRAFT_NAME: &str = "nianbao.draft.name";
/// The bytes of the file the draft was read from, when its text was extracted (.docx, .html).
pub const KEY_DRAFT_BYTES: &str = "nianbao.draft.bytes";
pub const KEY_PREVIOUS: &str = "nianbao.previous";
pub const KEY_PREVIOUS_NAME: &str = "nianbao.previous.name";
pub const KEY_BATCH: &str = "nianbao.batch";
/// Which report of the batch was open ("batch" or the index).
pub const KEY_VIEW: &str = "nianbao.view";
pub const KEY_UNDO: &str = "nianbao.undo";
pub const KEY_DISMISSED: &str = "nianbao.dismissed.v2";
/// Dismissals keyed without the file (before dismissals belonged to one file): dropped.
pub const KEY_DISMISSED_OLD: &str = "nianbao.dismissed";

/// Browsers keep about 5 MB per page (2.5 million UTF-16 characters); more is not attempted.
pub const MAX_STORED_CHARS: usize = 2_400_000;

/// One file as stored: its name and bytes, or the size that made it too large to read.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredFile {
    pub name: String,
    pub data: Option<String>,
    pub too_large: Option<usize>,
    /// Why the browser could not read it.
    pub unreadable: Option<String>,
}

/// What a replacing action replaced, so that 「撤销」 brings it back exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// What replaced it (「示例」, 「打开文件」…), for the status line.
    pub what: String,
    pub text: String,
    pub name: String,
    /// Base64 of the file the text was extracted from.
    pub bytes: Option<String>,
    pub previous: String,
    pub batch: Vec<StoredFile>,
}

impl Snapshot {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.previous.is_empty() && self.batch.is_empty()
    }

    /// Characters it takes in storage (roughly: its JSON).
    pub fn size(&self) -> usize {
        self.text.len()
            + self.previous.len()
            + self.bytes.as_ref().map_or(0, String::len)
            + self
                .batch
                .iter()
                .map(|f| f.name.len() + f.data.as_ref().map_or(0, String::len))
                .sum::<usize>()
    }
}

// Stored as JSON through `serde_json::Value` (already in the module for `render()`), not serde
// derives, which would add their own parsers to the wasm module.

fn str_of(v: &Json, k: &str) -> Option<String> {
    v.get(k).and_then(Json::as_str).map(str::to_owned)
}

impl StoredFile {
    fn to_json(&self) -> Json {
        json!({"name": self.name, "data": self.data, "too_large": self.too_large,
            "unreadable": self.unreadable})
    }

    fn from_json(v: &Json) -> Option<StoredFile> {
        Some(StoredFile {
            name: str_of(v, "name")?,
            data: str_of(v, "data"),
            too_large: v
                .get("too_large")
                .and_then(Json::as_u64)
                .map(|n| n as usize),
            unreadable: str_of(v, "unreadable"),
        })
    }
}

impl Snapshot {
    fn to_json(&self) -> Json {
        json!({"what": self.what, "text": self.text, "name": self.name, "bytes": self.bytes,
            "previous": self.previous, "batch": self.batch.iter().map(StoredFile::to_json).collect::<Vec<_>>()})
    }

    fn from_json(v: &Json) -> Option<Snapshot> {
        Some(Snapshot {
            what: str_of(v, "what")?,
            text: str_of(v, "text")?,
            name: str_of(v, "name")?,
            bytes: str_of(v, "bytes"),
            previous: str_of(v, "previous").unwrap_or_default(),
            batch: files_of(v.get("batch")?)?,
        })
    }
}

fn files_of(v: &Json) -> Option<Vec<StoredFile>> {
    v.as_array()?.iter().map(StoredFile::from_json).collect()
}

pub fn files_to_string(files: &[StoredFile]) -> String {
    crate::jsonvalue::text(&Json::Array(
        files.iter().map(StoredFile::to_json).collect(),
    ))
}

/// None for anything that is not a stored batch (storage may hold anything).
pub fn files_from_str(s: &str) -> Option<Vec<StoredFile>> {
    files_of(&crate::jsonvalue::parse(s)?)
}

pub fn snapshots_to_string(snaps: &[Snapshot]) -> String {
    crate::jsonvalue::text(&Json::Array(snaps.iter().map(Snapshot::to_json).collect()))
}

pub fn snapshots_from_str(s: &str) -> Option<Vec<Snapshot>> {
    let v = crate::jsonvalue::parse(s)?;
    v.as_array()?.iter().map(Snapshot::from_json).collect()
}

pub use crate::base64::{decode as unbase64, encode as base64};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, enc) in cases {
            assert_eq!(base64(plain.as_bytes()), enc);
            assert_eq!(unbase64(enc).as_deref(), Some(plain.as_bytes()));
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase64(&base64(&all)), Some(all));
        assert_eq!(unbase64("Zm9v!"), None);
    }

    #[test]
    fn stored_forms_read_back_and_refuse_garbage() {
        let snap = Snapshot {
            what: "示例".into(),
            text: "草稿\n".into(),
            name: "a.txt".into(),
            bytes: Some("Zm9v".into()),
            previous: String::new(),
            batch: vec![
                StoredFile {
                    name: "甲".into(),
                    data: Some("Zg==".into()),
                    too_large: None,
                    unreadable: None,
                },
                StoredFile {
                    name: "乙".into(),
                    data: None,
                    too_large: Some(60_000_000),
                    unreadable: None,
                },
                StoredFile {
                    name: "丙".into(),
                    data: None,
                    too_large: None,
                    unreadable: Some("NotReadableError".into()),
                },
            ],
        };
        let s = snapshots_to_string(std::slice::from_ref(&snap));
        assert_eq!(snapshots_from_str(&s), Some(vec![snap.clone()]));
        assert_eq!(
            files_from_str(&files_to_string(&snap.batch)),
            Some(snap.batch)
        );
        assert_eq!(snapshots_from_str("{\"x\":1}"), None);
        assert_eq!(files_from_str("[{\"data\":\"Zg==\"}]"), None);
        assert_eq!(files_from_str("not json"), None);
    }
}
