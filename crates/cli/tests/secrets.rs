//! No secret in any output of `sqltls check` (text, `--json`, `--sarif`) or
//! `sqltls scan` (text, `--json`, `--sarif` snippets and messages): passwords
//! in URL userinfo whatever characters they hold (`?`, `#`, `/`, `@`, `:`,
//! `;`), the JDBC `user:password@host` people write although JDBC has no
//! userinfo, and misspelt or key-style secret keywords. Each planted secret is
//! a distinctive string that must appear nowhere in the output.
//!
//! Shapes come from the drivers' documentation:
//! - go-mssqldb README: `sqlserver://username:password@host/instance?param1=value&param2=value`;
//! - node-mssql README ("Connection Strings"): `mssql://username:password@localhost:1433/database?encrypt=true`;
//! - Microsoft JDBC driver docs ("Building the connection URL"):
//!   `jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value]`;
//! - SqlClient / ODBC `keyword=value;` strings, `odbc.ini` DSN sections
//!   (unixODBC `Driver =`, `Server =` lines).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const AT: &str = "2026-06-01T00:00:00Z";

/// (connection string, secrets that must not appear, host, port).
const CONNS: &[(&str, &[&str], &str, Option<u64>)] = &[
    (
        "sqlserver://app:Gq1x?Gq2x@sql01",
        &["Gq1x?Gq2x", "Gq2x"],
        "sql01",
        None,
    ),
    (
        "sqlserver://app:Gq3x#Gq4x@sql01?encrypt=disable",
        &["Gq3x#Gq4x", "Gq4x"],
        "sql01",
        None,
    ),
    (
        "sqlserver://app:Gq5x/Gq6x@sql01/inst",
        &["Gq5x/Gq6x", "Gq6x"],
        "sql01",
        None,
    ),
    (
        "mssql://app:Gq7x@Gq8x@sql01:1433?encrypt=false",
        &["Gq7x@Gq8x", "Gq8x"],
        "sql01",
        Some(1433),
    ),
    (
        "jdbc:sqlserver://app:Gq9x@sql01:1433",
        &["Gq9x"],
        "sql01",
        Some(1433),
    ),
    (
        "Server=sql01;Pasword=Kd1w;Encrypt=false",
        &["Kd1w"],
        "sql01",
        None,
    ),
    (
        "Server=sql01;Passwrod=Kd2w;TrustServerCertificate=true",
        &["Kd2w"],
        "sql01",
        None,
    ),
    (
        "Server=sql01;Passw0rd=Kd3w;Pass=Kd4w;PW=Kd5w;Encrypt=false",
        &["Kd3w", "Kd4w", "Kd5w"],
        "sql01",
        None,
    ),
    (
        "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Passowrd={Kd6w;x};Encrypt=no",
        &["Kd6w"],
        "sql01",
        None,
    ),
];

fn sqltls(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args(args)
        .current_dir(dir)
        .env_remove("SQLTLS_PASSWORD")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn check_prints_no_secret_in_text_json_or_sarif() {
    let dir = tempfile::tempdir().unwrap();
    for (conn, secrets, host, port) in CONNS {
        for format in [None, Some("--json"), Some("--sarif")] {
            let mut args = vec!["check", "--at", AT, "--conn", conn];
            args.extend(format);
            let out = sqltls(dir.path(), &args);
            let text = all_output(&out);
            assert!(!text.is_empty(), "{conn} {format:?}: no output");
            for s in *secrets {
                assert!(!text.contains(s), "{conn} {format:?}: {s} printed:\n{text}");
            }
            if format == Some("--json") {
                let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
                let c = &doc["connections"][0];
                assert!(
                    c["redacted"].as_str().unwrap().contains("<redacted>"),
                    "{conn}: {c}"
                );
                assert_eq!(c["server"]["host"], *host, "{conn}");
                assert_eq!(c["server"]["port"].as_u64(), *port, "{conn}");
            }
        }
    }
}

/// A tree with every file format the scanner reads holding the shapes above.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        ".env",
        "DB_GO=sqlserver://app:Gq1x?Gq2x@sql01:1433?encrypt=disable\n\
         DB_ADO=\"Server=sql01;Pasword=Kd1w;Encrypt=false\"\n",
    );
    write(
        "web.config",
        "<?xml version=\"1.0\"?>\n<configuration>\n  <connectionStrings>\n\
         <add name=\"Main\" connectionString=\"Server=sql01;Passwrod=Kd2w;Encrypt=False\" />\n\
         <add name=\"Java\" connectionString=\"jdbc:sqlserver://app:Gq9x@sql01:1433;encrypt=false\" />\n\
         </connectionStrings>\n</configuration>\n",
    );
    write(
        "appsettings.json",
        "{\n  \"ConnectionStrings\": {\n    \"Default\": \"Server=sql01;Passw0rd=Kd3w;Encrypt=False\",\n\
         \"Go\": \"sqlserver://app:Gq5x/Gq6x@sql01/inst?encrypt=disable\"\n  }\n}\n",
    );
    write(
        "odbc.ini",
        "[Sales]\nDriver = ODBC Driver 18 for SQL Server\nServer = sql01\n\
         Pasword = Kd7w\nEncrypt = no\n",
    );
    write(
        "Db.cs",
        "class Db {\n  const string A = \"Server=sql01;PW=Kd5w;Encrypt=false\";\n\
         const string B = \"sqlserver://app:Gq3x#Gq4x@sql01?encrypt=disable\";\n}\n",
    );
    dir
}

const TREE_SECRETS: &[&str] = &[
    "Gq1x?Gq2x",
    "Gq2x",
    "Kd1w",
    "Kd2w",
    "Gq9x",
    "Kd3w",
    "Gq5x/Gq6x",
    "Gq6x",
    "Kd7w",
    "Kd5w",
    "Gq3x#Gq4x",
    "Gq4x",
];

#[test]
fn scan_prints_no_secret_in_text_json_or_sarif() {
    let dir = tree();
    for format in [None, Some("--json"), Some("--sarif")] {
        let mut args = vec!["scan", ".", "--at", AT];
        args.extend(format);
        let out = sqltls(dir.path(), &args);
        let text = all_output(&out);
        for s in TREE_SECRETS {
            assert!(!text.contains(s), "{format:?}: {s} printed:\n{text}");
        }
    }
    // Every file was read and every string reported, with a redacted snippet.
    let out = sqltls(dir.path(), &["scan", ".", "--at", AT, "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["connection_strings"], 9, "{doc}");
    let results = doc["results"].as_array().unwrap();
    for file in [
        ".env",
        "web.config",
        "appsettings.json",
        "odbc.ini",
        "Db.cs",
    ] {
        let mine: Vec<&Value> = results
            .iter()
            .filter(|r| r["file"].as_str().unwrap().ends_with(file))
            .collect();
        assert!(
            mine.iter().any(|r| r["id"] == "conn.secret-present"),
            "{file}: {mine:?}"
        );
        assert!(
            mine.iter().all(|r| r["redacted"]
                .as_str()
                .is_some_and(|s| s.contains("<redacted>"))),
            "{file}: {mine:?}"
        );
    }
    // SARIF snippets are the redacted strings.
    let out = sqltls(dir.path(), &["scan", ".", "--at", AT, "--sarif"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let snippets: Vec<&str> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"].as_str())
        .collect();
    assert!(!snippets.is_empty());
    assert!(
        snippets.iter().all(|s| s.contains("<redacted>")),
        "{snippets:?}"
    );
}
