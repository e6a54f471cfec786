//! Criterion benchmarks of the core: `cargo bench -p sqltls-core`.
//!
//! Groups (names are what `bench/README.md` quotes):
//! - `cert/decode/good.pem`, `cert/analyze/good.pem`, `cert/analyze/chain-3`,
//!   `cert/analyze/sha1.pem`, `cert/analyze/rsa1024.pem`: per-certificate cost
//!   of the full report (`sqltls_core::analyze`: analysis and remedies).
//! - `cert/analysis/good.pem`, `cert/analysis/sha1.pem`,
//!   `cert/analysis/rsa1024.pem`: the analysis alone
//!   (`sqltls_core::analyze::run`: decode, chain, rules, no remedies).
//! - `pfx/decode/good-aes.pfx`, `pfx/analyze/good-aes.pfx`: PBES2/AES-256 with
//!   2048 PBKDF2-SHA256 iterations (and a 2048-iteration MAC), reported apart
//!   because the key derivation dominates.
//! - `connstr/mixed-1000`: 1,000 strings of every dialect through
//!   `analyze_connection` (throughput in elements/s = strings/s).
//! - `evidence/errorlog-2019`: an ERRORLOG through `evidence::analyze_text`.
//!
//! Sample sizes and times are kept small so the whole run stays well under
//! three minutes on two cores.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sqltls_core::connstr::{analyze_connection, ConnectionRequest};
use sqltls_core::{analyze, AnalysisRequest, InputFile};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// 2025-06-15T16:26:40Z: inside the fixtures' validity.
const NOW: i64 = 1_750_000_000;

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn request(names: &[&str], password: Option<&str>) -> AnalysisRequest {
    AnalysisRequest {
        files: names
            .iter()
            .map(|n| InputFile {
                name: (*n).to_string(),
                bytes: fixture(&format!("certs/{n}")),
            })
            .collect(),
        password: password.map(str::to_string),
        now_unix: NOW,
        ..AnalysisRequest::default()
    }
}

fn certificates(c: &mut Criterion) {
    let mut g = c.benchmark_group("cert");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    let good = fixture("certs/good.pem");
    g.bench_function("decode/good.pem", |b| {
        b.iter(|| sqltls_core::input::decode("good.pem", black_box(&good), None))
    });
    for name in ["good.pem", "sha1.pem", "rsa1024.pem"] {
        let req = request(&[name], None);
        g.bench_function(format!("analyze/{name}"), |b| {
            b.iter(|| analyze(black_box(&req)))
        });
        g.bench_function(format!("analysis/{name}"), |b| {
            b.iter(|| sqltls_core::analyze::run(black_box(&req)))
        });
    }
    let chain = request(&["via-issuing.pem", "issuing-ca.pem", "root-ca.pem"], None);
    g.bench_function("analyze/chain-3", |b| b.iter(|| analyze(black_box(&chain))));
    g.finish();
}

fn pfx(c: &mut Criterion) {
    let mut g = c.benchmark_group("pfx");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    let bytes = fixture("certs/good-aes.pfx");
    g.bench_function("decode/good-aes.pfx", |b| {
        b.iter(|| sqltls_core::input::decode("good-aes.pfx", black_box(&bytes), Some("Pa55w0rd!")))
    });
    let req = request(&["good-aes.pfx"], Some("Pa55w0rd!"));
    g.bench_function("analyze/good-aes.pfx", |b| {
        b.iter(|| analyze(black_box(&req)))
    });
    g.finish();
}

/// 1,000 connection strings: every dialect, with varied hosts, ports,
/// instances, encryption settings, quoting and the odd typo.
pub fn mixed_connection_strings() -> Vec<String> {
    let enc = [
        "True",
        "False",
        "Strict",
        "Mandatory",
        "Optional",
        "yes",
        "no",
    ];
    let mut out = Vec::with_capacity(1000);
    for i in 0..1000usize {
        let host = format!("sql{:03}.corp{}.example.com", i % 997, i % 7);
        let e = enc[i % enc.len()];
        let s = match i % 10 {
            0 => format!("Server=tcp:{host},{};Database=app{i};User ID=app;Password=p@ss{i};Encrypt={e};TrustServerCertificate={}", 1433 + i % 3, i % 2 == 0),
            1 => format!("Data Source={host}\\INST{};Initial Catalog=db;Integrated Security=SSPI;Encrypt={e};HostNameInCertificate=*.corp.example.com", i % 4),
            2 => format!("Driver={{ODBC Driver 18 for SQL Server}};Server={host},1433;Database=db;UID=app;PWD={{p;w{i}}};Encrypt={e};TrustServerCertificate=no"),
            3 => format!("Driver={{ODBC Driver 17 for SQL Server}};Server=tcp:{host};Trusted_Connection=yes;Encrypt=yes;HostnameInCertificate={host}"),
            4 => format!("Provider=MSOLEDBSQL19;Data Source={host};Initial Catalog=db;User ID=app;Password=\"x;y{i}\";Use Encryption for Data={e};Trust Server Certificate=False"),
            5 => format!("jdbc:sqlserver://{host}:1433;databaseName=db;user=app;password={{sec;ret{i}}};encrypt={};trustServerCertificate=false;hostNameInCertificate=*.example.com", if i % 2 == 0 { "true" } else { "strict" }),
            6 => format!("sqlserver://app:pw{i}@{host}:1433/INST?database=db&encrypt={}&TrustServerCertificate=false", if i % 3 == 0 { "disable" } else { "true" }),
            7 => format!("[global]\n\ttds version = 7.4\n\tencryption = {}\n[{host}]\n\thost = {host}\n\tport = 1433\n", if i % 2 == 0 { "require" } else { "request" }),
            8 => format!("Server={host};Databse=db;Encrpyt=True;User Id=app;Password='it''s{i}';Connect Timeout=30;MultiSubnetFailover=True"),
            _ => format!("server={host};user id=app;password=pw{i};encrypt={e};trustServerCertificate=true;Application Name=app{i};Min Pool Size=5"),
        };
        out.push(s);
    }
    out
}

fn connection_strings(c: &mut Criterion) {
    let mut g = c.benchmark_group("connstr");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    let strings = mixed_connection_strings();
    g.throughput(Throughput::Elements(strings.len() as u64));
    g.bench_function("mixed-1000", |b| {
        b.iter(|| {
            for s in &strings {
                black_box(analyze_connection(
                    &ConnectionRequest {
                        text: s,
                        driver: None,
                        server_force_encryption: None,
                    },
                    &[],
                ));
            }
        })
    });
    g.finish();
}

fn evidence(c: &mut Criterion) {
    let mut g = c.benchmark_group("evidence");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    let bytes = fixture("evidence/errorlog-2019-loaded.utf8.log");
    let text = String::from_utf8(bytes).expect("UTF-8 fixture");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("errorlog-2019", |b| {
        b.iter(|| sqltls_core::evidence::analyze_text(black_box(&text), &[], None))
    });
    g.finish();
}

criterion_group!(benches, certificates, pfx, connection_strings, evidence);
criterion_main!(benches);
