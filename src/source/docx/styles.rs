//! Paragraph styles (styles.xml): which styles are headings, and the list numbering a style
//! gives its paragraphs (Word numbers headings through the heading styles), following `basedOn`.

use super::xml::{Ev, Reader};
use std::borrow::Cow;

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
    /// What `heading` and `numbering` answer, worked out once through `basedOn` after parsing
    /// (they are asked for every paragraph).
    heading: Option<u8>,
    numbering: Option<NumRef>,
}

#[derive(Debug, Default)]
pub struct Styles {
    /// By style id, sorted (a vector and binary search: no hash map code in the wasm module).
    list: Vec<(String, Style)>,
    /// The paragraph style used when a paragraph names none.
    pub default_para: Option<String>,
}

/// Inheritance chains longer than this are cycles or nonsense.
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn parse(src: &str) -> Styles {
        let mut styles = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        // Open elements inside the current style; numPr's depth when inside it.
        let mut depth = 0usize;
        let mut num_at: Option<usize> = None;
        for ev in Reader::new(src) {
            match ev {
                Ev::Start(t) => {
                    if t.name() == "style" {
                        let id = t.attr("styleId").unwrap_or_default().into_owned();
                        let para = t.attr("type").is_none_or(|ty| ty == "paragraph");
                        if para && matches!(t.attr("default").as_deref(), Some("1" | "true" | "on"))
                        {
                            styles.default_para = Some(id.clone());
                        }
                        cur = Some((id, Style::default()));
                        depth = 0;
                        num_at = None;
                        if t.empty {
                            styles.finish(&mut cur);
                        }
                        continue;
                    }
                    let Some((_, s)) = &mut cur else { continue };
                    match t.name() {
                        "name" => s.name = t.attr("val").unwrap_or_default().into_owned(),
                        "basedOn" => s.based_on = t.attr("val").map(Cow::into_owned),
                        "outlineLvl" => s.outline = t.val_num().map(|v| v.min(9) as u8),
                        // Word 2003 XML: listPr/ilfo.
                        "numPr" | "listPr" if !t.empty => num_at = Some(depth),
                        "numId" | "ilfo" if num_at.is_some() => {
                            s.num.get_or_insert_with(NumRef::default).num_id = t.val_num()
                        }
                        "ilvl" if num_at.is_some() => {
                            s.num.get_or_insert_with(NumRef::default).ilvl =
                                t.val_num().map(|v| v.min(8) as u8)
                        }
                        _ => {}
                    }
                    if !t.empty {
                        depth += 1;
                    }
                }
                Ev::End if cur.is_some() => {
                    if depth == 0 {
                        styles.finish(&mut cur);
                    } else {
                        depth -= 1;
                        if num_at == Some(depth) {
                            num_at = None;
                        }
                    }
                }
                _ => {}
            }
        }
        styles.list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for i in 0..styles.list.len() {
            let id = &styles.list[i].0;
            let (heading, numbering) = (styles.resolve_heading(id), styles.resolve_numbering(id));
            let s = &mut styles.list[i].1;
            (s.heading, s.numbering) = (heading, numbering);
        }
        styles
    }

    fn finish(&mut self, cur: &mut Option<(String, Style)>) {
        if let Some(s) = cur.take() {
            self.list.push(s);
        }
    }

    fn get(&self, id: &str) -> Option<&Style> {
        self.list
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| &self.list[i].1)
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.get(id);
        std::iter::from_fn(move || {
            let s = next?;
            next = s.based_on.as_deref().and_then(|b| self.get(b));
            Some(s)
        })
        .take(MAX_CHAIN)
    }

    /// The outline level (1-based) paragraphs of this style have, if they are headings.
    pub fn heading(&self, id: &str) -> Option<u8> {
        self.get(id).and_then(|s| s.heading)
    }

    /// The numbering the style gives (nearest definition in the chain).
    pub fn numbering(&self, id: &str) -> Option<NumRef> {
        self.get(id).and_then(|s| s.numbering)
    }

    fn resolve_heading(&self, id: &str) -> Option<u8> {
        for s in self.chain(id) {
            if let Some(o) = s.outline {
                return (o < 9).then_some(o + 1);
            }
            if let Some(level) = heading_name(&s.name) {
                return Some(level);
            }
        }
        None
    }

    fn resolve_numbering(&self, id: &str) -> Option<NumRef> {
        let mut out = NumRef::default();
        for s in self.chain(id) {
            if let Some(n) = s.num {
                out.num_id = out.num_id.or(n.num_id);
                out.ilvl = out.ilvl.or(n.ilvl);
            }
        }
        out.num_id.map(|_| out)
    }
}

/// "heading 1", "Heading 2", "标题 3" → the level; "Title"/"标题" → 1.
pub(crate) fn heading_name(name: &str) -> Option<u8> {
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
        let s = Styles::parse(STYLES);
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
