//! The standard security handler with the empty user password: RC4 (40–128 bit, revisions 2–4),
//! AES-128 (V4 AESV2) and AES-256 (V5, revisions 5 and 6). Government PDFs often carry only an
//! owner password (forbidding copying) and open without one; a file that needs a user password
//! is refused with a message saying so. MD5 and AES come from RustCrypto (md-5, aes); SHA-2
//! (`sha.rs`), RC4 and CBC are a few lines here.

use super::object::{Dict, Obj};
use super::sha::{sha256, sha512};
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use md5::{Digest, Md5};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

pub struct Crypt {
    key: Vec<u8>,
    streams: Method,
    strings: Method,
}

const NEEDS_PASSWORD: &str = "这个 PDF 需要密码才能打开，无法读取；请提供未加密的版本";
const UNSUPPORTED: &str = "这个 PDF 使用了不支持的加密方式，无法读取；请提供未加密的版本";

impl Crypt {
    pub fn new(enc: &Dict, id: &[u8]) -> Result<Crypt, &'static str> {
        if enc.get(b"Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return Err(UNSUPPORTED);
        }
        let int = |k: &[u8], d: i64| enc.get(k).and_then(Obj::as_int).unwrap_or(d);
        let bytes = |k: &[u8]| match enc.get(k) {
            Some(Obj::Str(s)) => s.clone(),
            _ => Vec::new(),
        };
        let (v, r) = (int(b"V", 0), int(b"R", 2));
        let (o, u) = (bytes(b"O"), bytes(b"U"));
        let p = int(b"P", -1) as i32;
        let method_of = |name: &[u8]| -> Method {
            if name == b"Identity" {
                return Method::Identity;
            }
            let cf = enc
                .get(b"CF")
                .and_then(Obj::as_dict)
                .and_then(|cf| cf.get(name))
                .and_then(Obj::as_dict);
            match cf.and_then(|c| c.get(b"CFM")).and_then(Obj::as_name) {
                Some(b"AESV2") => Method::Aes128,
                Some(b"AESV3") => Method::Aes256,
                Some(b"None") => Method::Identity,
                _ => Method::Rc4,
            }
        };
        let (streams, strings) = if v >= 4 {
            let name = |k: &[u8]| {
                enc.get(k)
                    .and_then(Obj::as_name)
                    .map_or(Method::Identity, method_of)
            };
            (name(b"StmF"), name(b"StrF"))
        } else {
            (Method::Rc4, Method::Rc4)
        };
        let key = if r >= 5 {
            key_r6(r, &u, &bytes(b"UE"))?
        } else {
            let len = if r == 2 {
                5
            } else {
                (int(b"Length", 40) / 8).clamp(5, 16) as usize
            };
            let metadata = !matches!(enc.get(b"EncryptMetadata"), Some(Obj::Bool(false)));
            let key = key_r4(r, len, &o, p, id, metadata);
            if !user_ok(r, &key, &u, id) {
                return Err(NEEDS_PASSWORD);
            }
            key
        };
        Ok(Crypt {
            key,
            streams,
            strings,
        })
    }

    pub fn decrypt(&self, num: u32, gen: u16, data: &[u8], stream: bool) -> Vec<u8> {
        let method = if stream { self.streams } else { self.strings };
        match method {
            Method::Identity => data.to_vec(),
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
            Method::Rc4 | Method::Aes128 => {
                let mut h = Md5::new();
                h.update(&self.key);
                h.update(&num.to_le_bytes()[..3]);
                h.update(gen.to_le_bytes());
                if method == Method::Aes128 {
                    h.update(b"sAlT");
                }
                let k = h.finalize();
                let k = &k[..(self.key.len() + 5).min(16)];
                if method == Method::Rc4 {
                    rc4(k, data)
                } else {
                    aes_cbc_decrypt(k, data)
                }
            }
        }
    }
}

/// Algorithm 2 of ISO 32000 with the empty password.
fn key_r4(r: i64, len: usize, o: &[u8], p: i32, id: &[u8], metadata: bool) -> Vec<u8> {
    let mut h = Md5::new();
    h.update(PAD);
    h.update(o);
    h.update(p.to_le_bytes());
    h.update(id);
    if r >= 4 && !metadata {
        h.update([0xFF; 4]);
    }
    let mut key = h.finalize().to_vec();
    if r >= 3 {
        for _ in 0..50 {
            key = Md5::digest(&key[..len]).to_vec();
        }
    }
    key.truncate(len);
    key
}

/// Algorithms 4 and 5: does the empty password open the file?
fn user_ok(r: i64, key: &[u8], u: &[u8], id: &[u8]) -> bool {
    if r == 2 {
        return rc4(key, &PAD) == u;
    }
    let mut h = Md5::new();
    h.update(PAD);
    h.update(id);
    let mut x = rc4(key, &h.finalize());
    for i in 1..=19u8 {
        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
        x = rc4(&k, &x);
    }
    u.len() >= 16 && x[..] == u[..16]
}

/// Revisions 5 and 6 (AES-256) with the empty password: check U, then unwrap UE.
fn key_r6(r: i64, u: &[u8], ue: &[u8]) -> Result<Vec<u8>, &'static str> {
    if u.len() < 48 || ue.len() < 32 {
        return Err(UNSUPPORTED);
    }
    let hash = |salt: &[u8]| {
        if r == 5 {
            sha256(salt)
        } else {
            hash_r6(salt)
        }
    };
    if hash(&u[32..40]) != u[..32] {
        return Err(NEEDS_PASSWORD);
    }
    let k = hash(&u[40..48]);
    // UE is AES-256 in CBC mode with a zero IV and no padding.
    let mut iv_ue = vec![0u8; 16];
    iv_ue.extend_from_slice(&ue[..32]);
    let key = aes_cbc_raw(&k, &iv_ue);
    if key.len() != 32 {
        return Err(UNSUPPORTED);
    }
    Ok(key)
}

/// Algorithm 2.B (revision 6) for the empty password and no user key.
fn hash_r6(salt: &[u8]) -> Vec<u8> {
    let mut k = sha256(salt);
    let mut round = 0u32;
    loop {
        let k1: Vec<u8> = k.repeat(64);
        let e = aes128_cbc_encrypt(&k[..16], &k[16..32], &k1);
        let m = e[..16].iter().map(|&b| b as u32).sum::<u32>() % 3;
        k = match m {
            0 => sha256(&e),
            1 => sha512(&e, true),
            _ => sha512(&e, false),
        };
        round += 1;
        if round >= 64 && u32::from(*e.last().unwrap_or(&0)) <= round - 32 {
            break;
        }
    }
    k.truncate(32);
    k
}

pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#7 padding removed (when well formed).
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = aes_cbc_raw(key, data);
    if let Some(&n) = out.last() {
        let n = n as usize;
        if (1..=16).contains(&n) && n <= out.len() {
            out.truncate(out.len() - n);
        }
    }
    out
}

/// AES-CBC decryption without removing padding; the first block is the IV.
fn aes_cbc_raw(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 32 {
        return Vec::new();
    }
    let blocks = &data[..data.len() / 16 * 16];
    let mut out = Vec::with_capacity(blocks.len() - 16);
    let run = |dec: &dyn Fn(&mut aes::Block)| {
        let mut out = Vec::with_capacity(blocks.len());
        let mut prev = &blocks[..16];
        for c in blocks[16..].chunks_exact(16) {
            let mut b = aes::Block::clone_from_slice(c);
            dec(&mut b);
            out.extend(b.iter().zip(prev).map(|(x, y)| x ^ y));
            prev = c;
        }
        out
    };
    match key.len() {
        16 => {
            let Ok(c) = aes::Aes128::new_from_slice(key) else {
                return out;
            };
            out = run(&|b| c.decrypt_block(b));
        }
        32 => {
            let Ok(c) = aes::Aes256::new_from_slice(key) else {
                return out;
            };
            out = run(&|b| c.decrypt_block(b));
        }
        _ => {}
    }
    out
}

fn aes128_cbc_encrypt(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let Ok(c) = aes::Aes128::new_from_slice(key) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(data.len());
    let mut prev = aes::Block::clone_from_slice(iv);
    for p in data.chunks_exact(16) {
        let mut b = aes::Block::default();
        for i in 0..16 {
            b[i] = p[i] ^ prev[i];
        }
        c.encrypt_block(&mut b);
        out.extend_from_slice(&b);
        prev = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rc4_known_vector() {
        // RFC 6229-style classic vector: key "Key", plaintext "Plaintext".
        assert_eq!(
            rc4(b"Key", b"Plaintext"),
            [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]
        );
    }

    #[test]
    fn aes_round_trip() {
        let key = [7u8; 16];
        let iv = [9u8; 16];
        let mut plain = b"0123456789abcdef".to_vec();
        plain.extend([16u8; 16]); // PKCS#7 padding of a full block
        let mut data = iv.to_vec();
        data.extend(aes128_cbc_encrypt(&key, &iv, &plain));
        assert_eq!(aes_cbc_decrypt(&key, &data), b"0123456789abcdef");
    }
}
