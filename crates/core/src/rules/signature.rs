//! Weak signature hashes.

use super::sources::{LINUX_ENCRYPTION, TLS_CONNECTION_CLOSED};
use super::{CertRule, Hit, ServerCertContext};
use crate::cert::HashAlgorithm;
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};

/// `cert.weak-signature-md5`.
pub static WEAK_MD5: RuleMeta = RuleMeta {
    id: "cert.weak-signature-md5",
    severity: Severity::Error,
    title: "Signed with MD5",
    explanation: "The certificate is signed with MD5 (or MD2). Under TLS 1.2 Windows refuses MD5 signatures, so connections fail with \"An existing connection was forcibly closed by the remote host\" (10054) or \"no common algorithm\"; OpenSSL and Java clients reject it outright.",
    fix: "Issue a new certificate signed with SHA-256 (or stronger).",
    source: TLS_CONNECTION_CLOSED,
};
/// Rule for [`WEAK_MD5`].
pub const WEAK_MD5_RULE: CertRule = CertRule {
    meta: &WEAK_MD5,
    check: weak_md5,
};

fn weak_md5(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let alg = &ctx.cert.signature_algorithm;
    matches!(alg.hash, HashAlgorithm::Md5 | HashAlgorithm::Md2).then(|| {
        Hit::new(format!("Signature algorithm is {}.", alg.name))
            .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

/// `cert.weak-signature-sha1`.
pub static WEAK_SHA1: RuleMeta = RuleMeta {
    id: "cert.weak-signature-sha1",
    severity: Severity::Warning,
    title: "Signed with SHA-1",
    explanation: "The certificate is signed with SHA-1. SQL Server loads it, but clients using OpenSSL at security level 2 (ODBC and pymssql on current Linux distributions, SQL Server on Linux peers) refuse it, and vulnerability scanners flag it. SQL Server's own self-generated certificate was SHA-1 up to SQL Server 2016.",
    fix: "Issue a new certificate signed with SHA-256 (or stronger); on an enterprise CA, set the CA's hash algorithm to SHA256.",
    source: LINUX_ENCRYPTION,
};
/// Rule for [`WEAK_SHA1`].
pub const WEAK_SHA1_RULE: CertRule = CertRule {
    meta: &WEAK_SHA1,
    check: weak_sha1,
};

fn weak_sha1(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let alg = &ctx.cert.signature_algorithm;
    (alg.hash == HashAlgorithm::Sha1).then(|| {
        Hit::new(format!("Signature algorithm is {}.", alg.name))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}
