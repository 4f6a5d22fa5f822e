//! The document body (document.xml) as blocks: paragraphs with the text Word shows (runs,
//! hyperlinks, simple and complex fields' results, content controls, inserted text; not deleted
//! text, field instructions or hidden text), headings from styles and outline levels, automatic
//! numbers reconstructed, text boxes after the paragraph that anchors them, and tables with their
//! horizontal (`gridSpan`, `gridBefore`) and vertical (`vMerge`) merges.

use super::numbering::Numbering;
use super::styles::{NumRef, Styles};
use super::xml::{self, attr, toggle, val_num};
use crate::source::blocks::{Block, TableCell};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Nesting (tables in cells, text boxes in paragraphs) deeper than this is skipped.
const MAX_NESTING: usize = 32;

/// Subtrees whose text Word does not show.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"delText",
    b"instrText",
    b"delInstrText",
    b"Fallback",
    b"sdtPr",
    b"sdtEndPr",
    b"rPr",
    b"sectPr",
    b"tblPr",
    b"tblPrEx",
    b"trPr",
    b"tcPr",
    b"pPr",
    b"object",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
    b"annotationRef",
    b"bookmarkStart",
    b"comments",
    b"altChunk",
    b"docPr",
];

pub fn parse(xml: &str, styles: &Styles, numbering: &mut Numbering) -> Result<Vec<Block>, String> {
    let mut body = Body {
        r: xml::reader(xml),
        styles,
        numbering,
        depth: 0,
    };
    // Everything up to the end of the document: w:body's children (and anything Word wraps).
    let (blocks, _) = body.container(Kind::Document)?;
    Ok(blocks)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Document,
    /// `w:tc`: its properties are read too.
    Cell,
    /// `w:txbxContent`, `w:sdtContent` at block level and other block containers.
    Other,
}

/// What `w:tcPr` says.
#[derive(Default)]
struct CellProps {
    span: usize,
    covered: bool,
}

struct Body<'x, 's, 'n> {
    r: Reader<&'x [u8]>,
    styles: &'s Styles,
    numbering: &'n mut Numbering,
    depth: usize,
}

impl Body<'_, '_, '_> {
    fn next(&mut self) -> Result<Event<'static>, String> {
        self.r
            .read_event()
            .map(Event::into_owned)
            .map_err(|e| e.to_string())
    }

    /// Skips to the end of the element just started.
    fn skip(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(()),
                Event::End(_) => depth -= 1,
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Block content up to the end of the element just started (or of the document).
    fn container(&mut self, kind: Kind) -> Result<(Vec<Block>, CellProps), String> {
        let mut out = Vec::new();
        let mut props = CellProps {
            span: 1,
            covered: false,
        };
        let mut nest = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => match xml::name(&e) {
                    b"p" => out.extend(self.nested(|b| b.paragraph())?),
                    b"tbl" => out.extend(self.nested(|b| b.table())?),
                    b"tcPr" if kind == Kind::Cell && nest == 0 => props = self.cell_props()?,
                    n if SKIPPED.contains(&n) => self.skip()?,
                    _ => nest += 1,
                },
                Event::End(_) if nest == 0 && kind != Kind::Document => break,
                Event::End(_) => nest = nest.saturating_sub(1),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok((out, props))
    }

    /// Runs `f` one nesting level deeper, or skips the element when too deep.
    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Vec<Block>, String>,
    ) -> Result<Vec<Block>, String> {
        if self.depth >= MAX_NESTING {
            self.skip()?;
            return Ok(Vec::new());
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn cell_props(&mut self) -> Result<CellProps, String> {
        let mut p = CellProps {
            span: 1,
            covered: false,
        };
        let mut nest = 0usize;
        loop {
            let ev = self.next()?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    match xml::name(e) {
                        b"gridSpan" => p.span = val_num(e).unwrap_or(1).max(1) as usize,
                        // vMerge without a value, or "continue", continues the cell above.
                        b"vMerge" | b"hMerge" => {
                            p.covered = attr(e, b"val").map_or(true, |v| v == "continue")
                        }
                        _ => {}
                    }
                    if matches!(ev, Event::Start(_)) {
                        nest += 1;
                    }
                }
                Event::End(_) if nest == 0 => return Ok(p),
                Event::End(_) => nest -= 1,
                Event::Eof => return Ok(p),
                _ => {}
            }
        }
    }

    fn table(&mut self) -> Result<Vec<Block>, String> {
        let mut rows = Vec::new();
        let mut nest = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => match xml::name(&e) {
                    b"tr" => rows.push(self.row()?),
                    n if SKIPPED.contains(&n) || n == b"tblGrid" => self.skip()?,
                    _ => nest += 1,
                },
                Event::End(_) if nest == 0 => break,
                Event::End(_) => nest -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(vec![Block::Table(rows)])
    }

    fn row(&mut self) -> Result<Vec<TableCell>, String> {
        let mut cells = Vec::new();
        let mut nest = 0usize;
        loop {
            let ev = self.next()?;
            match &ev {
                Event::Start(e) if xml::name(e) == b"tc" => {
                    let (blocks, props) = if self.depth >= MAX_NESTING {
                        self.skip()?;
                        (Vec::new(), CellProps::default())
                    } else {
                        self.depth += 1;
                        let r = self.container(Kind::Cell);
                        self.depth -= 1;
                        r?
                    };
                    cells.push(TableCell {
                        blocks,
                        colspan: props.span.max(1),
                        rowspan: 1,
                        covered: props.covered,
                    });
                }
                Event::Empty(e) if xml::name(e) == b"tc" => cells.push(TableCell::new(Vec::new())),
                Event::Start(e) | Event::Empty(e) if xml::name(e) == b"gridBefore" => {
                    // Grid columns skipped before the first cell.
                    let n = val_num(e).unwrap_or(0) as usize;
                    if n > 0 {
                        cells.insert(
                            0,
                            TableCell {
                                blocks: Vec::new(),
                                colspan: n,
                                rowspan: 1,
                                covered: true,
                            },
                        );
                    }
                    if matches!(ev, Event::Start(_)) {
                        nest += 1;
                    }
                }
                Event::Start(e) => {
                    let n = xml::name(e);
                    if n != b"trPr" && SKIPPED.contains(&n) {
                        self.skip()?;
                    } else {
                        nest += 1;
                    }
                }
                Event::End(_) if nest == 0 => break,
                Event::End(_) => nest -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(cells)
    }

    fn paragraph(&mut self) -> Result<Vec<Block>, String> {
        let mut text = String::new();
        let mut floating: Vec<Block> = Vec::new();
        let mut style: Option<String> = None;
        let mut num: Option<NumRef> = None;
        let mut outline: Option<u8> = None;
        // Open elements inside the paragraph, by local name.
        let mut open: Vec<Vec<u8>> = Vec::new();
        let mut hidden_run = false;
        // Complex fields: true while in the instruction part of an open field.
        let mut fields: Vec<bool> = Vec::new();
        loop {
            let ev = self.next()?;
            let in_ppr = open.iter().any(|n| n == b"pPr");
            let in_rpr = open.last().is_some_and(|n| n == b"rPr");
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let start = matches!(ev, Event::Start(_));
                    let n = xml::name(e).to_vec();
                    if in_ppr {
                        match n.as_slice() {
                            b"pStyle" if open.len() == 1 => style = attr(e, b"val"),
                            b"numId" => num.get_or_insert_with(NumRef::default).num_id = val_num(e),
                            b"ilvl" => {
                                num.get_or_insert_with(NumRef::default).ilvl =
                                    val_num(e).map(|v| v.min(8) as u8)
                            }
                            b"outlineLvl" => outline = val_num(e).map(|v| v.min(9) as u8),
                            b"rPr" | b"pPrChange" | b"sectPr" if start => {
                                self.skip()?;
                                continue;
                            }
                            _ => {}
                        }
                        if start {
                            open.push(n);
                        }
                        continue;
                    }
                    if in_rpr {
                        if start && n == b"rPrChange" {
                            // The formatting before a tracked change.
                            self.skip()?;
                            continue;
                        }
                        if matches!(n.as_slice(), b"vanish" | b"webHidden" | b"specVanish") {
                            hidden_run |= toggle(e);
                        }
                        if start {
                            open.push(n);
                        }
                        continue;
                    }
                    let visible = !hidden_run && !fields.last().copied().unwrap_or(false);
                    match n.as_slice() {
                        b"pPr" | b"rPr" if start => open.push(n),
                        b"r" => {
                            hidden_run = false;
                            if start {
                                open.push(n);
                            }
                        }
                        b"tab" | b"ptab" if visible => text.push('\t'),
                        b"br" | b"cr" if visible => text.push('\n'),
                        b"noBreakHyphen" if visible => text.push('-'),
                        b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                            Some("begin") => fields.push(true),
                            Some("separate") => {
                                if let Some(f) = fields.last_mut() {
                                    *f = false;
                                }
                            }
                            Some("end") => {
                                fields.pop();
                            }
                            _ => {}
                        },
                        b"txbxContent" if start => {
                            let blocks = self.nested(|b| b.container(Kind::Other).map(|r| r.0))?;
                            floating.extend(blocks);
                        }
                        b"p" | b"tbl" if start => {
                            // Not valid inside a paragraph; read it as a block of its own.
                            let blocks = if n == b"p" {
                                self.nested(|b| b.paragraph())?
                            } else {
                                self.nested(|b| b.table())?
                            };
                            floating.extend(blocks);
                        }
                        name if start && SKIPPED.contains(&name) => self.skip()?,
                        _ if start => open.push(n),
                        _ => {}
                    }
                }
                Event::Text(t) if in_text(&open, hidden_run, &fields) => {
                    text.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
                Event::CData(t) if in_text(&open, hidden_run, &fields) => {
                    text.push_str(&String::from_utf8_lossy(t));
                }
                Event::GeneralRef(r) if in_text(&open, hidden_run, &fields) => {
                    text.push_str(&xml::reference(r));
                }
                Event::End(_) => {
                    // The paragraph's own end tag when nothing inside it is open.
                    let Some(_) = open.pop() else { break };
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let style = style.or_else(|| self.styles.default_para.clone());
        let heading = match outline {
            Some(o) => (o < 9).then_some(o + 1),
            None => style.as_deref().and_then(|s| self.styles.heading(s)),
        };
        let label = self.number(num, style.as_deref());
        let text = match label {
            Some(l) => l + &text,
            None => text,
        };
        let mut out = vec![Block::Para { text, heading }];
        out.append(&mut floating);
        Ok(out)
    }

    /// The automatic number of a paragraph: its own `w:numPr`, else its style's.
    fn number(&mut self, own: Option<NumRef>, style: Option<&str>) -> Option<String> {
        let from_style = style.and_then(|s| self.styles.numbering(s));
        let num_id = own
            .and_then(|n| n.num_id)
            .or(from_style.and_then(|n| n.num_id))?;
        let ilvl = own
            .and_then(|n| n.ilvl)
            .or(from_style.and_then(|n| n.ilvl))
            .or_else(|| style.and_then(|s| self.numbering.level_for_style(num_id, s, self.styles)))
            .unwrap_or(0);
        self.numbering.label(num_id, ilvl, self.styles)
    }
}

/// Text events count inside `w:t` of a visible run, outside field instructions.
fn in_text(open: &[Vec<u8>], hidden_run: bool, fields: &[bool]) -> bool {
    open.last().is_some_and(|n| n == b"t")
        && !hidden_run
        && !fields.last().copied().unwrap_or(false)
}
