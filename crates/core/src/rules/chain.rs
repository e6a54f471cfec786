//! The chain: does it link up, and which root must clients trust?

use super::sources::RFC5280;
use super::{CertRule, Hit, ServerCertContext};
use crate::chain::ChainEnd;
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};

/// `cert.chain-incomplete`.
pub static CHAIN_INCOMPLETE: RuleMeta = RuleMeta {
    id: "cert.chain-incomplete",
    severity: Severity::Warning,
    title: "Chain does not link up: an intermediate is missing",
    explanation: "The certificates given together do not form a chain from the server certificate to a root: the certificate that issued one of them is not among them (or a certificate with that name is there but its key does not verify the signature). Clients that do not already have the missing intermediate cannot build the chain and report \"The certificate chain was issued by an authority that is not trusted\" or \"unable to verify the first certificate\".",
    fix: "Install the missing intermediate CA certificate in the server's Intermediate Certification Authorities store (SQL Server sends what Windows can build), and give clients the root; export the full chain (.p7b \"include all certificates in the path\") to check it here.",
    source: RFC5280,
};
/// Rule for [`CHAIN_INCOMPLETE`].
pub const CHAIN_INCOMPLETE_RULE: CertRule = CertRule {
    meta: &CHAIN_INCOMPLETE,
    check: chain_incomplete,
};

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

/// `cert.chain-root-required`.
pub static CHAIN_ROOT_REQUIRED: RuleMeta = RuleMeta {
    id: "cert.chain-root-required",
    severity: Severity::Info,
    title: "Clients must trust this root",
    explanation: "Offline there is no trust store to check against: a validating client accepts the certificate only if the root CA named here is in its trusted roots (Windows Trusted Root Certification Authorities, the Java trust store, or the OpenSSL CA bundle on Linux). A private enterprise CA is normal; it just has to be distributed to clients.",
    fix: "Make sure every client trusts the named root: Group Policy or certutil -addstore Root on Windows, keytool -importcert into the trust store for Java, update-ca-certificates on Linux.",
    source: RFC5280,
};
/// Rule for [`CHAIN_ROOT_REQUIRED`].
pub const CHAIN_ROOT_REQUIRED_RULE: CertRule = CertRule {
    meta: &CHAIN_ROOT_REQUIRED,
    check: chain_root_required,
};

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
