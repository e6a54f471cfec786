//! Chains as clients build them, from certificates made here with the
//! `openssl` command line: the same answer for every order of the same files,
//! no loop on a cycle, intermediates checked at the evaluation instant, a CA
//! certificate dropped without an end-entity certificate, broken SANs.

use sqltls_core::analyze::results::Analysis;
use sqltls_core::analyze::{run_counted, AnalysisRequest, InputFile};
use sqltls_core::chain::VerifyStats;
use sqltls_core::verdict::Answer;
use sqltls_core::Rule;
use std::path::PathBuf;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// Extension sections the certificates below are made with.
const CONFIG: &str = "\
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_no_ski]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[not_ca]
basicConstraints = critical,CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_no_sign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_len0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_client_eku]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:db01.corp.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyEncipherment,keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = DNS:db01.corp.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server_san_twice]
basicConstraints = critical,CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:db01.corp.example
# A second subjectAltName, under a stand-in OID the test then rewrites
# (openssl keeps one extension per OID).
2.5.29.99 = DER:30138211646230322E636F72702E6578616D706C65
[server_san_broken]
basicConstraints = critical,CA:FALSE
extendedKeyUsage = serverAuth
2.5.29.17 = DER:0500
";

/// A scratch directory of keys and certificates, removed when dropped.
struct Pki {
    dir: PathBuf,
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Pki {
    fn new(tag: &str) -> Pki {
        let dir = std::env::temp_dir().join(format!("sqltls-chains-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("openssl.cnf"), CONFIG).unwrap();
        Pki { dir }
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

    /// A P-256 key named `name`.
    fn key(&self, name: &str) {
        if !self.dir.join(format!("{name}.key")).exists() {
            self.openssl(&[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                &format!("{name}.key"),
            ]);
        }
    }

    /// A self-signed certificate `name` with key `key`.
    fn root(&self, name: &str, key: &str, subject: &str) -> Vec<u8> {
        self.key(key);
        self.openssl(&[
            "req",
            "-x509",
            "-new",
            "-key",
            &format!("{key}.key"),
            "-subj",
            subject,
            "-days",
            "3650",
            "-config",
            "openssl.cnf",
            "-extensions",
            "ca_no_ski",
            "-out",
            &format!("{name}.pem"),
        ]);
        self.read(name)
    }

    /// Certificate `name` with key `key`, issued by certificate `ca` whose
    /// key is `ca_key`, with the extensions of `section`.
    #[allow(clippy::too_many_arguments)]
    fn issue(
        &self,
        name: &str,
        key: &str,
        subject: &str,
        ca: &str,
        ca_key: &str,
        section: &str,
        days: u32,
        serial: u32,
    ) -> Vec<u8> {
        self.key(key);
        self.openssl(&[
            "req",
            "-new",
            "-key",
            &format!("{key}.key"),
            "-subj",
            subject,
            "-config",
            "openssl.cnf",
            "-out",
            &format!("{name}.csr"),
        ]);
        self.openssl(&[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            &format!("{ca}.pem"),
            "-CAkey",
            &format!("{ca_key}.key"),
            "-set_serial",
            &serial.to_string(),
            "-days",
            &days.to_string(),
            "-extfile",
            "openssl.cnf",
            "-extensions",
            section,
            "-out",
            &format!("{name}.pem"),
        ]);
        self.read(name)
    }

    /// Certificate `name` as DER.
    fn der(&self, name: &str) -> Vec<u8> {
        self.openssl(&[
            "x509",
            "-in",
            &format!("{name}.pem"),
            "-outform",
            "DER",
            "-out",
            &format!("{name}.der"),
        ]);
        std::fs::read(self.dir.join(format!("{name}.der"))).unwrap()
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.pem"))
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn analyse_at(files: &[(&str, &[u8])], connections: &[&str], at: i64) -> (Analysis, VerifyStats) {
    let req = AnalysisRequest {
        files: files
            .iter()
            .map(|(name, bytes)| InputFile {
                name: (*name).to_string(),
                bytes: bytes.to_vec(),
            })
            .collect(),
        now_unix: at,
        connections: connections.iter().map(|c| (*c).to_string()).collect(),
        ..AnalysisRequest::default()
    };
    run_counted(&req)
}

fn analyse(files: &[(&str, &[u8])], connections: &[&str]) -> Analysis {
    analyse_at(files, connections, now()).0
}

fn ids(analysis: &Analysis) -> Vec<Rule> {
    let mut ids: Vec<Rule> = analysis.findings.iter().map(|f| f.rule).collect();
    ids.sort_by_key(|r| r.id());
    ids
}

fn raised(analysis: &Analysis, rule: Rule) -> Vec<&str> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.as_str())
        .collect()
}

/// The verdict of the one server certificate.
fn clients_validate(analysis: &Analysis) -> Answer {
    let servers: Vec<_> = analysis
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .collect();
    assert_eq!(servers.len(), 1, "one server certificate");
    servers[0].verdict.as_ref().unwrap().clients_validate.answer
}

/// Every permutation of `items`.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            out.push(tail);
        }
    }
    out
}

/// Root, a cross-signed copy of it (same subject and key, issued by an old
/// root that is not given), an intermediate and a server certificate.
fn cross_signed(pki: &Pki) -> Vec<(&'static str, Vec<u8>)> {
    let root = pki.root("root", "root", "/CN=Test Root");
    pki.root("old", "old", "/CN=Old Root");
    let cross = pki.issue(
        "cross",
        "root",
        "/CN=Test Root",
        "old",
        "old",
        "ca",
        3650,
        2,
    );
    let inter = pki.issue(
        "inter",
        "inter",
        "/CN=Test Issuing CA",
        "root",
        "root",
        "ca",
        3650,
        3,
    );
    let leaf = pki.issue(
        "leaf",
        "leaf",
        "/CN=db01.corp.example",
        "inter",
        "inter",
        "server",
        365,
        4,
    );
    vec![
        ("leaf.pem", leaf),
        ("inter.pem", inter),
        ("cross.pem", cross),
        ("root.pem", root),
    ]
}

#[test]
fn every_order_of_a_cross_signed_chain_gives_one_answer() {
    let pki = Pki::new("cross");
    let files = cross_signed(&pki);
    let at = now();
    let mut answers = Vec::new();
    for order in permutations(&files) {
        let given: Vec<(&str, &[u8])> = order.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let (analysis, _) = analyse_at(&given, &["Server=db01.corp.example;Encrypt=True"], at);
        let server = analysis
            .certificates
            .iter()
            .find(|c| c.server_certificate)
            .unwrap();
        let verdict = server.verdict.clone().unwrap();
        let chain = &analysis.chains[0];
        let path: Vec<String> = chain
            .links
            .iter()
            .map(|l| {
                analysis.certificates[l.certificate]
                    .details
                    .fingerprint_sha256
                    .clone()
            })
            .collect();
        answers.push((
            ids(&analysis),
            serde_json::to_string(&verdict).unwrap(),
            path,
            chain.is_complete(),
        ));
    }
    assert_eq!(answers.len(), 24);
    let first = &answers[0];
    assert!(first.3, "the chain ends at the self-signed root");
    assert_eq!(first.2.len(), 3, "leaf, intermediate, root");
    assert!(
        !first.0.contains(&Rule::CertChainIncomplete),
        "{:?}",
        first.0
    );
    for answer in &answers {
        assert_eq!(answer, first);
    }
}

#[test]
fn a_cycle_is_not_an_impostor_and_ends() {
    let pki = Pki::new("cycle");
    // A signs B's key under B's name, and B signs A's: two CAs that issued each other.
    pki.root("a0", "a", "/CN=Cycle A");
    pki.root("b0", "b", "/CN=Cycle B");
    let b = pki.issue("b", "b", "/CN=Cycle B", "a0", "a", "ca", 3650, 10);
    let a = pki.issue("a", "a", "/CN=Cycle A", "b", "b", "ca", 3650, 11);
    let leaf = pki.issue(
        "leaf",
        "leaf",
        "/CN=db01.corp.example",
        "a",
        "a",
        "server",
        365,
        12,
    );
    for files in [
        vec![
            ("a.pem", &a[..]),
            ("b.pem", &b[..]),
            ("leaf.pem", &leaf[..]),
        ],
        vec![("b.pem", &b[..]), ("a.pem", &a[..])],
    ] {
        let (analysis, stats) = analyse_at(&files, &[], now());
        assert!(!analysis.chains.is_empty(), "never a silent pass");
        for chain in &analysis.chains {
            assert!(!chain.is_complete());
            assert!(chain.links.len() <= 3, "{chain:?}");
        }
        assert!(
            raised(&analysis, Rule::CertChainIncomplete).is_empty(),
            "{:?}",
            analysis.findings
        );
        assert!(stats.signatures_verified <= 8, "{stats:?}");
    }
}

/// A root, and an intermediate made with `section` and valid `days` days.
fn through_intermediate(pki: &Pki, section: &str, days: u32) -> Vec<(&'static str, Vec<u8>)> {
    let root = pki.root("root", "root", "/CN=Test Root");
    let inter = pki.issue(
        "inter",
        "inter",
        "/CN=Test Issuing CA",
        "root",
        "root",
        section,
        days,
        3,
    );
    let leaf = pki.issue(
        "leaf",
        "leaf",
        "/CN=db01.corp.example",
        "inter",
        "inter",
        "server",
        3650,
        4,
    );
    vec![("leaf.pem", leaf), ("inter.pem", inter), ("root.pem", root)]
}

fn given<'a>(files: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, &'a [u8])> {
    files.iter().map(|(n, b)| (*n, b.as_slice())).collect()
}

#[test]
fn a_sound_intermediate_raises_none_of_the_intermediate_rules() {
    let pki = Pki::new("sound");
    let files = through_intermediate(&pki, "ca", 3650);
    let analysis = analyse(&given(&files), &[]);
    assert_eq!(
        clients_validate(&analysis),
        Answer::Depends,
        "{:?}",
        ids(&analysis)
    );
    assert!(analysis.chains[0].is_complete());
    assert_eq!(analysis.chains[0].links.len(), 3);
}

#[test]
fn an_expired_intermediate_is_refused() {
    let pki = Pki::new("expired");
    let files = through_intermediate(&pki, "ca", 1);
    // Ten days on: the intermediate has expired, the server certificate has not.
    let (analysis, _) = analyse_at(&given(&files), &[], now() + 10 * 86_400);
    let said = raised(&analysis, Rule::CertIntermediateExpired);
    assert_eq!(said.len(), 1, "{:?}", analysis.findings);
    assert!(said[0].contains("Test Issuing CA"), "{}", said[0]);
    assert!(raised(&analysis, Rule::CertExpired).is_empty());
    assert_eq!(clients_validate(&analysis), Answer::No);
    assert!(analysis.summary.errors > 0);
}

#[test]
fn an_intermediate_that_is_not_a_ca_is_refused_and_is_no_server_certificate() {
    let pki = Pki::new("not-ca");
    let files = through_intermediate(&pki, "not_ca", 3650);
    let analysis = analyse(&given(&files), &[]);
    let said = raised(&analysis, Rule::CertIntermediateNotCa);
    assert_eq!(said.len(), 1, "{:?}", analysis.findings);
    assert!(said[0].contains("cA=FALSE"), "{}", said[0]);
    // One server certificate (the leaf), and the verdict refuses it.
    assert_eq!(clients_validate(&analysis), Answer::No);
    let inter = analysis
        .certificates
        .iter()
        .find(|c| c.details.subject.contains("Test Issuing CA"))
        .unwrap();
    assert!(!inter.server_certificate);
    assert_eq!(inter.role, sqltls_core::chain::Role::Intermediate);
    assert_eq!(analysis.chains.len(), 1);
}

#[test]
fn an_intermediate_without_key_cert_sign_is_refused() {
    let pki = Pki::new("ku");
    let files = through_intermediate(&pki, "ca_no_sign", 3650);
    let analysis = analyse(&given(&files), &[]);
    assert_eq!(raised(&analysis, Rule::CertIntermediateKeyUsage).len(), 1);
    assert_eq!(clients_validate(&analysis), Answer::No);
}

#[test]
fn an_intermediate_with_a_client_only_eku_is_refused() {
    let pki = Pki::new("eku");
    let files = through_intermediate(&pki, "ca_client_eku", 3650);
    let analysis = analyse(&given(&files), &[]);
    let said = raised(&analysis, Rule::CertIntermediateEku);
    assert_eq!(said.len(), 1, "{:?}", analysis.findings);
    assert!(said[0].contains("clientAuth"), "{}", said[0]);
    assert_eq!(clients_validate(&analysis), Answer::No);
}

#[test]
fn a_path_length_constraint_exceeded_is_refused() {
    let pki = Pki::new("pathlen");
    let root = pki.root("root", "root", "/CN=Test Root");
    let policy = pki.issue(
        "policy",
        "policy",
        "/CN=Policy CA",
        "root",
        "root",
        "ca_len0",
        3650,
        2,
    );
    let inter = pki.issue(
        "inter",
        "inter",
        "/CN=Test Issuing CA",
        "policy",
        "policy",
        "ca",
        3650,
        3,
    );
    let leaf = pki.issue(
        "leaf",
        "leaf",
        "/CN=db01.corp.example",
        "inter",
        "inter",
        "server",
        3650,
        4,
    );
    let files = vec![
        ("leaf.pem", leaf),
        ("inter.pem", inter),
        ("policy.pem", policy),
        ("root.pem", root),
    ];
    let analysis = analyse(&given(&files), &[]);
    let said = raised(&analysis, Rule::CertIntermediatePathLength);
    assert_eq!(said.len(), 1, "{:?}", analysis.findings);
    assert!(said[0].contains("Policy CA"), "{}", said[0]);
    assert_eq!(clients_validate(&analysis), Answer::No);
}

#[test]
fn a_ca_server_certificate_with_its_root_is_still_checked_for_the_name() {
    let pki = Pki::new("ca-leaf");
    let root = pki.root("root", "root", "/CN=Test Root");
    let server = pki.issue(
        "server",
        "server",
        "/CN=db01.corp.example",
        "root",
        "root",
        "server_ca",
        3650,
        5,
    );
    for files in [
        vec![("server.pem", &server[..]), ("root.pem", &root[..])],
        vec![("root.pem", &root[..]), ("server.pem", &server[..])],
    ] {
        let analysis = analyse(&files, &["Server=other.example.com;Encrypt=True"]);
        let found = ids(&analysis);
        assert!(found.contains(&Rule::CertIsCa), "{found:?}");
        assert!(found.contains(&Rule::MatchHostNameMismatch), "{found:?}");
        assert!(analysis.summary.errors > 0, "{found:?}");
        let server_cert = analysis
            .certificates
            .iter()
            .find(|c| c.server_certificate)
            .unwrap();
        assert!(server_cert.details.subject.contains("db01"));
        assert!(
            raised(&analysis, Rule::CertIsCa)[0].contains("No end-entity certificate"),
            "{:?}",
            raised(&analysis, Rule::CertIsCa)
        );
    }
}

#[test]
fn a_duplicated_or_broken_san_is_malformed_not_absent() {
    let pki = Pki::new("san");
    pki.root("root", "root", "/CN=Test Root");
    pki.issue(
        "twice",
        "twice",
        "/CN=db01.corp.example",
        "root",
        "root",
        "server_san_twice",
        3650,
        6,
    );
    // The stand-in OID 2.5.29.99 becomes 2.5.29.17: two subjectAltName extensions.
    let mut twice = pki.der("twice");
    let stand_in = [0x06, 0x03, 0x55, 0x1D, 0x63];
    let at: Vec<usize> = (0..twice.len() - stand_in.len())
        .filter(|&i| twice[i..i + stand_in.len()] == stand_in)
        .collect();
    assert_eq!(at.len(), 1);
    twice[at[0] + 4] = 0x11;
    let broken = pki.issue(
        "broken",
        "broken",
        "/CN=db01.corp.example",
        "root",
        "root",
        "server_san_broken",
        3650,
        7,
    );
    for (bytes, says) in [
        (&twice, "two subjectAltName extensions"),
        (&broken, "subjectAltName extension cannot be decoded"),
    ] {
        let analysis = analyse(&[("server.pem", &bytes[..])], &[]);
        let said = raised(&analysis, Rule::InputMalformed);
        assert_eq!(said.len(), 1, "{:?}", analysis.findings);
        assert!(said[0].contains(says), "{}", said[0]);
        assert!(
            raised(&analysis, Rule::CertNoSan).is_empty(),
            "{:?}",
            analysis.findings
        );
        assert!(
            analysis
                .findings
                .iter()
                .all(|f| !f.message.contains("no SAN")),
            "{:?}",
            analysis.findings
        );
        // TLS stacks refuse such a certificate: the verdict says so.
        let v = analysis.certificates[0].verdict.as_ref().expect("server");
        assert_eq!(v.clients_validate.answer, Answer::No);
        assert!(v.clients_validate.because.contains(&Rule::InputMalformed));
    }
}

#[test]
fn an_intermediate_not_valid_yet_is_refused() {
    let pki = Pki::new("not-yet");
    let files = through_intermediate(&pki, "ca", 3650);
    // A day before all of them were made.
    let (analysis, _) = analyse_at(&given(&files), &[], now() - 86_400);
    let said = raised(&analysis, Rule::CertIntermediateNotYetValid);
    assert_eq!(said.len(), 1, "{:?}", analysis.findings);
    assert!(said[0].contains("Test Issuing CA"), "{}", said[0]);
    assert_eq!(clients_validate(&analysis), Answer::No);
}
