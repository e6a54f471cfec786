//! Inputs found by fuzzing (crashes, timeouts, and a few interesting
//! minimised corpus entries), kept as regression tests.
//!
//! Every file in `tests/fixtures/fuzz-regressions/<target>/` is fed through
//! the decoder that target exercises and then through the full `analyze`;
//! nothing may panic and nothing may take long. The layouts are those of the
//! fuzz targets in `fuzz/fuzz_targets/<target>.rs` (see `fuzz/README.md`).

use sqltls_core::connstr::{analyze_connection, redact, ConnectionRequest};
use sqltls_core::{analyze, AnalysisRequest, InputFile, SqlServerVersion};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PASSWORD: &str = "Pa55w0rd!";
const NOW: i64 = 1_750_000_000;
/// Generous for debug builds; a regression of a quadratic loop blows far past it.
const LIMIT: Duration = Duration::from_secs(10);

const TARGETS: &[&str] = &[
    "decode_any",
    "pkcs7",
    "pkcs12",
    "connstr",
    "evidence",
    "analyze",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz-regressions")
}

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir().join(target)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The whole analysis with `bytes` as a file, as a connection string and as
/// a pasted error.
fn full_analyze(bytes: &[u8]) {
    let _ = analyze(&AnalysisRequest {
        files: vec![InputFile {
            name: "fuzz.bin".into(),
            bytes: bytes.to_vec(),
        }],
        password: Some(PASSWORD.into()),
        now_unix: NOW,
        connections: vec![text(bytes)],
        errors: vec![text(bytes)],
        ..AnalysisRequest::default()
    });
}

/// The `analyze` fuzz target's layout (flags byte, pieces split on `\n--8<--\n`).
fn analyze_target(data: &[u8]) {
    const SEP: &[u8] = b"\n--8<--\n";
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let mut pieces = Vec::new();
    while let Some(at) = rest.windows(SEP.len()).position(|w| w == SEP) {
        pieces.push(&rest[..at]);
        rest = &rest[at + SEP.len()..];
        if pieces.len() == 5 {
            break;
        }
    }
    pieces.push(rest);
    let mut pieces = pieces.into_iter();
    let names = ["server.pem", "bundle.p7b", "server.pfx"];
    let files: Vec<InputFile> = names
        .iter()
        .take((flags & 3) as usize)
        .filter_map(|n| {
            pieces.next().map(|b| InputFile {
                name: (*n).into(),
                bytes: b.to_vec(),
            })
        })
        .collect();
    let connections = pieces.next().map(text).into_iter().collect();
    let errors = pieces.next().map(text).into_iter().collect();
    let _ = analyze(&AnalysisRequest {
        files,
        password: (flags & 4 != 0).then(|| PASSWORD.into()),
        now_unix: NOW,
        server_version: match flags >> 6 {
            0 => None,
            1 => Some(SqlServerVersion::V2016),
            2 => Some(SqlServerVersion::V2008R2),
            _ => SqlServerVersion::from_major(16, 0),
        },
        connections,
        driver: match (flags >> 3) & 3 {
            0 => None,
            1 => Some("odbc@17".into()),
            2 => Some("sqlclient".into()),
            _ => Some("jdbc@12.2".into()),
        },
        server_force_encryption: (flags & 0x20 != 0).then_some(true),
        errors,
        ..AnalysisRequest::default()
    });
}

fn run_target(target: &str, data: &[u8]) {
    match target {
        "decode_any" => {
            let _ = sqltls_core::input::decode("fuzz.bin", data, None);
        }
        "pkcs7" => {
            let _ = sqltls_core::input::pkcs7::decode("fuzz.p7b", data);
        }
        #[cfg(feature = "crypto")]
        "pkcs12" => {
            let _ = sqltls_core::input::pkcs12::decode(data, Some(PASSWORD));
        }
        // The light build recognises PKCS#12 without opening it.
        #[cfg(not(feature = "crypto"))]
        "pkcs12" => {
            let _ = sqltls_core::input::decode("fuzz.pfx", data, Some(PASSWORD));
        }
        "connstr" => {
            let t = text(data.get(1..).unwrap_or_default());
            for driver in [None, Some("odbc@18.1"), Some("jdbc"), Some("freetds")] {
                let _ = analyze_connection(
                    &ConnectionRequest {
                        text: &t,
                        driver,
                        server_force_encryption: Some(true),
                    },
                    &[],
                );
            }
            let _ = redact(&t);
        }
        "evidence" => {
            let _ = sqltls_core::evidence::analyze_text(&text(data), &[], None);
        }
        "analyze" => analyze_target(data),
        other => panic!("unknown target folder {other}"),
    }
    full_analyze(data);
}

#[test]
fn fuzz_regressions_do_not_panic_or_stall() {
    let mut seen = 0;
    for target in TARGETS {
        for (name, data) in inputs(target) {
            let start = Instant::now();
            let result = std::panic::catch_unwind(|| run_target(target, &data));
            assert!(result.is_ok(), "{target}/{name} panicked");
            let took = start.elapsed();
            assert!(took < LIMIT, "{target}/{name} took {took:?}");
            seen += 1;
        }
    }
    assert!(seen > 0, "no regression inputs under {}", dir().display());
}

#[test]
fn every_folder_is_a_known_target() {
    for entry in std::fs::read_dir(dir()).unwrap().filter_map(Result::ok) {
        if entry.path().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(TARGETS.contains(&name.as_str()), "unknown folder {name}");
        }
    }
}
