//! A report read back from its JSON is the same report: the page's analysis runs
//! in a worker that sends the report as JSON text, and the page shows what it
//! reads back. For every fixture file (certificates, .pfx with and without the
//! password, .p7b, keys, ERRORLOGs, registry exports, mssql.conf, store dumps and
//! listings), every real connection string (tests/fixtures/connstr/real-strings.tsv)
//! and every real error text (tests/fixtures/errors/texts.txt), alone and together,
//! the JSON written from the report read back equals the JSON it was read from.
//! Read-back texts are pooled once: reading the whole corpus again adds nothing.

use sqltls_core::{analyze, interned, AnalysisRequest, InputFile, Report};
use std::path::Path;
use std::sync::Mutex;

/// The tests of this file read reports back one at a time, so that the pool's
/// size seen by [`texts_read_back_are_pooled_once`] is its own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// 2026-06-01T00:00:00Z.
const AT: i64 = 1_780_272_000;
/// The password of the .pfx fixtures (tests/fixtures/certs/make.sh).
const PASSWORD: &str = "Pa55w0rd!";

/// Every fixture file of these directories, as an input.
fn fixture_files() -> Vec<InputFile> {
    let mut files = Vec::new();
    for dir in ["certs", "certs/keys", "pkcs12", "evidence", "store"] {
        let path = sqltls_fixtures::path(dir);
        let mut names: Vec<_> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_file() && !is_script_or_readme(p))
            .collect();
        names.sort();
        for p in names {
            let rel = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            files.push(InputFile {
                name: rel.clone(),
                bytes: sqltls_fixtures::bytes(&rel),
            });
        }
    }
    assert!(files.len() > 60, "only {} fixture files", files.len());
    files
}

fn is_script_or_readme(p: &Path) -> bool {
    let name = p.file_name().unwrap().to_string_lossy();
    name == "README.md" || name.ends_with(".sh")
}

/// Every request of the corpus.
fn corpus() -> Vec<AnalysisRequest> {
    let base = AnalysisRequest {
        now_unix: AT,
        ..AnalysisRequest::default()
    };
    let files = fixture_files();
    let mut requests = Vec::new();
    for f in &files {
        for password in [None, Some(PASSWORD.to_string())] {
            requests.push(AnalysisRequest {
                files: vec![f.clone()],
                password,
                ..base.clone()
            });
        }
    }
    let strings = sqltls_fixtures::real_connection_strings();
    for (text, driver) in &strings {
        requests.push(AnalysisRequest {
            connections: vec![text.clone()],
            driver: driver.clone(),
            ..base.clone()
        });
    }
    let errors = sqltls_fixtures::error_texts();
    for text in &errors {
        requests.push(AnalysisRequest {
            errors: vec![text.clone()],
            ..base.clone()
        });
    }
    // Everything at once: chains, matches between evidence and certificates,
    // remedies for connection strings next to certificates.
    requests.push(AnalysisRequest {
        files,
        password: Some(PASSWORD.into()),
        connections: strings.into_iter().map(|(s, _)| s).take(40).collect(),
        errors: errors.into_iter().take(40).collect(),
        names: vec!["sql01.corp.example".into()],
        ..base
    });
    requests
}

/// The report's JSON, and that JSON read back and written again.
fn both_ways(report: &Report) -> (String, String) {
    let json = serde_json::to_string_pretty(report).expect("report serialises");
    let back: Report = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let again = serde_json::to_string_pretty(&back).expect("read-back report serialises");
    (json, again)
}

#[test]
fn every_report_reads_back_as_itself() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let requests = corpus();
    for req in &requests {
        let report = analyze(req);
        let (json, again) = both_ways(&report);
        assert_eq!(
            json,
            again,
            "request: {:?}",
            (&req.connections, &req.errors)
        );
        // The outcomes read back name the same generations, not only the same
        // labels (ODBC 18 and OLE DB 18 are both "18").
        let back: Report = serde_json::from_str(&json).unwrap();
        for (b, r) in back.connections.iter().zip(&report.connections) {
            assert_eq!((&b.outcome, &b.outcomes), (&r.outcome, &r.outcomes));
        }
    }
}

#[test]
fn findings_read_back_carry_their_rule() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let req = AnalysisRequest {
        files: vec![InputFile {
            name: "expired.pem".into(),
            bytes: sqltls_fixtures::bytes("certs/expired.pem"),
        }],
        now_unix: AT,
        ..AnalysisRequest::default()
    };
    let report = analyze(&req);
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert!(!back.findings.is_empty());
    assert_eq!(back.findings, report.findings);
    assert_eq!(back.diagnosis, report.diagnosis);
    assert_eq!(
        back.certificates[0].details.validity,
        report.certificates[0].details.validity
    );
}

#[test]
fn an_unknown_finding_id_is_an_error_not_a_guess() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let report = analyze(&AnalysisRequest {
        connections: vec!["Server=10.0.0.5;Encrypt=True;TrustServerCertificate=True".into()],
        now_unix: AT,
        ..AnalysisRequest::default()
    });
    let json = serde_json::to_string(&report).unwrap();
    let some_id = report.connections[0]
        .findings
        .first()
        .map(|f| f.id)
        .expect("the string raises a finding");
    let broken = json.replace(&format!("\"{some_id}\""), "\"conn.no-such-rule\"");
    let err = serde_json::from_str::<Report>(&broken).unwrap_err();
    assert!(err.to_string().contains("conn.no-such-rule"), "{err}");
}

#[test]
fn texts_read_back_are_pooled_once() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let reports: Vec<String> = corpus()
        .iter()
        .map(|r| serde_json::to_string(&analyze(r)).unwrap())
        .collect();
    let read_all = || {
        for json in &reports {
            let _: Report = serde_json::from_str(json).unwrap();
        }
    };
    read_all();
    let pooled = interned::pooled();
    assert!(pooled > 0);
    read_all();
    read_all();
    assert_eq!(
        interned::pooled(),
        pooled,
        "reading the same reports again grew the pool"
    );
}
