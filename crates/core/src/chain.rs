//! Chain assembly across every certificate dropped together: who issued whom
//! (subject/issuer names, AKI/SKI, verified signatures), where each chain ends,
//! and which root a client must trust.

use crate::cert::CertificateInfo;
use crate::verify::{self, SignatureCheck, Work};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A certificate's place in what was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    /// Index into the analysed certificates.
    pub certificate: usize,
    /// Signature check against the issuer (the next link, or itself for a
    /// self-signed end). `None` when the issuer is missing.
    pub signature: Option<SignatureCheck>,
}

/// How a chain ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        #[serde(skip_serializing_if = "Option::is_none", default)]
        authority_key_id: Option<String>,
        /// A certificate with that subject was given but its key does not verify the signature.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        impostor: Option<usize>,
    },
}

/// A chain from a server certificate up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

    /// Is the certificate the chain starts from self-signed (its own key
    /// checked its signature, once, while the chain was built)?
    pub fn leaf_is_self_signed(&self) -> bool {
        self.links.len() == 1
            && matches!(self.end, ChainEnd::SelfSigned { certificate } if certificate == self.leaf)
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
/// own key verifies its signature? (A chain built by [`Verifier`] already
/// knows this: see [`Chain::leaf_is_self_signed`].)
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

/// Up to this many certificates, issuer candidates are found by a scan
/// rather than through sorted indexes.
const SCAN_BELOW: usize = 8;

/// Most candidate issuers whose signature is checked for one certificate.
/// Real CAs renewed under one name give two or three; more is a flood of
/// look-alikes, and trying each would make chain building quadratic.
pub const MAX_ISSUER_CANDIDATES: usize = 8;

/// Most links in a chain built by [`Verifier::build`].
pub const MAX_CHAIN_LENGTH: usize = 16;

/// Signature-check budget of one analysis, in units of one 2048-bit RSA
/// verification (an 8,192-bit one costs 16). Real chains need a handful.
pub const MAX_VERIFY_WORK: u64 = 4096;

/// Work done (and refused) while building chains: proof that it stays linear.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifyStats {
    /// Signature verifications actually run (each (certificate, issuer) pair at most once).
    pub signatures_verified: usize,
    /// Their cost, in units of one 2048-bit RSA verification.
    pub work: u64,
    /// Checks answered from the cache instead of verifying again.
    pub cache_hits: usize,
    /// Checks refused because the issuer's RSA key is above [`verify::MAX_RSA_BITS`].
    pub oversized_keys: usize,
    /// Certificates for which only [`MAX_ISSUER_CANDIDATES`] candidates were tried.
    pub candidates_cut: usize,
    /// Checks not run because [`MAX_VERIFY_WORK`] was spent.
    pub over_budget: usize,
}

/// Why chain building left something unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// The RSA key of this certificate is too large for its signatures to be verified.
    KeyTooLarge {
        /// Index of the certificate whose key it is.
        certificate: usize,
        /// Modulus size in bits.
        bits: usize,
    },
    /// More certificates than [`MAX_ISSUER_CANDIDATES`] could have issued this one.
    TooManyCandidates {
        /// Index of the certificate whose issuer was looked for.
        certificate: usize,
        /// How many certificates carried the issuer's name.
        candidates: usize,
    },
    /// The analysis' signature budget was spent before this certificate's issuer was checked.
    BudgetSpent {
        /// Index of the certificate whose signature was not checked.
        certificate: usize,
    },
}

/// Chain building over one set of certificates: candidate issuers found by
/// index (subject name bytes, subject name text, key identifier) rather than by
/// trying every pair, and every (certificate, issuer) signature verified at
/// most once for the whole analysis.
pub struct Verifier<'a> {
    certs: &'a [CertificateInfo],
    /// Certificate indices sorted by subject name bytes (empty for up to
    /// [`SCAN_BELOW`] certificates, which are scanned instead).
    by_raw_subject: Vec<usize>,
    /// Certificate indices sorted by subject name text, ignoring ASCII case
    /// (empty like `by_raw_subject`).
    by_subject: Vec<usize>,
    checks: BTreeMap<(usize, usize), SignatureCheck>,
    issuers: BTreeMap<usize, Vec<(usize, SignatureCheck)>>,
    stats: VerifyStats,
    limits: Vec<Limit>,
}

impl<'a> Verifier<'a> {
    /// Index `certs` (linear in their number).
    pub fn new(certs: &'a [CertificateInfo]) -> Self {
        if certs.len() <= SCAN_BELOW {
            return Verifier {
                certs,
                by_raw_subject: Vec::new(),
                by_subject: Vec::new(),
                checks: BTreeMap::new(),
                issuers: BTreeMap::new(),
                stats: VerifyStats::default(),
                limits: Vec::new(),
            };
        }
        let mut by_raw_subject: Vec<usize> = (0..certs.len()).collect();
        let mut by_subject = by_raw_subject.clone();
        by_raw_subject.sort_unstable_by(|&a, &b| {
            certs[a]
                .raw_subject
                .cmp(&certs[b].raw_subject)
                .then(a.cmp(&b))
        });
        by_subject.sort_unstable_by(|&a, &b| {
            cmp_ignore_ascii_case(&certs[a].subject, &certs[b].subject).then(a.cmp(&b))
        });
        Verifier {
            certs,
            by_raw_subject,
            by_subject,
            checks: BTreeMap::new(),
            issuers: BTreeMap::new(),
            stats: VerifyStats::default(),
            limits: Vec::new(),
        }
    }

    /// The work done so far.
    pub fn stats(&self) -> VerifyStats {
        self.stats
    }

    /// What was left unchecked so far, each at most once, in the order met.
    pub fn limits(&self) -> &[Limit] {
        &self.limits
    }

    fn limit(&mut self, limit: Limit) {
        if !self.limits.contains(&limit) {
            self.limits.push(limit);
        }
    }

    /// The signature of certificate `child` checked with the key of `issuer`,
    /// verified once and cached.
    pub fn check(&mut self, child: usize, issuer: usize) -> SignatureCheck {
        if let Some(done) = self.checks.get(&(child, issuer)) {
            self.stats.cache_hits += 1;
            return done.clone();
        }
        let (Some(c), Some(i)) = (self.certs.get(child), self.certs.get(issuer)) else {
            return SignatureCheck::Failed;
        };
        if self.stats.work >= MAX_VERIFY_WORK {
            self.stats.over_budget += 1;
            self.limit(Limit::BudgetSpent { certificate: child });
            // Not cached: the answer is "not checked", not a property of the pair.
            return SignatureCheck::Unsupported(
                "not checked: the analysis' signature-check budget is spent".into(),
            );
        }
        let (check, work) = verify::check(&c.der, &i.spki_der);
        match work {
            Work::Verified { cost } => {
                self.stats.signatures_verified += 1;
                self.stats.work += cost;
            }
            Work::KeyTooLarge { bits } => {
                self.stats.oversized_keys += 1;
                self.limit(Limit::KeyTooLarge {
                    certificate: issuer,
                    bits,
                });
            }
            Work::None => {}
        }
        self.checks.insert((child, issuer), check.clone());
        check
    }

    /// Is certificate `index` self-signed (same names, and its own key does
    /// not fail its signature)? Uses the cached check.
    pub fn is_self_signed(&mut self, index: usize) -> bool {
        self.certs.get(index).is_some_and(|c| c.self_issued)
            && self.check(index, index) != SignatureCheck::Failed
    }

    /// Candidate issuers of `child` by name and key identifier, best first:
    /// those whose subject key identifier matches the child's authority key
    /// identifier, then the others, each in input order.
    fn candidates(&self, child: usize) -> Vec<usize> {
        let Some(c) = self.certs.get(child) else {
            return Vec::new();
        };
        let certs = self.certs;
        if certs.len() <= SCAN_BELOW {
            let found: Vec<usize> = (0..certs.len())
                .filter(|&i| {
                    i != child
                        && (certs[i].raw_subject == c.raw_issuer
                            || cmp_ignore_ascii_case(&certs[i].subject, &c.issuer)
                                == Ordering::Equal)
                })
                .collect();
            return self.rank_candidates(c, found);
        }
        let by_raw = equal_range(&self.by_raw_subject, |i| {
            certs[i].raw_subject.as_slice().cmp(c.raw_issuer.as_slice())
        });
        let by_text = equal_range(&self.by_subject, |i| {
            cmp_ignore_ascii_case(&certs[i].subject, &c.issuer)
        });
        let mut found: Vec<usize> = by_raw
            .iter()
            .chain(by_text)
            .copied()
            .filter(|&i| i != child)
            .collect();
        found.sort_unstable();
        found.dedup();
        self.rank_candidates(c, found)
    }

    /// Keep the candidates whose names and key identifiers link, best first.
    fn rank_candidates(&self, c: &CertificateInfo, mut found: Vec<usize>) -> Vec<usize> {
        found.retain(|&i| names_link(c, &self.certs[i]));
        let key_id_match = |i: &usize| {
            c.authority_key_id.is_some() && c.authority_key_id == self.certs[*i].subject_key_id
        };
        found.sort_by_key(|i| !key_id_match(i));
        found
    }

    /// The candidate issuers of `child` that were checked, with their
    /// signature checks, in the order a path search tries them. At most
    /// [`MAX_ISSUER_CANDIDATES`] candidates are checked (the first by key
    /// identifier, then input order); those are then ordered by what they
    /// are, not where they were given: key-identifier matches first, then
    /// self-issued ones (a path that ends there), then by fingerprint.
    fn issuer_candidates(&mut self, child: usize) -> Vec<(usize, SignatureCheck)> {
        if let Some(found) = self.issuers.get(&child) {
            return found.clone();
        }
        let mut candidates = self.candidates(child);
        if candidates.len() > MAX_ISSUER_CANDIDATES {
            self.stats.candidates_cut += 1;
            self.limit(Limit::TooManyCandidates {
                certificate: child,
                candidates: candidates.len(),
            });
            candidates.truncate(MAX_ISSUER_CANDIDATES);
        }
        let certs = self.certs;
        let c = &certs[child];
        candidates.sort_by(|&a, &b| {
            let rank = |i: usize| {
                let key_id_match =
                    c.authority_key_id.is_some() && c.authority_key_id == certs[i].subject_key_id;
                (!key_id_match, !certs[i].self_issued)
            };
            rank(a)
                .cmp(&rank(b))
                .then_with(|| {
                    certs[a]
                        .fingerprint_sha256
                        .cmp(&certs[b].fingerprint_sha256)
                })
                .then(a.cmp(&b))
        });
        let checked: Vec<(usize, SignatureCheck)> = candidates
            .into_iter()
            .map(|i| (i, self.check(child, i)))
            .collect();
        self.issuers.insert(child, checked.clone());
        checked
    }

    /// The issuer of `child`, with the signature check. Prefers a candidate
    /// whose signature verifies; returns a failing one only when no candidate
    /// verifies. At most [`MAX_ISSUER_CANDIDATES`] candidates are checked.
    pub fn find_issuer(&mut self, child: usize) -> Option<(usize, SignatureCheck)> {
        let checked = self.issuer_candidates(child);
        checked
            .iter()
            .find(|(_, check)| *check != SignatureCheck::Failed)
            .or_else(|| checked.first())
            .cloned()
    }

    /// Build the chain from `leaf` upwards: a path search over every
    /// candidate issuer whose signature does not fail, backtracking from dead
    /// ends, that prefers a path ending at a self-signed certificate. A
    /// certificate already on the path is never taken again (a cycle is a
    /// dead end), nor one already found to lead nowhere; paths stop at
    /// [`MAX_CHAIN_LENGTH`] links. The answer depends on the certificates,
    /// not on the order they were given in.
    pub fn build(&mut self, leaf: usize) -> Chain {
        let mut path = Vec::new();
        let mut dead = Vec::new();
        self.search(leaf, leaf, &mut path, &mut dead)
    }

    /// The best chain from `current` up, `path` holding the links below it.
    fn search(
        &mut self,
        leaf: usize,
        current: usize,
        path: &mut Vec<ChainLink>,
        dead: &mut Vec<usize>,
    ) -> Chain {
        let certs = self.certs;
        let Some(cert) = certs.get(current) else {
            return Chain {
                leaf,
                links: path.clone(),
                end: ChainEnd::MissingIssuer {
                    issuer: String::new(),
                    authority_key_id: None,
                    impostor: None,
                },
            };
        };
        if cert.self_issued {
            let check = self.check(current, current);
            if check != SignatureCheck::Failed {
                let mut links = path.clone();
                links.push(ChainLink {
                    certificate: current,
                    signature: Some(check),
                });
                return Chain {
                    leaf,
                    links,
                    end: ChainEnd::SelfSigned {
                        certificate: current,
                    },
                };
            }
        }
        let candidates = if path.len() + 1 < MAX_CHAIN_LENGTH {
            self.issuer_candidates(current)
        } else {
            Vec::new()
        };
        let mut best: Option<Chain> = None;
        let mut any_links = false;
        for (issuer, check) in &candidates {
            if *check == SignatureCheck::Failed {
                continue;
            }
            any_links = true;
            let on_path = *issuer == current || path.iter().any(|l| l.certificate == *issuer);
            if on_path || dead.contains(issuer) {
                continue;
            }
            path.push(ChainLink {
                certificate: current,
                signature: Some(check.clone()),
            });
            let found = self.search(leaf, *issuer, path, dead);
            path.pop();
            if found.is_complete() {
                return found;
            }
            dead.push(*issuer);
            if best
                .as_ref()
                .is_none_or(|b| found.links.len() > b.links.len())
            {
                best = Some(found);
            }
        }
        if let Some(best) = best {
            return best;
        }
        let mut links = path.clone();
        links.push(ChainLink {
            certificate: current,
            signature: None,
        });
        // An impostor only when a certificate of that name was given and no
        // candidate's key verifies: not when the only issuers close a cycle.
        let impostor = if any_links {
            None
        } else {
            candidates.first().map(|(i, _)| *i)
        };
        Chain {
            leaf,
            links,
            end: ChainEnd::MissingIssuer {
                issuer: cert.issuer.clone(),
                authority_key_id: cert.authority_key_id.clone(),
                impostor,
            },
        }
    }
}

/// Order of two strings with ASCII letters compared as lowercase (equal
/// exactly when `eq_ignore_ascii_case`).
fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|x| x.to_ascii_lowercase())
        .cmp(b.bytes().map(|x| x.to_ascii_lowercase()))
}

/// The run of `sorted` whose elements `order` finds equal to the key it
/// compares them with (`order` gives element vs key).
fn equal_range(sorted: &[usize], order: impl Fn(usize) -> Ordering) -> &[usize] {
    let start = sorted.partition_point(|&i| order(i) == Ordering::Less);
    let len = sorted[start..].partition_point(|&i| order(i) == Ordering::Equal);
    &sorted[start..start + len]
}

/// The issuer of `child` among `certs`, with the signature check (see
/// [`Verifier::find_issuer`]; build one [`Verifier`] to check many).
pub fn find_issuer(certs: &[CertificateInfo], child: usize) -> Option<(usize, SignatureCheck)> {
    Verifier::new(certs).find_issuer(child)
}

/// Build the chain from `leaf` upwards (see [`Verifier::build`]; build one
/// [`Verifier`] to build many chains over the same certificates).
pub fn build(certs: &[CertificateInfo], leaf: usize) -> Chain {
    Verifier::new(certs).build(leaf)
}

// The tests decode certificates: the full build only.
#[cfg(test)]
#[cfg(feature = "crypto")]
mod tests {
    use super::*;

    /// Every certificate of the fixtures (PEM, DER, PKCS#7), in a fixed order.
    fn fixture_certs() -> Vec<CertificateInfo> {
        let mut paths: Vec<_> = std::fs::read_dir(sqltls_fixtures::path("certs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        paths
            .iter()
            .flat_map(|p| {
                let bytes = std::fs::read(p).unwrap();
                crate::input::decode("x", &bytes, None).certificates
            })
            .collect()
    }

    /// Candidates straight from their definition: every other certificate
    /// whose subject is the child's issuer (bytes, or text ignoring ASCII
    /// case) and whose names and key identifiers link, key-id matches first.
    fn reference(certs: &[CertificateInfo], child: usize) -> Vec<usize> {
        let c = &certs[child];
        let mut found: Vec<usize> = (0..certs.len())
            .filter(|&i| i != child)
            .filter(|&i| {
                certs[i].raw_subject == c.raw_issuer
                    || certs[i].subject.eq_ignore_ascii_case(&c.issuer)
            })
            .filter(|&i| names_link(c, &certs[i]))
            .collect();
        found.sort_by_key(|&i| {
            !(c.authority_key_id.is_some() && c.authority_key_id == certs[i].subject_key_id)
        });
        found
    }

    #[test]
    fn candidates_by_scan_and_by_index_agree_with_the_definition() {
        let all = fixture_certs();
        assert!(all.len() > 2 * SCAN_BELOW, "{}", all.len());
        // The whole set (indexes), and windows of it (scans).
        let mut sets = vec![all.clone()];
        sets.extend(all.windows(SCAN_BELOW).map(<[_]>::to_vec));
        sets.extend(all.windows(3).map(<[_]>::to_vec));
        let mut linked = 0;
        for certs in &sets {
            let verifier = Verifier::new(certs);
            for child in 0..certs.len() {
                let found = verifier.candidates(child);
                assert_eq!(
                    found,
                    reference(certs, child),
                    "child {child} of {}",
                    certs.len()
                );
                linked += found.len();
            }
        }
        assert!(linked > 0);
    }
}
