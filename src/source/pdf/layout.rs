//! Page layout: tables from the drawing (ruling lines → grid, merged cells where a border is
//! missing, glyphs placed into cells by position, vertical text kept as one cell), the other
//! glyphs grouped into lines by baseline, items in reading order (top to bottom).

use super::content::{Glyph, PageContent, Seg};
use crate::source::blocks::{Block, TableCell};

/// Coordinates closer than this (points) are the same rule.
const TOL: f64 = 2.0;

/// A page's items in reading order.
pub enum Item {
    /// A line of text outside tables: its text (wide gaps as tabs) and its baseline height.
    Line {
        text: String,
        y: f64,
    },
    Table(Table),
}

pub struct Table {
    pub rows: Vec<Vec<TableCell>>,
    pub top: f64,
    /// Column edges, to tell a continuation on the next page.
    pub xs: Vec<f64>,
}

impl Item {
    pub fn top(&self) -> f64 {
        match self {
            Item::Line { y, .. } => *y,
            Item::Table(t) => t.top,
        }
    }
}

/// Indices of `keys` in ascending order, ties in index order. The reader's one sort routine:
/// every `sort_by` instantiation costs kilobytes of WebAssembly.
pub fn order(keys: &[f64]) -> Vec<usize> {
    let mut k: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
    k.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    k.into_iter().map(|(_, i)| i).collect()
}

/// Keeps the first entry of each number, sorted by number.
pub fn first_wins<T: Clone>(v: Vec<(u32, T)>) -> Vec<(u32, T)> {
    let keys: Vec<f64> = v.iter().map(|e| f64::from(e.0)).collect();
    let mut out: Vec<(u32, T)> = Vec::with_capacity(v.len());
    for i in order(&keys) {
        if out.last().is_none_or(|l| l.0 != v[i].0) {
            out.push(v[i].clone());
        }
    }
    out
}

/// `v` sorted by `key` (stable).
pub fn sorted<T: Clone>(v: &[T], key: impl Fn(&T) -> f64) -> Vec<T> {
    let keys: Vec<f64> = v.iter().map(key).collect();
    order(&keys).into_iter().map(|i| v[i].clone()).collect()
}

pub fn page(content: &PageContent) -> Vec<Item> {
    let rules = without_decorations(&content.segs, &content.glyphs);
    let grids = grids(&rules);
    let mut used = vec![false; content.glyphs.len()];
    let mut items = Vec::new();
    for g in grids {
        if let Some(t) = fill(&g, &content.glyphs, &mut used) {
            items.push(Item::Table(t));
        }
    }
    let rest: Vec<&Glyph> = content
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    for (y, text) in lines(&rest, true) {
        items.push(Item::Line { text, y });
    }
    let keys: Vec<f64> = items.iter().map(|i| -i.top()).collect();
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    order(&keys)
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

/// The rules without text decoration: an underline or a strike-through is a thin horizontal
/// rule running exactly from the first to the last glyph of a run of text on one baseline, just
/// under or through it. Taken for a border, it would cut a cell whose label is underlined into
/// one row per line.
fn without_decorations(segs: &[Seg], glyphs: &[Glyph]) -> Vec<Seg> {
    // Ends of a decoration and of its text agree closely; a cell's padding keeps a border off.
    const END: f64 = 0.8;
    // Looking at more glyphs than this for one rule is a drawing, not text: the rule stays.
    const MAX_BAND: usize = 4096;
    // Glyph visits for the whole page: past it, the remaining rules stay rules (a hostile page
    // of many rules over dense text costs no more than this).
    let mut budget: usize = 4_000_000;
    let flat: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| !g.vertical && g.size > 0.0)
        .collect();
    let by_base = sorted(&flat, |g| g.base);
    let max_size = by_base.iter().map(|g| g.size).fold(0.0, f64::max);
    segs.iter()
        .copied()
        .filter(|s| {
            if !s.horizontal {
                return true;
            }
            // Glyphs whose baseline is within a line's height of the rule.
            let lo = by_base.partition_point(|g| g.base < s.at - max_size);
            let hi = by_base.partition_point(|g| g.base <= s.at + max_size);
            if hi - lo > MAX_BAND || hi - lo > budget {
                return true;
            }
            budget -= hi - lo;
            let mut ends: Option<(f64, f64)> = None;
            for g in &by_base[lo..hi] {
                let near = s.at >= g.base - 0.35 * g.size && s.at <= g.base + 0.6 * g.size;
                if near && g.x1 > s.from - END && g.x0 < s.to + END {
                    let e = ends.get_or_insert((g.x0, g.x1));
                    e.0 = e.0.min(g.x0);
                    e.1 = e.1.max(g.x1);
                }
            }
            !ends.is_some_and(|(a, b)| (a - s.from).abs() <= END && (b - s.to).abs() <= END)
        })
        .collect()
}

/// A ruled grid: row edges top to bottom, column edges left to right, and the rules.
struct Grid {
    ys: Vec<f64>,
    xs: Vec<f64>,
    h: Vec<Seg>,
    v: Vec<Seg>,
}

/// Groups the rules into connected sets, each with at least two rows' and two columns' edges.
fn grids(segs: &[Seg]) -> Vec<Grid> {
    let segs = merge(segs);
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let (hs, vs): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| segs[i].horizontal);
    if hs.len() * vs.len() > 4_000_000 {
        return Vec::new(); // a drawing, not a table
    }
    for &h in &hs {
        for &v in &vs {
            let (a, b) = (&segs[h], &segs[v]);
            if b.at >= a.from - TOL
                && b.at <= a.to + TOL
                && a.at >= b.from - TOL
                && a.at <= b.to + TOL
            {
                let (x, y) = (root(&mut parent, h), root(&mut parent, v));
                parent[x] = y;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let h: Vec<Seg> = members
            .iter()
            .map(|&i| segs[i])
            .filter(|s| s.horizontal)
            .collect();
        let v: Vec<Seg> = members
            .iter()
            .map(|&i| segs[i])
            .filter(|s| !s.horizontal)
            .collect();
        let mut ys = cluster(h.iter().map(|s| s.at));
        // A table broken over pages may lack its top or bottom rule there (the rule belongs to
        // the row on the other page): the column rules still show where it ends.
        if let (Some(&lo), Some(&hi)) = (ys.first(), ys.last()) {
            let top = v.iter().map(|s| s.to).fold(f64::MIN, f64::max);
            let bottom = v.iter().map(|s| s.from).fold(f64::MAX, f64::min);
            if top > hi + 3.0 * TOL {
                ys.push(top);
            }
            if bottom < lo - 3.0 * TOL {
                ys.insert(0, bottom);
            }
        }
        ys.reverse();
        let xs = cluster(v.iter().map(|s| s.at));
        if ys.len() < 2 || xs.len() < 2 {
            continue;
        }
        out.push(Grid { ys, xs, h, v });
    }
    out
}

/// Joins collinear rules that touch or overlap (borders drawn cell by cell).
fn merge(segs: &[Seg]) -> Vec<Seg> {
    let kept: Vec<Seg> = segs
        .iter()
        .copied()
        .filter(|s| s.to - s.from > 1.0)
        .collect();
    // Horizontal rules after vertical ones, each by position.
    let s = sorted(&kept, |s| s.at + if s.horizontal { 1e12 } else { 0.0 });
    let mut out: Vec<Seg> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        // A run of rules on (nearly) the same line, merged as intervals.
        let mut j = i + 1;
        while j < s.len() && s[j].horizontal == s[i].horizontal && s[j].at - s[i].at < 0.8 {
            j += 1;
        }
        let run = sorted(&s[i..j], |s| s.from);
        let start = out.len();
        for seg in &run {
            match out[start..].last_mut() {
                Some(last) if seg.from <= last.to + TOL => last.to = last.to.max(seg.to),
                _ => out.push(*seg),
            }
        }
        i = j;
    }
    out
}

/// Sorted distinct values, values closer than [`TOL`] taken as one.
fn cluster(vals: impl Iterator<Item = f64>) -> Vec<f64> {
    let v: Vec<f64> = vals.filter(|x| x.is_finite()).collect();
    let v = sorted(&v, |&x| x);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if x - *m / *n as f64 <= TOL => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f64).collect()
}

fn covered(segs: &[Seg], at: f64, lo: f64, hi: f64) -> bool {
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) / 4.0).min(3.0);
    segs.iter()
        .any(|s| (s.at - at).abs() <= TOL && s.from <= mid - half + 0.5 && s.to >= mid + half - 0.5)
}

/// Places glyphs into the grid's cells (merged where a border is missing).
fn fill(g: &Grid, glyphs: &[Glyph], used: &mut [bool]) -> Option<Table> {
    let (nr, nc) = (g.ys.len() - 1, g.xs.len() - 1);
    if nr * nc > 100_000 {
        return None;
    }
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..nr {
        for c in 0..nc {
            let (top, bottom) = (g.ys[r], g.ys[r + 1]);
            let (left, right) = (g.xs[c], g.xs[c + 1]);
            if c + 1 < nc && !covered(&g.v, right, bottom, top) {
                let (a, b) = (
                    root(&mut parent, r * nc + c),
                    root(&mut parent, r * nc + c + 1),
                );
                parent[b] = a;
            }
            if r + 1 < nr && !covered(&g.h, bottom, left, right) {
                let (a, b) = (
                    root(&mut parent, r * nc + c),
                    root(&mut parent, (r + 1) * nc + c),
                );
                parent[b] = a;
            }
        }
    }
    // Each region's extent and glyphs.
    let mut extent: Vec<Option<(usize, usize, usize, usize)>> = vec![None; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let k = root(&mut parent, r * nc + c);
            let e = extent[k].get_or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut members: Vec<Vec<&Glyph>> = vec![Vec::new(); nr * nc];
    let (top, bottom) = (g.ys[0], g.ys[nr]);
    let (left, right) = (g.xs[0], g.xs[nc]);
    for (i, gl) in glyphs.iter().enumerate() {
        let (x, y) = (gl.cx(), gl.cy());
        if used[i] || x < left || x > right || y > top || y < bottom {
            continue;
        }
        let c =
            g.xs.partition_point(|&e| e < x)
                .saturating_sub(1)
                .min(nc - 1);
        let r =
            g.ys.partition_point(|&e| e > y)
                .saturating_sub(1)
                .min(nr - 1);
        let k = root(&mut parent, r * nc + c);
        members[k].push(gl);
        used[i] = true;
    }
    let mut rows: Vec<Vec<TableCell>> = vec![Vec::new(); nr];
    for (r, row) in rows.iter_mut().enumerate() {
        for c in 0..nc {
            let k = root(&mut parent, r * nc + c);
            let Some((r0, c0, r1, c1)) = extent[k] else {
                continue;
            };
            if (r0, c0) != (r, c) {
                continue;
            }
            let text = cell_text(&members[k]);
            let blocks = if text.is_empty() {
                Vec::new()
            } else {
                vec![Block::Para {
                    text,
                    heading: None,
                }]
            };
            row.push(TableCell {
                blocks,
                colspan: c1 - c0 + 1,
                rowspan: r1 - r0 + 1,
                covered: false,
            });
        }
    }
    // Rows with no cells of their own (all covered from above) are dropped by the grid
    // expansion; they are kept here so rowspans stay right.
    Some(Table {
        rows,
        top,
        xs: g.xs.clone(),
    })
}

/// A cell's text: its lines top to bottom, joined without a break (a wrapped label is one
/// label); vertical text top to bottom.
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for (_, line) in lines(glyphs, false) {
        join(&mut out, &line);
    }
    out
}

/// Appends `s`, with a space only between two Latin letters or digits.
fn join(out: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (out.chars().last(), s.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            out.push(' ');
        }
    }
    out.push_str(s);
}

/// Groups glyphs into lines by baseline, top to bottom, each left to right. A run of vertical
/// glyphs in one column is one line. With `gaps`, a gap of two character widths or more
/// becomes a tab (columns of a table without borders).
pub fn lines(glyphs: &[&Glyph], gaps: bool) -> Vec<(f64, String)> {
    let horiz: Vec<&Glyph> = glyphs.iter().copied().filter(|g| !g.vertical).collect();
    let vert: Vec<&Glyph> = glyphs.iter().copied().filter(|g| g.vertical).collect();
    let mut out: Vec<(f64, String)> = Vec::new();
    let horiz = sorted(&horiz, |g| -g.base);
    let mut i = 0;
    while i < horiz.len() {
        let first = horiz[i];
        let tol = first.size.max(1.0) * 0.45;
        let mut j = i + 1;
        while j < horiz.len() && (first.base - horiz[j].base).abs() <= tol {
            j += 1;
        }
        let line = sorted(&horiz[i..j], |g| g.x0);
        out.push((first.base + first.size * 0.8, line_text(&line, gaps)));
        i = j;
    }
    // Vertical text: columns by x, each top to bottom.
    let vert = sorted(&vert, |g| g.base);
    let mut i = 0;
    while i < vert.len() {
        let first = vert[i];
        let tol = first.size.max(1.0) * 0.45;
        let mut j = i + 1;
        while j < vert.len() && (vert[j].base - first.base).abs() <= tol {
            j += 1;
        }
        let col = sorted(&vert[i..j], |g| -g.cy());
        let top = col.first().map_or(0.0, |g| g.y1);
        let text: String = col.iter().filter_map(|g| g.text.as_deref()).collect();
        let text = if col.iter().any(|g| g.text.is_none()) {
            text + "\u{FFFD}"
        } else {
            text
        };
        out.push((top, text));
        i = j;
    }
    sorted(&out, |l| -l.0)
}

fn line_text(line: &[&Glyph], gaps: bool) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let em = p.size.max(g.size).max(1.0);
            // Overlapping duplicates (fake bold drawn twice) are dropped.
            if (g.x0 - p.x0).abs() < em * 0.1 && g.text == p.text {
                continue;
            }
            if gaps && gap > em * 2.0 {
                s.push('\t');
            } else if gap > em * 0.25 && !s.ends_with(' ') {
                s.push(' ');
            }
        }
        match &g.text {
            Some(t) => s.push_str(t),
            None => s.push('\u{FFFD}'),
        }
        prev = Some(g);
    }
    s
}
