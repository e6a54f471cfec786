//! Findings: the product's contract. Every finding carries a stable id whose
//! meaning never changes once shipped, a fixed severity, and text that comes from
//! the rule's declaration in [`crate::catalogue`].

use serde::{Deserialize, Serialize};

pub use crate::catalogue::{Rule, RuleMeta, Severity, Source};

/// One occurrence of a rule in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule (its id is serialised as `id`).
    #[serde(skip)]
    pub rule: Rule,
    /// Stable id, e.g. `cert.expired`.
    pub id: &'static str,
    /// Severity of the rule.
    pub severity: Severity,
    /// One-line title of the rule.
    pub title: &'static str,
    /// What this occurrence is about, with its specifics (dates, names, thumbprints).
    pub message: String,
    /// General explanation of the rule.
    pub explanation: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Where the rule's fact comes from.
    pub source: Source,
    /// Index into `Report::inputs` of the input this finding concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub input: Option<usize>,
    /// Index into `Report::certificates` of the certificate this finding concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub certificate: Option<usize>,
    /// Index into `Report::connections` of the connection string this finding concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub connection: Option<usize>,
    /// Index into `Report::evidence` of the log, registry export or error text it comes from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evidence: Option<usize>,
    /// Id of the generated artifact in `Report::remedies` that fixes it
    /// (e.g. `certreq-inf`, `connection-fix#0`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub remedy: Option<String>,
    /// SQL Server versions this finding applies to, when it depends on the version.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub versions: Option<String>,
}

/// Read back from the JSON: the id gives the rule; the texts are the JSON's,
/// pooled ([`crate::interned`]), so that a build that only reads reports (the
/// page) needs no catalogue prose of its own.
impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::interned::{text, Text};
        /// The fields of a finding, as serialised.
        #[derive(Deserialize)]
        struct Fields {
            id: Rule,
            severity: Severity,
            #[serde(deserialize_with = "text")]
            title: Text,
            message: String,
            #[serde(deserialize_with = "text")]
            explanation: Text,
            #[serde(deserialize_with = "text")]
            fix: Text,
            source: Source,
            input: Option<usize>,
            certificate: Option<usize>,
            connection: Option<usize>,
            evidence: Option<usize>,
            remedy: Option<String>,
            versions: Option<String>,
        }
        let f = Fields::deserialize(d)?;
        Ok(Finding {
            rule: f.id,
            id: f.id.id(),
            severity: f.severity,
            title: f.title,
            message: f.message,
            explanation: f.explanation,
            fix: f.fix,
            source: f.source,
            input: f.input,
            certificate: f.certificate,
            connection: f.connection,
            evidence: f.evidence,
            remedy: f.remedy,
            versions: f.versions,
        })
    }
}

impl Finding {
    /// A finding of `rule` with an occurrence-specific message.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        let meta = rule.meta();
        Finding {
            rule,
            id: meta.id,
            severity: meta.severity,
            title: meta.title,
            message: message.into(),
            explanation: meta.explanation,
            fix: meta.fix,
            source: meta.source,
            input: None,
            certificate: None,
            connection: None,
            evidence: None,
            remedy: None,
            versions: None,
        }
    }

    /// Attach the input this finding concerns.
    pub fn for_input(mut self, input: usize) -> Self {
        self.input = Some(input);
        self
    }

    /// Attach the certificate this finding concerns.
    pub fn for_certificate(mut self, certificate: usize) -> Self {
        self.certificate = Some(certificate);
        self
    }

    /// Say which SQL Server versions the finding applies to.
    pub fn for_versions(mut self, versions: impl Into<String>) -> Self {
        self.versions = Some(versions.into());
        self
    }
}
