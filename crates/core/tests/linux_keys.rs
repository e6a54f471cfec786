//! SQL Server on Linux keeps its certificate and private key in two PEM files
//! (mssql.conf `network.tlscert`, `network.tlskey`). Keys made here with the
//! `openssl` command line in every PEM form (PKCS#8, encrypted PKCS#8,
//! PKCS#1, SEC1 EC) are paired with their certificate by public key; a key
//! of another certificate is `cert.private-key-mismatch`; mssql.conf is
//! checked against the dropped files by name; an `ls -l` of them for the
//! mssql user's read access.

use sqltls_core::evidence::{analyze_text, EvidenceKind};
#[cfg(feature = "crypto")]
use sqltls_core::report::Answer;
#[cfg(feature = "crypto")]
use sqltls_core::{AnalysisRequest, InputFile, Report};
#[cfg(feature = "crypto")]
use std::path::PathBuf;
#[cfg(feature = "crypto")]
use std::process::Command;

#[cfg(feature = "crypto")]
/// Keys and certificates made for this test run.
struct Keys {
    dir: PathBuf,
}

#[cfg(feature = "crypto")]
impl Keys {
    fn new(tag: &str) -> Keys {
        let dir = std::env::temp_dir().join(format!("sqltls-linux-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let k = Keys { dir };
        // RSA (PKCS#8) with its self-signed certificate, and the same key as
        // PKCS#1 and as encrypted PKCS#8.
        k.openssl(&[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "rsa.key",
        ]);
        k.openssl(&[
            "req",
            "-x509",
            "-key",
            "rsa.key",
            "-subj",
            "/CN=sql01.corp.example.com",
            "-addext",
            "subjectAltName=DNS:sql01.corp.example.com",
            "-addext",
            "extendedKeyUsage=serverAuth",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-days",
            "365",
            "-out",
            "rsa.pem",
        ]);
        k.openssl(&[
            "pkey",
            "-in",
            "rsa.key",
            "-traditional",
            "-out",
            "rsa-pkcs1.key",
        ]);
        k.openssl(&[
            "pkcs8",
            "-topk8",
            "-in",
            "rsa.key",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:Pa55w0rd!",
            "-out",
            "rsa-enc.key",
        ]);
        // EC P-256 as SEC1 and as PKCS#8, with its certificate.
        k.openssl(&[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "ec.key",
        ]);
        k.openssl(&[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            "ec.key",
            "-out",
            "ec-pkcs8.key",
        ]);
        k.openssl(&[
            "req",
            "-x509",
            "-key",
            "ec.key",
            "-subj",
            "/CN=sql02.corp.example.com",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-days",
            "365",
            "-out",
            "ec.pem",
        ]);
        // A key of no certificate given.
        k.openssl(&[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "other.key",
        ]);
        k
    }

    fn openssl(&self, args: &[&str]) {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(&self.dir)
            .output()
            .expect("the openssl command line");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn file(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(name)).unwrap()
    }
}

#[cfg(feature = "crypto")]
impl Drop for Keys {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(feature = "crypto")]
fn analyze(files: Vec<(&str, Vec<u8>)>, password: Option<&str>) -> Report {
    // Evaluated while the certificates made above are valid.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    sqltls_core::analyze(&AnalysisRequest {
        files: files
            .into_iter()
            .map(|(name, bytes)| InputFile {
                name: name.to_string(),
                bytes,
            })
            .collect(),
        password: password.map(str::to_string),
        now_unix: now + 3600,
        ..AnalysisRequest::default()
    })
}

#[cfg(feature = "crypto")]
fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id).collect()
}

#[cfg(feature = "crypto")]
#[test]
fn every_pem_key_form_pairs_with_its_certificate() {
    let k = Keys::new("forms");
    for (cert, key, password) in [
        ("rsa.pem", "rsa.key", None),
        ("rsa.pem", "rsa-pkcs1.key", None),
        ("rsa.pem", "rsa-enc.key", Some("Pa55w0rd!")),
        ("ec.pem", "ec.key", None),
        ("ec.pem", "ec-pkcs8.key", None),
    ] {
        // Key first, certificate second: the order of the files does not matter.
        let r = analyze(vec![(key, k.file(key)), (cert, k.file(cert))], password);
        assert_eq!(r.inputs[0].keys.len(), 1, "{key}: {:?}", ids(&r));
        assert_eq!(
            r.inputs[0].keys[0].certificate,
            Some(0),
            "{key} pairs with {cert}"
        );
        assert!(
            !ids(&r).contains(&"cert.private-key-mismatch"),
            "{key}: {:?}",
            ids(&r)
        );
    }
}

#[cfg(feature = "crypto")]
#[test]
fn a_key_of_another_certificate_is_a_mismatch() {
    let k = Keys::new("mismatch");
    for key in ["other.key", "ec.key"] {
        let r = analyze(
            vec![("rsa.pem", k.file("rsa.pem")), (key, k.file(key))],
            None,
        );
        assert!(
            ids(&r).contains(&"cert.private-key-mismatch"),
            "{key}: {:?}",
            ids(&r)
        );
        let v = r.certificates[0].verdict.clone().expect("verdict");
        assert_eq!(v.server_loads.answer, Answer::No);
        assert_eq!(r.inputs[1].keys[0].certificate, None);
    }
    // A certificate alone says nothing about keys.
    let r = analyze(vec![("rsa.pem", k.file("rsa.pem"))], None);
    assert!(!ids(&r).contains(&"cert.private-key-mismatch"));
}

#[cfg(feature = "crypto")]
#[test]
fn an_encrypted_key_needs_its_password() {
    let k = Keys::new("enc");
    let files = || {
        vec![
            ("rsa.pem", k.file("rsa.pem")),
            ("rsa-enc.key", k.file("rsa-enc.key")),
        ]
    };
    assert!(ids(&analyze(files(), None)).contains(&"input.pfx-password-required"));
    assert!(ids(&analyze(files(), Some("wrong"))).contains(&"input.pfx-wrong-password"));
    let r = analyze(files(), Some("Pa55w0rd!"));
    assert_eq!(r.inputs[1].keys[0].certificate, Some(0));
}

#[cfg(feature = "crypto")]
#[test]
fn mssql_conf_is_checked_against_the_dropped_files() {
    let k = Keys::new("conf");
    // The layout of docs/linux/sql-server-linux-encrypted-connections.md.
    let conf = "[network]\ntlscert = /etc/ssl/certs/mssql.pem\ntlskey = /etc/ssl/private/mssql.key\ntlsprotocols = 1.2\nforceencryption = 1\n";
    let tls = |r: &Report| {
        r.findings
            .iter()
            .filter(|f| f.id == "server.linux-tls-files")
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    // Right names, right pair: nothing to say.
    let r = analyze(
        vec![
            ("mssql.conf", conf.as_bytes().to_vec()),
            ("mssql.pem", k.file("rsa.pem")),
            ("mssql.key", k.file("rsa.key")),
        ],
        None,
    );
    assert!(tls(&r).is_empty(), "{:?}", tls(&r));
    // The key named is another certificate's; the right one is dropped too.
    let r = analyze(
        vec![
            ("mssql.conf", conf.as_bytes().to_vec()),
            ("mssql.pem", k.file("rsa.pem")),
            ("mssql.key", k.file("other.key")),
            ("sql01.key", k.file("rsa.key")),
        ],
        None,
    );
    let said = tls(&r);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("is not the key of the certificate in mssql.pem"),
        "{}",
        said[0]
    );
    assert!(
        said[0].contains("mssql-conf set network.tlskey /etc/ssl/private/sql01.key"),
        "{}",
        said[0]
    );
    // The certificate named was not dropped.
    let r = analyze(
        vec![
            ("mssql.conf", conf.as_bytes().to_vec()),
            ("server.crt", k.file("rsa.pem")),
            ("mssql.key", k.file("rsa.key")),
        ],
        None,
    );
    let said = tls(&r);
    assert!(
        said[0].contains("no file named mssql.pem was given"),
        "{}",
        said[0]
    );
    assert!(
        said[0].contains("network.tlscert /etc/ssl/certs/server.crt"),
        "{}",
        said[0]
    );
}

#[test]
fn ls_listing_shows_what_mssql_cannot_read() {
    // `ls -l` (GNU coreutils long format) after the doc's chown/chmod and
    // after a copy made as root.
    let fixed = "-rw-r--r-- 1 mssql mssql 1302 Jun  1 10:00 /etc/ssl/certs/mssql.pem\n-rw------- 1 mssql mssql 1704 Jun  1 10:00 /etc/ssl/private/mssql.key\n";
    let r = analyze_text(fixed, &[], None);
    assert_eq!(r.kind, EvidenceKind::FileListing);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let root = "total 8\n-rw-r--r-- 1 root root 1302 Jun  1 10:00 mssql.pem\n-rw------- 1 root root 1704 Jun  1 10:00 mssql.key\n";
    let r = analyze_text(root, &[], None);
    let ids: Vec<_> = r.findings.iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        ["server.linux-key-permissions"],
        "only the key: the certificate is readable by all"
    );
    assert!(r.findings[0]
        .message
        .contains("sudo chown mssql:mssql mssql.key"));
}
