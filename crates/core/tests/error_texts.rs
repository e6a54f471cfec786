//! Real error texts (tests/fixtures/errors/texts.txt, each with its source):
//! expired and not-yet-valid certificates in every driver's wording,
//! translated driver and Windows messages, JDBC's TLS-version messages,
//! punctuation a bug tracker dropped, and TLS errors of other systems that
//! must not be read as SQL Server's. Each text is also checked after the
//! damage pasting does: punctuation stripped or made typographic, HTML
//! entities, lines wrapped (between and inside words), doubled spaces.

use sqltls_core::catalogue::Diag;
use sqltls_core::evidence::analyze_text;
use sqltls_core::{analyze, AnalysisRequest, Rule};

const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

/// One fixture record.
struct Record {
    expect: Vec<String>,
    source: String,
    text: String,
}

fn records() -> Vec<Record> {
    let raw = sqltls_fixtures::text("errors/texts.txt");
    let mut out: Vec<Record> = Vec::new();
    for line in raw.lines() {
        if let Some(head) = line.strip_prefix("@@ ") {
            let mut expect = Vec::new();
            let mut source = String::new();
            for part in head.split("; ") {
                if let Some(ids) = part.strip_prefix("expect=") {
                    expect = ids.split(',').map(|s| s.trim().to_string()).collect();
                } else if let Some(s) = part.strip_prefix("source=") {
                    source = s.to_string();
                }
            }
            out.push(Record {
                expect,
                source,
                text: String::new(),
            });
        } else if let Some(r) = out.last_mut() {
            r.text.push_str(line);
            r.text.push('\n');
        }
    }
    for r in &mut out {
        r.text = r.text.trim().to_string();
        assert!(!r.expect.is_empty(), "record without expect: {}", r.text);
        assert!(!r.source.is_empty(), "record without source: {}", r.text);
        assert!(!r.text.is_empty(), "empty record from {}", r.source);
    }
    out
}

fn ids(text: &str) -> Vec<&'static str> {
    analyze_text(text, &[], None)
        .findings
        .iter()
        .map(|f| f.id)
        .collect()
}

fn is_foreign(r: &Record) -> bool {
    r.expect.iter().any(|e| e == "error.not-sql-server")
}

/// What `text` must give: the expected ids and no `error.unrecognized`; a
/// foreign text gives `error.not-sql-server` alone.
fn check(label: &str, r: &Record, text: &str) {
    let got = ids(text);
    for e in &r.expect {
        assert!(
            got.contains(&e.as_str()),
            "{label} ({}): expected {e}, got {got:?}\n{text}",
            r.source
        );
    }
    assert!(
        !got.contains(&"error.unrecognized"),
        "{label} ({}): unrecognised\n{text}",
        r.source
    );
    if is_foreign(r) {
        assert_eq!(
            got,
            ["error.not-sql-server"],
            "{label} ({})\n{text}",
            r.source
        );
    } else {
        assert!(
            !got.contains(&"error.not-sql-server"),
            "{label} ({}): a SQL Server error read as foreign\n{text}",
            r.source
        );
    }
}

#[test]
fn every_real_text_is_recognised() {
    let all = records();
    assert!(all.len() >= 90, "{} records", all.len());
    for r in &all {
        check("as pasted", r, &r.text);
    }
}

/// The damage a paste goes through, each applied to the whole text.
fn mutations(text: &str) -> Vec<(&'static str, String)> {
    let stripped: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\'' | '"' | ':' | '.' | '\u{2019}' | '\u{201c}' | '\u{201d}'
            )
        })
        .collect();
    let mut open = true;
    let curly: String = text
        .chars()
        .map(|c| match c {
            '\'' => '\u{2019}',
            '"' => {
                open = !open;
                if open {
                    '\u{201d}'
                } else {
                    '\u{201c}'
                }
            }
            c => c,
        })
        .collect();
    let entities = text.replace('\'', "&#39;").replace('"', "&quot;");
    // Wrapped between words: a line break at every fifth space.
    let mut wrapped_words = String::new();
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            wrapped_words.push(if i % 5 == 0 { '\n' } else { ' ' });
        }
        wrapped_words.push_str(w);
    }
    // Wrapped inside words, as an 80-column console does.
    let mut wrapped_columns = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % 80 == 0 {
            wrapped_columns.push('\n');
        }
        wrapped_columns.push(c);
    }
    let doubled = text.replace(' ', "  ");
    vec![
        ("punctuation stripped", stripped),
        ("typographic quotes", curly),
        ("HTML entities", entities),
        ("wrapped between words", wrapped_words),
        ("wrapped inside words", wrapped_columns),
        ("doubled spaces", doubled),
    ]
}

#[test]
fn damaged_pastes_still_match() {
    for r in &records() {
        for (label, text) in mutations(&r.text) {
            check(label, r, &text);
        }
    }
}

/// The texts of other systems get no SQL Server diagnosis, remedy or
/// TrustServerCertificate advice: only the plain statement that this is not a
/// SQL Server connection error.
#[test]
fn other_systems_get_no_sql_server_advice() {
    let foreign: Vec<Record> = records().into_iter().filter(is_foreign).collect();
    assert!(foreign.len() >= 10);
    for r in &foreign {
        let report = analyze(&AnalysisRequest {
            errors: vec![r.text.clone()],
            now_unix: AT,
            ..AnalysisRequest::default()
        });
        let json = serde_json::to_string(&report).expect("report serialises");
        assert!(
            !json.to_ascii_lowercase().contains("trustservercertificate"),
            "{}: TrustServerCertificate advice\n{json}",
            r.source
        );
        let diags: Vec<Diag> = report.diagnosis.iter().map(|d| d.id).collect();
        assert_eq!(diags, [Diag::NotSqlServer], "{}", r.source);
        let d = &report.diagnosis[0];
        assert!(d
            .summary
            .starts_with("This is not a SQL Server connection error."));
        assert_eq!(d.because, [Rule::ErrorNotSqlServer]);
        assert!(d.actions.iter().all(|a| a.remedy.is_none()));
        if let Some(rem) = &report.remedies {
            assert!(
                rem.artifacts.is_empty(),
                "{}: {:?}",
                r.source,
                rem.artifacts
            );
            assert!(rem.connections.is_empty());
        }
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == Rule::ErrorNotSqlServer)
            .expect("finding");
        assert!(f.message.starts_with("This looks like "), "{}", f.message);
        assert!(f.message.contains("not a SQL Server connection"));
    }
}

/// The same TLS words inside a genuine SQL Server error stay SQL Server's,
/// with the SQL Server diagnosis.
#[test]
fn sql_server_errors_with_openssl_or_x509_lines_stay_sql_servers() {
    for (text, diag) in [
        // dbt-msft/dbt-sqlserver#219 (ODBC 18 on Linux, OpenSSL 1.1 line).
        ("('08001', '[08001] [Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed:self signed certificate] (-1) (SQLDriverConnect)')", Diag::UntrustedRoot),
        // tediousjs/node-mssql#1271 (tedious, Node/OpenSSL reason).
        ("ConnectionError: Failed to connect to localhost:1433 - self signed certificate", Diag::UntrustedRoot),
        // go-mssqldb: "TLS Handshake failed: " (tds.go) + Go crypto/x509 verify.go.
        ("mssql: login error: TLS Handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority", Diag::UntrustedRoot),
    ] {
        let report = analyze(&AnalysisRequest {
            errors: vec![text.to_string()],
            now_unix: AT,
            ..AnalysisRequest::default()
        });
        assert!(
            report.findings.iter().all(|f| f.rule != Rule::ErrorNotSqlServer),
            "{text}"
        );
        assert_eq!(report.diagnosis.first().map(|d| d.id), Some(diag), "{text}");
    }
}

/// A certificate that is not valid yet leads with the client's clock; an
/// expired one with renewing the certificate.
#[test]
fn not_yet_valid_leads_with_the_clock_expired_with_renewal() {
    let diagnose = |text: &str| {
        analyze(&AnalysisRequest {
            errors: vec![text.to_string()],
            now_unix: AT,
            ..AnalysisRequest::default()
        })
        .diagnosis
    };
    // tedious + Node CERT_NOT_YET_VALID (see texts.txt).
    let d = diagnose("ConnectionError: Failed to connect to sql01.contoso.com:1433 - certificate is not yet valid");
    assert_eq!(d[0].id, Diag::CertificateExpired);
    assert_eq!(d[0].because, [Rule::ErrorCertificateNotYetValid]);
    assert!(
        d[0].actions[0].text.contains("date, time and time zone"),
        "{:?}",
        d[0].actions[0]
    );
    // MicrosoftDocs/sql-docs#8845 (SEC_E_CERT_EXPIRED).
    let d = diagnose("A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The received certificate has expired.) (Microsoft SQL Server, Error: -2146893016)");
    assert_eq!(d[0].id, Diag::CertificateExpired);
    assert_eq!(d[0].because, [Rule::ErrorCertificateExpired]);
    assert!(d[0].actions[0].text.starts_with("Renew the certificate"));
}
