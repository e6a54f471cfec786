//! End-to-end runs of `sqltls scan` (and `check --sarif`) over
//! `tests/fixtures/scan/`: every planted string found at its file, line and
//! column with the expected finding ids; ignored, binary and `node_modules/`
//! files skipped; `--fail-on` exit statuses; no secret in any output; SARIF
//! valid against the SARIF 2.1.0 JSON schema.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AT: &str = "2026-06-01T00:00:00Z";
/// Every fake password planted in the fixtures starts with this.
const FAKE_SECRET: &str = "Fake-Scan-Pw";
/// Password of the fixture .pfx files.
const PFX_PASSWORD: &str = "Pa55w0rd!";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the fixture tree plus the files git would not commit: a
/// `.gitignore`d settings file and a `node_modules/` package, each with a
/// planted string that must not be reported.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/scan"), dir.path());
    std::fs::write(
        dir.path().join("app/secrets.local.json"),
        "{ \"ConnectionStrings\": { \"Local\": \"Server=ignored.corp.example.com;Password=Fake-Scan-Pw-ignored;Encrypt=False\" } }\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("node_modules/db")).unwrap();
    std::fs::write(
        dir.path().join("node_modules/db/index.js"),
        "module.exports = 'Server=node.corp.example.com;Password=Fake-Scan-Pw-node;Encrypt=false';\n",
    )
    .unwrap();
    dir
}

fn sqltls(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args(args)
        .current_dir(dir)
        .env_remove("SQLTLS_PASSWORD")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn scan_json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["scan", ".", "--at", AT, "--json"];
    args.extend(extra);
    let out = sqltls(dir, &args);
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// (file, line, column, ids that must be among the results there).
const PLANTED: &[(&str, usize, usize, &[&str])] = &[
    (
        ".env",
        3,
        28,
        &["conn.encrypt-disabled", "conn.secret-present"],
    ),
    (
        "app/appsettings.json",
        7,
        14,
        &["conn.trust-server-certificate", "conn.secret-present"],
    ),
    ("app/web.config", 4, 42, &["conn.encrypt-disabled"]),
    ("certs/expired.pem", 1, 1, &["cert.expired"]),
    ("certs/nokey.pfx", 1, 1, &["input.pfx-password-required"]),
    ("etc/freetds.conf", 5, 1, &["conn.encrypt-disabled"]),
    (
        "etc/odbc.ini",
        4,
        1,
        &["conn.encrypt-disabled", "conn.trust-server-certificate"],
    ),
    (
        "java/src/main/resources/application.properties",
        3,
        23,
        &["conn.trust-server-certificate"],
    ),
    (
        "java/src/main/resources/application.yml",
        5,
        10,
        &["conn.encrypt-disabled"],
    ),
    (
        "scripts/report.py",
        6,
        28,
        &["conn.encrypt-disabled", "conn.host-is-ip"],
    ),
    ("src/Db.cs", 8, 35, &["conn.encrypt-disabled"]),
];

#[test]
fn every_planted_string_is_found_where_it_is() {
    let dir = tree();
    let doc = scan_json(dir.path(), &[]);
    assert_eq!(doc["schema_version"], 1);
    let results = doc["results"].as_array().unwrap();
    for (file, line, column, ids) in PLANTED {
        let here: Vec<&str> = results
            .iter()
            .filter(|r| r["file"] == *file && r["line"] == *line && r["column"] == *column)
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        for id in *ids {
            assert!(
                here.contains(id),
                "{file}:{line}:{column}: expected {id}, got {here:?}"
            );
        }
    }
    // Nothing anywhere else: every result is at a planted place.
    for r in results {
        assert!(
            PLANTED
                .iter()
                .any(|(f, l, c, _)| r["file"] == *f && r["line"] == *l && r["column"] == *c),
            "unexpected result {r}"
        );
        for key in ["title", "message", "fix", "severity"] {
            assert!(r[key].is_string(), "{key} missing in {r}");
        }
    }
    // Located connection strings carry their end and redacted text.
    let shop = results
        .iter()
        .find(|r| r["file"] == "app/appsettings.json")
        .unwrap();
    assert_eq!(shop["end_line"], 7);
    assert_eq!(shop["end_column"], 138);
    assert_eq!(
        shop["redacted"],
        "Server=tcp:sql01.corp.example.com,1433;Database=Shop;User ID=shop_app;Password=<redacted>;TrustServerCertificate=True"
    );
    // 14 text and certificate files; the .gitignore'd file, node_modules/,
    // the binary and the .ignore'd README are not among them.
    assert_eq!(doc["files_scanned"], 14);
    assert_eq!(doc["connection_strings"], 9);
}

#[test]
fn skipped_files_are_not_reported() {
    let dir = tree();
    let text = stdout(&sqltls(dir.path(), &["scan", ".", "--at", AT]));
    for skipped in [
        "secrets.local.json",
        "node_modules",
        "logo.bin",
        "notes.txt",
        "README.md",
        "ignored.corp.example.com",
        "binary.corp.example.com",
    ] {
        assert!(!text.contains(skipped), "{skipped} reported:\n{text}");
    }
    assert!(text.contains("src/Db.cs:8:35 warning conn.encrypt-disabled"));
    assert!(text.contains("Scanned 14 files"));
    // The progress bar is for terminals only: nothing on a piped stderr.
    let out = sqltls(dir.path(), &["scan", ".", "--at", AT]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_single_file_can_be_scanned() {
    let dir = tree();
    let out = sqltls(dir.path(), &["scan", "src/Db.cs", "--json", "--at", AT]);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["files_scanned"], 1);
    assert!(doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["file"] == "src/Db.cs" && r["line"] == 8));
}

#[test]
fn fail_on_sets_the_exit_status() {
    let dir = tree();
    let code = |args: &[&str]| {
        let mut all = vec!["scan", "--at", AT];
        all.extend(args);
        sqltls(dir.path(), &all).status.code()
    };
    assert_eq!(code(&["."]), Some(1), "cert.expired is an error");
    assert_eq!(code(&[".", "--fail-on", "error"]), Some(1));
    assert_eq!(code(&[".", "--fail-on", "never"]), Some(0));
    assert_eq!(code(&["java"]), Some(0), "warnings only");
    assert_eq!(code(&["java", "--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["docs"]), Some(0));
    assert_eq!(code(&["docs", "--fail-on", "warning"]), Some(0));
    assert_eq!(code(&["no/such/folder"]), Some(2));
    assert_eq!(code(&[".", "--fail-on", "sometimes"]), Some(2));
    assert_eq!(code(&[".", "--json", "--sarif"]), Some(2));
    assert_eq!(code(&[]), Some(2));
    assert_eq!(code(&[".", "--driver", "bogus"]), Some(2));
}

#[test]
fn no_secret_in_any_output() {
    let dir = tree();
    for format in [None, Some("--json"), Some("--sarif")] {
        for password in [None, Some(PFX_PASSWORD)] {
            let mut args = vec!["scan", ".", "--at", AT];
            args.extend(format);
            if let Some(p) = password {
                args.extend(["--password", p]);
            }
            let out = sqltls(dir.path(), &args);
            let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
            assert!(!all.contains(FAKE_SECRET), "{format:?}: secret leaked");
            assert!(!all.contains(PFX_PASSWORD), "{format:?}: password leaked");
            assert!(!all.contains("&xml"), "{format:?}: secret leaked");
        }
    }
    // With the password the .pfx opens: no password finding any more.
    let doc = scan_json(dir.path(), &["--password", PFX_PASSWORD]);
    assert!(!doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "input.pfx-password-required"));
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
        .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(doc: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

#[test]
fn scan_sarif_is_valid_and_located() {
    let dir = tree();
    let out = sqltls(dir.path(), &["scan", ".", "--at", AT, "--sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_valid_sarif(&doc);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "sqltls");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(!loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .contains('\\'));
        assert!(r["partialFingerprints"]["sqltls/v1"].is_string());
    }
    let rule = rules
        .iter()
        .find(|r| r["id"] == "conn.trust-server-certificate")
        .unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    assert!(rule["help"]["text"].as_str().unwrap().len() > 10);
    let shop = results
        .iter()
        .find(|r| {
            r["ruleId"] == "conn.trust-server-certificate"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "app/appsettings.json"
        })
        .unwrap();
    let region = &shop["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 7);
    assert_eq!(region["startColumn"], 14);
    assert_eq!(region["endLine"], 7);
    assert_eq!(region["endColumn"], 138);
    assert!(region["snippet"]["text"]
        .as_str()
        .unwrap()
        .contains("Password=<redacted>"));
    // Fingerprints are stable from run to run.
    let again: Value = serde_json::from_str(&stdout(&sqltls(
        dir.path(),
        &["scan", ".", "--at", AT, "--sarif"],
    )))
    .unwrap();
    assert_eq!(doc, again);
}

#[test]
fn check_sarif_is_valid() {
    let dir = tree();
    let out = sqltls(
        dir.path(),
        &[
            "check",
            "--at",
            AT,
            "certs/expired.pem",
            "--conn",
            "Server=tcp:10.1.2.3;Password=Fake-Scan-Pw-check;Encrypt=False",
            "--sarif",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains(FAKE_SECRET));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let expired = results
        .iter()
        .find(|r| r["ruleId"] == "cert.expired")
        .unwrap();
    assert_eq!(
        expired["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "certs/expired.pem"
    );
    let conn = results
        .iter()
        .find(|r| r["ruleId"] == "conn.encrypt-disabled")
        .unwrap();
    assert!(
        conn.get("locations").is_none(),
        "a --conn string has no artifact"
    );
}

#[test]
fn the_schema_rejects_broken_sarif() {
    // The validator really validates: a result without a message is refused.
    let bad = serde_json::json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "x" } }, "results": [{ "ruleId": "a" }] }]
    });
    assert!(!sarif_validator().is_valid(&bad));
}
