//! What the certificate may be used for: EKU, key usage, basic constraints.

use super::sources::{CERT_REQUIREMENTS, RFC5280};
use super::{CertRule, Hit, ServerCertContext};
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};

/// `cert.eku-no-server-auth`.
pub static EKU_NO_SERVER_AUTH: RuleMeta = RuleMeta {
    id: "cert.eku-no-server-auth",
    severity: Severity::Error,
    title: "Not valid for server authentication (EKU)",
    explanation: "The Enhanced Key Usage extension does not include Server Authentication (1.3.6.1.5.5.7.3.1). SQL Server requires it: Configuration Manager does not list the certificate, SQL Server refuses it, and TLS clients reject it for a server.",
    fix: "Request a certificate from a template that includes Server Authentication (e.g. the \"Web Server\" or \"Computer\" template), or add the serverAuth EKU to the request.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`EKU_NO_SERVER_AUTH`].
pub const EKU_NO_SERVER_AUTH_RULE: CertRule = CertRule {
    meta: &EKU_NO_SERVER_AUTH,
    check: eku_no_server_auth,
};

fn eku_no_server_auth(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    if ctx.cert.allows_server_auth() {
        return None;
    }
    let list = ctx
        .cert
        .extended_key_usage
        .as_deref()
        .unwrap_or_default()
        .join(", ");
    Some(
        Hit::new(format!(
            "EKU lists only: {}.",
            if list.is_empty() { "nothing" } else { &list }
        ))
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ServerLoads, Answer::No)
        .effect(VerdictKind::ClientsValidate, Answer::No),
    )
}

/// `cert.key-usage-no-key-encipherment`.
pub static KU_NO_KEY_ENCIPHERMENT: RuleMeta = RuleMeta {
    id: "cert.key-usage-no-key-encipherment",
    severity: Severity::Warning,
    title: "Key usage lacks keyEncipherment",
    explanation: "SQL Server's certificate requirements expect the key usage to include key encipherment (and digital signature). Without it, TLS cipher suites that use RSA key transport cannot be used, older Windows clients fail the handshake, and Configuration Manager's checks (2019 and later) may reject the certificate.",
    fix: "Issue the certificate with key usage digitalSignature and keyEncipherment (the \"Web Server\" template does this).",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`KU_NO_KEY_ENCIPHERMENT`].
pub const KU_NO_KEY_ENCIPHERMENT_RULE: CertRule = CertRule {
    meta: &KU_NO_KEY_ENCIPHERMENT,
    check: ku_no_key_encipherment,
};

fn ku_no_key_encipherment(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let ku = ctx.cert.key_usage.as_ref()?;
    (!ctx.cert.key_usage_allows("keyEncipherment")).then(|| {
        Hit::new(format!("Key usage is: {}.", ku.join(", ")))
            .effect(VerdictKind::SscmLists, Answer::Depends)
    })
}

/// `cert.key-usage-no-digital-signature`.
pub static KU_NO_DIGITAL_SIGNATURE: RuleMeta = RuleMeta {
    id: "cert.key-usage-no-digital-signature",
    severity: Severity::Warning,
    title: "Key usage lacks digitalSignature",
    explanation: "Without the digitalSignature key usage the key cannot sign the ephemeral (ECDHE) key exchange that TLS 1.2 prefers and TLS 1.3 requires. Clients that enforce key usage (OpenSSL, Go, Java, Node) then fail the handshake unless an RSA key-transport suite is used; strict encryption (TLS 1.3) cannot work.",
    fix: "Issue the certificate with key usage digitalSignature and keyEncipherment.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`KU_NO_DIGITAL_SIGNATURE`].
pub const KU_NO_DIGITAL_SIGNATURE_RULE: CertRule = CertRule {
    meta: &KU_NO_DIGITAL_SIGNATURE,
    check: ku_no_digital_signature,
};

fn ku_no_digital_signature(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let ku = ctx.cert.key_usage.as_ref()?;
    (!ctx.cert.key_usage_allows("digitalSignature")).then(|| {
        Hit::new(format!("Key usage is: {}.", ku.join(", ")))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

/// `cert.is-ca`.
pub static IS_CA: RuleMeta = RuleMeta {
    id: "cert.is-ca",
    severity: Severity::Warning,
    title: "Server certificate is a CA certificate",
    explanation: "The certificate SQL Server would present has basic constraints cA=TRUE. Whoever holds its private key — here, the database server — can issue certificates that every client trusting it will accept for any name. Some TLS clients also refuse a CA certificate as a server certificate. It usually means the wrong certificate was picked.",
    fix: "Use an end-entity certificate (basic constraints cA=FALSE) issued for the server, and keep CA keys off servers.",
    source: RFC5280,
};
/// Rule for [`IS_CA`].
pub const IS_CA_RULE: CertRule = CertRule {
    meta: &IS_CA,
    check: is_ca,
};

fn is_ca(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    ctx.cert.is_ca().then(|| {
        Hit::new(format!(
            "'{}' has basic constraints cA=TRUE.",
            ctx.cert.label()
        ))
        .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}
