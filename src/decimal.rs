//! Reading decimal numbers without core's general float parser: its algorithm and its table of
//! powers of five cost ~12 KB gzipped in the WebAssembly module, and nianbao only reads plain
//! decimals ("1234", "0.5"). The results are those of `str::parse::<f64>` (the tests compare).

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
