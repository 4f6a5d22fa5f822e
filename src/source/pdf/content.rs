//! Content streams: the text state and graphics state operators, producing positioned glyphs
//! and the straight lines of the drawing (cell borders, as stroked lines or thin filled
//! rectangles). Everything is in page space (points, y up).

use super::file::File;
use super::font::{Code, Font};
use super::object::{Dict, Lexer, Obj};
use std::rc::Rc;

/// Form XObjects nested deeper than this are not drawn (a form drawing itself is cut at once).
const MAX_FORM_DEPTH: u32 = 8;
/// Operators interpreted per page, all forms included: a hostile stream cannot run forever.
const MAX_OPS: usize = 5_000_000;

#[derive(Clone, Debug)]
pub struct Glyph {
    /// Bounding box in page space.
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Baseline height (horizontal text) or the vertical centre line (vertical text).
    pub base: f64,
    pub size: f64,
    /// None: the font gives no Unicode for this code.
    pub text: Option<String>,
    pub vertical: bool,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// An axis-parallel line of the drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seg {
    pub horizontal: bool,
    /// The fixed coordinate (y for horizontal lines, x for vertical ones).
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

#[derive(Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    /// Images drawn (a page of images and no glyphs is a scan).
    pub images: usize,
}

type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

pub struct Interp<'f, 'a> {
    file: &'f File<'a>,
    /// Fonts loaded, by object number (a page uses a handful).
    fonts: Vec<(u32, Rc<Font>)>,
    out: PageContent,
    ops: usize,
    codes: Vec<Code>,
}

impl<'f, 'a> Interp<'f, 'a> {
    pub fn new(file: &'f File<'a>) -> Self {
        Interp {
            file,
            fonts: Vec::new(),
            out: PageContent::default(),
            ops: 0,
            codes: Vec::new(),
        }
    }

    /// Runs a page's content with its resources.
    pub fn page(&mut self, content: &[u8], resources: &Dict) -> PageContent {
        self.ops = 0;
        let gs = GState {
            ctm: ID,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, gs, 0, &mut Vec::new());
        std::mem::take(&mut self.out)
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.get_dict(resources, b"Font")?;
        let r = fonts.get(name)?;
        let key = match r {
            Obj::Ref(n, _) => Some(*n),
            _ => None,
        };
        if let Some((_, f)) = key.and_then(|k| self.fonts.iter().find(|f| f.0 == k)) {
            return Some(f.clone());
        }
        let d = self.file.resolve(r);
        let f = Rc::new(Font::load(self.file, d.as_dict()?));
        if let Some(k) = key {
            self.fonts.push((k, f.clone()));
        }
        Some(f)
    }

    fn run(
        &mut self,
        content: &[u8],
        res: &Dict,
        mut gs: GState,
        depth: u32,
        forms: &mut Vec<u32>,
    ) {
        let mut stack: Vec<GState> = Vec::new();
        let mut by_name: Vec<(Vec<u8>, Option<Rc<Font>>)> = Vec::new();
        let mut ops: Vec<Obj> = Vec::new();
        let mut lx = Lexer::new(content, 0);
        let (mut tm, mut tlm) = (ID, ID);
        // The current path: subpaths of points in page space, and rectangles.
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut rects: Vec<[f64; 4]> = Vec::new();
        while let Some(item) = lx.object() {
            let op = match item {
                Ok(o) => {
                    if ops.len() < 64 {
                        ops.push(o);
                    }
                    continue;
                }
                Err(op) => op,
            };
            self.ops += 1;
            if self.ops > MAX_OPS {
                return;
            }
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            match op {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tf" => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        // Fonts are looked up by name once per content stream.
                        gs.font = match by_name.iter().find(|f| f.0 == *n) {
                            Some((_, f)) => f.clone(),
                            None => {
                                let f = self.font(res, n);
                                by_name.push((n.clone(), f.clone()));
                                f
                            }
                        };
                    }
                    gs.size = num(1);
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"\"" {
                        gs.word_spacing = num(0);
                        gs.char_spacing = num(1);
                    }
                    if op == b"'" || op == b"\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    match ops.last() {
                        Some(Obj::Str(s)) => self.show(s, &gs, &mut tm),
                        Some(Obj::Array(a)) => {
                            for part in a {
                                match part {
                                    Obj::Str(s) => self.show(s, &gs, &mut tm),
                                    o => {
                                        let adj = -o.as_f64().unwrap_or(0.0) / 1000.0 * gs.size;
                                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                        let t = if vertical {
                                            [1.0, 0.0, 0.0, 1.0, 0.0, adj]
                                        } else {
                                            [1.0, 0.0, 0.0, 1.0, adj * gs.scale, 0.0]
                                        };
                                        tm = mul(&t, &tm);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"m" => path.push(vec![apply(&gs.ctm, num(0), num(1))]),
                b"l" => {
                    let p = apply(&gs.ctm, num(0), num(1));
                    match path.last_mut() {
                        Some(sp) if sp.len() < 100_000 => sp.push(p),
                        _ => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not borders: start a new subpath at the end point.
                    let n = ops.len();
                    if n >= 2 {
                        let p = apply(&gs.ctm, num(n - 2), num(n - 1));
                        path.push(vec![p]);
                    }
                }
                b"h" => {
                    if let Some(sp) = path.last_mut() {
                        if let Some(&first) = sp.first() {
                            sp.push(first);
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    let a = apply(&gs.ctm, x, y);
                    let b = apply(&gs.ctm, x + w, y + h);
                    if rects.len() < 100_000 {
                        rects.push([a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)]);
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let stroke = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    let fill = matches!(op, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
                    if stroke || fill {
                        self.paint(&path, &rects, stroke);
                    }
                    path.clear();
                    rects.clear();
                }
                b"Do" => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        self.xobject(res, n, &gs, depth, forms);
                    }
                }
                b"BI" => {
                    // Inline image: skip its data up to "EI" between white space.
                    self.out.images += 1;
                    let d = lx.data;
                    let mut p = lx.pos;
                    if let Some(id) = super::file::find(&d[p..], b"ID") {
                        p += id + 2;
                        while p + 2 < d.len() {
                            if d[p..].starts_with(b"EI")
                                && super::object::is_white(d[p - 1])
                                && d.get(p + 2).is_none_or(|&b| super::object::is_white(b))
                            {
                                break;
                            }
                            p += 1;
                        }
                        lx.pos = (p + 2).min(d.len());
                    } else {
                        lx.pos = d.len();
                    }
                }
                _ => {}
            }
            ops.clear();
        }
    }

    fn xobject(&mut self, res: &Dict, name: &[u8], gs: &GState, depth: u32, forms: &mut Vec<u32>) {
        let Some(xo) = self.file.get_dict(res, b"XObject") else {
            return;
        };
        let Some(r) = xo.get(name) else { return };
        let num = match r {
            Obj::Ref(n, _) => Some(*n),
            _ => None,
        };
        if depth >= MAX_FORM_DEPTH || num.is_some_and(|n| forms.contains(&n)) {
            return; // too deep, or a form that draws itself
        }
        let Obj::Stream(s) = self.file.resolve(r) else {
            return;
        };
        match s.dict.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                let Ok(data) = self.file.decode(&s) else {
                    return;
                };
                let mut g = gs.clone();
                if let Some(Obj::Array(m)) = s.dict.get(b"Matrix") {
                    if m.len() == 6 {
                        let m: Vec<f64> = m.iter().map(|x| x.as_f64().unwrap_or(0.0)).collect();
                        g.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &g.ctm);
                    }
                }
                let form_res = self.file.get_dict(&s.dict, b"Resources");
                let res = form_res.as_ref().unwrap_or(res);
                forms.extend(num);
                self.run(&data, res, g, depth + 1, forms);
                if num.is_some() {
                    forms.pop();
                }
            }
            _ => {}
        }
    }

    /// Keeps the axis-parallel straight lines of a painted path: stroked segments, and filled
    /// rectangles thin enough to be rules.
    fn paint(&mut self, path: &[Vec<(f64, f64)>], rects: &[[f64; 4]], stroke: bool) {
        const THIN: f64 = 2.5;
        let segs = &mut self.out.segs;
        if segs.len() > 200_000 {
            return;
        }
        let mut line = |a: (f64, f64), b: (f64, f64)| {
            if (a.1 - b.1).abs() < 0.5 && (a.0 - b.0).abs() > 0.5 {
                segs.push(Seg {
                    horizontal: true,
                    at: (a.1 + b.1) / 2.0,
                    from: a.0.min(b.0),
                    to: a.0.max(b.0),
                });
            } else if (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() > 0.5 {
                segs.push(Seg {
                    horizontal: false,
                    at: (a.0 + b.0) / 2.0,
                    from: a.1.min(b.1),
                    to: a.1.max(b.1),
                });
            }
        };
        for &[x0, y0, x1, y1] in rects {
            let (w, h) = (x1 - x0, y1 - y0);
            if w <= THIN && h > THIN {
                line(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
            } else if h <= THIN && w > THIN {
                line((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
            } else if stroke && w > THIN && h > THIN {
                line((x0, y0), (x1, y0));
                line((x0, y1), (x1, y1));
                line((x0, y0), (x0, y1));
                line((x1, y0), (x1, y1));
            }
        }
        for sp in path {
            if stroke {
                for w in sp.windows(2) {
                    line(w[0], w[1]);
                }
            } else if sp.len() >= 4 {
                // A filled closed quadrilateral that is axis-parallel and thin: a rule.
                let xs = sp.iter().map(|p| p.0);
                let ys = sp.iter().map(|p| p.1);
                let (x0, x1) = (
                    xs.clone().fold(f64::MAX, f64::min),
                    xs.fold(f64::MIN, f64::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f64::MAX, f64::min),
                    ys.fold(f64::MIN, f64::max),
                );
                let axis = sp.iter().all(|p| {
                    ((p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5)
                        && ((p.1 - y0).abs() < 0.5 || (p.1 - y1).abs() < 0.5)
                });
                if axis {
                    if x1 - x0 <= THIN && y1 - y0 > THIN {
                        line(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
                    } else if y1 - y0 <= THIN && x1 - x0 > THIN {
                        line((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
                    }
                }
            }
        }
    }

    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut M) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(s, &mut codes);
        let fs = gs.size;
        for c in &codes {
            let trm = mul(
                &mul(&[fs * gs.scale, 0.0, 0.0, fs, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let spacing = gs.char_spacing + if c.space { gs.word_spacing } else { 0.0 };
            let w0 = c.width / 1000.0;
            // The glyph's box in glyph space (units of the font size).
            let (bx0, by0, bx1, by1) = if font.vertical {
                (-w0 / 2.0, -1.0, w0 / 2.0, 0.0)
            } else {
                (0.0, -0.2, w0.max(0.0), 0.8)
            };
            let corners = [
                apply(&trm, bx0, by0),
                apply(&trm, bx1, by0),
                apply(&trm, bx0, by1),
                apply(&trm, bx1, by1),
            ];
            let x0 = corners.iter().map(|p| p.0).fold(f64::MAX, f64::min);
            let x1 = corners.iter().map(|p| p.0).fold(f64::MIN, f64::max);
            let y0 = corners.iter().map(|p| p.1).fold(f64::MAX, f64::min);
            let y1 = corners.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            // Text whose baseline runs up or down the page reads as vertical text.
            let (dx, dy) = (trm[0], trm[1]);
            let vertical = font.vertical || dy.abs() > dx.abs();
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let base = if vertical { (x0 + x1) / 2.0 } else { trm[5] };
            let blank = c.text.as_deref().is_some_and(|t| t.trim().is_empty());
            if !blank && x0.is_finite() && y0.is_finite() && self.out.glyphs.len() < 2_000_000 {
                self.out.glyphs.push(Glyph {
                    x0,
                    y0,
                    x1,
                    y1,
                    base,
                    size,
                    text: c.text.clone(),
                    vertical,
                });
            }
            let t = if font.vertical {
                let ty = font.vertical_advance / 1000.0 * fs + spacing;
                [1.0, 0.0, 0.0, 1.0, 0.0, ty]
            } else {
                let tx = (w0 * fs + spacing) * gs.scale;
                [1.0, 0.0, 0.0, 1.0, tx, 0.0]
            };
            *tm = mul(&t, tm);
        }
        self.codes = codes;
    }
}
