//! No secret is ever printed: passwords in URL userinfo whatever characters
//! they hold, misspelt and key-style secret keywords, in the report (JSON of
//! every connection, finding, remedy) and in strings found in configuration
//! files. Each planted secret is a distinctive string that must appear in no
//! output.
//!
//! Shapes come from the drivers' documentation:
//! - go-mssqldb README: `sqlserver://username:password@host/instance?param1=value&param2=value`;
//! - node-mssql README ("Connection Strings"): `mssql://username:password@localhost:1433/database?encrypt=true`;
//! - Microsoft JDBC driver docs ("Building the connection URL"):
//!   `jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value[;property=value]]`
//!   — no userinfo in the grammar, but `user:password@` is written anyway;
//! - SqlClient / ODBC keyword strings with the password keyword misspelt.

use sqltls_core::connstr::{parse, redact, REDACTED};
use sqltls_core::extract::find_connection_strings;
use sqltls_core::{analyze, AnalysisRequest};

/// (text, the secret as written, host, port, instance).
type UrlCase = (
    &'static str,
    &'static str,
    &'static str,
    Option<u16>,
    Option<&'static str>,
);

/// URL shapes.
const URLS: &[UrlCase] = &[
    (
        "sqlserver://app:Gq1x?Gq2x@sql01",
        "Gq1x?Gq2x",
        "sql01",
        None,
        None,
    ),
    (
        "sqlserver://app:Hr3y#Hr4y@sql01:1433?encrypt=true",
        "Hr3y#Hr4y",
        "sql01",
        Some(1433),
        None,
    ),
    (
        "sqlserver://app:Jk5z/Jk6z@sql01/inst",
        "Jk5z/Jk6z",
        "sql01",
        None,
        Some("inst"),
    ),
    (
        "sqlserver://app:Np9v@Np0v:Np1v@sql01:1433?encrypt=disable",
        "Np9v@Np0v:Np1v",
        "sql01",
        Some(1433),
        None,
    ),
    (
        "mssql://app:Lm7w?Lm8w@sql01:1433?encrypt=true",
        "Lm7w?Lm8w",
        "sql01",
        Some(1433),
        None,
    ),
    (
        "jdbc:sqlserver://app:Qr2u@sql01:1433",
        "Qr2u",
        "sql01",
        Some(1433),
        None,
    ),
    (
        "jdbc:sqlserver://app:St3t;St4t@sql01\\inst;encrypt=true",
        "St4t",
        "sql01",
        None,
        Some("inst"),
    ),
    (
        "jdbc:sqlserver://app:Uv5s?#/Uv6s@sql01:1433;encrypt=false",
        "Uv5s?#/Uv6s",
        "sql01",
        Some(1433),
        None,
    ),
];

/// (text, secret) for keyword strings whose secret keyword is misspelt or
/// unknown to the driver.
const KEYWORDS: &[(&str, &str)] = &[
    ("Server=sql01;Pasword=Wx1r;Encrypt=true", "Wx1r"),
    ("Server=sql01;Passwrod=Wx2r;Encrypt=true", "Wx2r"),
    ("Server=sql01;Passw0rd=Wx3r;Encrypt=true", "Wx3r"),
    ("Server=sql01;Passowrd='Wx4r;Wx4q';Encrypt=true", "Wx4q"),
    ("Server=sql01;Pass=Wx5r;Encrypt=true", "Wx5r"),
    ("Server=sql01;PW=Wx6r;Encrypt=true", "Wx6r"),
    ("Server=sql01;Passwd=Wx7r;Encrypt=true", "Wx7r"),
    ("Server=sql01;AccountKey=Wx8r;Encrypt=true", "Wx8r"),
    ("Server=sql01;SharedAccessKey=Wx9r;Encrypt=true", "Wx9r"),
    ("Server=sql01;ClientSecret=Wx0r;Encrypt=true", "Wx0r"),
    (
        "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Pasword={Yz1p};Encrypt=yes",
        "Yz1p",
    ),
    (
        "jdbc:sqlserver://sql01;encrypt=true;trustStorePasword=Yz2p",
        "Yz2p",
    ),
    ("sqlserver://sql01?pasword=Yz3p&encrypt=true", "Yz3p"),
];

fn report_json(text: &str) -> String {
    let report = analyze(&AnalysisRequest {
        connections: vec![text.to_string()],
        now_unix: 1_780_272_000,
        ..AnalysisRequest::default()
    });
    serde_json::to_string(&report).unwrap()
}

#[test]
fn url_userinfo_is_redacted_whatever_it_holds_and_the_host_is_read_after_it() {
    for (text, secret, host, port, instance) in URLS {
        let r = redact(text);
        assert!(!r.contains(secret), "{text} -> {r}");
        assert!(r.contains(REDACTED), "{text} -> {r}");
        // The user name and host stay readable.
        assert!(r.contains("app:") && r.contains("sql01"), "{text} -> {r}");
        let json = report_json(text);
        assert!(!json.contains(secret), "{text}: {json}");
        let p = parse(text, None);
        assert!(p.conn.secret_present, "{text}");
        assert_eq!(p.conn.server.host.as_deref(), Some(*host), "{text}");
        assert_eq!(p.conn.server.port, *port, "{text}");
        assert_eq!(p.conn.server.instance.as_deref(), *instance, "{text}");
        assert!(p.conn.unknown.is_empty(), "{text}: {:?}", p.conn.unknown);
        assert!(!format!("{p:?}").contains(secret), "{text}");
    }
}

#[test]
fn misspelt_and_key_style_secret_keywords_are_redacted() {
    for (text, secret) in KEYWORDS {
        let r = redact(text);
        assert!(!r.contains(secret), "{text} -> {r}");
        assert!(r.contains(REDACTED), "{text} -> {r}");
        let json = report_json(text);
        assert!(!json.contains(secret), "{text}: {json}");
        let p = parse(text, None);
        assert!(p.conn.secret_present, "{text}");
        assert!(!format!("{p:?}").contains(secret), "{text}");
        // A secret keyword unknown to the driver is still reported by name.
        assert!(json.contains("conn.secret-present"), "{text}: {json}");
    }
}

#[test]
fn unknown_secret_keywords_are_named_but_their_value_is_not() {
    let text = "Server=sql01;Pasword=Wx1r;Encrypt=true";
    let json = report_json(text);
    assert!(json.contains("Pasword"), "{json}");
    assert!(!json.contains("Wx1r"), "{json}");
}

#[test]
fn settings_are_not_mistaken_for_secrets() {
    let text = "Server=sql01;User ID=app;Encrypt=true;TrustServerCertificate=false;\
                Persist Security Info=False;Integrated Security=false;Column Encryption Setting=Enabled";
    let r = redact(text);
    assert_eq!(r, text);
    let p = parse(text, None);
    assert!(!p.conn.secret_present);
    for (keyword, value) in [
        ("User ID", "app"),
        ("Encrypt", "true"),
        ("TrustServerCertificate", "false"),
        ("Persist Security Info", "False"),
    ] {
        let s = p
            .conn
            .settings
            .iter()
            .find(|s| s.keyword == keyword)
            .unwrap_or_else(|| panic!("{keyword} missing"));
        assert_eq!(s.value.as_deref(), Some(value), "{keyword}");
    }
    // A URL without userinfo keeps its query values, '@' included.
    let text = "sqlserver://sql01:1433?user id=me@corp.example.com&encrypt=true";
    assert_eq!(redact(text), text);
    let p = parse(text, None);
    assert_eq!(p.conn.server.host.as_deref(), Some("sql01"));
    assert_eq!(p.conn.server.port, Some(1433));
}

#[test]
fn strings_found_in_configuration_files_are_redacted() {
    let files: &[(&str, String, &[&str])] = &[
        (
            ".env",
            "DB_URL=sqlserver://app:Gq1x?Gq2x@sql01:1433?encrypt=true\n\
             DB_ADO=\"Server=sql01;Pasword=Wx1r;Encrypt=false\"\n"
                .to_string(),
            &["Gq1x?Gq2x", "Gq2x", "Wx1r"],
        ),
        (
            "web.config",
            "<configuration><connectionStrings>\
             <add name=\"A\" connectionString=\"Server=sql01;Passwrod=Wx2r;Encrypt=True\"/>\
             <add name=\"B\" connectionString=\"jdbc:sqlserver://app:Qr2u@sql01:1433;encrypt=true\"/>\
             </connectionStrings></configuration>\n"
                .to_string(),
            &["Wx2r", "Qr2u"],
        ),
        (
            "appsettings.json",
            "{ \"ConnectionStrings\": { \"Default\": \"Server=sql01;Passw0rd=Wx3r;Encrypt=false\",\n\
             \"Go\": \"sqlserver://app:Jk5z/Jk6z@sql01/inst\" } }\n"
                .to_string(),
            &["Wx3r", "Jk5z/Jk6z", "Jk6z"],
        ),
        (
            "odbc.ini",
            "[Sales]\nDriver = ODBC Driver 18 for SQL Server\nServer = sql01\n\
             Pasword = Yz1p\nEncrypt = no\n"
                .to_string(),
            &["Yz1p"],
        ),
        (
            "Db.cs",
            "var a = \"Server=sql01;PW=Wx6r;Encrypt=false\";\n\
             var b = @\"Server=sql01;Pass=Wx5r;Encrypt=false\";\n"
                .to_string(),
            &["Wx6r", "Wx5r"],
        ),
    ];
    for (name, text, secrets) in files {
        let found = find_connection_strings(name, text);
        assert!(!found.is_empty(), "{name}: nothing found");
        for f in found {
            // The extractor hands the analysis the real text...
            assert!(
                secrets.iter().any(|s| f.text.contains(s)),
                "{name}: {}",
                f.text
            );
            // ...and nothing the report shows holds the secret.
            let json = report_json(&f.text);
            let r = redact(&f.text);
            for s in *secrets {
                assert!(!json.contains(s), "{name}: {s} in {json}");
                assert!(!r.contains(s), "{name}: {s} in {r}");
                assert!(!f.context.contains(s), "{name}: {s} in {}", f.context);
            }
        }
    }
}
