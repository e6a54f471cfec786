//! The chain: does it link up, and which root must clients trust?

use super::{CertRule, Hit, ServerCertContext};
use crate::catalogue::Rule;
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
];

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
