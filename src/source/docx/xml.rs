//! Helpers for reading WordprocessingML with quick-xml: names compared by local part (the
//! `w:` prefix varies between producers), attributes by local name, references resolved.

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::Reader;

/// A lenient reader: producers write mismatched end tags now and then; the text still counts.
pub fn reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    c.allow_dangling_amp = true;
    c.trim_text(false);
    r
}

/// The local part of a qualified name.
pub fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&c| c == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The element's local name.
pub fn name<'e>(e: &'e BytesStart<'_>) -> &'e [u8] {
    local(e.name().into_inner())
}

/// An attribute by local name (`w:val` → "val"), unescaped.
pub fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (local(a.key.into_inner()) == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// `w:val` as a number.
pub fn val_num(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, b"val").and_then(|v| v.trim().parse().ok())
}

/// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
pub fn toggle(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The text of a character or entity reference.
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_string()
}
