//! End-to-end runs of the `sqltls` binary over the generated fixtures.

use std::path::PathBuf;
use std::process::{Command, Output};

const AT: &str = "2026-06-01T00:00:00Z";
const PASSWORD: &str = "Pa55w0rd!";

fn fixture(name: &str) -> String {
    sqltls_fixtures::path(&format!("certs/{name}"))
        .display()
        .to_string()
}

fn sqltls(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args(args)
        .env_remove("SQLTLS_PASSWORD")
        .output()
        .unwrap()
}

fn check(files: &[&str], extra: &[&str]) -> Output {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["check", "--at", AT];
    args.extend(paths.iter().map(String::as_str));
    args.extend(extra);
    sqltls(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn exit_status_is_0_clean_1_errors_2_usage() {
    assert_eq!(
        check(&["good.pem", "root-ca.pem"], &[]).status.code(),
        Some(0)
    );
    assert_eq!(check(&["expired.pem"], &[]).status.code(), Some(1));
    assert_eq!(
        check(&["keysig.pfx"], &["--password", PASSWORD])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(sqltls(&["check"]).status.code(), Some(2));
    assert_eq!(
        sqltls(&["check", "/nonexistent/file.pem"]).status.code(),
        Some(2)
    );
    assert_eq!(
        check(&["good.pem"], &["--at", "yesterday"]).status.code(),
        Some(2)
    );
    assert_eq!(
        check(&["good.pem"], &["--server-version", "1999"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(sqltls(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn text_output_has_verdicts_and_errors_with_fixes_first() {
    let out = check(&["expired.pem"], &[]);
    let text = stdout(&out);
    assert!(
        text.contains("SQL Server loads it:            NO (cert.expired)"),
        "{text}"
    );
    let error_at = text.find("error   cert.expired").expect("error line");
    let info_at = text
        .find("info    cert.chain-root-required")
        .expect("info line");
    assert!(error_at < info_at, "errors must come first:\n{text}");
    assert!(text.contains("fix: Issue a new certificate"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped");
    let coloured = stdout(&check(&["expired.pem"], &["--color", "always"]));
    assert!(coloured.contains("\x1b[1;31m"));
}

#[test]
fn json_output_is_the_report() {
    let out = check(
        &["good-aes.pfx"],
        &["--json", "--password", PASSWORD, "--server-version", "2019"],
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["evaluated_at"], AT);
    assert_eq!(v["server_version"], "2019");
    assert_eq!(v["inputs"][0]["format"], "pkcs12");
    assert_eq!(v["inputs"][0]["keys"][0]["key_spec"], "AT_KEYEXCHANGE");
    let server = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["server_certificate"] == true)
        .unwrap();
    assert_eq!(server["verdict"]["server_loads"]["answer"], "yes");
    assert_eq!(
        server["thumbprint_sha1"],
        "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED"
    );
}

#[test]
fn the_password_never_appears() {
    for password in [PASSWORD, "Wr0ng-S3cret!"] {
        for extra in [&["--json"][..], &[][..]] {
            let mut args = vec!["--password", password];
            args.extend(extra);
            let out = check(&["good-aes.pfx"], &args);
            assert!(!stdout(&out).contains(password));
            assert!(!String::from_utf8_lossy(&out.stderr).contains(password));
        }
    }
    // Also when given through the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args(["check", "--json", "--at", AT, &fixture("good-aes.pfx")])
        .env("SQLTLS_PASSWORD", "Wr0ng-S3cret!")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("input.pfx-wrong-password"));
    assert!(!stdout(&out).contains("Wr0ng-S3cret!"));
}

#[test]
fn bad_input_gets_an_input_finding_and_a_normal_exit() {
    let dir = std::env::temp_dir().join(format!("sqltls-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.bin");
    std::fs::write(&huge, vec![0x30u8; 100 * 1024 * 1024]).unwrap();
    let cases = [
        (fixture("garbage.bin"), "input.unrecognized"),
        (fixture("truncated.der"), "input.malformed"),
        (fixture("empty.cer"), "input.empty"),
        (huge.display().to_string(), "input.too-large"),
    ];
    for (path, id) in &cases {
        let out = sqltls(&["check", "--json", "--at", AT, path]);
        assert!(
            matches!(out.status.code(), Some(0) | Some(1)),
            "{path}: {:?}",
            out.status
        );
        assert!(stdout(&out).contains(id), "{path} should raise {id}");
    }
    let out = check(&["good-aes.pfx"], &["--password", "nope"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("input.pfx-wrong-password"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_lists_and_explains_the_catalogue() {
    let out = sqltls(&["rules"]);
    let text = stdout(&out);
    for meta in sqltls_core::rules::catalogue::all() {
        assert!(
            text.contains(meta.id),
            "{} missing from `sqltls rules`",
            meta.id
        );
    }
    for d in sqltls_core::catalogue::Diag::ALL {
        assert!(
            text.contains(d.id()),
            "{} missing from `sqltls rules`",
            d.id()
        );
    }
    let one = stdout(&sqltls(&["rules", "cert.keyspec-signature"]));
    assert!(one.contains("AT_KEYEXCHANGE"));
    let diag = stdout(&sqltls(&["rules", "diag.untrusted-root"]));
    assert!(
        diag.contains("does not trust the certificate's issuer"),
        "{diag}"
    );
    assert_eq!(sqltls(&["rules", "cert.nope"]).status.code(), Some(2));
}

#[test]
fn connection_strings_report_outcome_and_never_the_password() {
    let secret = "Sup3r;S3cret";
    let conn = format!(
        "Server=tcp:sql01.corp.example.com,1433;User ID=app;Password='{secret}';Encrypt=False"
    );
    for json in [true, false] {
        let mut args = vec![
            "--conn",
            conn.as_str(),
            "--driver",
            "sqlclient@2.1",
            "--force-encryption",
            "yes",
        ];
        if json {
            args.push("--json");
        }
        let out = check(&["good.pem"], &args);
        let text = stdout(&out);
        assert!(
            !text.contains(secret) && !text.contains("Sup3r"),
            "password leaked:\n{text}"
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("Sup3r"));
        if json {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let c = &v["connections"][0];
            assert_eq!(c["dialect"], "ado-net");
            assert_eq!(c["driver"], "sqlclient");
            assert_eq!(c["server"]["host"], "sql01.corp.example.com");
            assert_eq!(c["server"]["port"], 1433);
            assert_eq!(c["server"]["protocol"], "tcp");
            assert_eq!(c["outcome"]["encryption"], "full");
            assert_eq!(c["outcome"]["certificate_validated"], true);
            assert_eq!(c["outcome"]["validated_name"], "sql01.corp.example.com");
            assert_eq!(c["outcome"]["server_force_encryption"], true);
            assert!(c["outcomes"].as_array().unwrap().len() >= 8);
            assert!(c["redacted"].as_str().unwrap().contains("<redacted>"));
            // No certificate dropped: whether clients accept the server depends on it.
            assert_eq!(c["verdict"]["answer"], "depends");
            assert!(c["verdict"]["summary"]
                .as_str()
                .unwrap()
                .contains("carries the name sql01.corp.example.com"));
        } else {
            assert!(
                text.contains("full (certificate validated)")
                    && text.contains("must carry the name 'sql01.corp.example.com'"),
                "{text}"
            );
            // The verdict is the connection's first line after its header.
            let verdict = text
                .lines()
                .skip_while(|l| !l.starts_with("connection #0"))
                .nth(1)
                .unwrap_or_default();
            assert!(
                verdict.trim_start().starts_with("verdict     depends"),
                "{text}"
            );
        }
    }
}

#[test]
fn connection_strings_from_stdin_and_errors_from_flags() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args([
            "check",
            "--json",
            "--conn",
            "-",
            "--error",
            "The target principal name is incorrect.",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Server=a;Encrypt=True\n\njdbc:sqlserver://b:1433;encrypt=false\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["connections"].as_array().unwrap().len(), 2);
    assert_eq!(v["connections"][1]["dialect"], "jdbc");
    assert_eq!(v["connections"][1]["driver_inferred"], true);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"error.name-mismatch"), "{ids:?}");
    assert_eq!(out.status.code(), Some(1), "error.* findings are errors");
}

#[test]
fn evidence_files_are_read_and_cross_checked() {
    let evidence = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/evidence");
    let log = evidence
        .join("errorlog-2019-loaded.utf16.log")
        .display()
        .to_string();
    let out = sqltls(&["check", "--at", AT, &log, &fixture("good.pem")]);
    let text = stdout(&out);
    assert!(text.contains("server.cert-loaded"), "{text}");
    assert!(text.contains("for SQL Server 2019"), "{text}");
}

#[test]
fn text_opens_with_the_diagnosis_in_the_clients_words() {
    let dialog = sqltls_fixtures::text("evidence/ssms20-untrusted-root.txt");
    let out = check(
        &["via-issuing.pem"],
        &["--error", &dialog, "--color", "never"],
    );
    let text = stdout(&out);
    assert!(text.starts_with("Diagnosis\n  client: SSMS 20 (named by the pasted error)\n  1. SSMS 20 does not trust \"sqltls Test Issuing CA\""), "{text}");
    let first_step = text.lines().find(|l| l.contains("next step:")).unwrap();
    assert!(
        first_step.contains("Trusted Root Certification Authorities")
            && first_step.ends_with("[trust-root-commands]"),
        "{first_step}"
    );
    // A chosen client changes the words; an unknown one is a usage error.
    let out = check(
        &["self-signed.pem"],
        &[
            "--client",
            "jdbc-tool",
            "--conn",
            "jdbc:sqlserver://sql02.corp.example.com;encrypt=true",
            "--color",
            "never",
        ],
    );
    assert!(
        stdout(&out).contains("Java trust store"),
        "{}",
        stdout(&out)
    );
    let out = check(&["good.pem"], &["--client", "ssms-99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ssms-20"));
    // JSON carries the same diagnosis.
    let out = check(
        &["good-aes.pfx"],
        &["--password", PASSWORD, "--symptom", "not-listed", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_minor"], 3);
    assert_eq!(v["diagnosis"][0]["id"], "diag.not-listed-checklist");
    assert_eq!(v["diagnosis"][0]["actions"][0]["kind"], "check");
}

/// A generation observed with real clients by the conformance harness says so
/// in JSON (`verified_with`) and text; SqlClient, not installable, does not.
#[test]
fn outcomes_name_the_real_clients_they_were_observed_with() {
    let conn = "Server=db.example.com;Encrypt=true;User Id=app;Password=x";
    let o = check(&[], &["--conn", conn, "--driver", "tedious@16", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let tested = v["connections"][0]["outcome"]["verified_with"]
        .as_array()
        .expect("verified_with");
    assert!(tested.iter().any(|t| t == "tedious 16.7.1"), "{tested:?}");
    let text = stdout(&check(&[], &["--conn", conn, "--driver", "tedious@16"]));
    assert!(text.contains("tested      observed with tedious"), "{text}");

    let o = check(&[], &["--conn", conn, "--driver", "sqlclient", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["connections"][0]["outcome"]
        .get("verified_with")
        .is_none());
}
