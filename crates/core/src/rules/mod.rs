//! Rules: each a small unit with a stable id, a fixed severity, text and a
//! source ([`RuleMeta`]), plus a check. Parsing lives in `input`; judging lives
//! here.
//!
//! Server-certificate rules run on the certificate SQL Server would present
//! (see `analyze`); chain rules run on the assembled chains. `input.*` rules
//! have no check: decoders raise them.

pub mod catalogue;
pub mod chain;
pub mod conn;
pub mod error;
pub mod input;
pub mod key;
pub mod matching;
pub mod names;
pub mod origin;
pub mod server;
pub mod signature;
pub mod sources;
pub mod thumbprint_match;
pub mod usage;
pub mod validity;

use crate::cert::CertificateInfo;
use crate::chain::Chain;
use crate::finding::RuleMeta;
use crate::report::{Answer, VerdictKind};
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

/// A server-certificate rule: metadata plus a check.
#[derive(Debug, Clone, Copy)]
pub struct CertRule {
    /// Metadata.
    pub meta: &'static RuleMeta,
    /// The check; `None` when the rule does not fire.
    pub check: fn(&ServerCertContext<'_>) -> Option<Hit>,
}

/// Every server-certificate rule, in report order.
pub static CERT_RULES: &[CertRule] = &[
    validity::EXPIRED_RULE,
    validity::NOT_YET_VALID_RULE,
    validity::EXPIRES_SOON_RULE,
    usage::EKU_NO_SERVER_AUTH_RULE,
    usage::KU_NO_KEY_ENCIPHERMENT_RULE,
    usage::KU_NO_DIGITAL_SIGNATURE_RULE,
    usage::IS_CA_RULE,
    origin::SELF_GENERATED_FALLBACK_RULE,
    origin::SELF_SIGNED_RULE,
    signature::WEAK_MD5_RULE,
    signature::WEAK_SHA1_RULE,
    key::RSA_KEY_TOO_SMALL_RULE,
    key::ECDSA_KEY_RULE,
    key::PRIVATE_KEY_MISSING_RULE,
    key::PRIVATE_KEY_MISMATCH_RULE,
    key::KEYSPEC_SIGNATURE_RULE,
    key::CNG_KEY_PROVIDER_RULE,
    names::NAME_NOT_FQDN_RULE,
    names::NO_SAN_RULE,
    names::WILDCARD_RULE,
    chain::CHAIN_INCOMPLETE_RULE,
    chain::CHAIN_ROOT_REQUIRED_RULE,
];
