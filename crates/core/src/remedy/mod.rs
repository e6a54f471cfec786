//! Remedies that can be pasted: a compliant certificate request and corrected connection strings.
//!
//! [`remedies`] turns a finished [`Analysis`] into the names a server
//! certificate must carry, ready-to-run artifacts (a `certreq` INF for an
//! enterprise CA, a lab `New-SelfSignedCertificate` line, an `openssl` config
//! for SQL Server on Linux with its `mssql-conf` lines, the registry line that
//! selects a certificate by thumbprint) and, per connection string, the same
//! string corrected in its own dialect and keyword style. Pure: no I/O.

mod certreq;
mod connection;
mod names;
mod openssl;
mod powershell;
mod reg_add;
pub(crate) mod trust;

use crate::analyze::results::Analysis;
use crate::catalogue::{RemedyKind, Rule};
use crate::cert::{CertificateInfo, KeyType};
use crate::evidence::EvidenceKind;
use crate::verdict::Answer;
use serde::{Deserialize, Serialize};

/// What [`remedies`] needs.
#[derive(Debug, Clone, Copy)]
pub struct RemedyRequest<'a> {
    /// The finished analysis.
    pub report: &'a Analysis,
    /// More names the certificate must carry (`--name`): an FCI virtual
    /// network name, AG listener names, DNS aliases.
    pub extra_names: &'a [String],
    /// The connection strings as given, in report order. When absent (or
    /// shorter), the report's redacted text is rewritten instead.
    pub connection_texts: &'a [String],
    /// Keep passwords in corrected strings (only when the caller asked to).
    pub keep_secrets: bool,
    /// The instance: `MSSQLSERVER` (default instance), a named instance such
    /// as `SQL2019`, or a full registry instance id such as `MSSQL15.SQL2019`.
    /// When absent, the first connection's `\instance`, else `MSSQLSERVER`.
    pub instance: Option<&'a str>,
}

impl<'a> RemedyRequest<'a> {
    /// A request with no extra names, no texts, secrets redacted, instance inferred.
    pub fn new(report: &'a Analysis) -> Self {
        RemedyRequest {
            report,
            extra_names: &[],
            connection_texts: &[],
            keep_secrets: false,
            instance: None,
        }
    }
}

/// Everything that can be pasted to fix what the report found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedies {
    /// Every DNS name the certificate must carry, lower-case, FQDNs first.
    pub names: Vec<String>,
    /// IP addresses the certificate must carry: only for connections by IP
    /// whose driver cannot be told another name (HostNameInCertificate).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ip_addresses: Vec<String>,
    /// The subject CN: the first FQDN (else the first name).
    pub common_name: Option<String>,
    /// RSA key size proposed: 2048, or the current certificate's if larger.
    pub key_length: usize,
    /// Ready-to-paste artifacts.
    pub artifacts: Vec<Artifact>,
    /// One entry per connection string that needs a change.
    pub connections: Vec<ConnectionFix>,
}

/// One ready-to-paste text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    /// Stable id: `certreq-inf`, `certreq-commands`,
    /// `new-selfsignedcertificate`, `trust-root-commands`, `openssl-config`,
    /// `openssl-commands`, `mssql-conf`, `registry-thumbprint`.
    #[serde(deserialize_with = "crate::interned::text")]
    pub id: crate::interned::Text,
    /// What it is, for people.
    pub title: String,
    /// `ini`, `powershell`, `bash` or `cmd`.
    #[serde(deserialize_with = "crate::interned::text")]
    pub language: crate::interned::Text,
    /// The text to paste (ASCII only).
    pub content: String,
    /// Ids of the report's findings this artifact fixes.
    pub fixes: Vec<Rule>,
}

/// One change to a connection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// `removed`, `added`, `changed`, or `offered` (advice not applied to
    /// `corrected`: it needs something sqltls cannot do in the string).
    #[serde(deserialize_with = "crate::interned::text")]
    pub action: crate::interned::Text,
    /// The keyword as written (or as it would be written).
    pub keyword: String,
    /// The value before (never a secret).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub from: Option<String>,
    /// The value after.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub to: Option<String>,
    /// Why, in plain words.
    pub why: String,
}

/// A corrected connection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionFix {
    /// Index into `report.connections`.
    pub connection: usize,
    /// The string as given (redacted).
    pub original: String,
    /// The corrected string (redacted unless secrets were asked for).
    pub corrected: String,
    /// What changed and why.
    pub changes: Vec<Change>,
    /// Ids of the connection's findings the corrected string no longer raises.
    pub fixes: Vec<Rule>,
    /// The corrected string with `Encrypt=Strict` (TDS 8.0), offered when the
    /// server is SQL Server 2022+ and this driver generation supports it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub strict: Option<String>,
}

/// Artifact id `certreq-commands`.
pub(crate) const CERTREQ_COMMANDS: &str = "certreq-commands";
/// Artifact id `certreq-inf`.
pub(crate) const CERTREQ_INF: &str = "certreq-inf";
/// Artifact id `mssql-conf`.
pub(crate) const MSSQL_CONF: &str = "mssql-conf";
/// Artifact id `new-selfsignedcertificate`.
pub(crate) const NEW_SELFSIGNEDCERTIFICATE: &str = "new-selfsignedcertificate";
/// Artifact id `openssl-commands`.
pub(crate) const OPENSSL_COMMANDS: &str = "openssl-commands";
/// Artifact id `openssl-config`.
pub(crate) const OPENSSL_CONFIG: &str = "openssl-config";
/// Artifact id `registry-thumbprint`.
pub(crate) const REGISTRY_THUMBPRINT: &str = "registry-thumbprint";
/// Artifact id `trust-root-commands`.
pub(crate) const TRUST_ROOT_COMMANDS: &str = "trust-root-commands";

/// The rules whose primary remedy is `kind`, in catalogue order.
pub(crate) fn rules_fixed_by(kind: RemedyKind) -> impl Iterator<Item = Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(move |r| r.meta().primary_remedy() == Some(kind))
}

/// The findings present in `report` that a remedy of `kind` fixes (whether
/// it is their first remedy or another), each rule once, in catalogue order.
fn present_fixed_by(report: &Analysis, kind: RemedyKind) -> Vec<Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(|r| r.meta().remedies.contains(&kind))
        .filter(|&rule| report.findings.iter().any(|f| f.rule == rule))
        .collect()
}

/// Can no CA be assumed? True when every server certificate dropped is
/// self-signed (or SQL Server's self-generated one) and no CA certificate came
/// with it, or when the only certificate known is the self-generated one.
fn no_ca_assumed(report: &Analysis) -> bool {
    let servers: Vec<_> = report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .collect();
    let any_ca = report
        .certificates
        .iter()
        .any(|c| !c.server_certificate && c.details.is_ca());
    if servers.is_empty() {
        return report
            .findings
            .iter()
            .any(|f| f.rule == Rule::ServerSelfGeneratedCert);
    }
    !any_ca
        && servers
            .iter()
            .all(|c| c.details.subject == c.details.issuer)
}

/// Build the remedies for `req.report`: only artifacts that fix a finding
/// present in it, each listing those findings in `fixes`.
pub fn remedies(req: &RemedyRequest<'_>) -> Remedies {
    let report = req.report;
    let collected = names::collect(req);
    let common_name = names::common_name(&collected.dns);
    let key_length = key_length(report);
    let instance = Instance::resolve(req);
    let mut artifacts = Vec::new();
    let new_cert = present_fixed_by(report, RemedyKind::NewCertificate);
    if let (Some(cn), false) = (&common_name, new_cert.is_empty()) {
        let spec = CertSpec {
            common_name: cn,
            names: &collected.dns,
            ips: &collected.ips,
            key_length,
            instance: &instance,
        };
        let linux = report
            .evidence
            .iter()
            .any(|e| e.kind == EvidenceKind::MssqlConf);
        let mut windows = vec![
            certreq::inf(&spec, new_cert.clone()),
            certreq::commands(&spec, new_cert.clone()),
        ];
        if no_ca_assumed(report) {
            windows.push(powershell::self_signed(&spec, new_cert.clone()));
        }
        let unix = vec![
            openssl::config(&spec, new_cert.clone()),
            openssl::commands(&spec, new_cert.clone()),
            openssl::mssql_conf(&spec, new_cert.clone()),
        ];
        if linux {
            artifacts.extend(unix);
            artifacts.extend(windows);
        } else {
            artifacts.extend(windows);
            artifacts.extend(unix);
        }
    }
    let trust = present_fixed_by(report, RemedyKind::TrustRoot);
    if !trust.is_empty() {
        artifacts.push(trust::trust_root(trust::target(report).as_ref(), trust));
    }
    let registry = present_fixed_by(report, RemedyKind::RegistryThumbprint);
    if !registry.is_empty() {
        artifacts.extend(reg_add::thumbprint(report, &instance, registry));
    }
    let connections = connection::fixes(req, &collected, common_name.as_deref());
    Remedies {
        names: collected.dns,
        ip_addresses: collected.ips,
        common_name,
        key_length,
        artifacts,
        connections,
    }
}

/// The artifact (or `connection-fix#<n>`) that fixes a finding of `rule`, if
/// any: the first of the rule's remedies that was generated. `connection` is
/// the finding's connection index, when it has one.
pub fn remedy_for(remedies: &Remedies, rule: Rule, connection: Option<usize>) -> Option<String> {
    let has = |id: &str| remedies.artifacts.iter().any(|a| a.id == id);
    rule.meta().remedies.iter().find_map(|kind| match kind {
        RemedyKind::ConnectionFix => connection
            .filter(|&n| {
                remedies
                    .connections
                    .iter()
                    .any(|c| c.connection == n && c.fixes.contains(&rule))
            })
            .map(|n| format!("connection-fix#{n}")),
        RemedyKind::NewCertificate => remedies
            .artifacts
            .iter()
            .find(|a| matches!(a.id, CERTREQ_INF | OPENSSL_CONFIG))
            .map(|a| a.id.to_string()),
        RemedyKind::RegistryThumbprint => {
            has(REGISTRY_THUMBPRINT).then(|| REGISTRY_THUMBPRINT.to_string())
        }
        RemedyKind::TrustRoot => has(TRUST_ROOT_COMMANDS).then(|| TRUST_ROOT_COMMANDS.to_string()),
        RemedyKind::KeyAccess => has(CERTREQ_COMMANDS).then(|| CERTREQ_COMMANDS.to_string()),
    })
}

/// What every certificate artifact is built from.
pub(crate) struct CertSpec<'a> {
    pub common_name: &'a str,
    pub names: &'a [String],
    pub ips: &'a [String],
    pub key_length: usize,
    pub instance: &'a Instance,
}

/// The SQL Server instance the artifacts configure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Instance {
    /// `MSSQLSERVER` or the named instance.
    pub name: String,
    /// `MSSQL<NN>.<name>` when the version (or a full id) is known.
    pub id: Option<String>,
}

impl Instance {
    fn resolve(req: &RemedyRequest<'_>) -> Instance {
        let given = req.instance.map(str::trim).filter(|s| !s.is_empty());
        let from_conn = || {
            req.report
                .connections
                .iter()
                .find_map(|c| c.server.instance.clone())
        };
        let raw = given
            .map(str::to_string)
            .or_else(from_conn)
            .unwrap_or_else(|| "MSSQLSERVER".to_string());
        let raw = ascii_only(&raw);
        // A full instance id: MSSQL15.NAME.
        if let Some((head, name)) = raw.split_once('.') {
            let upper = head.to_ascii_uppercase();
            let digits = upper.strip_prefix("MSSQL").unwrap_or("");
            if !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
                && !name.is_empty()
            {
                return Instance {
                    name: name.to_string(),
                    id: Some(format!("MSSQL{digits}.{name}")),
                };
            }
        }
        let name = raw;
        let id = req
            .report
            .server_version
            .map(|v| format!("MSSQL{}.{}", v.instance_id_major(), name));
        Instance { name, id }
    }

    /// The Windows service name.
    pub fn service(&self) -> String {
        if self.name.eq_ignore_ascii_case("MSSQLSERVER") {
            "MSSQLSERVER".into()
        } else {
            format!("MSSQL${}", self.name)
        }
    }

    /// The service's virtual account.
    pub fn account(&self) -> String {
        format!("NT Service\\{}", self.service())
    }
}

/// The RSA key size to propose: 2048, or the largest current server
/// certificate's RSA key when larger (capped at 4096).
fn key_length(report: &Analysis) -> usize {
    report
        .certificates
        .iter()
        .filter(|c| c.server_certificate && c.details.public_key.key_type == KeyType::Rsa)
        .map(|c| c.details.public_key.bits)
        .filter(|b| *b > 2048 && *b <= 4096)
        .map(|b| b.div_ceil(1024) * 1024)
        .max()
        .unwrap_or(2048)
}

/// Replace every non-ASCII or control character (other than newline and tab).
pub(crate) fn ascii_only(s: &str) -> String {
    // Branch-free over all bytes, so the compiler vectorises the check.
    let replace = s.bytes().fold(false, |any, b| {
        any | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b >= 0x7f)
    });
    if !replace {
        // The usual case: nothing to replace, one copy.
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\t' || (c.is_ascii() && !c.is_ascii_control()) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// The server certificates clients may validate (verdict not "no"), report indices.
pub(crate) fn validatable_certs(report: &Analysis) -> Vec<(usize, &CertificateInfo)> {
    report
        .certificates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.server_certificate)
        .filter(|(_, c)| {
            c.verdict
                .as_ref()
                .is_none_or(|v| v.clients_validate.answer != Answer::No)
        })
        .map(|(i, c)| (i, &c.details))
        .collect()
}
