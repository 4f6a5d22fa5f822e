//! The file structure: cross-reference tables and streams (following incremental updates), object
//! streams, and a rebuilt table when the cross-reference data is missing or wrong (every
//! `N G obj` in the file, later ones winning, as viewers do).

use super::crypt::Crypt;
use super::filter::{self, FilterError};
use super::object::{Dict, Lexer, Obj, Stream, Token};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Decoded bytes allowed for the whole file (design.md: a container inflating past 100 MB is a
/// bomb).
pub const DECODE_BUDGET: usize = 100 * 1024 * 1024;
/// Chains of references (`1 0 R` → `2 0 R` → …) longer than this are cut.
const MAX_CHAIN: u32 = 32;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Entry {
    At(usize),
    InStream(u32),
    Free,
}

pub struct File<'a> {
    data: &'a [u8],
    /// The cross-reference table, sorted by object number (sorted vectors rather than hash
    /// maps: smaller in WebAssembly).
    xref: Vec<(u32, Entry)>,
    /// Entries read but not yet sorted into `xref` (newest first).
    pending: Vec<(u32, Entry)>,
    /// Objects found by scanning, consulted when an entry of the table points at nothing.
    scanned: RefCell<Option<Vec<(u32, usize)>>>,
    pub trailer: Dict,
    /// Parsed objects, by position in `xref`.
    cache: RefCell<Vec<Option<Obj>>>,
    /// Objects being parsed (a reference back to one of them is a cycle).
    resolving: RefCell<Vec<u32>>,
    crypt: Option<Crypt>,
    budget: Cell<usize>,
    /// The decode budget was exhausted: the result is incomplete and must say so.
    pub over_budget: Cell<bool>,
}

#[derive(Debug)]
pub enum OpenError {
    /// Not a PDF we can find objects in.
    Damaged,
    /// The file needs a password (or a security handler we do not implement).
    Encrypted(&'static str),
}

impl<'a> File<'a> {
    pub fn open(data: &'a [u8]) -> Result<Self, OpenError> {
        let mut f = File {
            data,
            xref: Vec::new(),
            pending: Vec::new(),
            scanned: RefCell::new(None),
            trailer: Dict::default(),
            cache: RefCell::new(Vec::new()),
            resolving: RefCell::new(Vec::new()),
            crypt: None,
            budget: Cell::new(DECODE_BUDGET),
            over_budget: Cell::new(false),
        };
        let read_ok = f.read_xref_chain();
        let root_ok = f
            .trailer
            .get(b"Root")
            .is_some_and(|r| f.resolve(r).as_dict().is_some());
        if !read_ok || !root_ok {
            f.rebuild();
        }
        if f.xref.is_empty() {
            return Err(OpenError::Damaged);
        }
        if let Some(enc) = f.trailer.get(b"Encrypt").cloned() {
            let enc = f.resolve(&enc);
            let Some(enc) = enc.as_dict() else {
                return Err(OpenError::Encrypted("加密信息已损坏"));
            };
            let id = match f.trailer.get(b"ID").map(|o| f.resolve(o)) {
                Some(Obj::Array(a)) => match a.first() {
                    Some(Obj::Str(s)) => s.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            let crypt = Crypt::new(enc, &id).map_err(OpenError::Encrypted)?;
            // Objects read so far (the xref streams, the Encrypt dictionary) were not encrypted
            // or must not be decrypted; everything else is read again through the handler.
            f.clear_cache();
            f.crypt = Some(crypt);
        }
        Ok(f)
    }

    /// Every object that is a dictionary of the given /Type, by object number (for a file whose
    /// catalog or page tree is lost).
    pub fn all_of_type(&self, ty: &[u8]) -> Vec<(Obj, Dict)> {
        let nums: Vec<u32> = self.xref.iter().map(|e| e.0).collect();
        nums.into_iter()
            .filter_map(|n| {
                let d = self.get(n).as_dict().cloned()?;
                (d.get(b"Type").and_then(Obj::as_name) == Some(ty)).then_some((Obj::Ref(n, 0), d))
            })
            .collect()
    }

    pub fn root(&self) -> Option<Dict> {
        self.trailer
            .get(b"Root")
            .map(|r| self.resolve(r))
            .and_then(|o| o.as_dict().cloned())
    }

    /// Follows references to the object they name (Null when absent or in a cycle).
    pub fn resolve(&self, o: &Obj) -> Obj {
        let mut o = o.clone();
        for _ in 0..MAX_CHAIN {
            match o {
                Obj::Ref(n, _) => o = self.get(n),
                other => return other,
            }
        }
        Obj::Null
    }

    pub fn get_dict(&self, d: &Dict, key: &[u8]) -> Option<Dict> {
        d.get(key)
            .map(|o| self.resolve(o))
            .and_then(|o| o.as_dict().cloned())
    }

    fn index(&self, num: u32) -> Option<usize> {
        self.xref.binary_search_by_key(&num, |e| e.0).ok()
    }

    fn clear_cache(&mut self) {
        *self.cache.borrow_mut() = vec![None; self.xref.len()];
    }

    /// Sorts the pending entries into the table (the first entry of a number wins).
    fn settle(&mut self) {
        let mut all = std::mem::take(&mut self.pending);
        all.append(&mut self.xref);
        self.xref = super::layout::first_wins(all);
        self.clear_cache();
    }

    pub fn get(&self, num: u32) -> Obj {
        let idx = self.index(num);
        if let Some(Some(o)) = idx.and_then(|i| self.cache.borrow().get(i).cloned()) {
            return o;
        }
        {
            let mut r = self.resolving.borrow_mut();
            // A reference cycle (a /Length pointing back at its stream), or a chain of
            // streams whose lengths are other streams' objects, deeper than any real file.
            if r.contains(&num) || r.len() > 32 {
                return Obj::Null;
            }
            r.push(num);
        }
        let o = self.load(num, idx);
        self.resolving.borrow_mut().pop();
        if let Some(i) = idx {
            if let Some(slot) = self.cache.borrow_mut().get_mut(i) {
                *slot = Some(o.clone());
            }
        }
        o
    }

    fn load(&self, num: u32, idx: Option<usize>) -> Obj {
        match idx.map(|i| self.xref[i].1) {
            Some(Entry::At(off)) => {
                if let Some(o) = self.parse_at(off, Some(num)) {
                    return o;
                }
            }
            Some(Entry::InStream(stm)) => {
                if let Some(o) = self.in_object_stream(stm, num) {
                    return o;
                }
            }
            Some(Entry::Free) => return Obj::Null,
            None => {}
        }
        // The table is wrong or silent: look where the object really is.
        let at = {
            let idx = self.scan_index();
            idx.binary_search_by_key(&num, |e| e.0)
                .ok()
                .map(|i| idx[i].1)
        };
        at.and_then(|off| self.parse_at(off, Some(num)))
            .unwrap_or(Obj::Null)
    }

    fn scan_index(&self) -> std::cell::Ref<'_, Vec<(u32, usize)>> {
        if self.scanned.borrow().is_none() {
            let found = scan_objects(self.data);
            *self.scanned.borrow_mut() = Some(found);
        }
        std::cell::Ref::map(self.scanned.borrow(), |s| s.as_ref().expect("just set"))
    }

    /// Parses `N G obj … endobj` at `off`; `want` checks the object number.
    fn parse_at(&self, off: usize, want: Option<u32>) -> Option<Obj> {
        let mut lx = Lexer::new(self.data, off);
        let n = match lx.token()? {
            Token::Obj(Obj::Int(n)) => n,
            _ => return None,
        };
        let g = match lx.token()? {
            Token::Obj(Obj::Int(g)) => g,
            _ => return None,
        };
        if lx.token()? != Token::Keyword(b"obj") {
            return None;
        }
        if want.is_some_and(|w| i64::from(w) != n) {
            return None;
        }
        let (num, gen) = (n as u32, g as u16);
        let obj = match lx.object()? {
            Ok(o) => o,
            Err(_) => Obj::Null,
        };
        if let (Obj::Dict(d), Some(Token::Keyword(b"stream"))) = (&obj, lx.token()) {
            let data = self.stream_data(d, lx.pos);
            let data = match &self.crypt {
                Some(c) if !is_xref_stream(d) => c.decrypt(num, gen, data, true),
                _ => data.to_vec(),
            };
            return Some(Obj::Stream(Rc::new(Stream {
                dict: d.clone(),
                data,
            })));
        }
        Some(match &self.crypt {
            Some(c) => decrypt_strings(c, num, gen, obj, 0),
            None => obj,
        })
    }

    /// A stream's bytes: /Length when it lands on `endstream`, else up to the next `endstream`.
    fn stream_data(&self, d: &Dict, after_kw: usize) -> &'a [u8] {
        let data = self.data;
        let mut start = after_kw;
        if data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let start = start.min(data.len());
        let len = d
            .get(b"Length")
            .map(|l| self.resolve(l))
            .and_then(|l| l.as_int())
            .and_then(|l| usize::try_from(l).ok());
        if let Some(len) = len {
            if let Some(end) = start.checked_add(len).filter(|&e| e <= data.len()) {
                let mut lx = Lexer::new(data, end);
                lx.skip_white();
                if data[lx.pos..].starts_with(b"endstream") {
                    return &data[start..end];
                }
            }
        }
        // /Length lies: the data ends before the next `endstream` (and its end-of-line).
        let end = find(&data[start..], b"endstream").map_or(data.len(), |p| start + p);
        let mut e = end;
        if e > start && data[e - 1] == b'\n' {
            e -= 1;
        }
        if e > start && data[e - 1] == b'\r' {
            e -= 1;
        }
        &data[start..e]
    }

    /// Decodes a stream's data within the file's decode budget.
    pub fn decode(&self, s: &Stream) -> Result<Vec<u8>, FilterError> {
        let left = self.budget.get();
        match filter::decode(&s.dict, &s.data, left) {
            Ok(v) => {
                self.budget.set(left.saturating_sub(v.len()));
                Ok(v)
            }
            Err(FilterError::TooLarge) => {
                self.budget.set(0);
                self.over_budget.set(true);
                Err(FilterError::TooLarge)
            }
            Err(e) => Err(e),
        }
    }

    fn in_object_stream(&self, stm: u32, want: u32) -> Option<Obj> {
        let Obj::Stream(s) = self.get(stm) else {
            return None;
        };
        let data = self.decode(&s).ok()?;
        let n = s.dict.get(b"N").and_then(Obj::as_int)?.clamp(0, 1 << 20) as usize;
        let first = s.dict.get(b"First").and_then(Obj::as_int)?.max(0) as usize;
        let mut lx = Lexer::new(&data, 0);
        let mut heads = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let (Some(Token::Obj(Obj::Int(num))), Some(Token::Obj(Obj::Int(off)))) =
                (lx.token(), lx.token())
            else {
                break;
            };
            heads.push((num, off));
        }
        let mut found = None;
        let mut cache = self.cache.borrow_mut();
        for (num, off) in heads {
            let (Ok(num), Ok(off)) = (u32::try_from(num), usize::try_from(off)) else {
                continue;
            };
            // Only objects the table places in this stream (an update may have replaced others).
            let idx = self.index(num);
            let here = idx.map_or(num == want, |i| self.xref[i].1 == Entry::InStream(stm));
            let cached = idx.is_some_and(|i| cache.get(i).is_some_and(Option::is_some));
            if !here || (cached && num != want) {
                continue;
            }
            let Some(pos) = first.checked_add(off).filter(|&p| p < data.len()) else {
                continue;
            };
            let o = match Lexer::new(&data, pos).object() {
                Some(Ok(o)) => o,
                _ => Obj::Null,
            };
            if num == want {
                found = Some(o);
            } else if let Some(slot) = idx.and_then(|i| cache.get_mut(i)) {
                *slot = Some(o);
            }
        }
        found
    }

    /// Reads the chain of cross-reference sections from `startxref`; false if none could be read.
    fn read_xref_chain(&mut self) -> bool {
        let tail_from = self.data.len().saturating_sub(4096);
        let Some(p) = rfind(&self.data[tail_from..], b"startxref") else {
            return false;
        };
        let mut lx = Lexer::new(self.data, tail_from + p + 9);
        let Some(Token::Obj(Obj::Int(mut off))) = lx.token() else {
            return false;
        };
        let mut seen: Vec<usize> = Vec::new();
        let mut any = false;
        while let Ok(o) = usize::try_from(off) {
            // A /Prev chain that loops, or longer than any real file's history.
            if o >= self.data.len() || seen.contains(&o) || seen.len() > 1000 {
                break;
            }
            seen.push(o);
            let Some(trailer) = self.read_section(o) else {
                break;
            };
            any = true;
            // A hybrid file's table refers to an xref stream holding the objects it omits.
            if let Some(x) = trailer.get(b"XRefStm").and_then(Obj::as_int) {
                if let Ok(x) = usize::try_from(x) {
                    if !seen.contains(&x) {
                        seen.push(x);
                        self.read_section(x);
                    }
                }
            }
            for (k, v) in &trailer.0 {
                if self.trailer.get(k).is_none() && k.as_slice() != b"Prev" {
                    self.trailer.0.push((k.clone(), v.clone()));
                }
            }
            match trailer.get(b"Prev").and_then(Obj::as_int) {
                Some(p) => off = p,
                None => break,
            }
        }
        self.settle();
        any
    }

    /// One section (a classic table with its trailer, or an xref stream); returns its trailer.
    fn read_section(&mut self, off: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.data, off);
        lx.skip_white();
        if self.data[lx.pos..].starts_with(b"xref") {
            lx.pos += 4;
            return self.read_table(lx);
        }
        let Some(Obj::Stream(s)) = self.parse_at(off, None) else {
            return None;
        };
        if s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return None;
        }
        let data = self.decode(&s).ok()?;
        let w: Vec<usize> = match s.dict.get(b"W") {
            Some(Obj::Array(a)) if a.len() == 3 => a
                .iter()
                .map(|x| x.as_int().unwrap_or(0).clamp(0, 8) as usize)
                .collect(),
            _ => return None,
        };
        let size = s.dict.get(b"Size").and_then(Obj::as_int).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get(b"Index") {
            Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_int).collect(),
            _ => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return None;
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0], pair[1].clamp(0, 1 << 24));
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field = |from: usize, len: usize| {
                    r[from..from + len]
                        .iter()
                        .fold(0u64, |v, &b| v << 8 | b as u64)
                };
                let kind = if w[0] == 0 { 1 } else { field(0, w[0]) };
                let a = field(w[0], w[1]);
                let Ok(num) = u32::try_from(start + i) else {
                    continue;
                };
                let e = match kind {
                    0 => Entry::Free,
                    1 => Entry::At(a as usize),
                    2 => Entry::InStream(a as u32),
                    _ => continue,
                };
                self.pending.push((num, e));
            }
        }
        Some(s.dict.clone())
    }

    fn read_table(&mut self, mut lx: Lexer<'a>) -> Option<Dict> {
        loop {
            match lx.token()? {
                Token::Keyword(b"trailer") => break,
                Token::Obj(Obj::Int(start)) => {
                    let Some(Token::Obj(Obj::Int(count))) = lx.token() else {
                        return None;
                    };
                    for i in 0..count.clamp(0, 1 << 24) {
                        let save = lx.pos;
                        let (
                            Some(Token::Obj(Obj::Int(off))),
                            Some(Token::Obj(Obj::Int(_))),
                            Some(Token::Keyword(k)),
                        ) = (lx.token(), lx.token(), lx.token())
                        else {
                            lx.pos = save;
                            break;
                        };
                        let Ok(num) = u32::try_from(start + i) else {
                            continue;
                        };
                        let e = match k {
                            b"n" if off > 0 => Entry::At(off as usize),
                            _ => Entry::Free,
                        };
                        self.pending.push((num, e));
                    }
                }
                _ => return None,
            }
        }
        match lx.object() {
            Some(Ok(Obj::Dict(d))) => Some(d),
            _ => None,
        }
    }

    /// Rebuilds the table by scanning for objects, and the trailer from the last `trailer` or
    /// from the catalog.
    fn rebuild(&mut self) {
        let found = scan_objects(self.data);
        // Objects where they really are take precedence over the table's entries.
        self.pending = found.iter().map(|&(n, off)| (n, Entry::At(off))).collect();
        self.settle();
        // Objects inside object streams, for those not written directly.
        let mut extra = Vec::new();
        for &(num, _) in &found {
            if let Obj::Stream(s) = self.get(num) {
                if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"ObjStm") {
                    if let Ok(d) = self.decode(&s) {
                        let n = s.dict.get(b"N").and_then(Obj::as_int).unwrap_or(0);
                        let mut lx = Lexer::new(&d, 0);
                        for _ in 0..n.clamp(0, 1 << 20) {
                            let (Some(Token::Obj(Obj::Int(o))), Some(Token::Obj(_))) =
                                (lx.token(), lx.token())
                            else {
                                break;
                            };
                            if let Ok(o) = u32::try_from(o) {
                                extra.push((o, Entry::InStream(num)));
                            }
                        }
                    }
                }
            }
        }
        let mut all = std::mem::take(&mut self.xref);
        all.extend(extra);
        self.xref = super::layout::first_wins(all);
        self.clear_cache();
        *self.scanned.borrow_mut() = Some(found);
        if let Some(p) = rfind(self.data, b"trailer") {
            if let Some(Ok(Obj::Dict(d))) = Lexer::new(self.data, p + 7).object() {
                for (k, v) in d.0 {
                    if self.trailer.get(&k).is_none() {
                        self.trailer.0.push((k, v));
                    }
                }
            }
        }
        let root_ok = self
            .trailer
            .get(b"Root")
            .is_some_and(|r| self.resolve(r).as_dict().is_some());
        if !root_ok {
            self.trailer.0.retain(|(k, _)| k != b"Root");
            let keys: Vec<u32> = self.xref.iter().map(|e| e.0).collect();
            for num in keys {
                if let Some(d) = self.get(num).as_dict() {
                    if d.get(b"Type").and_then(Obj::as_name) == Some(b"Catalog") {
                        self.trailer.0.push((b"Root".to_vec(), Obj::Ref(num, 0)));
                        break;
                    }
                }
            }
        }
    }
}

fn is_xref_stream(d: &Dict) -> bool {
    d.get(b"Type").and_then(Obj::as_name) == Some(b"XRef")
}

fn decrypt_strings(c: &Crypt, num: u32, gen: u16, o: Obj, depth: u32) -> Obj {
    if depth > 64 {
        return o;
    }
    match o {
        Obj::Str(s) => Obj::Str(c.decrypt(num, gen, &s, false)),
        Obj::Array(a) => Obj::Array(
            a.into_iter()
                .map(|x| decrypt_strings(c, num, gen, x, depth + 1))
                .collect(),
        ),
        Obj::Dict(d) => Obj::Dict(Dict(
            d.0.into_iter()
                .map(|(k, v)| (k, decrypt_strings(c, num, gen, v, depth + 1)))
                .collect(),
        )),
        o => o,
    }
}

/// Every `N G obj` in the file, sorted by number (the last definition of a number wins).
fn scan_objects(data: &[u8]) -> Vec<(u32, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(p) = find(&data[from..], b"obj") {
        let at = from + p;
        from = at + 3;
        // "obj" must end a token and be preceded by "N G ".
        if data.get(at + 3).is_some_and(|&b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let mut i = at;
        let back_num = |i: &mut usize| -> Option<(u64, usize)> {
            while *i > 0 && super::object::is_white(data[*i - 1]) {
                *i -= 1;
            }
            let end = *i;
            while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
                *i -= 1;
            }
            if *i == end {
                return None;
            }
            let v = data[*i..end]
                .iter()
                .fold(0u64, |v, &d| v * 10 + (d - b'0') as u64);
            Some((v, *i))
        };
        if at == 0 || !super::object::is_white(data[at - 1]) {
            continue;
        }
        let Some((_gen, _)) = back_num(&mut i) else {
            continue;
        };
        let Some((num, start)) = back_num(&mut i) else {
            continue;
        };
        if let Ok(num) = u32::try_from(num) {
            found.push((num, start));
        }
    }
    found.reverse();
    super::layout::first_wins(found)
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1]
            .iter()
            .position(|&b| b == first)
        {
            None => return None,
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
