//! The document body (document.xml) as blocks: paragraphs with the text Word shows (runs,
//! hyperlinks, simple and complex fields' results, content controls, inserted text; not deleted
//! text, field instructions or hidden text), headings from styles and outline levels, automatic
//! numbers reconstructed, text boxes after the paragraph that anchors them, and tables with their
//! horizontal (`gridSpan`, `gridBefore`) and vertical (`vMerge`) merges.

use super::numbering::Numbering;
use super::styles::{NumRef, Styles};
use super::xml::{Ev, Reader, Tag};
use crate::source::blocks::{Block, TableCell};
use std::borrow::Cow;

/// Nesting (tables in cells, text boxes in paragraphs) deeper than this is read flat: the text
/// of what lies deeper, a paragraph at a time, without recursion ([`Body::flat`]).
const MAX_NESTING: usize = 32;
/// Elements open inside one paragraph that are told apart; deeper ones are only counted.
const MAX_OPEN: usize = 256;
/// Table cells per document (a long report has a few thousand). `<w:tc/>` is 7 bytes: without
/// a cap a 100 MB part of them costs gigabytes of cells and grids. Past it, a cell's content is
/// added to the row's previous cell (its text kept, its column lost).
const MAX_CELLS: usize = 2_000_000;

/// Subtrees whose text Word does not show, or that hold only properties.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "Fallback",
    "sdtPr",
    "sdtEndPr",
    "rPr",
    "sectPr",
    "tblPr",
    "tblPrEx",
    "tblGrid",
    "trPr",
    "tcPr",
    "pPr",
    "object",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "annotationRef",
    "altChunk",
    "docPr",
    "rPrChange",
    "pPrChange",
];

/// Why the body could not be read.
pub enum BodyError {
    /// The part ends inside an element: the file is cut short or damaged.
    Incomplete,
}

/// The body's blocks, and whether [`MAX_CELLS`] was reached.
pub fn parse(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<(Vec<Block>, bool), BodyError> {
    let mut body = Body {
        r: Reader::new(xml),
        styles,
        numbering,
        depth: 0,
        incomplete: false,
        spare: (String::new(), Vec::new()),
        cells_left: MAX_CELLS,
    };
    let (blocks, _) = body.container(Kind::Document);
    if body.incomplete {
        return Err(BodyError::Incomplete);
    }
    Ok((blocks, body.cells_left == 0))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// The whole part: read to its end.
    Document,
    /// `w:tc`: its properties are read too.
    Cell,
    /// `w:txbxContent` and other block containers.
    Other,
}

/// What `w:tcPr` says.
struct CellProps {
    span: usize,
    covered: bool,
}

struct Body<'x, 's, 'n> {
    r: Reader<'x>,
    styles: &'s Styles,
    numbering: &'n mut Numbering,
    depth: usize,
    /// The part ended while elements were open: it was cut short.
    incomplete: bool,
    /// Buffers the paragraph reader reuses (a paragraph nested in one takes fresh ones).
    spare: (String, Vec<Open>),
    /// What is left of [`MAX_CELLS`].
    cells_left: usize,
}

/// What is gathered while one paragraph is read.
struct Para<'x> {
    /// The text, and the elements open inside the paragraph.
    text: String,
    open: Vec<Open>,
    /// Blocks found inside it (text boxes, misplaced paragraphs and tables), put after it.
    floating: Vec<Block>,
    style: Option<Cow<'x, str>>,
    num: Option<NumRef>,
    outline: Option<u8>,
    hidden_run: bool,
    /// Complex fields: true while in the instruction part of an open field.
    fields: Vec<bool>,
    /// `pPr` elements among `open` (an O(1) "inside paragraph properties?"), and elements
    /// open beyond MAX_OPEN (counted only: hostile nesting costs no memory or time).
    ppr: usize,
    excess: usize,
}

impl Para<'_> {
    /// Text here is shown: not in a hidden run, not in a field's instruction.
    fn visible(&self) -> bool {
        !self.hidden_run && !self.fields.last().copied().unwrap_or(false)
    }

    fn text_event(&mut self, s: &str) {
        if self.excess == 0 && self.open.last() == Some(&Open::T) && self.visible() {
            self.text.push_str(s);
        }
    }

    /// `w:fldChar`: a field begins (its instruction first), shows its result, or ends.
    fn field_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => self.fields.push(true),
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    *f = false;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }
}

/// What the paragraph reader needs to know of an element open inside a paragraph.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    /// `pPr`: paragraph properties.
    PPr,
    /// `rPr`: run properties.
    RPr,
    /// `t`: text.
    T,
    Other,
}

impl<'x> Body<'x, '_, '_> {
    fn next(&mut self) -> Option<Ev<'x>> {
        self.r.next()
    }

    /// Skips to the end of the element just started.
    fn skip(&mut self) {
        let mut depth = 0usize;
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) if !t.empty => depth += 1,
                Ev::End if depth == 0 => return,
                Ev::End => depth -= 1,
                _ => {}
            }
        }
    }

    /// Skips a subtree if the tag opened one.
    fn skip_tag(&mut self, t: &Tag) {
        if !t.empty {
            self.skip();
        }
    }

    /// Block content up to the end of the element just started (or of the document).
    fn container(&mut self, kind: Kind) -> (Vec<Block>, CellProps) {
        let mut out = Vec::new();
        let mut props = CellProps {
            span: 1,
            covered: false,
        };
        let mut nest = 0usize;
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) if t.empty => {}
                Ev::Start(t) => match t.name() {
                    "p" => self.nested(&mut out, Self::paragraph),
                    "tbl" => self.nested(&mut out, Self::table),
                    "tcPr" if kind == Kind::Cell && nest == 0 => props = self.cell_props(),
                    n if SKIPPED.contains(&n) => self.skip(),
                    _ => nest += 1,
                },
                Ev::End if nest == 0 && kind != Kind::Document => return (out, props),
                Ev::End => nest = nest.saturating_sub(1),
                Ev::Text(_) => {}
            }
        }
        // The part ends after its root element closes; ending inside it means it was cut short
        // (anything open inside, down to a paragraph, leaves the root open too).
        if kind == Kind::Document && nest > 0 {
            self.incomplete = true;
        }
        (out, props)
    }

    /// Runs `f` one nesting level deeper, or skips the element when too deep. (A function
    /// pointer, not a generic: one copy of this in the WebAssembly module.)
    fn nested(&mut self, out: &mut Vec<Block>, f: fn(&mut Self, &mut Vec<Block>)) {
        if self.depth >= MAX_NESTING {
            self.flat(out);
            return;
        }
        self.depth += 1;
        f(self, out);
        self.depth -= 1;
    }

    /// The element just started, too deeply nested to be read as structure: its visible text,
    /// one paragraph per `w:p`, `w:tc` or `w:txbxContent` (tables and text boxes flattened, none
    /// of their text lost). Iterative: the depth is only counted.
    fn flat(&mut self, out: &mut Vec<Block>) {
        let mut text = String::new();
        // Per open element: does its end close a paragraph? And the depth of the open `w:t`.
        let mut open: Vec<bool> = Vec::new();
        let mut in_t = 0usize;
        let flush = |text: &mut String, out: &mut Vec<Block>| {
            if !text.trim().is_empty() {
                out.push(Block::Para {
                    text: std::mem::take(text),
                    heading: None,
                });
            }
            text.clear();
        };
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) => {
                    let n = t.name();
                    if SKIPPED.contains(&n) {
                        self.skip_tag(&t);
                        continue;
                    }
                    match n {
                        "tab" | "ptab" => text.push('\t'),
                        "br" | "cr" => text.push('\n'),
                        _ => {}
                    }
                    if !t.empty {
                        open.push(matches!(n, "p" | "tc" | "txbxContent"));
                        if n == "t" {
                            in_t = open.len();
                        }
                    }
                }
                Ev::Text(s) => {
                    if in_t > 0 && in_t == open.len() {
                        text.push_str(&s);
                    }
                }
                Ev::End => {
                    let Some(ends_para) = open.pop() else { break };
                    if in_t > open.len() {
                        in_t = 0;
                    }
                    if ends_para {
                        flush(&mut text, out);
                    }
                }
            }
        }
        flush(&mut text, out);
    }

    /// `w:txbxContent`: its blocks.
    fn text_box(&mut self, out: &mut Vec<Block>) {
        out.append(&mut self.container(Kind::Other).0);
    }

    fn cell_props(&mut self) -> CellProps {
        let mut p = CellProps {
            span: 1,
            covered: false,
        };
        let mut nest = 0usize;
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) => {
                    match t.name() {
                        "gridSpan" => p.span = t.val_num().unwrap_or(1).max(1) as usize,
                        // vMerge without a value, or "continue", continues the cell above.
                        "vMerge" | "hMerge" | "vmerge" | "hmerge" => {
                            p.covered = t.attr("val").is_none_or(|v| v == "continue")
                        }
                        _ => {}
                    }
                    if !t.empty {
                        nest += 1;
                    }
                }
                Ev::End if nest == 0 => break,
                Ev::End => nest -= 1,
                Ev::Text(_) => {}
            }
        }
        p
    }

    fn table(&mut self, out: &mut Vec<Block>) {
        let mut rows = Vec::new();
        let mut nest = 0usize;
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) if t.empty => {}
                Ev::Start(t) => match t.name() {
                    "tr" => rows.push(self.row()),
                    n if SKIPPED.contains(&n) => self.skip(),
                    _ => nest += 1,
                },
                Ev::End if nest == 0 => break,
                Ev::End => nest -= 1,
                Ev::Text(_) => {}
            }
        }
        out.push(Block::Table(rows));
    }

    fn row(&mut self) -> Vec<TableCell> {
        let mut cells: Vec<TableCell> = Vec::new();
        let mut grid_before = false;
        let mut nest = 0usize;
        while let Some(ev) = self.next() {
            let Ev::Start(t) = ev else {
                if matches!(ev, Ev::End) {
                    if nest == 0 {
                        break;
                    }
                    nest -= 1;
                }
                continue;
            };
            match t.name() {
                "tc" if self.cells_left == 0 && !cells.is_empty() => {
                    // Over the budget: the content joins the previous cell.
                    let mut blocks = Vec::new();
                    if !t.empty {
                        self.flat(&mut blocks);
                    }
                    if let Some(last) = cells.last_mut() {
                        last.blocks.append(&mut blocks);
                    }
                }
                "tc" if t.empty => {
                    self.cells_left = self.cells_left.saturating_sub(1);
                    cells.push(TableCell::new(Vec::new()))
                }
                "tc" => {
                    self.cells_left = self.cells_left.saturating_sub(1);
                    let (blocks, props) = if self.depth >= MAX_NESTING {
                        let mut blocks = Vec::new();
                        self.flat(&mut blocks);
                        (
                            blocks,
                            CellProps {
                                span: 1,
                                covered: false,
                            },
                        )
                    } else {
                        self.depth += 1;
                        let r = self.container(Kind::Cell);
                        self.depth -= 1;
                        r
                    };
                    cells.push(TableCell {
                        blocks,
                        colspan: props.span,
                        rowspan: 1,
                        covered: props.covered,
                    });
                }
                // Grid columns skipped before the first cell.
                // (Once per row: repeated, each would be inserted at the front.)
                "gridBefore" if !grid_before => {
                    grid_before = true;
                    let n = t.val_num().unwrap_or(0) as usize;
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
                    self.skip_tag(&t);
                }
                // Row properties hold gridBefore: look inside.
                "trPr" if !t.empty => nest += 1,
                n if SKIPPED.contains(&n) => self.skip_tag(&t),
                _ if !t.empty => nest += 1,
                _ => {}
            }
        }
        cells
    }

    fn paragraph(&mut self, out: &mut Vec<Block>) {
        let (mut text, mut open) = std::mem::take(&mut self.spare);
        text.clear();
        open.clear();
        let mut p = Para {
            text,
            open,
            floating: Vec::new(),
            style: None,
            num: None,
            outline: None,
            hidden_run: false,
            fields: Vec::new(),
            ppr: 0,
            excess: 0,
        };
        while let Some(ev) = self.next() {
            match ev {
                Ev::Start(t) if p.excess > 0 || p.open.len() >= MAX_OPEN => {
                    if !t.empty {
                        p.excess += 1;
                    }
                }
                Ev::Start(t) => self.paragraph_element(&mut p, t),
                Ev::Text(s) => p.text_event(&s),
                Ev::End if p.excess > 0 => p.excess -= 1,
                Ev::End => {
                    // The paragraph's own end tag when nothing inside it is open.
                    let Some(o) = p.open.pop() else { break };
                    p.ppr -= usize::from(o == Open::PPr);
                }
            }
        }
        self.finish_paragraph(p, out);
    }

    /// An element starting inside a paragraph: a property, a piece of content, or a subtree
    /// read elsewhere (skipped, or a nested block); the others are entered.
    fn paragraph_element(&mut self, p: &mut Para<'x>, t: Tag<'x>) {
        let n = t.name();
        let handled = if p.ppr > 0 {
            self.paragraph_property(p, &t)
        } else if p.open.last() == Some(&Open::RPr) {
            self.run_property(p, &t)
        } else {
            self.paragraph_content(p, &t)
        };
        if !handled && !t.empty {
            p.ppr += usize::from(n == "pPr");
            p.open.push(match n {
                "pPr" => Open::PPr,
                "rPr" => Open::RPr,
                "t" => Open::T,
                _ => Open::Other,
            });
        }
    }

    /// Paragraph properties: style, list, outline level. True when the element was skipped.
    fn paragraph_property(&mut self, p: &mut Para<'x>, t: &Tag<'x>) -> bool {
        match t.name() {
            "pStyle" if p.open.len() == 1 => p.style = t.attr("val"),
            // Word 2003 XML: w:listPr/w:ilfo.
            "numId" | "ilfo" => p.num.get_or_insert_with(NumRef::default).num_id = t.val_num(),
            "ilvl" => {
                p.num.get_or_insert_with(NumRef::default).ilvl = t.val_num().map(|v| v.min(8) as u8)
            }
            "outlineLvl" => p.outline = t.val_num().map(|v| v.min(9) as u8),
            "rPr" | "pPrChange" | "sectPr" => {
                self.skip_tag(t);
                return true;
            }
            _ => {}
        }
        false
    }

    /// Run properties: hidden text. True when the element was skipped.
    fn run_property(&mut self, p: &mut Para<'x>, t: &Tag<'x>) -> bool {
        match t.name() {
            "vanish" | "webHidden" | "specVanish" => p.hidden_run |= t.toggle(),
            "rPrChange" => {
                self.skip_tag(t);
                return true;
            }
            _ => {}
        }
        false
    }

    /// Runs, tabs and breaks, fields, and what is read as blocks of its own (text boxes, and a
    /// paragraph or table where none is valid). True when the element was read or skipped whole.
    fn paragraph_content(&mut self, p: &mut Para<'x>, t: &Tag<'x>) -> bool {
        let visible = p.visible();
        match t.name() {
            "pPr" | "rPr" => {}
            "r" => p.hidden_run = false,
            "tab" | "ptab" if visible => p.text.push('\t'),
            "br" | "cr" if visible => p.text.push('\n'),
            "noBreakHyphen" if visible => p.text.push('-'),
            "fldChar" => p.field_char(t.attr("fldCharType").as_deref()),
            "txbxContent" if !t.empty => {
                self.nested(&mut p.floating, Self::text_box);
                return true;
            }
            // Not valid inside a paragraph; read as blocks of their own.
            "p" if !t.empty => {
                self.nested(&mut p.floating, Self::paragraph);
                return true;
            }
            "tbl" if !t.empty => {
                self.nested(&mut p.floating, Self::table);
                return true;
            }
            n if SKIPPED.contains(&n) => {
                self.skip_tag(t);
                return true;
            }
            _ => {}
        }
        false
    }

    /// The paragraph as a block (its number from its list or style, its heading level from its
    /// outline level or style), then the blocks found inside it.
    fn finish_paragraph(&mut self, p: Para<'x>, out: &mut Vec<Block>) {
        let Para {
            text,
            open,
            mut floating,
            style,
            num,
            outline,
            ..
        } = p;
        let styles = self.styles;
        let style = style.as_deref().or(styles.default_para.as_deref());
        let heading = match outline {
            Some(o) => (o < 9).then_some(o + 1),
            None => style.and_then(|s| styles.heading(s)),
        };
        let label = self.number(num, style);
        // An empty paragraph lays out to nothing: not kept (a body of `<w:p></w:p>` would
        // otherwise cost a block per 11 bytes).
        if label.is_some() || !text.is_empty() {
            out.push(Block::Para {
                text: label.unwrap_or_default() + &text,
                heading,
            });
        }
        out.append(&mut floating);
        self.spare = (text, open);
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
