//! The zip container of a .docx, read with limits. Only what a .docx uses is supported: stored
//! and deflated entries (inflated by miniz_oxide), Zip64 records, no encryption. This is a page
//! of code where the zip crate (with flate2) added ~35 KB gzipped to the WebAssembly module.
//! Entries whose declared or actual inflated size would take the total past [`MAX_INFLATED`] are
//! refused (a zip bomb), CRCs are checked, and every failure is reported in Chinese.

use super::super::ReadError;
use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// The most a document may inflate to, all entries read together (design.md).
pub const MAX_INFLATED: u64 = 100 * 1024 * 1024;

/// One entry of the central directory.
struct Entry {
    name: String,
    method: u16,
    encrypted: bool,
    crc: u32,
    compressed: u64,
    size: u64,
    header: u64,
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Inflated bytes still allowed.
    budget: u64,
}

fn damaged(why: &str) -> ReadError {
    ReadError::Unsupported(format!("Word 文件（.docx）已损坏：{why}"))
}

fn truncated() -> ReadError {
    damaged("压缩包不完整（文件可能没有下载或复制完整）")
}

pub fn too_big() -> ReadError {
    ReadError::Unsupported(format!(
        "Word 文件（.docx）解压后超过 {} MB，可能是恶意构造的压缩包，未读取",
        MAX_INFLATED / 1024 / 1024
    ))
}

fn encrypted() -> ReadError {
    ReadError::Unsupported("Word 文件（.docx）已加密，请取消密码保护后再检查".into())
}

/// `N` bytes at `at`, if the input has them (offsets come from the file: no arithmetic on them
/// may overflow).
fn bytes_at<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    bytes_at(b, at).map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    bytes_at(b, at).map(u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    bytes_at(b, at).map(u64::from_le_bytes)
}

const EOCD: u32 = 0x0605_4b50;
const EOCD64: u32 = 0x0606_4b50;
const EOCD64_LOCATOR: u32 = 0x0706_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        // The end-of-central-directory record sits in the last 22 + 65535 bytes.
        let from = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(EOCD))
            .ok_or_else(truncated)?;
        let mut count = u64::from(u16_at(bytes, eocd + 10).ok_or_else(truncated)?);
        let mut dir = u64::from(u32_at(bytes, eocd + 16).ok_or_else(truncated)?);
        // Zip64: the real values are in the Zip64 record the locator points to.
        if eocd >= 20 && u32_at(bytes, eocd - 20) == Some(EOCD64_LOCATOR) {
            let at = u64_at(bytes, eocd - 12).ok_or_else(truncated)?;
            let at = usize::try_from(at).map_err(|_| truncated())?;
            if u32_at(bytes, at) == Some(EOCD64) {
                count = u64_at(bytes, at.saturating_add(32)).ok_or_else(truncated)?;
                dir = u64_at(bytes, at.saturating_add(48)).ok_or_else(truncated)?;
            }
        }
        // Each directory entry takes at least 46 bytes: a count beyond that is a lie.
        if count > bytes.len() as u64 / 46 {
            return Err(damaged("压缩包目录无效"));
        }
        let mut entries = Vec::with_capacity(count as usize);
        let mut at = usize::try_from(dir).map_err(|_| truncated())?;
        let mut declared: u64 = 0;
        for _ in 0..count {
            let e = Self::entry(bytes, &mut at).ok_or_else(|| damaged("压缩包目录无效"))?;
            // Declared sizes first: a bomb is refused before anything is inflated.
            declared = declared.saturating_add(e.size);
            if declared > MAX_INFLATED {
                return Err(too_big());
            }
            entries.push(e);
        }
        Ok(Archive {
            bytes,
            entries,
            budget: MAX_INFLATED,
        })
    }

    fn entry(b: &[u8], at: &mut usize) -> Option<Entry> {
        let p = *at;
        if u32_at(b, p)? != CENTRAL {
            return None;
        }
        let flags = u16_at(b, p + 8)?;
        let name_len = u16_at(b, p + 28)? as usize;
        let extra_len = u16_at(b, p + 30)? as usize;
        let comment_len = u16_at(b, p + 32)? as usize;
        let name_bytes = b.get(p + 46..p + 46 + name_len)?;
        let mut e = Entry {
            name: String::from_utf8_lossy(name_bytes).into_owned(),
            method: u16_at(b, p + 10)?,
            encrypted: flags & 1 != 0,
            crc: u32_at(b, p + 16)?,
            compressed: u64::from(u32_at(b, p + 20)?),
            size: u64::from(u32_at(b, p + 24)?),
            header: u64::from(u32_at(b, p + 42)?),
        };
        // Zip64 extra field: the 64-bit values of the fields saturated above, in order.
        let extra = b.get(p + 46 + name_len..p + 46 + name_len + extra_len)?;
        let mut x = 0;
        while x + 4 <= extra.len() {
            let id = u16_at(extra, x)?;
            let len = u16_at(extra, x + 2)? as usize;
            if id == 1 {
                let mut f = x + 4;
                for field in [&mut e.size, &mut e.compressed, &mut e.header] {
                    if *field == u64::from(u32::MAX) {
                        *field = u64_at(extra, f)?;
                        f += 8;
                    }
                }
            }
            x += 4 + len;
        }
        *at = p + 46 + name_len + extra_len + comment_len;
        Some(e)
    }

    fn index(&self, name: &str) -> Option<usize> {
        let want = normalise(name);
        self.entries.iter().position(|e| normalise(&e.name) == want)
    }

    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// Inflates an entry, if present, within the budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(i) = self.index(name) else {
            return Ok(None);
        };
        let e = &self.entries[i];
        if e.encrypted {
            return Err(encrypted());
        }
        let b = self.bytes;
        let h = usize::try_from(e.header).map_err(|_| truncated())?;
        if u32_at(b, h) != Some(LOCAL) {
            return Err(damaged("压缩包中的文件头无效"));
        }
        let start = h
            + 30
            + u16_at(b, h + 26).ok_or_else(truncated)? as usize
            + u16_at(b, h + 28).ok_or_else(truncated)? as usize;
        let end = usize::try_from(e.compressed)
            .ok()
            .and_then(|n| start.checked_add(n))
            .ok_or_else(truncated)?;
        let data = b.get(start..end).ok_or_else(truncated)?;
        // Sizes in the directory can lie: inflate at most one byte past the budget.
        let limit = usize::try_from(self.budget + 1).unwrap_or(usize::MAX);
        let out = match e.method {
            0 => data.to_vec(),
            8 => inflate(data, e.size, limit).map_err(|status| match status {
                TINFLStatus::HasMoreOutput => too_big(),
                _ => damaged("压缩数据无法解压"),
            })?,
            _ => return Err(damaged("使用了不支持的压缩方式")),
        };
        if out.len() as u64 > self.budget {
            return Err(too_big());
        }
        if crc32(&out) != e.crc {
            return Err(damaged("压缩数据校验失败"));
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }

    /// An entry as text (XML parts are UTF-8, or UTF-16 with a byte order mark).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            utf16(rest, u16::from_le_bytes)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            utf16(rest, u16::from_be_bytes)
        } else {
            let mut bytes = bytes;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            // In place: the part is not copied.
            String::from_utf8(bytes).ok()
        };
        text.map(Some)
            .ok_or_else(|| damaged(&format!("部件 {name} 不是有效的 UTF-8/UTF-16 文本")))
    }
}

/// Inflates raw DEFLATE data into at most `limit` bytes, as miniz_oxide's
/// `decompress_to_vec_with_limit` does, but starting with room for the size the directory
/// declares (`HasMoreOutput` when the data needs more than `limit`): a part the directory
/// describes truly is inflated without growing and copying the buffer. DEFLATE expands at most
/// 1032 times: a larger declared size is a lie, and is not given that much memory.
fn inflate(data: &[u8], declared: u64, limit: usize) -> Result<Vec<u8>, TINFLStatus> {
    let first = usize::try_from(declared)
        .unwrap_or(usize::MAX)
        .min(data.len().saturating_mul(1032))
        .max(64)
        .min(limit);
    let mut out = vec![0u8; first];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut input, mut at) = (data, 0);
    loop {
        let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, used, written) = decompress(&mut state, input, &mut out, at, flags);
        at += written;
        match status {
            TINFLStatus::Done => {
                out.truncate(at);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                input = input.get(used..).unwrap_or_default();
                let grown = out.len().saturating_mul(2).clamp(64, limit);
                out.resize(grown, 0);
            }
            status => return Err(status),
        }
    }
}

/// CRC-32 (IEEE), as zip stores it, eight bytes at a time ("slicing by 8"). The tables are
/// computed here rather than stored: 8 KB of tables would cost more in the WebAssembly module
/// than the few microseconds they take to build.
fn crc32(data: &[u8]) -> u32 {
    let mut t = [[0u32; 256]; 8];
    for (i, slot) in t[0].iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    for i in 0..256 {
        for k in 1..8 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
        }
    }
    let mut c = !0u32;
    let mut chunks = data.chunks_exact(8);
    for w in &mut chunks {
        let lo = c ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        c = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][w[4] as usize]
            ^ t[2][w[5] as usize]
            ^ t[1][w[6] as usize]
            ^ t[0][w[7] as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

fn utf16(rest: &[u8], word: fn([u8; 2]) -> u16) -> Option<String> {
    let units: Vec<u16> = rest.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

fn normalise(name: &str) -> String {
    name.trim_start_matches(['/', '\\'])
        .replace('\\', "/")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflates_whatever_size_the_directory_declares() {
        use flate2::{write::DeflateEncoder, Compression};
        use std::io::Write;
        // Compressible text and incompressible bytes, from a few bytes to several buffer
        // doublings.
        let text = "<w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p>".repeat(3000);
        let mut x = 7u32;
        let noise: Vec<u8> = (0..70_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        for data in [&b"a"[..], text.as_bytes(), &noise] {
            for level in [0, 1, 9] {
                let mut enc = DeflateEncoder::new(Vec::new(), Compression::new(level));
                enc.write_all(data).unwrap();
                let packed = enc.finish().unwrap();
                let n = data.len() as u64;
                // True, too small, too large and absurd declared sizes.
                for declared in [n, 0, n / 3, n * 5, u64::MAX] {
                    let out = inflate(&packed, declared, usize::MAX).unwrap();
                    assert!(out == data, "level {level}, declared {declared}");
                }
                // Exactly the limit is read; one byte more than the limit is too much.
                assert!(inflate(&packed, n, data.len()).is_ok());
                let short = inflate(&packed, n, data.len() - 1);
                assert!(matches!(short, Err(TINFLStatus::HasMoreOutput)));
            }
        }
        assert!(inflate(b"\xFF\xFF\xFF", 10, usize::MAX).is_err());
    }

    #[test]
    fn crc32_matches_the_standard() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        // Whole 8-byte blocks plus a remainder.
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
