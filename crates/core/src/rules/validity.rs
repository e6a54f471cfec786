//! Validity window: expired, not yet valid, expiring soon.

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertExpired,
        check: expired,
    },
    CertRule {
        rule: Rule::CertNotYetValid,
        check: not_yet_valid,
    },
    CertRule {
        rule: Rule::CertExpiresSoon,
        check: expires_soon,
    },
];

fn expired(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    (ctx.now > v.not_after_unix).then(|| {
        Hit::new(format!(
            "Expired on {} ({} days before the evaluation instant).",
            v.not_after,
            (ctx.now - v.not_after_unix) / 86_400
        ))
        .effect(VerdictKind::ServerLoads, Answer::No)
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

fn not_yet_valid(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    (ctx.now < v.not_before_unix).then(|| {
        Hit::new(format!("Valid only from {}.", v.not_before))
            .effect(VerdictKind::ServerLoads, Answer::No)
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

fn expires_soon(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    let left = v.not_after_unix - ctx.now;
    (left >= 0 && ctx.now >= v.not_before_unix && left <= i64::from(ctx.warn_days) * 86_400).then(
        || {
            Hit::new(format!(
                "Expires on {}, in {} days.",
                v.not_after,
                left / 86_400
            ))
        },
    )
}
