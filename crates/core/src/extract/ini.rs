//! INI files: `odbc.ini` DSNs (turned into ODBC connection strings) and
//! `freetds.conf` server sections (turned into FreeTDS settings text), each
//! located at its `[section]` header.

use super::{effective, is_candidate, Span};

struct Entry {
    key: String,
    value: String,
    start: usize,
    end: usize,
}

struct Section {
    name: String,
    header_start: usize,
    header_end: usize,
    entries: Vec<Entry>,
}

impl Section {
    fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| e.value.as_str())
    }

    fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.get(k).is_some())
    }
}

/// Sections in order; the first (unnamed, header at 0..0) holds keys before any header.
fn parse(text: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        name: String::new(),
        header_start: 0,
        header_end: 0,
        entries: Vec::new(),
    }];
    let mut offset = 0;
    for raw in text.split('\n') {
        let start = offset;
        offset += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let t = line.trim_start();
        let lead = line.len() - t.len();
        let t = t.trim_end();
        if t.is_empty() || t.starts_with(';') || t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') {
            if let Some(close) = t.find(']') {
                sections.push(Section {
                    name: t[1..close].trim().to_string(),
                    header_start: start + lead,
                    header_end: start + lead + close + 1,
                    entries: Vec::new(),
                });
                continue;
            }
        }
        let Some(eq) = t.find('=') else {
            continue;
        };
        let key = t[..eq].trim().to_string();
        let after = &t[eq + 1..];
        let value = after.trim();
        let vstart = start + lead + eq + 1 + (after.len() - after.trim_start().len());
        if let Some(s) = sections.last_mut() {
            s.entries.push(Entry {
                key,
                value: value.to_string(),
                start: vstart,
                end: vstart + value.len(),
            });
        }
    }
    sections
}

/// Keys of a DSN section that are about the data source, not the DSN itself.
const NOT_CONNECTION_KEYS: &[&str] = &[
    "driver",
    "description",
    "trace",
    "tracefile",
    "setup",
    "fileusage",
    "usagecount",
];

fn odbc_value(v: &str) -> String {
    if v.contains([';', '{', '}']) || v != v.trim() {
        format!("{{{}}}", v.replace('}', "}}"))
    } else {
        v.to_string()
    }
}

/// A driver library path (`/opt/microsoft/msodbcsql18/lib64/libmsodbcsql-18.3.so.2.1`)
/// becomes the driver's registered name; a name is kept.
fn driver_name(v: &str) -> String {
    let lower = v.to_ascii_lowercase();
    if let Some(i) = lower.find("msodbcsql") {
        let digits: String = lower[i + "msodbcsql".len()..]
            .chars()
            .skip_while(|c| *c == '-')
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() {
            return format!("ODBC Driver {digits} for SQL Server");
        }
    }
    v.to_string()
}

/// `odbc.ini` and other INI files: each SQL Server DSN section as an ODBC
/// connection string; any other value that looks like a connection string.
pub(crate) fn find_odbc(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for s in parse(text) {
        let driver = s.get("driver").unwrap_or("");
        let dl = driver.to_ascii_lowercase();
        let sql_driver = ["sql server", "msodbcsql", "freetds", "tdsodbc"]
            .iter()
            .any(|d| dl.contains(d));
        let dsn = !s.name.is_empty()
            && !driver.is_empty()
            && s.has_any(&["server", "servername", "address", "addr"])
            && (sql_driver || s.has_any(&["encrypt", "trustservercertificate"]));
        if dsn {
            let mut conn = format!("Driver={{{}}};", driver_name(driver).replace('}', "}}"));
            for e in &s.entries {
                if NOT_CONNECTION_KEYS
                    .iter()
                    .any(|k| e.key.eq_ignore_ascii_case(k))
                {
                    continue;
                }
                conn.push_str(&format!("{}={};", e.key, odbc_value(&e.value)));
            }
            out.push(Span {
                start: s.header_start,
                end: s.header_end,
                text: conn,
                context: format!("[{}]", s.name),
            });
            continue;
        }
        let under = s.name.eq_ignore_ascii_case("ConnectionStrings");
        for e in &s.entries {
            let value = e.value.trim_matches('"').to_string();
            if is_candidate(&value, under) {
                let quoted = e.value.len() != value.len();
                let (start, end) = if quoted && e.value.len() >= 2 {
                    (e.start + 1, e.end - 1)
                } else {
                    (e.start, e.end)
                };
                let context = if s.name.is_empty() {
                    e.key.clone()
                } else {
                    format!("{}.{}", s.name, e.key)
                };
                out.push(Span {
                    start,
                    end,
                    text: effective(value),
                    context,
                });
            }
        }
    }
    out
}

/// `freetds.conf`: each `[server]` section (not `[global]`) as FreeTDS
/// settings text, `[global]` settings it does not override included.
pub(crate) fn find_freetds(text: &str) -> Vec<Span> {
    let sections = parse(text);
    let global: Vec<&Entry> = sections
        .iter()
        .filter(|s| s.name.eq_ignore_ascii_case("global"))
        .flat_map(|s| s.entries.iter())
        .collect();
    let mut out = Vec::new();
    for s in &sections {
        if s.name.is_empty() || s.name.eq_ignore_ascii_case("global") || s.entries.is_empty() {
            continue;
        }
        let mut conn = format!("[{}]\n", s.name);
        for g in &global {
            if s.get(&g.key).is_none() {
                conn.push_str(&format!("\t{} = {}\n", g.key, g.value));
            }
        }
        for e in &s.entries {
            conn.push_str(&format!("\t{} = {}\n", e.key, e.value));
        }
        out.push(Span {
            start: s.header_start,
            end: s.header_end,
            text: conn,
            context: format!("[{}]", s.name),
        });
    }
    out
}
