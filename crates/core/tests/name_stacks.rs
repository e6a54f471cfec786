//! Host-name checks against the real TLS stacks.
//!
//! `tests/names/differential.py` makes certificates with the openssl command
//! line and asks OpenSSL (`x509 -checkhost/-checkip`), GnuTLS
//! (`gnutls_x509_crt_check_hostname2` through its C library), Node
//! (`tls.checkServerIdentity`) and Go (`crypto/x509`) whether each of a set of
//! host names matches each certificate. This test decodes the same
//! certificates with sqltls and requires [`name_stacks::check`] to give the
//! same answer as each real stack, for every pair; then that every driver
//! answers as its stack does.
//!
//! A stack missing on this machine is skipped with a note, unless
//! `SQLTLS_REQUIRE_STACKS=1` (set by `tests/run-all.sh`, which installs them).

use serde_json::Value;
use sqltls_core::connstr::capabilities::TlsStack;
use sqltls_core::connstr::name_stacks::{check, Names};
use sqltls_core::connstr::{match_name_with, stacks, DriverId, NameMatch};
use sqltls_core::input::decode;
use std::path::PathBuf;
use std::process::Command;

fn required() -> bool {
    std::env::var("SQLTLS_REQUIRE_STACKS").is_ok_and(|v| v == "1")
}

fn truth() -> Option<(PathBuf, Value)> {
    let script = sqltls_fixtures::root().join("../names/differential.py");
    let out = std::env::temp_dir().join(format!("sqltls-names-{}", std::process::id()));
    let run = Command::new("python3").arg(&script).arg(&out).output();
    match run {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "differential.py failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => {
            assert!(!required(), "python3 is needed: {e}");
            eprintln!("skipped: python3 not available ({e})");
            return None;
        }
    }
    let text = std::fs::read_to_string(out.join("truth.json")).expect("truth.json");
    Some((
        out,
        serde_json::from_str(&text).expect("truth.json is JSON"),
    ))
}

fn stack_of(name: &str) -> TlsStack {
    match name {
        "openssl" => TlsStack::OpenSsl,
        "node" => TlsStack::NodeTls,
        "go" => TlsStack::GoX509,
        "gnutls" => TlsStack::GnuTls,
        other => panic!("unknown stack {other}"),
    }
}

#[test]
fn every_stack_answers_as_the_real_one() {
    let Some((dir, truth)) = truth() else {
        return;
    };
    let missing = truth["missing"].as_object().expect("missing");
    for (stack, why) in missing {
        assert!(!required(), "{stack} is needed: {why}");
        eprintln!("skipped {stack}: {why}");
    }
    let hosts: Vec<&str> = truth["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let mut compared = 0;
    let mut differences = Vec::new();
    for (case, _) in truth["cases"].as_object().unwrap() {
        let pem = std::fs::read(dir.join(format!("{case}.pem"))).expect("certificate");
        let decoded = decode(&format!("{case}.pem"), &pem, None);
        let cert = decoded.certificates.first().expect("decoded certificate");
        let names = Names {
            dns: &cert.san_dns,
            ips: &cert.san_ip,
            cns: &cert.common_names,
        };
        for (stack, table) in truth["stacks"].as_object().unwrap() {
            for &host in &hosts {
                let real = table[case][host].as_bool().expect("bool");
                let ours = check(stack_of(stack), host, names).is_some();
                compared += 1;
                if real != ours {
                    differences.push(format!(
                        "{stack:8} {case:28} {host:32} real {real}, sqltls {ours}"
                    ));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        differences.is_empty(),
        "{} of {compared} differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
    if required() {
        assert!(compared >= 4 * 22 * 20, "only {compared} pairs compared");
    }
}

#[test]
fn each_driver_uses_its_stacks() {
    // The driver table names the stacks: the answers follow.
    assert_eq!(stacks(DriverId::GoMssqldb), (TlsStack::GoX509, None));
    assert_eq!(stacks(DriverId::Tedious), (TlsStack::NodeTls, None));
    assert_eq!(
        stacks(DriverId::FreeTds),
        (TlsStack::OpenSsl, Some(TlsStack::GnuTls))
    );
    assert_eq!(
        stacks(DriverId::Odbc),
        (TlsStack::Schannel, Some(TlsStack::OpenSsl))
    );
    assert_eq!(
        stacks(DriverId::SqlClient),
        (TlsStack::Schannel, Some(TlsStack::DotNet))
    );
    // A CN-only certificate: Node reads the CN, Go never does.
    let pem = sqltls_fixtures::bytes("certs/no-san.pem");
    let cert = decode("no-san.pem", &pem, None).certificates.remove(0);
    let host = "sql01.corp.example.com";
    assert!(matches!(
        match_name_with(TlsStack::NodeTls, host, &cert),
        NameMatch::Matches { .. }
    ));
    assert!(matches!(
        match_name_with(TlsStack::GoX509, host, &cert),
        NameMatch::Mismatch {
            common_name_ignored: true,
            ..
        }
    ));
}
