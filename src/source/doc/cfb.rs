//! The Compound File Binary container ([MS-CFB]) of Word 97–2003 and WPS files: a FAT file
//! system in one file. Only what reading streams at the top level needs: the header, the FAT
//! (through the DIFAT), the directory, and the mini FAT with its mini stream. Every chain is
//! bounded by the file's own size, so a cycle or a lying size cannot loop or allocate beyond it.
//! (The `cfb` crate does this too, but adds ~35 KB gzip to the WebAssembly module.)

const MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const NO_STREAM: u32 = 0xFFFF_FFFF;
/// Header DIFAT entries.
const HEADER_DIFAT: usize = 109;

/// Why a compound file cannot be read.
#[derive(Debug, PartialEq)]
pub enum CfbError {
    /// Not a compound file at all.
    NotCfb,
    /// The structure is inconsistent or cut short.
    Damaged,
}

/// One directory entry that matters here: a stream or storage below the root.
#[derive(Clone, Debug)]
struct Entry {
    name: Vec<u16>,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

pub struct Cfb<'a> {
    data: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    dir: Vec<Entry>,
    mini_stream: Vec<u8>,
    cutoff: u64,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// True when the bytes start like a compound file.
pub fn is_cfb(data: &[u8]) -> bool {
    data.starts_with(MAGIC)
}

impl<'a> Cfb<'a> {
    pub fn open(data: &'a [u8]) -> Result<Cfb<'a>, CfbError> {
        if !is_cfb(data) {
            return Err(CfbError::NotCfb);
        }
        let h = data.get(..512).ok_or(CfbError::Damaged)?;
        let major = u16_at(h, 0x1A).unwrap_or(0);
        let shift = u32::from(u16_at(h, 0x1E).unwrap_or(0));
        let mini_shift = u32::from(u16_at(h, 0x20).unwrap_or(0));
        if !(major == 3 && shift == 9 || major == 4 && shift == 12) || mini_shift != 6 {
            return Err(CfbError::Damaged);
        }
        let get = |i| u32_at(h, i).unwrap_or(0);
        let (dir_start, mini_fat_start, difat_start) = (get(0x30), get(0x3C), get(0x44));
        let cutoff = u64::from(get(0x38));
        let mut cfb = Cfb {
            data,
            shift,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            dir: Vec::new(),
            mini_stream: Vec::new(),
            cutoff,
        };
        // The FAT's own sectors: 109 in the header, then chained DIFAT sectors.
        let per_sector = cfb.sector_size() / 4;
        let mut fat_sectors: Vec<u32> = (0..HEADER_DIFAT)
            .map(|k| get(0x4C + 4 * k))
            .filter(|&s| s < 0xFFFF_FFFA)
            .collect();
        let mut next = difat_start;
        let mut steps = 0;
        while next < 0xFFFF_FFFA {
            steps += 1;
            if steps > cfb.sector_count() {
                return Err(CfbError::Damaged);
            }
            let s = cfb.sector(next).ok_or(CfbError::Damaged)?;
            fat_sectors.extend(
                (0..per_sector - 1)
                    .filter_map(|k| u32_at(s, 4 * k))
                    .filter(|&v| v < 0xFFFF_FFFA),
            );
            next = u32_at(s, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
        }
        if fat_sectors.len() > cfb.sector_count() {
            return Err(CfbError::Damaged);
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
        for &fs in &fat_sectors {
            let s = cfb.sector(fs).ok_or(CfbError::Damaged)?;
            fat.extend(
                s.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        cfb.fat = fat;
        // The directory: 128-byte entries.
        let dir = cfb.chain(dir_start, None)?;
        cfb.dir = dir.chunks_exact(128).map(entry).collect();
        let root = cfb.dir.first().ok_or(CfbError::Damaged)?.clone();
        if root.kind != 5 {
            return Err(CfbError::Damaged);
        }
        if mini_fat_start < 0xFFFF_FFFA {
            let mf = cfb.chain(mini_fat_start, None)?;
            cfb.mini_fat = mf
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let mut size = root.size;
            if major == 3 {
                size &= 0xFFFF_FFFF;
            }
            cfb.mini_stream = cfb.chain(root.start, Some(size))?;
        }
        if major == 3 {
            for e in &mut cfb.dir {
                e.size &= 0xFFFF_FFFF;
            }
        }
        Ok(cfb)
    }

    fn sector_size(&self) -> usize {
        1 << self.shift
    }

    /// Sectors the file can hold: a bound for every chain.
    fn sector_count(&self) -> usize {
        self.data.len() >> self.shift
    }

    /// A sector's bytes; the last sector of a file may be short.
    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size())?;
        let end = start
            .saturating_add(self.sector_size())
            .min(self.data.len());
        (start < end).then(|| &self.data[start..end])
    }

    /// The bytes of a FAT chain, cut to `size` when given (which must then be reached).
    fn chain(&self, start: u32, size: Option<u64>) -> Result<Vec<u8>, CfbError> {
        let limit = size.map(|s| s.min(self.data.len() as u64) as usize);
        if size.is_some_and(|s| s > self.data.len() as u64) {
            return Err(CfbError::Damaged);
        }
        let mut out = Vec::with_capacity(limit.unwrap_or(0));
        let mut next = start;
        let mut steps = 0usize;
        while next != END_OF_CHAIN && limit.is_none_or(|l| out.len() < l) {
            steps += 1;
            if steps > self.fat.len().min(self.sector_count() + 1) {
                return Err(CfbError::Damaged);
            }
            out.extend_from_slice(self.sector(next).ok_or(CfbError::Damaged)?);
            next = *self.fat.get(next as usize).ok_or(CfbError::Damaged)?;
        }
        if let Some(l) = limit {
            if out.len() < l {
                return Err(CfbError::Damaged);
            }
            out.truncate(l);
        }
        Ok(out)
    }

    /// The bytes of a mini FAT chain (streams smaller than the cutoff).
    fn mini_chain(&self, start: u32, size: usize) -> Result<Vec<u8>, CfbError> {
        if size > self.mini_stream.len() {
            return Err(CfbError::Damaged);
        }
        let mut out = Vec::with_capacity(size);
        let mut next = start;
        let mut steps = 0usize;
        while out.len() < size {
            steps += 1;
            if next == END_OF_CHAIN || steps > self.mini_fat.len() {
                return Err(CfbError::Damaged);
            }
            let at = next as usize * 64;
            let s = self.mini_stream.get(at..at + 64).ok_or(CfbError::Damaged)?;
            out.extend_from_slice(s);
            next = *self.mini_fat.get(next as usize).ok_or(CfbError::Damaged)?;
        }
        out.truncate(size);
        Ok(out)
    }

    /// Indexes of the root storage's direct children (its red-black tree walked with a stack;
    /// every entry visited at most once).
    fn top_level(&self) -> Vec<usize> {
        let mut seen = vec![false; self.dir.len()];
        let mut out = Vec::new();
        let mut stack = vec![self.dir.first().map_or(NO_STREAM, |r| r.child)];
        while let Some(i) = stack.pop() {
            let i = i as usize;
            if i >= self.dir.len() || seen[i] {
                continue;
            }
            seen[i] = true;
            out.push(i);
            stack.push(self.dir[i].left);
            stack.push(self.dir[i].right);
        }
        out
    }

    /// True when a stream or storage of this name is at the top level (names compare without
    /// case, as in the format).
    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        let want: Vec<u16> = name.encode_utf16().collect();
        let upper = |c: u16| {
            if (b'a' as u16..=b'z' as u16).contains(&c) {
                c - 32
            } else {
                c
            }
        };
        self.top_level()
            .into_iter()
            .map(|i| &self.dir[i])
            .find(|e| {
                e.name.len() == want.len()
                    && e.name
                        .iter()
                        .zip(&want)
                        .all(|(&a, &b)| upper(a) == upper(b))
            })
    }

    /// A top-level stream's bytes; None when there is no such stream.
    pub fn stream(&self, name: &str) -> Option<Result<Vec<u8>, CfbError>> {
        let e = self.find(name).filter(|e| e.kind == 2)?;
        Some(if e.size < self.cutoff {
            self.mini_chain(e.start, e.size as usize)
        } else {
            self.chain(e.start, Some(e.size))
        })
    }
}

fn entry(b: &[u8]) -> Entry {
    let len = (u16_at(b, 64).unwrap_or(0) as usize / 2).clamp(1, 32) - 1;
    Entry {
        name: (0..len).filter_map(|k| u16_at(b, 2 * k)).collect(),
        kind: b[66],
        left: u32_at(b, 68).unwrap_or(NO_STREAM),
        right: u32_at(b, 72).unwrap_or(NO_STREAM),
        child: u32_at(b, 76).unwrap_or(NO_STREAM),
        start: u32_at(b, 116).unwrap_or(END_OF_CHAIN),
        size: u64::from_le_bytes(b[120..128].try_into().unwrap_or([0; 8])),
    }
}
