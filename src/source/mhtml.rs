//! Web pages saved as one file (.mht/.mhtml: Chromium's "网页，单个文件", Word's "单个文件网页",
//! often published with a .doc name): a MIME message whose first text/html part is the page.
//! That part is undone (quoted-printable or base64), decoded by its charset, and read as HTML.

use super::{decode, html, Document, ReadError};

/// A MIME header block near the start that declares a multipart message or an HTML body.
pub fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let Some(end) = header_end(head) else {
        return false;
    };
    let headers = parse_headers(&head[..end]);
    let first_is_header = head
        .split(|&b| b == b'\n')
        .next()
        .is_some_and(|l| l.contains(&b':') && !l.starts_with(b"<"));
    first_is_header
        && headers.iter().any(|(k, _)| k == "mime-version")
        && headers.iter().any(|(k, v)| {
            k == "content-type"
                && (v.starts_with("multipart/related") || v.starts_with("text/html"))
        })
}

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let end = header_end(bytes).ok_or_else(|| unreadable("没有邮件头"))?;
    let headers = parse_headers(&bytes[..end]);
    let body = &bytes[end..];
    let content_type = header(&headers, "content-type").unwrap_or_default();
    let (part_headers, content) = if content_type.starts_with("multipart/") {
        let boundary = param(&content_type, "boundary").ok_or_else(|| unreadable("没有分隔符"))?;
        html_part(body, boundary.as_bytes()).ok_or_else(|| unreadable("其中没有网页部分"))?
    } else {
        (headers, body)
    };
    let raw = match header(&part_headers, "content-transfer-encoding")
        .unwrap_or_default()
        .as_str()
    {
        "quoted-printable" => quoted_printable(content),
        "base64" => crate::base64::decode(&String::from_utf8_lossy(content))
            .ok_or_else(|| unreadable("网页部分的 base64 编码已损坏"))?,
        _ => content.to_vec(),
    };
    let declared = header(&part_headers, "content-type")
        .and_then(|t| param(&t, "charset"))
        .or_else(|| html::charset::declared(&raw));
    let mut notes = Vec::new();
    let text = match declared.and_then(|label| decode::decode_declared(&raw, &label)) {
        Some(t) => t.into_owned(),
        None => decode::decode_noting(&raw, &mut notes)?,
    };
    let mut doc = html::read(&text);
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    doc.notes.append(&mut notes);
    Ok(doc)
}

fn unreadable(why: &str) -> ReadError {
    ReadError::Unsupported(format!("这是单个文件网页（.mht），但{why}"))
}

/// The offset just past the blank line that ends a header block (LF or CRLF).
fn header_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        at += line.len();
        if line.iter().all(|b| b.is_ascii_whitespace()) && line.ends_with(b"\n") {
            return Some(at);
        }
    }
    None
}

/// Header names in lower case with their values.
type Headers = Vec<(String, String)>;

/// A header block's fields, continuation lines joined.
fn parse_headers(block: &[u8]) -> Headers {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in String::from_utf8_lossy(block).lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    out
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.to_ascii_lowercase())
}

/// A parameter of a header value: `boundary="----=_NextPart_01"` → `----=_NextPart_01`. The value
/// is lower-cased by `header`, so boundaries are compared without case as well.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == name).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The headers and content of the first text/html part between `--boundary` lines.
fn html_part<'a>(body: &'a [u8], boundary: &[u8]) -> Option<(Headers, &'a [u8])> {
    // Delimiters start a line: `--` and the boundary (compared without case, like `param`).
    let is_delimiter = |line: &[u8]| {
        line.strip_prefix(b"--")
            .and_then(|l| l.get(..boundary.len()))
            .is_some_and(|b| b.eq_ignore_ascii_case(boundary))
    };
    let mut starts = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        if is_delimiter(line) {
            starts.push(at);
        }
        at += line.len();
    }
    for (k, &s) in starts.iter().enumerate() {
        let from = s + 2 + boundary.len();
        let part = &body[from..starts.get(k + 1).copied().unwrap_or(body.len())];
        if part.starts_with(b"--") {
            break;
        }
        // The rest of the delimiter line (transport padding, the line break).
        let part = match memchr::memchr(b'\n', part) {
            Some(nl) => &part[nl + 1..],
            None => continue,
        };
        let Some(end) = header_end(part) else {
            continue;
        };
        let headers = parse_headers(&part[..end]);
        if header(&headers, "content-type").is_some_and(|t| t.starts_with("text/html")) {
            let content = &part[end..];
            // The line break before the next delimiter belongs to the delimiter.
            let content = content.strip_suffix(b"\n").unwrap_or(content);
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            return Some((headers, content));
        }
    }
    None
}

/// Quoted-printable (RFC 2045): `=XX` is a byte, `=` at a line's end joins it to the next.
fn quoted_printable(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let hex = |c: u8| (c as char).to_digit(16);
        match (src.get(i + 1), src.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_bytes_and_soft_breaks() {
        assert_eq!(
            quoted_printable(b"a=3Db=\r\nc=E8=A7=84=\nd"),
            "a=bc规d".as_bytes()
        );
        assert_eq!(quoted_printable(b"=ZZ="), b"=ZZ=");
    }

    #[test]
    fn a_plain_text_report_is_not_mhtml() {
        assert!(!looks_like_mhtml(
            "一、总体情况\n说明：本年度…\n\n正文".as_bytes()
        ));
        assert!(!looks_like_mhtml(
            b"<html><head><meta content=\"text/html\"></head></html>\n\n"
        ));
        assert!(looks_like_mhtml(
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--\"\r\n\r\n"
        ));
    }
}
