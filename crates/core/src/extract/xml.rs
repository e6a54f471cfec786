//! XML configuration (`web.config`, `app.config`): `<connectionStrings><add
//! name="…" connectionString="…"/>`, `<appSettings><add key="…" value="…"/>`,
//! and any other attribute or element text that looks like a connection
//! string. Comments are skipped (they are not in effect); entities decoded.

use super::text::unescape_xml;
use super::{effective, is_candidate, Span};

fn find_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if pat.is_empty() {
        return Some(from);
    }
    let first = pat[0];
    let mut i = from;
    while i + pat.len() <= b.len() {
        if b[i] == first && &b[i..i + pat.len()] == pat {
            return Some(i);
        }
        i += 1;
    }
    None
}

struct Attr {
    name: String,
    start: usize,
    end: usize,
    value: String,
}

fn is_name_byte(c: u8) -> bool {
    !matches!(
        c,
        b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'>' | b'/' | b'<' | b'"' | b'\''
    )
}

/// Connection strings in an XML configuration file.
pub(crate) fn find(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        push_text(text, text_start, i, stack.last(), &mut out);
        if b[i..].starts_with(b"<!--") {
            i = find_from(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
        } else if b[i..].starts_with(b"<![CDATA[") {
            let start = i + 9;
            let end = find_from(b, start, b"]]>").unwrap_or(b.len());
            let raw = text.get(start..end).unwrap_or("");
            let lead = raw.len() - raw.trim_start().len();
            push_value(raw.trim(), start + lead, stack.last(), &mut out);
            i = (end + 3).min(b.len());
        } else if b[i..].starts_with(b"<?") {
            i = find_from(b, i + 2, b"?>").map_or(b.len(), |e| e + 2);
        } else if b[i..].starts_with(b"<!") {
            i = find_from(b, i + 2, b">").map_or(b.len(), |e| e + 1);
        } else if b.get(i + 1) == Some(&b'/') {
            let e = find_from(b, i + 2, b">").unwrap_or(b.len());
            let name = text.get(i + 2..e).unwrap_or("").trim();
            if let Some(pos) = stack.iter().rposition(|s| s.eq_ignore_ascii_case(name)) {
                stack.truncate(pos);
            }
            i = (e + 1).min(b.len());
        } else {
            i = start_tag(text, i, &mut stack, &mut out);
        }
        text_start = i;
    }
    push_text(text, text_start, b.len(), stack.last(), &mut out);
    out
}

fn push_value(trimmed: &str, start: usize, parent: Option<&String>, out: &mut Vec<Span>) {
    if looks(trimmed) {
        out.push(Span {
            start,
            end: start + trimmed.len(),
            text: effective(trimmed.to_string()),
            context: parent.cloned().unwrap_or_default(),
        });
    }
}

fn looks(s: &str) -> bool {
    is_candidate(s, false)
}

fn push_text(text: &str, from: usize, to: usize, parent: Option<&String>, out: &mut Vec<Span>) {
    let raw = text.get(from..to).unwrap_or("");
    let trimmed = raw.trim();
    if trimmed.is_empty() || !trimmed.contains('=') && !trimmed.contains("://") {
        return;
    }
    let decoded = unescape_xml(trimmed);
    if looks(&decoded) {
        let start = from + (raw.len() - raw.trim_start().len());
        out.push(Span {
            start,
            end: start + trimmed.len(),
            text: effective(decoded),
            context: parent.cloned().unwrap_or_default(),
        });
    }
}

/// Parse the start tag at `i` (`<name attr="v" …>` or `/>`); returns the offset after it.
fn start_tag(text: &str, i: usize, stack: &mut Vec<String>, out: &mut Vec<Span>) -> usize {
    let b = text.as_bytes();
    let mut j = i + 1;
    while j < b.len() && is_name_byte(b[j]) {
        j += 1;
    }
    let name = text.get(i + 1..j).unwrap_or("").to_string();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        match b.get(j) {
            None => break,
            Some(b'>') => {
                j += 1;
                break;
            }
            Some(b'/') => {
                self_closing = true;
                j += 1;
                continue;
            }
            Some(b'<') => break,
            _ => {}
        }
        let name_start = j;
        while j < b.len() && is_name_byte(b[j]) {
            j += 1;
        }
        let attr_name = text.get(name_start..j).unwrap_or("").to_string();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            if j == name_start {
                j += 1;
            }
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        match b.get(j) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let start = j + 1;
                let mut e = start;
                while e < b.len() && b[e] != q && b[e] != b'<' {
                    e += 1;
                }
                let raw = text.get(start..e).unwrap_or("");
                attrs.push(Attr {
                    name: attr_name,
                    start,
                    end: e,
                    value: unescape_xml(raw),
                });
                j = if b.get(e) == Some(&q) { e + 1 } else { e };
            }
            _ => {}
        }
    }
    report_attrs(&name, stack.last().map(String::as_str), &attrs, out);
    if !self_closing && !name.is_empty() {
        stack.push(name);
    }
    j
}

fn report_attrs(tag: &str, parent: Option<&str>, attrs: &[Attr], out: &mut Vec<Span>) {
    let get = |n: &str| {
        attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(n))
            .map(|a| a.value.as_str())
    };
    let parent = parent.unwrap_or("");
    let is_add = tag.eq_ignore_ascii_case("add");
    for a in attrs {
        let (candidate, context) = if is_add
            && parent.eq_ignore_ascii_case("connectionStrings")
            && a.name.eq_ignore_ascii_case("connectionString")
        {
            (
                is_candidate(&a.value, true),
                format!("connectionStrings:{}", get("name").unwrap_or("")),
            )
        } else if is_add
            && parent.eq_ignore_ascii_case("appSettings")
            && a.name.eq_ignore_ascii_case("value")
        {
            (
                looks(&a.value),
                format!("appSettings:{}", get("key").unwrap_or("")),
            )
        } else {
            (looks(&a.value), format!("{tag}@{}", a.name))
        };
        if candidate {
            out.push(Span {
                start: a.start,
                end: a.end,
                text: effective(a.value.clone()),
                context,
            });
        }
    }
}
