//! Server-certificate checks: one file per family, each with its `CHECKS`
//! list. A check looks at the certificate SQL Server would present (see
//! `analyze`) with its chain, origin and key, and returns a [`Hit`] that moves
//! the three verdicts. The rules themselves (ids, text, metadata) are declared
//! in [`crate::catalogue`]; the other families (`input.*`, `conn.*`, `match.*`,
//! `error.*`, `server.*`) are raised by the decoders, the connection analysis and
//! the evidence readers.

pub mod key;
pub mod origin;
pub mod signature;
pub mod store;
pub mod subject_names;
pub mod trust_chain;
pub mod usage;
pub mod validity;

/// The rule registry (kept at this path for callers of `rules::catalogue`).
pub use crate::catalogue;

use crate::catalogue::Rule;
use crate::cert::CertificateInfo;
use crate::chain::Chain;
use crate::verdict::{Answer, VerdictKind};
use crate::version::SqlServerVersion;

/// Private-key facts known for a server certificate (from a .pfx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFacts<'a> {
    /// Microsoft CSP / KSP name bag attribute.
    pub csp_name: Option<&'a str>,
    /// KeySpec attribute.
    pub key_spec: Option<crate::input::pkcs12::KeySpec>,
}

/// How the server certificate arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin<'a> {
    /// In a PKCS#12 file together with its private key.
    PfxWithKey(KeyFacts<'a>),
    /// In a PKCS#12 file that holds no private key at all.
    PfxWithoutKey,
    /// In a PKCS#12 file whose keys match none of its certificates.
    PfxKeyMismatch,
    /// A certificate file (no private key can be seen).
    CertificateOnly,
    /// Private-key files were given with it (SQL Server on Linux) and none
    /// of them is its key.
    KeyFileMismatch,
    /// A Windows certificate-store dump: what it shows of the store and key.
    Store(&'a crate::evidence::store_dump::StoreCert),
}

/// Everything a server-certificate rule may look at.
#[derive(Debug, Clone, Copy)]
pub struct ServerCertContext<'a> {
    /// The certificate.
    pub cert: &'a CertificateInfo,
    /// How it arrived.
    pub origin: Origin<'a>,
    /// Its chain as assembled from everything dropped together.
    pub chain: &'a Chain,
    /// Every certificate dropped together (the chain's links index into it).
    pub certs: &'a [CertificateInfo],
    /// Subject of the root clients must trust (from the chain).
    pub trust_anchor: &'a str,
    /// Were CA certificates given alongside (so a gap in the chain is a real gap)?
    pub other_ca_given: bool,
    /// The evaluation instant, Unix seconds.
    pub now: i64,
    /// Days before expiry that count as "soon".
    pub warn_days: u32,
    /// The SQL Server version, when known.
    pub version: Option<SqlServerVersion>,
}

/// What a rule found in one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Occurrence-specific message.
    pub message: String,
    /// How it moves each verdict.
    pub effects: Vec<(VerdictKind, Answer)>,
    /// Versions it applies to, when version-dependent.
    pub versions: Option<String>,
}

impl Hit {
    /// A hit with a message and no verdict effect.
    pub fn new(message: impl Into<String>) -> Self {
        Hit {
            message: message.into(),
            effects: Vec::new(),
            versions: None,
        }
    }

    /// Add a verdict effect.
    pub fn effect(mut self, verdict: VerdictKind, answer: Answer) -> Self {
        self.effects.push((verdict, answer));
        self
    }

    /// Say which versions it applies to.
    pub fn versions(mut self, versions: impl Into<String>) -> Self {
        self.versions = Some(versions.into());
        self
    }
}

/// A server-certificate rule: the rule plus its check.
#[derive(Debug, Clone, Copy)]
pub struct CertRule {
    /// The rule.
    pub rule: Rule,
    /// The check; `None` when the rule does not fire.
    pub check: fn(&ServerCertContext<'_>) -> Option<Hit>,
}

/// Every server-certificate check, in report order.
pub fn cert_rules() -> impl Iterator<Item = &'static CertRule> {
    [
        validity::CHECKS,
        usage::CHECKS,
        origin::CHECKS,
        signature::CHECKS,
        key::CHECKS,
        store::CHECKS,
        subject_names::CHECKS,
        trust_chain::CHECKS,
    ]
    .into_iter()
    .flatten()
}
