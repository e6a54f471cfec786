//! What the analysis found, as a model: inputs, certificates with their
//! verdicts, chains, connections, evidence and findings. The remedies are
//! built from it, and the [`crate::report::Report`] wraps both.

use crate::cert::CertificateInfo;
use crate::chain::{Chain, Role};
use crate::clients::ClientId;
use crate::connstr::ConnectionReport;
use crate::evidence::{EvidenceKind, ServerFacts};
use crate::finding::{Finding, Severity};
use crate::input::InputFormat;
use crate::verdict::Verdict;
use crate::version::SqlServerVersion;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Version of the JSON schema. Bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Minor version of the JSON schema: bumped when fields are added (1: the
/// `diagnosis` list, `client`, `client_source`; 2: `verified_with` of
/// outcomes, `store` of certificates, evidence kinds `store-dump` and
/// `file-listing`; 3: `not_before_unix` and `not_after_unix` of validity
/// windows).
pub const SCHEMA_MINOR: u32 = 3;

/// A private key read from a .pfx, as reported (never the key material).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyReport {
    /// Friendly name bag attribute.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub friendly_name: Option<String>,
    /// Microsoft CSP/KSP name bag attribute.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider: Option<String>,
    /// "legacy-csp", "cng-ksp" or "unknown".
    #[serde(deserialize_with = "crate::interned::text")]
    pub provider_kind: crate::interned::Text,
    /// "AT_KEYEXCHANGE", "AT_SIGNATURE", "0xNN" or absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_spec: Option<String>,
    /// Index of the certificate this key belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub certificate: Option<usize>,
}

/// One input as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputReport {
    /// File name (or a label such as "stdin").
    pub name: String,
    /// Detected format.
    pub format: InputFormat,
    /// Size in bytes.
    pub size: usize,
    /// Indices of the certificates it held.
    pub certificates: Vec<usize>,
    /// Private keys it held.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub keys: Vec<KeyReport>,
    /// PKCS#12 protection algorithms.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub protection: Vec<String>,
}

/// One certificate as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateReport {
    /// Leaf, intermediate or root.
    pub role: Role,
    /// Judged as a certificate SQL Server would present.
    pub server_certificate: bool,
    /// Indices of the inputs it came from.
    pub inputs: Vec<usize>,
    /// Decoded details.
    #[serde(flatten)]
    pub details: CertificateInfo,
    /// The three answers (server certificates only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub verdict: Option<Verdict>,
    /// What a pasted Windows certificate-store listing shows of it (store,
    /// key provider, KeySpec, key present or not), when one was given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub store: Option<crate::evidence::store_dump::StoreCert>,
}

/// One piece of server evidence or one error text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceEntry {
    /// The file name, or "error #N" for a pasted error.
    pub name: String,
    /// Index into `inputs` when it came from a file.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub input: Option<usize>,
    /// What the text was recognised as.
    pub kind: EvidenceKind,
    /// What it says about the server.
    pub facts: ServerFacts,
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

/// Everything the analysis found (the report without its remedies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// JSON schema version.
    pub schema_version: u32,
    /// JSON schema minor version (fields added since `schema_version`).
    pub schema_minor: u32,
    /// The instant the certificates were judged at, RFC 3339.
    pub evaluated_at: String,
    /// The SQL Server version findings were narrowed to, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub server_version: Option<SqlServerVersion>,
    /// Where that version came from: "option" (given) or "evidence" (an ERRORLOG or registry export).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "crate::interned::opt_text"
    )]
    pub server_version_source: Option<crate::interned::Text>,
    /// Counts per severity.
    pub summary: Summary,
    /// Inputs, in the order given.
    pub inputs: Vec<InputReport>,
    /// Distinct certificates (deduplicated by SHA-256).
    pub certificates: Vec<CertificateReport>,
    /// One chain per server certificate.
    pub chains: Vec<Chain>,
    /// Connection strings analysed, in the order given.
    pub connections: Vec<ConnectionReport>,
    /// Server evidence and error texts: dropped text files, then pasted errors.
    pub evidence: Vec<EvidenceEntry>,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
    /// The program the person connects with, when chosen or named by a
    /// pasted error (`ssms-20`, `sqlcmd-odbc18`, …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub client: Option<ClientId>,
    /// Where `client` came from: "option" (chosen) or "error" (a pasted error names it).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "crate::interned::opt_text"
    )]
    pub client_source: Option<crate::interned::Text>,
}

impl Analysis {
    /// Does any finding have severity error?
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Findings that concern input `index` (directly or through one of its
    /// certificates); a connection's findings stay with the connection.
    ///
    /// One call scans every finding; to render every input, group them once
    /// with [`Analysis::finding_groups`].
    pub fn findings_for_input(&self, index: usize) -> impl Iterator<Item = &Finding> {
        let certs: HashSet<usize> = self
            .inputs
            .get(index)
            .map(|i| i.certificates.iter().copied().collect())
            .unwrap_or_default();
        self.findings.iter().filter(move |f| {
            f.input == Some(index)
                || (f.input.is_none()
                    && f.connection.is_none()
                    && f.certificate.is_some_and(|c| certs.contains(&c)))
        })
    }

    /// Every finding's place, in one pass over the findings: per input the
    /// findings [`Analysis::findings_for_input`] yields, per connection and
    /// per evidence entry the findings that name it. Each list holds indices
    /// into `findings`, in order.
    pub fn finding_groups(&self) -> FindingGroups {
        // Which inputs hold each certificate (an input listed once).
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); self.certificates.len()];
        for (i, input) in self.inputs.iter().enumerate() {
            for &c in &input.certificates {
                if let Some(h) = holders.get_mut(c) {
                    if h.last() != Some(&i) {
                        h.push(i);
                    }
                }
            }
        }
        let mut groups = FindingGroups {
            inputs: vec![Vec::new(); self.inputs.len()],
            connections: vec![Vec::new(); self.connections.len()],
            evidence: vec![Vec::new(); self.evidence.len()],
        };
        for (k, f) in self.findings.iter().enumerate() {
            visit();
            match f.input {
                Some(i) => {
                    if let Some(g) = groups.inputs.get_mut(i) {
                        g.push(k);
                    }
                }
                None if f.connection.is_none() => {
                    let cert_holders = f.certificate.and_then(|c| holders.get(c));
                    for &i in cert_holders.into_iter().flatten() {
                        if let Some(g) = groups.inputs.get_mut(i) {
                            g.push(k);
                        }
                    }
                }
                None => {}
            }
            if let Some(g) = f.connection.and_then(|c| groups.connections.get_mut(c)) {
                g.push(k);
            }
            if let Some(g) = f.evidence.and_then(|e| groups.evidence.get_mut(e)) {
                g.push(k);
            }
        }
        groups
    }
}

/// Findings grouped by what they concern: indices into [`Analysis::findings`],
/// in order (see [`Analysis::finding_groups`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingGroups {
    /// Per input: the findings [`Analysis::findings_for_input`] yields.
    pub inputs: Vec<Vec<usize>>,
    /// Per connection: the findings with that `connection`.
    pub connections: Vec<Vec<usize>>,
    /// Per evidence entry: the findings with that `evidence`.
    pub evidence: Vec<Vec<usize>>,
}

#[cfg(test)]
thread_local! {
    /// Findings visited by [`Analysis::finding_groups`] on this thread.
    static VISITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn visit() {
    #[cfg(test)]
    VISITS.with(|v| v.set(v.get() + 1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{run, AnalysisRequest, InputFile};

    /// Certificates in several inputs (one input twice over the same
    /// certificate), an unrecognised text, and `n` connection strings.
    fn analysis(n: usize) -> Analysis {
        let file = |name: &str| InputFile {
            name: name.to_string(),
            bytes: sqltls_fixtures::bytes(&format!("certs/{name}")),
        };
        let mut twice = file("expired.pem");
        twice
            .bytes
            .extend(sqltls_fixtures::bytes("certs/expired.pem"));
        twice.name = "twice.pem".to_string();
        let req = AnalysisRequest {
            files: vec![
                file("good-with-ca.pem"),
                file("expired.pem"),
                file("issuing-ca.pem"),
                twice,
                InputFile {
                    name: "notes.txt".to_string(),
                    bytes: b"nothing to see".to_vec(),
                },
            ],
            connections: (0..n)
                .map(|i| format!("Server=tcp:sql{i}.corp.example.com;Encrypt=True;TrustServerCertificate=True"))
                .collect(),
            errors: vec!["error 0x80090325".to_string()],
            now_unix: 1_780_000_000,
            ..AnalysisRequest::default()
        };
        run(&req)
    }

    #[test]
    fn finding_groups_agree_with_the_per_item_filters() {
        let a = analysis(20);
        let g = a.finding_groups();
        let idx = |f: &Finding| {
            a.findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(usize::MAX)
        };
        for i in 0..a.inputs.len() {
            let slow: Vec<usize> = a.findings_for_input(i).map(idx).collect();
            assert_eq!(g.inputs[i], slow, "input {i}");
        }
        assert!(g.inputs.iter().any(|l| !l.is_empty()));
        for c in 0..a.connections.len() {
            let slow: Vec<usize> = (0..a.findings.len())
                .filter(|&k| a.findings[k].connection == Some(c))
                .collect();
            assert_eq!(g.connections[c], slow, "connection {c}");
            assert!(!slow.is_empty());
        }
        for e in 0..a.evidence.len() {
            let slow: Vec<usize> = (0..a.findings.len())
                .filter(|&k| a.findings[k].evidence == Some(e))
                .collect();
            assert_eq!(g.evidence[e], slow, "evidence {e}");
        }
    }

    #[test]
    fn grouping_visits_each_finding_once() {
        for n in [500, 1_000, 2_000] {
            let a = analysis(n);
            VISITS.with(|v| v.set(0));
            let g = a.finding_groups();
            assert_eq!(VISITS.with(std::cell::Cell::get), a.findings.len());
            assert_eq!(g.connections.len(), n);
        }
    }
}
