//! What the certificate may be used for: EKU, key usage, basic constraints.

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertEkuNoServerAuth,
        check: eku_no_server_auth,
    },
    CertRule {
        rule: Rule::CertKeyUsageNoKeyEncipherment,
        check: ku_no_key_encipherment,
    },
    CertRule {
        rule: Rule::CertKeyUsageNoDigitalSignature,
        check: ku_no_digital_signature,
    },
    CertRule {
        rule: Rule::CertIsCa,
        check: is_ca,
    },
];

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

fn ku_no_key_encipherment(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let ku = ctx.cert.key_usage.as_ref()?;
    (!ctx.cert.key_usage_allows("keyEncipherment")).then(|| {
        Hit::new(format!("Key usage is: {}.", ku.join(", ")))
            .effect(VerdictKind::SscmLists, Answer::Depends)
    })
}

fn ku_no_digital_signature(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let ku = ctx.cert.key_usage.as_ref()?;
    (!ctx.cert.key_usage_allows("digitalSignature")).then(|| {
        Hit::new(format!("Key usage is: {}.", ku.join(", ")))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

fn is_ca(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    ctx.cert.is_ca().then(|| {
        Hit::new(format!(
            "'{}' has basic constraints cA=TRUE.",
            ctx.cert.label()
        ))
        .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}
