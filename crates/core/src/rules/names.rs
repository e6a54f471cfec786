//! Names in the certificate: FQDN, SAN, wildcards.

use super::origin::is_fallback;
use super::sources::{CERT_REQUIREMENTS, CLIENT_NAME_CHECKS, ENABLE_ENCRYPTED};
use super::{CertRule, Hit, ServerCertContext};
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};

/// `cert.name-not-fqdn`.
pub static NAME_NOT_FQDN: RuleMeta = RuleMeta {
    id: "cert.name-not-fqdn",
    severity: Severity::Warning,
    title: "No fully qualified name in the certificate",
    explanation: "Neither the common name nor a SAN DNS entry contains a dot. SQL Server expects the subject to be the server's FQDN (a short host name works only when clients connect with exactly that short name), and clients that connect by FQDN fail with \"The target principal name is incorrect\".",
    fix: "Issue the certificate with CN = the server's FQDN and a SAN listing the FQDN, the short name and every alias, listener or virtual name clients use.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`NAME_NOT_FQDN`].
pub const NAME_NOT_FQDN_RULE: CertRule = CertRule {
    meta: &NAME_NOT_FQDN,
    check: name_not_fqdn,
};

fn name_not_fqdn(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    if is_fallback(ctx.cert) {
        return None;
    }
    let names = ctx.cert.dns_names();
    let has_fqdn = names.iter().any(|n| n.trim_end_matches('.').contains('.'));
    (!has_fqdn).then(|| {
        let shown = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        Hit::new(format!("Names in the certificate: {shown}."))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

/// `cert.no-san`.
pub static NO_SAN: RuleMeta = RuleMeta {
    id: "cert.no-san",
    severity: Severity::Warning,
    title: "No Subject Alternative Name",
    explanation: "The certificate has no SAN DNS or IP entries, only a common name. Modern clients ignore the common name: Go (go-mssqldb, \"relies on legacy Common Name field\"), Node (tedious) and browsers refuse it, and mssql-jdbc and Microsoft.Data.SqlClient's managed SNI read SAN first. A SAN is also where aliases, AG listeners and FCI virtual names go.",
    fix: "Issue the certificate with a SAN extension listing every name clients use (FQDN, short name, aliases, listener names; IP addresses only if clients connect by IP).",
    source: CLIENT_NAME_CHECKS,
};
/// Rule for [`NO_SAN`].
pub const NO_SAN_RULE: CertRule = CertRule {
    meta: &NO_SAN,
    check: no_san,
};

fn no_san(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let c = ctx.cert;
    if is_fallback(c) || !c.san_dns.is_empty() || !c.san_ip.is_empty() {
        return None;
    }
    let what = if c.has_san {
        "a SAN extension with no DNS or IP entry"
    } else {
        "no SAN extension"
    };
    Some(
        Hit::new(format!(
            "The certificate has {what}; its common name is {}.",
            c.common_name.as_deref().unwrap_or("absent")
        ))
        .effect(VerdictKind::ClientsValidate, Answer::Depends),
    )
}

/// `cert.wildcard`.
pub static WILDCARD: RuleMeta = RuleMeta {
    id: "cert.wildcard",
    severity: Severity::Warning,
    title: "Wildcard certificate: not selectable in Configuration Manager",
    explanation: "SQL Server accepts wildcard certificates (since 2008 R2), but SQL Server Configuration Manager does not offer them in its certificate list. Client support varies: the wildcard covers exactly one left-most label, so *.corp.example.com matches sql01.corp.example.com but not sql01 or a.b.corp.example.com, and mssql-jdbc applies stricter rules.",
    fix: "Set the certificate's thumbprint directly in the registry value HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL<NN>.<instance>\\MSSQLServer\\SuperSocketNetLib\\Certificate (40 hex digits, no spaces or invisible characters), grant the service account read access to the key and restart SQL Server.",
    source: ENABLE_ENCRYPTED,
};
/// Rule for [`WILDCARD`].
pub const WILDCARD_RULE: CertRule = CertRule {
    meta: &WILDCARD,
    check: wildcard,
};

fn wildcard(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let wild: Vec<&str> = ctx
        .cert
        .dns_names()
        .into_iter()
        .filter(|n| n.contains('*'))
        .collect();
    (!wild.is_empty()).then(|| {
        Hit::new(format!("Wildcard names: {}.", wild.join(", ")))
            .effect(VerdictKind::SscmLists, Answer::No)
    })
}
