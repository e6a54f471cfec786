//! Text for people: the diagnosis first (what is wrong, the next step), then
//! one block per input, its certificates with the three verdicts, then its
//! findings, errors first, each with its fix.

use sqltls_core::connstr::describe::describe;
use sqltls_core::connstr::{ConnectionReport, Generation};
use sqltls_core::diagnosis::ActionKind;
use sqltls_core::remedy::Remedies;
use sqltls_core::report::EvidenceEntry;
use sqltls_core::report::{Answer, VerdictAnswer};
use sqltls_core::{Finding, Report, Severity};
use std::fmt::Write;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "36",
        };
        self.paint(code, &format!("{:<7}", s.as_str()))
    }

    fn answer_word(&self, answer: Answer) -> String {
        let (code, word) = match answer {
            Answer::Yes => ("32", "yes"),
            Answer::No => ("1;31", "NO"),
            Answer::Depends => ("33", "depends"),
        };
        self.paint(code, word)
    }

    fn answer(&self, a: &VerdictAnswer) -> String {
        let mut s = self.answer_word(a.answer);
        if !a.because.is_empty() {
            let ids: Vec<&str> = a.because.iter().map(|r| r.id()).collect();
            let _ = write!(s, " ({})", ids.join(", "));
        }
        s
    }
}

/// Render the report as text; `color` adds ANSI colours.
pub fn render(report: &Report, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    // Group once, then render: findings and evidence per input, connection
    // and evidence entry.
    let groups = report.finding_groups();
    let mut input_evidence: Vec<Vec<&EvidenceEntry>> = vec![Vec::new(); report.inputs.len()];
    for e in &report.evidence {
        visit();
        if let Some(list) = e.input.and_then(|i| input_evidence.get_mut(i)) {
            list.push(e);
        }
    }
    let findings = |list: Option<&Vec<usize>>| -> Vec<&Finding> {
        list.into_iter()
            .flatten()
            .filter_map(|&k| {
                visit();
                report.findings.get(k)
            })
            .collect()
    };
    render_diagnosis(&mut out, &st, report);
    for (i, input) in report.inputs.iter().enumerate() {
        let n = input.certificates.len();
        let _ = writeln!(
            out,
            "{}  ({:?}, {} bytes, {} certificate{})",
            st.paint("1", &input.name),
            input.format,
            input.size,
            n,
            if n == 1 { "" } else { "s" }
        );
        if !input.protection.is_empty() {
            let _ = writeln!(out, "  protected with: {}", input.protection.join("; "));
        }
        for key in &input.keys {
            let _ = writeln!(
                out,
                "  private key: provider {} ({}), KeySpec {}{}",
                key.provider.as_deref().unwrap_or("not recorded"),
                key.provider_kind,
                key.key_spec.as_deref().unwrap_or("not recorded"),
                match key.certificate {
                    Some(c) => format!(", belongs to certificate #{c}"),
                    None => ", matches no certificate in the file".to_string(),
                }
            );
        }
        for &c in &input.certificates {
            let Some(cert) = report.certificates.get(c) else {
                continue;
            };
            let d = &cert.details;
            let role = if cert.server_certificate {
                "server certificate".to_string()
            } else {
                format!("{:?}", cert.role).to_lowercase()
            };
            let _ = writeln!(out, "  #{c} {}  [{role}]", d.subject);
            let _ = writeln!(out, "     issuer      {}", d.issuer);
            let _ = writeln!(
                out,
                "     valid       {} -> {}",
                d.validity.not_before, d.validity.not_after
            );
            // A certificate known only from a store listing has no key
            // details unless the listing was verbose.
            let key = match &d.public_key.curve {
                Some(curve) => format!("{:?} {curve}", d.public_key.key_type),
                None if d.public_key.bits == 0 => "not shown".to_string(),
                None => format!("{:?} {} bits", d.public_key.key_type, d.public_key.bits),
            };
            if key == "not shown" && d.signature_algorithm.name == "not shown" {
                let _ = writeln!(out, "     key         not shown in the listing");
            } else {
                let _ = writeln!(
                    out,
                    "     key         {key}, signed {}",
                    d.signature_algorithm.name
                );
            }
            if !d.san_dns.is_empty() || !d.san_ip.is_empty() {
                let names: Vec<&str> = d
                    .san_dns
                    .iter()
                    .chain(d.san_ip.iter())
                    .map(String::as_str)
                    .collect();
                let _ = writeln!(out, "     SAN         {}", names.join(", "));
            }
            if let Some(eku) = &d.extended_key_usage {
                let _ = writeln!(out, "     EKU         {}", eku.join(", "));
            }
            let _ = writeln!(out, "     thumbprint  {} (SHA-1)", d.thumbprint_sha1);
            if !d.fingerprint_sha256.is_empty() {
                let _ = writeln!(out, "     sha-256     {}", d.fingerprint_sha256);
            }
            if let Some(v) = &cert.verdict {
                let _ = writeln!(
                    out,
                    "     Configuration Manager lists it: {}",
                    st.answer(&v.sscm_lists)
                );
                let _ = writeln!(
                    out,
                    "     SQL Server loads it:            {}",
                    st.answer(&v.server_loads)
                );
                let _ = writeln!(
                    out,
                    "     Validating clients accept it:   {}",
                    st.answer(&v.clients_validate)
                );
                if let (Some(root), Some(name)) = (&v.trust_root, v.trust_root_name()) {
                    let _ = writeln!(
                        out,
                        "     Clients must trust:             \"{name}\" ({root})"
                    );
                }
            }
        }
        for e in input_evidence.get(i).into_iter().flatten() {
            render_facts(&mut out, e);
        }
        for f in findings(groups.inputs.get(i)) {
            render_finding(&mut out, &st, f);
        }
        out.push('\n');
    }
    for (i, conn) in report.connections.iter().enumerate() {
        render_connection(&mut out, &st, &findings(groups.connections.get(i)), i, conn);
    }
    for (k, e) in report
        .evidence
        .iter()
        .enumerate()
        .filter(|(_, e)| e.input.is_none())
    {
        let _ = writeln!(out, "{}", st.paint("1", &e.name));
        render_facts(&mut out, e);
        for f in findings(groups.evidence.get(k)) {
            render_finding(&mut out, &st, f);
        }
        out.push('\n');
    }
    if let Some(remedies) = &report.remedies {
        render_remedies(&mut out, &st, remedies);
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s), {} info — evaluated at {}{}",
        s.errors,
        s.warnings,
        s.infos,
        report.evaluated_at,
        report
            .server_version
            .map(|v| format!(" for SQL Server {v}"))
            .unwrap_or_default()
    );
    out
}

#[cfg(test)]
thread_local! {
    /// Findings and evidence entries looked at by [`render`] on this thread.
    static VISITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn visit() {
    #[cfg(test)]
    VISITS.with(|v| v.set(v.get() + 1));
}

fn render_finding(out: &mut String, st: &Style, f: &Finding) {
    let _ = writeln!(
        out,
        "  {} {}  {}",
        st.severity(f.severity),
        st.paint("2", f.id),
        f.title
    );
    let _ = writeln!(out, "          {}", f.message);
    if let Some(v) = &f.versions {
        let _ = writeln!(out, "          versions: {v}");
    }
    if f.severity != Severity::Info {
        let _ = writeln!(out, "          fix: {}", f.fix);
    }
    if let Some(r) = &f.remedy {
        let _ = writeln!(out, "          remedy: [{r}] below");
    }
}

fn render_connection(
    out: &mut String,
    st: &Style,
    findings: &[&Finding],
    index: usize,
    conn: &ConnectionReport,
) {
    let version = conn
        .driver_version
        .as_deref()
        .map(|v| format!("@{v}"))
        .unwrap_or_default();
    let inferred = if conn.driver_inferred {
        ", inferred from the string"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{}  ({}, driver {}{version}{inferred})",
        st.paint("1", &format!("connection #{index}")),
        conn.dialect.label(),
        conn.driver
    );
    let verdict = &conn.verdict;
    let _ = writeln!(
        out,
        "  verdict     {}  {}",
        st.answer_word(verdict.answer),
        verdict.summary
    );
    if !verdict.because.is_empty() {
        let ids: Vec<&str> = verdict.because.iter().map(|r| r.id()).collect();
        let _ = writeln!(out, "              because {}", ids.join(", "));
    }
    let _ = writeln!(out, "  {}", conn.redacted);
    let server = &conn.server;
    let _ = writeln!(
        out,
        "  server      {}{}{}{}",
        server.host.as_deref().unwrap_or("?"),
        server
            .instance
            .as_deref()
            .map(|i| format!("\\{i}"))
            .unwrap_or_default(),
        server
            .port
            .map(|p| format!(", port {p}"))
            .unwrap_or_default(),
        server
            .protocol
            .as_deref()
            .map(|p| format!(", protocol {p}"))
            .unwrap_or_default()
    );
    let o = &conn.outcome;
    let _ = writeln!(
        out,
        "  outcome     {} {} with server ForceEncryption={}: {}",
        o.driver,
        o.version.label(),
        if o.server_force_encryption {
            "yes"
        } else {
            "no"
        },
        st.paint("1", &describe(o))
    );
    if let Some(name) = &o.validated_name {
        let _ = writeln!(
            out,
            "              the certificate must carry the name '{name}'"
        );
    }
    if let Some(note) = &o.note {
        let _ = writeln!(out, "              {note}");
    }
    let mut versions: Vec<Generation> = Vec::new();
    for row in &conn.outcomes {
        if !versions.contains(&row.version) {
            versions.push(row.version);
        }
    }
    let rows: Vec<(&str, String, String)> = versions
        .iter()
        .map(|&v| {
            let cell = |force: bool| {
                conn.outcomes
                    .iter()
                    .find(|r| r.version == v && r.server_force_encryption == force)
                    .map(describe)
                    .unwrap_or_default()
            };
            (v.label(), cell(false), cell(true))
        })
        .collect();
    if !conn.outcome.verified_with.is_empty() {
        let _ = writeln!(
            out,
            "  tested      observed with {} (docs/drivers.md)",
            conn.outcome.verified_with.join(", ")
        );
    }
    // Columns as wide as their widest cell, two spaces apart.
    let (first, second) = ("generation", "ForceEncryption=no");
    let width = |header: &str, cell: &dyn Fn(&(&str, String, String)) -> usize| {
        rows.iter()
            .map(cell)
            .chain([header.len()])
            .max()
            .unwrap_or(0)
            + 2
    };
    let w1 = width(first, &|r| r.0.chars().count());
    let w2 = width(second, &|r| r.1.chars().count());
    let _ = writeln!(out, "  {first:<w1$}{second:<w2$}ForceEncryption=yes");
    for (label, no, yes) in &rows {
        let _ = writeln!(out, "  {label:<w1$}{no:<w2$}{yes}");
    }
    for f in findings {
        render_finding(out, st, f);
    }
    out.push('\n');
}

fn render_facts(out: &mut String, e: &EvidenceEntry) {
    let f = &e.facts;
    let mut parts = vec![format!("{:?}", e.kind)];
    if let Some(line) = &f.version_line {
        parts.push(line.clone());
    } else if let Some(v) = f.version {
        parts.push(format!("SQL Server {v}"));
    }
    if let Some(force) = f.force_encryption {
        parts.push(format!(
            "ForceEncryption={}",
            if force { "yes" } else { "no" }
        ));
    }
    if let Some(t) = &f.configured_thumbprint {
        parts.push(format!("configured thumbprint {t}"));
    }
    for t in &f.loaded_thumbprints {
        parts.push(format!("loaded {t}"));
    }
    let _ = writeln!(out, "  evidence    {}", parts.join("; "));
}

/// The diagnosis block the output opens with: each diagnosis's summary and
/// its actions, the first one marked as the next step.
fn render_diagnosis(out: &mut String, st: &Style, report: &Report) {
    if report.diagnosis.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", st.paint("1", "Diagnosis"));
    if let (Some(client), Some(source)) = (report.client, report.client_source) {
        let how = if source == "error" {
            "named by the pasted error"
        } else {
            "as chosen"
        };
        let _ = writeln!(out, "  client: {} ({how})", client.label());
    }
    for (n, d) in report.diagnosis.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, st.paint("1", &d.summary));
        for (k, a) in d.actions.iter().enumerate() {
            let label = match (n, k, a.kind) {
                (0, 0, _) => st.paint("1;32", "next step"),
                (_, _, ActionKind::Fix) => "fix".to_string(),
                (_, _, ActionKind::Workaround) => st.paint("33", "workaround"),
                (_, _, ActionKind::Check) => "check".to_string(),
            };
            let remedy = a
                .remedy
                .as_deref()
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default();
            let text = a.text.strip_prefix("Workaround: ").unwrap_or(&a.text);
            let _ = writeln!(out, "     {label}: {text}{remedy}");
        }
        if !d.because.is_empty() {
            let ids: Vec<&str> = d.because.iter().map(|r| r.id()).collect();
            let _ = writeln!(out, "     because {}", ids.join(", "));
        }
    }
    out.push('\n');
}

/// The pasteable remedies: artifacts that fix a finding, and corrected strings.
fn render_remedies(out: &mut String, st: &Style, remedies: &Remedies) {
    let artifacts: Vec<_> = remedies
        .artifacts
        .iter()
        .filter(|a| !a.fixes.is_empty())
        .collect();
    let fixes: Vec<_> = remedies
        .connections
        .iter()
        .filter(|c| !c.changes.is_empty())
        .collect();
    if artifacts.is_empty() && fixes.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", st.paint("1", "Remedies"));
    if !remedies.names.is_empty() {
        let _ = writeln!(
            out,
            "  names the certificate must carry: {}",
            remedies.names.join(", ")
        );
    }
    for a in artifacts {
        let _ = writeln!(
            out,
            "  [{}] {} (fixes {})",
            a.id,
            a.title,
            a.fixes
                .iter()
                .map(|r| r.id())
                .collect::<Vec<_>>()
                .join(", ")
        );
        for line in a.content.lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    for c in fixes {
        let _ = writeln!(
            out,
            "  [connection-fix#{}] corrected connection string",
            c.connection
        );
        let _ = writeln!(out, "    {} {}", st.paint("31", "-"), c.original);
        let _ = writeln!(out, "    {} {}", st.paint("32", "+"), c.corrected);
        for ch in &c.changes {
            let value = match (&ch.from, &ch.to) {
                (Some(f), Some(t)) => format!("{f} -> {t}"),
                (None, Some(t)) => t.clone(),
                (Some(f), None) => f.clone(),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                out,
                "      {} {} {value}: {}",
                ch.action, ch.keyword, ch.why
            );
        }
        if let Some(strict) = &c.strict {
            let _ = writeln!(out, "    strict (SQL Server 2022+): {strict}");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqltls_core::{analyze, AnalysisRequest};

    fn report(n: usize) -> Report {
        analyze(&AnalysisRequest {
            connections: (0..n)
                .map(|i| format!("Server=tcp:sql{i}.corp.example.com;Encrypt=True;TrustServerCertificate=True"))
                .collect(),
            errors: vec!["error 0x80090325".to_string()],
            ..AnalysisRequest::default()
        })
    }

    #[test]
    fn each_connection_block_holds_its_own_findings() {
        let r = report(3);
        let out = render(&r, false);
        for (i, conn) in r.connections.iter().enumerate() {
            let start = out.find(&format!("connection #{i}  ")).expect("block");
            let block = &out[start..];
            let block = &block[..block.find("\n\n").unwrap_or(block.len())];
            let ids: Vec<&str> = r
                .findings
                .iter()
                .filter(|f| f.connection == Some(i))
                .map(|f| f.id)
                .collect();
            assert!(!ids.is_empty());
            for id in ids {
                assert!(
                    block.contains(id),
                    "connection #{i} lacks {id}: {}",
                    conn.redacted
                );
            }
        }
        assert!(out.contains("error #1\n"));
    }

    #[test]
    fn rendering_looks_at_each_finding_once() {
        let mut work = Vec::new();
        for n in [1_000, 2_000, 4_000] {
            let r = report(n);
            VISITS.with(|v| v.set(0));
            let _ = render(&r, false);
            let visits = VISITS.with(std::cell::Cell::get);
            // Every finding belongs to at most one connection or evidence entry
            // here: rendering looks at each once, and at each evidence entry once.
            assert_eq!(visits, r.findings.len() + r.evidence.len());
            work.push(visits);
        }
        assert!(work[1] >= 2 * work[0] - 2 && work[1] <= 2 * work[0] + 2);
        assert!(work[2] >= 2 * work[1] - 2 && work[2] <= 2 * work[1] + 2);
    }
}
