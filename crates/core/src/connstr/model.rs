//! The parsed model of a connection string: settings by meaning, the server
//! address, and no secret values.

use super::driver::{DriverId, Version};
use super::keywords::{self, Key};
use super::lexer::{self, LexError, Lexed, RawPair};
use super::Dialect;
use serde::{Deserialize, Serialize};

/// Where the connection goes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerAddress {
    /// Host name or address (protocol prefix, instance and port removed).
    pub host: Option<String>,
    /// TCP port.
    pub port: Option<u16>,
    /// Named instance.
    pub instance: Option<String>,
    /// Protocol prefix (`tcp`, `np`, `lpc`, `admin`), lower-case.
    pub protocol: Option<String>,
}

impl ServerAddress {
    /// Parse an ADO.NET/ODBC server value: `[proto:]host[\instance][,port]`.
    pub fn parse(value: &str) -> ServerAddress {
        let mut v = value.trim();
        let mut out = ServerAddress::default();
        if let Some((proto, rest)) = v.split_once(':') {
            let p = proto.trim().to_ascii_lowercase();
            if ["tcp", "np", "lpc", "admin", "via", "sm"].contains(&p.as_str()) {
                out.protocol = Some(p);
                v = rest.trim();
            }
        }
        // Named pipe path: \\host\pipe\…
        if let Some(pipe) = v.strip_prefix("\\\\") {
            let host = pipe.split('\\').next().unwrap_or_default();
            out.host = Some(host.to_string()).filter(|h| !h.is_empty());
            return out;
        }
        let (hostinst, port) = match v.rsplit_once(',') {
            Some((h, p)) => (h.trim(), Some(p.trim())),
            None => (v, None),
        };
        out.port = port.and_then(|p| p.parse::<u16>().ok());
        let (host, inst) = match hostinst.split_once('\\') {
            Some((h, i)) => (h.trim(), Some(i.trim())),
            None => (hostinst, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        out.host = Some(host.to_string()).filter(|h| !h.is_empty());
        out.instance = inst.map(str::to_string).filter(|i| !i.is_empty());
        out
    }
}

/// One setting, with the value dropped when it is a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    /// The keyword as written.
    pub keyword: String,
    /// What it means (not in the JSON: read back as [`Key::Other`]).
    #[serde(skip, default = "other_key")]
    pub key: Key,
    /// The value; `None` for secrets (only their presence is kept).
    pub value: Option<String>,
    /// 1-based character position of the keyword.
    pub position: usize,
    /// The value is empty or blank (known for secrets too, whose value is dropped).
    #[serde(skip)]
    pub empty: bool,
}

/// The key of a [`Setting`] read back from JSON, which does not carry it.
fn other_key() -> Key {
    Key::Other
}

/// A keyword the driver does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKeyword {
    /// As written.
    pub keyword: String,
    /// 1-based character position.
    pub position: usize,
    /// Closest known keyword.
    pub suggestion: Option<&'static str>,
}

/// A grammar error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based character position.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionString {
    /// Grammar it was read with.
    pub dialect: Dialect,
    /// The driver whose keywords were used to read it.
    pub driver: DriverId,
    /// Known settings in order (for duplicates the last one wins in [`ConnectionString::get`]).
    pub settings: Vec<Setting>,
    /// Where it connects.
    pub server: ServerAddress,
    /// The string carries a password, token or other secret.
    pub secret_present: bool,
    /// Keywords the driver does not know.
    pub unknown: Vec<UnknownKeyword>,
    /// Grammar errors.
    pub errors: Vec<SyntaxError>,
    /// ODBC `Driver=` value.
    pub odbc_driver: Option<String>,
    /// OLE DB `Provider=` value.
    pub provider: Option<String>,
}

impl ConnectionString {
    /// The last setting with this meaning.
    pub fn get(&self, key: Key) -> Option<&Setting> {
        self.settings.iter().rev().find(|s| s.key == key)
    }

    /// The value of the last setting with this meaning (never a secret).
    pub fn value(&self, key: Key) -> Option<&str> {
        self.get(key).and_then(|s| s.value.as_deref())
    }

    /// Is a setting with this meaning present?
    pub fn has(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// The host name the driver validates: `HostNameInCertificate` (or its
    /// equivalent) when set, else the server's host.
    pub fn validated_host(&self) -> Option<String> {
        self.value(Key::HostNameInCertificate)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| self.server.host.clone())
    }

    /// Is the server a LocalDB instance?
    pub fn is_localdb(&self) -> bool {
        self.server
            .host
            .as_deref()
            .is_some_and(|h| h.eq_ignore_ascii_case("(localdb)"))
    }
}

/// The driver (and version text) a string names for itself.
pub(crate) fn infer_driver(dialect: Dialect, lexed: &Lexed) -> (DriverId, Option<String>) {
    let find = |name: &str| {
        lexed
            .pairs
            .iter()
            .rev()
            .find(|p| p.key.trim().eq_ignore_ascii_case(name))
            .map(|p| p.value.trim().to_string())
    };
    match dialect {
        Dialect::AdoNet => (ado_driver(lexed), None),
        Dialect::Jdbc => (DriverId::Jdbc, None),
        Dialect::Freetds => (DriverId::FreeTds, None),
        Dialect::GoUrl => {
            let scheme = lexed.url.as_ref().map(|u| u.scheme.as_str()).unwrap_or("");
            if scheme == "mssql" {
                (DriverId::Tedious, None)
            } else {
                (DriverId::GoMssqldb, None)
            }
        }
        Dialect::Odbc if lexed.go_odbc => (DriverId::GoMssqldb, None),
        Dialect::Odbc => {
            let name = find("driver").unwrap_or_default();
            let (driver, version) = odbc_driver_version(&name);
            // A DSN (or a driver name that says nothing) with keywords only
            // FreeTDS's ODBC driver reads (TDS_Version, Port, ClientCharset…)
            // is FreeTDS.
            let microsoft = version.is_some();
            if driver == DriverId::Odbc
                && !microsoft
                && lexed
                    .pairs
                    .iter()
                    .any(|p| keywords::only_freetds_odbc(&p.key))
            {
                (DriverId::FreeTds, None)
            } else {
                (driver, version)
            }
        }
        Dialect::OleDb => {
            let p = find("provider").unwrap_or_default();
            (DriverId::OleDb, oledb_provider_version(&p))
        }
    }
}

/// The driver of a plain `key=value;` string: SqlClient unless a keyword
/// only node-mssql or only go-mssqldb reads says otherwise.
fn ado_driver(lexed: &Lexed) -> DriverId {
    let keys = || lexed.pairs.iter().map(|p| p.key.as_str());
    if keys().any(keywords::only_node_mssql) {
        DriverId::Tedious
    } else if keys().any(keywords::only_go) {
        DriverId::GoMssqldb
    } else {
        DriverId::SqlClient
    }
}

/// The driver and version an ODBC `Driver=` name stands for.
pub(crate) fn odbc_driver_version(name: &str) -> (DriverId, Option<String>) {
    let lower = name
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase();
    // `{FreeTDS}`, or the library itself: libtdsodbc.so (Linux, Homebrew
    // /opt/homebrew/lib/libtdsodbc.so), libtdsodbc.dylib, tdsodbc.dll.
    let file = lower.rsplit(['/', '\\']).next().unwrap_or_default();
    if lower.contains("freetds") || file.starts_with("libtdsodbc") || file.starts_with("tdsodbc") {
        return (DriverId::FreeTds, None);
    }
    if let Some(rest) = lower.strip_prefix("odbc driver ") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return (DriverId::Odbc, Some(digits));
        }
    }
    if lower.contains("native client") || lower == "sql server" || lower.starts_with("sql native") {
        // Older drivers behave like ODBC Driver 17 for TLS: yes/no, default no,
        // no validation when the server forces encryption.
        return (DriverId::Odbc, Some("17".into()));
    }
    (DriverId::Odbc, None)
}

/// The OLE DB driver version a `Provider=` name stands for.
pub(crate) fn oledb_provider_version(provider: &str) -> Option<String> {
    let p = provider.trim().to_ascii_lowercase();
    let base = p.split('.').next().unwrap_or("");
    match base {
        "msoledbsql19" => Some("19".into()),
        "msoledbsql" | "sqloledb" | "sqlncli" | "sqlncli10" | "sqlncli11" => Some("18".into()),
        _ => None,
    }
}

/// Read `text` in `dialect` with the keywords of `driver`.
pub(crate) fn build(
    chars: &[char],
    dialect: Dialect,
    driver: DriverId,
    lexed: &Lexed,
) -> ConnectionString {
    let table = keywords::table(driver, dialect);
    let mut conn = ConnectionString {
        dialect,
        driver,
        settings: Vec::new(),
        server: ServerAddress::default(),
        secret_present: false,
        unknown: Vec::new(),
        errors: lexed
            .errors
            .iter()
            .map(|e| SyntaxError {
                position: e.pos + 1,
                message: e.message.clone(),
            })
            .collect(),
        odbc_driver: None,
        provider: None,
    };
    let _ = chars;
    // FreeTDS: [global] then the first other section.
    let first_section = lexed
        .pairs
        .iter()
        .filter_map(|p| p.section.as_deref())
        .find(|s| *s != "global")
        .map(str::to_string);
    let in_scope = |p: &RawPair| match (&p.section, &first_section) {
        (None, _) => true,
        (Some(s), _) if s == "global" => true,
        (Some(s), Some(f)) => s == f,
        (Some(_), None) => true,
    };
    let mut after_secret = false;
    for p in lexed.pairs.iter().filter(|p| in_scope(p)) {
        let secret_kw = keywords::is_secret_keyword(&p.key);
        let key = keywords::lookup(&table, &p.key);
        let continuation = after_secret && !secret_kw && !keywords::looks_like_keyword(&p.key);
        after_secret =
            secret_kw || continuation || matches!(key, Some(Key::Secret | Key::AccessToken));
        let key = match key {
            Some(k) => k,
            None if continuation => {
                // Text after a secret that is no keyword of any driver: most
                // likely the rest of an unquoted secret containing ';'.
                conn.secret_present = true;
                conn.unknown.push(UnknownKeyword {
                    keyword: "(hidden: text after a secret value, probably part of an unquoted secret containing ';')".into(),
                    position: p.key_pos + 1,
                    suggestion: None,
                });
                continue;
            }
            None => {
                // Suggestions cost an edit distance per known keyword: only
                // for the keywords that will be reported.
                let suggestion = if conn.unknown.len() < MAX_REPORTED {
                    keywords::suggest(&table, &p.key)
                } else {
                    None
                };
                conn.unknown.push(UnknownKeyword {
                    keyword: super::driver::truncate(&p.key, 64),
                    position: p.key_pos + 1,
                    suggestion,
                });
                if secret_kw {
                    conn.secret_present = true;
                }
                continue;
            }
        };
        let secret = secret_kw || matches!(key, Key::Secret | Key::AccessToken);
        if secret && !p.value.is_empty() {
            conn.secret_present = true;
        }
        conn.settings.push(Setting {
            keyword: p.key.clone(),
            key,
            value: if secret { None } else { Some(p.value.clone()) },
            position: p.key_pos + 1,
            empty: p.value.trim().is_empty(),
        });
    }
    // Server address.
    match dialect {
        Dialect::Jdbc | Dialect::GoUrl => {
            let url = lexed.url.clone().unwrap_or_default();
            if url.password_span.is_some_and(|(a, b)| b > a) {
                conn.secret_present = true;
            }
            let host = conn.value(Key::Server).map(str::to_string).or(url.host);
            let (host, inst_from_host) = match host {
                Some(h) => match h.split_once('\\') {
                    Some((a, b)) => (Some(a.to_string()), Some(b.to_string())),
                    None => (Some(h), None),
                },
                None => (None, None),
            };
            conn.server = ServerAddress {
                host: host
                    .map(|h| {
                        h.trim()
                            .trim_start_matches('[')
                            .trim_end_matches(']')
                            .to_string()
                    })
                    .filter(|h| !h.is_empty()),
                port: conn
                    .value(Key::Port)
                    .map(str::to_string)
                    .or(url.port)
                    .and_then(|p| p.trim().parse().ok()),
                instance: conn
                    .value(Key::Instance)
                    .map(str::to_string)
                    .or(inst_from_host)
                    .or(url.instance)
                    .filter(|s| !s.is_empty()),
                protocol: None,
            };
        }
        Dialect::Freetds => {
            conn.server = ServerAddress {
                host: conn
                    .value(Key::Server)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                port: conn.value(Key::Port).and_then(|p| p.trim().parse().ok()),
                instance: conn
                    .value(Key::Instance)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                protocol: None,
            };
        }
        _ => {
            let mut server = conn
                .value(Key::Server)
                .map(ServerAddress::parse)
                .unwrap_or_default();
            if let Some(p) = conn.value(Key::Port).and_then(|p| p.trim().parse().ok()) {
                server.port = Some(p);
            }
            if let Some(i) = conn
                .value(Key::Instance)
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                server.instance = Some(i.to_string());
            }
            conn.server = server;
        }
    }
    // go-mssqldb connects to (and validates) "localhost" when the server is
    // empty, "." or "(local)" (go msdsn/conn_str.go@46b5c6a L1109-1113;
    // denisenkom tds.go@8fccfc8 `parseConnectParams`).
    if driver == DriverId::GoMssqldb {
        let local = conn
            .server
            .host
            .as_deref()
            .is_none_or(|h| h == "." || h.eq_ignore_ascii_case("(local)"));
        if local {
            conn.server.host = Some("localhost".into());
        }
    }
    conn.odbc_driver = conn.value(Key::Driver).map(|s| s.trim().to_string());
    conn.provider = conn.value(Key::Provider).map(|s| s.trim().to_string());
    conn
}

/// At most this many syntax errors / unknown keywords become findings.
pub const MAX_REPORTED: usize = 20;

/// Everything [`parse`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The model.
    pub conn: ConnectionString,
    /// Was the driver inferred from the text (no driver given)?
    pub driver_inferred: bool,
    /// Version the text names (ODBC driver name, OLE DB provider).
    pub inferred_version: Option<String>,
}

/// Parse `text`. With `driver` the keywords of that driver are used; without,
/// the driver is inferred from the text (plain ADO.NET = newest SqlClient).
pub fn parse(text: &str, driver: Option<DriverId>) -> Parsed {
    let chars: Vec<char> = text.chars().collect();
    let dialect = choose_dialect(text, driver);
    let lexed = lexer::lex(&chars, dialect);
    let lexed = with_fit_error(text, dialect, lexed);
    let (inferred, inferred_version) = infer_driver(dialect, &lexed);
    let (driver_id, driver_inferred) = match driver {
        Some(d) => (d, false),
        None => (inferred, true),
    };
    let inferred_version = if driver_id == inferred {
        inferred_version
    } else {
        None
    };
    let conn = build(&chars, dialect, driver_id, &lexed);
    Parsed {
        conn,
        driver_inferred,
        inferred_version,
    }
}

/// The dialect for `text`, given an optional driver hint.
pub(crate) fn choose_dialect(text: &str, driver: Option<DriverId>) -> Dialect {
    let detected = lexer::detect(text);
    match (driver, detected) {
        (_, Dialect::Jdbc | Dialect::GoUrl | Dialect::Freetds) => detected,
        (Some(DriverId::Odbc), _) => Dialect::Odbc,
        (Some(DriverId::OleDb), _) => Dialect::OleDb,
        (Some(DriverId::Jdbc), _) => Dialect::Jdbc,
        (Some(DriverId::FreeTds), Dialect::AdoNet) if !text.contains(';') && text.contains('=') => {
            Dialect::Freetds
        }
        (Some(DriverId::FreeTds), Dialect::AdoNet) => Dialect::Odbc,
        _ => detected,
    }
}

/// A text that yields no pair at all fits no grammar.
fn with_fit_error(text: &str, dialect: Dialect, mut lexed: Lexed) -> Lexed {
    let empty = lexed.pairs.is_empty() && lexed.url.as_ref().is_none_or(|u| u.host.is_none());
    if empty && lexed.errors.is_empty() {
        let pos = text.chars().take_while(|c| c.is_whitespace()).count();
        let message = if text.trim().is_empty() {
            "the connection string is empty".to_string()
        } else {
            format!(
                "the text fits no connection-string grammar (read as {})",
                dialect.label()
            )
        };
        lexed.errors.push(LexError {
            pos,
            message,
            tail_from: Some(pos),
            orphan: None,
        });
    }
    lexed
}

/// Where one `keyword=value` pair sits in the text, for rewriting a string
/// while keeping its layout. Indices are 0-based character (not byte)
/// positions, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairSpan {
    /// The keyword as written (trimmed).
    pub keyword: String,
    /// What it means for the driver, when the driver knows it.
    pub key: Option<Key>,
    /// Start of the keyword.
    pub start: usize,
    /// Just past the value as written (after a closing quote or brace).
    pub end: usize,
    /// The value's content, inside any quotes or braces.
    pub value_span: (usize, usize),
    /// The value is written inside quotes or braces.
    pub quoted: bool,
    /// FreeTDS section (lower-case), when the text has sections.
    pub section: Option<String>,
}

/// Every `keyword=value` pair of `text` read in `dialect` with the keywords of
/// `driver`, with where it sits (URL query parameters for `GoUrl`, properties
/// after the host for `Jdbc`, lines for `Freetds`).
pub fn pair_spans(text: &str, dialect: Dialect, driver: DriverId) -> Vec<PairSpan> {
    let chars: Vec<char> = text.chars().collect();
    let lexed = lexer::lex(&chars, dialect);
    let table = keywords::table(driver, dialect);
    lexed
        .pairs
        .iter()
        .map(|p| PairSpan {
            keyword: p.key.clone(),
            key: keywords::lookup(&table, &p.key),
            start: p.key_pos,
            end: p.pair_end.max(p.value_span.1),
            value_span: p.value_span,
            quoted: p.pair_end > p.value_span.1,
            section: p.section.clone(),
        })
        .collect()
}

/// Parse a version text that came from the string itself.
pub(crate) fn version_of(text: &Option<String>) -> Option<Version> {
    text.as_deref().and_then(Version::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_values() {
        let s = ServerAddress::parse("tcp:sql01.corp.example.com\\INST,1433");
        assert_eq!(s.host.as_deref(), Some("sql01.corp.example.com"));
        assert_eq!(s.instance.as_deref(), Some("INST"));
        assert_eq!(s.port, Some(1433));
        assert_eq!(s.protocol.as_deref(), Some("tcp"));
        let s = ServerAddress::parse("np:\\\\sql01\\pipe\\sql\\query");
        assert_eq!(s.host.as_deref(), Some("sql01"));
        let s = ServerAddress::parse("(localdb)\\MSSQLLocalDB");
        assert_eq!(s.host.as_deref(), Some("(localdb)"));
    }

    #[test]
    fn model_drops_secrets() {
        let p = parse("Server=a;Password='s3cr;et'", None);
        assert!(p.conn.secret_present);
        assert!(!format!("{:?}", p.conn).contains("s3cr"));
    }
}
