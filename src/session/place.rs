//! Geometry the page needs, kept free of the DOM so that it is tested natively: where a table
//! cell's tooltip goes (never over another marked cell), and where a line starts in the editor
//! box (for putting the caret on a problem's line).

/// A rectangle in viewport pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.left + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// The area two rectangles share (0 when they only touch).
    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = self.right().min(o.right()) - self.left.max(o.left);
        let h = self.bottom().min(o.bottom()) - self.top.max(o.top);
        if w > 0.5 && h > 0.5 {
            w * h
        } else {
            0.0
        }
    }

    fn inside(&self, o: &Rect) -> bool {
        self.left >= o.left
            && self.top >= o.top
            && self.right() <= o.right()
            && self.bottom() <= o.bottom()
    }
}

const GAP: f64 = 4.0;

/// Where to put a tooltip of size (`w`, `h`) for the marked cell `cell`: beside the cell (below,
/// above, right, left) when that covers no other marked cell and stays on screen, else below or
/// above the whole table, else the place that covers the least. Returns the top-left corner.
pub fn tooltip(
    cell: Rect,
    w: f64,
    h: f64,
    others: &[Rect],
    table: Rect,
    viewport: Rect,
) -> (f64, f64) {
    // Keep the tooltip on screen horizontally when it is aligned with something.
    let fit_x = |x: f64| x.min(viewport.right() - w - GAP).max(viewport.left + GAP);
    let candidates = [
        (fit_x(cell.left), cell.bottom() + GAP),
        (fit_x(cell.right() - w), cell.bottom() + GAP),
        (fit_x(cell.left), cell.top - h - GAP),
        (fit_x(cell.right() - w), cell.top - h - GAP),
        (cell.right() + GAP, cell.top),
        (cell.left - w - GAP, cell.top),
        (fit_x(cell.left), table.bottom() + GAP),
        (fit_x(cell.left), table.top - h - GAP),
    ];
    let cost = |&(x, y): &(f64, f64)| {
        let r = Rect {
            left: x,
            top: y,
            width: w,
            height: h,
        };
        let covered: f64 = others.iter().map(|o| r.overlap(o)).sum();
        let off_screen = if r.inside(&viewport) { 0.0 } else { 1.0 };
        (covered, off_screen)
    };
    candidates
        .iter()
        .find(|c| cost(c) == (0.0, 0.0))
        .or_else(|| candidates.iter().find(|c| cost(c).0 == 0.0))
        .copied()
        .unwrap_or_else(|| {
            *candidates
                .iter()
                .min_by(|a, b| cost(a).0.total_cmp(&cost(b).0))
                .expect("candidates")
        })
}

/// The offset of the start of 1-based `line` in `text`, in UTF-16 code units (what a text area's
/// selection counts). None when the text has fewer lines.
pub fn line_start_utf16(text: &str, line: u32) -> Option<u32> {
    if line == 0 {
        return None;
    }
    let mut seen = 1;
    let mut units = 0u32;
    if line == 1 {
        return Some(0);
    }
    for c in text.chars() {
        units += c.len_utf16() as u32;
        if c == '\n' {
            seen += 1;
            if seen == line {
                return Some(units);
            }
        }
    }
    None
}

/// The length of 1-based `line` in UTF-16 code units (without its line break).
pub fn line_len_utf16(text: &str, line: u32) -> u32 {
    text.split('\n')
        .nth(line.saturating_sub(1) as usize)
        .map_or(0, |l| {
            l.trim_end_matches('\r').encode_utf16().count() as u32
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(left: f64, top: f64, width: f64, height: f64) -> Rect {
        Rect {
            left,
            top,
            width,
            height,
        }
    }

    const VIEW: Rect = Rect {
        left: 0.0,
        top: 0.0,
        width: 1280.0,
        height: 900.0,
    };

    #[test]
    fn below_the_cell_when_nothing_is_marked_there() {
        let cell = r(100.0, 100.0, 40.0, 20.0);
        assert_eq!(
            tooltip(cell, 200.0, 60.0, &[], r(0.0, 80.0, 600.0, 300.0), VIEW),
            (100.0, 124.0)
        );
    }

    #[test]
    fn never_over_another_marked_cell() {
        // A marked cell right below, one right above: the tooltip goes elsewhere.
        let cell = r(100.0, 100.0, 40.0, 20.0);
        let others = [r(100.0, 130.0, 40.0, 20.0), r(100.0, 60.0, 40.0, 20.0)];
        let (x, y) = tooltip(cell, 200.0, 60.0, &others, r(0.0, 40.0, 600.0, 300.0), VIEW);
        let tip = r(x, y, 200.0, 60.0);
        assert!(others.iter().all(|o| tip.overlap(o) == 0.0), "{tip:?}");
        assert!(tip.overlap(&cell) == 0.0);
    }

    #[test]
    fn outside_the_table_when_marks_surround_the_cell() {
        let cell = r(300.0, 300.0, 40.0, 20.0);
        let mut others = Vec::new();
        for dx in [-1.0, 0.0, 1.0] {
            for dy in [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0] {
                if (dx, dy) != (0.0, 0.0) {
                    others.push(r(300.0 + dx * 40.0, 300.0 + dy * 20.0, 40.0, 20.0));
                }
            }
        }
        let table = r(100.0, 200.0, 500.0, 250.0);
        let (x, y) = tooltip(cell, 200.0, 60.0, &others, table, VIEW);
        assert_eq!((x, y), (300.0, 454.0));
    }

    #[test]
    fn line_starts_count_utf16_units() {
        let t = "一\n𝄞二\n\nx";
        assert_eq!(line_start_utf16(t, 1), Some(0));
        assert_eq!(line_start_utf16(t, 2), Some(2));
        // 𝄞 is two UTF-16 units.
        assert_eq!(line_start_utf16(t, 3), Some(6));
        assert_eq!(line_start_utf16(t, 4), Some(7));
        assert_eq!(line_start_utf16(t, 5), None);
        assert_eq!(line_start_utf16(t, 0), None);
        assert_eq!(line_len_utf16(t, 2), 3);
    }
}
