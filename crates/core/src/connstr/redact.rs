//! Secret removal that keeps the string's dialect and layout.

use super::keywords::{is_secret_keyword, looks_like_keyword};
use super::lexer::{self, Lexed};
use super::Dialect;

/// What replaces a secret value.
pub const REDACTED: &str = "<redacted>";

/// `text` with every password, token and other secret value replaced by
/// `<redacted>` (inside quotes and braces too, and in URL userinfo). The
/// dialect is detected from the text.
pub fn redact(text: &str) -> String {
    redact_as(text, lexer::detect(text))
}

/// [`redact`] with a known dialect.
pub(crate) fn redact_as(text: &str, dialect: Dialect) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lexed = lexer::lex(&chars, dialect);
    let spans = secret_spans(&chars, &lexed);
    rebuild(&chars, spans)
}

fn secret_spans(chars: &[char], lexed: &Lexed) -> Vec<(usize, usize)> {
    let n = chars.len();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut after_secret = false;
    for p in &lexed.pairs {
        if is_secret_keyword(&p.key) {
            if p.value_span.1 > p.value_span.0 {
                spans.push(p.value_span);
            }
            after_secret = true;
        } else if after_secret && !looks_like_keyword(&p.key) {
            // Probably the rest of an unquoted secret that contained ';':
            // hide the whole "pair".
            spans.push((p.key_pos, p.value_span.1.max(p.key_pos)));
        } else {
            after_secret = false;
        }
    }
    if let Some((a, b)) = lexed.url.as_ref().and_then(|u| u.password_span) {
        if b > a {
            spans.push((a, b));
        }
    }
    let text_of = |a: usize, b: usize| -> String {
        chars
            .get(a.min(n)..b.min(n))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    };
    for e in &lexed.errors {
        if let Some((a, b)) = e.orphan {
            // Pairs are in text order: the last one starting before `a`.
            let before = lexed.pairs.partition_point(|p| p.key_pos < a);
            let after_secret = before
                .checked_sub(1)
                .and_then(|k| lexed.pairs.get(k))
                .is_some_and(|p| is_secret_keyword(&p.key));
            let t = text_of(a, b);
            if after_secret || is_secret_keyword(&t) {
                spans.push((a, b));
            }
        }
        if let Some(t) = e.tail_from {
            let tail = text_of(t, n);
            if is_secret_keyword(&tail) || tail.contains('@') {
                spans.push((t, n));
            }
        }
    }
    spans
}

fn rebuild(chars: &[char], mut spans: Vec<(usize, usize)>) -> String {
    spans.sort_unstable();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    for (a, b) in spans {
        let a = a.max(i).min(chars.len());
        let b = b.min(chars.len());
        if b <= a {
            continue;
        }
        out.extend(chars.get(i..a).unwrap_or_default());
        out.push_str(REDACTED);
        i = b;
    }
    out.extend(chars.get(i..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_layout() {
        assert_eq!(
            redact("Server=a;Password='x;''y';Encrypt=true"),
            "Server=a;Password='<redacted>';Encrypt=true"
        );
        assert_eq!(
            redact("Driver={ODBC Driver 18 for SQL Server};Server=a;PWD={p}}w;d}"),
            "Driver={ODBC Driver 18 for SQL Server};Server=a;PWD={<redacted>}"
        );
        assert_eq!(
            redact("sqlserver://sa:p%40ss@h/inst?password=x"),
            "sqlserver://sa:<redacted>@h/inst?password=<redacted>"
        );
        assert_eq!(
            redact("jdbc:sqlserver://h;password={a;b}"),
            "jdbc:sqlserver://h;password={<redacted>}"
        );
        assert_eq!(
            redact("[s]\nhost = h\npassword = pw\n"),
            "[s]\nhost = h\npassword = <redacted>\n"
        );
        assert_eq!(
            redact("Server=a;Password='abc"),
            "Server=a;Password='<redacted>"
        );
        assert_eq!(
            redact("Server=a;Password=abc;def;Encrypt=true"),
            "Server=a;Password=<redacted>;<redacted>;Encrypt=true"
        );
    }
}
