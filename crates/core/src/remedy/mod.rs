//! Remedies that can be pasted: a compliant certificate request and corrected connection strings.
//!
//! [`remedies`] turns a finished [`Report`] into the names a server
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
mod registry;

use crate::cert::{CertificateInfo, KeyType};
use crate::evidence::EvidenceKind;
use crate::report::{Answer, Report};
use serde::Serialize;

/// What [`remedies`] needs.
#[derive(Debug, Clone, Copy)]
pub struct RemedyRequest<'a> {
    /// The finished analysis.
    pub report: &'a Report,
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
    pub fn new(report: &'a Report) -> Self {
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remedies {
    /// Every DNS name the certificate must carry, lower-case, FQDNs first.
    pub names: Vec<String>,
    /// IP addresses the certificate must carry: only for connections by IP
    /// whose driver cannot be told another name (HostNameInCertificate).
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Artifact {
    /// Stable id: `certreq-inf`, `certreq-commands`,
    /// `new-selfsignedcertificate`, `trust-root-commands`, `openssl-config`,
    /// `openssl-commands`, `mssql-conf`, `registry-thumbprint`.
    pub id: &'static str,
    /// What it is, for people.
    pub title: String,
    /// `ini`, `powershell`, `bash` or `cmd`.
    pub language: &'static str,
    /// The text to paste (ASCII only).
    pub content: String,
    /// Ids of the report's findings this artifact fixes.
    pub fixes: Vec<&'static str>,
}

/// One change to a connection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `removed`, `added`, `changed`, or `offered` (advice not applied to
    /// `corrected`: it needs something sqltls cannot do in the string).
    pub action: &'static str,
    /// The keyword as written (or as it would be written).
    pub keyword: String,
    /// The value before (never a secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The value after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Why, in plain words.
    pub why: String,
}

/// A corrected connection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    pub fixes: Vec<&'static str>,
    /// The corrected string with `Encrypt=Strict` (TDS 8.0), offered when the
    /// server is SQL Server 2022+ and this driver generation supports it.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// Findings a new certificate (any of the certificate artifacts) fixes.
const NEW_CERT_FIXES: &[&str] = &[
    "cert.keyspec-signature",
    "cert.cng-key-provider",
    "cert.rsa-key-too-small",
    "cert.ecdsa-key",
    "cert.weak-signature-md5",
    "cert.weak-signature-sha1",
    "cert.eku-no-server-auth",
    "cert.key-usage-no-digital-signature",
    "cert.key-usage-no-key-encipherment",
    "cert.expired",
    "cert.expires-soon",
    "cert.not-yet-valid",
    "cert.no-san",
    "cert.name-not-fqdn",
    "cert.is-ca",
    "cert.self-signed",
    "cert.self-generated-fallback",
    "server.self-generated-cert",
    "server.no-certificate-configured",
    "error.name-mismatch",
    "error.no-san",
];

/// Findings the registry line fixes.
const REGISTRY_FIXES: &[&str] = &[
    "cert.wildcard",
    "server.thumbprint-invalid-character",
    "error.thumbprint-invalid",
];

/// Findings a connection fix may fix.
const CONNECTION_FIXES: &[&str] = &[
    "conn.trust-server-certificate",
    "conn.encrypt-disabled",
    "conn.host-is-ip",
    "conn.invalid-value",
    "match.host-name-mismatch",
];

/// Build every remedy for `req.report`.
pub fn remedies(req: &RemedyRequest<'_>) -> Remedies {
    let report = req.report;
    let collected = names::collect(req);
    let common_name = names::common_name(&collected.dns);
    let key_length = key_length(report);
    let instance = Instance::resolve(req);
    let present = |table: &[&'static str]| -> Vec<&'static str> {
        table
            .iter()
            .copied()
            .filter(|id| report.findings.iter().any(|f| f.id == *id))
            .collect()
    };
    let mut artifacts = Vec::new();
    if let Some(cn) = &common_name {
        let spec = CertSpec {
            common_name: cn,
            names: &collected.dns,
            ips: &collected.ips,
            key_length,
            instance: &instance,
        };
        let fixes = present(NEW_CERT_FIXES);
        let linux = report
            .evidence
            .iter()
            .any(|e| e.kind == EvidenceKind::MssqlConf);
        let windows = vec![
            certreq::inf(&spec, fixes.clone()),
            certreq::commands(&spec),
            powershell::self_signed(&spec, fixes.clone()),
            powershell::trust_root(&spec),
        ];
        let unix = vec![
            openssl::config(&spec, fixes.clone()),
            openssl::commands(&spec),
            openssl::mssql_conf(&spec),
        ];
        if linux {
            artifacts.extend(unix);
            artifacts.extend(windows);
        } else {
            artifacts.extend(windows);
            artifacts.extend(unix);
        }
    }
    if let Some(a) = registry::thumbprint(report, &instance, present(REGISTRY_FIXES)) {
        artifacts.push(a);
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

/// The artifact (or `connection-fix#<n>`) that fixes a finding, if any.
/// `connection` is the finding's connection index, when it has one.
pub fn remedy_for(
    remedies: &Remedies,
    finding_id: &str,
    connection: Option<usize>,
) -> Option<String> {
    let has = |id: &str| remedies.artifacts.iter().any(|a| a.id == id);
    let first_cert_artifact = || {
        remedies
            .artifacts
            .iter()
            .find(|a| matches!(a.id, "certreq-inf" | "openssl-config"))
            .map(|a| a.id.to_string())
    };
    if CONNECTION_FIXES.contains(&finding_id) {
        if let Some(n) = connection {
            let fixed = remedies
                .connections
                .iter()
                .any(|c| c.connection == n && c.fixes.contains(&finding_id));
            if fixed {
                return Some(format!("connection-fix#{n}"));
            }
        }
        return match finding_id {
            "match.host-name-mismatch" | "conn.host-is-ip" => first_cert_artifact(),
            _ => None,
        };
    }
    if REGISTRY_FIXES.contains(&finding_id) && has("registry-thumbprint") {
        return Some("registry-thumbprint".into());
    }
    match finding_id {
        "error.untrusted-root" if has("trust-root-commands") => {
            return Some("trust-root-commands".into())
        }
        "error.service-account-no-key-access" if has("certreq-commands") => {
            return Some("certreq-commands".into())
        }
        _ => {}
    }
    if NEW_CERT_FIXES.contains(&finding_id) || finding_id == "cert.wildcard" {
        return first_cert_artifact();
    }
    None
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
fn key_length(report: &Report) -> usize {
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
pub(crate) fn validatable_certs(report: &Report) -> Vec<(usize, &CertificateInfo)> {
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
