//! The finding catalogue against the sources and the generated docs page.

use sqltls_core::rules::catalogue::{by_id, markdown};
use sqltls_core::{analyze, AnalysisRequest, InputFile};

/// Every finding a real analysis emits is a declared rule, with the
/// severity and title its declaration gives: run the analysis over every
/// fixture (certificates, .pfx, evidence) with connection strings and errors
/// of every family, and compare each emitted finding with the registry.
#[test]
fn every_emitted_finding_is_declared() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    for dir in ["certs", "pkcs12", "evidence"] {
        let mut entries: Vec<_> = std::fs::read_dir(fixtures.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        files.extend(entries);
    }
    let mut emitted = std::collections::BTreeSet::new();
    for password in [None, Some("Pa55w0rd!"), Some("wrong")] {
        for chunk in files.chunks(6) {
            let report = analyze(&AnalysisRequest {
                files: chunk
                    .iter()
                    .map(|p| InputFile {
                        name: p.file_name().unwrap().to_string_lossy().into_owned(),
                        bytes: std::fs::read(p).unwrap(),
                    })
                    .collect(),
                password: password.map(str::to_string),
                now_unix: 1_780_000_000,
                connections: vec![
                    "Server=10.0.0.5;Encrypt=yes;TrustServerCertificate=true;Password=x".into(),
                    "Driver={ODBC Driver 17 for SQL Server};Server=sql01;Encrypt=strict".into(),
                    "jdbc:sqlserver://sql01:1433;encrypt=yes;serverCertificate=c:\\a.cer".into(),
                    "Server=(localdb)\\MSSQLLocalDB;Encrypt=Strict;Bogus=1;Server=".into(),
                    "sqlserver://sql01.corp.example.com?encrypt=disable".into(),
                ],
                server_force_encryption: Some(true),
                errors: vec![
                    "The certificate chain was issued by an authority that is not trusted.".into(),
                    "0x80090322".into(),
                    "Error: 26014, Severity: 16, State: 1.".into(),
                    "nothing known here".into(),
                ],
                ..AnalysisRequest::default()
            });
            let json = serde_json::to_value(&report).unwrap();
            for f in json["findings"].as_array().unwrap() {
                let id = f["id"].as_str().unwrap();
                let meta = by_id(id).unwrap_or_else(|| panic!("{id} is emitted but not declared"));
                assert_eq!(f["severity"], meta.severity.as_str(), "{id}");
                assert_eq!(f["title"], meta.title, "{id}");
                emitted.insert(id.to_string());
            }
        }
    }
    // The run reaches every family, so the check above is not vacuous.
    for family in ["input.", "cert.", "conn.", "match.", "error.", "server."] {
        assert!(
            emitted.iter().any(|id| id.starts_with(family)),
            "no {family}* finding emitted: {emitted:?}"
        );
    }
    assert!(
        emitted.len() >= 40,
        "only {} distinct ids: {emitted:?}",
        emitted.len()
    );
}

/// Outside the registry and tests, code names rules by `Rule::…` (checked by
/// the compiler), never by an id string: scan the non-test part of every
/// source file of the workspace for a string literal shaped like a finding id.
#[test]
fn no_finding_id_literals_outside_the_registry() {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let families = ["input.", "cert.", "conn.", "match.", "error.", "server."];
    let mut stack = vec![crates];
    let mut offenders = Vec::new();
    let mut scanned = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "tests" | "target" | "benches") {
                    stack.push(path);
                }
                continue;
            }
            let registry = path.ends_with("catalogue/entries.rs");
            if !name.ends_with(".rs") || registry || name == "tests.rs" {
                continue;
            }
            scanned += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                for literal in line.split('"').skip(1).step_by(2) {
                    let shaped = families.iter().any(|f| {
                        literal.strip_prefix(f).is_some_and(|rest| {
                            !rest.is_empty()
                                && rest.chars().all(|c| {
                                    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
                                })
                        })
                    });
                    if shaped {
                        offenders.push(format!("{}:{}: \"{literal}\"", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(scanned > 50, "scanned only {scanned} files");
    assert!(
        offenders.is_empty(),
        "finding ids as strings:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn docs_findings_md_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/findings.md");
    let expected = markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/findings.md is stale: run `UPDATE_DOCS=1 cargo test -p sqltls-core --test catalogue`"
    );
}
