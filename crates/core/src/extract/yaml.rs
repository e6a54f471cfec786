//! YAML (`application.yml`, `docker-compose.yml`, Kubernetes manifests): a
//! line reader that keeps the key path by indentation (`spring.datasource.url`)
//! and reads plain, single- and double-quoted scalars, `|`/`>` block scalars,
//! and `- NAME=value` environment list items.

use super::lines::is_connection_strings_key;
use super::text::unescape_c;
use super::{effective, is_candidate, Span};

struct Block {
    /// Indentation of the key that opened it.
    indent: usize,
    folded: bool,
    context: String,
    under: bool,
    start: Option<usize>,
    end: usize,
    value: String,
}

/// Connection strings in a YAML document.
pub(crate) fn find(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut block: Option<Block> = None;
    let mut offset = 0;
    for raw_line in text.split('\n') {
        let start = offset;
        offset += raw_line.len() + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(b) = block.as_mut() {
            if trimmed.trim().is_empty() || indent > b.indent {
                if !trimmed.trim().is_empty() {
                    if b.start.is_none() {
                        b.start = Some(start + indent);
                    } else {
                        b.value.push(if b.folded { ' ' } else { '\n' });
                    }
                    if b.value.len() <= super::MAX_STRING_CHARS * 4 {
                        b.value.push_str(trimmed.trim_end());
                    }
                    b.end = start + line.trim_end().len();
                }
                continue;
            }
            if let Some(b) = block.take() {
                finish_block(b, &mut out);
            }
        }
        let content = trimmed.trim_end();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if content == "---" || content == "..." {
            stack.clear();
            continue;
        }
        // List item markers.
        let mut col = indent;
        let mut body = content;
        while let Some(rest) = body
            .strip_prefix("- ")
            .or_else(|| (body == "-").then_some(""))
        {
            let skipped = body.len() - rest.trim_start_matches(' ').len();
            col += skipped;
            body = &body[skipped..];
        }
        let (key, value_col) = match split_key(body) {
            Some((key, value_at)) => (Some(key), col + value_at),
            None => (None, col),
        };
        if let Some(k) = &key {
            while stack.last().is_some_and(|(i, _)| *i >= col) {
                stack.pop();
            }
            stack.push((col, k.clone()));
        } else {
            while stack.last().is_some_and(|(i, _)| *i > indent) {
                stack.pop();
            }
        }
        let value_text = &line[value_col.min(line.len())..];
        let context = stack
            .iter()
            .map(|(_, k)| k.as_str())
            .collect::<Vec<_>>()
            .join(".");
        let under = stack.iter().any(|(_, k)| {
            k.eq_ignore_ascii_case("ConnectionStrings") || is_connection_strings_key(k)
        });
        let v = value_text.trim_end();
        if v.starts_with('|') || v.starts_with('>') {
            block = Some(Block {
                indent: if key.is_some() { col } else { indent },
                folded: v.starts_with('>'),
                context,
                under,
                start: None,
                end: 0,
                value: String::new(),
            });
            continue;
        }
        let abs = start + value_col;
        if let Some((s, e, value)) = scalar(v) {
            push(abs + s, abs + e, value, context, under, &mut out);
        }
    }
    if let Some(b) = block.take() {
        finish_block(b, &mut out);
    }
    out
}

fn finish_block(b: Block, out: &mut Vec<Span>) {
    if let Some(start) = b.start {
        push(start, b.end, b.value, b.context, b.under, out);
    }
}

fn push(
    start: usize,
    end: usize,
    value: String,
    context: String,
    under: bool,
    out: &mut Vec<Span>,
) {
    if is_candidate(&value, under) {
        out.push(Span {
            start,
            end,
            text: effective(value),
            context,
        });
        return;
    }
    // `NAME=value` (docker-compose `environment:` lists).
    if let Some(eq) = value.find('=') {
        let name = &value[..eq];
        let ok_name = name.contains('_')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'));
        let rest = &value[eq + 1..];
        if ok_name && is_candidate(rest, is_connection_strings_key(name)) {
            out.push(Span {
                start: start + eq + 1,
                end,
                text: effective(rest.to_string()),
                context: name.to_string(),
            });
        }
    }
}

/// `key: rest` → (key, byte offset of rest after spaces). Quoted keys too.
fn split_key(body: &str) -> Option<(String, usize)> {
    let b = body.as_bytes();
    let (key, after) = match b.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = body[1..].find(q as char)? + 1;
            (body[1..end].to_string(), end + 1)
        }
        Some(b'{' | b'[') => return None,
        _ => {
            let mut i = 0;
            loop {
                let c = *b.get(i)?;
                if c == b':' && matches!(b.get(i + 1), None | Some(b' ' | b'\t')) {
                    break;
                }
                if c == b'#' && i > 0 && b[i - 1] == b' ' {
                    return None;
                }
                i += 1;
            }
            let key = body[..i].trim_end();
            if key.contains(['=', ';']) || key.contains("://") {
                return None;
            }
            (key.to_string(), i)
        }
    };
    if b.get(after) != Some(&b':') {
        return None;
    }
    let mut v = after + 1;
    while matches!(b.get(v), Some(b' ' | b'\t')) {
        v += 1;
    }
    Some((key, v))
}

/// A scalar value at the start of `v`: (start, end) raw offsets within `v` and its value.
fn scalar(v: &str) -> Option<(usize, usize, String)> {
    let b = v.as_bytes();
    match b.first()? {
        b'"' => {
            let mut e = 1;
            while e < b.len() && b[e] != b'"' {
                e += if b[e] == b'\\' { 2 } else { 1 };
            }
            let e = e.min(b.len());
            Some((1, e, unescape_c(v.get(1..e)?)))
        }
        b'\'' => {
            let mut e = 1;
            while e < b.len() {
                if b[e] == b'\'' {
                    if b.get(e + 1) == Some(&b'\'') {
                        e += 2;
                        continue;
                    }
                    break;
                }
                e += 1;
            }
            Some((1, e, v.get(1..e)?.replace("''", "'")))
        }
        b'{' | b'[' | b'&' | b'*' | b'!' => None,
        _ => {
            let cut = v.find(" #").unwrap_or(v.len());
            let plain = v[..cut].trim_end();
            Some((0, plain.len(), plain.to_string()))
        }
    }
}
