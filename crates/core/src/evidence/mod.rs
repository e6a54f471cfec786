//! Server evidence and error messages: pasted errors, ERRORLOG files, registry
//! exports and mssql.conf, cross-checked with the certificates dropped with them.
//!
//! [`analyze_text`] is the entry point: it detects what the text is and turns
//! it into findings (`error.*`, `server.*`, `match.thumbprint-*`) plus the
//! [`ServerFacts`] the connection analysis needs (ForceEncryption, version).

pub mod codes;
pub mod detect;
pub mod errorlog;
mod foreign;
mod localized;
pub mod ls_listing;
pub mod messages;
pub mod mssql_conf;
pub mod paste;
pub mod reg_export;
pub mod store_dump;

pub use detect::{detect, EvidenceKind};
pub use errorlog::{parse_errorlog, Errorlog};
pub use messages::{explain, ErrorHit};
pub use mssql_conf::{check_tls_files, parse_mssql_conf, DroppedFile, MssqlConf};
pub use paste::split_error_texts;
pub use reg_export::{parse_registry, RegistryExport};

use crate::catalogue::Rule;
use crate::cert::CertificateInfo;
use crate::finding::Finding;
use crate::thumbprint;
use crate::version::SqlServerVersion;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the evidence says about the server, for the connection analysis and
/// the JSON report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServerFacts {
    /// SQL Server version: the override when given, else what the evidence names.
    pub version: Option<SqlServerVersion>,
    /// The ERRORLOG's version line, e.g. `Microsoft SQL Server 2016 (SP3) (KB5003279) - 13.0.6300.2 (X64)`.
    pub version_line: Option<String>,
    /// ForceEncryption (registry) / network.forceencryption (mssql.conf), when stated.
    pub force_encryption: Option<bool>,
    /// Force Strict Encryption (registry `ForceStrict` / `ForceStrictEncryption`), when stated.
    pub force_strict: Option<bool>,
    /// The configured thumbprint, normalised (40 uppercase hex digits): the
    /// registry's Certificate value, or the thumbprint a server-side failure names.
    pub configured_thumbprint: Option<String>,
    /// Thumbprints the ERRORLOG says were loaded for encryption (normalised).
    pub loaded_thumbprints: Vec<String>,
}

/// The analysis of one evidence text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceReport {
    /// What the text was recognised as.
    pub kind: EvidenceKind,
    /// What it says about the server.
    pub facts: ServerFacts,
    /// Findings; `match.*` findings carry `certificate: Some(i)`, an index
    /// into the certificates passed to [`analyze_text`].
    pub findings: Vec<Finding>,
}

/// Detect what the text is (ERRORLOG, .reg export, mssql.conf, else error text) and analyse it.
///
/// `certs` are the dropped certificates thumbprints are matched against;
/// `version_override` (e.g. from `--server-version`) wins over the version
/// the evidence names.
pub fn analyze_text(
    text: &str,
    certs: &[CertificateInfo],
    version_override: Option<SqlServerVersion>,
) -> EvidenceReport {
    let text = text.trim_start_matches('\u{feff}');
    if let Some(log) = parse_errorlog(text) {
        return from_errorlog(&log, certs, version_override);
    }
    if let Some(reg) = parse_registry(text) {
        return from_registry(&reg, certs, version_override);
    }
    if let Some(conf) = parse_mssql_conf(text) {
        return from_mssql_conf(&conf, version_override);
    }
    if store_dump::parse_store_dump(text).is_some() {
        // Its certificates join the analysis as certificates (see `analyze`).
        return EvidenceReport {
            kind: EvidenceKind::StoreDump,
            facts: ServerFacts {
                version: version_override,
                ..ServerFacts::default()
            },
            findings: Vec::new(),
        };
    }
    if let Some(listing) = ls_listing::parse_listing(text) {
        return EvidenceReport {
            kind: EvidenceKind::FileListing,
            facts: ServerFacts {
                version: version_override,
                ..ServerFacts::default()
            },
            findings: ls_listing::findings(&listing),
        };
    }
    from_error_text(text, certs, version_override)
}

/// Match thumbprints named by the server or a message against the dropped
/// certificates (ignoring case, spaces and invisible marks). One
/// `match.thumbprint-found` per matching certificate (with its index), or one
/// `match.thumbprint-not-dropped` when none matches.
pub fn match_thumbprints(
    thumbprints: &[String],
    certs: &[CertificateInfo],
) -> Vec<(Finding, Option<usize>)> {
    let named: Vec<(String, String)> = thumbprints
        .iter()
        .map(|t| (t.clone(), "named by the server evidence".to_string()))
        .collect();
    match_named(&named, certs)
}

/// [`match_thumbprints`] with a description of where each thumbprint came from.
fn match_named(
    named: &[(String, String)],
    certs: &[CertificateInfo],
) -> Vec<(Finding, Option<usize>)> {
    let mut out = Vec::new();
    // The dropped certificates by normalised thumbprint, in order.
    let mut by_thumbprint: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in certs.iter().enumerate() {
        if let Some(t) = thumbprint::normalize(&c.thumbprint_sha1) {
            by_thumbprint.entry(t).or_default().push(i);
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for (raw, origin) in named {
        let Some(t) = thumbprint::normalize(raw) else {
            continue;
        };
        probe();
        if !seen.insert(t.clone()) {
            continue;
        }
        let hits: &[usize] = by_thumbprint.get(&t).map_or(&[], Vec::as_slice);
        if hits.is_empty() {
            let dropped = match certs.len() {
                0 => "no certificate was dropped".to_string(),
                1 => "it is not the dropped certificate".to_string(),
                n => format!("it is none of the {n} dropped certificates"),
            };
            out.push((
                Finding::new(
                    Rule::MatchThumbprintNotDropped,
                    format!(
                        "Thumbprint {t} ({origin}): {dropped}. On the server: `certutil -store My {t}` or `Get-ChildItem Cert:\\LocalMachine\\My\\{t}`; export it with `certutil -store My {t} sql.cer` and drop sql.cer here."
                    ),
                ),
                None,
            ));
        }
        for &i in hits {
            let Some(c) = certs.get(i) else { continue };
            out.push((
                Finding::new(
                    Rule::MatchThumbprintFound,
                    format!(
                        "Thumbprint {t} ({origin}) is dropped certificate #{} — subject {}, issuer {}, valid {} to {}; its own findings say what is wrong with it.",
                        i + 1,
                        c.subject,
                        c.issuer,
                        c.validity.not_before,
                        c.validity.not_after
                    ),
                )
                .for_certificate(i),
                Some(i),
            ));
        }
    }
    out
}

fn push_matches(
    findings: &mut Vec<Finding>,
    named: &[(String, String)],
    certs: &[CertificateInfo],
) {
    findings.extend(match_named(named, certs).into_iter().map(|(f, _)| f));
}

#[cfg(test)]
thread_local! {
    /// Hash probes made grouping evidence on this thread (tests count work with it).
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn probe() {
    #[cfg(test)]
    PROBES.with(|p| p.set(p.get() + 1));
}

fn lines_text(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let list: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    let more = if lines.len() > SHOWN {
        format!(" and {} more", lines.len() - SHOWN)
    } else {
        String::new()
    };
    if lines.len() == 1 {
        format!("ERRORLOG line {}", list.join(""))
    } else {
        format!("ERRORLOG lines {}{more}", list.join(", "))
    }
}

/// Rules whose messages name the configured certificate: the server-side ones.
fn is_server_side(rule: Rule) -> bool {
    rule.meta().side == crate::catalogue::Side::Server
}

fn version_note(
    version_override: Option<SqlServerVersion>,
    evidence: Option<SqlServerVersion>,
) -> String {
    match (version_override, evidence) {
        (Some(o), Some(e)) if o != e => {
            format!(" (Version {o} given explicitly; the evidence names {e}.)")
        }
        _ => String::new(),
    }
}

fn self_generated_message(
    where_: &str,
    version: Option<SqlServerVersion>,
    version_line: Option<&str>,
) -> String {
    let base = format!(
        "{where_}: SQL Server loaded its self-generated certificate (CN=SSL_Self_Signed_Fallback): no certificate is configured, or the configured one could not be used."
    );
    match version {
        Some(v) => {
            let sig = v.fallback_signature();
            let from = version_line.map_or(String::new(), |l| format!(" (from \"{l}\")"));
            if sig.starts_with("sha1") {
                format!(
                    "{base} SQL Server {v}{from} signs it with {sig} (SHA-1): OpenSSL security level 2 clients (ODBC/.NET/JDBC on Ubuntu 20.04+, Debian 10+, RHEL 8+) refuse it even with TrustServerCertificate, and vulnerability scanners flag the SHA-1 signature. Validating clients reject it in any case."
                )
            } else {
                format!(
                    "{base} SQL Server {v}{from} signs it with {sig}; still, no client can validate it, so validating drivers need TrustServerCertificate=True or login-only encryption."
                )
            }
        }
        None => format!(
            "{base} The version is not known (no version line): up to SQL Server 2016 it is signed with SHA-1, which OpenSSL security level 2 clients refuse; from 2017 with SHA-256. Validating clients reject it in any case."
        ),
    }
}

fn from_errorlog(
    log: &Errorlog,
    certs: &[CertificateInfo],
    version_override: Option<SqlServerVersion>,
) -> EvidenceReport {
    let version = version_override.or(log.version);
    let mut findings = Vec::new();
    let mut named: Vec<(String, String)> = Vec::new();
    // The loaded thumbprints in first-seen order, each with its lines.
    let mut loaded_thumbprints: Vec<String> = Vec::new();
    let mut loaded_lines: Vec<Vec<usize>> = Vec::new();
    let mut loaded_index: HashMap<&str, usize> = HashMap::new();
    for l in &log.loaded {
        probe();
        let k = *loaded_index
            .entry(l.thumbprint.as_str())
            .or_insert_with(|| {
                loaded_thumbprints.push(l.thumbprint.clone());
                loaded_lines.push(Vec::new());
                loaded_lines.len() - 1
            });
        if let Some(lines) = loaded_lines.get_mut(k) {
            lines.push(l.line);
        }
    }
    for (t, lines) in loaded_thumbprints.iter().zip(&loaded_lines) {
        let where_ = lines_text(lines);
        findings.push(Finding::new(
            Rule::ServerCertLoaded,
            format!(
                "{where_}: SQL Server loaded the certificate with thumbprint {t} for encryption."
            ),
        ));
        named.push((t.clone(), format!("loaded for encryption, {where_}")));
    }
    if !log.self_generated.is_empty() {
        let where_ = lines_text(&log.self_generated);
        let mut msg = self_generated_message(&where_, version, log.version_line.as_deref());
        msg.push_str(&version_note(version_override, log.version));
        findings.push(Finding::new(Rule::ServerSelfGeneratedCert, msg));
    }

    // The failures grouped by rule, rules in first-seen order.
    let mut configured: Option<String> = None;
    let mut groups: Vec<Vec<&errorlog::LogFailure>> = Vec::new();
    let mut group_of: HashMap<Rule, usize> = HashMap::new();
    for f in &log.failures {
        probe();
        let k = *group_of.entry(f.hit.rule).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(g) = groups.get_mut(k) {
            g.push(f);
        }
    }
    for same in &groups {
        let Some(first) = same.first() else { continue };
        let rule = first.hit.rule;
        let lines: Vec<usize> = same.iter().map(|g| g.line).collect();
        let mut parts: Vec<&str> = Vec::new();
        let mut seen_parts: HashSet<&str> = HashSet::new();
        for g in same {
            for part in g.hit.message.split("; ") {
                probe();
                if seen_parts.insert(part) {
                    parts.push(part);
                }
            }
        }
        let where_ = lines_text(&lines);
        findings.push(Finding::new(
            rule,
            format!("{where_}: {}", parts.join("; ")),
        ));
        for g in same {
            for t in &g.hit.thumbprints {
                if is_server_side(rule) && configured.is_none() {
                    configured = Some(t.clone());
                }
                named.push((t.clone(), format!("named by {rule}, {where_}")));
            }
        }
    }

    let mut seen_sets: HashSet<&Vec<String>> = HashSet::new();
    for p in &log.tls_protocols {
        probe();
        if !seen_sets.insert(&p.versions) {
            continue;
        }
        findings.push(Finding::new(
            Rule::ServerTlsProtocols,
            format!(
                "ERRORLOG line {}: the server allows TLS {} (\"{}\").{}",
                p.line,
                p.versions.join(", "),
                truncate(&p.text, 240),
                protocol_notes(&p.versions, version)
            ),
        ));
    }
    push_matches(&mut findings, &named, certs);

    EvidenceReport {
        kind: EvidenceKind::Errorlog,
        facts: ServerFacts {
            version,
            version_line: log.version_line.clone(),
            force_encryption: None,
            force_strict: None,
            configured_thumbprint: configured,
            loaded_thumbprints,
        },
        findings,
    }
}

fn protocol_notes(versions: &[String], version: Option<SqlServerVersion>) -> String {
    let mut notes = String::new();
    if versions.iter().any(|v| v == "1.0" || v == "1.1") {
        notes.push_str(
            " TLS 1.0/1.1 are still allowed: clients that have them disabled use TLS 1.2.",
        );
    }
    if !versions.iter().any(|v| v == "1.2" || v == "1.3") {
        notes.push_str(
            " TLS 1.2 is not allowed: current clients (which disable TLS 1.0/1.1) cannot connect.",
        );
    }
    if versions.iter().any(|v| v == "1.3") {
        match version {
            Some(v) if !v.supports_strict() => notes.push_str(&format!(
                " TLS 1.3 is listed, but SQL Server {v} does not support it (TLS 1.3 needs SQL Server 2022+ with strict encryption)."
            )),
            _ => notes.push_str(" TLS 1.3 is used only for strict (TDS 8.0) connections, SQL Server 2022+."),
        }
    }
    notes
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

fn on_off(v: u32) -> &'static str {
    if v == 0 {
        "No"
    } else {
        "Yes"
    }
}

fn from_registry(
    reg: &RegistryExport,
    certs: &[CertificateInfo],
    version_override: Option<SqlServerVersion>,
) -> EvidenceReport {
    let mut findings = Vec::new();
    let mut named: Vec<(String, String)> = Vec::new();
    let mut facts = ServerFacts {
        version: version_override,
        ..ServerFacts::default()
    };
    for (n, inst) in reg.instances.iter().enumerate() {
        let who = inst.instance_id.as_deref().map_or_else(
            || "SuperSocketNetLib".to_string(),
            |i| format!("Instance {i}"),
        );
        let version = version_override.or(inst.version);
        let configured = inst
            .certificate
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(reg_export::check_thumbprint);
        let normalised = configured
            .as_ref()
            .and_then(|c| (c.cleaned.len() == 40).then(|| c.cleaned.to_ascii_uppercase()));
        if n == 0 {
            facts.version = version;
            facts.force_encryption = inst.force_encryption.map(|v| v != 0);
            facts.force_strict = inst.force_strict.map(|v| v != 0);
            facts.configured_thumbprint = normalised.clone();
        }

        if inst.force_encryption.is_some() || inst.force_strict.is_some() {
            let mut msg = format!("{who}:");
            if let Some(v) = inst.force_encryption {
                msg.push_str(&format!(
                    " ForceEncryption = {v} ({}){}",
                    on_off(v),
                    if v == 0 {
                        ": only clients that ask for encryption get it (the login packet is always encrypted)."
                    } else {
                        ": every connection is encrypted; clients set to Encrypt=Optional/false are upgraded."
                    }
                ));
            }
            if let Some(v) = inst.force_strict {
                msg.push_str(&format!(" Force Strict Encryption = {v} ({}).", on_off(v)));
                if v != 0 {
                    if let Some(ver) = version.filter(|ver| !ver.supports_strict()) {
                        msg.push_str(&format!(
                            " SQL Server {ver} has no strict encryption (TDS 8.0 needs 2022+): the value has no effect."
                        ));
                    } else {
                        msg.push_str(" Only TDS 8.0 strict clients can connect, with a certificate they validate.");
                    }
                }
            }
            if let Some(v) = inst.hide_instance {
                msg.push_str(&format!(" HideInstance = {v} ({}).", on_off(v)));
            }
            if let Some(v) = inst.extended_protection {
                let what = match v {
                    0 => "Off",
                    1 => "Allowed",
                    2 => "Required",
                    _ => "unknown value",
                };
                msg.push_str(&format!(" ExtendedProtection = {v} ({what})."));
            }
            if let Some(ver) = inst.version {
                msg.push_str(&format!(" Version from the instance id: SQL Server {ver}."));
            }
            findings.push(Finding::new(Rule::ServerForceEncryption, msg));
        }

        match (&configured, inst.certificate.as_deref()) {
            (None, raw) => findings.push(Finding::new(
                Rule::ServerNoCertificateConfigured,
                format!(
                    "{who}: the Certificate value is {}. SQL Server picks a certificate from LocalMachine\\My itself (Server Authentication, CN = the machine's FQDN) or generates a self-signed one at startup.",
                    if raw.is_some() { "empty" } else { "absent" }
                ),
            )),
            (Some(check), Some(raw)) => {
                if !check.is_clean() {
                    let mut msg = format!(
                        "{who}: the Certificate value \"{}\" ({} characters) ",
                        raw.escape_default(),
                        raw.chars().count()
                    );
                    if check.bad.is_empty() {
                        msg.push_str("has only hex digits");
                    } else {
                        let list: Vec<String> = check
                            .bad
                            .iter()
                            .take(20)
                            .map(|b| format!("position {}: {}", b.position, b.name))
                            .collect();
                        msg.push_str(&format!(
                            "contains {} character(s) that are not hex digits — {}{}",
                            check.bad.len(),
                            list.join("; "),
                            if check.bad.len() > 20 { "; …" } else { "" }
                        ));
                    }
                    if check.cleaned.len() == 40 {
                        msg.push_str(&format!(
                            ". SQL Server refuses it (33556) and does not start. Cleaned value: {}",
                            check.cleaned
                        ));
                    } else {
                        msg.push_str(&format!(
                            ". It holds {} hex digits, not 40: SQL Server refuses it ({}) and does not start; re-copy the thumbprint from `certutil -store My`.",
                            check.cleaned.len(),
                            if check.bad.is_empty() { "33557" } else { "33556/33557" }
                        ));
                    }
                    findings.push(Finding::new(Rule::ServerThumbprintInvalidCharacter, msg));
                }
                if let Some(t) = &normalised {
                    named.push((t.clone(), format!("{who} Certificate value")));
                }
            }
            (Some(_), None) => {}
        }
    }

    let c = &reg.client;
    if !c.is_empty() {
        let mut parts = Vec::new();
        if let Some(v) = c.snac_encrypt {
            parts.push(format!(
                "SQL Server Native Client Force protocol encryption (Client\\SuperSocketNetLib Encrypt) = {v} ({})",
                on_off(v)
            ));
        }
        if let Some(v) = c.oledb19_encrypt {
            let what = match v {
                0 => "Optional",
                1 => "Mandatory",
                2 => "Strict",
                _ => "unknown value",
            };
            parts.push(format!(
                "OLE DB Driver 19 encryption (SNI19.0 GeneralFlags Flag1) = {v} ({what})"
            ));
        }
        if let Some(v) = c.oledb19_trust_server_certificate {
            parts.push(format!(
                "OLE DB Driver 19 Trust Server Certificate (SNI19.0 GeneralFlags Flag2) = {v} ({})",
                on_off(v)
            ));
        }
        findings.push(Finding::new(
            Rule::ServerClientEncryptionRegistry,
            format!(
                "{}. The driver applies the more secure of these and the connection string.",
                parts.join("; ")
            ),
        ));
    }
    push_matches(&mut findings, &named, certs);
    EvidenceReport {
        kind: EvidenceKind::RegistryExport,
        facts,
        findings,
    }
}

fn from_mssql_conf(conf: &MssqlConf, version_override: Option<SqlServerVersion>) -> EvidenceReport {
    let mut findings = Vec::new();
    let cert = conf.tlscert.as_deref().filter(|c| !c.trim().is_empty());
    let key = conf.tlskey.as_deref().filter(|c| !c.trim().is_empty());
    if conf.has_network_section || conf.forceencryption.is_some() {
        let mut msg = match conf.forceencryption {
            Some(true) => "mssql.conf network.forceencryption = 1: every connection is encrypted; clients set to Encrypt=Optional/false are upgraded.".to_string(),
            Some(false) => "mssql.conf network.forceencryption = 0: only clients that ask for encryption get it.".to_string(),
            None => "mssql.conf sets no network.forceencryption (default 0: only clients that ask for encryption get it).".to_string(),
        };
        match (cert, key) {
            (Some(c), Some(k)) => msg.push_str(&format!(
                " Certificate {c}, key {k}: both files must be owned by mssql (chown mssql:mssql) and the key mode 600 (chmod 600), or SQL Server cannot read them."
            )),
            (Some(c), None) => msg.push_str(&format!(
                " Certificate {c} is set but network.tlskey is missing: set it (mssql-conf set network.tlskey <path>; owned by mssql, mode 600)."
            )),
            (None, Some(k)) => msg.push_str(&format!(
                " Key {k} is set but network.tlscert is missing."
            )),
            (None, None) => {}
        }
        if let Some(ciphers) = conf.tlsciphers.as_deref() {
            msg.push_str(&format!(" Cipher list: {}.", truncate(ciphers, 300)));
        }
        findings.push(Finding::new(Rule::ServerForceEncryption, msg));
    }
    if let Some(p) = conf.tlsprotocols.as_deref() {
        let versions = errorlog::tls_versions(&p.to_ascii_lowercase());
        findings.push(Finding::new(
            Rule::ServerTlsProtocols,
            format!(
                "mssql.conf network.tlsprotocols = {p}: the server allows TLS {}.{}",
                if versions.is_empty() {
                    "(no version recognised)".to_string()
                } else {
                    versions.join(", ")
                },
                protocol_notes(&versions, version_override)
            ),
        ));
    }
    if cert.is_none() {
        findings.push(Finding::new(
            Rule::ServerNoCertificateConfigured,
            "mssql.conf has no network.tlscert: SQL Server on Linux uses a self-generated certificate that no client can validate (set one with mssql-conf set network.tlscert <pem> and network.tlskey <key>, owned by mssql, mode 600).",
        ));
    }
    EvidenceReport {
        kind: EvidenceKind::MssqlConf,
        facts: ServerFacts {
            version: version_override,
            force_encryption: conf.forceencryption,
            ..ServerFacts::default()
        },
        findings,
    }
}

fn from_error_text(
    text: &str,
    certs: &[CertificateInfo],
    version_override: Option<SqlServerVersion>,
) -> EvidenceReport {
    let hits = explain(text);
    let mut findings: Vec<Finding> = Vec::new();
    let mut facts = ServerFacts {
        version: version_override,
        ..ServerFacts::default()
    };
    let lower = messages::normalize(text);
    let ok_loaded = lower.contains("was successfully loaded for encryption");
    if ok_loaded && lower.contains("self-generated certificate") {
        findings.push(Finding::new(
            Rule::ServerSelfGeneratedCert,
            self_generated_message("The text", version_override, None),
        ));
    }
    let mut named: Vec<(String, String)> = Vec::new();
    if ok_loaded && lower.contains("the certificate [cert hash(sha1)") {
        for t in messages::cert_hash_thumbprints(text) {
            findings.push(Finding::new(
                Rule::ServerCertLoaded,
                format!("SQL Server loaded the certificate with thumbprint {t} for encryption."),
            ));
            facts.loaded_thumbprints.push(t.clone());
            named.push((t, "loaded for encryption".to_string()));
        }
    }
    for hit in &hits {
        findings.push(Finding::new(hit.rule, hit.message.clone()));
        for t in &hit.thumbprints {
            if is_server_side(hit.rule) && facts.configured_thumbprint.is_none() {
                facts.configured_thumbprint = Some(t.clone());
            }
            named.push((t.clone(), "named in the error text".to_string()));
        }
    }
    if findings.is_empty() {
        findings.push(Finding::new(
            Rule::ErrorUnrecognized,
            format!(
                "None of the known SQL Server TLS messages or codes occurs in the text ({} characters).",
                text.chars().count()
            ),
        ));
    }
    push_matches(&mut findings, &named, certs);
    EvidenceReport {
        kind: EvidenceKind::ErrorText,
        facts,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Thumbprint number `i`: 40 hex digits.
    fn thumb(i: usize) -> String {
        format!("{i:040X}")
    }

    /// An ERRORLOG of about `lines` lines: each thumbprint loaded twice, and
    /// 26014 failures naming distinct thumbprints.
    fn errorlog(lines: usize) -> String {
        let ts = "2024-06-03 07:00:12.20 Server      ";
        let mut s =
            format!("{ts}Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)\n");
        for i in 0..lines / 4 {
            let t = thumb(i % (lines / 8).max(1));
            s.push_str(&format!("{ts}The certificate [Cert Hash(sha1) \"{t}\"] was successfully loaded for encryption.\n"));
            s.push_str(&format!("{ts}Error: 26014, Severity: 16, State: 1.\n"));
            s.push_str(&format!(
                "{ts}Unable to load user-specified certificate [Cert Hash(sha1) \"{}\"]. The server will not accept a connection.\n",
                thumb(1_000_000 + i)
            ));
            s.push_str(&format!("{ts}Starting up database 'db{i}'.\n"));
        }
        s
    }

    fn run_counted(text: &str) -> (EvidenceReport, usize) {
        PROBES.with(|p| p.set(0));
        let r = analyze_text(text, &[], None);
        (r, PROBES.with(std::cell::Cell::get))
    }

    #[test]
    fn errorlog_groups_keep_first_seen_order() {
        let (r, _) = run_counted(&errorlog(64));
        assert_eq!(r.kind, EvidenceKind::Errorlog);
        let loaded: Vec<String> = (0..8).map(thumb).collect();
        assert_eq!(r.facts.loaded_thumbprints, loaded);
        let first = r
            .findings
            .iter()
            .find(|f| f.rule == Rule::ServerCertLoaded)
            .expect("loaded");
        assert!(
            first.message.starts_with("ERRORLOG lines 2, 34: "),
            "{}",
            first.message
        );
        // One finding per failure rule, however many lines raised it.
        let mut rules: Vec<Rule> = r
            .findings
            .iter()
            .map(|f| f.rule)
            .filter(|&rule| {
                rule != Rule::ServerCertLoaded && rule != Rule::MatchThumbprintNotDropped
            })
            .collect();
        assert!(!rules.is_empty());
        let all = rules.len();
        rules.sort();
        rules.dedup();
        assert_eq!(rules.len(), all);
        assert_eq!(r.facts.configured_thumbprint, Some(thumb(1_000_000)));
        let not_dropped = r
            .findings
            .iter()
            .filter(|f| f.rule == Rule::MatchThumbprintNotDropped)
            .count();
        assert_eq!(not_dropped, 8 + 16, "each distinct thumbprint once");
    }

    #[test]
    fn errorlog_analysis_is_linear_in_lines() {
        let (_, small) = run_counted(&errorlog(8_000));
        let (_, large) = run_counted(&errorlog(16_000));
        assert!(small <= 20 * 8_000, "{small} probes for 8,000 lines");
        let ratio = large as f64 / small as f64;
        assert!((1.9..=2.1).contains(&ratio), "work ratio {ratio}");
    }

    #[test]
    #[cfg(feature = "crypto")] // decodes certificates
    fn thumbprints_are_matched_through_an_index() {
        let certs = [
            crate::input::decode("good.pem", &sqltls_fixtures::bytes("certs/good.pem"), None),
            crate::input::decode(
                "expired.pem",
                &sqltls_fixtures::bytes("certs/expired.pem"),
                None,
            ),
        ]
        .into_iter()
        .flat_map(|d| d.certificates)
        .collect::<Vec<_>>();
        let good = certs[0].thumbprint_sha1.to_ascii_lowercase();
        let named = vec![good.clone(), thumb(7), good, thumb(7)];
        PROBES.with(|p| p.set(0));
        let out = match_thumbprints(&named, &certs);
        assert_eq!(PROBES.with(std::cell::Cell::get), named.len());
        let got: Vec<(Rule, Option<usize>)> = out.iter().map(|(f, i)| (f.rule, *i)).collect();
        assert_eq!(
            got,
            [
                (Rule::MatchThumbprintFound, Some(0)),
                (Rule::MatchThumbprintNotDropped, None)
            ]
        );
    }
}
