//! The light build (`--no-default-features`: no `crypto`, as in the
//! `<sqltls-check>` element's small module) against the full build.
//!
//! - Connection strings and error texts give the same report in both builds:
//!   tests/fixtures/light/same-reports.json holds the full build's reports for
//!   real strings (tests/fixtures/connstr/real-strings.tsv) and real error texts
//!   (tests/fixtures/errors/texts.txt), and both builds must produce exactly
//!   them. Regenerate with the full build:
//!   `UPDATE_LIGHT=1 cargo test -p sqltls-core --test light`.
//! - Without `crypto`, PKCS#12 files, PKCS#7 bundles and private keys are
//!   reported as `input.needs-full-module`, never decoded halfway, and chain
//!   signatures as not checked, never as failed.

use serde_json::Value;
use sqltls_core::{analyze, AnalysisRequest, Report};

/// 2026-06-01T00:00:00Z.
const AT: i64 = 1_780_272_000;
const SNAPSHOT: &str = "light/same-reports.json";

fn run(req: AnalysisRequest) -> Report {
    analyze(&AnalysisRequest {
        now_unix: AT,
        ..req
    })
}

/// Every thirteenth string of the real-strings corpus, with its `--driver` argument.
fn some_real_strings() -> Vec<(String, Option<String>)> {
    sqltls_fixtures::real_connection_strings()
        .into_iter()
        .step_by(13)
        .collect()
}

/// Every seventeenth text of the real error texts.
fn some_error_texts() -> Vec<String> {
    sqltls_fixtures::error_texts()
        .into_iter()
        .map(|t| t.trim().to_string())
        .step_by(17)
        .collect()
}

/// `[{ "input": label, "report": the report as the CLI's --json writes it }]`.
fn reports() -> Value {
    let mut out = Vec::new();
    let mut push = |label: String, report: Report| {
        out.push(serde_json::json!({ "input": label, "report": report }));
    };
    for (text, driver) in some_real_strings() {
        let label = format!("connection: {text}");
        push(
            label,
            run(AnalysisRequest {
                connections: vec![text],
                driver,
                ..AnalysisRequest::default()
            }),
        );
    }
    let errors = some_error_texts();
    for text in &errors {
        push(
            format!("error: {text}"),
            run(AnalysisRequest {
                errors: vec![text.clone()],
                ..AnalysisRequest::default()
            }),
        );
    }
    // A connection string and an error together, as a person pastes both.
    let (text, driver) = some_real_strings().swap_remove(1);
    push(
        "connection and error".into(),
        run(AnalysisRequest {
            connections: vec![text],
            driver,
            errors: vec![errors[0].clone()],
            ..AnalysisRequest::default()
        }),
    );
    Value::Array(out)
}

/// Write the full build's reports to the snapshot.
#[cfg(feature = "crypto")]
fn write_snapshot(path: &std::path::Path, reports: &Value) {
    let mut text = serde_json::to_string_pretty(reports).unwrap();
    text.push('\n');
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The snapshot holds the full build's reports: the light build never writes it.
#[cfg(not(feature = "crypto"))]
fn write_snapshot(_: &std::path::Path, _: &Value) {
    panic!("regenerate {SNAPSHOT} with the full build (default features)");
}

#[test]
fn connection_strings_and_errors_report_as_in_the_full_build() {
    let actual = reports();
    let path = sqltls_fixtures::path(SNAPSHOT);
    if std::env::var_os("UPDATE_LIGHT").is_some() {
        write_snapshot(&path, &actual);
    }
    let expected: Value = serde_json::from_str(&sqltls_fixtures::text(SNAPSHOT)).unwrap();
    let (Value::Array(actual), Value::Array(expected)) = (actual, expected) else {
        panic!("{SNAPSHOT} is not an array");
    };
    assert!(actual.len() >= 12, "only {} inputs", actual.len());
    assert_eq!(
        actual.len(),
        expected.len(),
        "{SNAPSHOT} is stale: run `UPDATE_LIGHT=1 cargo test -p sqltls-core --test light`"
    );
    for (a, e) in actual.iter().zip(&expected) {
        assert!(
            a == e,
            "{} differs from {SNAPSHOT} (the full build's report); if the full build changed, run `UPDATE_LIGHT=1 cargo test -p sqltls-core --test light`",
            a["input"]
        );
    }
}

/// The inputs hold what the reports are about: connections and recognised errors.
#[test]
fn the_compared_reports_are_not_empty() {
    let Value::Array(all) = reports() else {
        unreachable!()
    };
    for r in &all {
        let input = r["input"].as_str().unwrap();
        let report = &r["report"];
        if input.starts_with("connection") {
            assert_eq!(
                report["connections"].as_array().unwrap().len(),
                1,
                "{input}"
            );
        }
        if input.starts_with("error") {
            assert!(
                !report["findings"].as_array().unwrap().is_empty(),
                "{input}"
            );
        }
    }
}

#[cfg(not(feature = "crypto"))]
mod light_only {
    use super::*;
    use sqltls_core::{InputFile, Rule};

    fn file(rel: &str) -> InputFile {
        InputFile {
            name: rel.rsplit('/').next().unwrap_or(rel).to_string(),
            bytes: sqltls_fixtures::bytes(rel),
        }
    }

    fn ids(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.id).collect()
    }

    fn needs_full_module(rel: &str, password: Option<&str>) -> Report {
        let report = run(AnalysisRequest {
            files: vec![file(rel)],
            password: password.map(str::to_string),
            ..AnalysisRequest::default()
        });
        assert!(
            ids(&report).contains(&Rule::InputNeedsFullModule.id()),
            "{rel}: {:?}",
            ids(&report)
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == Rule::InputNeedsFullModule)
            .unwrap();
        assert_eq!(f.severity.as_str(), "info");
        assert!(report.needs_full_module(), "{rel}");
        report
    }

    /// A .pfx, with or without its password: recognised as PKCS#12, nothing
    /// decoded, no password question, no certificate verdict.
    #[test]
    fn a_pfx_needs_the_full_module() {
        for password in [None, Some("Pa55w0rd!")] {
            let report = needs_full_module("certs/good-aes.pfx", password);
            let json = serde_json::to_value(&report).unwrap();
            assert_eq!(json["inputs"][0]["format"], "pkcs12");
            assert!(report.certificates.is_empty());
            assert_eq!(ids(&report), [Rule::InputNeedsFullModule.id()]);
        }
    }

    /// A .p7b, DER and PEM: recognised as PKCS#7, nothing decoded.
    #[test]
    fn a_p7b_needs_the_full_module() {
        for rel in ["certs/good-chain.p7b", "certs/good-chain-pem.p7b"] {
            let report = needs_full_module(rel, None);
            assert!(report.certificates.is_empty(), "{rel}");
            assert_eq!(ids(&report), [Rule::InputNeedsFullModule.id()], "{rel}");
        }
        let json = serde_json::to_value(needs_full_module("certs/good-chain.p7b", None)).unwrap();
        assert_eq!(json["inputs"][0]["format"], "pkcs7");
    }

    /// A PEM private key (plain or encrypted) is not paired: neither a
    /// password question nor a key mismatch is reported.
    #[test]
    fn a_private_key_needs_the_full_module() {
        for rel in ["pkcs12/ec.key", "certs/good.key"] {
            let report = needs_full_module(rel, None);
            assert!(
                !ids(&report).iter().any(|id| id.starts_with("input.pfx")),
                "{rel}: {:?}",
                ids(&report)
            );
        }
        // An encrypted key (a real key's body under the encrypted label: the
        // light build reads no further than the label).
        let encrypted = sqltls_fixtures::text("certs/good.key")
            .replace("BEGIN PRIVATE KEY", "BEGIN ENCRYPTED PRIVATE KEY")
            .replace("END PRIVATE KEY", "END ENCRYPTED PRIVATE KEY");
        for password in [None, Some("wrong")] {
            let report = run(AnalysisRequest {
                files: vec![InputFile {
                    name: "enc.key".into(),
                    bytes: encrypted.clone().into_bytes(),
                }],
                password: password.map(str::to_string),
                ..AnalysisRequest::default()
            });
            assert_eq!(ids(&report), [Rule::InputNeedsFullModule.id()]);
        }
        let report = run(AnalysisRequest {
            files: vec![
                file("certs/via-issuing.pem"),
                file("certs/keys/mismatch-other.key"),
            ],
            ..AnalysisRequest::default()
        });
        assert!(
            !ids(&report).contains(&Rule::CertPrivateKeyMismatch.id()),
            "{:?}",
            ids(&report)
        );
    }

    /// Certificates themselves, PEM or DER, are not decoded: one finding for
    /// the whole PEM chain, no certificate, no verdict.
    #[test]
    fn a_certificate_needs_the_full_module() {
        let report = needs_full_module("certs/good-with-ca.pem", None);
        assert!(report.certificates.is_empty());
        assert_eq!(ids(&report), [Rule::InputNeedsFullModule.id()]);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["inputs"][0]["format"], "pem");
        let f = &report.findings[0];
        assert!(f.message.contains("holds a certificate"), "{}", f.message);

        let report = needs_full_module("certs/good.der", None);
        assert!(report.certificates.is_empty());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["inputs"][0]["format"], "der");
    }
}
