//! JSON configuration (`appsettings*.json`): a tolerant tokenizer that keeps
//! the key path, accepts `//` and `/* */` comments and trailing commas (as
//! .NET configuration does), and never fails.

use super::text::unescape_json;
use super::{effective, is_candidate, Span};

struct Frame {
    object: bool,
    key: Option<String>,
    expect_key: bool,
    index: usize,
}

impl Frame {
    fn segment(&self) -> Option<String> {
        if self.object {
            self.key.clone()
        } else {
            Some(self.index.to_string())
        }
    }
}

/// String values of a JSON document that are connection strings.
pub(crate) fn find(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => {
                stack.push(Frame {
                    object: b[i] == b'{',
                    key: None,
                    expect_key: b[i] == b'{',
                    index: 0,
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    if top.object {
                        top.expect_key = true;
                        top.key = None;
                    } else {
                        top.index += 1;
                    }
                }
                i += 1;
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.expect_key = false;
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(b.len());
                let terminated = b.get(end) == Some(&b'"');
                let raw = text.get(start..end).unwrap_or("");
                let decoded = unescape_json(raw);
                match stack.last_mut() {
                    Some(top) if top.object && top.expect_key => {
                        top.key = Some(decoded);
                        top.expect_key = false;
                    }
                    _ if terminated => {
                        let under = stack.iter().any(|f| {
                            f.key
                                .as_deref()
                                .is_some_and(|k| k.eq_ignore_ascii_case("ConnectionStrings"))
                        });
                        if is_candidate(&decoded, under) {
                            let context = stack
                                .iter()
                                .filter_map(Frame::segment)
                                .collect::<Vec<_>>()
                                .join(":");
                            out.push(Span {
                                start,
                                end,
                                text: effective(decoded),
                                context,
                            });
                        }
                    }
                    _ => {}
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}
