//! A forgiving HTML tokenizer: start and end tags with attributes, text with character references
//! decoded, comments and declarations skipped. Conditional comments from Word (`<!--[if …]>…
//! <![endif]-->`) are comments; downlevel-revealed ones (`<![if …]>`) are declarations, so their
//! content shows, as in a browser. Script, style and the other raw-text elements are read up to
//! their end tag without looking for markup inside.
//!
//! In XML mode (the parts of a .docx) names keep their case, there are no raw-text elements and
//! CDATA sections are text: one small tokenizer serves both readers, which keeps the WebAssembly
//! module smaller than an XML crate would.

use super::entities;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Start {
        /// Lowercase.
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the name whose end tag ends the text.
    raw: Option<String>,
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

    fn case(&self, s: &str) -> String {
        if self.xml {
            s.to_owned()
        } else {
            s.to_ascii_lowercase()
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Skips past `needle` (or to the end).
    fn skip_past(&mut self, needle: &str) {
        match self.rest().find(needle) {
            Some(i) => self.pos += i + needle.len(),
            None => self.pos = self.src.len(),
        }
    }

    fn raw_text(&mut self, name: &str) -> Token {
        let rest = self.rest().as_bytes();
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
        let text = &self.rest()[..end];
        self.pos += end;
        let text = if name == "textarea" || name == "title" {
            entities::decode(text).into_owned()
        } else {
            text.to_owned()
        };
        Token::Text(text)
    }

    fn tag_name(&mut self) -> String {
        let rest = self.rest();
        let len = rest
            .bytes()
            .take_while(|c| !c.is_ascii_whitespace() && *c != b'/' && *c != b'>')
            .count();
        self.pos += len;
        self.case(&rest[..len])
    }

    fn skip_ws(&mut self) {
        let n = self
            .rest()
            .bytes()
            .take_while(u8::is_ascii_whitespace)
            .count();
        self.pos += n;
    }

    fn start_tag(&mut self) -> Token {
        let name = self.tag_name();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            self.skip_ws();
            let rest = self.rest();
            match rest.as_bytes().first() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    self_closing = self.rest().starts_with('>');
                    continue;
                }
                _ => {}
            }
            let len = rest
                .bytes()
                .enumerate()
                .take_while(|&(i, c)| {
                    !c.is_ascii_whitespace()
                        && c != b'>'
                        && (c != b'/' || i == 0)
                        && (c != b'=' || i == 0)
                })
                .count()
                .max(1);
            let attr = self.case(&rest[..len]);
            self.pos += len;
            self.skip_ws();
            let mut value = String::new();
            if self.rest().starts_with('=') {
                self.pos += 1;
                self.skip_ws();
                let rest = self.rest();
                match rest.as_bytes().first() {
                    Some(&q @ (b'"' | b'\'')) => {
                        let body = &rest[1..];
                        let end = body.find(q as char).unwrap_or(body.len());
                        value = entities::decode(&body[..end]).into_owned();
                        self.pos += 1 + (end + 1).min(body.len());
                    }
                    _ => {
                        let end = rest
                            .bytes()
                            .take_while(|c| !c.is_ascii_whitespace() && *c != b'>')
                            .count();
                        value = entities::decode(&rest[..end]).into_owned();
                        self.pos += end;
                    }
                }
            }
            if !attrs.iter().any(|(a, _): &(String, String)| *a == attr) {
                attrs.push((attr, value));
            }
        }
        if !self.xml && RAW_TEXT.contains(&name.as_str()) && !self_closing {
            self.raw = Some(name.clone());
        }
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if let Some(name) = self.raw.take() {
                let t = self.raw_text(&name);
                if matches!(&t, Token::Text(s) if !s.is_empty()) {
                    self.raw = None;
                    // The end tag follows and is read as usual.
                    return Some(t);
                }
            }
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            let b = rest.as_bytes();
            if b[0] != b'<' {
                let end = memchr(b'<', b).unwrap_or(b.len());
                let text = &rest[..end];
                self.pos += end;
                return Some(Token::Text(entities::decode(text).into_owned()));
            }
            if rest.starts_with("<!--") {
                self.pos += 4;
                if self.rest().starts_with('>') {
                    self.pos += 1;
                } else if self.rest().starts_with("->") {
                    self.pos += 2;
                } else {
                    self.skip_past("-->");
                }
                continue;
            }
            if self.xml && rest.starts_with("<![CDATA[") {
                let body = &rest[9..];
                let end = body.find("]]>").unwrap_or(body.len());
                self.pos += 9 + (end + 3).min(body.len());
                return Some(Token::Text(body[..end].to_owned()));
            }
            match b.get(1) {
                Some(b'!' | b'?') => {
                    self.skip_past(">");
                    continue;
                }
                Some(b'/') if b.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                    self.pos += 2;
                    let name = self.tag_name();
                    self.skip_past(">");
                    return Some(Token::End { name });
                }
                Some(b'/') => {
                    // "</>" or "</ " : a bogus comment.
                    self.skip_past(">");
                    continue;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    self.pos += 1;
                    return Some(self.start_tag());
                }
                _ => {
                    self.pos += 1;
                    return Some(Token::Text("<".into()));
                }
            }
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        Tokenizer::new(s).collect()
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
