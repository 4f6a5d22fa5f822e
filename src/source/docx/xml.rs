//! Reading WordprocessingML with the shared markup tokenizer: elements are compared by local
//! name (the `w:` prefix varies between producers), attributes by local name.

use crate::source::markup::{Token, Tokenizer};

/// An XML event.
#[derive(Debug)]
pub enum Ev {
    /// A start tag, `empty` when self-closed.
    Start(Tag),
    End,
    Text(String),
}

#[derive(Debug)]
pub struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    pub empty: bool,
}

impl Tag {
    /// The local name (`w:tbl` → "tbl").
    pub fn name(&self) -> &str {
        local(&self.name)
    }

    /// An attribute by local name (`w:val` → "val").
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| local(k) == key)
            .map(|(_, v)| v.as_str())
    }

    /// `w:val` as a number.
    pub fn val_num(&self) -> Option<u32> {
        self.attr("val").and_then(|v| v.trim().parse().ok())
    }

    /// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
    pub fn toggle(&self) -> bool {
        !matches!(self.attr("val"), Some("0" | "false" | "off" | "none"))
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The events of an XML part.
pub struct Reader<'a>(Tokenizer<'a>);

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Self {
        Reader(Tokenizer::xml(xml))
    }
}

impl Iterator for Reader<'_> {
    type Item = Ev;

    fn next(&mut self) -> Option<Ev> {
        Some(match self.0.next()? {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => Ev::Start(Tag {
                name,
                attrs,
                empty: self_closing,
            }),
            Token::End { .. } => Ev::End,
            Token::Text(t) => Ev::Text(t),
        })
    }
}
