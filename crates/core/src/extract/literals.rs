//! String literals in source code of any language: `"…"` and `'…'` (one line,
//! backslash escapes), C# verbatim `@"…"` (`""` escape, may span lines),
//! triple quotes `"""…"""`/`'''…'''`, raw `r"…"` and backticks (may span
//! lines). Only literals that look like SQL Server connection strings are kept.

use super::text::unescape_c;
use super::{effective, looks_like_connection_string, Span, MAX_STRING_CHARS};

/// How far a `'…'` literal that turned out not to be a string (an apostrophe,
/// a Rust lifetime) is re-scanned from inside; bounds the work per quote.
const RESCAN_LIMIT: usize = 512;

fn ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Connection-string literals in source text.
pub(crate) fn find(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let q = b[i];
        if !matches!(q, b'"' | b'\'' | b'`') {
            i += 1;
            continue;
        }
        // Prefixes: @"…" / $@"…" / @$"…" verbatim; r"…" / R"…" / rb"…" raw.
        let mut verbatim = false;
        let mut raw = false;
        let mut p = i;
        while p > 0
            && matches!(
                b[p - 1],
                b'@' | b'$' | b'r' | b'R' | b'b' | b'B' | b'f' | b'F' | b'u' | b'U'
            )
        {
            p -= 1;
        }
        let prefix = &b[p..i];
        let standalone = p == 0 || !ident_byte(b[p - 1]);
        if standalone && prefix.len() <= 3 {
            verbatim = prefix.contains(&b'@');
            raw = prefix.iter().any(|c| matches!(c, b'r' | b'R'));
        }
        if q == b'`' {
            let (end, next) = scan_until(b, i + 1, b'`', true, false);
            if let Some(end) = end {
                consider(text, i + 1, end, false, &mut out);
            }
            i = next;
            continue;
        }
        if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
            // Triple quotes.
            let start = i + 3;
            let mut e = start;
            let mut found = None;
            while e < b.len() {
                if b[e] == b'\\' && !raw {
                    e += 2;
                    continue;
                }
                if b[e] == q && b.get(e + 1) == Some(&q) && b.get(e + 2) == Some(&q) {
                    found = Some(e);
                    break;
                }
                e += 1;
            }
            match found {
                Some(e) => {
                    consider(text, start, e, !raw, &mut out);
                    i = e + 3;
                }
                None => i += 3,
            }
            continue;
        }
        if verbatim && q == b'"' {
            // "" is an escaped quote; may span lines.
            let start = i + 1;
            let mut e = start;
            let mut found = None;
            while e < b.len() {
                if b[e] == b'"' {
                    if b.get(e + 1) == Some(&b'"') {
                        e += 2;
                        continue;
                    }
                    found = Some(e);
                    break;
                }
                e += 1;
            }
            match found {
                Some(e) => {
                    if let Some(raw_text) = text.get(start..e) {
                        let value = raw_text.replace("\"\"", "\"");
                        push_if(start, e, value, &mut out);
                    }
                    i = e + 1;
                }
                None => i += 1,
            }
            continue;
        }
        let (end, next) = scan_until(b, i + 1, q, false, !raw);
        match end {
            Some(end) => {
                let kept = consider(text, i + 1, end, !raw, &mut out);
                let rescan = q == b'\''
                    && !kept
                    && end - i <= RESCAN_LIMIT
                    && end - i > 3
                    && b[i + 1..end].contains(&b'"');
                i = if rescan { i + 1 } else { next };
            }
            None => i += 1,
        }
    }
    out
}

/// Find the closing `q` from `from`. Single-line literals stop at a line
/// break (unterminated: `None`). Returns (closing offset, offset after it).
fn scan_until(
    b: &[u8],
    from: usize,
    q: u8,
    multiline: bool,
    escapes: bool,
) -> (Option<usize>, usize) {
    let mut e = from;
    while e < b.len() {
        let c = b[e];
        if c == q {
            return (Some(e), e + 1);
        }
        if c == b'\n' && !multiline {
            return (None, from);
        }
        if c == b'\\' && escapes {
            if b.get(e + 1) == Some(&b'\n') && !multiline {
                return (None, from);
            }
            e += 2;
            continue;
        }
        e += 1;
    }
    (None, from)
}

/// Decode the literal between `start` and `end` and keep it when it looks like
/// a connection string. Returns whether it was kept.
fn consider(text: &str, start: usize, end: usize, escapes: bool, out: &mut Vec<Span>) -> bool {
    let Some(raw) = text.get(start..end) else {
        return false;
    };
    if raw.len() > MAX_STRING_CHARS * 4 {
        return false;
    }
    let value = if escapes {
        unescape_c(raw)
    } else {
        raw.to_string()
    };
    push_if(start, end, value, out)
}

fn push_if(start: usize, end: usize, value: String, out: &mut Vec<Span>) -> bool {
    if !looks_like_connection_string(&value) {
        return false;
    }
    out.push(Span {
        start,
        end,
        text: effective(value),
        context: String::new(),
    });
    true
}
