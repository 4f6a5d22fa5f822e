//! PDF objects and the lexer/parser shared by the file structure and content streams.

use std::rc::Rc;

/// Arrays and dictionaries nested deeper than this are not read further (a hostile file can
/// nest thousands deep; real files nest a handful).
const MAX_DEPTH: u32 = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Stream(Rc<Stream>),
    Ref(u32, u16),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A stream: its dictionary and its bytes as stored (still encoded; decrypted if encrypted).
#[derive(Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub data: Vec<u8>,
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) => Some(r),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A token of PDF syntax: an object, or a keyword (operators, `obj`, `R`, `stream`…).
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Obj(Obj),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

/// A cursor over PDF bytes.
pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    pub fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&b) = self.data.get(self.pos) {
                    if b == b'\r' || b == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    pub fn token(&mut self) -> Option<Token<'a>> {
        self.skip_white();
        let d = self.data;
        let b = *d.get(self.pos)?;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Token::ArrayStart)
            }
            b']' => {
                self.pos += 1;
                Some(Token::ArrayEnd)
            }
            b'<' if d.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Token::DictStart)
            }
            b'>' if d.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Token::DictEnd)
            }
            b'<' => Some(Token::Obj(Obj::Str(self.hex_string()))),
            b'(' => Some(Token::Obj(Obj::Str(self.literal_string()))),
            b'/' => {
                self.pos += 1;
                Some(Token::Obj(Obj::Name(self.name())))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(Token::Obj(self.number())),
            _ => {
                let start = self.pos;
                while let Some(&c) = d.get(self.pos) {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    // A stray delimiter such as ')' or '>' or '{': skip it.
                    self.pos += 1;
                }
                let kw = &d[start..self.pos];
                Some(match kw {
                    b"true" => Token::Obj(Obj::Bool(true)),
                    b"false" => Token::Obj(Obj::Bool(false)),
                    b"null" => Token::Obj(Obj::Null),
                    _ => Token::Keyword(kw),
                })
            }
        }
    }

    fn number(&mut self) -> Obj {
        let d = self.data;
        let start = self.pos;
        let mut neg = false;
        let mut int: i64 = 0;
        let mut frac: f64 = 0.0;
        let mut scale = 1.0;
        let mut real = false;
        let mut any = false;
        while let Some(&c) = d.get(self.pos) {
            match c {
                b'+' | b'-' if self.pos == start => neg = c == b'-',
                // Some writers emit "--5" or "0.-3": later signs are ignored as Acrobat does.
                b'-' | b'+' => {}
                b'.' if !real => real = true,
                b'0'..=b'9' => {
                    any = true;
                    let v = (c - b'0') as i64;
                    if real {
                        scale /= 10.0;
                        frac += v as f64 * scale;
                    } else {
                        int = int.saturating_mul(10).saturating_add(v);
                    }
                }
                _ => break,
            }
            self.pos += 1;
        }
        if !any {
            return Obj::Int(0);
        }
        let sign = if neg { -1 } else { 1 };
        if real {
            Obj::Real(sign as f64 * (int as f64 + frac))
        } else {
            Obj::Int(sign * int)
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        while let Some(&c) = d.get(self.pos) {
            if is_white(c) || is_delim(c) {
                break;
            }
            if c == b'#' {
                if let (Some(h), Some(l)) = (
                    d.get(self.pos + 1).and_then(|&x| hex_val(x)),
                    d.get(self.pos + 2).and_then(|&x| hex_val(x)),
                ) {
                    out.push(h << 4 | l);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(c);
            self.pos += 1;
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        // The digits up to '>' (or the end), decoded as the ASCIIHex filter decodes them.
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let end = rest
            .iter()
            .position(|&c| c == b'>')
            .map_or(rest.len(), |p| p + 1);
        self.pos += end;
        super::filter::ascii_hex(&rest[..end])
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let d = self.data;
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1u32;
        while let Some(&c) = d.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = d.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if d.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match d.get(self.pos) {
                                    Some(&o @ b'0'..=b'7') => {
                                        v = v * 8 + (o - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        _ => out.push(e),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Parses one object; `R` references are recognised after two integers. Keywords other than
    /// the object ones come back as `Err(keyword)` so content streams can use them as operators.
    pub fn object(&mut self) -> Option<Result<Obj, &'a [u8]>> {
        let t = self.token()?;
        Some(self.object_from(t, 0))
    }

    fn object_from(&mut self, t: Token<'a>, depth: u32) -> Result<Obj, &'a [u8]> {
        match t {
            Token::Obj(Obj::Int(n)) => {
                // `n g R`: look ahead without consuming when it is not a reference.
                let save = self.pos;
                if let Some(Token::Obj(Obj::Int(g))) = self.token() {
                    if let Some(Token::Keyword(b"R")) = self.token() {
                        if (0..=u32::MAX as i64).contains(&n) && (0..=65535).contains(&g) {
                            return Ok(Obj::Ref(n as u32, g as u16));
                        }
                    }
                }
                self.pos = save;
                Ok(Obj::Int(n))
            }
            Token::Obj(o) => Ok(o),
            Token::Keyword(k) => Err(k),
            Token::ArrayStart => {
                let mut v = Vec::new();
                loop {
                    match self.token() {
                        None | Some(Token::ArrayEnd) => break,
                        Some(t) => {
                            if depth >= MAX_DEPTH {
                                continue;
                            }
                            match self.object_from(t, depth + 1) {
                                Ok(o) => v.push(o),
                                // A keyword inside an array ends it (a damaged file).
                                Err(b"endobj" | b"stream" | b"obj") => break,
                                Err(_) => {}
                            }
                        }
                    }
                }
                Ok(Obj::Array(v))
            }
            Token::DictStart => {
                let mut d = Vec::new();
                loop {
                    match self.token() {
                        None | Some(Token::DictEnd) => break,
                        Some(Token::Obj(Obj::Name(k))) => {
                            let Some(t) = self.token() else { break };
                            if matches!(t, Token::DictEnd) {
                                break;
                            }
                            if depth >= MAX_DEPTH {
                                continue;
                            }
                            match self.object_from(t, depth + 1) {
                                Ok(v) => d.push((k, v)),
                                Err(b"endobj" | b"stream" | b"obj") => break,
                                Err(_) => {}
                            }
                        }
                        Some(Token::Keyword(b"endobj" | b"stream")) => break,
                        Some(_) => {}
                    }
                }
                Ok(Obj::Dict(Dict(d)))
            }
            Token::ArrayEnd | Token::DictEnd => Ok(Obj::Null),
        }
    }
}

pub fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object().unwrap().unwrap()
    }

    #[test]
    fn objects() {
        assert_eq!(parse("12 0 R"), Obj::Ref(12, 0));
        assert_eq!(parse("-3.5"), Obj::Real(-3.5));
        assert_eq!(parse("(a\\(b\\)\\101)"), Obj::Str(b"a(b)A".to_vec()));
        assert_eq!(parse("<4E2d0>"), Obj::Str(vec![0x4E, 0x2D, 0x00]));
        assert_eq!(parse("/A#20B"), Obj::Name(b"A B".to_vec()));
        let d = parse("<< /K [1 2 0 R /N] /S (x) >>");
        let d = d.as_dict().unwrap();
        assert_eq!(
            d.get(b"K"),
            Some(&Obj::Array(vec![
                Obj::Int(1),
                Obj::Ref(2, 0),
                Obj::Name(b"N".to_vec())
            ]))
        );
    }

    #[test]
    fn deep_nesting_is_cut_not_recursed() {
        let s = "[".repeat(100_000) + &"]".repeat(100_000);
        // Would overflow the stack if every level recursed.
        let o = parse(&s);
        assert!(matches!(o, Obj::Array(_)));
    }
}
