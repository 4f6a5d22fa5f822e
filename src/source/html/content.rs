//! Finding the document inside a web page. A page saved from a website wraps the document in
//! navigation, search forms, related links and footers. A page with hardly any links is a
//! document or a clipboard fragment and is read whole. Otherwise the document is the deepest
//! element holding at least [`SHARE`] of the page's content text: text outside links that is
//! prose (it has sentence punctuation) or sits in a data table. Navigation is links; footers,
//! bylines and breadcrumbs are short labelled items without sentences. The document's title is
//! often printed just outside that element; it is recovered when the page's `<title>` names it.

use super::is_skipped;
use super::tree::{Kind, Tree};

/// Share of the page's non-link text the chosen element must hold.
const SHARE: f64 = 0.85;

/// Counts for one node's subtree (skipped subtrees count nothing).
#[derive(Clone, Copy, Default, Debug)]
pub struct Count {
    /// Visible non-whitespace characters.
    pub chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
    /// Links.
    pub links: usize,
    /// Tables.
    pub tables: usize,
    /// Content text: non-link characters of sentences and of data-table cells.
    pub content: usize,
}

/// Fewer links than this: not a website page.
const SITE_LINKS: usize = 3;

pub struct Stats {
    pub of: Vec<Count>,
    /// The node itself is skipped ([`is_skipped`]; not inherited).
    pub skipped: Vec<bool>,
    /// The node is skipped or lies inside a skipped or link element.
    pub hidden_or_link: Vec<bool>,
}

impl Stats {
    pub fn compute(tree: &Tree) -> Stats {
        let n = tree.nodes.len();
        let mut of = vec![Count::default(); n];
        let mut own = vec![false; n];
        let mut skipped = vec![false; n];
        let mut hidden_or_link = vec![false; n];
        // Parents precede children: one forward pass for inherited flags…
        for i in 1..n {
            let p = tree.nodes[i].parent;
            own[i] = is_skipped(tree, i);
            skipped[i] = skipped[p] || own[i];
            hidden_or_link[i] = hidden_or_link[p] || skipped[i] || tree.name(i) == Some("a");
        }
        // …one backward pass for sums…
        for i in (0..n).rev() {
            if skipped[i] {
                of[i] = Count::default();
            } else {
                match &tree.nodes[i].kind {
                    Kind::Text(t) => of[i].chars += visible_chars(t),
                    Kind::Element { name, .. } => {
                        if name == "a" {
                            of[i].link_chars = of[i].chars;
                            of[i].links += 1;
                        } else if name == "table" {
                            of[i].tables += 1;
                        }
                    }
                }
            }
            if i > 0 {
                let p = tree.nodes[i].parent;
                let c = of[i];
                let t = &mut of[p];
                t.chars += c.chars;
                t.link_chars += c.link_chars;
                t.links += c.links;
                t.tables += c.tables;
            }
        }
        // …and content text, which needs to know which tables hold no tables (data tables).
        let mut in_data_table = vec![false; n];
        for i in 1..n {
            let p = tree.nodes[i].parent;
            in_data_table[i] =
                in_data_table[p] || (tree.name(i) == Some("table") && of[i].tables == 1);
        }
        for i in (1..n).rev() {
            if let Kind::Text(t) = &tree.nodes[i].kind {
                if !hidden_or_link[i] && (in_data_table[i] || has_sentence_mark(t)) {
                    of[i].content = of[i].chars;
                }
            }
            let c = of[i].content;
            of[tree.nodes[i].parent].content += c;
        }
        Stats {
            of,
            skipped: own,
            hidden_or_link,
        }
    }
}

/// Characters that are not white space: character starts that are not ASCII white space (a
/// count that vectorises), less the non-ASCII white space, whose lead bytes are C2, E1, E2 and
/// E3 (and in E3's block only U+3000, E3 80 80).
pub(super) fn visible_chars(t: &str) -> usize {
    let b = t.as_bytes();
    let starts = b
        .iter()
        .filter(|&&c| !matches!(c, b'\t'..=b'\r' | b' ' | 0x80..=0xBF))
        .count();
    let wide = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| match c {
            0xC2 | 0xE1 | 0xE2 => t[i..].chars().next().is_some_and(char::is_whitespace),
            0xE3 => b[i..].starts_with(&[0xE3, 0x80, 0x80]),
            _ => false,
        })
        .count();
    starts - wide
}

/// Holds sentence punctuation (，。；！？), found by their lead bytes.
pub(super) fn has_sentence_mark(t: &str) -> bool {
    let b = t.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i], 0xEF | 0xE3)
            && ["，", "。", "；", "！", "？"]
                .iter()
                .any(|m| b[i..].starts_with(m.as_bytes()))
    })
}

/// The element that holds the document.
pub fn container(tree: &Tree, stats: &Stats) -> usize {
    let body = tree.find("body").unwrap_or(0);
    let total = &stats.of[body];
    if total.links < SITE_LINKS || total.content == 0 {
        return body;
    }
    let mut cur = body;
    loop {
        let next = tree.children(cur).find(|&c| {
            matches!(tree.nodes[c].kind, Kind::Element { .. })
                && stats.of[c].content as f64 >= SHARE * total.content as f64
        });
        match next {
            // A data table is part of the document, not its container.
            Some(c) if tree.name(c) == Some("table") && stats.of[c].tables == 1 => return cur,
            Some(c) => cur = c,
            None => return cur,
        }
    }
}

/// The document's title when it stands outside the container: a text before the container that
/// equals a part of the page's `<title>` ("标题_栏目_网站").
pub fn title_outside(tree: &Tree, stats: &Stats, container: usize) -> Option<String> {
    let title_el = tree.find("title")?;
    let title: String = tree
        .children(title_el)
        .filter_map(|c| match &tree.nodes[c].kind {
            Kind::Text(t) => Some(t.as_ref()),
            Kind::Element { .. } => None,
        })
        .collect();
    // A sorted set (binary search: each of the page's text nodes is looked up in log time; no
    // map code in the wasm module).
    let mut parts: Vec<String> = title
        .split(['_', '|', '｜', '—', '–'])
        .flat_map(|p| p.split(" - "))
        .map(squash)
        .filter(|p| p.chars().count() >= 4)
        .collect();
    parts.sort_unstable();
    parts.dedup();
    // Text nodes are squashed into one buffer (a page has thousands of them), and no further
    // than the longest part.
    let longest = parts.iter().map(String::len).max()?;
    let mut buf = String::new();
    let mut is_part = |i: usize| match &tree.nodes[i].kind {
        Kind::Text(t) => squash_into(&mut buf, t, longest) && parts.binary_search(&buf).is_ok(),
        Kind::Element { .. } => false,
    };
    // Already inside the container: nothing to add.
    let inside = (container..tree.nodes.len())
        .take_while(|&i| tree.is_within(i, container))
        .any(&mut is_part);
    if inside {
        return None;
    }
    (1..container)
        .rev()
        .filter(|&i| !stats.hidden_or_link[i])
        .find(|&i| is_part(i))?;
    // The text found, squashed.
    Some(buf)
}

/// Whitespace collapsed and trimmed.
fn squash(s: &str) -> String {
    let mut out = String::new();
    squash_into(&mut out, s, usize::MAX);
    out
}

/// [`squash`] into `out` (cleared first): runs of white space other than the ideographic space
/// become one space, none at either end. False, with `out` unfinished, once it would be longer
/// than `cap` bytes.
fn squash_into(out: &mut String, s: &str, cap: usize) -> bool {
    out.clear();
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if out.len() + c.len_utf8() > cap {
            return false;
        }
        out.push(c);
    }
    true
}
