//! The rule registry: every finding sqltls can emit, declared once.
//!
//! Each rule is one entry in [`entries`](self) (`declare_rules!`): its stable
//! id, severity, title, explanation, fix and source, plus what other code needs
//! to know about it — which side acts on it ([`Side`]), which pasteable remedy
//! fixes it ([`RemedyKind`]), whether the page should ask for a password, and
//! the short phrase used when it makes validating clients refuse a server.
//! The macro turns the entries into the [`Rule`] enum, so a misspelt rule does
//! not compile, and into one static [`RuleMeta`] per rule. The finding
//! catalogue (`docs/findings.md`), `sqltls rules` and the page all read it.
//!
//! This module is a leaf: it depends on nothing else in the crate, so every
//! layer (decoders, models, rules, analysis, remedies, report) can name rules.

pub mod diagnoses;
mod entries;
pub mod sources;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use diagnoses::{Diag, DiagnosisMeta};
pub use entries::Rule;
use entries::{FLAGS, IDS};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// SQL Server will refuse the certificate or clients will fail.
    Error,
    /// Works, with caveats worth fixing.
    Warning,
    /// Context a person needs; nothing is wrong.
    Info,
}

impl Severity {
    /// The lower-case name used in JSON, SARIF and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a rule's fact comes from. A closed set, so every finding is traceable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Short label, e.g. "SQL Server docs: Certificate requirements".
    #[serde(deserialize_with = "crate::interned::text")]
    pub title: crate::interned::Text,
    /// Repository and path or page the fact is taken from.
    #[serde(deserialize_with = "crate::interned::text")]
    pub reference: crate::interned::Text,
}

/// The family of a rule: the part of its id before the dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `input.*`: what could not be read.
    Input,
    /// `cert.*`: the server certificate and its chain.
    Cert,
    /// `conn.*`: connection strings.
    Conn,
    /// `match.*`: a connection's name or a thumbprint against the certificates.
    Match,
    /// `error.*`: what a pasted error message means.
    Error,
    /// `server.*`: what the server's ERRORLOG, registry or mssql.conf says.
    Server,
}

impl Family {
    /// Every family, in catalogue order.
    pub const ALL: [Family; 6] = [
        Family::Input,
        Family::Cert,
        Family::Conn,
        Family::Match,
        Family::Error,
        Family::Server,
    ];

    /// The id prefix (`cert`, `conn`, …).
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Input => "input",
            Family::Cert => "cert",
            Family::Conn => "conn",
            Family::Match => "match",
            Family::Error => "error",
            Family::Server => "server",
        }
    }
}

/// Who has to act on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The input given to sqltls (export it again, give the password).
    Input,
    /// The client: its connection string, its trust store, its driver.
    Client,
    /// The SQL Server machine: its configuration, registry, key permissions.
    Server,
    /// The certificate itself: it must be reissued (by the CA).
    Certificate,
}

/// A kind of pasteable remedy (see `crate::remedy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RemedyKind {
    /// A corrected connection string (`connection-fix#N`).
    ConnectionFix,
    /// A new certificate: the certreq INF, the openssl config, the lab
    /// `New-SelfSignedCertificate` line.
    NewCertificate,
    /// The registry line that selects a certificate by thumbprint.
    RegistryThumbprint,
    /// The commands that make clients trust a root.
    TrustRoot,
    /// The commands that (re)import the certificate and grant key access.
    KeyAccess,
}

/// Static metadata of one rule: everything about a finding except the
/// specifics of one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleMeta {
    /// The rule.
    pub rule: Rule,
    /// Stable id such as `cert.expired`.
    pub id: &'static str,
    /// Fixed severity.
    pub severity: Severity,
    /// One-line title.
    pub title: &'static str,
    /// Plain-words explanation of what it means and why it matters.
    pub explanation: &'static str,
    /// What to do about it.
    pub fix: &'static str,
    /// Where the fact comes from.
    pub source: Source,
    /// Who acts on it.
    pub side: Side,
    /// The remedies that fix it, in order of preference; the first is the
    /// remedy it is listed under.
    pub remedies: &'static [RemedyKind],
    /// When it makes validating clients refuse the server: why, as a clause
    /// ("the certificate has expired"). `None`: the rule's title is used.
    pub refusal: Option<&'static str>,
    /// It is about which root clients trust (so "depends" means "depends on the root").
    pub concerns_trust_root: bool,
    /// The page should offer the password box when it is raised.
    pub prompts_password: bool,
}

impl RuleMeta {
    /// The family, from the id's prefix.
    pub fn family(&self) -> Family {
        let prefix = self.id.split('.').next().unwrap_or_default();
        Family::ALL
            .into_iter()
            .find(|f| f.prefix() == prefix)
            .unwrap_or(Family::Input)
    }

    /// The remedy it is listed under, if any.
    pub fn primary_remedy(&self) -> Option<RemedyKind> {
        self.remedies.first().copied()
    }
}

/// What the page asks of a rule without its texts: kept apart from
/// [`RuleMeta`] so that a build reading reports back (the page) carries no
/// catalogue prose of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RuleFlags {
    severity: Severity,
    concerns_trust_root: bool,
    prompts_password: bool,
}

impl Rule {
    /// The stable id, e.g. `cert.expired`.
    pub fn id(self) -> &'static str {
        IDS[self as usize]
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        IDS.iter().position(|&i| i == id).map(|at| Rule::ALL[at])
    }

    /// Fixed severity.
    pub fn severity(self) -> Severity {
        FLAGS[self as usize].severity
    }

    /// It is about which root clients trust ([`RuleMeta::concerns_trust_root`]).
    pub fn concerns_trust_root(self) -> bool {
        FLAGS[self as usize].concerns_trust_root
    }

    /// The page should offer the password box ([`RuleMeta::prompts_password`]).
    pub fn prompts_password(self) -> bool {
        FLAGS[self as usize].prompts_password
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

crate::interned::deserialize_by_name!(Rule, "finding id", Rule::from_id);

impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl RuleMeta {
    /// The rule explained in plain text (what `sqltls rules ID` prints).
    pub fn plain_text(&self) -> String {
        format!(
            "{} ({})\n{}\n\n{}\n\nFix: {}\nSource: {} ({})\n",
            self.id,
            self.severity.as_str(),
            self.title,
            self.explanation,
            self.fix,
            self.source.title,
            self.source.reference
        )
    }
}

/// Every rule's metadata, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    Rule::ALL.iter().map(|r| r.meta())
}

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static RuleMeta> {
    Rule::from_id(id).map(Rule::meta)
}

/// The catalogue as Markdown (the content of `docs/findings.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from crates/core/src/catalogue by `cargo test` (UPDATE_DOCS=1 rewrites it). Do not edit. -->\n\
         # sqltls finding catalogue\n\n\
         Every finding id sqltls emits. Ids never change meaning once shipped.\n\
         Severity: `error` = SQL Server will refuse the certificate or clients will fail; \
         `warning` = works with caveats; `info` = context.\n\n\
         | id | severity | title |\n|---|---|---|\n",
    );
    for m in all() {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            m.id,
            anchor(m.id),
            m.severity.as_str(),
            m.title
        ));
    }
    out.push_str(
        "\nDiagnoses: the report's `diagnosis` list leads with these, most important first; \
         each names the findings behind it (`because`).\n\n| id | title | given when |\n|---|---|---|\n",
    );
    for d in Diag::ALL {
        let m = d.meta();
        out.push_str(&format!("| `{}` | {} | {} |\n", m.id, m.title, m.meaning));
    }
    for m in all() {
        out.push_str(&format!(
            "\n## {}\n\n**{}** — {}\n\n{}\n\n**Fix:** {}\n\n**Source:** {} ({})\n",
            m.id,
            m.severity.as_str(),
            m.title,
            m.explanation,
            m.fix,
            m.source.title,
            m.source.reference
        ));
    }
    out
}

fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Declares every rule: the [`Rule`] enum and one [`RuleMeta`] per rule.
///
/// Each entry is `Variant { id, severity, title, explanation, fix, source,
/// side, [remedies], [refusal], [concerns_trust_root], [prompts_password] }`,
/// the optional fields in that order.
macro_rules! declare_rules {
    ($(
        $(#[$attr:meta])*
        $variant:ident {
            id: $id:literal,
            severity: $severity:ident,
            title: $title:expr,
            explanation: $explanation:expr,
            fix: $fix:expr,
            source: $source:expr,
            side: $side:ident,
            $(remedies: $remedies:expr,)?
            $(refusal: $refusal:expr,)?
            $(concerns_trust_root: $trust:expr,)?
            $(prompts_password: $password:expr,)?
        }
    )*) => {
        /// A rule sqltls can raise. Its id, text and metadata: [`Rule::meta`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[$attr])* $variant,)*
        }

        // A `static`, not a `const`: a `const` table is copied into every crate that
        // reads it, and the wasm modules carried the catalogue's prose twice (23 KB gz).
        static METAS: &[super::RuleMeta] = &[$(
            super::RuleMeta {
                rule: Rule::$variant,
                id: $id,
                severity: super::Severity::$severity,
                title: $title,
                explanation: $explanation,
                fix: $fix,
                source: $source,
                side: super::Side::$side,
                remedies: declare_rules!(@or $($remedies)?, &[]),
                refusal: declare_rules!(@or $(Some($refusal))?, None),
                concerns_trust_root: declare_rules!(@or $($trust)?, false),
                prompts_password: declare_rules!(@or $($password)?, false),
            },
        )*];

        /// Every rule's id, in catalogue order.
        pub(super) static IDS: &[&str] = &[$($id,)*];

        /// Every rule's flags, in catalogue order.
        pub(super) static FLAGS: &[super::RuleFlags] = &[$(
            super::RuleFlags {
                severity: super::Severity::$severity,
                concerns_trust_root: declare_rules!(@or $($trust)?, false),
                prompts_password: declare_rules!(@or $($password)?, false),
            },
        )*];

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's metadata.
            pub const fn meta(self) -> &'static super::RuleMeta {
                &METAS[self as usize]
            }
        }
    };
    (@or , $default:expr) => { $default };
    (@or $value:expr, $default:expr) => { $value };
}
use declare_rules;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_well_formed_and_documented() {
        let mut seen = HashSet::new();
        for (index, m) in all().enumerate() {
            assert_eq!(m.rule as usize, index, "{} is out of place", m.id);
            assert_eq!(Rule::from_id(m.id), Some(m.rule));
            assert!(seen.insert(m.id), "duplicate id {}", m.id);
            let (family, name) = m.id.split_once('.').expect("id has a family");
            assert_eq!(m.family().prefix(), family, "{}", m.id);
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.id
            );
            assert!(
                !m.title.is_empty() && !m.explanation.is_empty() && !m.fix.is_empty(),
                "{} lacks text",
                m.id
            );
            assert!(!m.source.reference.is_empty(), "{} lacks a source", m.id);
        }
    }

    #[test]
    fn families_are_contiguous_in_catalogue_order() {
        let families: Vec<Family> = all().map(|m| m.family()).collect();
        let mut order: Vec<Family> = families.clone();
        order.dedup();
        assert_eq!(order, Family::ALL.to_vec());
    }

    #[test]
    fn rules_serialise_as_their_ids() {
        assert_eq!(
            serde_json::to_string(&Rule::CertExpired).ok().as_deref(),
            Some("\"cert.expired\"")
        );
        assert!(Rule::CertExpired == "cert.expired");
        assert_eq!(Rule::from_id("cert.expird"), None);
    }
}
