//! Weak signature hashes.

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::cert::HashAlgorithm;
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertWeakSignatureMd5,
        check: weak_md5,
    },
    CertRule {
        rule: Rule::CertWeakSignatureSha1,
        check: weak_sha1,
    },
];

fn weak_md5(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let alg = &ctx.cert.signature_algorithm;
    matches!(alg.hash, HashAlgorithm::Md5 | HashAlgorithm::Md2).then(|| {
        Hit::new(format!("Signature algorithm is {}.", alg.name))
            .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

fn weak_sha1(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let alg = &ctx.cert.signature_algorithm;
    (alg.hash == HashAlgorithm::Sha1).then(|| {
        Hit::new(format!("Signature algorithm is {}.", alg.name))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}
