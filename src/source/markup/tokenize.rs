//! A forgiving HTML tokenizer: start and end tags with attributes, text with character references
//! decoded, comments and declarations skipped. Conditional comments from Word (`<!--[if …]>…
//! <![endif]-->`) are comments; downlevel-revealed ones (`<![if …]>`) are declarations, so their
//! content shows, as in a browser. Script, style and the other raw-text elements are read up to
//! their end tag without looking for markup inside.
//!
//! In XML mode (the parts of a .docx) names keep their case, there are no raw-text elements and
//! CDATA sections are text: one small tokenizer serves both readers, which keeps the WebAssembly
//! module smaller than an XML crate would.
//!
//! Tokens borrow from the source: names and text are slices unless lowercasing or a character
//! reference changes them, and attributes are kept as their source span, read when asked for
//! (most tags of a .docx are never asked). Scanning works on bytes: every delimiter is ASCII, so
//! a byte position found is always a character boundary.

use super::entities;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    Start {
        /// Lowercase in HTML.
        name: Cow<'a, str>,
        attrs: Attrs<'a>,
        self_closing: bool,
    },
    End {
        name: Cow<'a, str>,
    },
    Text(Cow<'a, str>),
}

/// The attributes of a start tag, as written: parsed again on each lookup, which costs less
/// than building a list for every tag.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Attrs<'a> {
    src: &'a str,
    xml: bool,
}

impl<'a> Attrs<'a> {
    /// Attributes as `(name, raw value)` in source order, names as written (duplicates too).
    fn raw(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        let mut scan = Scan::new(self.src);
        let src = self.src;
        std::iter::from_fn(move || {
            let (name, value) = scan.attr()?;
            Some((&src[name.0..name.1], &src[value.0..value.1]))
        })
    }

    /// The value of the first attribute whose name, as written, satisfies `pred` (the first
    /// of a name counts, as in a browser).
    pub fn find(&self, pred: &dyn Fn(&str) -> bool) -> Option<Cow<'a, str>> {
        self.raw()
            .find(|(name, _)| pred(name))
            .map(|(_, value)| entities::decode(value))
    }

    /// The value of attribute `key`; in HTML `key` is lowercase and names match in any case.
    pub fn get(&self, key: &str) -> Option<Cow<'a, str>> {
        if self.xml {
            self.find(&|name| name == key)
        } else {
            self.find(&|name| name.eq_ignore_ascii_case(key))
        }
    }

    /// Every attribute in source order, duplicates included: names as written, values decoded.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> {
        self.raw()
            .map(|(name, value)| (name, entities::decode(value)))
    }

    /// True in XML mode (names keep their case).
    pub fn is_xml(&self) -> bool {
        self.xml
    }
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Attribute syntax, shared by the tokenizer (to find where a tag ends) and by lookups (which
/// scan the tag's attribute span again and so see exactly what the tokenizer saw).
struct Scan<'a> {
    b: &'a [u8],
    pos: usize,
    /// The last thing read was a `/` just before `>`.
    self_closing: bool,
}

impl<'a> Scan<'a> {
    fn new(s: &'a str) -> Self {
        Scan {
            b: s.as_bytes(),
            pos: 0,
            self_closing: false,
        }
    }

    fn skip_ws(&mut self) {
        while self.b.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    /// The next attribute's name and value as byte ranges; None at the tag's `>` (left at
    /// `pos`) or at the end of the input.
    fn attr(&mut self) -> Option<((usize, usize), (usize, usize))> {
        loop {
            self.skip_ws();
            match self.b.get(self.pos)? {
                b'>' => return None,
                b'/' => {
                    self.pos += 1;
                    self.self_closing = self.b.get(self.pos) == Some(&b'>');
                }
                _ => break,
            }
        }
        // The first byte is part of the name even when it is '='.
        let start = self.pos;
        self.pos += 1;
        while let Some(&c) = self.b.get(self.pos) {
            if c.is_ascii_whitespace() || matches!(c, b'>' | b'/' | b'=') {
                break;
            }
            self.pos += 1;
        }
        let name = (start, self.pos);
        self.skip_ws();
        let mut value = (self.pos, self.pos);
        if self.b.get(self.pos) == Some(&b'=') {
            self.pos += 1;
            self.skip_ws();
            let from = self.pos;
            match self.b.get(from) {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = self.b.len();
                    let end = memchr(q, &self.b[from + 1..]).map_or(len, |i| from + 1 + i);
                    value = (from + 1, end);
                    self.pos = (end + 1).min(len);
                }
                _ => {
                    while let Some(&c) = self.b.get(self.pos) {
                        if c.is_ascii_whitespace() || c == b'>' {
                            break;
                        }
                        self.pos += 1;
                    }
                    value = (from, self.pos);
                }
            }
        }
        Some((name, value))
    }
}

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the name whose end tag ends the text.
    raw: Option<&'static str>,
    xml: bool,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
            xml: false,
        }
    }

    /// A tokenizer for XML: case-sensitive names, CDATA sections.
    pub fn xml(src: &'a str) -> Self {
        Tokenizer {
            xml: true,
            ..Tokenizer::new(src)
        }
    }

    fn bytes(&self) -> &'a [u8] {
        &self.src.as_bytes()[self.pos..]
    }

    /// Skips past `needle` (or to the end).
    fn skip_past(&mut self, needle: &[u8]) {
        match find(self.bytes(), needle) {
            Some(i) => self.pos += i + needle.len(),
            None => self.pos = self.src.len(),
        }
    }

    fn raw_text(&mut self, name: &str) -> Cow<'a, str> {
        let rest = self.bytes();
        let mut end = rest.len();
        let mut i = 0;
        while let Some(off) = memchr(b'<', &rest[i..]) {
            let at = i + off;
            let tail = &rest[at..];
            if tail.len() >= 2 + name.len()
                && tail[1] == b'/'
                && tail[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
                && tail
                    .get(2 + name.len())
                    .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            {
                end = at;
                break;
            }
            i = at + 1;
        }
        let text = &self.src[self.pos..self.pos + end];
        self.pos += end;
        if name == "textarea" || name == "title" {
            entities::decode(text)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A tag name, lowercased in HTML (borrowed when already lowercase, as it mostly is).
    fn tag_name(&mut self) -> Cow<'a, str> {
        let len = self
            .bytes()
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .unwrap_or(self.src.len() - self.pos);
        let name = &self.src[self.pos..self.pos + len];
        self.pos += len;
        if self.xml || !name.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(name.to_ascii_lowercase())
        }
    }

    fn start_tag(&mut self) -> Token<'a> {
        let name = self.tag_name();
        let rest = &self.src[self.pos..];
        let mut scan = Scan::new(rest);
        while scan.attr().is_some() {}
        let attrs = Attrs {
            src: &rest[..scan.pos],
            xml: self.xml,
        };
        // Past the '>' (the scan stops on it), or at the end of the input.
        self.pos += (scan.pos + 1).min(rest.len());
        let self_closing = scan.self_closing;
        if !self.xml && !self_closing {
            self.raw = RAW_TEXT.iter().copied().find(|r| *r == name);
        }
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if let Some(name) = self.raw.take() {
                let t = self.raw_text(name);
                if !t.is_empty() {
                    // The end tag follows and is read as usual.
                    return Some(Token::Text(t));
                }
            }
            let b = self.bytes();
            let first = *b.first()?;
            if first != b'<' {
                let end = memchr(b'<', b).unwrap_or(b.len());
                let text = &self.src[self.pos..self.pos + end];
                self.pos += end;
                return Some(Token::Text(entities::decode(text)));
            }
            if b.starts_with(b"<!--") {
                self.pos += 4;
                let b = self.bytes();
                if b.starts_with(b">") {
                    self.pos += 1;
                } else if b.starts_with(b"->") {
                    self.pos += 2;
                } else {
                    self.skip_past(b"-->");
                }
                continue;
            }
            if self.xml && b.starts_with(b"<![CDATA[") {
                let body = &self.src[self.pos + 9..];
                let end = find(body.as_bytes(), b"]]>").unwrap_or(body.len());
                self.pos += 9 + (end + 3).min(body.len());
                return Some(Token::Text(Cow::Borrowed(&body[..end])));
            }
            match b.get(1) {
                Some(b'!' | b'?') => {
                    self.skip_past(b">");
                    continue;
                }
                Some(b'/') if b.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                    self.pos += 2;
                    let name = self.tag_name();
                    self.skip_past(b">");
                    return Some(Token::End { name });
                }
                Some(b'/') => {
                    // "</>" or "</ " : a bogus comment.
                    self.skip_past(b">");
                    continue;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    self.pos += 1;
                    return Some(self.start_tag());
                }
                _ => {
                    self.pos += 1;
                    return Some(Token::Text(Cow::Borrowed("<")));
                }
            }
        }
    }
}

/// The first position of `needle` in `hay`.
pub(crate) fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// The first position of `needle` (not empty) in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr(needle[0], &hay[from..]) {
        let at = from + i;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Tokenizer;

    /// Tokens as owned values, attributes as a browser keeps them, for comparison.
    #[derive(Debug, PartialEq)]
    enum Token {
        Start {
            name: String,
            attrs: Vec<(String, String)>,
            self_closing: bool,
        },
        End {
            name: String,
        },
        Text(String),
    }

    fn owned(t: super::Token) -> Token {
        match t {
            super::Token::Start {
                name,
                attrs,
                self_closing,
            } => Token::Start {
                name: name.into_owned(),
                attrs: attrs_vec(&attrs),
                self_closing,
            },
            super::Token::End { name } => Token::End {
                name: name.into_owned(),
            },
            super::Token::Text(t) => Token::Text(t.into_owned()),
        }
    }

    /// The first of each name (lowercased in HTML), as a lookup sees them.
    fn attrs_vec(attrs: &super::Attrs) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (name, value) in attrs.iter() {
            let name = if attrs.is_xml() {
                name.to_owned()
            } else {
                name.to_ascii_lowercase()
            };
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, value.into_owned()));
            }
        }
        out
    }

    fn tokens(s: &str) -> Vec<Token> {
        Tokenizer::new(s).map(owned).collect()
    }
    fn start(name: &str, attrs: &[(&str, &str)]) -> Token {
        Token::Start {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(a, v)| (a.to_string(), v.to_string()))
                .collect(),
            self_closing: false,
        }
    }
    fn end(name: &str) -> Token {
        Token::End { name: name.into() }
    }
    fn text(s: &str) -> Token {
        Token::Text(s.into())
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens("<TD colspan=2 rowSpan='3' class=\"a&amp;b\" nowrap>x&nbsp;y</td>"),
            [
                start(
                    "td",
                    &[
                        ("colspan", "2"),
                        ("rowspan", "3"),
                        ("class", "a&b"),
                        ("nowrap", "")
                    ]
                ),
                text("x\u{A0}y"),
                end("td")
            ]
        );
        assert_eq!(
            tokens("<br/><o:p></o:p>"),
            [
                Token::Start {
                    name: "br".into(),
                    attrs: vec![],
                    self_closing: true
                },
                start("o:p", &[]),
                end("o:p")
            ]
        );
    }

    #[test]
    fn comments_and_conditional_markup() {
        // Word's list numbers sit between two conditional comments and are shown.
        assert_eq!(
            tokens("<!--[if !supportLists]--><span>一、</span><!--[endif]-->总体"),
            [start("span", &[]), text("一、"), end("span"), text("总体")]
        );
        // A whole conditional block inside one comment is not shown.
        assert_eq!(
            tokens("<!--[if gte mso 9]><xml><w:x>1</w:x></xml><![endif]-->a"),
            [text("a")]
        );
        // Downlevel-revealed markers are declarations; their content shows.
        assert_eq!(tokens("<![if !vml]>b<![endif]>"), [text("b")]);
        assert_eq!(tokens("<!DOCTYPE html><?xml x?>c"), [text("c")]);
        assert_eq!(tokens("<!---->d<!-->e"), [text("d"), text("e")]);
    }

    #[test]
    fn raw_text_elements() {
        assert_eq!(
            tokens("<script>if (a<b) document.write('</p>')</SCRIPT >x"),
            [
                start("script", &[]),
                text("if (a<b) document.write('</p>')"),
                end("script"),
                text("x")
            ]
        );
        assert_eq!(
            tokens("<title>A &amp; B</title>"),
            [start("title", &[]), text("A & B"), end("title")]
        );
        assert_eq!(
            tokens("<style></style>y"),
            [start("style", &[]), end("style"), text("y")]
        );
    }

    #[test]
    fn xml_mode() {
        let t: Vec<Token> = Tokenizer::xml(
            "<?xml version=\"1.0\"?><w:p w:rsidR=\"1\"><w:t>a&amp;b</w:t><w:tab/><w:t><![CDATA[<x>]]></w:t><w:title>t</w:title></w:p>",
        )
        .map(owned)
        .collect();
        assert_eq!(
            t,
            [
                start("w:p", &[("w:rsidR", "1")]),
                start("w:t", &[]),
                text("a&b"),
                end("w:t"),
                Token::Start {
                    name: "w:tab".into(),
                    attrs: vec![],
                    self_closing: true
                },
                start("w:t", &[]),
                text("<x>"),
                end("w:t"),
                start("w:title", &[]),
                text("t"),
                end("w:title"),
                end("w:p")
            ]
        );
    }

    #[test]
    fn broken_markup_does_not_stop_reading() {
        assert_eq!(
            tokens("a < b <3 </ > <td"),
            [
                text("a "),
                text("<"),
                text(" b "),
                text("<"),
                text("3 "),
                text(" "),
                start("td", &[])
            ]
        );
        assert_eq!(
            tokens("<p class=\"unterminated>x"),
            [start("p", &[("class", "unterminated>x")])]
        );
        assert_eq!(tokens("<!-- never closed"), []);
    }
}
