//! The entry point: inputs in, [`Report`] out.

mod connection_verdict;
mod proven;
pub mod results;

use crate::catalogue::Rule;
use crate::cert::{format_unix, CertificateInfo};
use crate::chain::{self, Chain, Limit, Role, Verifier, VerifyStats};
use crate::clients::{ClientId, Symptom};
use crate::connstr::{analyze_connection, ConnectionReport, ConnectionRequest};
use crate::evidence::store_dump::{parse_store_dump, StoreCert};
use crate::evidence::{self, EvidenceKind};
use crate::finding::Finding;
use crate::input::{self, pkcs12::KeySpec, InputFormat};
use crate::rules::{
    cert_rules, key::is_cng_provider, store::needs_unknown_fact, KeyFacts, Origin,
    ServerCertContext,
};
use crate::verdict::{Answer, Verdict, VerdictKind};
use crate::verify::SignatureCheck;
use crate::version::SqlServerVersion;
use results::{
    Analysis, CertificateReport, EvidenceEntry, InputReport, KeyReport, Summary, SCHEMA_MINOR,
    SCHEMA_VERSION,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One dropped file: a name (for messages only) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct InputFile {
    /// File name as the user knows it.
    pub name: String,
    /// Raw content.
    pub bytes: Vec<u8>,
}

/// Everything an analysis needs. Time is an input: the core never reads a clock.
///
/// Its JSON form (the page sends it to its analysis worker) leaves out `files`,
/// whose bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisRequest {
    /// Files dropped together (certificates, bundles, .pfx).
    #[serde(skip_serializing)]
    pub files: Vec<InputFile>,
    /// Password for PKCS#12 files. Used only to open them; never reported.
    pub password: Option<String>,
    /// The evaluation instant, Unix seconds (UTC).
    pub now_unix: i64,
    /// SQL Server version to narrow version-dependent findings.
    pub server_version: Option<SqlServerVersion>,
    /// Days before expiry that raise `cert.expires-soon`.
    pub warn_days: u32,
    /// Connection strings, in any driver's dialect.
    pub connections: Vec<String>,
    /// Driver of the connection strings, `ID[@VERSION]` (e.g. `odbc@17`);
    /// inferred from each string when absent.
    pub driver: Option<String>,
    /// The server's ForceEncryption setting; when absent, "no" is assumed and
    /// the outcome matrix shows both.
    pub server_force_encryption: Option<bool>,
    /// Pasted error messages (any driver's wording, bare codes, ERRORLOG lines).
    pub errors: Vec<String>,
    /// Extra names the certificate must carry (FCI virtual name, AG listeners),
    /// for the generated certificate request.
    pub names: Vec<String>,
    /// Keep secrets in the corrected connection strings (only for a page that
    /// keeps them locally). Off by default: secrets are redacted.
    pub keep_secrets: bool,
    /// The program the person connects with (SSMS 20, sqlcmd, …): its driver
    /// stands in for `driver` when that is absent, and the diagnosis speaks
    /// in its words. When absent, a pasted error may name it.
    pub client: Option<ClientId>,
    /// What the person sees that the inputs cannot show (for example: the
    /// certificate is missing from Configuration Manager's list).
    pub symptoms: Vec<Symptom>,
}

impl Default for AnalysisRequest {
    fn default() -> Self {
        AnalysisRequest {
            files: Vec::new(),
            password: None,
            now_unix: 0,
            server_version: None,
            warn_days: 30,
            connections: Vec::new(),
            driver: None,
            server_force_encryption: None,
            errors: Vec::new(),
            names: Vec::new(),
            keep_secrets: false,
            client: None,
            symptoms: Vec::new(),
        }
    }
}

/// The decoded inputs with certificates deduplicated across them.
struct Pool {
    certs: Vec<CertificateInfo>,
    cert_inputs: Vec<Vec<usize>>,
    origins: Vec<OriginKind>,
    inputs: Vec<InputReport>,
    findings: Vec<Finding>,
    key_facts: Vec<Option<(Option<String>, Option<KeySpec>)>>,
    /// Per input: a .pfx whose private key matched one of its certificates.
    keyed_pfx: Vec<bool>,
    /// Inputs that are text without a certificate: (input index, text).
    texts: Vec<(usize, String)>,
    /// Index into `certs` by SHA-256 fingerprint, built once there are more
    /// than [`LINEAR_DEDUP`] certificates (below that, a scan is cheaper).
    by_fingerprint: HashMap<String, usize>,
    /// Per certificate: what a pasted Windows store dump shows of it.
    store: Vec<Option<StoreCert>>,
    /// Certificates decoded from bytes come first; those known only from a
    /// store dump (no DER) follow from this index on.
    decoded: usize,
    /// Private keys from key files (not PKCS#12): (input, key in the input's report, public key).
    key_files: Vec<(usize, usize, input::pkcs12::KeyPublic)>,
}

/// Certificates deduplicated by scanning rather than through the index.
const LINEAR_DEDUP: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OriginKind {
    CertificateOnly,
    PfxWithKey,
    PfxWithoutKey,
    PfxKeyMismatch,
    KeyFileMismatch,
}

impl Pool {
    fn add_cert(&mut self, cert: CertificateInfo, input: usize) -> usize {
        let next = self.certs.len();
        let i = if next < LINEAR_DEDUP {
            self.certs
                .iter()
                .position(|c| c.fingerprint_sha256 == cert.fingerprint_sha256)
                .unwrap_or(next)
        } else {
            if self.by_fingerprint.is_empty() {
                for (i, c) in self.certs.iter().enumerate() {
                    self.by_fingerprint.insert(c.fingerprint_sha256.clone(), i);
                }
            }
            *self
                .by_fingerprint
                .entry(cert.fingerprint_sha256.clone())
                .or_insert(next)
        };
        if i != next {
            // Inputs are decoded in order, so an input already listed is the last one.
            if self.cert_inputs[i].last() != Some(&input) {
                self.cert_inputs[i].push(input);
            }
            return i;
        }
        self.certs.push(cert);
        self.cert_inputs.push(vec![input]);
        self.origins.push(OriginKind::CertificateOnly);
        self.key_facts.push(None);
        self.store.push(None);
        self.certs.len() - 1
    }

    /// Add what store dumps in the text inputs and pasted texts show: facts
    /// for a decoded certificate with the same thumbprint, else a
    /// certificate of its own (after every decoded one).
    fn add_store_dumps(&mut self, req: &AnalysisRequest) {
        self.decoded = self.certs.len();
        let files = self.texts.iter().map(|(i, t)| (Some(*i), t.clone()));
        let pasted = req.errors.iter().map(|t| (None, t.clone()));
        let texts: Vec<(Option<usize>, String)> = files.chain(pasted).collect();
        for (input, text) in texts {
            let Some(dump) = parse_store_dump(&text) else {
                continue;
            };
            for sc in dump.certificates {
                let known = sc.thumbprint.as_deref().and_then(|t| {
                    (0..self.decoded)
                        .find(|&i| self.certs[i].thumbprint_sha1.eq_ignore_ascii_case(t))
                });
                if let Some(i) = known {
                    self.store[i] = Some(sc);
                    continue;
                }
                let index = self.certs.len();
                self.certs.push(sc.to_certificate());
                self.cert_inputs.push(input.into_iter().collect());
                self.origins.push(OriginKind::CertificateOnly);
                self.key_facts.push(None);
                self.store.push(Some(sc));
                if let Some(report) = input.and_then(|i| self.inputs.get_mut(i)) {
                    report.certificates.push(index);
                }
            }
        }
    }

    /// Pair private keys from key files (SQL Server on Linux keeps the key in
    /// its own PEM file) with the decoded certificates of every input. When
    /// key files were given and none is the key of any end-entity
    /// certificate, those certificates are marked as without their key.
    fn pair_key_files(&mut self) {
        if self.key_files.is_empty() {
            return;
        }
        let mut any = false;
        for (input, key, public) in &self.key_files {
            let owner = (0..self.decoded).find(|&i| public.matches_spki(&self.certs[i].spki_der));
            if let Some(i) = owner {
                any = true;
                if let Some(report) = self
                    .inputs
                    .get_mut(*input)
                    .and_then(|r| r.keys.get_mut(*key))
                {
                    report.certificate = Some(i);
                }
            }
        }
        if !any {
            for i in 0..self.decoded {
                if self.origins[i] == OriginKind::CertificateOnly && !self.certs[i].is_ca() {
                    self.origins[i] = OriginKind::KeyFileMismatch;
                }
            }
        }
    }
}

fn decode_all(req: &AnalysisRequest) -> Pool {
    let mut pool = Pool {
        certs: Vec::new(),
        cert_inputs: Vec::new(),
        origins: Vec::new(),
        inputs: Vec::new(),
        findings: Vec::new(),
        key_facts: Vec::new(),
        keyed_pfx: Vec::new(),
        texts: Vec::new(),
        by_fingerprint: HashMap::new(),
        store: Vec::new(),
        decoded: 0,
        key_files: Vec::new(),
    };
    for (index, file) in req.files.iter().enumerate() {
        let decoded = input::decode(&file.name, &file.bytes, req.password.as_deref());
        // Room for this input's certificates: exactly for the first input
        // (usually one certificate, a small block), amortised after.
        if pool.certs.capacity() == 0 {
            pool.certs.reserve_exact(decoded.certificates.len());
        }
        let indices: Vec<usize> = decoded
            .certificates
            .into_iter()
            .map(|c| pool.add_cert(c, index))
            .collect();
        let mut keys = Vec::new();
        let mut matched_any = false;
        for key in &decoded.keys {
            let owner = indices
                .iter()
                .copied()
                .find(|&i| key.public_key.matches_spki(&pool.certs[i].spki_der));
            if let Some(i) = owner {
                matched_any = true;
                pool.origins[i] = OriginKind::PfxWithKey;
                pool.key_facts[i] = Some((key.csp_name.clone(), key.key_spec));
            }
            if decoded.format != InputFormat::Pkcs12 && owner.is_none() {
                pool.key_files
                    .push((index, keys.len(), key.public_key.clone()));
            }
            keys.push(key_report(key, owner));
        }
        if decoded.format == InputFormat::Pkcs12 && !matched_any {
            let kind = if decoded.keys.is_empty() {
                OriginKind::PfxWithoutKey
            } else {
                OriginKind::PfxKeyMismatch
            };
            for &i in &indices {
                if pool.origins[i] == OriginKind::CertificateOnly && !pool.certs[i].is_ca() {
                    pool.origins[i] = kind;
                }
            }
        }
        pool.keyed_pfx.push(matched_any);
        if let Some(text) = decoded.text {
            pool.texts.push((index, text));
        }
        pool.findings
            .extend(decoded.problems.into_iter().map(|f| f.for_input(index)));
        pool.inputs.push(InputReport {
            name: file.name.clone(),
            format: decoded.format,
            size: file.bytes.len(),
            certificates: indices,
            keys,
            protection: decoded.protection,
        });
    }
    pool.decoded = pool.certs.len();
    pool.pair_key_files();
    pool.add_store_dumps(req);
    pool
}

fn key_report(key: &input::pkcs12::Pkcs12Key, owner: Option<usize>) -> KeyReport {
    KeyReport {
        friendly_name: key.friendly_name.clone(),
        provider: key.csp_name.clone(),
        provider_kind: match key.csp_name.as_deref() {
            Some(p) if is_cng_provider(p) => "cng-ksp",
            Some(_) => "legacy-csp",
            None => "unknown",
        },
        key_spec: key.key_spec.map(|k| match k {
            KeySpec::KeyExchange => "AT_KEYEXCHANGE".to_string(),
            KeySpec::Signature => "AT_SIGNATURE".to_string(),
            KeySpec::Other(b) => format!("0x{b:02X}"),
        }),
        certificate: owner,
    }
}

/// Which certificates would SQL Server present? In a .pfx, the one holding its
/// private key; elsewhere every end-entity certificate, except one that issued
/// another certificate given (a broken intermediate, not a server
/// certificate); failing both, the leaf-most CA certificate (see
/// [`leaf_most_ca`]). Other CA certificates given alongside are chain members
/// only. The second value is true when a CA certificate was taken for want of
/// an end-entity one.
fn server_certificates(pool: &Pool, verifier: &mut Verifier<'_>) -> (Vec<usize>, bool) {
    let (mut servers, ca_taken) = decoded_server_certificates(pool, verifier);
    // Every certificate known only from a store dump is judged as one SQL
    // Server could be configured with.
    servers.extend(pool.decoded..pool.certs.len());
    (servers, ca_taken)
}

/// [`server_certificates`] among the certificates decoded from bytes.
fn decoded_server_certificates(pool: &Pool, verifier: &mut Verifier<'_>) -> (Vec<usize>, bool) {
    let n = pool.decoded;
    // End-entity certificates that signed another (not self-issued) one.
    let mut issued_another = vec![false; n];
    for child in 0..n {
        let c = &pool.certs[child];
        if c.is_ca() || c.self_issued {
            continue;
        }
        if let Some((issuer, check)) = verifier.find_issuer(child) {
            if check != SignatureCheck::Failed && !pool.certs[issuer].is_ca() {
                issued_another[issuer] = true;
            }
        }
    }
    let servers: Vec<usize> = (0..n)
        .filter(|&i| {
            let only_in_keyed_pfx = pool.cert_inputs[i]
                .iter()
                .all(|&input| pool.keyed_pfx[input]);
            pool.origins[i] == OriginKind::PfxWithKey
                || (!pool.certs[i].is_ca() && !only_in_keyed_pfx && !issued_another[i])
        })
        .collect();
    if !servers.is_empty() {
        return (servers, false);
    }
    if n == 1 {
        return (vec![0], false);
    }
    match leaf_most_ca(pool, verifier) {
        Some(i) => (vec![i], true),
        None => (servers, false),
    }
}

/// With no end-entity certificate given, the certificate SQL Server would
/// present is the CA certificate furthest from a root: one that issued no
/// other certificate given, not self-issued when another is not; among
/// several, the one with the longest chain, then the least fingerprint (so
/// the order of the files does not matter).
fn leaf_most_ca(pool: &Pool, verifier: &mut Verifier<'_>) -> Option<usize> {
    let n = pool.decoded;
    let mut issued_another = vec![false; n];
    for child in 0..n {
        if let Some((issuer, check)) = verifier.find_issuer(child) {
            if check != SignatureCheck::Failed && issuer != child {
                issued_another[issuer] = true;
            }
        }
    }
    let mut candidates: Vec<usize> = (0..n).filter(|&i| !issued_another[i]).collect();
    if candidates.is_empty() {
        // Every certificate issued another (a cycle): any of them, by fingerprint.
        candidates = (0..n).collect();
    }
    if candidates.iter().any(|&i| !pool.certs[i].self_issued) {
        candidates.retain(|&i| !pool.certs[i].self_issued);
    }
    let mut best: Option<(usize, usize)> = None;
    for i in candidates {
        let length = verifier.build(i).links.len();
        let better = match best {
            None => true,
            Some((b, len)) => {
                length > len
                    || (length == len
                        && pool.certs[i].fingerprint_sha256 < pool.certs[b].fingerprint_sha256)
            }
        };
        if better {
            best = Some((i, length));
        }
    }
    best.map(|(i, _)| i)
}

/// Analyse everything in `req` (the remedies are built from the result by
/// [`crate::report::analyze`]).
pub fn run(req: &AnalysisRequest) -> Analysis {
    run_counted(req).0
}

/// [`run`], also returning the signature-check work done while building
/// chains (for tests and benchmarks; never part of the report).
pub fn run_counted(req: &AnalysisRequest) -> (Analysis, VerifyStats) {
    let mut pool = decode_all(req);
    let mut findings = std::mem::take(&mut pool.findings);
    let mut verifier = Verifier::new(&pool.certs[..pool.decoded]);
    let (servers, ca_taken) = server_certificates(&pool, &mut verifier);
    let (evidence, evidence_findings) = analyze_evidence(req, &pool);
    findings.extend(evidence_findings);
    let from_evidence = evidence.iter().find_map(|e| e.facts.version);
    let (server_version, server_version_source) = match (req.server_version, from_evidence) {
        (Some(v), _) => (Some(v), Some("option")),
        (None, Some(v)) => (Some(v), Some("evidence")),
        (None, None) => (None, None),
    };
    let force_encryption = req
        .server_force_encryption
        .or_else(|| evidence.iter().find_map(|e| e.facts.force_encryption));
    let mut verdicts: Vec<Option<Verdict>> = vec![None; pool.certs.len()];
    let mut chains: Vec<Chain> = Vec::new();
    let ca_count = pool.certs.iter().filter(|c| c.is_ca()).count();

    for &index in &servers {
        let cert = &pool.certs[index];
        let chain = if index < pool.decoded {
            verifier.build(index)
        } else {
            dump_chain(index, cert)
        };
        // A gap is real when CA certificates were given that did not fill it:
        // count the CA certificates other than this one that are in its chain.
        let mut accounted: Vec<usize> = chain
            .links
            .iter()
            .map(|l| l.certificate)
            .chain([index])
            .filter(|&i| pool.certs.get(i).is_some_and(CertificateInfo::is_ca))
            .collect();
        accounted.sort_unstable();
        accounted.dedup();
        let accounted_cas = accounted.len();
        let other_ca_given = ca_count > accounted_cas;
        let facts = pool.key_facts[index].as_ref();
        let store = pool.store[index].as_ref();
        let origin = match (store, pool.origins[index]) {
            (Some(store), _) => Origin::Store(store),
            (None, OriginKind::PfxWithKey) => Origin::PfxWithKey(KeyFacts {
                csp_name: facts.and_then(|f| f.0.as_deref()),
                key_spec: facts.and_then(|f| f.1),
            }),
            (None, OriginKind::PfxWithoutKey) => Origin::PfxWithoutKey,
            (None, OriginKind::PfxKeyMismatch) => Origin::PfxKeyMismatch,
            (None, OriginKind::KeyFileMismatch) => Origin::KeyFileMismatch,
            (None, OriginKind::CertificateOnly) => Origin::CertificateOnly,
        };
        let trust_anchor = chain.trust_anchor(&pool.certs);
        let ctx = ServerCertContext {
            cert,
            origin,
            chain: &chain,
            certs: &pool.certs,
            trust_anchor,
            other_ca_given,
            now: req.now_unix,
            warn_days: req.warn_days,
            version: server_version,
        };
        let mut verdict = Verdict::new();
        verdict.trust_root = Some(trust_anchor.to_string());
        if cert.san_problem.is_some() {
            // A SAN that cannot be read (or is there twice) makes TLS stacks
            // refuse the certificate: its input.malformed finding says which.
            verdict
                .get_mut(VerdictKind::ClientsValidate)
                .apply(Answer::No, Rule::InputMalformed);
        }
        for rule in cert_rules() {
            if store.is_some_and(|s| index >= pool.decoded && needs_unknown_fact(rule.rule, s)) {
                continue;
            }
            if let Some(hit) = (rule.check)(&ctx) {
                for (kind, answer) in &hit.effects {
                    verdict.get_mut(*kind).apply(*answer, rule.rule);
                }
                let mut message = hit.message;
                if ca_taken && rule.rule == Rule::CertIsCa {
                    message.push_str(" No end-entity certificate was given: this CA certificate, the furthest from a root, is analysed as the one SQL Server would present.");
                }
                let mut f = Finding::new(rule.rule, message).for_certificate(index);
                f.input = pool.cert_inputs[index].first().copied();
                f.versions = hit.versions;
                findings.push(f);
            }
        }
        verdicts[index] = Some(verdict);
        chains.push(chain);
    }
    findings.extend(limit_findings(&verifier, &pool));
    let stats = verifier.stats();

    proven::apply(&findings, &servers, &mut verdicts);
    let (client, client_source) = match req.client {
        Some(c) => (Some(c), Some("option")),
        None => match req.errors.iter().find_map(|t| crate::clients::recognise(t)) {
            Some(c) => (Some(c), Some("error")),
            None => (None, None),
        },
    };
    let client_driver = client.map(|c| c.client().driver);
    let connections =
        analyze_connections(req, client_driver, force_encryption, &pool.certs, &servers);
    for (index, conn) in connections.iter().enumerate() {
        findings.extend(conn.findings.iter().cloned().map(|mut f| {
            f.connection = Some(index);
            f
        }));
    }

    findings.sort_by_key(|f| f.severity);
    let summary = Summary {
        errors: findings
            .iter()
            .filter(|f| f.severity == crate::Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|f| f.severity == crate::Severity::Warning)
            .count(),
        infos: findings
            .iter()
            .filter(|f| f.severity == crate::Severity::Info)
            .count(),
    };
    // Certificates that issued another one of a chain.
    let mut issuers = vec![false; pool.certs.len()];
    for l in chains.iter().flat_map(|c| c.links.iter().skip(1)) {
        issuers[l.certificate] = true;
    }
    let certificates: Vec<CertificateReport> = pool
        .certs
        .into_iter()
        .zip(pool.cert_inputs)
        .zip(verdicts)
        .zip(issuers)
        .zip(pool.store)
        .map(|((((details, inputs), verdict), issuer), store)| {
            // Every server certificate, and only they, got a verdict.
            let server = verdict.is_some();
            CertificateReport {
                role: if server && details.is_ca() {
                    Role::Leaf
                } else if !server && issuer && !details.is_ca() {
                    Role::Intermediate
                } else {
                    chain::role(&details)
                },
                server_certificate: server,
                inputs,
                verdict,
                details,
                store,
            }
        })
        .collect();
    let mut connections = connections;
    for conn in &mut connections {
        conn.verdict = connection_verdict::judge(conn, &certificates, &findings);
    }
    let analysis = Analysis {
        schema_version: SCHEMA_VERSION,
        schema_minor: SCHEMA_MINOR,
        evaluated_at: format_unix(req.now_unix),
        server_version,
        server_version_source,
        summary,
        inputs: pool.inputs,
        certificates,
        chains,
        connections,
        evidence,
        findings,
        client,
        client_source,
    };
    (analysis, stats)
}

/// The chain of a certificate known only from a store dump: itself, ending
/// at its issuer (not given) or at itself when the dump shows it self-issued.
fn dump_chain(index: usize, cert: &CertificateInfo) -> Chain {
    let end = if cert.self_issued {
        chain::ChainEnd::SelfSigned { certificate: index }
    } else {
        chain::ChainEnd::MissingIssuer {
            issuer: cert.issuer.clone(),
            authority_key_id: None,
            impostor: None,
        }
    };
    Chain {
        leaf: index,
        links: vec![chain::ChainLink {
            certificate: index,
            signature: None,
        }],
        end,
    }
}

/// Findings for what chain building left unchecked: keys too large to verify,
/// floods of same-named candidate issuers, a spent signature budget.
fn limit_findings(verifier: &Verifier<'_>, pool: &Pool) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut budget_reported = false;
    let mut names_reported: Vec<&str> = Vec::new();
    for limit in verifier.limits() {
        let (rule, index, message) = match *limit {
            Limit::KeyTooLarge { certificate, bits } => (
                Rule::InputKeyTooLarge,
                certificate,
                format!(
                    "'{}' has an RSA key of {bits} bits; signatures checked with keys above {} bits are not verified, so the chain through it is built by name only.",
                    pool.certs[certificate].label(),
                    crate::verify::MAX_RSA_BITS
                ),
            ),
            Limit::TooManyCandidates { certificate, .. }
                if names_reported.contains(&pool.certs[certificate].issuer.as_str()) =>
            {
                continue
            }
            Limit::TooManyCandidates {
                certificate,
                candidates,
            } => {
                names_reported.push(&pool.certs[certificate].issuer);
                (
                Rule::InputChainLimited,
                certificate,
                format!(
                    "{candidates} certificates are named '{}', the issuer of '{}'; only the first {} were tried as its issuer.",
                    pool.certs[certificate].issuer,
                    pool.certs[certificate].label(),
                    chain::MAX_ISSUER_CANDIDATES
                ),
            )
            }
            Limit::BudgetSpent { certificate } if !budget_reported => {
                budget_reported = true;
                (
                    Rule::InputChainLimited,
                    certificate,
                    format!(
                        "The signature checks of this analysis reached their limit (the work of {} 2048-bit RSA verifications) at '{}'; the signatures left are reported as not checked.",
                        chain::MAX_VERIFY_WORK,
                        pool.certs[certificate].label()
                    ),
                )
            }
            Limit::BudgetSpent { .. } => continue,
        };
        let mut f = Finding::new(rule, message).for_certificate(index);
        f.input = pool.cert_inputs[index].first().copied();
        out.push(f);
    }
    out
}

/// Text inputs (ERRORLOG, registry export, mssql.conf, error messages) and
/// pasted errors, cross-checked with every dropped certificate. A text file
/// that holds nothing known is reported as an unrecognised input.
fn analyze_evidence(req: &AnalysisRequest, pool: &Pool) -> (Vec<EvidenceEntry>, Vec<Finding>) {
    let files = pool
        .texts
        .iter()
        .map(|(i, text)| (Some(*i), req.files[*i].name.clone(), text.as_str()));
    let pasted = req
        .errors
        .iter()
        .enumerate()
        .map(|(n, text)| (None, format!("error #{}", n + 1), text.as_str()));
    let mut entries = Vec::new();
    let mut findings = Vec::new();
    for (input, name, text) in files.chain(pasted) {
        let result = evidence::analyze_text(text, &pool.certs, req.server_version);
        let index = entries.len();
        let nothing_known = result.kind == EvidenceKind::ErrorText
            && result
                .findings
                .iter()
                .all(|f| f.rule == Rule::ErrorUnrecognized);
        if let (Some(i), true) = (input, nothing_known) {
            findings.push(
                Finding::new(
                    Rule::InputUnrecognized,
                    format!("'{name}' is text without a certificate, and holds no SQL Server log, registry export, mssql.conf or known error message."),
                )
                .for_input(i),
            );
            continue;
        }
        let mut result_findings = result.findings;
        if result.kind == EvidenceKind::MssqlConf {
            if let Some(conf) = evidence::parse_mssql_conf(text) {
                let dropped: Vec<evidence::DroppedFile<'_>> = pool
                    .inputs
                    .iter()
                    .map(|r| evidence::DroppedFile {
                        name: &r.name,
                        certificates: &r.certificates,
                        key_owners: r.keys.iter().map(|k| k.certificate).collect(),
                    })
                    .collect();
                result_findings.extend(evidence::check_tls_files(&conf, &dropped));
            }
        }
        findings.extend(result_findings.into_iter().map(|mut f| {
            f.input = input;
            f.evidence = Some(index);
            f
        }));
        entries.push(EvidenceEntry {
            name,
            input,
            kind: result.kind,
            facts: result.facts,
        });
    }
    (entries, findings)
}

/// Analyse each connection string against the server certificates. Name-match
/// findings come back indexed into the slice given; map them to report indices.
fn analyze_connections(
    req: &AnalysisRequest,
    client_driver: Option<&str>,
    force_encryption: Option<bool>,
    certs: &[CertificateInfo],
    servers: &[usize],
) -> Vec<ConnectionReport> {
    if req.connections.is_empty() {
        return Vec::new();
    }
    // The server certificates as one slice: all of them in order (the usual
    // case) is `certs` itself; otherwise a copy of those chosen.
    let chosen: Vec<CertificateInfo>;
    let server_certs: &[CertificateInfo] = if servers.iter().copied().eq(0..certs.len()) {
        certs
    } else {
        chosen = servers.iter().map(|&i| certs[i].clone()).collect();
        &chosen
    };
    req.connections
        .iter()
        .map(|text| {
            let request = ConnectionRequest {
                text,
                driver: req.driver.as_deref().or(client_driver),
                server_force_encryption: force_encryption,
            };
            let mut report = analyze_connection(&request, server_certs);
            for f in &mut report.findings {
                f.certificate = f.certificate.and_then(|i| servers.get(i).copied());
            }
            report
        })
        .collect()
}
