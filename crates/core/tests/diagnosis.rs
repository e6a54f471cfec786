//! The diagnosis and the remedy rules it relies on, on real inputs: the
//! certificates of `tests/fixtures/certs` (made by openssl), the SSMS 20 error
//! dialog of `tests/fixtures/evidence` (layout of a public report), and
//! connection strings in the drivers' documented dialects.

use sqltls_core::catalogue::Diag;
#[cfg(feature = "crypto")]
use sqltls_core::clients::Symptom;
use sqltls_core::clients::{ClientId, CLIENTS};
use sqltls_core::diagnosis::ActionKind;
use sqltls_core::report::Answer;
use sqltls_core::{analyze, AnalysisRequest, InputFile, Report, Rule};

const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z
const PFX_PASSWORD: &str = "Pa55w0rd!";

fn file(rel: &str) -> InputFile {
    InputFile {
        name: rel.rsplit('/').next().unwrap_or(rel).to_string(),
        bytes: sqltls_fixtures::bytes(rel),
    }
}

fn request(files: &[&str]) -> AnalysisRequest {
    AnalysisRequest {
        files: files.iter().map(|f| file(f)).collect(),
        password: Some(PFX_PASSWORD.into()),
        now_unix: AT,
        ..AnalysisRequest::default()
    }
}

fn present(report: &Report, rule: Rule) -> bool {
    report.findings.iter().any(|f| f.rule == rule)
}

/// The invariants every report keeps: diagnoses name only present findings,
/// no workaround comes first, every artifact fixes a present finding, and no
/// registry select is offered for a certificate SQL Server will not load.
fn assert_invariants(label: &str, report: &Report) {
    for d in &report.diagnosis {
        for &r in &d.because {
            assert!(
                present(report, r),
                "{label}: {} names absent {}",
                d.id.id(),
                r.id()
            );
        }
        let first = d
            .actions
            .first()
            .unwrap_or_else(|| panic!("{label}: {} has no action", d.id.id()));
        assert_ne!(
            first.kind,
            ActionKind::Workaround,
            "{label}: {} leads with a workaround",
            d.id.id()
        );
        for a in &d.actions {
            if a.kind == ActionKind::Workaround {
                assert!(
                    a.text.contains("gives up"),
                    "{label}: workaround without its cost: {}",
                    a.text
                );
            }
            if let Some(remedy) = &a.remedy {
                let built = report.remedies.as_ref().is_some_and(|r| {
                    r.artifacts.iter().any(|x| x.id == remedy)
                        || r.connections
                            .iter()
                            .any(|c| format!("connection-fix#{}", c.connection) == *remedy)
                });
                assert!(
                    built,
                    "{label}: action points at {remedy}, which was not built"
                );
            }
        }
    }
    let remedies = report.remedies.as_ref().expect("remedies");
    for a in &remedies.artifacts {
        assert!(
            !a.fixes.is_empty(),
            "{label}: artifact {} fixes nothing",
            a.id
        );
        for &r in &a.fixes {
            assert!(
                present(report, r),
                "{label}: artifact {} lists absent {}",
                a.id,
                r.id()
            );
        }
    }
    let will_not_load = report.certificates.iter().any(|c| {
        c.server_certificate
            && c.verdict
                .as_ref()
                .is_some_and(|v| v.server_loads.answer == Answer::No)
    });
    let keyless = present(report, Rule::CertPrivateKeyMissing);
    if will_not_load || keyless {
        assert!(
            remedies
                .artifacts
                .iter()
                .all(|a| a.id != "registry-thumbprint"),
            "{label}: registry select offered for a certificate that will not load"
        );
    }
}

#[cfg(feature = "crypto")]
#[test]
fn every_certificate_fixture_keeps_the_invariants() {
    let dir = sqltls_fixtures::path("certs");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("pem" | "der" | "cer" | "pfx" | "p7b")
        ) {
            continue;
        }
        for version in [
            None,
            Some(sqltls_core::SqlServerVersion::V2016),
            Some(sqltls_core::SqlServerVersion::V2022),
        ] {
            let mut req = request(&[&format!("certs/{name}")]);
            req.server_version = version;
            req.connections = vec!["Server=tcp:sql01.corp.example.com,1433;Encrypt=True".into()];
            let report = analyze(&req);
            assert_invariants(&name, &report);
            assert!(!report.diagnosis.is_empty(), "{name}: no diagnosis");
        }
        seen += 1;
    }
    assert!(seen > 30, "only {seen} fixtures");
}

#[test]
fn the_ssms_20_user_is_told_which_root_to_import_and_where() {
    let mut req = request(&["certs/via-issuing.pem"]);
    req.errors = vec![sqltls_fixtures::text("evidence/ssms20-untrusted-root.txt")];
    let report = analyze(&req);
    assert_invariants("ssms", &report);
    // The dialog names the program.
    assert_eq!(report.client, Some(ClientId::Ssms20));
    assert_eq!(report.client_source, Some("error"));
    let d = &report.diagnosis[0];
    assert_eq!(d.id, Diag::UntrustedRoot);
    assert!(d.because.contains(&Rule::ErrorUntrustedRoot));
    // The CA by the name Windows shows, not "O=…, CN=…".
    assert!(
        d.summary.contains("\"sqltls Test Issuing CA\""),
        "{}",
        d.summary
    );
    assert!(d.summary.starts_with("SSMS 20 "), "{}", d.summary);
    let fix = &d.actions[0];
    assert_eq!(fix.kind, ActionKind::Fix);
    assert!(fix
        .text
        .contains("Trusted Root Certification Authorities of the client computer"));
    assert_eq!(fix.remedy.as_deref(), Some("trust-root-commands"));
    // In SSMS's own words, and the workaround last with its cost.
    assert!(d
        .actions
        .iter()
        .any(|a| a.kind == ActionKind::Check && a.text.contains("Encryption: \"Mandatory\"")));
    let last = d.actions.last().unwrap();
    assert_eq!(last.kind, ActionKind::Workaround);
    assert!(last.text.contains("\"Trust server certificate\""));
    // The trust step names the CA's file, not a lab file.
    let trust = report
        .remedies
        .as_ref()
        .unwrap()
        .artifacts
        .iter()
        .find(|a| a.id == "trust-root-commands")
        .unwrap();
    assert!(trust.content.contains("sqltls-Test-Issuing-CA.cer"));
    assert!(!trust.content.contains("sqltls-root.cer"));
    // The proof is in the verdict: no "depends".
    let v = report.certificates[0].verdict.as_ref().unwrap();
    assert_eq!(v.clients_validate.answer, Answer::No);
    assert_eq!(v.clients_validate.because, vec![Rule::ErrorUntrustedRoot]);
    // No certificate recipe for a certificate with nothing to fix.
    assert!(report
        .remedies
        .as_ref()
        .unwrap()
        .artifacts
        .iter()
        .all(|a| a.id != "certreq-inf" && a.id != "new-selfsignedcertificate"));
}

#[test]
fn a_pasted_error_decides_the_connection_verdict() {
    let conn = "Server=tcp:sql03.corp.example.com,1433;Encrypt=True".to_string();
    let error = "A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)".to_string();
    // With the certificate.
    let mut req = request(&["certs/via-issuing.pem"]);
    req.connections = vec![conn.clone()];
    let before = analyze(&req);
    assert_eq!(before.connections[0].verdict.answer, Answer::Depends);
    req.errors = vec![error.clone()];
    let after = analyze(&req);
    assert_eq!(
        after.connections[0].verdict.answer,
        Answer::No,
        "{}",
        after.connections[0].verdict.summary
    );
    assert!(after.connections[0]
        .verdict
        .because
        .contains(&Rule::ErrorUntrustedRoot));
    // Without it.
    let report = analyze(&AnalysisRequest {
        connections: vec![conn],
        errors: vec![error],
        now_unix: AT,
        ..AnalysisRequest::default()
    });
    assert_eq!(report.connections[0].verdict.answer, Answer::No);
    assert!(report.connections[0]
        .verdict
        .summary
        .contains("pasted error"));
    assert_eq!(report.diagnosis[0].id, Diag::UntrustedRoot);
    assert_invariants("no cert", &report);
}

#[cfg(feature = "crypto")]
#[test]
fn an_at_signature_pfx_is_never_selected() {
    let mut req = request(&["certs/keysig.pfx"]);
    req.server_version = Some(sqltls_core::SqlServerVersion::V2008R2);
    let report = analyze(&req);
    assert_invariants("keysig", &report);
    assert!(present(&report, Rule::CertKeyspecSignature));
    let d = &report.diagnosis[0];
    assert_eq!(d.id, Diag::ServerWillNotLoad, "{:?}", report.diagnosis);
    assert!(d.summary.contains("will not load"));
    assert!(d.summary.contains("do not select it"));
    assert_eq!(d.actions[0].kind, ActionKind::Fix);
    let remedies = report.remedies.as_ref().unwrap();
    assert!(remedies
        .artifacts
        .iter()
        .all(|a| a.id != "registry-thumbprint"));
}

#[cfg(feature = "crypto")]
#[test]
fn a_clean_pfx_gets_no_recipe_and_the_checklist_when_it_is_missing() {
    let report = analyze(&request(&["certs/good-aes.pfx"]));
    assert_invariants("good-aes", &report);
    assert_eq!(
        report.diagnosis[0].id,
        Diag::CertificateOk,
        "{:?}",
        report.diagnosis
    );
    let remedies = report.remedies.as_ref().unwrap();
    assert!(
        remedies.artifacts.iter().all(|a| !matches!(
            a.id,
            "certreq-inf"
                | "certreq-commands"
                | "new-selfsignedcertificate"
                | "openssl-config"
                | "openssl-commands"
                | "mssql-conf"
                | "registry-thumbprint"
        )),
        "{:?}",
        remedies.artifacts.iter().map(|a| a.id).collect::<Vec<_>>()
    );
    let mut req = request(&["certs/good-aes.pfx"]);
    req.symptoms = vec![Symptom::NotListed];
    let report = analyze(&req);
    let d = &report.diagnosis[0];
    assert_eq!(d.id, Diag::NotListedChecklist);
    // Without a store listing, the first step says what to paste.
    assert!(
        d.actions[0].text.contains("certutil -v -store My"),
        "{}",
        d.actions[0].text
    );
    assert!(d.actions[1].text.contains("Local Computer\\Personal"));
    assert!(d.actions.iter().all(|a| a.kind == ActionKind::Check));
}

#[cfg(feature = "crypto")]
#[test]
fn a_locked_pfx_asks_for_its_password() {
    let mut req = request(&["certs/good-aes.pfx"]);
    req.password = None;
    let report = analyze(&req);
    let d = report
        .diagnosis
        .iter()
        .find(|d| d.id == Diag::PfxLocked)
        .expect("pfx-locked");
    assert!(
        d.summary.starts_with("good-aes.pfx is locked"),
        "{}",
        d.summary
    );
    assert_eq!(report.diagnosis[0].id, Diag::PfxLocked);
    req.password = Some("wrong".into());
    let report = analyze(&req);
    assert!(report.diagnosis[0].summary.contains("does not open it"));
}

#[test]
fn the_chosen_client_brings_its_driver() {
    // EF Core 6 runs on Microsoft.Data.SqlClient 2.x: Encrypt defaults to
    // false; EF Core 7+ on 5.x: it defaults to true and validates.
    let conn =
        "Server=tcp:sql01.corp.example.com,1433;Database=app;Integrated Security=true".to_string();
    let outcome = |client: ClientId| {
        let report = analyze(&AnalysisRequest {
            connections: vec![conn.clone()],
            client: Some(client),
            now_unix: AT,
            ..AnalysisRequest::default()
        });
        report.connections[0].outcome.clone()
    };
    let ef6 = outcome(ClientId::EfCore6);
    let ef7 = outcome(ClientId::EfCore7);
    assert!(!ef6.certificate_validated);
    assert!(ef7.certificate_validated);
    assert_ne!(ef6.encryption, ef7.encryption);
    // Every client's driver resolves and its workaround (if any) says what it costs.
    for c in CLIENTS {
        let report = analyze(&AnalysisRequest {
            files: vec![file("certs/self-signed.pem")],
            connections: vec![conn.clone()],
            client: Some(c.id),
            now_unix: AT,
            ..AnalysisRequest::default()
        });
        assert_invariants(c.key, &report);
        assert_eq!(report.client, Some(c.id));
    }
}
