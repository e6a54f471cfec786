//! Where the certificate comes from: SQL Server's self-generated fallback, or
//! a self-signed certificate.

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::cert::{CertificateInfo, HashAlgorithm};
use crate::verdict::{Answer, VerdictKind};
use crate::version::SqlServerVersion;

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertSelfGeneratedFallback,
        check: self_generated_fallback,
    },
    CertRule {
        rule: Rule::CertSelfSigned,
        check: self_signed,
    },
];

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

fn self_signed(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    // The chain checked the certificate's own signature once; reuse that.
    if is_fallback(ctx.cert) || !ctx.chain.leaf_is_self_signed() {
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
