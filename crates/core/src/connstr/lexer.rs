//! The grammars: one linear scanner per dialect, over characters so positions
//! are 1-based character positions. No regular expressions, no recursion, no
//! backtracking: every loop advances.

use super::Dialect;

/// One `keyword=value` pair as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawPair {
    /// Keyword as written (trimmed; `==` already turned into `=`).
    pub key: String,
    /// 0-based character index of the keyword.
    pub key_pos: usize,
    /// Value after unquoting/unbracing/percent-decoding.
    pub value: String,
    /// Character range (0-based, end exclusive) of the value's content,
    /// inside any quotes or braces.
    pub value_span: (usize, usize),
    /// FreeTDS section name, lower-case.
    pub section: Option<String>,
    /// Character index (0-based) just past the pair as written: after the
    /// closing quote or brace of a quoted value, before the separator.
    pub pair_end: usize,
}

/// A grammar error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError {
    /// 0-based character index.
    pub pos: usize,
    /// What is wrong.
    pub message: String,
    /// From this character on the text cannot be trusted to be split
    /// correctly; redaction hides it when it may hold a secret.
    pub tail_from: Option<usize>,
    /// Text that is not a pair (a keyword without `=`): it may be the rest of
    /// an unquoted secret that contained `;`.
    pub orphan: Option<(usize, usize)>,
}

/// The parts of a URL before its properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UrlParts {
    /// User name (percent-decoded).
    pub user: Option<String>,
    /// Span of the password in the userinfo.
    pub password_span: Option<(usize, usize)>,
    /// Host (brackets removed).
    pub host: Option<String>,
    /// Port text.
    pub port: Option<String>,
    /// Instance (`\inst` in JDBC, the path in go URLs).
    pub instance: Option<String>,
    /// URL scheme, lower-case.
    pub scheme: String,
}

/// Everything a scan produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lexed {
    /// Pairs in order.
    pub pairs: Vec<RawPair>,
    /// Errors in order.
    pub errors: Vec<LexError>,
    /// For JDBC and go URLs.
    pub url: Option<UrlParts>,
    /// The text starts with go-mssqldb's `odbc:` prefix (its ODBC form).
    pub go_odbc: bool,
}

/// go-mssqldb's prefix for connection strings in ODBC syntax
/// (`strings.HasPrefix(dsn, "odbc:")`, case-sensitive: go-mssqldb
/// msdsn/conn_str.go `Parse`; denisenkom/go-mssqldb tds.go@8fccfc8 L921).
pub(crate) const GO_ODBC_PREFIX: &str = "odbc:";

/// Characters to skip before the pairs of a go-mssqldb `odbc:` string (0
/// when the text has no such prefix). Leading blanks are not allowed by
/// go-mssqldb either.
fn go_odbc_prefix_len(chars: &[char]) -> usize {
    let prefix: Vec<char> = GO_ODBC_PREFIX.chars().collect();
    if chars.starts_with(&prefix) {
        prefix.len()
    } else {
        0
    }
}

/// Scan `chars` with the grammar of `dialect`.
pub(crate) fn lex(chars: &[char], dialect: Dialect) -> Lexed {
    match dialect {
        Dialect::AdoNet => pairs(
            chars,
            0,
            Opts {
                quotes: true,
                braces: false,
                double_eq: true,
            },
        ),
        Dialect::OleDb => pairs(
            chars,
            0,
            Opts {
                quotes: true,
                braces: true,
                double_eq: true,
            },
        ),
        Dialect::Odbc => {
            let start = go_odbc_prefix_len(chars);
            let mut lexed = pairs(
                chars,
                start,
                Opts {
                    quotes: false,
                    braces: true,
                    double_eq: false,
                },
            );
            lexed.go_odbc = start > 0;
            lexed
        }
        Dialect::Jdbc => jdbc(chars),
        Dialect::GoUrl => url(chars),
        Dialect::Freetds => freetds(chars),
    }
}

#[derive(Debug, Clone, Copy)]
struct Opts {
    quotes: bool,
    braces: bool,
    double_eq: bool,
}

fn at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

fn collect(chars: &[char], from: usize, to: usize) -> String {
    chars
        .get(from..to.min(chars.len()))
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

/// `key=value;` pairs starting at `start`.
fn pairs(chars: &[char], start: usize, o: Opts) -> Lexed {
    let mut out = Lexed::default();
    let n = chars.len();
    let mut i = start;
    'pairs: while i < n {
        // Skip separators and blanks: empty pairs are ignored.
        while at(chars, i).is_some_and(|c| c == ';' || c.is_whitespace()) {
            i += 1;
        }
        if i >= n {
            break;
        }
        let key_start = i;
        let mut key = String::new();
        loop {
            match at(chars, i) {
                None => {
                    out.errors.push(LexError {
                        pos: key_start,
                        message: "keyword without '=' and value".into(),
                        tail_from: None,
                        orphan: Some((key_start, n)),
                    });
                    break 'pairs;
                }
                Some('=') => {
                    if o.double_eq && at(chars, i + 1) == Some('=') {
                        key.push('=');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                Some(';') => {
                    out.errors.push(LexError {
                        pos: key_start,
                        message: "keyword without '=' and value".into(),
                        tail_from: None,
                        orphan: Some((key_start, i)),
                    });
                    i += 1;
                    continue 'pairs;
                }
                Some(c) => {
                    key.push(c);
                    i += 1;
                }
            }
        }
        let key = key.trim().to_string();
        if key.is_empty() {
            out.errors.push(LexError {
                pos: key_start,
                message: "'=' without a keyword before it".into(),
                tail_from: None,
                orphan: None,
            });
        }
        // Value.
        while at(chars, i).is_some_and(|c| c.is_whitespace() && c != '\n') {
            i += 1;
        }
        let open = at(chars, i);
        let closer = match open {
            Some(q @ ('"' | '\'')) if o.quotes => Some(q),
            Some('{') if o.braces => Some('}'),
            _ => None,
        };
        let (value, span, pair_end) = if let Some(close) = closer {
            let open_pos = i;
            i += 1;
            let inner_start = i;
            let mut value = String::new();
            let inner_end;
            loop {
                match at(chars, i) {
                    None => {
                        let what = if close == '}' { "brace '{'" } else { "quote" };
                        out.errors.push(LexError {
                            pos: open_pos,
                            message: format!(
                                "unterminated {what} in the value of '{}'",
                                short(&key)
                            ),
                            tail_from: Some(inner_start),
                            orphan: None,
                        });
                        out.pairs.push(RawPair {
                            key,
                            key_pos: key_start,
                            value,
                            value_span: (inner_start, n),
                            section: None,
                            pair_end: n,
                        });
                        break 'pairs;
                    }
                    Some(c) if c == close => {
                        if at(chars, i + 1) == Some(close) {
                            value.push(close);
                            i += 2;
                        } else {
                            inner_end = i;
                            i += 1;
                            break;
                        }
                    }
                    Some(c) => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
            let closed_at = i;
            while at(chars, i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            if let Some(c) = at(chars, i) {
                if c != ';' {
                    let junk = i;
                    while at(chars, i).is_some_and(|c| c != ';') {
                        i += 1;
                    }
                    out.errors.push(LexError {
                        pos: junk,
                        message: format!(
                            "unexpected text after the closing {} of the value of '{}' (a {} inside the value must be doubled)",
                            if close == '}' { "brace" } else { "quote" },
                            short(&key),
                            if close == '}' { "'}'" } else { "quote" }
                        ),
                        tail_from: None,
                        orphan: Some((junk, i)),
                    });
                }
            }
            (value, (inner_start, inner_end), closed_at)
        } else {
            let vstart = i;
            while at(chars, i).is_some_and(|c| c != ';') {
                i += 1;
            }
            let mut vend = i;
            while vend > vstart && at(chars, vend - 1).is_some_and(char::is_whitespace) {
                vend -= 1;
            }
            (collect(chars, vstart, vend), (vstart, vend), vend)
        };
        if !key.is_empty() {
            out.pairs.push(RawPair {
                key,
                key_pos: key_start,
                value,
                value_span: span,
                section: None,
                pair_end,
            });
        }
        i += 1; // the ';'
    }
    out
}

fn short(s: &str) -> String {
    super::driver::truncate(s, 40)
}

fn starts_with_ci(chars: &[char], prefix: &str) -> bool {
    let mut k = 0;
    for p in prefix.chars() {
        match at(chars, k) {
            Some(c) if c.eq_ignore_ascii_case(&p) => k += 1,
            _ => return false,
        }
    }
    true
}

fn leading_ws(chars: &[char]) -> usize {
    chars.iter().take_while(|c| c.is_whitespace()).count()
}

/// `jdbc:sqlserver://host[\instance][:port][;prop=value]…`
fn jdbc(chars: &[char]) -> Lexed {
    let lead = leading_ws(chars);
    let rest = chars.get(lead..).unwrap_or_default();
    const PREFIX: &str = "jdbc:sqlserver://";
    if !starts_with_ci(rest, PREFIX) {
        return Lexed {
            errors: vec![LexError {
                pos: lead,
                message: "a JDBC URL for SQL Server starts with 'jdbc:sqlserver://'".into(),
                tail_from: Some(lead),
                orphan: None,
            }],
            ..Lexed::default()
        };
    }
    let start = lead + PREFIX.chars().count();
    let mut parts = UrlParts {
        scheme: "jdbc:sqlserver".into(),
        ..UrlParts::default()
    };
    // JDBC has no userinfo in its grammar, but `user:password@host` is
    // written anyway: read the host after it and keep the password apart.
    let mut host_start = start;
    if let Some(a) = userinfo_end(chars, start, chars.len(), &[';']) {
        set_userinfo(chars, start, a, &mut parts, &mut Vec::new());
        host_start = a + 1;
    }
    let mut i = host_start;
    while at(chars, i).is_some_and(|c| c != ';') {
        i += 1;
    }
    let server_part = collect(chars, host_start, i);
    let sp = server_part.trim();
    if !sp.is_empty() {
        let (hostinst, port) = split_port(sp, ':');
        parts.port = port;
        let (host, inst) = match hostinst.split_once('\\') {
            Some((h, inst)) => (h.to_string(), Some(inst.to_string())),
            None => (hostinst, None),
        };
        parts.host = Some(
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
        )
        .filter(|h| !h.is_empty());
        parts.instance = inst.filter(|s| !s.is_empty());
    }
    let mut lexed = pairs(
        chars,
        i,
        Opts {
            quotes: false,
            braces: true,
            double_eq: false,
        },
    );
    lexed.url = Some(parts);
    lexed
}

/// Split `host:port` (IPv6 in brackets kept apart; a bare IPv6 is not split).
fn split_port(s: &str, sep: char) -> (String, Option<String>) {
    if let Some(rest) = s.strip_prefix('[') {
        if let Some((h, after)) = rest.split_once(']') {
            let port = after
                .strip_prefix(sep)
                .map(str::to_string)
                .filter(|p| !p.is_empty());
            return (h.to_string(), port);
        }
        return (s.to_string(), None);
    }
    if s.matches(sep).count() == 1 {
        if let Some((h, p)) = s.rsplit_once(sep) {
            return (h.to_string(), Some(p.to_string()).filter(|p| !p.is_empty()));
        }
    }
    (s.to_string(), None)
}

/// Record the userinfo `chars[from..at_sign]`: the user before the first
/// `:`, the rest as the password span. Without a `:` the user is kept, except
/// in JDBC (no userinfo in its grammar) where the whole of it is hidden.
fn set_userinfo(
    chars: &[char],
    from: usize,
    at_sign: usize,
    parts: &mut UrlParts,
    errors: &mut Vec<LexError>,
) {
    let colon = (from..at_sign).find(|&k| at(chars, k) == Some(':'));
    match colon {
        Some(c) => {
            parts.user = Some(percent_decode(chars, from, c, false, errors));
            parts.password_span = Some((c + 1, at_sign));
        }
        None if parts.scheme.starts_with("jdbc") => {
            parts.password_span = Some((from, at_sign));
        }
        None => parts.user = Some(percent_decode(chars, from, at_sign, false, errors)),
    }
}

/// Where the userinfo of a URL whose authority starts at `from` ends (its
/// last `@`), or `None` without userinfo. `stops` end the authority in the
/// grammar (`/?#` for URLs, `;` for JDBC). A password may hold any of them
/// (and `@` and `:`): when the authority as the grammar reads it is not a
/// host (`user:pass` with a port that is not a number), or when what follows
/// it cannot be a path or query (no `=`), the userinfo reaches the last `@`
/// that is followed by a host and not preceded by a known `keyword=`.
fn userinfo_end(chars: &[char], from: usize, to: usize, stops: &[char]) -> Option<usize> {
    let to = to.min(chars.len());
    let is_stop = |k: usize| at(chars, k).is_some_and(|c| stops.contains(&c));
    let std_end = (from..to).find(|&k| is_stop(k)).unwrap_or(to);
    let std_at = (from..std_end).rev().find(|&k| at(chars, k) == Some('@'));
    // Without a ':' in the authority there is no password to extend.
    if !(from..std_end).any(|k| at(chars, k) == Some(':')) || std_end == to {
        return std_at;
    }
    let std_host_ok = plausible_host(&collect(chars, std_at.map_or(from, |a| a + 1), std_end));
    let mut k = to;
    while k > std_end {
        k -= 1;
        if at(chars, k) != Some('@') {
            continue;
        }
        let tail_end = (k + 1..to)
            .find(|&j| is_stop(j) || at(chars, j) == Some('&'))
            .unwrap_or(to);
        if !plausible_host(&collect(chars, k + 1, tail_end)) {
            continue;
        }
        let between = collect(chars, std_end, k);
        if std_host_ok && between.contains('=') {
            continue;
        }
        let names_keyword = between
            .split(['?', '&', ';', '/', '#'])
            .filter_map(|seg| seg.split_once('='))
            .any(|(key, _)| {
                super::keywords::looks_like_keyword(key) || super::keywords::is_secret_keyword(key)
            });
        if !names_keyword {
            return Some(k);
        }
    }
    std_at
}

/// Can `s` be `host[\instance][:port]` (a bracketed IPv6 address too)?
fn plausible_host(s: &str) -> bool {
    let (host, port) = split_port(s, ':');
    let port_ok = port.is_none_or(|p| p.chars().all(|c| c.is_ascii_digit()));
    let bracketed = s.starts_with('[');
    !host.is_empty()
        && port_ok
        && host.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '.' | '-' | '_' | '\\' | '%' | '(' | ')' | '$')
                || (bracketed && c == ':')
        })
}

/// Percent-decode `chars[from..to]`; `plus` turns `+` into a space (query).
fn percent_decode(
    chars: &[char],
    from: usize,
    to: usize,
    plus: bool,
    errors: &mut Vec<LexError>,
) -> String {
    let mut bytes: Vec<u8> = Vec::new();
    let mut i = from;
    let mut buf = [0u8; 4];
    while i < to {
        let Some(c) = at(chars, i) else { break };
        if c == '%' {
            let hex = |k: usize| at(chars, k).and_then(|h| h.to_digit(16));
            match (hex(i + 1), hex(i + 2)) {
                (Some(a), Some(b)) if i + 2 < to => {
                    bytes.push((a * 16 + b) as u8);
                    i += 3;
                    continue;
                }
                _ => {
                    errors.push(LexError {
                        pos: i,
                        message: "'%' not followed by two hex digits".into(),
                        tail_from: None,
                        orphan: None,
                    });
                }
            }
        }
        if plus && c == '+' {
            bytes.push(b' ');
        } else {
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `sqlserver://user:pass@host:port/instance?key=value&…` (go-mssqldb) and
/// `mssql://…` (node-mssql).
fn url(chars: &[char]) -> Lexed {
    let mut out = Lexed::default();
    let lead = leading_ws(chars);
    let mut end = chars.len();
    while end > lead && at(chars, end - 1).is_some_and(char::is_whitespace) {
        end -= 1;
    }
    let rest = chars.get(lead..end).unwrap_or_default();
    let Some(colon) = rest.iter().position(|&c| c == ':') else {
        out.errors.push(LexError {
            pos: lead,
            message: "a URL needs a scheme such as 'sqlserver://'".into(),
            tail_from: Some(lead),
            orphan: None,
        });
        return out;
    };
    let scheme: String = rest
        .iter()
        .take(colon)
        .collect::<String>()
        .to_ascii_lowercase();
    let after_scheme = lead + colon + 1;
    if !(at(chars, after_scheme) == Some('/') && at(chars, after_scheme + 1) == Some('/')) {
        out.errors.push(LexError {
            pos: after_scheme,
            message: format!("'{scheme}:' must be followed by '//'"),
            tail_from: Some(after_scheme),
            orphan: None,
        });
        return out;
    }
    let auth_start = after_scheme + 2;
    let mut parts = UrlParts {
        scheme,
        ..UrlParts::default()
    };
    // userinfo: up to the last '@' before the host, whatever it holds.
    let host_start = match userinfo_end(chars, auth_start, end, &['/', '?', '#']) {
        Some(a) => {
            set_userinfo(chars, auth_start, a, &mut parts, &mut out.errors);
            a + 1
        }
        None => auth_start,
    };
    let mut i = host_start;
    while i < end && !matches!(at(chars, i), Some('/' | '?' | '#')) {
        i += 1;
    }
    let auth_end = i;
    let hostport = collect(chars, host_start, auth_end);
    let (host, port) = split_port(&hostport, ':');
    let host = percent_decode(
        &host.chars().collect::<Vec<_>>(),
        0,
        host.chars().count(),
        false,
        &mut Vec::new(),
    );
    let (host, inst) = match host.split_once('\\') {
        Some((h, inst)) => (h.to_string(), Some(inst.to_string())),
        None => (host, None),
    };
    parts.host = Some(host).filter(|h| !h.is_empty());
    parts.port = port;
    parts.instance = inst;
    // path = instance
    let mut i = auth_end;
    if at(chars, i) == Some('/') {
        let p_start = i + 1;
        i = p_start;
        while i < end && !matches!(at(chars, i), Some('?' | '#')) {
            i += 1;
        }
        let path = percent_decode(chars, p_start, i, false, &mut out.errors);
        let path = path.trim_matches('/').to_string();
        if !path.is_empty() {
            parts.instance = Some(path);
        }
    }
    if at(chars, i) == Some('?') {
        i += 1;
        while i < end && at(chars, i) != Some('#') {
            let p_start = i;
            while i < end && !matches!(at(chars, i), Some('&' | '#')) {
                i += 1;
            }
            let p_end = i;
            if p_end > p_start {
                let eq = (p_start..p_end).find(|&k| at(chars, k) == Some('='));
                let (k_end, v_start) = match eq {
                    Some(e) => (e, e + 1),
                    None => (p_end, p_end),
                };
                let key = percent_decode(chars, p_start, k_end, true, &mut out.errors);
                let value = percent_decode(chars, v_start, p_end, true, &mut out.errors);
                if !key.is_empty() {
                    out.pairs.push(RawPair {
                        key,
                        key_pos: p_start,
                        value,
                        value_span: (v_start, p_end),
                        section: None,
                        pair_end: p_end,
                    });
                }
            }
            if at(chars, i) == Some('&') {
                i += 1;
            }
        }
    }
    out.url = Some(parts);
    out
}

/// `freetds.conf` style: `[section]` and `key = value` lines.
fn freetds(chars: &[char]) -> Lexed {
    let mut out = Lexed::default();
    let mut section: Option<String> = None;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let line_start = i;
        while i < n && at(chars, i) != Some('\n') {
            i += 1;
        }
        let line_end = i;
        i += 1;
        let mut s = line_start;
        while s < line_end && at(chars, s).is_some_and(char::is_whitespace) {
            s += 1;
        }
        let mut e = line_end;
        while e > s && at(chars, e - 1).is_some_and(char::is_whitespace) {
            e -= 1;
        }
        if s >= e || matches!(at(chars, s), Some(';' | '#')) {
            continue;
        }
        if at(chars, s) == Some('[') {
            if at(chars, e - 1) == Some(']') {
                section = Some(collect(chars, s + 1, e - 1).trim().to_lowercase());
            } else {
                out.errors.push(LexError {
                    pos: s,
                    message: "section header '[' without a closing ']'".into(),
                    tail_from: None,
                    orphan: None,
                });
            }
            continue;
        }
        match (s..e).find(|&k| at(chars, k) == Some('=')) {
            None => out.errors.push(LexError {
                pos: s,
                message: "line is not 'keyword = value'".into(),
                tail_from: None,
                orphan: Some((s, e)),
            }),
            Some(eq) => {
                let key = collect(chars, s, eq).trim().to_string();
                let mut vs = eq + 1;
                while vs < e && at(chars, vs).is_some_and(char::is_whitespace) {
                    vs += 1;
                }
                if key.is_empty() {
                    out.errors.push(LexError {
                        pos: s,
                        message: "'=' without a keyword before it".into(),
                        tail_from: None,
                        orphan: None,
                    });
                    continue;
                }
                out.pairs.push(RawPair {
                    key,
                    key_pos: s,
                    value: collect(chars, vs, e),
                    value_span: (vs, e),
                    section: section.clone(),
                    pair_end: e,
                });
            }
        }
    }
    out
}

/// Keywords FreeTDS knows in `freetds.conf` (lower-case), used for detection.
pub(crate) const FREETDS_SPECIFIC: &[&str] = &[
    "encryption",
    "tds version",
    "ca file",
    "crl file",
    "check certificate hostname",
    "certificate hostname",
    "client charset",
    "dump file",
    "debug flags",
    "text size",
];

/// Guess the dialect from the text alone.
pub(crate) fn detect(text: &str) -> Dialect {
    let t = text.trim_start();
    let lower_prefix: String = t.chars().take(20).collect::<String>().to_ascii_lowercase();
    if lower_prefix.starts_with("jdbc:") {
        return Dialect::Jdbc;
    }
    if lower_prefix.starts_with("sqlserver://") || lower_prefix.starts_with("mssql://") {
        return Dialect::GoUrl;
    }
    if text.starts_with(GO_ODBC_PREFIX) {
        return Dialect::Odbc;
    }
    if looks_like_freetds(text) {
        return Dialect::Freetds;
    }
    let chars: Vec<char> = text.chars().collect();
    let lexed = pairs(
        &chars,
        0,
        Opts {
            quotes: true,
            braces: true,
            double_eq: true,
        },
    );
    let has = |name: &str| {
        lexed
            .pairs
            .iter()
            .any(|p| p.key.trim().eq_ignore_ascii_case(name))
    };
    if has("provider") {
        Dialect::OleDb
    } else if has("driver") || has("dsn") || has("filedsn") {
        Dialect::Odbc
    } else {
        Dialect::AdoNet
    }
}

fn looks_like_freetds(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'));
    let Some(first) = lines.next() else {
        return false;
    };
    if first.starts_with('[') && first.ends_with(']') {
        return true;
    }
    if text.contains(';') {
        return false;
    }
    std::iter::once(first).chain(lines).any(|l| {
        l.split_once('=').is_some_and(|(k, _)| {
            let k = k.trim().to_ascii_lowercase();
            FREETDS_SPECIFIC.contains(&k.as_str())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx(s: &str, d: Dialect) -> Lexed {
        lex(&s.chars().collect::<Vec<_>>(), d)
    }

    #[test]
    fn ado_quotes_and_escapes() {
        let l = lx(
            "Data Source=a;Password='x;''y';Key==Eq=v;;  ; Name = \"q\"\"z\" ",
            Dialect::AdoNet,
        );
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let kv: Vec<(&str, &str)> = l
            .pairs
            .iter()
            .map(|p| (p.key.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            kv,
            vec![
                ("Data Source", "a"),
                ("Password", "x;'y"),
                ("Key=Eq", "v"),
                ("Name", "q\"z")
            ]
        );
    }

    #[test]
    fn odbc_braces() {
        let l = lx(
            "Driver={ODBC Driver 18 for SQL Server};PWD={a}}b;c};Server=s",
            Dialect::Odbc,
        );
        assert!(l.errors.is_empty());
        assert_eq!(l.pairs[1].value, "a}b;c");
        assert_eq!(l.pairs[2].value, "s");
    }

    #[test]
    fn errors_have_positions() {
        let l = lx("Server=a;Password='abc", Dialect::AdoNet);
        assert_eq!(l.errors[0].pos, 18);
        let l = lx("Server=a;Encrypt;x=y", Dialect::AdoNet);
        assert_eq!(l.errors[0].pos, 9);
        assert_eq!(l.pairs.len(), 2);
    }

    #[test]
    fn url_parts() {
        let l = lx(
            "sqlserver://sa:p%40ss@host:1433/INST?encrypt=true&TrustServerCertificate=false",
            Dialect::GoUrl,
        );
        let u = l.url.unwrap();
        assert_eq!(u.host.as_deref(), Some("host"));
        assert_eq!(u.port.as_deref(), Some("1433"));
        assert_eq!(u.instance.as_deref(), Some("INST"));
        assert_eq!(l.pairs.len(), 2);
    }

    #[test]
    fn userinfo_reaches_the_last_at_before_the_host() {
        // (text, host, port, instance, password as written)
        for (text, host, port, inst, pw) in [
            (
                "sqlserver://app:Gq1x?Gq2x@sql01",
                "sql01",
                None,
                None,
                "Gq1x?Gq2x",
            ),
            (
                "sqlserver://app:Gq1x#Gq2x@sql01:1433",
                "sql01",
                Some("1433"),
                None,
                "Gq1x#Gq2x",
            ),
            (
                "sqlserver://app:a/b@sql01/inst",
                "sql01",
                None,
                Some("inst"),
                "a/b",
            ),
            (
                "sqlserver://app:p@s:s@sql01?encrypt=true",
                "sql01",
                None,
                None,
                "p@s:s",
            ),
            ("sqlserver://app:12/34@sql01", "sql01", None, None, "12/34"),
            (
                "sqlserver://app:pw@sql01?user id=me@corp",
                "sql01",
                None,
                None,
                "pw",
            ),
            (
                "sqlserver://sql01:1433?password=a@b",
                "sql01",
                Some("1433"),
                None,
                "",
            ),
            (
                "sqlserver://sql01/inst?app name=x@y",
                "sql01",
                None,
                Some("inst"),
                "",
            ),
            (
                "jdbc:sqlserver://app:pw@sql01:1433",
                "sql01",
                Some("1433"),
                None,
                "pw",
            ),
            (
                "jdbc:sqlserver://app:a;b@sql01\\inst;encrypt=true",
                "sql01",
                None,
                Some("inst"),
                "a;b",
            ),
            (
                "jdbc:sqlserver://sql01:1433;user=me@corp",
                "sql01",
                Some("1433"),
                None,
                "",
            ),
        ] {
            let chars: Vec<char> = text.chars().collect();
            let dialect = detect(text);
            let l = lex(&chars, dialect);
            let u = l.url.unwrap();
            assert_eq!(u.host.as_deref(), Some(host), "{text}");
            assert_eq!(u.port.as_deref(), port, "{text}");
            assert_eq!(u.instance.as_deref(), inst, "{text}");
            let written = u.password_span.map(|(a, b)| collect(&chars, a, b));
            assert_eq!(written.unwrap_or_default(), pw, "{text}");
        }
    }

    #[test]
    fn detection() {
        assert_eq!(detect("jdbc:sqlserver://h"), Dialect::Jdbc);
        assert_eq!(detect("sqlserver://h"), Dialect::GoUrl);
        assert_eq!(
            detect("[sql01]\n host = h\n encryption = require\n"),
            Dialect::Freetds
        );
        assert_eq!(detect("host = h\nencryption = require"), Dialect::Freetds);
        assert_eq!(detect("Provider=MSOLEDBSQL;Data Source=h"), Dialect::OleDb);
        assert_eq!(
            detect("Driver={ODBC Driver 17 for SQL Server};Server=h"),
            Dialect::Odbc
        );
        assert_eq!(detect("Server=h;Encrypt=true"), Dialect::AdoNet);
    }
}
