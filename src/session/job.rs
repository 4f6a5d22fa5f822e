//! Checks that run in the page's worker thread: the main slot's text or file when it is big
//! ([`WORKER_MIN`]). The session hands out a [`Job`] instead of checking; the page sends it to a
//! second instance of the module in a Web Worker, which runs [`run`] and answers with a reply
//! (JSON text) and, apart from it, the text the engine read unless it is the input's own; the
//! page gives both back as [`super::Msg::Checked`]. Only the reply to the job the session awaits
//! is drawn: a newer input makes every older job stale (and the page stops the worker that runs
//! it).

use super::checking::check_paired;
pub use super::checking::Input;
use super::pairing::Identity;
use crate::diagnostic::Summary;
use crate::render::{html, Named};
use serde_json::{json, Value as Json};
use std::rc::Rc;

/// Inputs from this size (bytes) are checked in the worker when there is one; smaller ones are
/// checked at once on the page's thread (the seed report takes well under a millisecond).
pub const WORKER_MIN: usize = 256 * 1024;

/// A check for the worker.
pub struct Job {
    pub id: u64,
    pub name: String,
    pub input: JobInput,
    /// Last year's report: its bytes and identity (used only if it is this report's previous
    /// year).
    pub previous: Option<(Rc<Vec<u8>>, Identity)>,
}

pub enum JobInput {
    Text(String),
    Bytes(Rc<Vec<u8>>),
}

/// What came back: the result object (`html::result`) and what the session keeps beside it.
pub struct Reply {
    pub id: u64,
    pub result: Json,
    pub compared: bool,
    pub identity: Identity,
    pub readable: bool,
    pub counts: Summary,
}

/// Runs a job (in the worker): the reply as JSON text, and the text the engine read apart from
/// it (the result's `text` is `true` there), None when it is the input text itself: the page's
/// thread has that already, and a text inside the JSON would cost it ~10 ms per MB to take in.
pub fn run(
    id: u64,
    name: &str,
    input: &Input,
    previous: Option<(&[u8], &Identity)>,
) -> (String, Option<String>) {
    let (outcome, compared) = check_paired(input, previous);
    let id_of = Identity::of(outcome.report.as_ref());
    let counts = Summary::of(&outcome.diagnostics);
    let mut result = html::result(&Named {
        file: name,
        outcome: &outcome,
    });
    let text = match result.get_mut("text") {
        Some(t) if t.is_string() => match std::mem::replace(t, Json::Bool(true)) {
            Json::String(s) if !matches!(input, Input::Text(i) if *i == s) => Some(s),
            _ => None,
        },
        _ => None,
    };
    let reply = crate::jsonvalue::text(&json!({
        "id": id,
        "result": result,
        "compared": compared,
        "agency": id_of.agency,
        "year": id_of.year,
        "readable": outcome.document.is_some(),
        "counts": [counts.errors, counts.warnings, counts.infos],
    }));
    (reply, text)
}

/// Reads a reply; None if it is not one.
pub fn parse(text: &str) -> Option<Reply> {
    let mut v = crate::jsonvalue::parse(text)?;
    let count = |i: usize| {
        v["counts"]
            .get(i)
            .and_then(Json::as_u64)
            .map(|n| n as usize)
    };
    let counts = Summary {
        errors: count(0)?,
        warnings: count(1)?,
        infos: count(2)?,
    };
    Some(Reply {
        id: v["id"].as_u64()?,
        compared: v["compared"].as_bool()?,
        identity: Identity {
            agency: v["agency"].as_str().map(str::to_owned),
            year: v["year"].as_i64().and_then(|y| i32::try_from(y).ok()),
        },
        readable: v["readable"].as_bool()?,
        counts,
        result: v.get_mut("result").filter(|r| r.is_object())?.take(),
    })
}
