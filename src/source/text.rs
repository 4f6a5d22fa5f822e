//! The plain-text reader: text copied from Word or a web page, Markdown conversions, text extracted
//! from PDF, OCR output. Each non-blank line becomes a [`Line`]; a line is split into cells at tabs,
//! at `|` (Markdown or " | " rows), at wide gaps between numbers (PDF layout text), and where a
//! short label is followed by numbers ("行政许可 0"). Markdown heading marks, table separator rows
//! and emphasis markers are dropped from cells but stay in the text the user sees.

use super::{Cell, Document, InputFormat, Line, LineKind};
use crate::normalize as nb;
use crate::normalize::{find, fold_char, has};
use std::borrow::Cow;

pub fn read(text: &str) -> Document {
    read_owned(text.to_owned())
}

/// [`read`], keeping `text` as the document's text. CRLF (Windows) and CR alone (old Mac) end
/// lines as LF does; the text shown uses LF, so that line numbers mean the same everywhere.
pub fn read_owned(text: String) -> Document {
    let text = match unify_line_ends(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(unified) => unified,
    };
    let mut lines = Vec::new();
    // (memchr: `split('\n')` is a generic char searcher, slow at the module's opt-level "z".)
    let mut raws: Vec<&str> = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        raws.push(&text[start..end]);
        start = end + 1;
    }
    raws.push(&text[start..]);
    let mut i = 0;
    while i < raws.len() {
        // A grid table's row whose cells wrap over several lines (pandoc's `+---+` tables).
        if let Some((line, end)) = grid_row(&raws, i) {
            lines.extend(line);
            i = end;
            continue;
        }
        // A cell holding a line break, quoted as Excel and WPS copy it, makes one row of lines.
        if let Some((line, end)) = quoted_row(&raws, i) {
            lines.push(line);
            i = end + 1;
            continue;
        }
        if let Some(line) = parse_line(raws[i], i as u32 + 1) {
            lines.push(line);
        }
        i += 1;
    }
    drop(raws);
    Document {
        text,
        format: InputFormat::Text,
        lines,
        pages: Vec::new(),
        notes: Vec::new(),
    }
}

/// CRLF and lone CR replaced by LF (borrowed when there is no CR).
pub fn unify_line_ends(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

// Not inlined: the start module builds it without `minsize` (scripts/wasm-hot.txt), which costs
// ~1 KB here and ~1.8 KB for all of `read_owned`.
#[inline(never)]
fn parse_line(raw: &str, number: u32) -> Option<Line> {
    let trimmed = nb::trim(raw);
    if trimmed.is_empty() || is_separator_row(trimmed) {
        return None;
    }
    let indent = raw.len() - nb::trim_start(raw).len();
    if let Some((level, rest_at)) = markdown_heading(trimmed) {
        let start = indent + rest_at;
        let cells = cell_from(raw, start, raw.len(), number, &mut Columns::new(raw))
            .into_iter()
            .collect::<Vec<_>>();
        if cells.is_empty() {
            return None;
        }
        return Some(Line {
            kind: LineKind::Heading(level),
            number,
            cells,
        });
    }
    // Most lines of converted text hold one word or one number: one cell, no spans to list.
    if !has_space_or_pipe(trimmed) {
        let cell = cell_from(raw, 0, raw.len(), number, &mut Columns::new(raw))?;
        return Some(Line {
            kind: LineKind::Text,
            number,
            cells: vec![cell],
        });
    }
    let bytes = raw.as_bytes();
    let tabs = memchr::memchr_iter(b'\t', bytes).count();
    let cells = if tabs > 0 && memchr::memchr(b'|', bytes).is_none() {
        // Tab-separated without '|' (split_cells would split at the tabs): the cells straight
        // from the tabs, without a list of spans first.
        let mut start = 0;
        let spans = memchr::memchr_iter(b'\t', bytes)
            .chain([raw.len()])
            .map(|e| (std::mem::replace(&mut start, e + 1), e));
        cells_of(raw, number, spans, tabs + 1)
    } else {
        let spans = split_cells(raw);
        let n = spans.len();
        cells_of(raw, number, spans.into_iter(), n)
    };
    if cells.iter().all(|c| c.text.is_empty()) {
        return None;
    }
    Some(Line {
        kind: LineKind::Text,
        number,
        cells,
    })
}

/// The cells of a line's `n` spans; with more than one span an empty one is kept, as an empty
/// cell of the row.
fn cells_of(
    raw: &str,
    number: u32,
    spans: impl Iterator<Item = (usize, usize)>,
    n: usize,
) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(n);
    let keep_empty = n > 1;
    // Spans come in order: columns are counted on from the previous cell (one pass per line).
    let mut cols = Columns::new(raw);
    for (s, e) in spans {
        match cell_from(raw, s, e, number, &mut cols) {
            Some(c) => cells.push(c),
            None if keep_empty => cells.push(Cell {
                text: String::new(),
                line: number,
                column: cols.at(s),
            }),
            None => {}
        }
    }
    cells
}

/// How many lines a quoted cell may span (Excel writes a cell's line breaks inside quotes).
const QUOTED_CELL_LINES: usize = 8;

/// The last line of a tab-separated row whose last cell on line `i` opens a quote that a later
/// line's first cell closes (`…\t"5.要求行政机关确认或重新` … `出具已获取信息"\t0\t0`): the lines
/// between hold no tab, and the row has a tab on its first or last line. Else None.
fn quoted_cell_end(raws: &[&str], i: usize) -> Option<usize> {
    let first = raws[i];
    // (The last cell, found as bytes: this runs for every line, and few open a quoted cell.)
    let last = memchr::memrchr(b'\t', first.as_bytes()).map_or(first, |t| &first[t + 1..]);
    let open = nb::trim(last);
    if !open.starts_with('"') || open.matches('"').count() % 2 == 0 {
        return None;
    }
    for (j, raw) in raws.iter().enumerate().skip(i + 1).take(QUOTED_CELL_LINES) {
        let close = raw.split('\t').next().unwrap_or("");
        if close.contains('"') {
            let closes = nb::trim_end(close).ends_with('"') && close.matches('"').count() % 2 == 1;
            let row = first.contains('\t') || raw.contains('\t');
            return (closes && row).then_some(j);
        }
        if raw.contains('\t') {
            return None;
        }
    }
    None
}

/// The row of lines `i..` that quoted cells join (see [`quoted_cell_end`]; a line closing one
/// quoted cell may open the next), and its last line. None when line `i` opens no quoted cell.
fn quoted_row(raws: &[&str], i: usize) -> Option<(Line, usize)> {
    // Not `vec![quoted_cell_end(..)?]`, which allocates before it returns on most lines.
    let first = quoted_cell_end(raws, i)?;
    let mut ends = vec![first];
    while let Some(&end) = ends.last() {
        match quoted_cell_end(raws, end).filter(|_| raws[end].contains('\t')) {
            Some(next) => ends.push(next),
            None => break,
        }
    }
    let number = |k: usize| k as u32 + 1;
    let mut cells = Vec::new();
    // Each line's cells from `from` (1 after a closing cell) to `to` (the opening cell excluded).
    let push_plain = |cells: &mut Vec<Cell>, k: usize, skip_first: bool, open: bool| {
        let raw = raws[k];
        let spans = split_on(raw, |c| c == '\t');
        let to = spans.len() - usize::from(open);
        let mut cols = Columns::new(raw);
        for &(s, e) in &spans[usize::from(skip_first)..to] {
            cells.push(cell_or_empty(raw, s, e, number(k), &mut cols));
        }
    };
    let mut start = i;
    for (n, &end) in ends.iter().enumerate() {
        push_plain(&mut cells, start, n > 0, true);
        let (first, last) = (raws[start], raws[end]);
        let open_s = first.rfind('\t').map_or(0, |t| t + 1);
        let quote = open_s + first[open_s..].find('"').unwrap_or(0);
        let column = Columns::new(first).at(quote) + 1;
        let close = nb::trim_end(&last[..last.find('\t').unwrap_or(last.len())]);
        let mut parts = vec![&first[quote + 1..]];
        parts.extend_from_slice(&raws[start + 1..end]);
        parts.push(&close[..close.len() - 1]);
        let mut text = String::new();
        for p in parts.iter().map(|p| nb::trim(p)).filter(|p| !p.is_empty()) {
            push_broken(&mut text, p);
        }
        cells.push(Cell {
            text: text.replace("\"\"", "\""),
            line: number(start),
            column,
        });
        start = end;
    }
    push_plain(&mut cells, start, true, false);
    let line = Line {
        kind: LineKind::Text,
        number: number(i),
        cells,
    };
    Some((line, start))
}

fn cell_or_empty(raw: &str, s: usize, e: usize, line: u32, cols: &mut Columns) -> Cell {
    cell_from(raw, s, e, line, cols).unwrap_or_else(|| Cell {
        text: String::new(),
        line,
        column: cols.at(s),
    })
}

/// Appends the next line of a cell broken over lines: Chinese text runs on, other words are
/// separated by a space.
fn push_broken(text: &mut String, next: &str) {
    let ascii_end = text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ascii_start = next.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ascii_end && ascii_start {
        text.push(' ');
    }
    text.push_str(next);
}

/// A cell's text with its `<br>`, `<br/>`, `<br />` (Markdown converters write a cell's line
/// breaks so) read as the line breaks they stand for; the text is not read as markup otherwise.
fn join_line_breaks(t: &str) -> Cow<'_, str> {
    if !t.contains('<') {
        return Cow::Borrowed(t);
    }
    let mut pieces = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(p) = t[from..].find('<') {
        let at = from + p;
        let len = line_break_tag(&t[at + 1..]);
        if len > 0 {
            pieces.push(&t[start..at]);
            start = at + 1 + len;
        }
        from = at + 1 + len;
    }
    if pieces.is_empty() {
        return Cow::Borrowed(t);
    }
    pieces.push(&t[start..]);
    let mut out = String::with_capacity(t.len());
    for p in pieces.iter().map(|p| nb::trim(p)).filter(|p| !p.is_empty()) {
        push_broken(&mut out, p);
    }
    Cow::Owned(out)
}

/// The length of `br>`, `br/>`, `BR />` at the start of `s` (after a '<'), else 0.
fn line_break_tag(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() < 3 || !b[..2].eq_ignore_ascii_case(b"br") {
        return 0;
    }
    let mut k = 2;
    while b.get(k) == Some(&b' ') {
        k += 1;
    }
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    if b.get(k) == Some(&b'>') {
        k + 1
    } else {
        0
    }
}

/// `|---|:---:|` rows of Markdown tables, and lines holding only separators (`|`, `|||`: what a
/// web-table-to-text tool leaves of merged cells and between cells).
fn is_separator_row(t: &str) -> bool {
    (t.contains('|') && t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ' | '\t')))
        || is_grid_rule(t)
}

/// A grid table's rule line (`+----+----+`, `+====+====+` under the header; trimmed).
fn is_grid_rule(t: &str) -> bool {
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.contains(['-', '='])
        && t.bytes().all(|b| matches!(b, b'+' | b'-' | b'=' | b':'))
}

/// Physical lines one row of a grid table may take (longer rows are read line by line).
const GRID_ROW_LINES: usize = 64;

/// The row of a grid table that starts after the rule line `i` when its cells wrap over two or
/// more lines: those lines joined column by column into one row (each cell located where it
/// starts on the row's first line), and the index of the rule that ends it. None when line `i`
/// is not a rule, the row has one line, or its lines do not split into the same cells.
fn grid_row(raws: &[&str], i: usize) -> Option<(Option<Line>, usize)> {
    // (Looked at for every line: most start with anything but '+'.)
    if !nb::trim_start(raws[i]).starts_with('+') || !is_grid_rule(nb::trim(raws[i])) {
        return None;
    }
    let body = |l: &str| {
        let t = nb::trim(l);
        t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
    };
    let end = (i + 1..raws.len().min(i + 2 + GRID_ROW_LINES)).find(|&j| !body(raws[j]))?;
    if end < i + 3 || !is_grid_rule(nb::trim(raws[end])) {
        return None;
    }
    // Each line's cells: the spans between its pipes, less the outer pipes' empty ends.
    let rows: Vec<Vec<(usize, usize)>> = raws[i + 1..end]
        .iter()
        .map(|raw| {
            let mut spans = split_on(raw, |c| c == '|');
            spans.remove(0);
            spans.pop();
            spans
        })
        .collect();
    let width = rows[0].len();
    if width == 0 || rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let number = i as u32 + 2;
    let first = raws[i + 1];
    let mut cols = Columns::new(first);
    let mut cells = Vec::with_capacity(width);
    for k in 0..width {
        let mut text = String::new();
        for (raw, spans) in raws[i + 1..end].iter().zip(&rows) {
            let (s, e) = spans[k];
            let piece = nb::trim(&raw[s..e]);
            // Words of Latin script broken at a line end were separated by a space.
            let spaced = text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && piece.starts_with(|c: char| c.is_ascii_alphanumeric());
            if spaced {
                text.push(' ');
            }
            text.push_str(piece);
        }
        let (s, e) = rows[0][k];
        let lead = e - s - nb::trim_start(&first[s..e]).len();
        cells.push(Cell {
            text: strip_emphasis(&text).into_owned(),
            line: number,
            column: cols.at(if lead < e - s { s + lead } else { s }),
        });
    }
    let line = (!cells.iter().all(|c| c.text.is_empty())).then_some(Line {
        kind: LineKind::Text,
        number,
        cells,
    });
    Some((line, end))
}

/// `#`..`######` followed by a space: (level, byte offset of the heading text in `t`).
fn markdown_heading(t: &str) -> Option<(u8, usize)> {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        let rest = &t[hashes..];
        Some((
            hashes as u8,
            hashes + (rest.len() - nb::trim_start(rest).len()),
        ))
    } else {
        None
    }
}

/// Byte spans of the cells of a line.
fn split_cells(raw: &str) -> Vec<(usize, usize)> {
    // Most lines of converted text hold one word or one number: nothing to split.
    if !has_space_or_pipe(nb::trim(raw)) {
        return vec![(0, raw.len())];
    }
    let t = nb::trim(raw);
    let pipes = t.matches('|').count();
    // "10 |": one cell per line, as web-table-to-text tools write a table; the pipe closes it.
    let delimited = pipes == 1 && (t.starts_with('|') || t.ends_with('|'));
    if pipes >= 2 || (pipes == 1 && t.contains(" | ")) || delimited {
        let mut spans = split_on(raw, |c| c == '|');
        // A leading or trailing pipe delimits the row; it does not open an empty cell.
        if t.starts_with('|')
            && spans
                .first()
                .is_some_and(|&(s, e)| nb::is_blank(&raw[s..e]))
        {
            spans.remove(0);
        }
        if t.ends_with('|') && spans.last().is_some_and(|&(s, e)| nb::is_blank(&raw[s..e])) {
            spans.pop();
        }
        return spans;
    }
    if raw.contains('\t') {
        return split_on(raw, |c| c == '\t');
    }
    if has(raw, "  ") || has(raw, "\u{3000}") {
        let gaps = split_on_wide_gaps(raw);
        if gaps.len() > 1
            && gaps
                .iter()
                .any(|&(s, e)| is_number_like(nb::trim(&raw[s..e])))
        {
            return gaps;
        }
    }
    // Only a short line ending in a digit or a count unit can be "label number…".
    let ends_numeric = nb::trim_end(raw).ends_with(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '０'..='９' | '件' | '个' | '条' | '项' | '元' | '起' | '宗'
            )
    });
    if ends_numeric && raw.len() <= 160 {
        if let Some(spans) = trailing_numbers(raw) {
            return spans;
        }
    }
    vec![(0, raw.len())]
}

/// `s` holds a whitespace character or '|'. Only ASCII and the characters led by C2, E1, E2 and
/// E3 can be whitespace, so the ideographs of a line are skipped without being decoded; of E3's
/// (CJK punctuation, common in prose) only U+3000, E3 80 80, is.
fn has_space_or_pipe(s: &str) -> bool {
    let b = s.as_bytes();
    // Character by character, by their first bytes (a CJK character is one step, not three).
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let space = match c {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'|' => true,
            0xC2 | 0xE1 | 0xE2 => s[i..].chars().next().is_some_and(char::is_whitespace),
            0xE3 => b[i..].starts_with(&[0xE3, 0x80, 0x80]),
            _ => false,
        };
        if space {
            return true;
        }
        i += match c {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    false
}

fn split_on(raw: &str, sep: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in raw.char_indices() {
        if sep(c) {
            spans.push((start, i));
            start = i + c.len_utf8();
        }
    }
    spans.push((start, raw.len()));
    spans
}

/// Splits at runs of two or more spaces (PDF layout text aligns columns with spaces).
fn split_on_wide_gaps(raw: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut run_start = 0;
    let mut run = 0;
    for (i, c) in raw.char_indices() {
        if c == ' ' || c == '\u{3000}' {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            continue;
        }
        if run >= 2 {
            if let Some(s) = start {
                spans.push((s, run_start));
                start = None;
            }
        }
        run = 0;
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push((s, raw.len()));
    }
    spans
}

/// "行政许可 0", "规章 1 0 11", "0 0 0 0 0 0 0": a short label (or nothing) followed by numbers
/// separated by single spaces. Prose is left whole: a label part with sentence punctuation or longer
/// than a label is not split.
fn trailing_numbers(raw: &str) -> Option<Vec<(usize, usize)>> {
    let tokens: Vec<(usize, usize)> = split_tokens(raw);
    let numeric = tokens
        .iter()
        .rev()
        .take_while(|&&(s, e)| is_number_like(&raw[s..e]) && !is_placeholder(&raw[s..e]))
        .count();
    if numeric == 0 {
        return None;
    }
    let first_num = tokens.len() - numeric;
    if first_num == 0 {
        return (numeric >= 2).then(|| tokens.clone());
    }
    let label = &raw[tokens[0].0..tokens[first_num - 1].1];
    let label_chars = label.chars().count();
    if label_chars > 40
        || label
            .chars()
            .any(|c| matches!(fold_char(c), ',' | '。' | ';' | ':' | '!' | '?'))
    {
        return None;
    }
    // "2024 年 1 月 1" is a date broken by spaces, not a label with numbers.
    if label
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '第'))
    {
        return None;
    }
    let mut spans = vec![(tokens[0].0, tokens[first_num - 1].1)];
    spans.extend_from_slice(&tokens[first_num..]);
    Some(spans)
}

fn split_tokens(raw: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in raw.char_indices() {
        if c.is_whitespace() || c == '\u{3000}' {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, raw.len()));
    }
    out
}

/// A token that reads as a table value: a number, possibly signed, with separators, decimals or a
/// count unit, or a placeholder such as "/" or "—".
pub fn is_number_like(t: &str) -> bool {
    if t.len() > 48 {
        return false;
    }
    let t: String = t
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return false;
    }
    if is_placeholder(&t) {
        return true;
    }
    let body = t.trim_start_matches(['+', '-']);
    let body = ["万元", "件", "个", "条", "项", "元", "起", "宗"]
        .iter()
        .find_map(|u| body.strip_suffix(u))
        .unwrap_or(body);
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_placeholder(t: &str) -> bool {
    let t = nb::trim(t);
    matches!(
        t,
        "/" | "／" | "-" | "－" | "—" | "——" | "--" | "–" | "无" | "不适用" | "\\"
    )
}

/// The cell for raw[s..e]: trimmed, emphasis markers removed; None when empty.
fn cell_from(raw: &str, s: usize, e: usize, line: u32, cols: &mut Columns) -> Option<Cell> {
    let piece = &raw[s..e];
    let lead = piece.len() - nb::trim_start(piece).len();
    let t = nb::trim(piece);
    let text = strip_emphasis(t);
    let text = join_line_breaks(nb::trim(&text));
    let text = nb::trim(&text);
    if text.is_empty() {
        return None;
    }
    Some(Cell {
        text: text.to_owned(),
        line,
        column: cols.at(s + lead),
    })
}

/// `t` without "**", then without "__" (copied only when there is one).
fn strip_emphasis(t: &str) -> Cow<'_, str> {
    fn remove<'a>(t: Cow<'a, str>, pat: &str) -> Cow<'a, str> {
        if !has(&t, pat) {
            return t;
        }
        let mut out = String::with_capacity(t.len());
        let mut rest = &*t;
        while let Some(p) = find(rest, pat) {
            out.push_str(&rest[..p]);
            rest = &rest[p + pat.len()..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
    if memchr::memchr2(b'*', b'_', t.as_bytes()).is_none() {
        return Cow::Borrowed(t);
    }
    remove(remove(Cow::Borrowed(t), "**"), "__")
}

/// 1-based character columns of byte offsets asked in increasing order: each character of the
/// line is counted once (a line of a million cells is not counted a million times).
struct Columns<'r> {
    raw: &'r str,
    byte: usize,
    chars: u32,
}

impl<'r> Columns<'r> {
    fn new(raw: &'r str) -> Self {
        Columns {
            raw,
            byte: 0,
            chars: 0,
        }
    }

    /// The column of byte offset `at` (≥ every offset asked before).
    fn at(&mut self, at: usize) -> u32 {
        if at < self.byte {
            // Not expected; counted from the start rather than wrong.
            (self.byte, self.chars) = (0, 0);
        }
        let skipped = self.raw[self.byte..at].chars().count() as u32;
        self.chars = self.chars.saturating_add(skipped);
        self.byte = at;
        self.chars.saturating_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_tables_wrapped_row_reads_as_one_row() {
        let text = "表格\n\
            +--------+-----+\n\
            | 一、本年 | 10  |\n\
            | 新收申请 |     |\n\
            +========+=====+\n\
            | Open   | 3   |\n\
            | data   |     |\n\
            +--------+-----+\n\
            | 单行   | 5   |\n\
            +--------+-----+\n";
        let doc = read(text);
        type Row<'a> = (u32, Vec<(&'a str, u32, u32)>);
        let rows: Vec<Row> = doc
            .lines
            .iter()
            .map(|l| {
                let cells = l.cells.iter().map(|c| (c.text.as_str(), c.line, c.column));
                (l.number, cells.collect())
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (1, vec![("表格", 1, 1)]),
                // Each cell where it starts on the row's first line (columns in characters);
                // CJK pieces joined as they are, Latin words with a space; the rules are no rows.
                (3, vec![("一、本年新收申请", 3, 3), ("10", 3, 10)]),
                (6, vec![("Open data", 6, 3), ("3", 6, 12)]),
                (9, vec![("单行", 9, 3), ("5", 9, 10)]),
            ]
        );
        // Lines that do not split into the same cells are read one by one.
        let uneven = read("+---+---+\n| 甲 | 1 |\n| 乙 |\n+---+---+\n");
        assert_eq!(uneven.lines.len(), 2);
        // A row longer than GRID_ROW_LINES is read line by line.
        let long = format!(
            "+---+---+\n{}+---+---+\n",
            "| 甲 | 1 |\n".repeat(GRID_ROW_LINES + 1)
        );
        assert_eq!(read(&long).lines.len(), GRID_ROW_LINES + 1);
    }

    fn cells(line: &str) -> Vec<String> {
        parse_line(line, 1)
            .map(|l| l.cells.into_iter().map(|c| c.text).collect())
            .unwrap_or_default()
    }

    #[test]
    fn emphasis_and_spaces_found_as_before() {
        // Removed pair by pair from the left, "**" before "__", as str::replace would.
        for t in ["***粗体__x", "_**_x", "a**b**c", "无强调", "__**__"] {
            assert_eq!(
                strip_emphasis(t),
                t.replace("**", "").replace("__", ""),
                "{t}"
            );
        }
        for t in [
            "规章",
            "规章 0",
            "a\u{3000}b",
            "a\u{A0}b",
            "a\u{85}b",
            "a\u{2009}b",
            "a\u{205F}b",
            "a|b",
            "。、「」",
            "a\u{2010}b",
            "\u{1680}",
        ] {
            let slow = t.contains(|c: char| c.is_whitespace() || c == '|');
            assert_eq!(has_space_or_pipe(t), slow, "{t:?}");
        }
    }

    proptest::proptest! {
        /// CRLF and lone CR become LF, as a text area makes them.
        #[test]
        fn line_ends_are_unified(t in "[a\r\n规]{0,16}") {
            let slow = t.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(unify_line_ends(&t).into_owned(), slow);
        }

        /// Characters of one to four bytes, and the spaces whose first bytes CJK text shares.
        #[test]
        fn space_or_pipe_is_the_char_test(t in "[a|é规章　😀\u{A0}\u{85}\u{2009}\u{2010}\u{205F}\u{1680}]{0,12}") {
            let slow = t.contains(|c: char| c.is_whitespace() || c == '|');
            proptest::prop_assert_eq!(has_space_or_pipe(&t), slow);
        }
    }

    #[test]
    fn splits_each_rendering() {
        assert_eq!(cells("规章\t0\t0\t0"), ["规章", "0", "0", "0"]);
        assert_eq!(cells("行政许可\t0\t\t"), ["行政许可", "0", "", ""]);
        assert_eq!(cells("| 规章 | 0 | 0 | 0 |"), ["规章", "0", "0", "0"]);
        assert_eq!(cells("规章 | 0 | 0 | 0"), ["规章", "0", "0", "0"]);
        assert_eq!(
            cells("规章          1          0        11"),
            ["规章", "1", "0", "11"]
        );
        assert_eq!(cells("行政许可 0"), ["行政许可", "0"]);
        assert_eq!(cells("0 0 0 0 0 0 0").len(), 7);
        assert_eq!(cells("21"), ["21"]);
        assert_eq!(cells("10 |"), ["10"]);
        assert_eq!(cells("| 10"), ["10"]);
        assert_eq!(
            cells("一、本年新收政府信息公开申请数量 |"),
            ["一、本年新收政府信息公开申请数量"]
        );
        assert!(parse_line("|", 1).is_none());
        assert!(parse_line("|||", 1).is_none());
        assert!(parse_line("||||||||", 1).is_none());
        assert_eq!(cells("- 3 -"), ["- 3 -"]);
        assert_eq!(cells("截至目前，全市在运维政务新媒体共计 95").len(), 1);
        assert_eq!(cells("统计期限为 2024 年 1 月 1").len(), 1);
    }

    #[test]
    fn headings_and_markup() {
        let l = parse_line("### 一、总体情况", 3).unwrap();
        assert_eq!(l.kind, LineKind::Heading(3));
        assert_eq!(l.cells[0].text, "一、总体情况");
        assert_eq!(l.cells[0].column, 5);
        assert!(parse_line("|---|---|", 1).is_none());
        assert_eq!(
            cells("**（一）主动公开方面。**2024年"),
            ["（一）主动公开方面。2024年"]
        );
    }

    #[test]
    fn line_breaks_inside_cells() {
        for br in ["<br>", "<br/>", "<br />", "<BR>", " <br> "] {
            assert_eq!(
                cells(&format!("| 4.无正当理由大量反{br}复申请 | 0 |")),
                ["4.无正当理由大量反复申请", "0"],
                "{br}"
            );
        }
        assert_eq!(cells("| a<br>b | <b>1</b> |"), ["a b", "<b>1</b>"]);
        assert_eq!(cells("| <br> | 1 |"), ["", "1"]);
        assert_eq!(cells("x <brand> y"), ["x <brand> y"]);
        // Excel's quoted cell, its line break inside the quotes.
        let doc = read("表\n\t\t\"5.要求行政机关确认或重新\n出具已获取信息\"\t0\t1\n下文\n");
        let texts: Vec<Vec<&str>> = doc
            .lines
            .iter()
            .map(|l| l.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["表"],
                vec!["", "", "5.要求行政机关确认或重新出具已获取信息", "0", "1"],
                vec!["下文"]
            ]
        );
        let row = &doc.lines[1];
        assert_eq!((row.number, row.cells[2].column), (2, 4));
        assert_eq!((row.cells[3].line, row.cells[3].column), (3, 10));
        // A quote that never closes, or a tab row before it closes, is text as written.
        let doc = read("\t\"甲\n乙\t1\n");
        assert_eq!(doc.lines.len(), 2);
        let doc = read("\t\"甲\n乙\"\n");
        assert_eq!(doc.lines[0].cells[1].text, "甲乙");
        let doc = read("\"甲\n乙\"\n");
        assert_eq!(doc.lines.len(), 2, "no tab: not a row");
        // A line closing one quoted cell and opening the next.
        let doc = read("信息内容\t\"本年制\n发件数\"\t\"本年废\n止件数\"\t现行有效件数\n");
        assert_eq!(doc.lines.len(), 1);
        let texts: Vec<&str> = doc.lines[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        );
        let lines: Vec<u32> = doc.lines[0].cells.iter().map(|c| c.line).collect();
        assert_eq!(lines, [1, 1, 2, 3]);
    }

    #[test]
    fn columns_are_character_based() {
        let l = parse_line("规章\t12\t3", 1).unwrap();
        assert_eq!(
            l.cells.iter().map(|c| c.column).collect::<Vec<_>>(),
            [1, 4, 7]
        );
    }
}
