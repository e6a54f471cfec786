//! The words the page and the `<sqltls-check>` element share: the verdict
//! sentence of a certificate and the lead answer (the most important thing,
//! then at most three next steps). One source: crates/web uses this module
//! directly and crates/wasm includes the same file, so both say the same.
//!
//! Pure functions over the core's [`Report`]; they choose words and order,
//! never judge a certificate or a connection themselves.

use serde::Serialize;
use sqltls_core::diagnosis::{ActionKind, Diagnosis, Who};
use sqltls_core::report::{Answer, CertificateReport, Verdict};
use sqltls_core::{Report, Severity};

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
    let root = v
        .trust_root_name()
        .map(|n| format!("\"{n}\""))
        .unwrap_or_else(|| "its root".to_string());
    let clients = match v.clients_validate.answer {
        Answer::Yes => format!("validating clients accept it when they trust {root}"),
        Answer::Depends
            if v.clients_validate
                .because
                .iter()
                .any(|b| b.concerns_trust_root()) =>
        {
            format!("validating clients accept it only if they trust {root}")
        }
        Answer::Depends => "validating clients may accept it, depending on the client".to_string(),
        Answer::No => "validating clients reject it".to_string(),
    };
    format!("{server}; {sscm}; {clients}.")
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

/// The file a certificate came from (its first input), when known.
pub fn file_of(report: &Report, c: &CertificateReport) -> Option<String> {
    c.inputs
        .first()
        .and_then(|&i| report.inputs.get(i))
        .map(|i| i.name.clone())
}

/// What a certificate verdict is about: "via-issuing.pem · sql03.corp.example.com ·
/// SHA-1 93688CC9…" (file, name, thumbprint), so two verdicts never read the same.
pub fn certificate_label(report: &Report, c: &CertificateReport) -> String {
    let name = short_name(c);
    let tp = &c.details.thumbprint_sha1;
    match file_of(report, c) {
        Some(file) if file != name => format!("{file} · {name} · SHA-1 {tp}"),
        _ => format!("{name} · SHA-1 {tp}"),
    }
}

/// One certificate verdict as the page and the element show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertificateVerdict {
    /// Index into `report.certificates`.
    pub certificate: usize,
    /// The file it came from.
    pub file: Option<String>,
    /// Its CN (else its subject).
    pub name: String,
    /// SHA-1 thumbprint, upper-case hex.
    pub thumbprint: String,
    /// "file · name · SHA-1 …".
    pub label: String,
    /// `yes`, `depends` or `no`: the worst of the three answers.
    pub answer: &'static str,
    /// [`verdict_sentence`].
    pub sentence: String,
}

/// Every server certificate's verdict, in report order.
pub fn certificate_verdicts(report: &Report) -> Vec<CertificateVerdict> {
    report
        .certificates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let v = c.verdict.as_ref()?;
            Some(CertificateVerdict {
                certificate: i,
                file: file_of(report, c),
                name: short_name(c),
                thumbprint: c.details.thumbprint_sha1.clone(),
                label: certificate_label(report, c),
                answer: answer_name(overall(v)),
                sentence: verdict_sentence(v),
            })
        })
        .collect()
}

/// The inputs the report asks a password for (a locked or wrongly unlocked
/// .pfx), with whether the password given was wrong.
pub fn locked_inputs(report: &Report) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    for f in &report.findings {
        if !f.rule.prompts_password() {
            continue;
        }
        if let Some(i) = f.input {
            let wrong = f.rule == sqltls_core::Rule::InputPfxWrongPassword;
            match out.iter_mut().find(|(j, _)| *j == i) {
                Some(entry) => entry.1 |= wrong,
                None => out.push((i, wrong)),
            }
        }
    }
    out
}

/// One next step in the lead answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadAction {
    /// `fix`, `check` or `workaround`.
    pub kind: &'static str,
    /// Who does it: `client`, `server`, `ca`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<&'static str>,
    /// What to do.
    pub text: String,
    /// The remedy that does it (`certreq-inf`, `connection-fix#0`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<String>,
    /// The words before the step: "Fix, on the client", "Workaround, not a fix".
    pub label: String,
}

impl LeadAction {
    /// A step; its label follows from `kind` and `who`.
    pub fn new(
        kind: &'static str,
        who: Option<&'static str>,
        text: String,
        remedy: Option<String>,
    ) -> Self {
        let label = Self::label_for(kind, who);
        // "Workaround: in SSMS 20, tick …" under the label "Workaround, …":
        // the word is said once.
        let text = match text.split_once(": ") {
            Some((head, rest)) if label.starts_with(head) && !head.is_empty() => rest.to_string(),
            _ => text,
        };
        LeadAction {
            kind,
            who,
            text,
            remedy,
            label,
        }
    }

    /// The words before the step.
    pub fn label(&self) -> String {
        self.label.clone()
    }

    fn label_for(kind: &str, who: Option<&str>) -> String {
        let kind = match kind {
            "workaround" => "Workaround, not a fix",
            "check" => "Check",
            _ => "Fix",
        };
        match who {
            Some("client") => format!("{kind}, on the client"),
            Some("server") => format!("{kind}, on the server"),
            Some("ca") => format!("{kind}, at the CA"),
            _ => kind.to_string(),
        }
    }
}

/// The lead answer: the one thing to know first, then at most three next steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    /// `yes`, `depends` or `no`: the colour.
    pub tone: &'static str,
    /// One sentence.
    pub summary: String,
    /// What it is about (a file, a certificate's thumbprint, a connection), when one thing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// At most three steps, the first first; never a workaround first.
    pub actions: Vec<LeadAction>,
    /// Other answers, one sentence each (at most two).
    pub also: Vec<String>,
    /// The input whose password is needed first, when one is locked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked: Option<usize>,
    /// Where it comes from: `diagnosis` (the core's) or `findings` (built here
    /// from the verdicts and findings).
    pub source: &'static str,
}

/// At most this many steps in the lead.
pub const MAX_ACTIONS: usize = 3;

/// The lead answer of a report (`None` only for an empty report): the core's
/// first diagnosis, with the others as "also"; a report without a diagnosis
/// gets one built from its verdicts and findings.
pub fn lead(report: &Report) -> Option<Lead> {
    lead_from_diagnosis(report)
        .or_else(|| lead_from_findings(report))
        .map(|mut l| {
            order_actions(&mut l.actions);
            // "keysig.pfx is locked: …" needs no "keysig.pfx" under it.
            if l.about
                .as_ref()
                .is_some_and(|a| l.summary.contains(a.as_str()))
            {
                l.about = None;
            }
            l
        })
}

/// The JSON name of an action kind.
fn kind_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Fix => "fix",
        ActionKind::Workaround => "workaround",
        ActionKind::Check => "check",
    }
}

/// The JSON name of who acts.
fn who_name(who: Who) -> &'static str {
    match who {
        Who::Client => "client",
        Who::Server => "server",
        Who::Ca => "ca",
    }
}

/// What a diagnosis is about: the certificate, connection, file or error of
/// the first finding behind it.
fn diagnosis_about(report: &Report, d: &Diagnosis) -> Option<String> {
    let f = report
        .findings
        .iter()
        .filter(|f| d.because.contains(&f.rule))
        .min_by_key(|f| {
            // A certificate names the most; then a connection, a file, an error.
            if f.certificate.is_some() && f.connection.is_none() {
                0
            } else if f.connection.is_some() {
                1
            } else if f.input.is_some() {
                2
            } else {
                3
            }
        })?;
    if let (Some(c), None) = (f.certificate, f.connection) {
        if let Some(cert) = report.certificates.get(c) {
            return Some(certificate_label(report, cert));
        }
    }
    about_finding(report, f)
}

/// Tone of a diagnosis: the worst severity among the findings behind it.
fn diagnosis_tone(report: &Report, d: &Diagnosis) -> &'static str {
    let worst = report
        .findings
        .iter()
        .filter(|f| d.because.contains(&f.rule))
        .map(|f| f.severity)
        .min_by_key(|s| match s {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        });
    match worst {
        Some(Severity::Error) => "no",
        Some(Severity::Warning) => "depends",
        _ if d.actions.iter().any(|a| a.kind != ActionKind::Check) => "depends",
        _ if d.because.iter().any(|r| r.prompts_password()) => "depends",
        _ => "yes",
    }
}

/// The lead from the core's diagnosis.
fn lead_from_diagnosis(report: &Report) -> Option<Lead> {
    let d = report.diagnosis.first()?;
    let actions = d
        .actions
        .iter()
        .map(|a| {
            LeadAction::new(
                kind_name(a.kind),
                Some(who_name(a.who)),
                a.text.clone(),
                a.remedy.clone(),
            )
        })
        .collect();
    Some(Lead {
        tone: diagnosis_tone(report, d),
        summary: d.summary.clone(),
        about: diagnosis_about(report, d),
        actions,
        also: report
            .diagnosis
            .iter()
            .skip(1)
            .take(2)
            .map(|x| x.summary.clone())
            .collect(),
        locked: locked_inputs(report).first().map(|(i, _)| *i),
        source: "diagnosis",
    })
}

/// Keep the given order but never start with a workaround; keep [`MAX_ACTIONS`].
pub fn order_actions(actions: &mut Vec<LeadAction>) {
    if actions.first().is_some_and(|a| a.kind == "workaround") {
        if let Some(pos) = actions.iter().position(|a| a.kind != "workaround") {
            let first = actions.remove(pos);
            actions.insert(0, first);
        }
    }
    actions.truncate(MAX_ACTIONS);
}

/// The remedy ids the lead's steps point at, in step order: the fixes section
/// shows these first.
pub fn lead_remedies(lead: &Lead) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in lead.actions.iter().filter_map(|a| a.remedy.clone()) {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// What a lead candidate is about: its own findings give the first steps.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Subject {
    Input(usize),
    Certificate(usize),
    Connection(usize),
    Finding(usize),
    Nothing,
}

impl Subject {
    fn owns(self, k: usize, f: &sqltls_core::Finding) -> bool {
        match self {
            Subject::Input(i) => f.input == Some(i),
            Subject::Certificate(c) => f.certificate == Some(c) && f.connection.is_none(),
            Subject::Connection(c) => f.connection == Some(c),
            Subject::Finding(j) => j == k,
            Subject::Nothing => false,
        }
    }
}

/// The lead built from the verdicts and findings: the most pressing answer
/// (a locked .pfx, a certificate SQL Server will not load, a refused
/// connection, an error a client reported, then the verdicts), and the fixes
/// of its own findings first.
fn lead_from_findings(report: &Report) -> Option<Lead> {
    let empty = report.inputs.is_empty()
        && report.connections.is_empty()
        && report.evidence.is_empty()
        && report.findings.is_empty();
    if empty {
        return None;
    }
    let locked = locked_inputs(report);
    let locked_first = locked.first().copied();
    let verdicts = certificate_verdicts(report);
    let mut candidates: Vec<(&'static str, String, Option<String>, Subject)> = Vec::new();
    let mut push = |c: (&'static str, String, Option<String>, Subject)| {
        if !candidates.iter().any(|x| x.1 == c.1) {
            candidates.push(c);
        }
    };

    if let Some((i, wrong)) = locked_first {
        let name = report
            .inputs
            .get(i)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let summary = if wrong {
            format!("{name} is locked and this password does not open it: enter its password.")
        } else {
            format!("{name} is locked: enter its password to check the certificate inside.")
        };
        push(("depends", summary, Some(name), Subject::Input(i)));
    }
    // A certificate SQL Server will not load comes first: nothing else works before it.
    for v in &verdicts {
        let loads = report.certificates[v.certificate]
            .verdict
            .as_ref()
            .map(|x| x.server_loads.answer);
        if loads == Some(Answer::No) {
            push((
                "no",
                v.sentence.clone(),
                Some(v.label.clone()),
                Subject::Certificate(v.certificate),
            ));
        }
    }
    for (i, c) in report.connections.iter().enumerate() {
        if c.verdict.answer == Answer::No {
            push((
                "no",
                c.verdict.summary.clone(),
                Some(format!("connection #{}", i + 1)),
                Subject::Connection(i),
            ));
        }
    }
    // An error a client or the server reported (a pasted error, an ERRORLOG).
    for (k, f) in report.findings.iter().enumerate() {
        if f.severity == Severity::Error && f.evidence.is_some() && !f.rule.prompts_password() {
            push((
                "no",
                format!("{}.", f.title),
                about_finding(report, f),
                Subject::Finding(k),
            ));
        }
    }
    for v in &verdicts {
        push((
            v.answer,
            v.sentence.clone(),
            Some(v.label.clone()),
            Subject::Certificate(v.certificate),
        ));
    }
    for (i, c) in report.connections.iter().enumerate() {
        push((
            answer_name(c.verdict.answer),
            c.verdict.summary.clone(),
            Some(format!("connection #{}", i + 1)),
            Subject::Connection(i),
        ));
    }
    for (k, f) in report.findings.iter().enumerate() {
        if f.severity == Severity::Error && !f.rule.prompts_password() {
            push((
                "no",
                format!("{}.", f.title),
                about_finding(report, f),
                Subject::Finding(k),
            ));
        }
    }
    if candidates.is_empty() {
        let warning = report
            .findings
            .iter()
            .enumerate()
            .find(|(_, f)| f.severity == Severity::Warning);
        candidates.push(match warning {
            Some((k, f)) => (
                "depends",
                format!("{}.", f.title),
                about_finding(report, f),
                Subject::Finding(k),
            ),
            None => (
                "yes",
                "Nothing here stops SQL Server or its clients from using TLS.".to_string(),
                None,
                Subject::Nothing,
            ),
        });
    }
    let mut candidates = candidates.into_iter();
    let (tone, summary, about, subject) = candidates.next()?;
    let also: Vec<String> = candidates.map(|c| c.1).take(2).collect();

    // Steps: the headline's own findings first, then the other errors and warnings.
    let mut actions: Vec<LeadAction> = Vec::new();
    if locked_first.is_none() {
        let pressing =
            |f: &sqltls_core::Finding| matches!(f.severity, Severity::Error | Severity::Warning);
        let own = report
            .findings
            .iter()
            .enumerate()
            .filter(|(k, f)| pressing(f) && subject.owns(*k, f));
        let rest = report
            .findings
            .iter()
            .enumerate()
            .filter(|(k, f)| pressing(f) && !subject.owns(*k, f));
        for (_, f) in own.chain(rest) {
            let duplicate = actions
                .iter()
                .any(|a| a.text == f.fix || (f.remedy.is_some() && a.remedy == f.remedy));
            if duplicate {
                continue;
            }
            actions.push(LeadAction::new(
                "fix",
                None,
                f.fix.to_string(),
                f.remedy.clone(),
            ));
            if actions.len() == MAX_ACTIONS {
                break;
            }
        }
    }
    Some(Lead {
        tone,
        summary,
        about,
        actions,
        also,
        locked: locked_first.map(|(i, _)| i),
        source: "findings",
    })
}

/// What a finding is about, for people: a file, "connection #1", "error #1".
pub fn about_finding(report: &Report, f: &sqltls_core::Finding) -> Option<String> {
    if let Some(c) = f.connection {
        return Some(format!("connection #{}", c + 1));
    }
    if let Some(e) = f.evidence.and_then(|e| report.evidence.get(e)) {
        return Some(e.name.clone());
    }
    f.input
        .and_then(|i| report.inputs.get(i))
        .map(|i| i.name.clone())
}

/// The lead and every certificate verdict: what the element shows.
#[allow(dead_code)] // used by crates/wasm, which compiles this file too
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Words {
    /// The lead answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<Lead>,
    /// Certificate verdicts.
    pub verdicts: Vec<CertificateVerdict>,
    /// Inputs waiting for a password: `[index, wrong]`.
    pub locked: Vec<(usize, bool)>,
}

/// [`Words`] for a report.
#[allow(dead_code)] // used by crates/wasm
pub fn words(report: &Report) -> Words {
    Words {
        lead: lead(report),
        verdicts: certificate_verdicts(report),
        locked: locked_inputs(report),
    }
}
