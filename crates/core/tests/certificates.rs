//! Certificate engine over the generated fixtures (tests/fixtures/certs, made
//! by make.sh there): every finding id raised by a case built for it, and not
//! raised by a case that must not raise it.

#[cfg(feature = "crypto")]
use sqltls_core::chain::ChainEnd;
use sqltls_core::report::Answer;
#[cfg(feature = "crypto")]
use sqltls_core::verify::SignatureCheck;
#[cfg(feature = "crypto")]
use sqltls_core::SqlServerVersion;
use sqltls_core::{analyze, AnalysisRequest, InputFile, Report, Severity};
use std::path::PathBuf;

/// 2026-06-01T00:00:00Z, the instant the fixtures' dates were chosen around.
const AT: i64 = 1_780_272_000;
const PASSWORD: &str = "Pa55w0rd!";
#[cfg(feature = "crypto")]
/// SHA-1 thumbprint of certs/good.pem (recorded in certs/README.md).
const GOOD_THUMBPRINT: &str = "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED";

fn fixture_path(name: &str) -> PathBuf {
    if name.contains('/') {
        sqltls_fixtures::path(name)
    } else {
        sqltls_fixtures::path(&format!("certs/{name}"))
    }
}

fn file(name: &str) -> InputFile {
    let bytes = std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    InputFile {
        name: name.to_string(),
        bytes,
    }
}

fn request(names: &[&str]) -> AnalysisRequest {
    AnalysisRequest {
        files: names.iter().map(|n| file(n)).collect(),
        password: Some(PASSWORD.to_string()),
        now_unix: AT,
        server_version: None,
        warn_days: 30,
        ..AnalysisRequest::default()
    }
}

fn run(names: &[&str]) -> Report {
    analyze(&request(names))
}

fn ids(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.id).collect()
}

#[cfg(feature = "crypto")]
fn assert_raised(id: &str, names: &[&str]) {
    let report = run(names);
    assert!(
        ids(&report).contains(&id),
        "{id} not raised for {names:?}; got {:?}",
        ids(&report)
    );
}

#[cfg(feature = "crypto")]
fn assert_not_raised(id: &str, names: &[&str]) {
    let report = run(names);
    assert!(
        !ids(&report).contains(&id),
        "{id} wrongly raised for {names:?}: {:?}",
        report.findings.iter().find(|f| f.id == id)
    );
}

#[cfg(feature = "crypto")]
/// One case: an id, inputs that must raise it, input sets that must not.
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [&'static [&'static str]],
);

#[cfg(feature = "crypto")]
const CASES: &[Case] = &[
    (
        "cert.expired",
        &["expired.pem"],
        &[&["good.pem"], &["expires-soon.pem"]],
    ),
    (
        "cert.not-yet-valid",
        &["not-yet-valid.pem"],
        &[&["good.pem"], &["expired.pem"]],
    ),
    (
        "cert.expires-soon",
        &["expires-soon.pem"],
        &[&["good.pem"], &["expired.pem"], &["not-yet-valid.pem"]],
    ),
    (
        "cert.eku-no-server-auth",
        &["no-server-auth.pem"],
        &[&["good.pem"], &["no-eku.pem"]],
    ),
    (
        "cert.key-usage-no-key-encipherment",
        &["ku-no-ke.pem"],
        &[&["good.pem"], &["ku-no-ds.pem"]],
    ),
    (
        "cert.key-usage-no-digital-signature",
        &["ku-no-ds.pem"],
        &[&["good.pem"], &["ku-no-ke.pem"]],
    ),
    (
        "cert.is-ca",
        &["ca-as-server.pem"],
        &[&["good.pem", "root-ca.pem"], &["via-issuing-full.pem"]],
    ),
    (
        "cert.self-signed",
        &["self-signed.pem"],
        &[&["good.pem", "root-ca.pem"], &["fallback-sha256.pem"]],
    ),
    (
        "cert.self-generated-fallback",
        &["fallback-sha1.pem"],
        &[&["self-signed.pem"], &["good.pem"]],
    ),
    (
        "cert.weak-signature-sha1",
        &["sha1.pem"],
        &[&["good.pem"], &["md5.pem"]],
    ),
    (
        "cert.weak-signature-md5",
        &["md5.pem"],
        &[&["good.pem"], &["sha1.pem"]],
    ),
    (
        "cert.rsa-key-too-small",
        &["rsa1024.pem"],
        &[&["good.pem"], &["ecdsa.pem"]],
    ),
    (
        "cert.ecdsa-key",
        &["ecdsa.pem"],
        &[&["good.pem"], &["rsa1024.pem"]],
    ),
    (
        "cert.name-not-fqdn",
        &["short-name.pem"],
        &[&["good.pem"], &["wildcard.pem"]],
    ),
    (
        "cert.no-san",
        &["no-san.pem"],
        &[&["good.pem"], &["ip-san.pem"]],
    ),
    ("cert.wildcard", &["wildcard.pem"], &[&["good.pem"]]),
    (
        "cert.private-key-missing",
        &["nokey.pfx"],
        &[&["good-aes.pfx"], &["good.pem"]],
    ),
    (
        "cert.private-key-mismatch",
        &["mismatch.pfx"],
        &[&["good-aes.pfx"], &["nokey.pfx"]],
    ),
    (
        "cert.cng-key-provider",
        &["cng.pfx"],
        &[&["good-aes.pfx"], &["keysig.pfx"]],
    ),
    (
        "cert.keyspec-signature",
        &["keysig.pfx"],
        &[&["good-aes.pfx"], &["cng.pfx"]],
    ),
    (
        "cert.chain-incomplete",
        &["via-issuing.pem", "root-ca.pem"],
        &[
            &["via-issuing-full.pem"],
            &["via-issuing.pem"],
            &["good.pem"],
            &["via-issuing.pem", "issuing-ca.pem"],
        ],
    ),
    // Raised by chains that tests/chains.rs makes with openssl.
    (
        "cert.intermediate-expired",
        &[],
        &[
            &["via-issuing-full.pem"],
            &["via-issuing.pem", "issuing-ca.pem"],
        ],
    ),
    (
        "cert.intermediate-not-yet-valid",
        &[],
        &[
            &["via-issuing-full.pem"],
            &["via-issuing.pem", "issuing-ca.pem"],
        ],
    ),
    (
        "cert.intermediate-not-ca",
        &[],
        &[&["via-issuing-full.pem"], &["good.pem", "root-ca.pem"]],
    ),
    (
        "cert.intermediate-key-usage",
        &[],
        &[&["via-issuing-full.pem"]],
    ),
    (
        "cert.intermediate-path-length",
        &[],
        &[&["via-issuing-full.pem"]],
    ),
    ("cert.intermediate-eku", &[], &[&["via-issuing-full.pem"]]),
    (
        "cert.chain-root-required",
        &["good.pem"],
        &[&["self-signed.pem"], &["fallback-sha1.pem"]],
    ),
    (
        "input.unrecognized",
        &["garbage.bin"],
        &[&["good.pem"], &["good.der"]],
    ),
    ("input.empty", &["empty.cer"], &[&["good.pem"]]),
    // Raised only by the light build (tests/light.rs); the full build opens them all.
    (
        "input.needs-full-module",
        &[],
        &[
            &["good-aes.pfx"],
            &["good-chain.p7b"],
            &["good.pem", "good.key"],
        ],
    ),
    (
        "input.malformed",
        &["truncated.der"],
        &[&["good.der"], &["garbage.bin"]],
    ),
    (
        "input.pfx-unsupported-algorithm",
        &["pkcs12/rc4-all.pfx"],
        &[&["good-aes.pfx"], &["good-rc2.pfx"]],
    ),
    (
        "input.pfx-iteration-limit",
        &["pkcs12/iter-limit.pfx"],
        &[&["good-aes.pfx"]],
    ),
    ("input.pfx-wrong-password", &[], &[&["good-aes.pfx"]]),
    ("input.pfx-password-required", &[], &[&["good-aes.pfx"]]),
    ("input.too-large", &[], &[&["good.pem"]]),
    // Raised by the CLI before reading (crates/cli/tests/bounds.rs).
    ("input.not-a-file", &[], &[&["good.pem"]]),
    // Raised by inputs that tests/hostile.rs builds.
    (
        "input.key-too-large",
        &[],
        &[&["good.pem"], &["via-issuing-full.pem"]],
    ),
    (
        "input.chain-limited",
        &[],
        &[&["good.pem"], &["via-issuing-full.pem"]],
    ),
    // Certificate-store listings (tests/fixtures/store).
    (
        "cert.store-current-user",
        &["store/certutil-user-enhanced-csp.txt"],
        &[&["store/good-keyex-v.txt"], &["good.pem"]],
    ),
    (
        "cert.store-not-personal",
        &["store/good-webhosting.txt"],
        &[&["store/good-keyex-v.txt"]],
    ),
    (
        "cert.store-key-test-failed",
        &["store/good-test-failed.txt"],
        &[&["store/good-keyex-v.txt"]],
    ),
    (
        "cert.store-key-not-exportable",
        &["store/good-keysig.txt"],
        &[&["store/good-keyex-v.txt"]],
    ),
    (
        "cert.store-facts-unknown",
        &["store/good-dbatools.txt"],
        &[&["store/good-keyex-v.txt"], &["good.pem"]],
    ),
    ("input.pfx-bag-limit", &[], &[&["good-aes.pfx"]]),
    ("input.pfx-work-limit", &[], &[&["good-aes.pfx"]]),
];

#[cfg(feature = "crypto")]
#[test]
fn each_finding_is_raised_and_not_raised() {
    for (id, raising, not_raising) in CASES {
        if !raising.is_empty() {
            assert_raised(id, raising);
        }
        for case in *not_raising {
            assert_not_raised(id, case);
        }
    }
}

#[cfg(feature = "crypto")]
#[test]
fn every_catalogued_id_of_this_family_has_a_case() {
    for meta in sqltls_core::rules::catalogue::all() {
        if meta.id.starts_with("cert.") || meta.id.starts_with("input.") {
            assert!(
                CASES.iter().any(|(id, _, _)| *id == meta.id),
                "no test case for {}",
                meta.id
            );
        }
    }
}

#[cfg(feature = "crypto")]
#[test]
fn valid_certificate_with_its_ca_has_no_error_in_any_format() {
    let sets: &[&[&str]] = &[
        &["good.pem", "root-ca.pem"],
        &["good.der", "root-ca.pem"],
        &["good-crlf.cer", "root-ca.pem"],
        &["good-bare.txt", "root-ca.pem"],
        &["good-with-ca.pem"],
        &["good-chain.p7b"],
        &["good-chain-pem.p7b"],
        &["good-aes.pfx"],
        &["good-3des.pfx"],
        &["good-rc2.pfx"],
    ];
    for set in sets {
        let report = run(set);
        assert_eq!(ids(&report), vec!["cert.chain-root-required"], "{set:?}");
        let servers: Vec<_> = report
            .certificates
            .iter()
            .filter(|c| c.server_certificate)
            .collect();
        assert_eq!(servers.len(), 1, "{set:?}");
        let server = servers[0];
        assert_eq!(server.details.thumbprint_sha1, GOOD_THUMBPRINT, "{set:?}");
        assert_eq!(
            server.details.san_dns,
            vec!["sql01.corp.example.com", "sql01"]
        );
        let verdict = server.verdict.as_ref().unwrap();
        assert_eq!(verdict.sscm_lists.answer, Answer::Yes, "{set:?}");
        assert_eq!(verdict.server_loads.answer, Answer::Yes, "{set:?}");
        assert_eq!(verdict.clients_validate.answer, Answer::Depends, "{set:?}");
        assert_eq!(
            verdict.clients_validate.because,
            vec!["cert.chain-root-required"]
        );
        assert!(verdict
            .trust_root
            .as_deref()
            .unwrap()
            .contains("sqltls Test Root CA"));
        assert!(report.chains[0].is_complete(), "{set:?}");
    }
}

#[cfg(feature = "crypto")]
#[test]
fn formats_are_detected_from_content() {
    use sqltls_core::input::InputFormat::*;
    let expect = [
        ("good.pem", Pem),
        ("good.der", Der),
        ("good-crlf.cer", Pem),
        ("good-bare.txt", Base64),
        ("good-chain.p7b", Pkcs7),
        ("good-chain-pem.p7b", Pkcs7Pem),
        ("good-aes.pfx", Pkcs12),
        ("empty.cer", Empty),
        ("garbage.bin", Unknown),
    ];
    for (name, format) in expect {
        assert_eq!(run(&[name]).inputs[0].format, format, "{name}");
    }
    // A DER certificate renamed .pem is still DER.
    let mut req = request(&["good.der"]);
    req.files[0].name = "renamed.pem".into();
    assert_eq!(analyze(&req).inputs[0].format, Der);
}

#[test]
fn certificate_details_are_read() {
    let report = run(&["good.pem"]);
    let d = &report.certificates[0].details;
    assert_eq!(d.common_name.as_deref(), Some("sql01.corp.example.com"));
    assert_eq!(d.public_key.bits, 2048);
    assert_eq!(d.signature_algorithm.name, "sha256WithRSAEncryption");
    assert_eq!(
        d.extended_key_usage.as_deref(),
        Some(&["serverAuth".to_string()][..])
    );
    assert_eq!(
        d.key_usage.as_deref(),
        Some(
            &[
                "digitalSignature".to_string(),
                "keyEncipherment".to_string()
            ][..]
        )
    );
    assert_eq!(d.basic_constraints.map(|b| b.ca), Some(false));
    assert_eq!(d.validity.not_before, "2025-01-01T00:00:00Z");
    assert_eq!(d.validity.not_after, "2027-12-31T00:00:00Z");
    assert_eq!(d.fingerprint_sha256.len(), 64);
    let ip = run(&["ip-san.pem"]);
    assert_eq!(ip.certificates[0].details.san_ip, vec!["10.0.0.5"]);
    let ec = run(&["ecdsa.pem"]);
    assert_eq!(
        ec.certificates[0].details.public_key.curve.as_deref(),
        Some("P-256")
    );
    let fallback = run(&["fallback-sha1.pem"]);
    // The fallback CN is a BMPString; it must decode to text.
    assert_eq!(
        fallback.certificates[0].details.common_name.as_deref(),
        Some("SSL_Self_Signed_Fallback")
    );
    assert_eq!(fallback.certificates[0].details.public_key.bits, 1024);
}

#[cfg(feature = "crypto")]
#[test]
fn chains_are_assembled_with_verified_signatures() {
    let report = run(&["via-issuing-full.pem"]);
    assert_eq!(report.chains.len(), 1);
    let chain = &report.chains[0];
    assert_eq!(chain.links.len(), 3);
    assert!(
        chain
            .links
            .iter()
            .all(|l| l.signature == Some(SignatureCheck::Verified)),
        "{chain:?}"
    );
    let roles: Vec<_> = chain
        .links
        .iter()
        .map(|l| report.certificates[l.certificate].role)
        .collect();
    use sqltls_core::chain::Role::*;
    assert_eq!(roles, vec![Leaf, Intermediate, Root]);

    // ECDSA P-384 (root) and P-256 (CA) signatures.
    for set in [
        &["ecdsa.pem", "ec-root-ca.pem"][..],
        &["ecdsa-p256-ca-leaf.pem", "ec-p256-ca.pem"][..],
    ] {
        let r = run(set);
        assert!(r.chains[0].is_complete(), "{set:?}: {:?}", r.chains[0]);
        assert_eq!(
            r.chains[0].links[0].signature,
            Some(SignatureCheck::Verified),
            "{set:?}"
        );
    }
}

#[cfg(feature = "crypto")]
#[test]
fn an_impostor_issuer_is_caught_by_its_signature() {
    let report = run(&["bad-signature.pem", "root-ca.pem"]);
    match &report.chains[0].end {
        ChainEnd::MissingIssuer {
            impostor: Some(_), ..
        } => {}
        other => panic!("expected an impostor, got {other:?}"),
    }
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "cert.chain-incomplete")
        .unwrap();
    assert!(f.message.contains("does not verify"), "{}", f.message);
}

#[test]
fn a_missing_intermediate_is_named() {
    let report = run(&["via-issuing.pem", "root-ca.pem"]);
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "cert.chain-incomplete")
        .unwrap();
    assert!(
        f.message.contains("sqltls Test Issuing CA"),
        "{}",
        f.message
    );
    // A lone leaf is normal: only the root to trust is named.
    let lone = run(&["via-issuing.pem"]);
    let f = lone
        .findings
        .iter()
        .find(|f| f.id == "cert.chain-root-required")
        .unwrap();
    assert!(
        f.message.contains("sqltls Test Issuing CA"),
        "{}",
        f.message
    );
    assert_eq!(
        lone.findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .count(),
        0
    );
}

#[test]
fn verdicts_follow_findings() {
    let expired = run(&["expired.pem"]);
    let v = expired.certificates[0].verdict.as_ref().unwrap();
    assert_eq!(v.server_loads.answer, Answer::No);
    assert_eq!(v.server_loads.because, vec!["cert.expired"]);
    assert_eq!(v.clients_validate.answer, Answer::No);

    let wildcard = run(&["wildcard.pem"]);
    let v = wildcard.certificates[0].verdict.as_ref().unwrap();
    assert_eq!(v.sscm_lists.answer, Answer::No);
    assert_eq!(v.server_loads.answer, Answer::Yes);
}

#[cfg(feature = "crypto")]
#[test]
fn version_narrows_cng_and_fallback_findings() {
    let mut req = request(&["cng.pfx"]);
    req.server_version = Some(SqlServerVersion::V2016);
    let v2016 = analyze(&req);
    let verdict = v2016.certificates[0].verdict.as_ref().unwrap();
    assert_eq!(verdict.server_loads.answer, Answer::No);
    req.server_version = Some(SqlServerVersion::V2022);
    let v2022 = analyze(&req);
    assert_eq!(
        v2022.certificates[0]
            .verdict
            .as_ref()
            .unwrap()
            .server_loads
            .answer,
        Answer::Depends
    );

    let mut req = request(&["fallback-sha1.pem"]);
    req.server_version = Some(SqlServerVersion::V2019);
    let r = analyze(&req);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "cert.self-generated-fallback")
        .unwrap();
    assert!(
        f.message.contains("did not come from a 2019 instance"),
        "{}",
        f.message
    );
    assert!(f.versions.as_deref().unwrap().contains("SHA-256 from 2017"));
    req.server_version = Some(SqlServerVersion::V2016);
    let r = analyze(&req);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "cert.self-generated-fallback")
        .unwrap();
    assert!(
        f.message
            .contains("SQL Server 2016 generates it with sha1WithRSAEncryption"),
        "{}",
        f.message
    );
}

#[test]
fn warn_days_moves_the_expiry_window() {
    let mut req = request(&["expires-soon.pem"]);
    req.warn_days = 5;
    assert!(!ids(&analyze(&req)).contains(&"cert.expires-soon"));
    req.warn_days = 14;
    assert!(ids(&analyze(&req)).contains(&"cert.expires-soon"));
}

#[cfg(feature = "crypto")]
#[test]
fn pfx_passwords() {
    let mut req = request(&["good-aes.pfx"]);
    req.password = None;
    assert_eq!(ids(&analyze(&req)), vec!["input.pfx-password-required"]);
    req.password = Some("not it".into());
    let report = analyze(&req);
    assert_eq!(ids(&report), vec!["input.pfx-wrong-password"]);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("not it"));
    // An empty-password .pfx opens without a password.
    let mut req = request(&["pkcs12/empty-password.pfx"]);
    req.password = None;
    let report = analyze(&req);
    assert_eq!(report.inputs[0].keys.len(), 1, "{:?}", ids(&report));
}

#[test]
fn bad_input_never_panics() {
    let good = std::fs::read(fixture_path("good.der")).unwrap();
    let mut files = vec![
        InputFile {
            name: "huge.bin".into(),
            bytes: vec![0x30; 100 * 1024 * 1024],
        },
        InputFile {
            name: "nul.txt".into(),
            bytes: vec![0; 1000],
        },
        InputFile {
            name: "bom-only.txt".into(),
            bytes: vec![0xEF, 0xBB, 0xBF],
        },
        InputFile {
            name: "utf16.txt".into(),
            bytes: vec![0xFF, 0xFE, 0x41],
        },
        InputFile {
            name: "pem-damaged.pem".into(),
            bytes: b"-----BEGIN CERTIFICATE-----\nMIIB!!!\n-----END CERTIFICATE-----\n".to_vec(),
        },
        InputFile {
            name: "pem-unterminated.pem".into(),
            bytes: b"-----BEGIN CERTIFICATE-----\nMIIB".to_vec(),
        },
    ];
    for cut in [1, 2, 4, 10, 100, good.len() / 2, good.len() - 1] {
        files.push(InputFile {
            name: format!("cut{cut}.der"),
            bytes: good[..cut].to_vec(),
        });
    }
    let report = analyze(&AnalysisRequest {
        files,
        now_unix: AT,
        ..AnalysisRequest::default()
    });
    assert!(report
        .findings
        .iter()
        .any(|f| f.id == "input.too-large" && f.input == Some(0)));
    for (i, input) in report.inputs.iter().enumerate() {
        assert!(input.certificates.is_empty(), "{}", input.name);
        let has_input_finding = report
            .findings
            .iter()
            .any(|f| f.input == Some(i) && f.id.starts_with("input."));
        assert!(has_input_finding, "{} got no input.* finding", input.name);
    }
}

#[cfg(feature = "crypto")]
#[test]
fn json_has_the_contract_fields() {
    let report = run(&["good-aes.pfx", "expired.pem"]);
    assert!(
        report
            .certificates
            .iter()
            .filter(|c| c.server_certificate)
            .count()
            == 2
    );
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["schema_version"], 1);
    for key in ["inputs", "certificates", "chains", "findings"] {
        assert!(json[key].is_array(), "{key}");
    }
    let server = json["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verdict"].is_object())
        .unwrap();
    for key in ["sscm_lists", "server_loads", "clients_validate"] {
        let a = &server["verdict"][key];
        assert!(
            ["yes", "no", "depends"].contains(&a["answer"].as_str().unwrap()),
            "{key}"
        );
        assert!(a["because"].is_array());
    }
    let finding = &json["findings"][0];
    for key in [
        "id",
        "severity",
        "title",
        "explanation",
        "fix",
        "source",
        "input",
    ] {
        assert!(!finding[key].is_null(), "finding lacks {key}");
    }
    assert_eq!(finding["severity"], "error");
    let text = json.to_string();
    assert!(!text.contains(PASSWORD));
}
