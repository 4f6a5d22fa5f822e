//! Decimal numbers without core's float parser and formatter: their algorithms and tables cost
//! ~20 KB gzipped in the WebAssembly module, and nianbao only reads plain decimals ("1234",
//! "0.5") and writes numbers with a fixed number of decimals. The results are those of
//! `str::parse::<f64>` and `format!("{x:.N}")` (the tests compare).

/// The value of `digits[.digits]` (ASCII digits, at most one point, a digit on both sides of
/// it), as `str::parse::<f64>` gives it; None for anything else.
pub fn parse_plain(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (s.contains('.') && !digits(frac)) {
        return None;
    }
    // Exact when the digits fit in f64's mantissa and 10^k is exact: one rounding (the division),
    // so the result is the correctly rounded value, as the parser's.
    let all = int.len() + frac.len();
    if all <= 15 && frac.len() <= 22 {
        let m = int
            .bytes()
            .chain(frac.bytes())
            .fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
        return Some(m as f64 / POW10[frac.len()]);
    }
    slow(s)
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(not(target_arch = "wasm32"))]
fn slow(s: &str) -> Option<f64> {
    s.parse().ok()
}

/// JavaScript's number parsing, correctly rounded like Rust's (for the plain decimals given here).
#[cfg(target_arch = "wasm32")]
fn slow(s: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(s)).filter(|v| !v.is_nan())
}

/// Whether `str::parse::<f64>` accepts `s` (its documented grammar: an optional sign, then
/// inf/infinity/nan in any case, or digits with an optional point and an optional exponent).
pub fn is_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    if [&b"inf"[..], b"infinity", b"nan"]
        .iter()
        .any(|w| b.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let run = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int = run(0);
    let mut i = int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = run(i + 1);
        i += 1 + frac;
    }
    if int + frac == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = run(i);
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

/// `format!("{x:.digits$}")` for `digits` ≤ 6, without core's float formatting (its algorithms,
/// dragon and grisu, and their tables cost ~8 KB gzipped in the WebAssembly module): the
/// binary value rounded half to even, exactly as core does it (the tests compare).
pub fn fixed(x: f64, digits: usize) -> String {
    let digits = digits.min(6);
    if x.is_nan() {
        return "NaN".into();
    }
    let neg = x.is_sign_negative();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // |x| = m · 2^e
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let scale = 10u128.pow(digits as u32);
    // The decimal digits of round(|x| · 10^digits).
    let int_digits: String = if e >= 0 {
        // An integer: m · 2^e · 10^digits, in base 10^9 limbs (least significant first).
        let mut limbs: Vec<u64> = vec![m % 1_000_000_000, m / 1_000_000_000];
        let mul = |f: u64, limbs: &mut Vec<u64>| {
            let mut carry = 0u64;
            for l in limbs.iter_mut() {
                let v = *l * f + carry;
                *l = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            while carry > 0 {
                limbs.push(carry % 1_000_000_000);
                carry /= 1_000_000_000;
            }
        };
        for _ in 0..e {
            mul(2, &mut limbs);
        }
        mul(scale as u64, &mut limbs);
        limb_digits(&mut limbs)
    } else {
        let shift = (-e) as u32;
        let p = u128::from(m) * scale; // < 2^73
        let q = if shift >= 128 {
            0
        } else {
            let q = p >> shift;
            let r = p - (q << shift);
            let half = 1u128 << (shift - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        // q < 2^73: q = hi · 2^64 + lo, summed in base 10^9 limbs (core's u128 formatting would
        // cost the WebAssembly module ~1.5 KB for this one number).
        let (hi, lo) = ((q >> 64) as u64, q as u64);
        let mut limbs = vec![
            lo % 1_000_000_000,
            lo / 1_000_000_000 % 1_000_000_000,
            lo / 1_000_000_000_000_000_000,
        ];
        let mut carry = 0;
        // 2^64 = 18 446744073 709551616
        for (l, p) in limbs.iter_mut().zip([709_551_616u64, 446_744_073, 18]) {
            let v = *l + hi * p + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        limbs.push(carry);
        limb_digits(&mut limbs)
    };
    if digits == 0 {
        out.push_str(&int_digits);
    } else {
        let padded = format!("{int_digits:0>width$}", width = digits + 1);
        let (i, f) = padded.split_at(padded.len() - digits);
        out.push_str(i);
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The decimal digits of a number in base 10^9 limbs, least significant first (no leading zeros).
fn limb_digits(limbs: &mut Vec<u64>) -> String {
    while limbs.len() > 1 && limbs[limbs.len() - 1] == 0 {
        limbs.pop();
    }
    let mut s = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Vec<String> {
        let mut out: Vec<String> = [
            "",
            ".",
            "+",
            "-",
            "0",
            "00",
            "1.",
            ".5",
            "1.5",
            "-1.5",
            "+2",
            "1e5",
            "1E5",
            "1e",
            "1e+",
            "1e-3",
            ".e1",
            "1.e1",
            ".5e-2",
            "inf",
            "-INF",
            "+Infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "1,000",
            "1 ",
            " 1",
            "--1",
            "+-1",
            "0x10",
            "1_000",
            "=1+1",
            "@x",
            "-",
            "1e400",
            "1e-400",
            "4.9e-324",
            "12345678901234567890",
            "0.1",
            "0.2",
            "0.3",
            "123456789012345.6",
            "1234567890123456",
            "9007199254740993",
            "0.000000000000000000000001",
            "3.14159265358979323846264338327950288",
            "00000000000000000000001.5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = b"0123456789..eE+-ni";
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let s: String = (0..len)
                .map(|_| {
                    let r = next() as usize;
                    // Mostly digits, so that numbers of every length occur.
                    alphabet[if r % 3 == 0 {
                        r / 3 % alphabet.len()
                    } else {
                        r / 3 % 10
                    }] as char
                })
                .collect();
            out.push(s);
        }
        for _ in 0..20_000 {
            let int = next() % 10_u64.pow((next() % 20) as u32).max(1);
            let frac = next() % 10_u64.pow((next() % 20) as u32).max(1);
            out.push(format!("{int}.{frac:0w$}", w = (next() % 25) as usize));
        }
        out
    }

    #[test]
    fn fixed_matches_core_formatting() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.25,
            0.35,
            0.125,
            1e15,
            1e16,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            0.0000005,
            0.0000015,
            0.0000025,
            1e-7,
            -1e-7,
            123.4567895,
            99.95,
            0.05,
            0.15,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            190.457379,
            9007199254740993.0,
            4503599627370497.5,
            // |x| · 10^6 on either side of 2^64, and up to 2^73.
            18446744073709.55,
            18446744073709.56,
            -18446744073709.5,
            4503599627370495.5,
            9007199254740991.0,
            1.8446744073709552e19,
        ];
        let mut seed: u64 = 0x1234_5678_9abc_def0;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let v = match next() % 4 {
                0 => f64::from_bits(next()),
                1 => (next() % 100_000_000) as f64 / 10f64.powi((next() % 9) as i32),
                2 => (next() % 1000) as f64 / 8.0 / 10f64.powi((next() % 7) as i32),
                _ => ((next() % 2_000_000) as f64 - 1_000_000.0) * 0.1,
            };
            values.push(v);
        }
        for v in values {
            for d in 0..=6 {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} with {d} decimals");
            }
        }
    }

    #[test]
    fn is_float_is_the_parser_grammar() {
        for s in strings() {
            assert_eq!(is_float(&s), s.parse::<f64>().is_ok(), "{s:?}");
        }
    }

    #[test]
    fn plain_decimals_read_as_the_parser_reads_them() {
        let mut fast = 0;
        for s in strings() {
            let plain = !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && s.matches('.').count() <= 1
                && !s.starts_with('.')
                && !s.ends_with('.');
            let want = if plain { s.parse::<f64>().ok() } else { None };
            let have = parse_plain(&s);
            assert_eq!(have.map(f64::to_bits), want.map(f64::to_bits), "{s:?}");
            fast += usize::from(plain && s.len() <= 16);
        }
        assert!(fast > 1000, "the exact path is exercised ({fast})");
    }
}
