//! End-to-end runs of the `sqltls` binary over the generated fixtures.

use std::path::PathBuf;
use std::process::{Command, Output};

const AT: &str = "2026-06-01T00:00:00Z";
const PASSWORD: &str = "Pa55w0rd!";

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/certs")
        .join(name)
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
    let one = stdout(&sqltls(&["rules", "cert.keyspec-signature"]));
    assert!(one.contains("AT_KEYEXCHANGE"));
    assert_eq!(sqltls(&["rules", "cert.nope"]).status.code(), Some(2));
}
