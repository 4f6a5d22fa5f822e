//! Layout shared by the structured readers (HTML, DOCX): a tree of paragraphs and tables becomes
//! the document text the user sees plus its [`Line`]s. A paragraph becomes one line per line break
//! (split into cells exactly as the plain-text reader splits the same text, so a paragraph reads
//! the same in every container); a table row becomes one line whose cells are joined by tabs, one
//! cell per grid column, merged cells expanded with the covered positions left empty (as Word puts
//! them on the clipboard). A table whose cells hold tables, or that has a single column, is a
//! layout frame: its cells' contents are laid out in reading order instead.

use super::{text, Cell, Document, InputFormat, Line, LineKind};

/// A block of a structured document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph; `\n` separates its lines (`<br>`, `w:br`). `heading` is the outline level.
    Para { text: String, heading: Option<u8> },
    /// A table as its rows of source cells (before merged cells are expanded).
    Table(Vec<Vec<TableCell>>),
    /// The blocks that follow come from this page (1-based; PDF).
    Page(u32),
}

/// A cell as written in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct TableCell {
    pub blocks: Vec<Block>,
    /// Grid columns covered (≥ 1).
    pub colspan: usize,
    /// Rows covered (≥ 1), counting this one.
    pub rowspan: usize,
    /// A continuation of the merged cell above (Word's `vMerge`): shown empty.
    pub covered: bool,
}

impl TableCell {
    pub fn new(blocks: Vec<Block>) -> Self {
        TableCell {
            blocks,
            colspan: 1,
            rowspan: 1,
            covered: false,
        }
    }
}

/// A Word table row's definition (.doc, RTF): where its cells end, and which are covered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowDef {
    /// Cell boundaries in twips (cells + 1).
    pub bounds: Vec<i16>,
    /// Per cell: merged into the cell before (old-style horizontal merge), continued from the
    /// cell above (vertical merge).
    pub covered: Vec<bool>,
}

/// Rows of cells with their definitions to rows of grid cells: the table's columns are all the
/// cell boundaries of its rows, so a cell spanning several boundaries spans that many columns
/// (Word keeps no grid in .doc or RTF); a row starting right of the table's left edge starts with an
/// empty covered cell.
pub fn grid(rows: Vec<(Vec<Vec<Block>>, Option<RowDef>)>) -> Vec<Vec<TableCell>> {
    let mut edges: Vec<i16> = rows
        .iter()
        .filter_map(|(_, d)| d.as_ref())
        .flat_map(|d| d.bounds.iter().copied())
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let column = |x: i16| edges.partition_point(|&e| e < x);
    rows.into_iter()
        .map(|(cells, def)| {
            let mut out = Vec::with_capacity(cells.len() + 1);
            let bounds = def.as_ref().map_or(&[][..], |d| &d.bounds[..]);
            if let Some(&left) = bounds.first() {
                let before = column(left);
                if before > 0 {
                    out.push(TableCell {
                        blocks: Vec::new(),
                        colspan: before,
                        rowspan: 1,
                        covered: true,
                    });
                }
            }
            for (i, blocks) in cells.into_iter().enumerate() {
                let span = match (bounds.get(i), bounds.get(i + 1)) {
                    (Some(&l), Some(&r)) if l < r => column(r) - column(l),
                    _ => 1,
                };
                let covered = def
                    .as_ref()
                    .and_then(|d| d.covered.get(i).copied())
                    .unwrap_or(false);
                out.push(TableCell {
                    blocks,
                    colspan: span.max(1),
                    rowspan: 1,
                    covered,
                });
            }
            out
        })
        .collect()
}

/// Widest grid accepted: wider spans are read as one column (HTML caps colspan at 1000).
const MAX_SPAN: usize = 1000;
/// Grid positions beyond the source cells, per document: those merged cells cover, the gaps
/// they open below, and the padding of short rows to the table's width. A hostile input (one
/// very wide row above many short ones, huge spans) cannot make the text much larger than
/// itself: past the budget, spans are read as single cells and short rows stay short.
pub const GRID_BUDGET: usize = 1_000_000;
/// The document text a layout may produce: twice the input cap. Past it the rest of the
/// document is left out, and a note says so.
pub const MAX_TEXT: usize = 2 * super::MAX_INPUT_BYTES;

/// Lays out `blocks` as a [`Document`] of the given format.
pub fn layout(blocks: &[Block], format: InputFormat) -> Document {
    let mut out = Builder {
        text: String::new(),
        lines: Vec::new(),
        next_line: 1,
        next_table: 0,
        grid_budget: GRID_BUDGET,
        full: false,
        pages: Vec::new(),
    };
    out.blocks(blocks);
    let mut notes = Vec::new();
    if out.full {
        notes.push(format!(
            "内容过长：读出的文字超过 {} MB，其后的内容未检查",
            MAX_TEXT / 1024 / 1024
        ));
    }
    Document {
        text: out.text,
        format,
        lines: out.lines,
        pages: out.pages,
        notes,
    }
}

struct Builder {
    text: String,
    lines: Vec<Line>,
    next_line: u32,
    next_table: u32,
    /// What is left of [`GRID_BUDGET`].
    grid_budget: usize,
    /// The text reached [`MAX_TEXT`]: nothing more is laid out.
    full: bool,
    pages: Vec<(u32, u32)>,
}

impl Builder {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            if self.text.len() > MAX_TEXT {
                self.full = true;
            }
            if self.full {
                return;
            }
            match b {
                Block::Para { text, heading } => self.para(text, *heading),
                Block::Table(rows) => self.table(rows),
                Block::Page(p) => self.pages.push((self.next_line, *p)),
            }
        }
    }

    fn push_text_line(&mut self, s: &str) -> u32 {
        let n = self.next_line;
        self.text.push_str(s);
        self.text.push('\n');
        self.next_line += 1;
        n
    }

    fn para(&mut self, text: &str, heading: Option<u8>) {
        for raw in text.split('\n') {
            let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
            if line.is_empty() {
                continue;
            }
            if let Some(level) = heading {
                let clean = collapse(line);
                let number = self.push_text_line(&clean);
                self.lines.push(Line {
                    kind: LineKind::Heading(level),
                    number,
                    cells: vec![Cell {
                        text: clean,
                        line: number,
                        column: 1,
                    }],
                });
                continue;
            }
            // The same splitting as for pasted text, so that a paragraph reads alike everywhere.
            let parsed = text::read(line);
            let number = self.push_text_line(line);
            for mut l in parsed.lines {
                l.number = number;
                for c in &mut l.cells {
                    c.line = number;
                }
                self.lines.push(l);
            }
        }
    }

    fn table(&mut self, rows: &[Vec<TableCell>]) {
        let nested = rows
            .iter()
            .flatten()
            .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))));
        // (A frame's grid is not built: its cells' text would be gathered at every level.)
        let (grid, spans) = if nested {
            (Vec::new(), Vec::new())
        } else {
            self.grid(rows)
        };
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if nested || width <= 1 {
            // A layout frame, not a data table: its contents in reading order.
            for row in rows {
                for cell in row {
                    if !cell.covered {
                        self.blocks(&cell.blocks);
                    }
                }
            }
            return;
        }
        let id = self.next_table;
        self.next_table += 1;
        let (grid, width) = collapse_merged_columns(grid, &spans, width);
        for row in grid {
            self.row(row, width, id);
        }
    }

    /// Expands merged cells: each row as the texts of its grid columns (a merged cell's text at
    /// its first position); and the grid columns of every cell merged across (start, width).
    fn grid(&mut self, rows: &[Vec<TableCell>]) -> (Vec<Vec<String>>, Vec<(usize, usize)>) {
        // Room for a row's own cells (spans may add more).
        let mut grid: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|row| Vec::with_capacity(row.len()))
            .collect();
        let mut spans = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (mut colspan, mut rowspan) = (
                    cell.colspan.clamp(1, MAX_SPAN),
                    cell.rowspan.clamp(1, rows.len() - r),
                );
                if colspan * rowspan > 1 {
                    // What the merge costs: the positions each covered row grows by (gaps
                    // below included) beyond the cell's own, and the rows looked at.
                    let cost = if colspan * rowspan > self.grid_budget {
                        None
                    } else {
                        let grown: usize = grid[r..r + rowspan]
                            .iter()
                            .map(|g| (c + colspan).saturating_sub(g.len()))
                            .sum();
                        Some(grown.saturating_sub(1) + rowspan)
                    };
                    match cost {
                        Some(cost) if cost <= self.grid_budget => self.grid_budget -= cost,
                        _ => (colspan, rowspan) = (1, 1),
                    }
                }
                if colspan > 1 {
                    spans.push((c, colspan));
                }
                // The text goes to the cell's first position (free: `c` skipped taken ones).
                let mut text = Some(if cell.covered {
                    String::new()
                } else {
                    cell_text(&cell.blocks)
                });
                for (dr, grid_row) in grid[r..r + rowspan].iter_mut().enumerate() {
                    if grid_row.len() < c + colspan {
                        grid_row.resize(c + colspan, None);
                    }
                    for (dc, slot) in grid_row[c..c + colspan].iter_mut().enumerate() {
                        if slot.is_none() {
                            *slot = Some(if dr == 0 && dc == 0 {
                                text.take().unwrap_or_default()
                            } else {
                                String::new()
                            });
                        }
                    }
                }
                c += colspan;
            }
        }
        let grid = grid
            .into_iter()
            .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
            .collect();
        (grid, spans)
    }

    fn row(&mut self, mut cells: Vec<String>, width: usize, table: u32) {
        if cells.iter().all(String::is_empty) {
            return;
        }
        // Short rows are padded to the table's width while the budget lasts.
        let pad = width - cells.len();
        if pad <= self.grid_budget {
            self.grid_budget -= pad;
            cells.resize(width, String::new());
        }
        let width = cells.len();
        let number = self.next_line;
        let mut out = Vec::with_capacity(width);
        let mut column = 1u32;
        // The row's line is written straight into the document text.
        for (i, t) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push('\t');
                column += 1;
            }
            self.text.push_str(&t);
            let len = t.chars().count() as u32;
            out.push(Cell {
                text: t,
                line: number,
                column,
            });
            column += len;
        }
        self.text.push('\n');
        self.next_line += 1;
        self.lines.push(Line {
            kind: LineKind::TableRow(table),
            number,
            cells: out,
        });
    }
}

/// Maps data cells to columns through the header. A header cell merged across several grid
/// columns (商业企业 over two) names one column when no row has text in more than one of them: the
/// data rows then carry one empty cell there that belongs to no column (a spacer), before or after
/// their value. Such grid columns are folded into one, each row keeping its one text, so that
/// every data cell stands under the header cell above it. Folding loses no text. Returns the
/// rows and the new width.
fn collapse_merged_columns(
    mut grid: Vec<Vec<String>>,
    spans: &[(usize, usize)],
    width: usize,
) -> (Vec<Vec<String>>, usize) {
    let one_text_per_row = |c: usize, w: usize| {
        grid.iter().all(|row| {
            row.get(c..(c + w).min(row.len()))
                .is_none_or(|cells| cells.iter().filter(|t| !t.is_empty()).count() <= 1)
        })
    };
    // Widest spans first; accepted folds never overlap: a span inside an accepted one is already
    // folded, and one that only partly overlaps it is left alone.
    let widest = spans.iter().map(|&(_, w)| w).max().unwrap_or(0);
    let mut folded = vec![false; width];
    let mut folds: Vec<(usize, usize)> = Vec::new();
    for w in (2..=widest).rev() {
        for &(c, _) in spans.iter().filter(|&&(_, sw)| sw == w) {
            let end = (c + w).min(width);
            if folded[c..end].iter().any(|&f| f) || !one_text_per_row(c, w) {
                continue;
            }
            folded[c..end].iter_mut().for_each(|f| *f = true);
            folds.push((c, end));
        }
    }
    if folds.is_empty() {
        return (grid, width);
    }
    // Each fold keeps its first column, holding the row's one text.
    let mut keep = vec![true; width];
    for &(c, end) in &folds {
        keep[c + 1..end].iter_mut().for_each(|k| *k = false);
    }
    for row in &mut grid {
        for &(c, end) in &folds {
            let end = end.min(row.len());
            if let Some(t) = (c + 1..end).find(|&i| !row[i].is_empty()) {
                row.swap(c, t);
            }
        }
        let mut col = 0;
        row.retain(|_| {
            col += 1;
            keep.get(col - 1).copied().unwrap_or(true)
        });
    }
    (grid, keep.iter().filter(|&&k| k).count())
}

/// A cell's text on one line: its paragraphs and line breaks joined by a space.
fn cell_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        // Collapsed straight into `s`; a part that comes out empty takes its separator back.
        let before = s.len();
        if !s.is_empty() {
            s.push(' ');
        }
        let start = s.len();
        match b {
            Block::Para { text, .. } => collapse_into(&mut s, text),
            Block::Table(rows) => collapse_into(
                &mut s,
                &rows
                    .iter()
                    .flatten()
                    .map(|c| cell_text(&c.blocks))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Block::Page(_) => {}
        }
        if s.len() == start {
            s.truncate(before);
        }
    }
    s
}

/// Whitespace (tabs and line breaks included) collapsed to single spaces, trimmed: a cell must
/// stay on its row's line and must not open a new cell.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s);
    out
}

/// [`collapse`], appended to `out`; the text between white space is copied a run at a time.
fn collapse_into(out: &mut String, s: &str) {
    let start = out.len();
    let mut space = false;
    // Start of the run of kept characters not yet copied.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() && c != '\u{3000}' || c == '\u{FEFF}' {
            if run < i {
                if space {
                    out.push(' ');
                }
                out.push_str(&s[run..i]);
            }
            run = i + c.len_utf8();
            space = out.len() > start;
        }
    }
    if run < s.len() {
        if space {
            out.push(' ');
        }
        out.push_str(&s[run..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Block {
        Block::Para {
            text: t.into(),
            heading: None,
        }
    }
    fn cell(t: &str, colspan: usize, rowspan: usize) -> TableCell {
        TableCell {
            blocks: vec![p(t)],
            colspan,
            rowspan,
            covered: false,
        }
    }
    fn texts(doc: &Document) -> Vec<Vec<String>> {
        doc.lines
            .iter()
            .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn a_spacer_column_under_a_merged_header_belongs_to_no_column() {
        // | 自然人 | 商业企业 (colspan 2) | 其他 |
        // | 1      | 2      | (empty)     | 3    |   spacer after the value
        // | 4      | (empty)| 5           | 6    |   spacer before it
        let rows = vec![
            vec![
                cell("自然人", 1, 1),
                cell("商业企业", 2, 1),
                cell("其他", 1, 1),
            ],
            vec![
                cell("1", 1, 1),
                cell("2", 1, 1),
                cell("", 1, 1),
                cell("3", 1, 1),
            ],
            vec![
                cell("4", 1, 1),
                cell("", 1, 1),
                cell("5", 1, 1),
                cell("6", 1, 1),
            ],
        ];
        let doc = layout(&[Block::Table(rows)], InputFormat::Html);
        assert_eq!(
            texts(&doc),
            [
                vec!["自然人", "商业企业", "其他"],
                vec!["1", "2", "3"],
                vec!["4", "5", "6"]
            ]
        );
        assert_eq!(doc.text, "自然人\t商业企业\t其他\n1\t2\t3\n4\t5\t6\n");
    }

    #[test]
    fn columns_under_a_merged_header_with_their_own_data_stay_apart() {
        // 法人 spans two columns that both hold values in one row: two columns, not one.
        let rows = vec![
            vec![cell("自然人", 1, 1), cell("法人", 2, 1)],
            vec![cell("1", 1, 1), cell("2", 1, 1), cell("", 1, 1)],
            vec![cell("4", 1, 1), cell("5", 1, 1), cell("6", 1, 1)],
        ];
        let doc = layout(&[Block::Table(rows)], InputFormat::Html);
        assert_eq!(
            texts(&doc),
            [
                vec!["自然人", "法人", ""],
                vec!["1", "2", ""],
                vec!["4", "5", "6"]
            ]
        );
    }

    #[test]
    fn merged_cells_leave_empty_positions() {
        // | 项目 (rowspan 2) | 申请人 (colspan 2) |
        // |                  | 自然人 | 法人   |
        // | 新收             | 2      | 0      |
        let rows = vec![
            vec![cell("项目", 1, 2), cell("申请人", 2, 1)],
            vec![cell("自然人", 1, 1), cell("法人", 1, 1)],
            vec![cell("新收", 1, 1), cell("2", 1, 1), cell("0", 1, 1)],
        ];
        let doc = layout(&[Block::Table(rows)], InputFormat::Html);
        assert_eq!(
            texts(&doc),
            [
                vec!["项目", "申请人", ""],
                vec!["", "自然人", "法人"],
                vec!["新收", "2", "0"]
            ]
        );
        assert_eq!(doc.text, "项目\t申请人\t\n\t自然人\t法人\n新收\t2\t0\n");
        assert!(doc.lines.iter().all(|l| l.kind == LineKind::TableRow(0)));
        // Columns are character positions in the line.
        let cols: Vec<u32> = doc.lines[1].cells.iter().map(|c| c.column).collect();
        assert_eq!(cols, [1, 2, 6]);
        assert_eq!(doc.lines[2].number, 3);
    }

    #[test]
    fn short_rows_are_padded_and_blank_rows_dropped() {
        let rows = vec![
            vec![cell("a", 1, 1), cell("b", 1, 1), cell("c", 1, 1)],
            vec![cell("", 1, 1)],
            vec![cell("d", 1, 1)],
        ];
        let doc = layout(&[Block::Table(rows)], InputFormat::Docx);
        assert_eq!(texts(&doc), [vec!["a", "b", "c"], vec!["d", "", ""]]);
    }

    #[test]
    fn covered_cells_are_empty() {
        let mut cont = cell("ignored", 1, 1);
        cont.covered = true;
        let rows = vec![
            vec![cell("三、结果", 1, 1), cell("1", 1, 1)],
            vec![cont, cell("2", 1, 1)],
        ];
        let doc = layout(&[Block::Table(rows)], InputFormat::Docx);
        assert_eq!(texts(&doc), [vec!["三、结果", "1"], vec!["", "2"]]);
    }

    #[test]
    fn layout_frames_are_unwrapped() {
        let inner = Block::Table(vec![vec![cell("规章", 1, 1), cell("0", 1, 1)]]);
        let frame = Block::Table(vec![vec![
            TableCell::new(vec![p("标题"), inner]),
            cell("右栏", 1, 1),
        ]]);
        let doc = layout(&[frame], InputFormat::Html);
        assert_eq!(texts(&doc), [vec!["标题"], vec!["规章", "0"], vec!["右栏"]]);
        assert_eq!(doc.lines[1].kind, LineKind::TableRow(0));
        let single = Block::Table(vec![vec![cell("说明文字", 1, 1)]]);
        let doc = layout(&[single], InputFormat::Html);
        assert_eq!(doc.lines[0].kind, LineKind::Text);
    }

    #[test]
    fn paragraphs_split_like_text_and_cells_stay_on_one_line() {
        let doc = layout(
            &[
                Block::Para {
                    text: "一、总体情况".into(),
                    heading: Some(2),
                },
                p("第一行\n  行政许可 0  "),
                Block::Table(vec![vec![
                    cell("本年新\n制作数量", 1, 1),
                    cell("1\t2", 1, 1),
                ]]),
            ],
            InputFormat::Html,
        );
        assert_eq!(
            texts(&doc),
            [
                vec!["一、总体情况"],
                vec!["第一行"],
                vec!["行政许可", "0"],
                vec!["本年新 制作数量", "1 2"]
            ]
        );
        assert_eq!(doc.lines[0].kind, LineKind::Heading(2));
        assert_eq!(
            doc.text,
            "一、总体情况\n第一行\n行政许可 0\n本年新 制作数量\t1 2\n"
        );
    }

    #[test]
    fn collapse_keeps_ideographic_spaces_and_drops_the_rest() {
        // The definition, a character at a time.
        fn reference(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if c.is_whitespace() && c != '\u{3000}' || c == '\u{FEFF}' {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(c);
                }
            }
            out
        }
        for s in [
            "",
            " ",
            "a",
            "  本年 \t新\n\n制作  ",
            "\u{3000}第一\u{3000}",
            "\u{FEFF}x\u{A0}\u{A0}y\u{FEFF}",
            "a\u{2003}b c\r\n",
        ] {
            assert_eq!(collapse(s), reference(s), "{s:?}");
            let mut out = String::from("前 ");
            collapse_into(&mut out, s);
            assert_eq!(out, format!("前 {}", reference(s)), "{s:?}");
        }
    }

    #[test]
    fn huge_spans_are_bounded() {
        let rows: Vec<Vec<TableCell>> = (0..50)
            .map(|_| vec![cell("x", usize::MAX, 1), cell("y", 1, usize::MAX)])
            .collect();
        let doc = layout(&[Block::Table(rows)], InputFormat::Html);
        assert!(doc.text.len() < 200_000);
    }
}
