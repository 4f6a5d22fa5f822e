//! Stream filters: FlateDecode (with PNG and TIFF predictors), ASCIIHexDecode, ASCII85Decode,
//! LZWDecode. Image filters (DCT, JPX, CCITT, JBIG2) are not decoded: images carry no text.

use super::object::{hex_val, is_white, Dict, Obj};
use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

#[derive(Debug, PartialEq)]
pub enum FilterError {
    /// The decoded data would exceed the limit (a decompression bomb).
    TooLarge,
    /// An image or an unknown filter: nothing to read.
    Skipped,
}

/// Decodes `data` through the filters named in `dict`, producing at most `limit` bytes.
/// Damaged data yields what could be decoded before the damage (as viewers show it).
pub fn decode(dict: &Dict, data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let filters: Vec<&[u8]> = match dict.get(b"Filter").or_else(|| dict.get(b"F")) {
        Some(Obj::Name(n)) => vec![n],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
        _ => vec![],
    };
    let parms: Vec<Option<&Dict>> = match dict.get(b"DecodeParms").or_else(|| dict.get(b"DP")) {
        Some(Obj::Dict(d)) => vec![Some(d)],
        Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
        _ => vec![],
    };
    let mut cur: Option<Vec<u8>> = None;
    for (i, f) in filters.iter().enumerate() {
        let input = cur.as_deref().unwrap_or(data);
        let parm = parms.get(i).copied().flatten();
        let out = match *f {
            b"FlateDecode" | b"Fl" => predict(inflate(input, limit)?, parm, limit)?,
            b"LZWDecode" | b"LZW" => {
                let early = parm
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Obj::as_int)
                    .unwrap_or(1);
                predict(lzw(input, early != 0, limit)?, parm, limit)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            b"ASCII85Decode" | b"A85" => ascii85(input)?,
            b"Crypt" => input.to_vec(),
            _ => return Err(FilterError::Skipped),
        };
        if out.len() > limit {
            return Err(FilterError::TooLarge);
        }
        cur = Some(out);
    }
    Ok(cur.unwrap_or_else(|| data.to_vec()))
}

/// Inflates zlib data (raw DEFLATE when the header is missing), keeping what was decoded before
/// any damage.
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let zlib = data.len() >= 2
        && data[0] & 0x0F == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut out = vec![0u8; data.len().saturating_mul(4).clamp(64, limit.max(64))];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut input, mut at) = (data, 0);
    let mut flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    if zlib {
        flags |= TINFL_FLAG_PARSE_ZLIB_HEADER;
    }
    loop {
        let (status, used, written) = decompress(&mut state, input, &mut out, at, flags);
        at += written;
        input = input.get(used..).unwrap_or_default();
        match status {
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(FilterError::TooLarge);
                }
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            // Done, or damaged/truncated data (a wrong checksum, a missing end): keep what was read.
            _ => {
                out.truncate(at);
                return Ok(out);
            }
        }
    }
}

fn parm_int(parm: Option<&Dict>, key: &[u8], default: i64) -> i64 {
    parm.and_then(|p| p.get(key))
        .and_then(Obj::as_int)
        .unwrap_or(default)
}

/// Undoes PNG (10–15) and TIFF (2) predictors.
fn predict(data: Vec<u8>, parm: Option<&Dict>, limit: usize) -> Result<Vec<u8>, FilterError> {
    let predictor = parm_int(parm, b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = parm_int(parm, b"Colors", 1).clamp(1, 32) as usize;
    let bpc = parm_int(parm, b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = parm_int(parm, b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        let mut out = data;
        if bpc == 8 {
            for line in out.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len().min(limit));
    let mut prev = vec![0u8; row];
    let mut cur = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let kind = chunk[0];
        let src = &chunk[1..];
        cur[..src.len()].copy_from_slice(src);
        cur[src.len()..].fill(0);
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(a),
                2 => cur[i].wrapping_add(b),
                3 => cur[i].wrapping_add(((a as u16 + b as u16) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(a, b, c)),
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur[..src.len()]);
        if out.len() > limit {
            return Err(FilterError::TooLarge);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// ASCIIHex data up to its `>`: pairs of hex digits, whitespace and junk skipped, an odd last
/// digit padded with 0 (also a hex string `<…>` in an object).
pub(super) fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        if let Some(v) = hex_val(c) {
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64);
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            c if is_white(c) => {}
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64);
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    // The table as (prefix index, last byte, length); entries 0..256 are single bytes.
    let mut table: Vec<(u16, u8, u32)> = (0..=255u16).map(|b| (u16::MAX, b as u8, 1)).collect();
    table.push((0, 0, 0)); // 256 clear
    table.push((0, 0, 0)); // 257 end
    let mut width = 9u32;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut prev: Option<u16> = None;
    let mut buf = Vec::new();
    for &byte in data {
        acc = acc << 8 | byte as u32;
        bits += 8;
        while bits >= width {
            let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as u16;
            bits -= width;
            match code {
                256 => {
                    table.truncate(258);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let entry = |t: &[(u16, u8, u32)], mut c: u16, buf: &mut Vec<u8>| {
                buf.clear();
                while let Some(&(p, b, _)) = t.get(c as usize) {
                    buf.push(b);
                    if p == u16::MAX {
                        break;
                    }
                    c = p;
                }
                buf.reverse();
            };
            if (code as usize) < table.len() {
                entry(&table, code, &mut buf);
                if let Some(p) = prev {
                    let len = table[p as usize].2 + 1;
                    table.push((p, buf[0], len));
                }
            } else if let Some(p) = prev {
                entry(&table, p, &mut buf);
                let first = buf[0];
                buf.push(first);
                table.push((p, first, buf.len() as u32));
            } else {
                return Ok(out);
            }
            out.extend_from_slice(&buf);
            if out.len() > limit {
                return Err(FilterError::TooLarge);
            }
            prev = Some(code);
            let next = table.len() as u32 + u32::from(early);
            width = match next {
                0..=511 => 9,
                512..=1023 => 10,
                1024..=2047 => 11,
                _ => 12,
            };
            if table.len() >= 4096 {
                table.truncate(4095);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(filter: &str) -> Dict {
        Dict(vec![(
            b"Filter".to_vec(),
            Obj::Name(filter.as_bytes().to_vec()),
        )])
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(
            decode(&dict("ASCIIHexDecode"), b"48 65 6c6C 6f>", 100).unwrap(),
            b"Hello"
        );
        // "Man is" in Ascii85 (Wikipedia's example prefix).
        assert_eq!(
            decode(&dict("ASCII85Decode"), b"<~9jqo^BlbD-~>", 100).unwrap(),
            b"Man is d"
        );
    }

    #[test]
    fn lzw_spec_example() {
        // The example of the PDF reference (7.4.4.2): 2D 2D 2D 2D 2D 41 2D 2D 2D 42.
        let enc = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            decode(&dict("LZWDecode"), &enc, 100).unwrap(),
            [0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x41, 0x2D, 0x2D, 0x2D, 0x42]
        );
    }

    #[test]
    fn flate_with_png_up_predictor_and_limit() {
        use flate2::{write::ZlibEncoder, Compression};
        use std::io::Write;
        // Two rows of three columns, "Up" filter (2): second row adds to the first.
        let raw = [2u8, 1, 2, 3, 2, 1, 1, 1];
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(&raw).unwrap();
        let z = e.finish().unwrap();
        let mut d = dict("FlateDecode");
        d.0.push((
            b"DecodeParms".to_vec(),
            Obj::Dict(Dict(vec![
                (b"Predictor".to_vec(), Obj::Int(12)),
                (b"Columns".to_vec(), Obj::Int(3)),
            ])),
        ));
        assert_eq!(decode(&d, &z, 100).unwrap(), [1, 2, 3, 2, 3, 4]);
        let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
        e.write_all(&vec![0u8; 1 << 20]).unwrap();
        let bomb = e.finish().unwrap();
        assert_eq!(
            decode(&dict("FlateDecode"), &bomb, 1000),
            Err(FilterError::TooLarge)
        );
        assert_eq!(
            decode(&dict("DCTDecode"), b"\xFF\xD8", 1000),
            Err(FilterError::Skipped)
        );
    }
}
