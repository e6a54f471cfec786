//! Presentation helpers: words for verdicts, the Markdown ticket text, short names.
//! Pure functions over the [`Report`]; no analysis happens here.

use serde_json::Value;
use sqltls_core::connstr::describe;
pub use sqltls_core::connstr::describe::client_name;
use sqltls_core::connstr::driver::ALL_DRIVERS;
use sqltls_core::connstr::{redact, REDACTED};
use sqltls_core::connstr::{ConnectionReport, Encryption, Outcome};
use sqltls_core::evidence::EvidenceKind;
use sqltls_core::remedy::Remedies;
use sqltls_core::report::{Answer, Verdict, VerdictAnswer};
use sqltls_core::{Finding, Report, Severity};

/// The JSON name of a serialisable enum value (`"rsa"`, `"sha256"`, …).
pub fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

pub use crate::words::{answer_name, overall, short_name, verdict_sentence};

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

/// A Markdown code span that survives backticks in `text`.
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A fenced block that survives fences inside `text`.
fn fenced(language: &str, text: &str) -> String {
    let fence = if text.contains("```") { "````" } else { "```" };
    format!("{fence}{language}\n{}\n{fence}\n", text.trim_end())
}

/// What a finding is about, for people: "(good.pem)", "(connection #1)", "(error #1)".
pub fn finding_about(report: &Report, f: &Finding) -> Option<String> {
    crate::words::about_finding(report, f)
}

/// The three questions, in display order, with short labels.
pub fn verdict_rows(v: &Verdict) -> [(&'static str, &VerdictAnswer); 3] {
    [
        ("SQL Server loads it", &v.server_loads),
        ("Configuration Manager lists it", &v.sscm_lists),
        ("Validating clients accept it", &v.clients_validate),
    ]
}

/// Prose for Markdown: every `<redacted>` inside a code span, so a renderer
/// never takes it for an HTML tag and drops it.
fn md_prose(text: &str) -> String {
    if !text.contains(REDACTED) {
        return text.to_string();
    }
    text.split(REDACTED)
        .collect::<Vec<_>>()
        .join(&format!("`{REDACTED}`"))
}

/// The lines of a pasted error worth quoting: no separators, blank lines or
/// stack frames; secrets redacted; at most [`QUOTE_LINES`].
pub fn quote_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.chars().all(|c| matches!(c, '=' | '-' | '_' | '*')))
        .filter(|l| !(l.starts_with("at ") && l.contains('(')))
        .filter(|l| *l != "Program Location:")
        .take(QUOTE_LINES)
        .map(|l| md_prose(&redact(l)))
        .collect()
}

/// At most this many lines of one pasted error are quoted in the report.
pub const QUOTE_LINES: usize = 8;

/// The report as Markdown for a ticket: the answer and at most three next
/// steps first, then the pasted errors quoted, then the details (verdicts,
/// connections, findings, the scripts the steps point at). Built from the
/// report and the redacted error texts, never from a password.
pub fn markdown(report: &Report, errors: &[String]) -> String {
    let lead = crate::words::lead(report);
    let mut md = String::new();
    match &lead {
        Some(l) => {
            md.push_str(&format!("## sqltls: {}\n\n", md_prose(&l.summary)));
            if let Some(about) = &l.about {
                md.push_str(&format!("About {}.\n\n", code_span(about)));
            }
            if !l.actions.is_empty() {
                md.push_str("Next steps:\n\n");
                for (n, a) in l.actions.iter().enumerate() {
                    md.push_str(&format!(
                        "{}. **{}:** {}",
                        n + 1,
                        a.label(),
                        md_prose(&a.text)
                    ));
                    if let Some(r) = &a.remedy {
                        md.push_str(&format!(" (script {} below)", code_span(r)));
                    }
                    md.push('\n');
                }
                md.push('\n');
            }
            for also in &l.also {
                md.push_str(&format!("- Also: {}\n", md_prose(also)));
            }
            if !l.also.is_empty() {
                md.push('\n');
            }
        }
        None => md.push_str("## sqltls report\n\n"),
    }
    for (i, e) in errors.iter().enumerate() {
        let lines = quote_lines(e);
        if lines.is_empty() {
            continue;
        }
        md.push_str(&format!("Error #{} as pasted:\n\n", i + 1));
        for l in lines {
            md.push_str(&format!("> {l}\n"));
        }
        md.push('\n');
    }

    md.push_str("<details><summary>Details</summary>\n\n");
    md.push_str(&format!("Evaluated at {}", report.evaluated_at));
    if let Some(v) = report.server_version {
        md.push_str(&format!(", SQL Server {v}"));
        if let Some(from) = version_source_label(report) {
            md.push_str(&format!(" ({from})"));
        }
    }
    md.push_str(&format!(
        ". {} error(s), {} warning(s), {} info.\n\n",
        report.summary.errors, report.summary.warnings, report.summary.infos
    ));
    if !report.inputs.is_empty() {
        md.push_str("Inputs: ");
        md.push_str(
            &report
                .inputs
                .iter()
                .map(|i| format!("{} ({})", code_span(&i.name), json_name(&i.format)))
                .collect::<Vec<_>>()
                .join(", "),
        );
        md.push_str("\n\n");
    }
    for v in crate::words::certificate_verdicts(report) {
        md.push_str(&format!("- {}: {}\n", code_span(&v.label), v.sentence));
    }
    for (i, c) in report.connections.iter().enumerate() {
        let (answer, sentence) = connection_verdict(report, i);
        md.push_str(&format!(
            "- Connection #{} {} ({}, {}{}): **{}** {}\n",
            i + 1,
            code_span(&c.redacted),
            c.dialect.label(),
            client_name(c.driver, Some(c.outcome.version)),
            if c.driver_inferred { ", inferred" } else { "" },
            answer_name(answer),
            md_prose(&sentence),
        ));
    }
    if !report.findings.is_empty() {
        md.push_str("\nFindings:\n\n");
        for f in &report.findings {
            md.push_str(&format!(
                "- **{}** `{}` {}: {}",
                f.severity.as_str(),
                f.id,
                f.title,
                md_prose(&f.message),
            ));
            if let Some(about) = finding_about(report, f) {
                md.push_str(&format!(" ({about})"));
            }
            md.push('\n');
        }
    }
    // The first step's script only: the page holds the others.
    let wanted: Vec<String> = lead
        .as_ref()
        .map(crate::words::lead_remedies)
        .unwrap_or_default()
        .into_iter()
        .take(1)
        .collect();
    if let Some(r) = report.remedies.as_ref().filter(|r| has_remedies(r)) {
        for id in &wanted {
            if let Some(a) = r.artifacts.iter().find(|a| a.id == id.as_str()) {
                md.push_str(&format!("\n{} ({}):\n\n", a.title, code_span(a.id)));
                md.push_str(&fenced(a.language, &a.content));
            } else if let Some(fix) = r
                .connections
                .iter()
                .find(|f| format!("connection-fix#{}", f.connection) == *id)
            {
                md.push_str(&format!(
                    "\nConnection #{} corrected ({}):\n\n",
                    fix.connection + 1,
                    code_span(id)
                ));
                md.push_str(&fenced(
                    "diff",
                    &format!("- {}\n+ {}", fix.original, fix.corrected),
                ));
            }
        }
        let others: Vec<String> = r
            .artifacts
            .iter()
            .map(|a| a.id.to_string())
            .chain(
                r.connections
                    .iter()
                    .map(|f| format!("connection-fix#{}", f.connection)),
            )
            .filter(|id| !wanted.contains(id))
            .map(|id| code_span(&id))
            .collect();
        if !others.is_empty() {
            md.push_str(&format!(
                "\nOther scripts in the sqltls page: {}.\n",
                others.join(", ")
            ));
        }
    }
    md.push_str("\n</details>\n");
    md
}

/// Every remedy's id and title: (`certreq-inf`, "certreq request file …"),
/// (`connection-fix#0`, "Connection #1, corrected").
pub fn remedy_titles(report: &Report) -> Vec<(String, String)> {
    let Some(r) = &report.remedies else {
        return Vec::new();
    };
    r.artifacts
        .iter()
        .map(|a| (a.id.to_string(), a.title.clone()))
        .chain(r.connections.iter().map(|f| {
            (
                format!("connection-fix#{}", f.connection),
                format!("Connection #{}, corrected", f.connection + 1),
            )
        }))
        .collect()
}

/// Are there remedies worth a section?
pub fn has_remedies(r: &Remedies) -> bool {
    !r.artifacts.is_empty() || !r.connections.is_empty()
}

/// One change of a corrected connection string, in words:
/// "removed TrustServerCertificate=True: why".
pub fn change_text(ch: &sqltls_core::remedy::Change) -> String {
    let what = match (ch.from.as_deref(), ch.to.as_deref()) {
        (Some(from), Some(to)) => format!("{}: {} → {}", ch.keyword, from, to),
        (Some(from), None) => format!("{}={from}", ch.keyword),
        (None, Some(to)) => format!("{}={to}", ch.keyword),
        (None, None) => ch.keyword.clone(),
    };
    format!("{} {what}: {}", ch.action, ch.why)
}

/// The HTML id of the remedy block `id` (`certreq-inf`, `connection-fix#0`).
pub fn remedy_anchor(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("remedy-{clean}")
}

/// What the version selector says when the version came from the evidence:
/// "from ERRORLOG", "from registry export".
pub fn version_source_label(report: &Report) -> Option<String> {
    if report.server_version_source != Some("evidence") {
        return None;
    }
    let kind = report
        .evidence
        .iter()
        .find(|e| e.facts.version.is_some())
        .map(|e| e.kind)?;
    Some(format!("from {}", source_name(kind)))
}

/// ForceEncryption as the evidence states it, with where it comes from.
pub fn force_from_evidence(report: &Report) -> Option<(bool, String)> {
    report.evidence.iter().find_map(|e| {
        e.facts
            .force_encryption
            .map(|f| (f, format!("from {}", source_name(e.kind))))
    })
}

fn source_name(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Errorlog => "ERRORLOG",
        other => other.label(),
    }
}

/// The facts one piece of evidence states, as (label, value) rows.
pub fn evidence_facts(e: &sqltls_core::report::EvidenceEntry) -> Vec<(&'static str, String)> {
    let f = &e.facts;
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut out = Vec::new();
    if let Some(line) = &f.version_line {
        out.push(("Version line", line.clone()));
    }
    if let Some(v) = f.version {
        out.push(("Version", format!("SQL Server {v}")));
    }
    if let Some(b) = f.force_encryption {
        out.push(("ForceEncryption", yes_no(b)));
    }
    if let Some(b) = f.force_strict {
        out.push(("Force Strict Encryption", yes_no(b)));
    }
    if let Some(t) = &f.configured_thumbprint {
        out.push(("Configured thumbprint", t.clone()));
    }
    if !f.loaded_thumbprints.is_empty() {
        out.push(("Loaded for encryption", f.loaded_thumbprints.join(", ")));
    }
    out
}

/// Where a pasted text belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pasted {
    /// PEM (or bare base64) certificate text: becomes a pasted file.
    Certificate,
    /// One or more connection strings: the connection box.
    Connection,
    /// A certificate-store listing (certutil, PowerShell, dbatools) or an
    /// `ls -l` listing, as the core detects it: becomes a pasted file.
    Listing,
    /// Anything else (an error message, a log excerpt): the error box.
    Error,
}

/// Keywords and prefixes that only connection strings carry.
const CONNECTION_MARKERS: [&str; 14] = [
    "server=",
    "data source=",
    "datasource=",
    "driver={",
    "jdbc:sqlserver://",
    "sqlserver://",
    "mssql://",
    "addr=",
    "address=",
    "network address=",
    "initial catalog=",
    "trustservercertificate=",
    "encrypt=",
    "provider=",
];

/// Decide where pasted text goes (presentation only: the core judges it).
pub fn classify_paste(text: &str) -> Pasted {
    let t = text.trim();
    if t.contains("-----BEGIN ") {
        return Pasted::Certificate;
    }
    let bare_base64 = t.len() >= 64
        && t.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') || c.is_whitespace()
        });
    if bare_base64 {
        return Pasted::Certificate;
    }
    if matches!(
        sqltls_core::evidence::detect(t),
        EvidenceKind::StoreDump | EvidenceKind::FileListing
    ) {
        return Pasted::Listing;
    }
    let lower: String = t
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let squeezed = lower.replace(" =", "=").replace("= ", "=");
    if CONNECTION_MARKERS.iter().any(|m| squeezed.contains(m)) {
        return Pasted::Connection;
    }
    Pasted::Error
}

/// One option of the driver selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverChoice {
    /// `ID[@VERSION]`, as the core parses it.
    pub value: String,
    /// What the option says.
    pub label: String,
}

/// The driver selector's options, grouped by driver: every generation the core
/// knows, each as `ID@<its first version>` (just `ID` when there is one generation).
pub fn driver_choices() -> Vec<(&'static str, Vec<DriverChoice>)> {
    ALL_DRIVERS
        .iter()
        .map(|&d| {
            let generations = d.generations();
            let choices = generations
                .iter()
                .map(|&g| {
                    let value = if generations.len() == 1 {
                        d.as_str().to_string()
                    } else {
                        format!("{}@{}", d.as_str(), g.version_text())
                    };
                    DriverChoice {
                        label: format!("{} ({value})", client_name(d, Some(g))),
                        value,
                    }
                })
                .collect();
            (d.display_name(), choices)
        })
        .collect()
}

/// A matrix cell: "full · validated", "login-only", "fails".
pub fn cell_text(o: &Outcome) -> String {
    match o.encryption {
        Encryption::Full | Encryption::Strict => {
            let check = if o.pinned {
                "pinned"
            } else if o.certificate_validated {
                "validated"
            } else {
                "not validated"
            };
            format!("{} · {check}", o.encryption.as_str())
        }
        Encryption::LoginOnly if o.certificate_validated => "login-only · validated".to_string(),
        e => e.as_str().to_string(),
    }
}

/// "Observed with tedious 15.0.0, tedious 16.7.1": the real client versions a
/// matrix row was verified with (the conformance harness), if any.
pub fn verified_note(row: &MatrixRow<'_>) -> Option<String> {
    let clients = row
        .cells
        .iter()
        .flatten()
        .find_map(|o| (!o.verified_with.is_empty()).then_some(o.verified_with))?;
    Some(format!("Observed with {}", clients.join(", ")))
}

/// How good a cell is, for its colour: yes (validated), depends (encrypted,
/// not validated), no (unencrypted or failing).
pub fn cell_answer(o: &Outcome) -> Answer {
    describe::outcome_answer(o)
}

/// One row of the outcome matrix: a driver generation, ForceEncryption no / yes.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow<'a> {
    /// Generation label.
    pub version: &'a str,
    /// `[server does not force, server forces]`.
    pub cells: [Option<&'a Outcome>; 2],
}

/// The connection's outcomes as rows (generations, oldest first) × ForceEncryption.
pub fn matrix_rows(c: &ConnectionReport) -> Vec<MatrixRow<'_>> {
    let mut rows: Vec<MatrixRow<'_>> = Vec::new();
    for o in &c.outcomes {
        let col = usize::from(o.server_force_encryption);
        match rows.iter_mut().find(|r| r.version == o.version.label()) {
            Some(row) => row.cells[col] = Some(o),
            None => {
                let mut cells = [None, None];
                cells[col] = Some(o);
                rows.push(MatrixRow {
                    version: o.version.label(),
                    cells,
                });
            }
        }
    }
    rows
}

/// Is `o` the cell of the chosen driver generation and server setting?
pub fn is_chosen(c: &ConnectionReport, o: &Outcome) -> bool {
    o.driver == c.outcome.driver
        && o.version == c.outcome.version
        && o.server_force_encryption == c.outcome.server_force_encryption
}

/// What the chosen outcome means (the core's sentence for it).
pub fn outcome_sentence(o: &Outcome) -> String {
    describe::sentence(o)
}

/// The verdict for connection `index`, first on the page: its answer and the
/// core's sentence, e.g. "Clients using ODBC 18 will refuse this server: the
/// name 10.0.0.5 is not in the certificate."
pub fn connection_verdict(report: &Report, index: usize) -> (Answer, String) {
    report
        .connections
        .get(index)
        .map(|c| (c.verdict.answer, c.verdict.summary.clone()))
        .unwrap_or((Answer::Depends, String::new()))
}

/// Where the evaluation instant falls between not-before and not-after, in tenths
/// of a percent, 0..=1000 (clamped), and whether it is inside. Integer arithmetic:
/// the page carries no float formatting.
pub fn timeline_position(not_before: i64, not_after: i64, now: i64) -> (u32, bool) {
    let span = (i128::from(not_after) - i128::from(not_before)).max(1);
    let at = (i128::from(now) - i128::from(not_before)) * 1000 / span;
    (
        at.clamp(0, 1000) as u32,
        now >= not_before && now <= not_after,
    )
}

/// Tenths of a percent as CSS: `505` → `50.5%`.
pub fn percent(tenths: u32) -> String {
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqltls_core::connstr::DriverSpec;
    use sqltls_core::{AnalysisRequest, InputFile};

    fn sample_report() -> Report {
        let sample = crate::sample::sample();
        sqltls_core::analyze(&AnalysisRequest {
            files: sample.files,
            password: Some(sample.password),
            now_unix: 1_800_000_000,
            connections: crate::state::connection_lines(&sample.connections),
            errors: crate::state::error_texts(&sample.errors),
            ..AnalysisRequest::default()
        })
    }

    fn ip_report(driver: Option<&str>) -> Report {
        sqltls_core::analyze(&AnalysisRequest {
            files: vec![InputFile {
                name: "good.pem".into(),
                bytes: include_bytes!("../../../tests/fixtures/certs/good.pem").to_vec(),
            }],
            now_unix: 1_800_000_000,
            connections: vec!["Server=10.0.0.5;Encrypt=True;UID=app;PWD=Typed-Secret-42".into()],
            driver: driver.map(str::to_string),
            errors: vec!["The target principal name is incorrect.".into()],
            ..AnalysisRequest::default()
        })
    }

    #[test]
    fn sentence_names_the_root() {
        let r = sqltls_core::analyze(&AnalysisRequest {
            files: crate::sample::files().into_iter().take(2).collect(),
            password: Some(crate::sample::PASSWORD.into()),
            now_unix: 1_800_000_000,
            ..AnalysisRequest::default()
        });
        let v = r.certificates[0].verdict.as_ref().expect("server cert");
        let s = verdict_sentence(v);
        // By the name Windows shows, not the distinguished name.
        assert!(s.contains("trust \"sqltls Test Root CA\""), "{s}");
        assert!(!s.contains("CN="), "{s}");
    }

    /// Every `<redacted>` of `md` outside a fenced block sits inside a code span.
    fn redacted_only_in_code(md: &str) -> bool {
        let mut fenced = false;
        for line in md.lines() {
            if line.starts_with("```") {
                fenced = !fenced;
                continue;
            }
            if fenced {
                continue;
            }
            let outside = line
                .split('`')
                .step_by(2)
                .any(|part| part.contains(REDACTED));
            if outside {
                return false;
            }
        }
        true
    }

    #[test]
    fn markdown_leads_with_the_answer_then_details_and_keeps_no_secret() {
        let r = sample_report();
        let errors = crate::state::error_texts(crate::sample::ERROR);
        let md = markdown(&r, &errors);
        assert!(md.starts_with("## sqltls: "), "{md}");
        assert!(md.contains("Next steps:\n\n1. **"), "{md}");
        assert!(
            md.contains("> A connection was successfully established"),
            "{md}"
        );
        assert!(md.contains("<details><summary>Details</summary>"), "{md}");
        assert!(md.contains("`cert.expired`"), "{md}");
        assert!(md.contains("Password=<redacted>"), "{md}");
        assert!(md.contains("SQL Server 2019 (from ERRORLOG)"), "{md}");
        assert!(md.contains("`error.untrusted-root`"), "{md}");
        assert!(redacted_only_in_code(&md), "{md}");
        let lines = md.lines().count();
        assert!(lines <= 90, "{lines} lines:\n{md}");
        let steps = md
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". **"))
            .count();
        assert!((1..=3).contains(&steps), "{md}");
        for secret in [crate::sample::PASSWORD, crate::sample::CONNECTION_PASSWORD] {
            assert!(!md.contains(secret), "{secret} leaked into the Markdown");
            let json = serde_json::to_string(&r).expect("json");
            assert!(!json.contains(secret), "{secret} leaked into the JSON");
        }
    }

    #[test]
    fn markdown_for_the_ssms_dialog_is_short_and_quotes_it_once() {
        let text = include_str!("../../../tests/fixtures/evidence/ssms20-untrusted-root.txt");
        let errors = crate::state::error_texts(text);
        assert_eq!(errors.len(), 1, "one dialog, one error");
        let r = sqltls_core::analyze(&AnalysisRequest {
            files: vec![InputFile {
                name: "via-issuing.pem".into(),
                bytes: include_bytes!("../../../tests/fixtures/certs/via-issuing.pem").to_vec(),
            }],
            now_unix: 1_800_000_000,
            errors: errors.clone(),
            ..AnalysisRequest::default()
        });
        let md = markdown(&r, &errors);
        assert!(
            md.contains("> Cannot connect to sql01.corp.example.com."),
            "{md}"
        );
        assert!(
            md.contains("> A connection was successfully established"),
            "{md}"
        );
        assert!(
            !md.contains("> at Microsoft.Data"),
            "stack frames are not quoted: {md}"
        );
        assert_eq!(md.matches("as pasted:").count(), 1, "{md}");
        let lines = md.lines().count();
        assert!(lines <= 50, "{lines} lines:\n{md}");
    }

    #[test]
    fn redacted_secrets_stay_in_code_spans() {
        assert_eq!(md_prose("PWD=<redacted>;"), "PWD=`<redacted>`;");
        let quoted = quote_lines("Login failed; Password=hunter2 was refused");
        assert!(quoted[0].contains("`<redacted>`"), "{quoted:?}");
        assert!(!quoted[0].contains("hunter2"));
    }

    #[test]
    fn ip_connection_verdict_refuses_and_the_fix_adds_the_name() {
        let r = ip_report(Some("odbc@18"));
        let (answer, s) = connection_verdict(&r, 0);
        assert_eq!(answer, Answer::No, "{s}");
        assert!(
            s.starts_with("Clients using ODBC 18 will refuse this server: ")
                && s.contains("the name 10.0.0.5 is not in it"),
            "{s}"
        );
        let md = markdown(&r, &["The target principal name is incorrect.".to_string()]);
        assert!(!md.contains("Typed-Secret-42"));
        assert!(redacted_only_in_code(&md), "{md}");
        assert!(!serde_json::to_string(&r)
            .expect("json")
            .contains("Typed-Secret-42"));
        assert!(md.contains("`match.host-name-mismatch`") && md.contains("`error.name-mismatch`"));
        let c = &r.connections[0];
        let chosen: Vec<&Outcome> = c.outcomes.iter().filter(|o| is_chosen(c, o)).collect();
        assert_eq!(chosen.len(), 1);
        let rows = matrix_rows(c);
        assert_eq!(rows.len(), 2, "ODBC 17 and 18");
        assert!(rows.iter().all(|r| r.cells.iter().all(Option::is_some)));
        let fix = r
            .findings
            .iter()
            .find(|f| f.id == "match.host-name-mismatch")
            .expect("mismatch");
        assert_eq!(
            remedy_anchor(fix.remedy.as_deref().expect("remedy")),
            "remedy-connection-fix-0"
        );
        // Inferred driver: SqlClient's newest generation.
        let (_, s) = connection_verdict(&ip_report(None), 0);
        assert!(
            s.starts_with("Clients using Microsoft.Data.SqlClient 5.0+"),
            "{s}"
        );
    }

    #[test]
    fn trust_server_certificate_is_not_validated() {
        let r = sample_report();
        let (answer, s) = connection_verdict(&r, 0);
        assert_eq!(answer, Answer::Depends, "{s}");
        assert!(s.contains("accept any certificate"), "{s}");
        assert_eq!(cell_text(&r.connections[0].outcome), "full · not validated");
        assert!(outcome_sentence(&r.connections[0].outcome).contains("do not validate"));
    }

    #[test]
    fn a_validated_login_only_cell_says_so() {
        // go-mssqldb validates the login-only handshake once `encrypt` is given
        // (go-mssqldb msdsn/conn_str.go: trustServerCert false when encrypt is set).
        let r = sqltls_core::analyze(&AnalysisRequest {
            now_unix: 1_800_000_000,
            connections: vec!["server=db.example.com;user id=app;password=x;encrypt=false".into()],
            driver: Some("go-mssqldb".into()),
            ..AnalysisRequest::default()
        });
        assert_eq!(
            cell_text(&r.connections[0].outcome),
            "login-only · validated"
        );
    }

    #[test]
    fn rows_observed_with_real_clients_say_so() {
        let r = sqltls_core::analyze(&AnalysisRequest {
            now_unix: 1_800_000_000,
            connections: vec!["Server=db.example.com;Encrypt=true;User Id=app;Password=x".into()],
            driver: Some("tedious".into()),
            ..AnalysisRequest::default()
        });
        let rows = matrix_rows(&r.connections[0]);
        let notes: Vec<Option<String>> = rows.iter().map(verified_note).collect();
        assert!(
            notes.iter().flatten().any(|n| n.contains("tedious 15.0.0")),
            "{notes:?}"
        );
        // SqlClient is not installable: its rows rest on source and documentation.
        let r = sqltls_core::analyze(&AnalysisRequest {
            now_unix: 1_800_000_000,
            connections: vec!["Server=db.example.com;Encrypt=true".into()],
            driver: Some("sqlclient".into()),
            ..AnalysisRequest::default()
        });
        assert!(matrix_rows(&r.connections[0])
            .iter()
            .all(|row| verified_note(row).is_none()));
    }

    #[test]
    fn driver_choices_come_from_the_core_and_parse_back() {
        let choices = driver_choices();
        let mut values = Vec::new();
        for (&d, (_, group)) in ALL_DRIVERS.iter().zip(&choices) {
            assert_eq!(group.len(), d.generations().len());
            for (choice, &g) in group.iter().zip(d.generations()) {
                let spec = DriverSpec::parse(&choice.value).expect("valid spec");
                assert_eq!(spec.id, d);
                assert_eq!(spec.generation(), g, "{}", choice.value);
                values.push(choice.value.clone());
            }
        }
        for v in [
            "sqlclient@5",
            "odbc@17",
            "odbc@18",
            "oledb@18",
            "oledb@19",
            "jdbc@10.1",
            "jdbc@11.2",
            "go-mssqldb@1.6",
            "tedious@15",
            "freetds@1.5",
            "system.data.sqlclient",
        ] {
            assert!(values.iter().any(|x| x == v), "{v} missing from {values:?}");
        }
    }

    #[test]
    fn pasted_text_is_routed() {
        let pem = include_str!("../../../tests/fixtures/certs/good.pem");
        assert_eq!(classify_paste(pem), Pasted::Certificate);
        assert_eq!(
            classify_paste(crate::sample::CONNECTION),
            Pasted::Connection
        );
        assert_eq!(
            classify_paste("Driver={ODBC Driver 18 for SQL Server};Server=x"),
            Pasted::Connection
        );
        assert_eq!(
            classify_paste("jdbc:sqlserver://sql01:1433;encrypt=true"),
            Pasted::Connection
        );
        assert_eq!(
            classify_paste("sqlserver://app:pw@sql01?encrypt=true"),
            Pasted::Connection
        );
        assert_eq!(
            classify_paste("Data Source = sql01; Integrated Security=SSPI"),
            Pasted::Connection
        );
        assert_eq!(
            classify_paste("The target principal name is incorrect."),
            Pasted::Error
        );
        assert_eq!(classify_paste("0x80090325"), Pasted::Error);
        assert_eq!(classify_paste(crate::sample::ERROR), Pasted::Error);
        // A certutil listing has "Provider = …", which must not read as a
        // connection string.
        assert_eq!(
            classify_paste(crate::sample::STORE_LISTING),
            Pasted::Listing
        );
        assert_eq!(
            classify_paste(include_str!(
                "../../../tests/fixtures/store/good-powershell-currentuser.txt"
            )),
            Pasted::Listing
        );
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
        assert!(markdown(&r, &[]).contains("input.unrecognized"));
    }

    #[test]
    fn timeline_clamps() {
        assert_eq!(timeline_position(0, 100, 50), (500, true));
        assert_eq!(timeline_position(0, 1000, 505), (505, true));
        assert_eq!(timeline_position(0, 100, 200), (1000, false));
        assert_eq!(timeline_position(0, 100, -5), (0, false));
        assert_eq!(timeline_position(i64::MIN, i64::MAX, 0), (500, true));
        assert_eq!(timeline_position(5, 5, 5), (0, true));
        assert_eq!(percent(505), "50.5%");
        assert_eq!(percent(1000), "100.0%");
        assert_eq!(group_hex("AB12CD"), "AB 12 CD");
    }
}
