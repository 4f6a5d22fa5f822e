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

/// A token. Names are as written: HTML names compare in any case (the HTML tree lowercases
/// them), XML names keep theirs.
#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    Start {
        name: &'a str,
        attrs: Attrs<'a>,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    Text(Cow<'a, str>),
}

/// The attributes of a start tag, as written: parsed again on each lookup, which costs less
/// than building a list for every tag.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Attrs<'a> {
    src: &'a str,
    xml: bool,
    /// A bit per attribute name's first byte (ASCII case folded, [`initial`]): a lookup whose
    /// name's bit is clear skips the scan (most tags are asked for names they do not have).
    initials: u32,
}

/// The bit of a name's first byte in [`Attrs::initials`].
fn initial(name: &[u8]) -> u32 {
    name.first()
        .map_or(0, |c| 1 << (c.to_ascii_lowercase() & 31))
}

impl<'a> Attrs<'a> {
    /// Attributes as `(name, raw value)` in source order, names as written (duplicates too):
    /// for callers that decode only the values they keep.
    pub fn raw(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        let mut scan = Scan::new(self.src);
        let src = self.src;
        std::iter::from_fn(move || {
            scan.attr().then(|| {
                (
                    &src[scan.name.0..scan.name.1],
                    &src[scan.value.0..scan.value.1],
                )
            })
        })
    }

    /// The value of the first attribute whose name, as written, satisfies `pred` (the first
    /// of a name counts, as in a browser).
    pub fn find(&self, pred: &dyn Fn(&str) -> bool) -> Option<Cow<'a, str>> {
        self.raw()
            .find(|(name, _)| pred(name))
            .map(|(_, value)| entities::decode(value))
    }

    /// False when no attribute can be named `key` (lowercase; any case in HTML): a check
    /// without a scan.
    pub fn may_have(&self, key: &str) -> bool {
        self.initials & initial(key.as_bytes()) != 0
    }

    /// The value of attribute `key`; in HTML `key` is lowercase and names match in any case.
    pub fn get(&self, key: &str) -> Option<Cow<'a, str>> {
        if !self.may_have(key) {
            None
        } else if self.xml {
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
    /// The last attribute read: its name and value as byte ranges.
    name: (usize, usize),
    value: (usize, usize),
}

impl<'a> Scan<'a> {
    fn new(s: &'a str) -> Self {
        Scan::at(s.as_bytes(), 0)
    }

    fn at(b: &'a [u8], pos: usize) -> Self {
        Scan {
            b,
            pos,
            self_closing: false,
            name: (0, 0),
            value: (0, 0),
        }
    }

    /// Reads the next attribute into `name` and `value`; false at the tag's `>` (left at
    /// `pos`) or at the end of the input.
    fn attr(&mut self) -> bool {
        let b = self.b;
        let mut i = self.pos;
        loop {
            i = skip_ws(b, i);
            if i >= b.len() || b[i] == b'>' {
                self.pos = i;
                return false;
            }
            if b[i] != b'/' {
                break;
            }
            i += 1;
            self.self_closing = i < b.len() && b[i] == b'>';
        }
        // The first byte is part of the name even when it is '='.
        let start = i;
        i = scan_to(b, i + 1, ENDS_ATTR_NAME);
        let name = (start, i);
        i = skip_ws(b, i);
        let mut value = (i, i);
        if i < b.len() && b[i] == b'=' {
            i = skip_ws(b, i + 1);
            if i < b.len() && matches!(b[i], b'"' | b'\'') {
                let end = find_byte(b, i + 1, b[i]);
                value = (i + 1, end);
                i = (end + 1).min(b.len());
            } else {
                let from = i;
                i = scan_to(b, i, ENDS_VALUE);
                value = (from, i);
            }
        }
        self.pos = i;
        (self.name, self.value) = (name, value);
        true
    }
}

/// Byte classes for the scanning loops: one table lookup per byte. White space is that of
/// HTML and XML (and of `u8::is_ascii_whitespace`).
const WS: u8 = 1;
/// Ends an attribute name: white space, `>`, `/`, `=`.
const ENDS_ATTR_NAME: u8 = 2;
/// Ends an unquoted attribute value: white space, `>`.
const ENDS_VALUE: u8 = 4;
/// Ends a tag name: white space, `/`, `>`.
const ENDS_TAG_NAME: u8 = 8;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let ws = [b' ', b'\t', b'\n', b'\x0C', b'\r'];
    let mut k = 0;
    while k < ws.len() {
        t[ws[k] as usize] = WS | ENDS_ATTR_NAME | ENDS_VALUE | ENDS_TAG_NAME;
        k += 1;
    }
    t[b'>' as usize] = ENDS_ATTR_NAME | ENDS_VALUE | ENDS_TAG_NAME;
    t[b'/' as usize] = ENDS_ATTR_NAME | ENDS_TAG_NAME;
    t[b'=' as usize] = ENDS_ATTR_NAME;
    t
};

#[inline(always)]
fn is_ws(c: u8) -> bool {
    CLASS[c as usize] & WS != 0
}

/// The first position at or after `i` whose byte is of `class`, or `b.len()`. Four bytes a
/// round: names are short, but there are very many of them.
fn scan_to(b: &[u8], mut i: usize, class: u8) -> usize {
    let hit = |c: u8| CLASS[c as usize] & class != 0;
    while let Some(&[c0, c1, c2, c3]) = b.get(i..i + 4) {
        if hit(c0) {
            return i;
        }
        if hit(c1) {
            return i + 1;
        }
        if hit(c2) {
            return i + 2;
        }
        if hit(c3) {
            return i + 3;
        }
        i += 4;
    }
    while i < b.len() && !hit(b[i]) {
        i += 1;
    }
    i
}

#[inline(always)]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
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

    /// Skips past `needle` (or to the end).
    fn skip_past(&mut self, needle: &[u8]) {
        let b = self.src.as_bytes();
        // An end tag's '>' mostly follows its name at once.
        let at = if b[self.pos..].starts_with(needle) {
            self.pos
        } else {
            find(b, self.pos, needle)
        };
        self.pos = (at + needle.len()).min(b.len());
    }

    fn raw_text(&mut self, name: &str) -> Cow<'a, str> {
        let b = self.src.as_bytes();
        let n = name.as_bytes();
        let mut at = self.pos;
        loop {
            at = find_byte(b, at, b'<');
            let tail = &b[at..];
            if tail.is_empty()
                || tail.len() >= 2 + n.len()
                    && tail[1] == b'/'
                    && tail[2..2 + n.len()].eq_ignore_ascii_case(n)
                    && tail
                        .get(2 + n.len())
                        .is_none_or(|&c| is_ws(c) || c == b'>' || c == b'/')
            {
                break;
            }
            at += 1;
        }
        let text = &self.src[self.pos..at];
        self.pos = at;
        if name == "textarea" || name == "title" {
            entities::decode(text)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A tag name, as written.
    fn tag_name(&mut self) -> &'a str {
        let from = self.pos;
        self.pos = scan_to(self.src.as_bytes(), from, ENDS_TAG_NAME);
        &self.src[from..self.pos]
    }

    fn start_tag(&mut self) -> Token<'a> {
        let name = self.tag_name();
        let from = self.pos;
        let b = self.src.as_bytes();
        let mut scan = Scan::at(b, from);
        let mut initials = 0;
        while scan.attr() {
            initials |= initial(&b[scan.name.0..scan.name.1]);
        }
        let attrs = Attrs {
            src: &self.src[from..scan.pos],
            xml: self.xml,
            initials,
        };
        // Past the '>' (the scan stops on it), or at the end of the input.
        self.pos = (scan.pos + 1).min(self.src.len());
        let self_closing = scan.self_closing;
        if !self.xml && !self_closing {
            self.raw = RAW_TEXT
                .iter()
                .copied()
                .find(|r| r.eq_ignore_ascii_case(name));
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
        let b = self.src.as_bytes();
        loop {
            if let Some(name) = self.raw.take() {
                let t = self.raw_text(name);
                if !t.is_empty() {
                    // The end tag follows and is read as usual.
                    return Some(Token::Text(t));
                }
            }
            let pos = self.pos;
            if pos >= b.len() {
                return None;
            }
            if b[pos] != b'<' {
                let end = find_byte(b, pos, b'<');
                self.pos = end;
                return Some(Token::Text(entities::decode(&self.src[pos..end])));
            }
            let rest = &b[pos..];
            let second = if rest.len() > 1 { rest[1] } else { 0 };
            if second.is_ascii_alphabetic() {
                self.pos = pos + 1;
                return Some(self.start_tag());
            }
            if second == b'/' {
                if rest.len() > 2 && rest[2].is_ascii_alphabetic() {
                    self.pos = pos + 2;
                    let name = self.tag_name();
                    self.skip_past(b">");
                    return Some(Token::End { name });
                }
                // "</>" or "</ " : a bogus comment.
                self.skip_past(b">");
                continue;
            }
            if rest.starts_with(b"<!--") {
                self.pos = pos + 4;
                if rest[4..].starts_with(b">") {
                    self.pos += 1;
                } else if rest[4..].starts_with(b"->") {
                    self.pos += 2;
                } else {
                    self.skip_past(b"-->");
                }
                continue;
            }
            if self.xml && rest.starts_with(b"<![CDATA[") {
                let body = &self.src[pos + 9..];
                let end = find(body.as_bytes(), 0, b"]]>");
                self.pos = pos + 9 + (end + 3).min(body.len());
                return Some(Token::Text(Cow::Borrowed(&body[..end])));
            }
            if second == b'!' || second == b'?' {
                self.skip_past(b">");
                continue;
            }
            self.pos = pos + 1;
            return Some(Token::Text(Cow::Borrowed("<")));
        }
    }
}

/// The position of the first `needle` in `b` at or after `from`, or `b.len()`. Eight bytes at a
/// time (a zero-byte test on a word): text runs and raw text can be long.
fn find_byte(b: &[u8], from: usize, needle: u8) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(needle);
    let mut i = from;
    while let Some(word) = b.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let x = u64::from_le_bytes(word) ^ pattern;
        // The lowest flagged byte is the first equal one (a borrow only flags bytes above it).
        let hit = x.wrapping_sub(LO) & !x & HI;
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != needle {
        i += 1;
    }
    i.min(b.len())
}

/// The first position of `needle` in `hay`.
pub(crate) fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    let i = find_byte(hay, 0, needle);
    (i < hay.len()).then_some(i)
}

/// The position of the first `needle` (not empty) in `b` at or after `from`, or `b.len()`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> usize {
    let mut at = from;
    loop {
        at = find_byte(b, at, needle[0]);
        if at >= b.len() || b[at..].starts_with(needle) {
            return at;
        }
        at += 1;
    }
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

    /// An HTML token as the tree sees it: names lowercased.
    fn owned(t: super::Token) -> Token {
        match t {
            super::Token::Start {
                name,
                attrs,
                self_closing,
            } => Token::Start {
                name: name.to_ascii_lowercase(),
                attrs: attrs_vec(&attrs),
                self_closing,
            },
            super::Token::End { name } => Token::End {
                name: name.to_ascii_lowercase(),
            },
            super::Token::Text(t) => Token::Text(t.into_owned()),
        }
    }

    /// An XML token: names as written.
    fn owned_xml(t: super::Token) -> Token {
        match t {
            super::Token::Start {
                name,
                attrs,
                self_closing,
            } => Token::Start {
                name: name.to_owned(),
                attrs: attrs_vec(&attrs),
                self_closing,
            },
            super::Token::End { name } => Token::End {
                name: name.to_owned(),
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
    fn lookups_skip_names_no_attribute_starts_with() {
        let Some(super::Token::Start { attrs, .. }) =
            Tokenizer::new("<td Colspan=2 style='x' =odd>").next()
        else {
            panic!("a start tag")
        };
        assert_eq!(attrs.get("colspan").as_deref(), Some("2"));
        assert_eq!(attrs.get("style").as_deref(), Some("x"));
        assert!(attrs.may_have("class")); // shares the initial of "colspan"
        assert!(!attrs.may_have("rowspan") && attrs.get("rowspan").is_none());
        assert!(!attrs.may_have("hidden"));
        let Some(super::Token::Start { attrs, .. }) =
            Tokenizer::xml("<w:p W:val='1' w:rsidR=\"2\">").next()
        else {
            panic!("a start tag")
        };
        assert_eq!(attrs.get("W:val").as_deref(), Some("1"));
        assert_eq!(attrs.get("w:val"), None);
        assert_eq!(attrs.get("w:rsidR").as_deref(), Some("2"));
        assert!(!attrs.may_have("r:id"));
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
        .map(owned_xml)
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
    fn byte_search_finds_the_first_match_at_any_offset() {
        // Word-at-a-time search: every alignment, matches before, inside and after a word,
        // bytes that differ from the needle by one bit (0x3C ^ 0x80 is 0xBC, a UTF-8
        // continuation byte).
        let hay: Vec<u8> = (0..40u8)
            .map(|i| if i % 3 == 0 { 0xBC } else { b'a' + i % 26 })
            .collect();
        for from in 0..hay.len() {
            for at in from..hay.len() {
                let mut h = hay.clone();
                h[at] = b'<';
                if at + 5 < h.len() {
                    h[at + 5] = b'<';
                }
                assert_eq!(super::find_byte(&h, from, b'<'), at, "from {from}, at {at}");
            }
            assert_eq!(super::find_byte(&hay, from, b'<'), hay.len());
        }
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
