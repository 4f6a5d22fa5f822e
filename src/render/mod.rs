//! Stage 4 — render: show results. JSON (the public contract of output.md), CSV and human text for
//! the command line; HTML for the web page and the standalone report. Renderers only show what
//! the earlier stages found; they compute nothing.

pub mod csv;
pub mod html;
pub mod json;
pub mod overview;
pub mod summary;
pub mod text;

use crate::check::Outcome;

/// One checked input with the name it was given.
pub struct Named<'a> {
    pub file: &'a str,
    pub outcome: &'a Outcome,
}
