//! Prose as one string: the text of a run of lines, folded and without whitespace, so that a
//! sentence broken by a line or page break reads whole, with the location of every character.

use super::model::Loc;
use crate::normalize::fold_char;
use crate::source::{Line, LineKind};

/// Longest sentence read as one, in bytes (about 1 300 Chinese characters; real sentences are
/// far shorter).
pub const MAX_SENTENCE: usize = 4096;

/// Characters located by one entry of `Prose::pos` at most: a location costs a binary search
/// and a count of at most this many characters.
const RUN: u32 = 64;

/// Prose text with the location of every character.
pub struct Prose {
    /// Folded, whitespace removed; '\n' separates lines that end a sentence or a heading.
    pub text: String,
    /// Runs of characters on consecutive columns of one line, as (byte offset in `text`,
    /// location of its first character), in order (binary-searched). One entry per run rather
    /// than per character: a location per character cost five times the text.
    pos: Vec<(usize, Loc)>,
    /// The sentences' byte ranges in `text` (see [`Prose::sentences`]), found once: every fact
    /// reader walks them.
    sentences: Vec<(usize, usize)>,
}

impl Prose {
    pub fn new(lines: &[&Line]) -> Prose {
        // Sized once: growing it by doubling cost a tenth of a check in copies and reallocations.
        let bytes: usize = lines
            .iter()
            .map(|l| l.cells.iter().map(|c| c.text.len()).sum::<usize>() + 1)
            .sum();
        let mut text = String::with_capacity(bytes);
        let mut pos = Vec::with_capacity(lines.len() * 2);
        // The current run: its first location and length in characters (RUN: none open).
        let mut run = (Loc::default(), RUN);
        for line in lines {
            for cell in &line.cells {
                for (col, c) in (cell.column..).zip(cell.text.chars()) {
                    let f = fold_char(c);
                    if !f.is_whitespace() {
                        let (start, n) = run;
                        if n < RUN && start.line == cell.line && start.column + n == col {
                            run.1 += 1;
                        } else {
                            let loc = Loc {
                                line: cell.line,
                                column: col,
                            };
                            pos.push((text.len(), loc));
                            run = (loc, 1);
                        }
                        text.push(f);
                    }
                }
            }
            let ends = text.ends_with(['。', '!', '?', ';', '；', ':'])
                || matches!(line.kind, LineKind::Heading(_));
            if ends || line.cells.len() > 1 {
                pos.push((
                    text.len(),
                    Loc {
                        line: line.number,
                        column: 1,
                    },
                ));
                run = (Loc::default(), RUN);
                text.push('\n');
            }
        }
        let sentences = split_sentences(&text);
        Prose {
            text,
            pos,
            sentences,
        }
    }

    pub fn loc_at(&self, byte: usize) -> Loc {
        let i = self
            .pos
            .partition_point(|(b, _)| *b <= byte)
            .saturating_sub(1);
        let Some(&(start, loc)) = self.pos.get(i) else {
            return Loc::default();
        };
        // Characters before `byte` in its run.
        let before = self
            .text
            .get(start..byte.max(start))
            .map_or(0, |s| s.chars().count() as u32);
        Loc {
            line: loc.line,
            column: loc.column + before,
        }
    }

    /// Sentences with their byte offsets. A "sentence" longer than [`MAX_SENTENCE`] bytes is
    /// cut into pieces of about that length, so that everything done per sentence (searching
    /// it per number or clause, quoting it) costs at most a constant per byte of text.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &str)> {
        self.sentences.iter().map(|&(s, e)| (s, &self.text[s..e]))
    }
}

/// The non-empty sentences of `text` as byte ranges, without their closing marks.
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let s = start;
        let rest = &text[s..];
        let end = sentence_end(rest).map(|e| s + e).unwrap_or_else(|| {
            if rest.len() <= MAX_SENTENCE {
                text.len()
            } else {
                let mut e = s + MAX_SENTENCE;
                while !text.is_char_boundary(e) {
                    e += 1;
                }
                e
            }
        });
        start = end;
        let sentence = text[s..end].trim_end_matches(['。', '\n', '!', '?']);
        if !sentence.is_empty() {
            out.push((s, s + sentence.len()));
        }
    }
    out
}

/// The byte offset just past the first '。', '\n', '!' or '?' that starts within the first
/// [`MAX_SENTENCE`] bytes of `rest`. Searched as bytes: the ASCII marks are whole characters,
/// and '。' (E3 80 82) starts with a lead byte.
fn sentence_end(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    // A plain loop: the wasm build (opt-level "z") keeps a closure per byte as a call.
    for i in 0..b.len().min(MAX_SENTENCE) {
        match b[i] {
            b'\n' | b'!' | b'?' => return Some(i + 1),
            0xE3 if b[i..].starts_with("。".as_bytes()) => return Some(i + 3),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_the_first_mark_within_reach() {
        // What the search means: the first mark among the characters that start within
        // MAX_SENTENCE bytes.
        let by_chars = |rest: &str| {
            rest.char_indices()
                .take_while(|&(i, _)| i < MAX_SENTENCE)
                .find(|&(_, c)| matches!(c, '。' | '\n' | '!' | '?'))
                .map(|(i, c)| i + c.len_utf8())
        };
        let long = "、".repeat(MAX_SENTENCE / 3);
        let mut cases = vec![
            String::new(),
            "无标点".into(),
            "甲。乙!".into(),
            "甲!乙。".into(),
            "?".into(),
            "、、\n。".into(),
        ];
        for pad in 0..4 {
            for mark in ["。", "!", "\n"] {
                let mut s = "a".repeat(pad) + &long;
                s.truncate(MAX_SENTENCE - 4 + pad);
                while !s.is_char_boundary(s.len()) {
                    s.pop();
                }
                cases.push(s.clone() + mark + "。");
                cases.push(s + "a" + mark);
            }
        }
        for c in &cases {
            assert_eq!(sentence_end(c), by_chars(c), "{} bytes", c.len());
        }
    }
}
