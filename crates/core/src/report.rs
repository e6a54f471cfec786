//! The report: what the CLI prints, the JSON schema, and what the page shows.
//! The analysis (what was found) plus the remedies built from it; the JSON
//! is the analysis's fields followed by `remedies`.

pub use crate::analyze::results::{
    Analysis, CertificateReport, EvidenceEntry, InputReport, KeyReport, Summary, SCHEMA_MINOR,
    SCHEMA_VERSION,
};
use crate::analyze::{self, AnalysisRequest};
use crate::diagnosis::{self, Diagnosis};
use crate::finding::Finding;
use crate::remedy::{self, Remedies, RemedyRequest};
pub use crate::verdict::{Answer, Verdict, VerdictAnswer, VerdictKind};
use serde::{Deserialize, Serialize};
use std::ops::{Deref, DerefMut};

/// The full result: the analysis, and what to paste to fix what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// What the analysis found (serialised inline).
    #[serde(flatten)]
    pub analysis: Analysis,
    /// What is wrong and the next step, most important first.
    pub diagnosis: Vec<Diagnosis>,
    /// What to paste to fix them: a certificate request, corrected connection strings.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub remedies: Option<Remedies>,
}

impl Report {
    /// A file was left unopened because this build has no `crypto` feature
    /// (`input.needs-full-module`): a build with it answers the request.
    pub fn needs_full_module(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.rule == crate::finding::Rule::InputNeedsFullModule)
    }
}

impl Deref for Report {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.analysis
    }
}

impl DerefMut for Report {
    fn deref_mut(&mut self) -> &mut Analysis {
        &mut self.analysis
    }
}

/// Analyse everything in `req`, build the remedies, point each finding at
/// the artifact that fixes it, and diagnose.
pub fn analyze(req: &AnalysisRequest) -> Report {
    let mut analysis = analyze::run(req);
    let remedies = remedy::remedies(&RemedyRequest {
        extra_names: &req.names,
        connection_texts: &req.connections,
        keep_secrets: req.keep_secrets,
        ..RemedyRequest::new(&analysis)
    });
    let link = |f: &mut Finding| f.remedy = remedy::remedy_for(&remedies, f.rule, f.connection);
    analysis.findings.iter_mut().for_each(link);
    for (index, conn) in analysis.connections.iter_mut().enumerate() {
        for f in &mut conn.findings {
            f.connection = Some(index);
            link(f);
        }
    }
    let diagnosis = diagnosis::diagnose(&analysis, &remedies, &req.symptoms);
    Report {
        analysis,
        diagnosis,
        remedies: Some(remedies),
    }
}
