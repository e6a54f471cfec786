//! Line-oriented `KEY=VALUE` formats: `.env` files and Java `.properties`.

use super::text::{unescape_c, unescape_properties};
use super::{effective, is_candidate, Span};

/// Physical lines with their byte offsets (line break excluded, `\r` trimmed).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |l| {
        let start = offset;
        offset += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// Is `key` a .NET configuration key under `ConnectionStrings` (`ConnectionStrings__Default`)?
pub(crate) fn is_connection_strings_key(key: &str) -> bool {
    let k = key.trim().to_ascii_lowercase();
    k.starts_with("connectionstrings__") || k.starts_with("connectionstrings:")
}

/// `.env`: `KEY=VALUE`, `export KEY=VALUE`, values in double quotes (escapes,
/// may span lines), single quotes (raw) or bare (up to ` #`).
pub(crate) fn find_env(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < b.len() {
        let line_end = text[pos..].find('\n').map_or(b.len(), |e| pos + e);
        let line = &text[pos..line_end];
        let indent = line.len() - line.trim_start().len();
        let mut body = line.trim_start();
        let mut body_start = pos + indent;
        if let Some(rest) = body.strip_prefix("export ") {
            let skipped = body.len() - rest.trim_start().len();
            body = &body[skipped..];
            body_start += skipped;
        }
        let next_line = line_end + 1;
        let Some(eq) = body.find('=').filter(|_| !body.starts_with('#')) else {
            pos = next_line;
            continue;
        };
        let key = body[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            pos = next_line;
            continue;
        }
        let after = &body[eq + 1..];
        let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
        let vstart = body_start + eq + 1 + ws;
        let quote = b.get(vstart).copied();
        let (start, end, value, resume) = match quote {
            Some(q @ (b'"' | b'\'')) => {
                let start = vstart + 1;
                let mut e = start;
                while e < b.len() && b[e] != q {
                    e += if q == b'"' && b[e] == b'\\' { 2 } else { 1 };
                }
                let e = e.min(b.len());
                let raw = text.get(start..e).unwrap_or("");
                let value = if q == b'"' {
                    unescape_c(raw)
                } else {
                    raw.to_string()
                };
                let resume = text
                    .get(e..)
                    .and_then(|r| r.find('\n'))
                    .map_or(b.len(), |n| e + n + 1);
                (start, e, value, resume)
            }
            _ => {
                let raw_line = text.get(vstart.min(line_end)..line_end).unwrap_or("");
                let cut = raw_line.find(" #").unwrap_or(raw_line.len());
                let raw = raw_line[..cut].trim_end();
                (vstart, vstart + raw.len(), raw.to_string(), next_line)
            }
        };
        if is_candidate(&value, is_connection_strings_key(key)) {
            out.push(Span {
                start,
                end,
                text: effective(value),
                context: key.to_string(),
            });
        }
        pos = resume.max(pos + 1);
    }
    out
}

/// Java `.properties`: `key=value`, `key: value`, `key value`, `#`/`!`
/// comments, `\` line continuations, `\uXXXX` escapes.
pub(crate) fn find_properties(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut iter = lines(text).peekable();
    while let Some((start, line)) = iter.next() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('!') {
            continue;
        }
        let first = start + (line.len() - trimmed.len());
        // Key: up to an unescaped '=', ':' or whitespace.
        let tb = trimmed.as_bytes();
        let mut k = 0;
        while k < tb.len() && !matches!(tb[k], b'=' | b':' | b' ' | b'\t') {
            k += if tb[k] == b'\\' { 2 } else { 1 };
        }
        let k = k.min(tb.len());
        let key = unescape_properties(&trimmed[..k]);
        let mut v = k;
        while v < tb.len() && matches!(tb[v], b' ' | b'\t') {
            v += 1;
        }
        if v < tb.len() && matches!(tb[v], b'=' | b':') {
            v += 1;
            while v < tb.len() && matches!(tb[v], b' ' | b'\t') {
                v += 1;
            }
        }
        let value_start = first + v;
        let mut raw = String::new();
        let mut segment = &trimmed[v..];
        let mut end = first + trimmed.len();
        let mut chars_total = 0;
        loop {
            let continues = segment.bytes().rev().take_while(|&c| c == b'\\').count() % 2 == 1;
            let piece = if continues {
                &segment[..segment.len() - 1]
            } else {
                segment
            };
            chars_total += piece.len();
            if chars_total <= super::MAX_STRING_CHARS * 4 {
                raw.push_str(piece);
            }
            if !continues {
                break;
            }
            match iter.next() {
                Some((s, next)) => {
                    let t = next.trim_start();
                    segment = t;
                    end = s + next.len();
                }
                None => break,
            }
        }
        let value = unescape_properties(&raw);
        if is_candidate(&value, is_connection_strings_key(&key)) {
            out.push(Span {
                start: value_start,
                end,
                text: effective(value),
                context: key,
            });
        }
    }
    out
}
