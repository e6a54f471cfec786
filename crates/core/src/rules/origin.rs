//! Where the certificate comes from: SQL Server's self-generated fallback, or
//! a self-signed certificate.

use super::sources::{FALLBACK_HASH_CHANGE, RFC5280};
use super::{CertRule, Hit, ServerCertContext};
use crate::cert::{CertificateInfo, HashAlgorithm};
use crate::chain;
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};
use crate::version::SqlServerVersion;

/// Common name SQL Server gives the certificate it generates at startup.
pub const FALLBACK_CN: &str = "SSL_Self_Signed_Fallback";

/// Is this SQL Server's self-generated certificate?
pub fn is_fallback(cert: &CertificateInfo) -> bool {
    cert.self_issued
        && cert
            .common_name
            .as_deref()
            .is_some_and(|cn| cn.eq_ignore_ascii_case(FALLBACK_CN))
}

/// `cert.self-generated-fallback`.
pub static SELF_GENERATED_FALLBACK: RuleMeta = RuleMeta {
    id: "cert.self-generated-fallback",
    severity: Severity::Warning,
    title: "SQL Server's self-generated certificate",
    explanation: "CN=SSL_Self_Signed_Fallback is the certificate SQL Server generates at every startup when no certificate is configured. It encrypts the login (or everything, with ForceEncryption), but no client can ever validate it: it is new at each restart, self-signed and carries no server name. Clients connect only with TrustServerCertificate=True or with login-only encryption, which leaves them open to an attacker on the network path. Its signature changed with SQL Server 2017: up to 2016 it is signed with SHA-1 (RSA 1024 on older builds), which OpenSSL clients at security level 2 (Linux ODBC, recent distributions) and vulnerability scanners reject; from 2017 it is signed with SHA-256 (2022: RSA 3072).",
    fix: "Configure a real certificate: issue one from your CA (or a lab self-signed one) with the server's FQDN in the SAN, Server Authentication EKU, RSA 2048+ in a legacy CSP with KeySpec AT_KEYEXCHANGE; select it in Configuration Manager (or set its thumbprint in the registry), restart SQL Server, and remove TrustServerCertificate=True from connection strings.",
    source: FALLBACK_HASH_CHANGE,
};
/// Rule for [`SELF_GENERATED_FALLBACK`].
pub const SELF_GENERATED_FALLBACK_RULE: CertRule = CertRule {
    meta: &SELF_GENERATED_FALLBACK,
    check: self_generated_fallback,
};

fn self_generated_fallback(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    if !is_fallback(ctx.cert) {
        return None;
    }
    let alg = &ctx.cert.signature_algorithm.name;
    let sha1 = ctx.cert.signature_algorithm.hash == HashAlgorithm::Sha1;
    let made_by = if sha1 {
        "SQL Server 2016 or earlier"
    } else {
        "SQL Server 2017 or later"
    };
    let mut msg = format!(
        "This is SQL Server's self-generated certificate, signed with {alg} ({} bits), which matches {made_by}.",
        ctx.cert.public_key.bits
    );
    if let Some(v) = ctx.version {
        let expected = v.fallback_signature();
        if expected != alg {
            msg.push_str(&format!(
                " SQL Server {v} generates it with {expected}, so this certificate did not come from a {v} instance (or it predates an upgrade)."
            ));
        } else {
            msg.push_str(&format!(" SQL Server {v} generates it with {expected}."));
        }
    }
    if sha1 {
        msg.push_str(" Its SHA-1 signature is rejected by OpenSSL security level 2 clients; upgrading to SQL Server 2017+ changes it to SHA-256, but only a configured certificate can be validated.");
    }
    Some(
        Hit::new(msg)
            .effect(VerdictKind::ClientsValidate, Answer::No)
            .effect(VerdictKind::SscmLists, Answer::No)
            .versions(format!(
                "SHA-1 up to {}, SHA-256 from {}",
                SqlServerVersion::V2016,
                SqlServerVersion::V2017
            )),
    )
}

/// `cert.self-signed`.
pub static SELF_SIGNED: RuleMeta = RuleMeta {
    id: "cert.self-signed",
    severity: Severity::Warning,
    title: "Self-signed certificate",
    explanation: "The server certificate is its own issuer. Validating clients accept it only if this exact certificate is in each client's trusted root store (or Java trust store, or the OpenSSL CA bundle on Linux). It is fine for a lab; in production every new client must be set up by hand and there is no revocation.",
    fix: "Either install this certificate (without its key) in the Trusted Root Certification Authorities store of every client, or replace it with a certificate issued by your enterprise CA, whose root the clients already trust.",
    source: RFC5280,
};
/// Rule for [`SELF_SIGNED`].
pub const SELF_SIGNED_RULE: CertRule = CertRule {
    meta: &SELF_SIGNED,
    check: self_signed,
};

fn self_signed(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    if is_fallback(ctx.cert) || !chain::is_self_signed(ctx.cert) {
        return None;
    }
    Some(
        Hit::new(format!(
            "'{}' is self-signed: clients must trust this certificate itself (thumbprint {}).",
            ctx.cert.label(),
            ctx.cert.thumbprint_sha1
        ))
        .effect(VerdictKind::ClientsValidate, Answer::Depends),
    )
}
