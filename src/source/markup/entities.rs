//! Character references: numeric ones in full (with the Windows-1252 remapping browsers apply to
//! 0x80–0x9F) and the named ones that occur in office and web documents. An unknown name is left
//! as written, as a browser does.

use super::tokenize::memchr;
use std::borrow::Cow;

/// Named references, sorted by name for binary search.
static NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Agrave", "À"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Eacute", "É"),
    ("Egrave", "È"),
    ("Ouml", "Ö"),
    ("Prime", "″"),
    ("Uuml", "Ü"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("alpha", "α"),
    ("amp", "&"),
    ("and", "∧"),
    ("ang", "∠"),
    ("apos", "'"),
    ("aring", "å"),
    ("asymp", "≈"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("cap", "∩"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("check", "✓"),
    ("circ", "ˆ"),
    ("colon", ":"),
    ("comma", ","),
    ("copy", "©"),
    ("cup", "∪"),
    ("curren", "¤"),
    ("dagger", "†"),
    ("darr", "↓"),
    ("deg", "°"),
    ("delta", "δ"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("epsilon", "ε"),
    ("equiv", "≡"),
    ("euml", "ë"),
    ("euro", "€"),
    ("exist", "∃"),
    ("forall", "∀"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gamma", "γ"),
    ("ge", "≥"),
    ("gt", ">"),
    ("harr", "↔"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("infin", "∞"),
    ("iquest", "¿"),
    ("isin", "∈"),
    ("iuml", "ï"),
    ("lambda", "λ"),
    ("laquo", "«"),
    ("larr", "←"),
    ("lceil", "⌈"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lfloor", "⌊"),
    ("lowast", "∗"),
    ("loz", "◊"),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("mu", "μ"),
    ("nabla", "∇"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("not", "¬"),
    ("ntilde", "ñ"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("ograve", "ò"),
    ("omega", "ω"),
    ("or", "∨"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("percnt", "%"),
    ("permil", "‰"),
    ("phi", "φ"),
    ("pi", "π"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("prod", "∏"),
    ("quot", "\""),
    ("radic", "√"),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rceil", "⌉"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rfloor", "⌋"),
    ("rlm", "\u{200F}"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("sdot", "⋅"),
    ("sect", "§"),
    ("shy", "\u{AD}"),
    ("sigma", "σ"),
    ("sim", "∼"),
    ("sum", "∑"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("szlig", "ß"),
    ("tau", "τ"),
    ("there4", "∴"),
    ("theta", "θ"),
    ("thinsp", "\u{2009}"),
    ("tilde", "˜"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("uarr", "↑"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("uuml", "ü"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

/// Names a browser also accepts without the closing semicolon (the common legacy ones).
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Windows-1252 for 0x80..=0x9F, as browsers read `&#150;` and friends.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn named(name: &str) -> Option<&'static str> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// Decodes the character references in `s` (borrowed when it has none).
pub fn decode(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    // `rest` starts with '&'.
    loop {
        let after = &rest[1..];
        rest = match reference(after) {
            Some((Ref::Char(c), used)) => {
                out.push(c);
                &after[used..]
            }
            Some((Ref::Str(t), used)) => {
                out.push_str(t);
                &after[used..]
            }
            None => {
                out.push('&');
                after
            }
        };
        match memchr(b'&', rest.as_bytes()) {
            Some(amp) => {
                out.push_str(&rest[..amp]);
                rest = &rest[amp..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What a reference stands for.
enum Ref {
    Char(char),
    Str(&'static str),
}

/// The reference at the start of `s` (just after '&'): its text and the bytes it used.
fn reference(s: &str) -> Option<(Ref, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let end = start + digits;
        let value = u32::from_str_radix(&s[start..end.min(start + 8)], if hex { 16 } else { 10 })
            .unwrap_or(u32::MAX);
        let c = match value {
            0x80..=0x9F => CP1252[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let used = end + usize::from(b.get(end) == Some(&b';'));
        return Some((Ref::Char(c), used));
    }
    let len = b
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 {
        return None;
    }
    let name = &s[..len];
    if b.get(len) == Some(&b';') {
        return named(name).map(|t| (Ref::Str(t), len + 1));
    }
    // Without ';': only the legacy names, and not inside what looks like a URL parameter.
    let legacy = LEGACY.iter().find(|l| name.starts_with(*l))?;
    if b.get(legacy.len())
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=')
    {
        return None;
    }
    named(legacy).map(|t| (Ref::Str(t), legacy.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes_references() {
        assert_eq!(decode("a&nbsp;b"), "a\u{A0}b");
        assert_eq!(decode("&lt;p&gt; &amp;&amp; &quot;x&quot;"), "<p> && \"x\"");
        assert_eq!(decode("&#8220;三安全一稳定&#8221;"), "“三安全一稳定”");
        assert_eq!(decode("&#x4E00;&#X4e8c;"), "一二");
        assert_eq!(decode("&#150;&#147;"), "–“");
        assert_eq!(decode("&ldquo;&rdquo;&mdash;&hellip;&middot;"), "“”—…·");
        assert_eq!(decode("&nbsp&nbsp;x"), "\u{A0}\u{A0}x");
        assert_eq!(
            decode("&unknown; & &; &#; &#0;"),
            "&unknown; & &; &#; \u{FFFD}"
        );
        assert_eq!(decode("?a=1&copy=2"), "?a=1&copy=2");
        assert_eq!(decode("&#99999999999;"), "\u{FFFD}");
    }
}
