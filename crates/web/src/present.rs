//! Presentation helpers: words for verdicts, the Markdown ticket text, short names.
//! Pure functions over the [`Report`]; no analysis happens here.

use serde_json::Value;
use sqltls_core::report::{Answer, CertificateReport, Verdict, VerdictAnswer};
use sqltls_core::{Report, Severity};

/// The JSON name of a serialisable enum value (`"rsa"`, `"sha256"`, …).
pub fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// `"yes"`, `"no"` or `"depends"`.
pub fn answer_name(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Depends => "depends",
    }
}

/// The verdict as one sentence, server first, e.g. "SQL Server will load this
/// certificate; Configuration Manager will list it; validating clients accept it
/// only if they trust CN=…".
pub fn verdict_sentence(v: &Verdict) -> String {
    let server = match v.server_loads.answer {
        Answer::Yes => "SQL Server will load this certificate",
        Answer::Depends => "SQL Server may load this certificate, depending on the version",
        Answer::No => "SQL Server will not load this certificate",
    };
    let sscm = match v.sscm_lists.answer {
        Answer::Yes => "Configuration Manager will list it",
        Answer::Depends => "Configuration Manager may list it, depending on the version",
        Answer::No => "Configuration Manager will not list it",
    };
    let root = v.trust_root.as_deref().unwrap_or("its root");
    let clients = match v.clients_validate.answer {
        Answer::Yes => format!("validating clients accept it when they trust {root}"),
        Answer::Depends if v.clients_validate.because.iter().any(|b| b.contains("root")) => {
            format!("validating clients accept it only if they trust {root}")
        }
        Answer::Depends => "validating clients may accept it, depending on the client".to_string(),
        Answer::No => "validating clients reject it".to_string(),
    };
    format!("{server}; {sscm}; {clients}.")
}

/// The three questions, in display order, with short labels.
pub fn verdict_rows(v: &Verdict) -> [(&'static str, &VerdictAnswer); 3] {
    [
        ("SQL Server loads it", &v.server_loads),
        ("Configuration Manager lists it", &v.sscm_lists),
        ("Validating clients accept it", &v.clients_validate),
    ]
}

/// The worst of the three answers: the colour of the verdict line.
pub fn overall(v: &Verdict) -> Answer {
    v.server_loads
        .answer
        .max(v.sscm_lists.answer)
        .max(v.clients_validate.answer)
}

/// A certificate's short name: its CN, else its subject.
pub fn short_name(c: &CertificateReport) -> String {
    c.details
        .common_name
        .clone()
        .unwrap_or_else(|| c.details.subject.clone())
}

/// Display order of severities and their headings.
pub const SEVERITIES: [(Severity, &str); 3] = [
    (Severity::Error, "Errors"),
    (Severity::Warning, "Warnings"),
    (Severity::Info, "Information"),
];

/// `AB12CD…` → `AB 12 CD …` for reading aloud over the phone.
pub fn group_hex(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report as Markdown for a ticket: verdicts and findings. The report holds
/// no password, so none can leak through here.
pub fn markdown(report: &Report) -> String {
    let mut md = String::from("## sqltls report\n\n");
    md.push_str(&format!("Evaluated at {}", report.evaluated_at));
    if let Some(v) = report.server_version {
        md.push_str(&format!(", SQL Server {v}"));
    }
    md.push_str(&format!(
        ". {} error(s), {} warning(s), {} info.\n\n",
        report.summary.errors, report.summary.warnings, report.summary.infos
    ));
    md.push_str("Inputs: ");
    md.push_str(
        &report
            .inputs
            .iter()
            .map(|i| format!("`{}` ({})", i.name, json_name(&i.format)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    md.push_str("\n\n");
    for c in report.certificates.iter().filter(|c| c.verdict.is_some()) {
        let Some(v) = &c.verdict else { continue };
        md.push_str(&format!(
            "### {}\n\nThumbprint (SHA-1) `{}`, valid {} to {}\n\n{}\n\n",
            c.details.subject,
            c.details.thumbprint_sha1,
            c.details.validity.not_before,
            c.details.validity.not_after,
            verdict_sentence(v)
        ));
        for (label, a) in verdict_rows(v) {
            md.push_str(&format!("- {label}: **{}**", answer_name(a.answer)));
            if !a.because.is_empty() {
                let ids: Vec<String> = a.because.iter().map(|b| format!("`{b}`")).collect();
                md.push_str(&format!(" ({})", ids.join(", ")));
            }
            md.push('\n');
        }
        md.push('\n');
    }
    if !report.findings.is_empty() {
        md.push_str("### Findings\n\n");
        for f in &report.findings {
            md.push_str(&format!(
                "- **{}** `{}` {}: {}\n  - Fix: {}\n  - Source: {} ({})\n",
                f.severity.as_str(),
                f.id,
                f.title,
                f.message,
                f.fix,
                f.source.title,
                f.source.reference
            ));
        }
    }
    md
}

/// Where the evaluation instant falls between not-before and not-after, 0..=100 (clamped),
/// and whether it is inside.
pub fn timeline_position(not_before: i64, not_after: i64, now: i64) -> (f64, bool) {
    let span = (not_after - not_before).max(1) as f64;
    let pos = ((now - not_before) as f64 / span * 100.0).clamp(0.0, 100.0);
    (pos, now >= not_before && now <= not_after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqltls_core::{AnalysisRequest, InputFile};

    fn sample_report() -> Report {
        sqltls_core::analyze(&AnalysisRequest {
            files: crate::sample::files(),
            password: Some(crate::sample::PASSWORD.into()),
            now_unix: 1_800_000_000,
            ..AnalysisRequest::default()
        })
    }

    #[test]
    fn sentence_names_the_root() {
        let r = sample_report();
        let v = r.certificates[0].verdict.as_ref().expect("server cert");
        let s = verdict_sentence(v);
        assert!(s.contains("CN=sqltls Test Root CA"), "{s}");
    }

    #[test]
    fn markdown_has_verdicts_findings_and_no_password() {
        let r = sample_report();
        let md = markdown(&r);
        assert!(md.contains("`cert.expired`"), "{md}");
        assert!(md.contains("SQL Server loads it"));
        assert!(!md.contains(crate::sample::PASSWORD));
    }

    #[test]
    fn garbage_is_reported_not_panicking() {
        let r = sqltls_core::analyze(&AnalysisRequest {
            files: vec![InputFile {
                name: "x".into(),
                bytes: vec![0xff, 0, 1, 2, 3],
            }],
            ..AnalysisRequest::default()
        });
        assert!(markdown(&r).contains("input.unrecognized"));
    }

    #[test]
    fn timeline_clamps() {
        assert_eq!(timeline_position(0, 100, 50), (50.0, true));
        assert_eq!(timeline_position(0, 100, 200), (100.0, false));
        assert_eq!(timeline_position(0, 100, -5), (0.0, false));
        assert_eq!(group_hex("AB12CD"), "AB 12 CD");
    }
}
