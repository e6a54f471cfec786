//! Finding SQL Server connection strings in configuration files and source code.
//!
//! [`find_connection_strings`] takes a file's name and text and returns every
//! connection string it holds, with its position and a short context (the
//! configuration key it sits under). The format is chosen from the file name:
//!
//! | file name | read as |
//! |---|---|
//! | `*.json` (`appsettings*.json`, `local.settings.json`, …) | JSON: every string under a `ConnectionStrings` object, and any string value that looks like a SQL Server connection string |
//! | `*.config`, `*.xml` (`web.config`, `app.config`, …) | XML: `<connectionStrings><add connectionString="…"/>`, any attribute or text that looks like one; entities decoded |
//! | `.env`, `*.env`, `.env.*` | `KEY=VALUE` lines, quoted or not |
//! | `*.properties` | Java properties (`key=value`, `key: value`, JDBC URLs) |
//! | `*.yml`, `*.yaml` | YAML scalars, with the dotted key path as context |
//! | `*.ini` (`odbc.ini`, `.odbc.ini`) | a DSN section becomes an ODBC connection string located at its header |
//! | `freetds.conf` | each server section becomes FreeTDS settings text located at its header |
//! | anything else | source code string literals (`"…"`, `'…'`, `@"…"`, `"""…"""`, backticks) that look like SQL Server connection strings |
//!
//! Everything here is pure: no I/O, no clock, no panics, linear in the size of
//! the text (up to a constant bounded by [`MAX_STRING_CHARS`]).

mod ini;
mod json;
mod lines;
mod literals;
mod text;
mod xml;
mod yaml;

#[cfg(test)]
mod tests;

/// Longest candidate string considered, in characters. Longer values are not
/// connection strings (and bounding them keeps scanning linear).
pub const MAX_STRING_CHARS: usize = 8192;

/// One connection string found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Line of the first character of the string in the file, 1-based.
    pub line: usize,
    /// Column of the first character, 1-based, counted in Unicode scalar values.
    pub column: usize,
    /// Line of the end of the string, 1-based.
    pub end_line: usize,
    /// Column just past the last character (exclusive, as SARIF's `endColumn`), 1-based.
    pub end_column: usize,
    /// The connection string, unescaped (JSON escapes, XML entities, string
    /// literal escapes decoded). For `odbc.ini` and `freetds.conf` sections, the
    /// string assembled from the section.
    pub text: String,
    /// Where it sits, e.g. `ConnectionStrings:Default`, `spring.datasource.url`,
    /// `[MyDsn]`; empty for a source code literal.
    pub context: String,
}

/// A found string by byte offsets (raw span in the file), before positions are computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offset of the first raw character.
    pub start: usize,
    /// Byte offset just past the last raw character.
    pub end: usize,
    /// Decoded text.
    pub text: String,
    /// Context label.
    pub context: String,
}

/// The formats [`find_connection_strings`] can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// JSON configuration (`appsettings*.json`).
    Json,
    /// XML configuration (`web.config`, `app.config`).
    XmlConfig,
    /// `.env` files.
    DotEnv,
    /// Java `.properties`.
    Properties,
    /// YAML.
    Yaml,
    /// `odbc.ini` and other `.ini` files.
    Ini,
    /// `freetds.conf`.
    FreetdsConf,
    /// Any other text: string literals in source code.
    Source,
}

/// The format a file is read as, from its name (a path is fine: only the
/// last component counts; case is ignored).
pub fn file_kind(file_name: &str) -> FileKind {
    let base = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .to_ascii_lowercase();
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if base == "freetds.conf" || base.ends_with(".freetds.conf") {
        FileKind::FreetdsConf
    } else if base == ".env" || base.starts_with(".env.") || ext == "env" {
        FileKind::DotEnv
    } else {
        match ext {
            "json" => FileKind::Json,
            "config" | "xml" => FileKind::XmlConfig,
            "properties" => FileKind::Properties,
            "yml" | "yaml" => FileKind::Yaml,
            "ini" => FileKind::Ini,
            _ => FileKind::Source,
        }
    }
}

/// Every SQL Server connection string in `text`, read according to
/// `file_name` (see the module documentation), in file order.
pub fn find_connection_strings(file_name: &str, text: &str) -> Vec<Located> {
    let mut spans = match file_kind(file_name) {
        FileKind::Json => json::find(text),
        FileKind::XmlConfig => xml::find(text),
        FileKind::DotEnv => lines::find_env(text),
        FileKind::Properties => lines::find_properties(text),
        FileKind::Yaml => yaml::find(text),
        FileKind::Ini => ini::find_odbc(text),
        FileKind::FreetdsConf => ini::find_freetds(text),
        FileKind::Source => literals::find(text),
    };
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    let mut cursor = text::Cursor::new(text);
    spans
        .into_iter()
        .map(|s| {
            let (line, column) = cursor.position(s.start);
            let (end_line, end_column) = cursor.position(s.end);
            Located {
                line,
                column,
                end_line,
                end_column,
                text: s.text,
                context: s.context,
            }
        })
        .collect()
}

/// Does `s` look like a SQL Server connection string? True for
/// `jdbc:sqlserver://…` and `sqlserver://…` URLs, `Driver={…SQL Server…}`
/// strings, and `key=value;` strings that start with a keyword and name a
/// server (`Server=`, `Data Source=`, `Address=`, `Addr=`, `Network Address=`)
/// and contain a `;`. Prose such as "set Server= to your host" is not.
pub fn looks_like_connection_string(s: &str) -> bool {
    let t = s.trim();
    if t.len() < 8 || t.chars().count() > MAX_STRING_CHARS {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    for scheme in ["jdbc:sqlserver://", "sqlserver://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            return rest.len() > 1 && !rest.contains(char::is_whitespace);
        }
    }
    // A keyword=value string starts with a keyword.
    let Some(first_eq) = lower.find('=') else {
        return false;
    };
    let head = lower[..first_eq].trim();
    if head.is_empty()
        || !head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_' || c == '\t')
    {
        return false;
    }
    if !crate::connstr::keywords::looks_like_keyword(head) {
        return false;
    }
    if has_sql_server_driver(&lower) {
        return true;
    }
    if !lower.contains(';') {
        return false;
    }
    SERVER_KEYS.iter().any(|k| has_key(&lower, k))
}

/// Keywords that name the server in keyword=value dialects (lower case).
const SERVER_KEYS: &[&str] = &[
    "server",
    "data source",
    "address",
    "addr",
    "network address",
];

/// `key` (lower case) appears as a keyword: at the start or after `;`/space, then `=`.
fn has_key(lower: &str, key: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower
        .get(from..)
        .and_then(|r| r.find(key))
        .map(|i| i + from)
    {
        from = i + key.len();
        let before_ok =
            i == 0 || matches!(bytes.get(i - 1), Some(b';' | b' ' | b'\t' | b'"' | b'\''));
        if !before_ok {
            continue;
        }
        let mut j = from;
        while matches!(bytes.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') && bytes.get(j + 1) != Some(&b'=') {
            return true;
        }
    }
    false
}

/// `driver={…sql server…}` or `driver={…msodbcsql…}` (lower-cased input).
fn has_sql_server_driver(lower: &str) -> bool {
    let mut from = 0;
    while let Some(i) = lower
        .get(from..)
        .and_then(|r| r.find("driver"))
        .map(|i| i + from)
    {
        from = i + "driver".len();
        let rest = lower.get(from..).unwrap_or("").trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(inner) = rest.strip_prefix('{') else {
            continue;
        };
        let inner = inner.split('}').next().unwrap_or("");
        if inner.contains("sql server") || inner.contains("msodbcsql") {
            return true;
        }
    }
    false
}

/// A value found under a configuration key: is it worth analysing? Anything
/// that looks like a SQL Server connection string; under a `ConnectionStrings`
/// section, any `key=value` or URL string.
pub(crate) fn is_candidate(value: &str, under_connection_strings: bool) -> bool {
    if looks_like_connection_string(value) {
        return true;
    }
    let t = value.trim();
    under_connection_strings
        && t.chars().count() <= MAX_STRING_CHARS
        && !t.is_empty()
        && (t.contains('=') || t.contains("://"))
}

/// Entity Framework (classic) strings wrap the real one:
/// `metadata=…;provider=System.Data.SqlClient;provider connection string="…"`.
/// Returns the inner string when `s` is such a wrapper.
pub(crate) fn unwrap_entity_framework(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    if !lower.trim_start().starts_with("metadata=") {
        return None;
    }
    let key = "provider connection string";
    let i = lower.find(key)? + key.len();
    let rest = s.get(i..)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let inner = &rest[1..];
        let end = inner.find(quote).unwrap_or(inner.len());
        Some(inner[..end].to_string())
    } else {
        Some(rest.to_string())
    }
}

/// The string to analyse for a found value: unwrapped when it is an Entity
/// Framework wrapper.
pub(crate) fn effective(value: String) -> String {
    unwrap_entity_framework(&value).unwrap_or(value)
}
