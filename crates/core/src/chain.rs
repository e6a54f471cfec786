//! Chain assembly across every certificate dropped together: who issued whom
//! (subject/issuer names, AKI/SKI, verified signatures), where each chain ends,
//! and which root a client must trust.

use crate::cert::CertificateInfo;
use crate::verify::{self, SignatureCheck};
use serde::Serialize;

/// A certificate's place in what was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// End-entity certificate (not a CA).
    Leaf,
    /// CA certificate issued by another CA.
    Intermediate,
    /// Self-signed CA certificate: a trust anchor.
    Root,
}

/// One step of a chain: a certificate and how its signature checked out
/// against the next certificate up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainLink {
    /// Index into the analysed certificates.
    pub certificate: usize,
    /// Signature check against the issuer (the next link, or itself for a
    /// self-signed end). `None` when the issuer is missing.
    pub signature: Option<SignatureCheck>,
}

/// How a chain ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChainEnd {
    /// At a self-signed certificate among those given.
    SelfSigned {
        /// Index of that certificate.
        certificate: usize,
    },
    /// The issuer of the last certificate was not given.
    MissingIssuer {
        /// The issuer name the last certificate names.
        issuer: String,
        /// Its authority key identifier, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        authority_key_id: Option<String>,
        /// A certificate with that subject was given but its key does not verify the signature.
        #[serde(skip_serializing_if = "Option::is_none")]
        impostor: Option<usize>,
    },
}

/// A chain from a server certificate up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// Index of the server certificate it starts from.
    pub leaf: usize,
    /// Links, leaf first.
    pub links: Vec<ChainLink>,
    /// How it ends.
    pub end: ChainEnd,
}

impl Chain {
    /// The subject of the root a client must trust: the self-signed end, or
    /// the issuer named by the last certificate when the root was not given.
    pub fn trust_anchor<'a>(&'a self, certs: &'a [CertificateInfo]) -> &'a str {
        match &self.end {
            ChainEnd::SelfSigned { certificate } => {
                certs.get(*certificate).map_or("", |c| c.subject.as_str())
            }
            ChainEnd::MissingIssuer { issuer, .. } => issuer,
        }
    }

    /// Is the chain complete up to a self-signed certificate?
    pub fn is_complete(&self) -> bool {
        matches!(self.end, ChainEnd::SelfSigned { .. })
    }
}

/// The role of each certificate among `certs`.
pub fn role(cert: &CertificateInfo) -> Role {
    if !cert.is_ca() {
        Role::Leaf
    } else if cert.self_issued {
        Role::Root
    } else {
        Role::Intermediate
    }
}

/// Is `cert` self-signed: same subject and issuer, and (when checkable) its
/// own key verifies its signature?
pub fn is_self_signed(cert: &CertificateInfo) -> bool {
    cert.self_issued && verify::verify(&cert.der, &cert.spki_der) != SignatureCheck::Failed
}

/// Could `issuer` have issued `child` by names and key identifiers?
fn names_link(child: &CertificateInfo, issuer: &CertificateInfo) -> bool {
    if child.raw_issuer != issuer.raw_subject && !child.issuer.eq_ignore_ascii_case(&issuer.subject)
    {
        return false;
    }
    match (&child.authority_key_id, &issuer.subject_key_id) {
        (Some(aki), Some(ski)) => aki == ski,
        _ => true,
    }
}

/// The issuer of `child` among `certs`, with the signature check. Prefers a
/// candidate whose signature verifies; returns a failing one only when no
/// candidate verifies.
pub fn find_issuer(certs: &[CertificateInfo], child: usize) -> Option<(usize, SignatureCheck)> {
    let c = certs.get(child)?;
    let mut fallback = None;
    for (i, cand) in certs.iter().enumerate() {
        if i == child || !names_link(c, cand) {
            continue;
        }
        match verify::verify(&c.der, &cand.spki_der) {
            SignatureCheck::Failed => {
                fallback.get_or_insert((i, SignatureCheck::Failed));
            }
            other => return Some((i, other)),
        }
    }
    fallback
}

/// Build the chain from `leaf` upwards.
pub fn build(certs: &[CertificateInfo], leaf: usize) -> Chain {
    let mut links = Vec::new();
    let mut current = leaf;
    loop {
        let Some(cert) = certs.get(current) else {
            break Chain {
                leaf,
                links,
                end: ChainEnd::MissingIssuer {
                    issuer: String::new(),
                    authority_key_id: None,
                    impostor: None,
                },
            };
        };
        if cert.self_issued {
            let check = verify::verify(&cert.der, &cert.spki_der);
            if check != SignatureCheck::Failed {
                links.push(ChainLink {
                    certificate: current,
                    signature: Some(check),
                });
                break Chain {
                    leaf,
                    links,
                    end: ChainEnd::SelfSigned {
                        certificate: current,
                    },
                };
            }
        }
        let seen = links.iter().any(|l: &ChainLink| l.certificate == current);
        match find_issuer(certs, current) {
            Some((issuer, check))
                if check != SignatureCheck::Failed && !seen && links.len() < 16 =>
            {
                links.push(ChainLink {
                    certificate: current,
                    signature: Some(check),
                });
                current = issuer;
            }
            found => {
                links.push(ChainLink {
                    certificate: current,
                    signature: None,
                });
                let impostor = found.map(|(i, _)| i);
                break Chain {
                    leaf,
                    links,
                    end: ChainEnd::MissingIssuer {
                        issuer: cert.issuer.clone(),
                        authority_key_id: cert.authority_key_id.clone(),
                        impostor,
                    },
                };
            }
        }
    }
}
