//! Word's automatic list numbering (numbering.xml). The "一、" before a part title or the "1."
//! before a table row is often not in the text but produced by Word from a list definition:
//! `w:abstractNum` levels (start, number format, text such as "%1、", restart rules) shared by
//! `w:num` instances that may override them. Counters are kept per list definition, as Word
//! does, and the numbers are reconstructed in document order so the text shows what Word shows.

use super::styles::Styles;
use super::xml::{Ev, Reader, Tag};
use crate::source::numfmt::{self, NumFmt};
use std::borrow::Cow;

const LEVELS: usize = 9;
/// Open elements told apart while parsing (a real numbering part nests five deep).
const MAX_OPEN: usize = 256;
/// Longest list level text kept (Word's own are a few characters: "%1、", "（%2）", "%1.%2.%3").
const MAX_LEVEL_TEXT: usize = 32;
/// Longest label produced (a template of 32 characters may name nine long numbers).
const MAX_LABEL: usize = 64;
/// All labels of a document together, in bytes: numbers are a few characters each, so a list
/// text cannot be multiplied by every paragraph of a hostile document. Past it labels are left
/// out ([`Numbering::exhausted`]).
const LABEL_BUDGET: usize = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Suffix {
    Tab,
    Space,
    Nothing,
}

#[derive(Clone, Debug)]
pub(crate) struct Level {
    pub(crate) start: i64,
    pub(crate) fmt: NumFmt,
    pub(crate) text: Option<String>,
    /// `w:lvlRestart`: restart after this (1-based) level is used; 0 = never.
    pub(crate) restart: Option<u32>,
    pub(crate) legal: bool,
    pub(crate) suffix: Suffix,
    /// The paragraph style that uses this level (`w:pStyle`).
    pub(crate) style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: NumFmt::Decimal,
            text: None,
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
            style: None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Abstract {
    pub(crate) levels: Vec<Option<Level>>,
    /// `w:numStyleLink`: the levels are those of the list the numbering style points to.
    pub(crate) style_link: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Num {
    pub(crate) abstract_id: u32,
    /// Per level: a start override and/or a replacement level.
    pub(crate) overrides: Vec<(usize, Option<i64>, Option<Level>)>,
}

/// Sorted vectors with binary search: no hash-map code in the wasm module, and no quadratic time
/// on documents with very many lists.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: Vec<(u32, Abstract)>,
    nums: Vec<(u32, Num)>,
    /// Last value shown per level, for each list definition (same order as `abstracts`).
    counters: Vec<[Option<i64>; LEVELS]>,
    /// Instances already used, whose start overrides have been applied (order of `nums`).
    used: Vec<bool>,
    /// Bytes of labels produced so far.
    label_bytes: usize,
    /// The label budget was spent: later automatic numbers were left out.
    pub exhausted: bool,
}

fn position<T>(v: &[(u32, T)], id: u32) -> Option<usize> {
    v.binary_search_by_key(&id, |(k, _)| *k).ok()
}

fn find<T>(v: &[(u32, T)], id: u32) -> Option<&T> {
    position(v, id).map(|i| &v[i].1)
}

impl Numbering {
    pub fn parse(src: &str) -> Numbering {
        let mut out = Numbering::default();
        // What is being read.
        let mut abs: Option<(u32, Abstract)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut over: Option<(usize, Option<i64>)> = None;
        // The open elements this reader ends something at (None: any other). Beyond MAX_OPEN
        // they are only counted: hostile nesting costs neither memory nor time.
        let mut open: Vec<Option<&'static str>> = Vec::new();
        let mut excess = 0usize;
        for ev in Reader::new(src) {
            match ev {
                Ev::Start(t) => {
                    let id = |key: &str| t.attr(key).and_then(|v| v.trim().parse::<u32>().ok());
                    // Word 2003 XML names the same things listDef, list (by ilfo) and ilst.
                    match t.name() {
                        "abstractNum" => {
                            abs = id("abstractNumId").map(|i| (i, Abstract::default()))
                        }
                        "listDef" => abs = id("listDefId").map(|i| (i, Abstract::default())),
                        "num" if !t.empty => num = id("numId").map(|i| (i, Num::default())),
                        "list" if !t.empty => num = id("ilfo").map(|i| (i, Num::default())),
                        "abstractNumId" | "ilst" => {
                            if let Some((_, n)) = &mut num {
                                n.abstract_id = t.val_num().unwrap_or(u32::MAX);
                            }
                        }
                        "lvlOverride" if !t.empty => {
                            over = id("ilvl")
                                .map(|i| i as usize)
                                .filter(|&i| i < LEVELS)
                                .map(|i| (i, None));
                        }
                        "startOverride" => {
                            if let Some((_, s)) = &mut over {
                                *s = t.attr("val").and_then(|v| v.trim().parse().ok());
                            }
                        }
                        "lvl" if !t.empty => {
                            lvl = id("ilvl")
                                .map(|i| i as usize)
                                .filter(|&i| i < LEVELS)
                                .map(|i| (i, Level::default()));
                        }
                        "numStyleLink" => {
                            if let Some((_, a)) = &mut abs {
                                a.style_link = t.attr("val").map(Cow::into_owned);
                            }
                        }
                        _ => {
                            if let Some((_, l)) = &mut lvl {
                                level_property(l, &t);
                            }
                        }
                    }
                    if !t.empty {
                        if open.len() >= MAX_OPEN {
                            excess += 1;
                        } else {
                            open.push(match t.name() {
                                "listDef" => Some("abstractNum"),
                                "list" => Some("num"),
                                n => ["lvl", "lvlOverride", "abstractNum", "num"]
                                    .into_iter()
                                    .find(|k| *k == n),
                            });
                        }
                    }
                }
                Ev::End if excess > 0 => excess -= 1,
                Ev::End => match open.pop().flatten() {
                    Some("lvl") => {
                        if let Some((i, l)) = lvl.take() {
                            if let (Some((_, o)), Some((_, n))) = (&over, &mut num) {
                                n.overrides.push((i, *o, Some(l)));
                                over = None;
                            } else if let Some((_, a)) = &mut abs {
                                if a.levels.len() <= i {
                                    a.levels.resize(i + 1, None);
                                }
                                a.levels[i] = Some(l);
                            }
                        }
                    }
                    Some("lvlOverride") => {
                        if let (Some((i, o)), Some((_, n))) = (over.take(), &mut num) {
                            n.overrides.push((i, o, None));
                        }
                    }
                    Some("abstractNum") => out.abstracts.extend(abs.take()),
                    Some("num") => out.nums.extend(num.take()),
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        Numbering::from_parts(out.abstracts, out.nums)
    }

    /// A numbering from its list definitions and instances, however they were read (the .doc
    /// reader builds them from the binary list tables).
    pub(crate) fn from_parts(
        mut abstracts: Vec<(u32, Abstract)>,
        mut nums: Vec<(u32, Num)>,
    ) -> Numbering {
        // Sorted by id; where an id is defined twice, the first definition counts.
        abstracts.sort_by_key(|(id, _)| *id);
        abstracts.dedup_by_key(|(id, _)| *id);
        nums.sort_by_key(|(id, _)| *id);
        nums.dedup_by_key(|(id, _)| *id);
        Numbering {
            counters: vec![[None; LEVELS]; abstracts.len()],
            used: vec![false; nums.len()],
            abstracts,
            nums,
            label_bytes: 0,
            exhausted: false,
        }
    }

    /// The list definition behind an instance, following a numbering-style link once.
    fn abstract_of(&self, num_id: u32, styles: &Styles) -> Option<u32> {
        let a = find(&self.nums, num_id)?.abstract_id;
        let def = find(&self.abstracts, a)?;
        if def.levels.iter().all(Option::is_none) {
            if let Some(link) = &def.style_link {
                let linked = styles.numbering(link)?.num_id?;
                let b = find(&self.nums, linked)?.abstract_id;
                return find(&self.abstracts, b).map(|_| b);
            }
        }
        Some(a)
    }

    fn level(&self, num_id: u32, abs: u32, ilvl: usize) -> Option<&Level> {
        let over = find(&self.nums, num_id).and_then(|n| n.overrides.iter().find(|o| o.0 == ilvl));
        if let Some((_, _, Some(l))) = over {
            return Some(l);
        }
        find(&self.abstracts, abs)?.levels.get(ilvl)?.as_ref()
    }

    /// The level of `num_id` whose `w:pStyle` is `style` (a heading style tied to a level).
    pub fn level_for_style(&self, num_id: u32, style: &str, styles: &Styles) -> Option<u8> {
        let abs = self.abstract_of(num_id, styles)?;
        (0..LEVELS)
            .find(|&i| {
                self.level(num_id, abs, i)
                    .is_some_and(|l| l.style.as_deref() == Some(style))
            })
            .map(|i| i as u8)
    }

    /// Advances the counters for a paragraph of list `num_id` at `ilvl` and returns the label
    /// Word shows before its text ("一、", "（二）", "3. "); None for bullets, `numId` 0 and
    /// unknown lists.
    pub fn label(&mut self, num_id: u32, ilvl: u8, styles: &Styles) -> Option<String> {
        if num_id == 0 {
            return None;
        }
        let ilvl = (ilvl as usize).min(LEVELS - 1);
        let abs = self.abstract_of(num_id, styles)?;
        // What the counters need of each level, copied (the counters change below): start,
        // format, restart.
        let mut levels = [None; LEVELS];
        for (i, slot) in levels.iter_mut().enumerate() {
            *slot = self
                .level(num_id, abs, i)
                .map(|l| (l.start, l.fmt, l.restart));
        }
        let this = self.level(num_id, abs, ilvl)?;
        let (this_fmt, this_start, legal, suffix) = (this.fmt, this.start, this.legal, this.suffix);
        let template = this.text.clone();
        let counters = &mut self.counters[position(&self.abstracts, abs)?];
        let n = position(&self.nums, num_id)?;
        if !self.used[n] {
            self.used[n] = true;
            // A new instance with start overrides (or replaced levels) restarts those levels.
            if let Some(n) = find(&self.nums, num_id) {
                for (i, start, lvl) in &n.overrides {
                    if let Some(s) = start {
                        counters[*i] = Some(s - 1);
                    } else if lvl.is_some() {
                        counters[*i] = None;
                    }
                }
            }
        }
        if this_fmt == NumFmt::Bullet {
            return None;
        }
        let value = counters[ilvl].map_or(this_start, |v| v + 1);
        counters[ilvl] = Some(value);
        for (k, l) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart = match l.and_then(|(_, _, restart)| restart) {
                None => true,
                Some(0) => false,
                Some(after) => ilvl < after as usize,
            };
            if restart {
                counters[k] = None;
            }
        }
        let template = template?;
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let level = match (c, chars.peek()) {
                ('%', Some(d @ '1'..='9')) => (*d as usize) - ('1' as usize),
                _ => {
                    label.push(c);
                    continue;
                }
            };
            chars.next();
            // A level not defined counts as the default level (from 1, decimal).
            let (start, fmt, _) = levels[level].unwrap_or((1, NumFmt::Decimal, None));
            let v = counters[level].unwrap_or(start).max(0) as u32;
            let fmt = if legal && fmt != NumFmt::None {
                NumFmt::Decimal
            } else {
                fmt
            };
            label.push_str(&numfmt::format(v, fmt));
        }
        if label.chars().count() > MAX_LABEL {
            label = label.chars().take(MAX_LABEL).collect();
        }
        if label.trim().is_empty() {
            return None;
        }
        if self.label_bytes + label.len() > LABEL_BUDGET {
            self.exhausted = true;
            return None;
        }
        self.label_bytes += label.len();
        // The separator Word puts between the number and the text; after CJK punctuation the
        // text follows directly.
        let ends_cjk = label
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '、' | '．' | '。' | '）' | '」' | '】' | '：' | '〕'));
        if suffix != Suffix::Nothing && !ends_cjk {
            label.push(' ');
        }
        Some(label)
    }
}

fn level_property(l: &mut Level, t: &Tag) {
    match t.name() {
        "start" => {
            if let Some(v) = t.attr("val").and_then(|v| v.trim().parse().ok()) {
                l.start = v;
            }
        }
        "nfc" => {
            let code = t.val_num().map_or(0, |v| v.min(255) as u8);
            l.fmt = NumFmt::from_nfc(code);
        }
        "numFmt" => {
            // Word 2010+ may write a custom format ("一, 二, 三, ...") with val="custom".
            let v = t.attr("val").unwrap_or_default();
            l.fmt = if v == "custom" {
                t.attr("format")
                    .map_or(NumFmt::Decimal, |f| custom_format(&f))
            } else {
                NumFmt::from_word(&v)
            };
        }
        "lvlText" => {
            l.text = Some(
                t.attr("val")
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_LEVEL_TEXT)
                    .collect(),
            )
        }
        "lvlRestart" => l.restart = t.val_num(),
        "isLgl" => l.legal = t.toggle(),
        "suff" => {
            l.suffix = match t.attr("val").as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        "pStyle" => l.style = t.attr("val").map(Cow::into_owned),
        _ => {}
    }
}

/// A custom format names its first numbers ("一, 二, 三, ..."; "001, 002, 003, ...").
fn custom_format(f: &str) -> NumFmt {
    match f.trim().chars().next() {
        Some('一') => NumFmt::ChineseCounting,
        Some('壹') => NumFmt::ChineseLegal,
        Some('甲') => NumFmt::HeavenlyStem,
        Some('子') => NumFmt::EarthlyBranch,
        Some('①') => NumFmt::DecimalEnclosedCircle,
        _ => NumFmt::Decimal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbering as Word writes it for a report: parts "一、" (chineseCounting), sub-topics
    /// "（一）" at level 1, and a table list "1." that restarts in every group.
    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="1"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%4"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="x">
      <w:style w:type="numbering" w:styleId="ListStyle"><w:name w:val="l"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    #[test]
    fn reconstructs_word_numbers() {
        let styles = Styles::parse(STYLES);
        let mut n = Numbering::parse(NUMBERING);
        let mut l = |num, lvl| n.label(num, lvl, &styles);
        assert_eq!(l(1, 0).as_deref(), Some("一、"));
        assert_eq!(l(1, 1).as_deref(), Some("（一）"));
        assert_eq!(l(1, 1).as_deref(), Some("（二）"));
        assert_eq!(l(1, 2).as_deref(), Some("1. "));
        assert_eq!(l(1, 2).as_deref(), Some("2. "));
        // Level 1 restarts level 2 (lvlRestart 1 means after level 1 only).
        assert_eq!(l(1, 0).as_deref(), Some("二、"));
        assert_eq!(l(1, 2).as_deref(), Some("1. "));
        assert_eq!(l(1, 1).as_deref(), Some("（一）"));
        // Level 2 does not restart after level 1 (ilvl 1) is used: it continues.
        assert_eq!(l(1, 2).as_deref(), Some("2. "));
        // isLgl: the level-0 number in decimal.
        assert_eq!(l(1, 3).as_deref(), Some("2.1 "));
        // Another instance of the same list continues it, with its start override applied.
        assert_eq!(l(2, 2).as_deref(), Some("5. "));
        assert_eq!(l(1, 0).as_deref(), Some("三、"));
        // Bullets and unknown lists have no label.
        assert_eq!(l(3, 0), None);
        assert_eq!(l(0, 0), None);
        assert_eq!(l(99, 0), None);
        // A list defined through a numbering style continues the linked list.
        assert_eq!(l(4, 0).as_deref(), Some("四、"));
        // A level replaced in the instance.
        assert_eq!(l(5, 0).as_deref(), Some("C) "));
    }

    #[test]
    fn level_tied_to_style() {
        let styles = Styles::parse(STYLES);
        let n = Numbering::parse(NUMBERING);
        assert_eq!(n.level_for_style(1, "1", &styles), Some(0));
        assert_eq!(n.level_for_style(1, "2", &styles), None);
    }
}
