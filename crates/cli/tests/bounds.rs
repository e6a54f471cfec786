//! Bounded input: FIFOs, devices, huge and sparse files, endless standard
//! input and hostile file names end with a finding and a normal exit; a
//! failed write to stdout, an absurd --driver version and a password that
//! starts with `-` are handled; --fail-on counts what could not be read.
//!
//! Every run is guarded: a child still running after `LIMIT` is killed and
//! the test fails, so a regression fails instead of hanging CI.

use serde_json::Value;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AT: &str = "2026-06-01T00:00:00Z";
const PASSWORD: &str = "Pa55w0rd!";
/// Generous: each run takes well under a second when it is bounded.
const LIMIT: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn fixture(name: &str) -> String {
    sqltls_fixtures::path(&format!("certs/{name}"))
        .display()
        .to_string()
}

/// Run `sqltls` in `dir` with `stdin` and `stdout`; kill it after `LIMIT`.
fn run_with(dir: &Path, args: &[&str], stdin: Stdio, stdout: Option<Stdio>) -> Run {
    let captured = stdout.is_none();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args(args)
        .current_dir(dir)
        .env_remove("SQLTLS_PASSWORD")
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .stdout(stdout.unwrap_or_else(Stdio::piped))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take();
    let err = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(mut o) = out {
            let _ = o.read_to_end(&mut s);
        }
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(mut e) = err {
            let _ = e.read_to_end(&mut s);
        }
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sqltls {args:?} did not finish: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    assert!(!captured || stdout.len() < 50_000_000);
    Run {
        code: status.code(),
        stdout,
        stderr,
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, Stdio::null(), None)
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn ids(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo failed");
}

#[test]
fn a_fifo_without_writer_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cert.pem");
    mkfifo(&fifo);
    let r = run(dir.path(), &["check", "cert.pem", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(ids(&doc), ["input.not-a-file"]);
    assert!(doc["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("named pipe"));
    assert_eq!(doc["inputs"][0]["name"], "cert.pem");
    // Text output too, and --fail-on input makes it fail.
    let r = run(dir.path(), &["check", "cert.pem", "--at", AT]);
    assert!(r.stdout.contains("input.not-a-file"), "{}", r.stdout);
    let r = run(
        dir.path(),
        &["check", "cert.pem", "--fail-on", "input", "--at", AT],
    );
    assert_eq!(r.code, Some(1));
    // Scan reports it as skipped, and does not hang either.
    let r = run(dir.path(), &["scan", "cert.pem", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["skipped"][0]["file"], "cert.pem");
    assert_eq!(doc["skipped"][0]["reason"], "not-a-file");
}

#[test]
fn a_fifo_inside_a_scanned_folder_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("web.config"));
    let r = run(dir.path(), &["scan", ".", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files_scanned"], 0);
    assert_eq!(doc["skipped"][0]["file"], "web.config");
    assert_eq!(doc["skipped"][0]["reason"], "not-a-file");
    let r = run(dir.path(), &["scan", ".", "--fail-on", "input", "--at", AT]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
}

#[test]
fn devices_are_not_read() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["check", "/dev/zero", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(ids(&doc), ["input.not-a-file"]);
    assert!(doc["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("character device"));
}

#[test]
fn endless_standard_input_is_cut() {
    let Ok(zero) = File::open("/dev/zero") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let r = run_with(
        dir.path(),
        &["check", "--conn", "-", "--json", "--at", AT],
        Stdio::from(zero),
        None,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(ids(&doc), ["input.too-large"]);
    assert_eq!(doc["inputs"][0]["name"], "stdin");
    assert!(doc["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("more than 1048576 bytes"));
}

#[test]
fn too_many_strings_on_standard_input_are_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conns.txt");
    let mut f = File::create(&path).unwrap();
    for i in 0..10_005 {
        writeln!(f, "Server=s{i}").unwrap();
    }
    drop(f);
    // Text output: 10,000 connection blocks stay well under the capture limit.
    let r = run_with(
        dir.path(),
        &["check", "--conn", "-", "--at", AT],
        Stdio::from(File::open(&path).unwrap()),
        None,
    );
    let blocks = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("connection #"))
        .count();
    assert_eq!(blocks, 10_000);
    assert!(
        r.stdout.contains("Server=s9999\n"),
        "the last string kept is shown"
    );
    assert!(
        !r.stdout.contains("Server=s10000\n"),
        "a string after the cap was read"
    );
    assert_eq!(
        r.stdout
            .matches("only the first 10000 of 10005 connection strings were read")
            .count(),
        1
    );
}

#[test]
fn a_sparse_two_gigabyte_file_is_too_large_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = File::create(dir.path().join("big.pem")).unwrap();
    f.set_len(2 * 1024 * 1024 * 1024).unwrap();
    drop(f);
    let r = run(dir.path(), &["check", "big.pem", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(ids(&doc), ["input.too-large"]);
    assert!(doc["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("2147483648 bytes"));
    assert_eq!(doc["summary"]["warnings"], 1);
    let r = run(
        dir.path(),
        &["check", "big.pem", "--fail-on", "input", "--at", AT],
    );
    assert_eq!(r.code, Some(1));
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_root_given_to_scan_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
    let r = run(dir.path(), &["scan", "root", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files_scanned"], 0);
    assert_eq!(doc["skipped"][0]["file"], "root");
    assert_eq!(doc["skipped"][0]["reason"], "symlink");
    let r = run(dir.path(), &["scan", "root", "--at", AT]);
    assert!(r.stdout.contains("root: skipped (symlink)"), "{}", r.stdout);
    let r = run(
        dir.path(),
        &["scan", "root", "--fail-on", "skipped", "--at", AT],
    );
    assert_eq!(r.code, Some(1));
}

#[cfg(unix)]
#[test]
fn a_symlink_given_to_scan_is_followed_with_follow() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(
        target.join("app.config"),
        "<add connectionString=\"Server=sql01.corp.example.com;Database=Shop;Encrypt=False\" />\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link")).unwrap();
    let r = run(
        dir.path(),
        &["scan", "link", "--follow", "--json", "--at", AT],
    );
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files_scanned"], 1, "{}", r.stdout);
    assert!(doc["skipped"].as_array().unwrap().is_empty());
}

#[test]
fn skipped_files_are_listed_and_can_fail_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    // Over 10 MiB, a string at its start: skipped, and said so.
    let mut big = File::create(dir.path().join("big.config")).unwrap();
    big.write_all(b"Server=sql01.corp.example.com;Encrypt=False\n")
        .unwrap();
    big.set_len(11 * 1024 * 1024).unwrap();
    drop(big);
    std::fs::write(dir.path().join("logo.bin"), b"\x89PNG\0\0\0binary").unwrap();
    let r = run(dir.path(), &["scan", ".", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let skipped = doc["skipped"].as_array().unwrap();
    let reason = |file: &str| {
        skipped
            .iter()
            .find(|s| s["file"] == file)
            .map(|s| s["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(reason("big.config").as_deref(), Some("too-large"));
    assert_eq!(reason("logo.bin").as_deref(), Some("binary"));
    let text = run(dir.path(), &["scan", ".", "--at", AT]).stdout;
    assert!(text.contains("big.config: skipped (too-large)"), "{text}");
    assert!(text.contains("Skipped 2 paths (1 binary"), "{text}");
    for (fail_on, code) in [("error", 0), ("never", 0), ("input", 1), ("skipped", 1)] {
        let r = run(dir.path(), &["scan", ".", "--fail-on", fail_on, "--at", AT]);
        assert_eq!(r.code, Some(code), "--fail-on {fail_on}");
    }
    // SARIF carries them as notifications.
    let r = run(dir.path(), &["scan", ".", "--sarif", "--at", AT]);
    let sarif: Value = serde_json::from_str(&r.stdout).unwrap();
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes
        .iter()
        .any(|n| n["properties"]["reason"] == "too-large"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("big.config")));
}

#[cfg(target_os = "linux")]
#[test]
fn control_characters_in_names_are_escaped_and_raw_names_stay_apart() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let body =
        "<add connectionString=\"Server=sql01.corp.example.com;Database=Shop;Encrypt=False\" />\n";
    std::fs::write(dir.path().join("evil\x1b[2J\nname.config"), body).unwrap();
    for raw in [&b"x\xff.config"[..], &b"x\xfe.config"[..]] {
        std::fs::write(dir.path().join(OsStr::from_bytes(raw)), body).unwrap();
    }
    let r = run(dir.path(), &["scan", ".", "--at", AT]);
    assert!(!r.stdout.contains('\x1b'), "{}", r.stdout);
    assert!(
        r.stdout.contains("evil\\x1b[2J\\nname.config:1:"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("x\\xff.config:1:"), "{}", r.stdout);
    assert!(r.stdout.contains("x\\xfe.config:1:"), "{}", r.stdout);
    let r = run(dir.path(), &["scan", ".", "--json", "--at", AT]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files_scanned"], 3);
    let mut files: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(files.len(), 3, "{files:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_is_an_error_but_a_closed_pipe_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let full = || File::options().write(true).open("/dev/full").unwrap();
    let pem = fixture("good.pem");
    let r = run_with(
        dir.path(),
        &["check", &pem, "--at", AT],
        Stdio::null(),
        Some(Stdio::from(full())),
    );
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("cannot write to standard output"),
        "{}",
        r.stderr
    );
    let r = run_with(
        dir.path(),
        &["rules"],
        Stdio::null(),
        Some(Stdio::from(full())),
    );
    assert_eq!(r.code, Some(2));
    let r = run_with(
        dir.path(),
        &["scan", &pem, "--at", AT],
        Stdio::null(),
        Some(Stdio::from(full())),
    );
    assert_eq!(r.code, Some(2));
    // A reader that stops early (`| head`) is not an error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_password_starting_with_a_dash_is_taken_and_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let pfx = fixture("good-aes.pfx");
    let r = run(
        dir.path(),
        &[
            "check",
            &pfx,
            "--password",
            "--Hunt3rTwo",
            "--json",
            "--at",
            AT,
        ],
    );
    assert!(matches!(r.code, Some(0) | Some(1)), "{}", r.stderr);
    assert!(!r.stdout.contains("Hunt3rTwo") && !r.stderr.contains("Hunt3rTwo"));
    assert!(ids(&json(&r)).contains(&"input.pfx-wrong-password".to_string()));
    // An error elsewhere on the line does not echo it either.
    for args in [
        &["check", &pfx, "--password", "--Hunt3rTwo", "--bogus"][..],
        &["check", "--password", "--Hunt3rTwo"][..],
        &[
            "scan",
            "--password",
            "--Hunt3rTwo",
            "--fail-on",
            "nope",
            ".",
        ][..],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert!(
            !r.stdout.contains("Hunt3rTwo") && !r.stderr.contains("Hunt3rTwo"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn an_overflowing_driver_version_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for driver in [
        "odbc@99999999999999999999999",
        "odbc@4294967296",
        "odbc@5000",
    ] {
        let r = run(
            dir.path(),
            &[
                "check",
                "--conn",
                "Server=a;Encrypt=True",
                "--driver",
                driver,
            ],
        );
        assert_eq!(r.code, Some(2), "{driver}: {}", r.stdout);
        assert!(r.stderr.contains("version"), "{driver}: {}", r.stderr);
    }
    let r = run(
        dir.path(),
        &[
            "check",
            "--conn",
            "Server=a;Encrypt=True",
            "--driver",
            "odbc@18",
        ],
    );
    assert!(matches!(r.code, Some(0) | Some(1)), "{}", r.stderr);
}

#[test]
fn fail_on_input_fails_on_a_wrong_password() {
    let dir = tempfile::tempdir().unwrap();
    let pfx = fixture("good-aes.pfx");
    let wrong = ["check", &pfx, "--password", "not-it", "--at", AT];
    assert_eq!(run(dir.path(), &wrong).code, Some(0));
    let mut args = wrong.to_vec();
    args.extend(["--fail-on", "input"]);
    assert_eq!(run(dir.path(), &args).code, Some(1));
    let mut args = wrong.to_vec();
    args.extend(["--fail-on", "never"]);
    assert_eq!(run(dir.path(), &args).code, Some(0));
    // The right password: nothing about the input.
    let right = [
        "check",
        &pfx,
        "--password",
        PASSWORD,
        "--fail-on",
        "input",
        "--at",
        AT,
    ];
    let r = run(dir.path(), &right);
    assert!(!r.stdout.contains("input."), "{}", r.stdout);
    // Scan: the same.
    let r = run(
        dir.path(),
        &[
            "scan",
            &pfx,
            "--password",
            "not-it",
            "--fail-on",
            "input",
            "--at",
            AT,
        ],
    );
    assert_eq!(r.code, Some(1), "{}", r.stdout);
}

#[test]
fn a_file_with_too_many_connection_strings_is_scanned_in_part_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut env = String::new();
    for i in 0..5_200 {
        env.push_str(&format!(
            "DB_{i}=Server=sql{i}.corp.example.com;Encrypt=False;Password=Pl4nted-{i}\n"
        ));
    }
    std::fs::write(dir.path().join("generated.env"), env).unwrap();
    let r = run(dir.path(), &["scan", ".", "--json", "--at", AT]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.contains("Pl4nted-"), "a password was printed");
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let skipped = doc["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0]["reason"], "too-many-strings");
    assert!(skipped[0]["detail"]
        .as_str()
        .unwrap()
        .starts_with("5200 connection strings found; only the first 5000"));
    // Only the first 5,000 lines were analysed.
    let lines: Vec<u64> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert!(lines.contains(&5_000), "the 5000th string is reported");
    assert!(
        lines.iter().all(|&l| l <= 5_000),
        "a string after the cap was analysed"
    );
    let r = run(dir.path(), &["scan", ".", "--fail-on", "input", "--at", AT]);
    assert_eq!(r.code, Some(1), "a partial scan fails --fail-on input");
}
