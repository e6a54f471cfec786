//! The chain: does it link up, and which root must clients trust?

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
use crate::cert::CertificateInfo;
use crate::chain::ChainEnd;
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertChainIncomplete,
        check: chain_incomplete,
    },
    CertRule {
        rule: Rule::CertChainRootRequired,
        check: chain_root_required,
    },
    CertRule {
        rule: Rule::CertIntermediateExpired,
        check: intermediate_expired,
    },
    CertRule {
        rule: Rule::CertIntermediateNotYetValid,
        check: intermediate_not_yet_valid,
    },
    CertRule {
        rule: Rule::CertIntermediateNotCa,
        check: intermediate_not_ca,
    },
    CertRule {
        rule: Rule::CertIntermediateKeyUsage,
        check: intermediate_key_usage,
    },
    CertRule {
        rule: Rule::CertIntermediatePathLength,
        check: intermediate_path_length,
    },
    CertRule {
        rule: Rule::CertIntermediateEku,
        check: intermediate_eku,
    },
];

/// The certificates above the server certificate that issued another one of
/// the chain: every link but the first, and but the self-signed end (a trust
/// anchor, taken from the client's store rather than from the chain).
fn intermediates<'a>(
    ctx: &'a ServerCertContext<'_>,
) -> impl Iterator<Item = (usize, &'a CertificateInfo)> + 'a {
    let anchor = match ctx.chain.end {
        ChainEnd::SelfSigned { certificate } => Some(certificate),
        ChainEnd::MissingIssuer { .. } => None,
    };
    let certs = ctx.certs;
    ctx.chain
        .links
        .iter()
        .enumerate()
        .skip(1)
        .filter(move |(_, l)| Some(l.certificate) != anchor)
        .filter_map(move |(at, l)| certs.get(l.certificate).map(|c| (at, c)))
}

/// One message for every intermediate that `bad` picks, refusing the chain.
fn each_intermediate(
    ctx: &ServerCertContext<'_>,
    bad: impl Fn(usize, &CertificateInfo) -> Option<String>,
) -> Option<Hit> {
    let said: Vec<String> = intermediates(ctx)
        .filter_map(|(at, c)| bad(at, c))
        .collect();
    if said.is_empty() {
        return None;
    }
    Some(Hit::new(said.join(" ")).effect(VerdictKind::ClientsValidate, Answer::No))
}

fn intermediate_expired(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    each_intermediate(ctx, |_, c| {
        (ctx.now > c.validity.not_after_unix).then(|| {
            format!(
                "The intermediate '{}' expired on {} ({} days before the evaluation instant); clients refuse every certificate below it.",
                c.label(),
                c.validity.not_after,
                (ctx.now - c.validity.not_after_unix) / 86_400
            )
        })
    })
}

fn intermediate_not_yet_valid(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    each_intermediate(ctx, |_, c| {
        (ctx.now < c.validity.not_before_unix).then(|| {
            format!(
                "The intermediate '{}' is valid only from {}; clients refuse every certificate below it until then.",
                c.label(),
                c.validity.not_before
            )
        })
    })
}

fn intermediate_not_ca(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    each_intermediate(ctx, |_, c| {
        (!c.is_ca()).then(|| {
            let what = if c.basic_constraints.is_some() {
                "has basic constraints cA=FALSE"
            } else {
                "has no basic constraints extension"
            };
            format!(
                "'{}' signed a certificate of this chain but {what}: it is not a CA, and clients do not accept it as an issuer.",
                c.label()
            )
        })
    })
}

fn intermediate_key_usage(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    each_intermediate(ctx, |_, c| {
        (c.is_ca() && !c.key_usage_allows("keyCertSign")).then(|| {
            format!(
                "The key usage of the intermediate '{}' ({}) lacks keyCertSign: its signature on the certificate below it is not accepted.",
                c.label(),
                c.key_usage.as_deref().unwrap_or_default().join(", ")
            )
        })
    })
}

fn intermediate_path_length(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let certs = ctx.certs;
    let links = &ctx.chain.links;
    // Every CA above the server certificate, the self-signed end included:
    // clients apply its path length too.
    let said: Vec<String> = links
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(at, l)| {
            let c = certs.get(l.certificate)?;
            let limit = c.basic_constraints.filter(|b| b.ca)?.path_len?;
            // Intermediates between it and the server certificate, not
            // counting self-issued ones (RFC 5280, 6.1.4 (l)).
            let below = links[1..at]
                .iter()
                .filter(|l| certs.get(l.certificate).is_some_and(|c| !c.self_issued))
                .count();
            (below > limit as usize).then(|| {
                format!(
                    "'{}' allows {limit} intermediate CA certificate(s) below it (pathLenConstraint), and the chain has {below}.",
                    c.label()
                )
            })
        })
        .collect();
    if said.is_empty() {
        return None;
    }
    Some(Hit::new(said.join(" ")).effect(VerdictKind::ClientsValidate, Answer::No))
}

fn intermediate_eku(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    each_intermediate(ctx, |_, c| {
        (!c.allows_server_auth()).then(|| {
            format!(
                "The extended key usage of the intermediate '{}' ({}) does not include serverAuth: clients do not accept the server certificates it issued.",
                c.label(),
                c.extended_key_usage.as_deref().unwrap_or_default().join(", ")
            )
        })
    })
}

fn chain_incomplete(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let ChainEnd::MissingIssuer {
        issuer, impostor, ..
    } = &ctx.chain.end
    else {
        return None;
    };
    let detail = if impostor.is_some() {
        format!("A certificate named '{issuer}' was given, but its key does not verify the signature of the certificate below it: it is a different CA with the same name, or the certificate was altered.")
    } else if ctx.other_ca_given {
        format!("CA certificates were given, but not '{issuer}', which issued the last certificate of the chain.")
    } else {
        return None;
    };
    Some(Hit::new(detail).effect(VerdictKind::ClientsValidate, Answer::Depends))
}

fn chain_root_required(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let msg = match &ctx.chain.end {
        ChainEnd::SelfSigned { certificate } => {
            if ctx.chain.links.len() <= 1 {
                // The server certificate is its own root; `cert.self-signed` explains that.
                return None;
            }
            let _ = certificate;
            format!("Clients must trust the root '{}' (given here).", ctx.trust_anchor)
        }
        ChainEnd::MissingIssuer { issuer, impostor: None, .. } if !ctx.other_ca_given => format!(
            "Clients must trust '{issuer}' — the CA that issued the certificate, or the root above it if it is an intermediate (not given here)."
        ),
        ChainEnd::MissingIssuer { .. } => format!("Clients must trust the root above '{}', which was not given.", ctx.trust_anchor),
    };
    Some(Hit::new(msg).effect(VerdictKind::ClientsValidate, Answer::Depends))
}
