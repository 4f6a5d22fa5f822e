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
                    Kind::Text(t) => {
                        of[i].chars += t.chars().filter(|c| !c.is_whitespace()).count()
                    }
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
                if !hidden_or_link[i]
                    && (in_data_table[i] || t.contains(['，', '。', '；', '！', '？']))
                {
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

/// The element that holds the document.
pub fn container(tree: &Tree, stats: &Stats) -> usize {
    let body = tree.find("body").unwrap_or(0);
    let total = &stats.of[body];
    if total.links < SITE_LINKS || total.content == 0 {
        return body;
    }
    let mut cur = body;
    loop {
        let next = tree.nodes[cur].children.iter().copied().find(|&c| {
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
    let title: String = tree.nodes[title_el]
        .children
        .iter()
        .filter_map(|&c| match &tree.nodes[c].kind {
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
    let has = |t: &String| parts.binary_search(t).is_ok();
    if parts.is_empty() {
        return None;
    }
    let text_of = |i: usize| match &tree.nodes[i].kind {
        Kind::Text(t) => Some(squash(t)),
        Kind::Element { .. } => None,
    };
    // Already inside the container: nothing to add.
    let inside = (container..tree.nodes.len())
        .take_while(|&i| tree.is_within(i, container))
        .filter_map(text_of)
        .any(|t| has(&t));
    if inside {
        return None;
    }
    (1..container)
        .rev()
        .filter(|&i| !stats.hidden_or_link[i])
        .filter_map(text_of)
        .find(has)
}

/// Whitespace collapsed and trimmed.
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() && c != '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
