//! Paragraph styles (styles.xml): which styles are headings, and the list numbering a style
//! gives its paragraphs (Word numbers headings through the heading styles), following `basedOn`.

use super::xml::{self, attr, val_num};
use quick_xml::events::Event;
use std::collections::HashMap;

/// A reference to a list level (`w:numPr`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NumRef {
    pub num_id: Option<u32>,
    pub ilvl: Option<u8>,
}

#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
}

#[derive(Debug, Default)]
pub struct Styles {
    map: HashMap<String, Style>,
    /// The paragraph style used when a paragraph names none.
    pub default_para: Option<String>,
}

/// Inheritance chains longer than this are cycles or nonsense.
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn parse(src: &str) -> Result<Styles, String> {
        let mut r = xml::reader(src);
        let mut styles = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        let mut in_num = false;
        loop {
            let ev = r.read_event().map_err(|e| e.to_string())?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let start = matches!(ev, Event::Start(_));
                    match xml::name(e) {
                        b"style" => {
                            let id = attr(e, b"styleId").unwrap_or_default();
                            let para = attr(e, b"type").map_or(true, |t| t == "paragraph");
                            if para
                                && attr(e, b"default")
                                    .as_deref()
                                    .is_some_and(|d| d == "1" || d == "true")
                            {
                                styles.default_para = Some(id.clone());
                            }
                            cur = Some((id, Style::default()));
                        }
                        b"name" => {
                            if let Some((_, s)) = &mut cur {
                                s.name = attr(e, b"val").unwrap_or_default();
                            }
                        }
                        b"basedOn" => {
                            if let Some((_, s)) = &mut cur {
                                s.based_on = attr(e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some((_, s)) = &mut cur {
                                s.outline = val_num(e).map(|v| v.min(9) as u8);
                            }
                        }
                        b"numPr" if start => in_num = true,
                        b"numId" if in_num => {
                            if let Some((_, s)) = &mut cur {
                                s.num.get_or_insert_with(NumRef::default).num_id = val_num(e);
                            }
                        }
                        b"ilvl" if in_num => {
                            if let Some((_, s)) = &mut cur {
                                s.num.get_or_insert_with(NumRef::default).ilvl =
                                    val_num(e).map(|v| v.min(8) as u8);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match xml::local(e.name().into_inner()) {
                    b"style" => {
                        if let Some((id, s)) = cur.take() {
                            styles.map.insert(id, s);
                        }
                    }
                    b"numPr" => in_num = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = (&'s str, &'s Style)> + 's {
        let mut next = self.map.get_key_value(id);
        std::iter::from_fn(move || {
            let (k, s) = next?;
            next = s
                .based_on
                .as_deref()
                .and_then(|b| self.map.get_key_value(b));
            Some((k.as_str(), s))
        })
        .take(MAX_CHAIN)
    }

    /// The outline level (1-based) paragraphs of this style have, if they are headings.
    pub fn heading(&self, id: &str) -> Option<u8> {
        for (_, s) in self.chain(id) {
            if let Some(o) = s.outline {
                return (o < 9).then_some(o + 1);
            }
            if let Some(level) = heading_name(&s.name) {
                return Some(level);
            }
        }
        None
    }

    /// The numbering the style gives (nearest definition in the chain).
    pub fn numbering(&self, id: &str) -> Option<NumRef> {
        let mut out = NumRef::default();
        for (_, s) in self.chain(id) {
            if let Some(n) = s.num {
                out.num_id = out.num_id.or(n.num_id);
                out.ilvl = out.ilvl.or(n.ilvl);
            }
        }
        out.num_id.map(|_| out)
    }
}

/// "heading 1", "Heading 2", "标题 3" → the level; "Title"/"标题" → 1.
fn heading_name(name: &str) -> Option<u8> {
    let n = name.trim().to_ascii_lowercase();
    if n == "title" || n == "标题" {
        return Some(1);
    }
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="x">
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
        <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="1"/>
        <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="Heading 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="x"/><w:basedOn w:val="Loop"/></w:style>
    </w:styles>"#;

    #[test]
    fn headings_and_numbering_through_based_on() {
        let s = Styles::parse(STYLES).unwrap();
        assert_eq!(s.default_para.as_deref(), Some("a"));
        assert_eq!(s.heading("1"), Some(1));
        assert_eq!(s.heading("Mine"), Some(1));
        assert_eq!(s.heading("Heading2"), Some(2));
        assert_eq!(s.heading("Body"), None);
        assert_eq!(s.heading("a"), None);
        assert_eq!(s.heading("Loop"), None);
        assert_eq!(s.heading("missing"), None);
        assert_eq!(
            s.numbering("Mine"),
            Some(NumRef {
                num_id: Some(3),
                ilvl: Some(1)
            })
        );
        assert_eq!(s.numbering("a"), None);
    }
}
