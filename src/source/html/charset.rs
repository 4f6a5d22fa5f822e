//! The character set an HTML file declares: `<meta charset=gbk>` or `<meta http-equiv=
//! "Content-Type" content="text/html; charset=gb2312">`, looked for in the first bytes as browsers
//! do before decoding (the markup is ASCII in every encoding the reports use).

/// Bytes looked at for a declaration (browsers look at 1024; saved pages put long `<meta>`
/// lists and comments first).
const PRESCAN: usize = 8192;

/// The declared charset label, lowercase, if any.
pub fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(off) = find(&lower[from..], b"<meta") {
        let start = from + off;
        let end = lower[start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        from = end.max(start + 1);
    }
    None
}

/// `charset=LABEL` inside a meta tag (either the attribute or inside `content`).
fn charset_in(tag: &[u8]) -> Option<String> {
    let at = find(tag, b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        .collect();
    (!label.is_empty()).then(|| String::from_utf8_lossy(&label).into_owned())
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declarations() {
        assert_eq!(
            declared(b"<html><head><meta charset=gbk>").as_deref(),
            Some("gbk")
        );
        assert_eq!(
            declared(b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">")
                .as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            declared(b"<meta name=x content=y><meta charset='UTF-8' />").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared(b"<html><p>charset=gbk</p>"), None);
        assert_eq!(declared(b"<meta charset=>"), None);
    }
}
