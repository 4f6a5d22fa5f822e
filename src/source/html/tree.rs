//! A small document tree built from tokens with the parts of the HTML tree-building rules that
//! matter for reading text: void elements, implied end tags (p, li, td, tr…), implied table rows,
//! end tags that close what is open inside them, and stray end tags ignored. Nodes live in an
//! arena in document order, so a parent always comes before its children. Names, attributes and
//! text borrow from the source where they can.

use crate::source::markup::{Attrs, Token, Tokenizer};
use std::borrow::Cow;

#[derive(Clone, Debug)]
pub enum Kind<'a> {
    Element {
        /// Lowercase.
        name: Cow<'a, str>,
        attrs: Attrs<'a>,
    },
    Text(Cow<'a, str>),
}

/// A node and its links: children as a chain of siblings, so that building the tree allocates
/// nothing per parent (0 ends a chain: the document is nobody's child).
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub kind: Kind<'a>,
    pub parent: usize,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
}

/// The tree; node 0 is the document.
pub struct Tree<'a> {
    pub nodes: Vec<Node<'a>>,
    /// [`MAX_NODES`] was reached: later elements were left out (their text was kept).
    pub truncated: bool,
}

/// Nesting deeper than this is flattened, so walks over the tree stay shallow.
pub const MAX_DEPTH: usize = 200;
/// Nodes in a tree. A real page holds a node per 50 bytes or more (a 50 MB page: one million);
/// past this, start tags are ignored (a page of bare tags cannot cost gigabytes).
pub const MAX_NODES: usize = 2_000_000;
/// Steps of the searches of the stack of open elements, per document: the usual search ends
/// within a few elements; a hostile page (200 open elements, then millions of end tags no one
/// opened) cannot cost more than this. Past it, end tags and implied ends are ignored.
const MAX_STEPS: usize = 50_000_000;

/// Elements whose being open is counted (the names the tree-building rules search for): for
/// them, "is one open?" is answered in O(1) without searching the stack.
const TRACKED: &[&str] = &[
    "p", "li", "dd", "dt", "td", "th", "tr", "table", "a", "h1", "h2", "h3", "h4", "h5", "h6",
];

fn tracked(name: &str) -> Option<usize> {
    TRACKED.iter().position(|t| *t == name)
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
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
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

impl<'a> Tree<'a> {
    // Called once: inlined, it costs the WebAssembly module nothing.
    #[inline]
    pub fn parse(src: &'a str) -> Tree<'a> {
        // About a node per 64 bytes of a real page: grown once or twice, not a dozen times.
        let mut nodes = Vec::with_capacity((src.len() / 64).clamp(16, 1 << 16));
        nodes.push(Node {
            kind: Kind::Element {
                name: Cow::Borrowed("#document"),
                attrs: Attrs::default(),
            },
            parent: 0,
            first_child: 0,
            last_child: 0,
            next_sibling: 0,
        });
        let mut b = Builder {
            nodes,
            stack: vec![0],
            open_count: [0; TRACKED.len()],
            steps: 0,
            truncated: false,
        };
        for token in Tokenizer::new(src) {
            match token {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => b.start(lower(name), attrs, self_closing),
                Token::End { name } => b.end(&lower(name)),
                Token::Text(t) => b.text(t),
            }
        }
        Tree {
            nodes: b.nodes,
            truncated: b.truncated,
        }
    }

    /// The children of node `i`, in document order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.nodes[i].first_child as usize;
        std::iter::from_fn(move || {
            let c = next;
            (c != 0).then(|| {
                next = self.nodes[c].next_sibling as usize;
                c
            })
        })
    }

    pub fn name(&self, i: usize) -> Option<&str> {
        match &self.nodes[i].kind {
            Kind::Element { name, .. } => Some(name),
            Kind::Text(_) => None,
        }
    }

    /// An element's attributes.
    pub fn attrs(&self, i: usize) -> Option<Attrs<'a>> {
        match &self.nodes[i].kind {
            Kind::Element { attrs, .. } => Some(*attrs),
            Kind::Text(_) => None,
        }
    }

    /// An attribute's value; `key` is lowercase.
    pub fn attr(&self, i: usize, key: &str) -> Option<Cow<'a, str>> {
        match &self.nodes[i].kind {
            Kind::Element { attrs, .. } => attrs.get(key),
            Kind::Text(_) => None,
        }
    }

    /// The first element with this name, in document order.
    pub fn find(&self, name: &str) -> Option<usize> {
        (0..self.nodes.len()).find(|&i| self.name(i) == Some(name))
    }

    /// True when `i` is `ancestor` or lies inside it.
    pub fn is_within(&self, mut i: usize, ancestor: usize) -> bool {
        loop {
            if i == ancestor {
                return true;
            }
            if i == 0 {
                return false;
            }
            i = self.nodes[i].parent;
        }
    }
}

/// A name lowercased (borrowed when it already is, as it mostly is).
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    stack: Vec<usize>,
    /// How many of each [`TRACKED`] element are on `stack`.
    open_count: [u32; TRACKED.len()],
    /// Steps spent searching `stack` ([`MAX_STEPS`]).
    steps: usize,
    truncated: bool,
}

impl<'a> Builder<'a> {
    fn current(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn name(&self, i: usize) -> &str {
        match &self.nodes[i].kind {
            Kind::Element { name, .. } => name,
            Kind::Text(_) => "",
        }
    }

    /// Position in the stack of the nearest open `names`, not looking past `boundary` elements.
    fn open(&mut self, names: &[&str], boundary: &[&str]) -> Option<usize> {
        // None of them open: known without a search.
        if names
            .iter()
            .all(|n| tracked(n).is_some_and(|t| self.open_count[t] == 0))
        {
            return None;
        }
        for (pos, &i) in self.stack.iter().enumerate().rev() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return None;
            }
            let n = self.name(i);
            if names.contains(&n) {
                return Some(pos);
            }
            if boundary.contains(&n) {
                return None;
            }
        }
        None
    }

    /// Closes the elements from stack position `pos` up (never the document).
    fn close_to(&mut self, pos: usize) {
        while self.stack.len() > pos.max(1) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if let Some(i) = self.stack.pop() {
            if let Some(t) = tracked(self.name(i)) {
                self.open_count[t] -= 1;
            }
        }
    }

    fn append(&mut self, kind: Kind<'a>) -> usize {
        let parent = self.current();
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            first_child: 0,
            last_child: 0,
            next_sibling: 0,
        });
        // Fewer than MAX_NODES + 1 nodes: an id fits in u32.
        let link = id as u32;
        let last = self.nodes[parent].last_child as usize;
        if last == 0 {
            self.nodes[parent].first_child = link;
        } else {
            self.nodes[last].next_sibling = link;
        }
        self.nodes[parent].last_child = link;
        id
    }

    fn push_element(&mut self, name: Cow<'a, str>, attrs: Attrs<'a>) -> usize {
        let t = tracked(&name);
        let id = self.append(Kind::Element { name, attrs });
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if let Some(t) = t {
                self.open_count[t] += 1;
            }
        }
        id
    }

    fn start(&mut self, name: Cow<'a, str>, attrs: Attrs<'a>, self_closing: bool) {
        const TABLE_SCOPE: &[&str] = &["table", "html"];
        const CELL_SCOPE: &[&str] = &["td", "th", "table", "caption", "button", "html"];
        if self.nodes.len() >= MAX_NODES {
            self.truncated = true;
            return;
        }
        let n: &str = &name;
        if CLOSES_P.contains(&n) {
            if let Some(p) = self.open(&["p"], CELL_SCOPE) {
                self.close_to(p);
            }
        }
        match n {
            "li" => {
                if let Some(p) = self.open(&["li"], &["ol", "ul", "menu", "td", "th", "table"]) {
                    self.close_to(p);
                }
            }
            "dd" | "dt" => {
                if let Some(p) = self.open(&["dd", "dt"], &["dl", "td", "th", "table"]) {
                    self.close_to(p);
                }
            }
            "td" | "th" => {
                if let Some(p) = self.open(&["td", "th"], &["tr", "table"]) {
                    self.close_to(p);
                }
                if self.open(&["tr"], TABLE_SCOPE).is_none() && self.open(&["table"], &[]).is_some()
                {
                    self.start(Cow::Borrowed("tr"), Attrs::default(), false);
                }
            }
            "tr" => {
                if let Some(p) = self.open(&["tr"], TABLE_SCOPE) {
                    self.close_to(p);
                }
            }
            "thead" | "tbody" | "tfoot" => {
                // A new section closes whatever is open inside the table.
                if let Some(t) = self.open(&["table"], &[]) {
                    self.close_to(t + 1);
                }
            }
            "a" => {
                if let Some(p) = self.open(&["a"], CELL_SCOPE) {
                    self.close_to(p);
                }
            }
            // A heading does not nest in a heading.
            h if HEADINGS.contains(&h) && HEADINGS.contains(&self.name(self.current())) => {
                self.pop();
            }
            _ => {}
        }
        let void = VOID.contains(&n);
        let id = self.push_element(name, attrs);
        if (void || self_closing) && self.current() == id {
            self.pop();
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            // Browsers read </br> as <br>.
            "br" => self.start(Cow::Borrowed("br"), Attrs::default(), true),
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "table" | "caption" => {
                if let Some(p) = self.open(&[name], &["table", "html"]) {
                    self.close_to(p);
                }
            }
            h if HEADINGS.contains(&h) => {
                if let Some(p) = self.open(HEADINGS, &["td", "th", "table", "html"]) {
                    self.close_to(p);
                }
            }
            _ => {
                if let Some(p) = self.open(&[name], &["td", "th", "table", "caption", "html"]) {
                    self.close_to(p);
                }
            }
        }
    }

    fn text(&mut self, t: Cow<'a, str>) {
        let parent = self.current();
        let last = self.nodes[parent].last_child as usize;
        if last != 0 {
            if let Kind::Text(prev) = &mut self.nodes[last].kind {
                prev.to_mut().push_str(&t);
                return;
            }
        }
        self.append(Kind::Text(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree: elements as name(children), text as 'text'.
    fn show(t: &Tree, i: usize) -> String {
        match &t.nodes[i].kind {
            Kind::Text(s) => format!("'{s}'"),
            Kind::Element { name, .. } => {
                let inner: Vec<String> = t.children(i).map(|c| show(t, c)).collect();
                if inner.is_empty() {
                    name.to_string()
                } else {
                    format!("{name}({})", inner.join(" "))
                }
            }
        }
    }
    fn parse(s: &str) -> String {
        let t = Tree::parse(s);
        let inner: Vec<String> = t.children(0).map(|c| show(&t, c)).collect();
        inner.join(" ")
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(parse("<p>a<p>b<div>c</div>"), "p('a') p('b') div('c')");
        assert_eq!(parse("<ul><li>a<li>b</ul>"), "ul(li('a') li('b'))");
        assert_eq!(
            parse("<table><tr><td>a<td>b<tr><td>c</table>x"),
            "table(tr(td('a') td('b')) tr(td('c'))) 'x'"
        );
        // A cell without a row gets one; tbody closes rows.
        assert_eq!(
            parse("<table><tbody><td>a</td><tbody><tr><td>b</table>"),
            "table(tbody(tr(td('a'))) tbody(tr(td('b'))))"
        );
    }

    #[test]
    fn nested_tables_and_stray_end_tags() {
        assert_eq!(
            parse("<table><tr><td><table><tr><td>in</td></tr></table>out</td></tr></table>"),
            "table(tr(td(table(tr(td('in'))) 'out')))"
        );
        // </span> inside a cell cannot close a span outside the table.
        assert_eq!(
            parse("<span><table><tr><td>a</span>b</td></tr></table>c</span>"),
            "span(table(tr(td('ab'))) 'c')"
        );
        assert_eq!(parse("a</p></div>b<br>c</br>d"), "'ab' br 'c' br 'd'");
    }

    #[test]
    fn void_and_self_closing() {
        assert_eq!(parse("<img src=x>a<o:p/>b<hr>c"), "img 'a' o:p 'b' hr 'c'");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let s = "<div>".repeat(10_000) + "x";
        let t = Tree::parse(&s);
        assert_eq!(t.nodes.len(), 10_002);
        let mut depth = 0;
        let mut i = t.nodes.len() - 1;
        while i != 0 {
            i = t.nodes[i].parent;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH);
    }
}
