//! The report across families: certificates, connection strings and server
//! evidence analysed together, each feeding the others.

use sqltls_core::connstr::Encryption;
use sqltls_core::{analyze, AnalysisRequest, InputFile, Report, SqlServerVersion};
use std::path::PathBuf;

const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

fn file(rel: &str) -> InputFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    InputFile {
        name: rel.to_string(),
        bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}")),
    }
}

fn run(files: &[&str], connections: &[&str], errors: &[&str]) -> Report {
    analyze(&AnalysisRequest {
        files: files.iter().map(|f| file(f)).collect(),
        connections: connections.iter().map(|s| s.to_string()).collect(),
        errors: errors.iter().map(|s| s.to_string()).collect(),
        now_unix: AT,
        ..AnalysisRequest::default()
    })
}

fn has(report: &Report, id: &str) -> bool {
    report.findings.iter().any(|f| f.id == id)
}

#[test]
fn errorlog_version_narrows_certificate_findings() {
    let report = run(
        &[
            "evidence/errorlog-2016-fallback.utf16.log",
            "certs/fallback-sha256.pem",
        ],
        &[],
        &[],
    );
    assert_eq!(report.server_version, Some(SqlServerVersion::V2016));
    assert_eq!(report.server_version_source, Some("evidence"));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "cert.self-generated-fallback")
        .unwrap();
    assert!(
        f.message.contains("did not come from a 2016 instance"),
        "{}",
        f.message
    );
    assert!(has(&report, "server.self-generated-cert"));
    // An explicit version wins over the log's.
    let mut req = AnalysisRequest {
        files: vec![
            file("evidence/errorlog-2016-fallback.utf8.log"),
            file("certs/fallback-sha256.pem"),
        ],
        now_unix: AT,
        server_version: Some(SqlServerVersion::V2019),
        ..AnalysisRequest::default()
    };
    let report = analyze(&req);
    assert_eq!(report.server_version_source, Some("option"));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "cert.self-generated-fallback")
        .unwrap();
    assert!(
        f.message
            .contains("SQL Server 2019 generates it with sha256WithRSAEncryption"),
        "{}",
        f.message
    );
    req.server_version = None;
    assert_eq!(analyze(&req).server_version, Some(SqlServerVersion::V2016));
}

#[test]
fn registry_thumbprint_is_matched_to_the_dropped_certificate() {
    let report = run(
        &["evidence/reg-2019-lrm.utf16.reg", "certs/good.pem"],
        &[],
        &[],
    );
    assert!(has(&report, "server.thumbprint-invalid-character"));
    let found = report
        .findings
        .iter()
        .find(|f| f.id == "match.thumbprint-found")
        .unwrap();
    assert_eq!(
        found.certificate,
        Some(1 - 1),
        "index of good.pem's certificate"
    );
    assert_eq!(
        report.certificates[0].details.thumbprint_sha1,
        "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED"
    );
    let other = run(
        &["evidence/reg-2019-lrm.utf16.reg", "certs/self-signed.pem"],
        &[],
        &[],
    );
    assert!(has(&other, "match.thumbprint-not-dropped"));
    assert!(!has(&other, "match.thumbprint-found"));
}

#[test]
fn registry_force_encryption_feeds_the_connection_outcome() {
    let conn = "Server=sql01.corp.example.com;Encrypt=Optional;Integrated Security=true";
    let without = run(&["certs/good.pem"], &[conn], &[]);
    assert_eq!(
        without.connections[0].outcome.encryption,
        Encryption::LoginOnly
    );
    let with = run(
        &["evidence/reg-2019-lrm.utf16.reg", "certs/good.pem"],
        &[conn],
        &[],
    );
    let outcome = &with.connections[0].outcome;
    assert!(outcome.server_force_encryption);
    assert_eq!(outcome.encryption, Encryption::Full);
    assert!(outcome.certificate_validated);
    assert!(has(&with, "match.host-name-ok"));
}

#[test]
fn connection_name_is_checked_against_the_server_certificate() {
    let report = run(
        &["certs/good.pem"],
        &["Data Source=sqlalias.corp.example.com;Encrypt=True"],
        &[],
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "match.host-name-mismatch")
        .unwrap();
    assert_eq!(f.certificate, Some(0));
    assert_eq!(f.connection, Some(0));
    assert!(report.has_errors());
    // With TrustServerCertificate the name is not validated, so no mismatch is reported.
    let tsc = run(
        &["certs/good.pem"],
        &["Data Source=sqlalias.corp.example.com;Encrypt=True;TrustServerCertificate=True"],
        &[],
    );
    assert!(!has(&tsc, "match.host-name-mismatch"));
    assert!(has(&tsc, "conn.trust-server-certificate"));
}

#[test]
fn pasted_errors_and_text_files() {
    let report = run(
        &["certs/text-not-cert.txt"],
        &[],
        &["[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:unable to get local issuer certificate]"],
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.id == "input.unrecognized" && f.input == Some(0)));
    let e = report
        .findings
        .iter()
        .find(|f| f.id == "error.untrusted-root")
        .unwrap();
    assert_eq!(e.evidence, Some(0));
    assert_eq!(report.evidence[0].name, "error #1");
    // An error text file dropped like a certificate is explained too.
    let json = serde_json::to_value(run(
        &[
            "evidence/errorlog-2019-cert-failure.utf16.log",
            "certs/good.pem",
        ],
        &[],
        &[],
    ))
    .unwrap();
    let ids: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"error.user-cert-load-failed"), "{ids:?}");
    assert_eq!(json["evidence"][0]["kind"], "errorlog");
}

#[test]
fn secrets_never_reach_the_report() {
    let secrets = ["S3cr3t;Pa55", "hunter2}}x", "tok.en.value"];
    let conns = [
        "Server=sql01;User Id=sa;Password=\"S3cr3t;Pa55\";Encrypt=True",
        "Driver={ODBC Driver 18 for SQL Server};Server=sql01;UID=sa;PWD={hunter2}}}}x}",
        "sqlserver://sa:S3cr3t%3BPa55@sql01:1433?encrypt=true",
        "jdbc:sqlserver://sql01;user=sa;password={S3cr3t;Pa55};encrypt=true",
        "Server=sql01;Access Token=tok.en.value",
    ];
    let report = run(&["certs/good.pem"], &conns, &[]);
    let json = serde_json::to_string(&report).unwrap();
    for s in secrets {
        assert!(!json.contains(s), "secret {s} leaked");
    }
    assert_eq!(report.connections.len(), conns.len());
}
