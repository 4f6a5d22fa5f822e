//! Prose as one string: the text of a run of lines, folded and without whitespace, so that a
//! sentence broken by a line or page break reads whole, with the location of every character.

use super::model::Loc;
use crate::normalize::fold_char;
use crate::source::{Line, LineKind};

/// Prose text with the location of every character.
pub struct Prose {
    /// Folded, whitespace removed; '\n' separates lines that end a sentence or a heading.
    pub text: String,
    /// Runs of characters whose columns follow one another: the byte offset in `text` where each
    /// starts and the location of its first character, in order (binary-searched). One entry per
    /// run rather than per character keeps a long text's index small enough to stay in cache.
    runs: Vec<(usize, Loc)>,
    /// Byte spans of the sentences (see [`Prose::sentences`]).
    sentences: Vec<(usize, usize)>,
}

impl Prose {
    pub fn new(lines: &[&Line]) -> Prose {
        let size: usize = lines
            .iter()
            .flat_map(|l| &l.cells)
            .map(|c| c.text.len() + 1)
            .sum();
        let mut text = String::with_capacity(size);
        let mut runs = Vec::new();
        for line in lines {
            for cell in &line.cells {
                // A cell opens a run; a skipped whitespace character ends it. Characters that
                // folding leaves alone are copied a stretch at a time.
                let s = &cell.text;
                let mut in_run = false;
                let mut copy_from = 0;
                for (col, (i, c)) in (cell.column..).zip(s.char_indices()) {
                    let f = fold_visible(c);
                    if f == Some(c) {
                        if !in_run {
                            runs.push((
                                text.len(),
                                Loc {
                                    line: cell.line,
                                    column: col,
                                },
                            ));
                            in_run = true;
                        }
                        continue;
                    }
                    text.push_str(&s[copy_from..i]);
                    copy_from = i + c.len_utf8();
                    match f {
                        None => in_run = false,
                        Some(f) => {
                            if !in_run {
                                runs.push((
                                    text.len(),
                                    Loc {
                                        line: cell.line,
                                        column: col,
                                    },
                                ));
                                in_run = true;
                            }
                            text.push(f);
                        }
                    }
                }
                text.push_str(&s[copy_from..]);
            }
            let ends = text.ends_with(['。', '!', '?', ';', '；', ':'])
                || matches!(line.kind, LineKind::Heading(_));
            if ends || line.cells.len() > 1 {
                runs.push((
                    text.len(),
                    Loc {
                        line: line.number,
                        column: 1,
                    },
                ));
                text.push('\n');
            }
        }
        let sentences = sentence_spans(&text);
        Prose {
            text,
            runs,
            sentences,
        }
    }

    /// The location of the character at (or containing) byte offset `byte` of `text`; past the
    /// end, the last character's.
    pub fn loc_at(&self, byte: usize) -> Loc {
        let i = self
            .runs
            .partition_point(|(b, _)| *b <= byte)
            .saturating_sub(1);
        let Some(&(start, loc)) = self.runs.get(i) else {
            return Loc::default();
        };
        let end = self.runs.get(i + 1).map_or(self.text.len(), |r| r.0);
        // Characters of the run that start at or before `byte`, the first one excluded.
        let upto = byte.min(end.saturating_sub(1));
        let before = self.text.as_bytes()[start..=upto.max(start)]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
            .saturating_sub(1);
        Loc {
            line: loc.line,
            column: loc.column + before as u32,
        }
    }

    /// Sentences with their byte offsets: text up to and without '。', '!', '?' or a line end;
    /// empty ones are skipped.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.sentences.iter().map(|&(s, e)| (s, &self.text[s..e]))
    }
}

/// The folded character, or None for whitespace (which prose drops).
fn fold_visible(c: char) -> Option<char> {
    // Most characters of a report are ideographs, which fold to ideographs.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Some(fold_char(c));
    }
    let f = fold_char(c);
    (!f.is_whitespace()).then_some(f)
}

/// The spans that [`Prose::sentences`] yields.
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |s: usize, end: usize| {
        let trimmed = text[s..end].trim_end_matches(['。', '\n', '!', '?']);
        if !trimmed.is_empty() {
            out.push((s, s + trimmed.len()));
        }
    };
    let mut i = 0;
    while i < b.len() {
        // '。' is E3 80 82; '\n', '!' and '?' are ASCII.
        let end = match b[i] {
            b'\n' | b'!' | b'?' => i + 1,
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => i + 3,
            _ => {
                i += 1;
                continue;
            }
        };
        push(start, end);
        start = end;
        i = end;
    }
    push(start, b.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Cell;

    fn line(number: u32, cells: &[(&str, u32)]) -> Line {
        Line {
            kind: LineKind::Text,
            number,
            cells: cells
                .iter()
                .map(|&(t, column)| Cell {
                    text: t.into(),
                    line: number,
                    column,
                })
                .collect(),
        }
    }

    #[test]
    fn every_character_keeps_its_place() {
        // Whitespace (ASCII, ideographic) is dropped; full-width letters fold to ASCII.
        let a = line(3, &[("收到 申请\u{3000}２件。", 5)]);
        let b = line(4, &[("规章", 1), ("1", 9)]);
        let p = Prose::new(&[&a, &b]);
        assert_eq!(p.text, "收到申请2件。\n规章1\n");
        let expected = [
            (3, 5),
            (3, 6),
            (3, 8),
            (3, 9),
            (3, 11),
            (3, 12),
            (3, 13),
            (3, 1), // the line end after 。
            (4, 1),
            (4, 2),
            (4, 9),
            (4, 1),
        ];
        let got: Vec<(u32, u32)> = p
            .text
            .char_indices()
            .map(|(i, _)| p.loc_at(i))
            .map(|l| (l.line, l.column))
            .collect();
        assert_eq!(got, expected);
        // Inside a character, and past the end.
        assert_eq!(p.loc_at(1), Loc { line: 3, column: 5 });
        assert_eq!(p.loc_at(p.text.len() + 10), Loc { line: 4, column: 1 });
        assert_eq!(Prose::new(&[]).loc_at(0), Loc::default());
        // Traditional characters fold to simplified ones in place.
        let c = line(7, &[("政府資訊公開 Ａ", 2)]);
        let p = Prose::new(&[&c]);
        assert_eq!(p.text, "政府资讯公开A");
        assert_eq!(p.loc_at("政府资讯公".len()), Loc { line: 7, column: 7 });
        assert_eq!(p.loc_at("政府资讯公开".len()), Loc { line: 7, column: 9 });
    }

    #[test]
    fn sentences_end_at_stops_and_line_ends() {
        let a = line(1, &[("一是公开。二是回应!", 1)]);
        let b = line(2, &[("三", 1), ("四?", 3)]);
        let p = Prose::new(&[&a, &b]);
        let got: Vec<(usize, &str)> = p.sentences().collect();
        assert_eq!(got, [(0, "一是公开"), (15, "二是回应"), (29, "三四")]);
    }
}
