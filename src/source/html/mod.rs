//! The HTML reader: saved web pages, pages saved from Word or WPS, and clipboard HTML from office
//! suites and browsers. The page is parsed into a small tree; on a whole web page the element
//! that holds the document (most of the page's text that is not link text) is chosen, so site
//! navigation, scripts, forms and footers are left out; its text is laid out as paragraphs,
//! headings and tables with merged cells expanded (see [`super::blocks`]).

pub mod charset;
mod content;
mod tree;

use super::blocks::{self, Block, TableCell};
use super::numfmt::{self, NumFmt};
use super::{Document, InputFormat};
use content::Stats;
use tree::{Kind, Tree};

/// Reads decoded HTML.
pub fn read(src: &str) -> Document {
    let tree = Tree::parse(strip_clipboard_header(src));
    let stats = Stats::compute(&tree);
    let root = content::container(&tree, &stats);
    let mut flow = Flow::new(&tree, &stats);
    if let Some(title) = content::title_outside(&tree, &stats, root) {
        flow.out.push(Block::Para {
            text: title,
            heading: Some(1),
        });
    }
    flow.walk(root, true);
    flow.flush();
    let mut doc = blocks::layout(&flow.out, InputFormat::Html);
    if tree.truncated {
        doc.notes.push(format!(
            "网页元素过多（超过 {} 个），其后的标签被忽略（文字保留）",
            tree::MAX_NODES
        ));
    }
    doc
}

/// Positions of `byte` in `hay`.
fn memchr_all(hay: &[u8], byte: u8) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(byte, hay)
}

/// True when decoded text is HTML rather than plain text: a document or clipboard fragment
/// (output.md: `<html`/`<table` near the start; clipboard HTML begins with markup such as
/// `<meta`, `<!--StartFragment`, `<p`, `<div`, `<span`).
pub fn looks_like_html(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(4096)];
    let has = |needle: &[u8]| {
        head.windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    // Plain text rarely holds a '<': look for tags only where one stands.
    let tag = |needle: &[u8]| {
        memchr_all(head, b'<').any(|i| {
            head[i..].len() >= needle.len()
                && head[i..i + needle.len()].eq_ignore_ascii_case(needle)
        })
    };
    if tag(b"<html") || tag(b"<table") || tag(b"</table>") {
        return true;
    }
    let start = head
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(head.len());
    let t = head[start..]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&head[start..]);
    let starts = |p: &[u8]| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"version:") && has(b"starthtml:") {
        return true; // the Windows clipboard's CF_HTML header
    }
    const OPENERS: &[&str] = &[
        "<!doctype",
        "<!--",
        "<?xml",
        "<meta",
        "<head",
        "<body",
        "<style",
        "<title",
        "<link",
        "<p",
        "<div",
        "<span",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<ol",
        "<ul",
        "<li",
        "<font",
        "<b>",
        "<strong",
        "<br",
        "<section",
        "<article",
        "<center",
        "<o:p",
    ];
    OPENERS.iter().any(|o| {
        let o = o.as_bytes();
        // "<p" must be a tag ("<p>", "<p class"), not the start of a word ("<paste>").
        starts(o)
            && (!o[o.len() - 1].is_ascii_alphanumeric()
                || t.get(o.len()).is_some_and(|c| !c.is_ascii_alphanumeric()))
    })
}

/// The Windows clipboard prefixes HTML with "Version:0.9 StartHTML:… EndHTML:…" lines.
fn strip_clipboard_header(src: &str) -> &str {
    let t = src.trim_start_matches('\u{FEFF}');
    if t.starts_with("Version:") && t.contains("StartHTML:") {
        if let Some(i) = t.find('<') {
            return &t[i..];
        }
    }
    t
}

/// Elements whose content is never part of the document text.
const DROPPED: &[&str] = &[
    "head", "script", "style", "title", "noscript", "template", "iframe", "frame", "object",
    "embed", "applet", "svg", "math", "select", "option", "button", "input", "textarea", "canvas",
    "audio", "video", "map", "datalist", "xml", "meta", "link",
];

/// Page furniture: left out inside the chosen container (unless it holds a table).
const FURNITURE: &[&str] = &["nav", "aside", "footer", "form", "menu"];

/// Elements that start a new line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "tr",
    "td",
    "th",
];

/// Hidden by its attributes (`hidden`, `display:none`, Word's `mso-hide:all`).
fn is_hidden(tree: &Tree, i: usize) -> bool {
    let Some(attrs) = tree.attrs(i) else {
        return false;
    };
    if !attrs.may_have("hidden") && !attrs.may_have("style") {
        return false;
    }
    // One pass over the attributes: `hidden` anywhere, and the first `style` (the only value
    // decoded).
    let mut style = None;
    for (name, value) in attrs.raw() {
        if name.eq_ignore_ascii_case("hidden") {
            return true;
        }
        if style.is_none() && name.eq_ignore_ascii_case("style") {
            style = Some(value);
        }
    }
    style.is_some_and(|raw| {
        let s = crate::source::markup::entities::decode(raw);
        [&b"display:none"[..], b"mso-hide:all", b"visibility:hidden"]
            .iter()
            .any(|needle| squashed_contains(&s, needle))
    })
}

/// True when `s`, with its white space removed and ASCII lowercased, contains `needle`
/// (lowercase ASCII), without building that string.
fn squashed_contains(s: &str, needle: &[u8]) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(needle[0], needle[0].to_ascii_uppercase(), b).any(|start| {
        let mut i = start;
        for &want in needle {
            loop {
                let Some(&c) = b.get(i) else {
                    return false;
                };
                if c.is_ascii() {
                    i += 1;
                    if (c as char).is_whitespace() {
                        continue;
                    }
                    if c.to_ascii_lowercase() != want {
                        return false;
                    }
                    break;
                }
                // A non-ASCII character: skipped when it is white space, else no match.
                match s[i..].chars().next() {
                    Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                    _ => return false,
                }
            }
        }
        true
    })
}

/// What the reader never shows: dropped elements and hidden ones. (Worked out once per node,
/// in [`Stats::compute`]; read from `Stats::skipped` afterwards.)
fn is_skipped(tree: &Tree, i: usize) -> bool {
    tree.name(i).is_some_and(|n| DROPPED.contains(&n)) || is_hidden(tree, i)
}

/// An open list: its number format and next counter (None for bullets).
struct List {
    fmt: NumFmt,
    next: u32,
    ordered: bool,
}

/// Turns the tree under the container into blocks.
struct Flow<'t> {
    tree: &'t Tree<'t>,
    stats: &'t Stats,
    out: Vec<Block>,
    buf: String,
    space: bool,
    heading: Option<u8>,
    pre: u32,
    lists: Vec<List>,
    /// A list item's number, shown before the item's first text (which may be in a nested
    /// block, as in `<li><h2>…</h2></li>`).
    marker: Option<String>,
}

impl<'t> Flow<'t> {
    fn new(tree: &'t Tree<'t>, stats: &'t Stats) -> Self {
        Flow {
            tree,
            stats,
            out: Vec::new(),
            buf: String::new(),
            space: false,
            heading: None,
            pre: 0,
            lists: Vec::new(),
            marker: None,
        }
    }

    fn flush(&mut self) {
        self.space = false;
        if self.buf.trim().is_empty() {
            self.buf.clear();
            return;
        }
        let text = std::mem::take(&mut self.buf);
        self.out.push(Block::Para {
            text,
            heading: self.heading,
        });
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            if let Some(m) = self.marker.take() {
                self.buf.push_str(&m);
            }
            self.buf.push_str(&super::text::unify_line_ends(t));
            return;
        }
        // Collapsible white space, and the no-break spaces office HTML pads cells with (U+00A0,
        // C2 A0: 0xC2 is always a lead byte). Runs between them are copied whole.
        let b = t.as_bytes();
        let (mut start, mut i) = (0, 0);
        loop {
            // Bytes of white space at i (0: none; the end counts as white space).
            let n = match b.get(i) {
                None => 1,
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') => 1,
                Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
                Some(_) => 0,
            };
            if n == 0 {
                i += 1;
                continue;
            }
            if start < i {
                if let Some(m) = self.marker.take() {
                    self.buf.push_str(&m);
                    self.space = false;
                }
                if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.buf.push_str(&t[start..i]);
                self.space = false;
            }
            if i >= b.len() {
                return;
            }
            self.space = true;
            i += n;
            start = i;
        }
    }

    fn children(&mut self, i: usize) {
        let tree = self.tree;
        for c in tree.children(i) {
            self.walk(c, false);
        }
    }

    fn walk(&mut self, i: usize, root: bool) {
        let tree = self.tree;
        let node = &tree.nodes[i];
        let name = match &node.kind {
            Kind::Text(t) => {
                self.text(t);
                return;
            }
            Kind::Element { name, .. } => name.as_ref(),
        };
        if !root && (self.stats.skipped[i] || self.is_furniture(i, name)) {
            return;
        }
        match name {
            "br" => {
                self.buf.push('\n');
                self.space = false;
            }
            "table" => {
                self.flush();
                self.table(i);
            }
            "img" => {}
            _ if BLOCK.contains(&name) => {
                self.flush();
                let saved = self.heading;
                if let Some(level) = name
                    .strip_prefix('h')
                    .and_then(|d| d.parse::<u8>().ok())
                    .filter(|l| (1..=6).contains(l))
                {
                    self.heading = Some(level);
                }
                let is_list = matches!(name, "ol" | "ul" | "menu" | "dir");
                if is_list {
                    self.lists.push(self.list(i, name == "ol"));
                }
                if name == "pre" {
                    self.pre += 1;
                }
                if name == "li" {
                    self.marker(i);
                }
                self.children(i);
                self.flush();
                if name == "li" {
                    self.marker = None;
                }
                if name == "pre" {
                    self.pre -= 1;
                }
                if is_list {
                    self.lists.pop();
                }
                self.heading = saved;
            }
            _ => self.children(i),
        }
    }

    /// Navigation and other furniture inside the container: dropped unless it holds a table.
    /// Blocks made mostly of links (menus, "related articles") are dropped too.
    fn is_furniture(&self, i: usize, name: &str) -> bool {
        let s = &self.stats.of[i];
        if FURNITURE.contains(&name) {
            return s.tables == 0;
        }
        matches!(name, "ul" | "ol" | "div" | "section" | "dl" | "header")
            && s.tables == 0
            && s.links >= 2
            && s.link_chars * 2 >= s.chars
    }

    fn list(&self, i: usize, ordered: bool) -> List {
        let css = self.tree.attr(i, "style").and_then(|s| {
            s.split(';').find_map(|decl| {
                let (k, v) = decl.split_once(':')?;
                let k = k.trim().to_ascii_lowercase();
                (k == "list-style-type" || k == "list-style")
                    .then(|| v.split_whitespace().find_map(NumFmt::from_html))
                    .flatten()
            })
        });
        let fmt = css
            .or_else(|| {
                self.tree
                    .attr(i, "type")
                    .and_then(|t| NumFmt::from_html(t.trim()))
            })
            .unwrap_or(if ordered {
                NumFmt::Decimal
            } else {
                NumFmt::Bullet
            });
        let start = self
            .tree
            .attr(i, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        List {
            fmt,
            next: start,
            ordered,
        }
    }

    /// The number a browser shows before an ordered list item.
    fn marker(&mut self, li: usize) {
        let value = self
            .tree
            .attr(li, "value")
            .and_then(|v| v.trim().parse().ok());
        let Some(list) = self.lists.last_mut() else {
            return;
        };
        if let Some(v) = value {
            list.next = v;
        }
        let n = list.next;
        list.next = list.next.saturating_add(1);
        if !list.ordered && list.fmt == NumFmt::Bullet || list.fmt == NumFmt::None {
            return;
        }
        let number = numfmt::format(n, list.fmt);
        if number.is_empty() {
            return;
        }
        let sep = if list.fmt.is_cjk() { "、" } else { ". " };
        self.marker = Some(number + sep);
    }

    fn table(&mut self, t: usize) {
        let mut rows: Vec<Vec<TableCell>> = Vec::new();
        let mut before = Flow::new(self.tree, self.stats);
        self.collect_rows(t, &mut rows, &mut before);
        before.flush();
        self.out.append(&mut before.out);
        self.out.push(Block::Table(rows));
    }

    /// Rows of table `i` (through thead/tbody/tfoot); captions and stray content go to `before`.
    fn collect_rows(&self, i: usize, rows: &mut Vec<Vec<TableCell>>, before: &mut Flow<'t>) {
        for c in self.tree.children(i) {
            if self.stats.skipped[c] {
                continue;
            }
            match self.tree.name(c) {
                Some("tr") => rows.push(self.row(c, before)),
                Some("thead" | "tbody" | "tfoot") => self.collect_rows(c, rows, before),
                Some("colgroup" | "col") => {}
                _ => {
                    before.walk(c, false);
                    before.flush();
                }
            }
        }
    }

    /// The cells of row `tr`. What a row holds outside its cells (text, or elements the tree
    /// left there) a browser shows before the table: it goes to `before`.
    fn row(&self, tr: usize, before: &mut Flow<'t>) -> Vec<TableCell> {
        let mut cells = Vec::new();
        for c in self.tree.children(tr) {
            // (A cell is never dropped by name: skipped means hidden.)
            if self.stats.skipped[c] {
                continue;
            }
            if !matches!(self.tree.name(c), Some("td" | "th")) {
                before.walk(c, false);
                before.flush();
                continue;
            }
            let mut sub = Flow::new(self.tree, self.stats);
            sub.children(c);
            sub.flush();
            let span = |a: &str| {
                self.tree
                    .attr(c, a)
                    .and_then(|v| {
                        let d: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
                        d.parse::<usize>().ok()
                    })
                    .unwrap_or(1)
            };
            cells.push(TableCell {
                blocks: sub.out,
                colspan: span("colspan").max(1),
                rowspan: span("rowspan").max(1),
                covered: false,
            });
        }
        cells
    }
}

#[cfg(test)]
mod tests;
