//! Names in the certificate: FQDN, SAN, wildcards.

use super::origin::is_fallback;
use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertNameNotFqdn,
        check: name_not_fqdn,
    },
    CertRule {
        rule: Rule::CertNoSan,
        check: no_san,
    },
    CertRule {
        rule: Rule::CertWildcard,
        check: wildcard,
    },
];

fn name_not_fqdn(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    if is_fallback(ctx.cert) {
        return None;
    }
    let mut names = ctx.cert.dns_names_iter();
    let has_fqdn = names.any(|n| n.trim_end_matches('.').contains('.'));
    (!has_fqdn).then(|| {
        let names = ctx.cert.dns_names();
        let shown = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        Hit::new(format!("Names in the certificate: {shown}."))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

fn no_san(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let c = ctx.cert;
    if is_fallback(c) || !c.san_dns.is_empty() || !c.san_ip.is_empty() {
        return None;
    }
    if c.san_problem.is_some() {
        // Not "no SAN": `input.malformed` says what is broken in it.
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

fn wildcard(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let wild = || ctx.cert.dns_names_iter().filter(|n| n.contains('*'));
    wild().next()?;
    let wild: Vec<&str> = wild().collect();
    Some(
        Hit::new(format!("Wildcard names: {}.", wild.join(", ")))
            .effect(VerdictKind::SscmLists, Answer::No),
    )
}
