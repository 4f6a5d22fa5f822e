//! Reading WordprocessingML with the shared markup tokenizer: elements are compared by local
//! name (the `w:` prefix varies between producers), attributes by local name. Events borrow
//! from the part's text.

use crate::source::markup::{Attrs, Token, Tokenizer};
use std::borrow::Cow;

/// An XML event.
#[derive(Debug)]
pub enum Ev<'a> {
    /// A start tag, `empty` when self-closed.
    Start(Tag<'a>),
    End,
    Text(Cow<'a, str>),
}

#[derive(Debug)]
pub struct Tag<'a> {
    /// The local name, found once: it is compared often.
    name: &'a str,
    attrs: Attrs<'a>,
    pub empty: bool,
}

impl<'a> Tag<'a> {
    /// The local name (`w:tbl` → "tbl").
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// An attribute by local name (`w:val` → "val").
    pub fn attr(&self, key: &str) -> Option<Cow<'a, str>> {
        self.attrs.find(&|k| &k[local_start(k)..] == key)
    }

    /// `w:val` as a number.
    pub fn val_num(&self) -> Option<u32> {
        self.attr("val").and_then(|v| v.trim().parse().ok())
    }

    /// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
    pub fn toggle(&self) -> bool {
        !matches!(
            self.attr("val").as_deref(),
            Some("0" | "false" | "off" | "none")
        )
    }
}

/// Where the local name starts: after the last ':' (ASCII, so a character boundary).
fn local_start(name: &str) -> usize {
    let b = name.as_bytes();
    let mut i = b.len();
    while i > 0 && b[i - 1] != b':' {
        i -= 1;
    }
    i
}

/// The events of an XML part.
pub struct Reader<'a>(Tokenizer<'a>);

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Self {
        Reader(Tokenizer::xml(xml))
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        Some(match self.0.next()? {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => Ev::Start(Tag {
                name: &name[local_start(name)..],
                attrs,
                empty: self_closing,
            }),
            Token::End { .. } => Ev::End,
            Token::Text(t) => Ev::Text(t),
        })
    }
}
