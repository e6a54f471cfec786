//! Positions and unescaping shared by the format readers.

/// Turns byte offsets into 1-based (line, column in chars). Offsets asked in
/// increasing order cost linear time overall; an earlier offset restarts from
/// the beginning of the text.
pub(crate) struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            text,
            byte: 0,
            line: 1,
            column: 1,
        }
    }

    /// Line and column of byte offset `offset` (clamped to the text, moved
    /// back to a character boundary).
    pub(crate) fn position(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.byte {
            self.byte = 0;
            self.line = 1;
            self.column = 1;
        }
        for c in self.text.get(self.byte..offset).unwrap_or("").chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.byte = offset;
        (self.line, self.column)
    }
}

fn hex_value(s: &str) -> Option<char> {
    u32::from_str_radix(s, 16).ok().and_then(char::from_u32)
}

/// Decode JSON string escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
/// `\uXXXX` with surrogate pairs). Invalid escapes are kept as written.
pub(crate) fn unescape_json(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, '/')) => out.push('/'),
            Some((_, 'b')) => out.push('\u{8}'),
            Some((_, 'f')) => out.push('\u{c}'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 'r')) => out.push('\r'),
            Some((_, 't')) => out.push('\t'),
            Some((_, 'u')) => {
                let hi = raw
                    .get(i + 2..i + 6)
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                match hi {
                    Some(hi) => {
                        for _ in 0..4 {
                            chars.next();
                        }
                        if (0xD800..0xDC00).contains(&hi) {
                            let lo = raw
                                .get(i + 6..i + 8)
                                .filter(|p| *p == "\\u")
                                .and_then(|_| raw.get(i + 8..i + 12))
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .filter(|lo| (0xDC00..0xE000).contains(lo));
                            if let Some(lo) = lo {
                                for _ in 0..6 {
                                    chars.next();
                                }
                                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            } else {
                                out.push('\u{FFFD}');
                            }
                        } else {
                            out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                        }
                    }
                    None => out.push_str("\\u"),
                }
            }
            Some((_, other)) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Decode XML entities: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`,
/// `&#xHH;`. Anything else is kept as written.
pub(crate) fn unescape_xml(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.get(1..).and_then(|r| r.find(';')).filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..=e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(h) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        hex_value(h)
                    } else {
                        name.strip_prefix('#')
                            .and_then(|d| d.parse::<u32>().ok())
                            .and_then(char::from_u32)
                    }
                }
            };
            c.map(|c| (c, e + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decode C-family string literal escapes (`\\`, `\"`, `\'`, `\n`, `\r`, `\t`,
/// `\0`, `\xHH`, `\uXXXX`, `\u{…}`, `\UXXXXXXXX`). An unknown escape such as
/// `\S` in `.\SQLEXPRESS` keeps its backslash, as Python does.
pub(crate) fn unescape_c(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\\' | '"' | '\'' | '`' | '$' => out.push(e),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'x' | 'u' | 'U' => {
                let mut digits = String::new();
                let braced = e == 'u' && chars.peek() == Some(&'{');
                if braced {
                    chars.next();
                    while let Some(&d) = chars.peek() {
                        chars.next();
                        if d == '}' {
                            break;
                        }
                        digits.push(d);
                        if digits.len() > 8 {
                            break;
                        }
                    }
                } else {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    while digits.len() < n {
                        match chars.peek() {
                            Some(d) if d.is_ascii_hexdigit() => {
                                digits.push(*d);
                                chars.next();
                            }
                            _ => break,
                        }
                    }
                }
                match hex_value(&digits).filter(|_| !digits.is_empty()) {
                    Some(c) => out.push(c),
                    None => {
                        out.push('\\');
                        out.push(e);
                        out.push_str(&digits);
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// Decode Java `.properties` escapes: `\t`, `\n`, `\r`, `\f`, `\uXXXX`; any
/// other escaped character stands for itself (`\:` is `:`, `\\` is `\`).
pub(crate) fn unescape_properties(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let digits: String = chars.clone().take(4).collect();
                match hex_value(&digits).filter(|_| digits.len() == 4) {
                    Some(c) => {
                        out.push(c);
                        for _ in 0..4 {
                            chars.next();
                        }
                    }
                    None => out.push('u'),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
