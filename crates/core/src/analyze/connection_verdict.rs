//! The verdict for one connection string: will its clients get an encrypted
//! connection to the right server? Built from the connection's outcome, its
//! `match.*` findings and the verdicts of the server certificates dropped
//! alongside; computed once here, shown by the CLI, the JSON, the page and the
//! widget.

use super::results::CertificateReport;
use crate::catalogue::Rule;
use crate::connstr::describe::outcome_client;
use crate::connstr::{ConnectionReport, Encryption};
use crate::finding::Finding;
use crate::verdict::{Answer, ConnectionVerdict, Verdict};

/// Judge connection `conn` against the report's certificates. The
/// connection's findings must already carry report certificate indices.
pub(crate) fn judge(
    conn: &ConnectionReport,
    certificates: &[CertificateReport],
    findings: &[Finding],
) -> ConnectionVerdict {
    let o = &conn.outcome;
    let who = format!("Clients using {}", outcome_client(o));
    let raised = |rules: &[Rule]| -> Vec<Rule> {
        let mut found: Vec<Rule> = Vec::new();
        for f in &conn.findings {
            if rules.contains(&f.rule) && !found.contains(&f.rule) {
                found.push(f.rule);
            }
        }
        found
    };
    let note = o
        .note
        .as_deref()
        .map(|n| n.trim().trim_end_matches('.'))
        .filter(|n| !n.is_empty());
    match o.encryption {
        Encryption::Fails => {
            let summary = match note {
                Some(n) => format!("{who} cannot connect with this string: {n}."),
                None => format!("{who} cannot connect with this string."),
            };
            let because = raised(&[
                Rule::ConnInvalidValue,
                Rule::ConnEncryptDisabled,
                Rule::ConnSyntaxError,
            ]);
            return ConnectionVerdict::new(Answer::No, because, summary);
        }
        Encryption::None => {
            return ConnectionVerdict::new(
                Answer::No,
                raised(&[Rule::ConnEncryptDisabled, Rule::ConnLocaldbUnencrypted]),
                format!("{who} connect without encryption: the login and all data cross the network in clear."),
            )
        }
        Encryption::LoginOnly if o.certificate_validated => {
            let name = o
                .validated_name
                .as_deref()
                .map(|n| format!(" against the name {n}"))
                .unwrap_or_default();
            let mut because = raised(&[Rule::ConnEncryptDisabled]);
            let refusals = login_refusals(conn, certificates, &mut because);
            let mut summary = format!("{who} encrypt only the login: queries and results cross the network in clear. They still validate the certificate{name} for the login, so a certificate they cannot validate makes the connection fail");
            if refusals.is_empty() {
                summary.push('.');
            } else {
                summary.push_str(&format!(
                    ", and they will refuse this server: {}.",
                    join_and(&refusals)
                ));
            }
            return ConnectionVerdict::new(Answer::No, because, summary);
        }
        Encryption::LoginOnly => {
            return ConnectionVerdict::new(
                Answer::No,
                raised(&[Rule::ConnEncryptDisabled]),
                format!("{who} encrypt only the login: queries and results cross the network in clear."),
            )
        }
        Encryption::Full | Encryption::Strict => {}
    }
    if o.pinned {
        return ConnectionVerdict::new(
            Answer::Yes,
            Vec::new(),
            format!("{who} encrypt the connection and accept only the pinned certificate."),
        );
    }
    if !o.certificate_validated {
        return ConnectionVerdict::new(
            Answer::Depends,
            raised(&[
                Rule::ConnTrustServerCertificate,
                Rule::ConnCertificateNotValidated,
            ]),
            format!("{who} encrypt the connection but accept any certificate: nothing proves the server is the right one."),
        );
    }
    let name = o
        .validated_name
        .clone()
        .or_else(|| conn.server.host.clone())
        .unwrap_or_else(|| "of the server".into());
    let servers: Vec<(usize, &CertificateReport, &Verdict)> = certificates
        .iter()
        .enumerate()
        .filter_map(|(i, cert)| cert.verdict.as_ref().map(|v| (i, cert, v)))
        .collect();
    let proven = super::proven::refusals(findings);
    if servers.is_empty() && !proven.is_empty() {
        let reasons: Vec<String> = proven.iter().map(|&r| refusal(r)).collect();
        return ConnectionVerdict::new(
            Answer::No,
            proven,
            format!(
                "{who} refuse this server, as the pasted error shows: {}.",
                join_and(&reasons)
            ),
        );
    }
    if servers.is_empty() {
        return ConnectionVerdict::new(
            Answer::Depends,
            Vec::new(),
            format!("{who} encrypt the connection and accept the server only if its certificate carries the name {name} and is trusted: add the server certificate here to check it."),
        );
    }
    // The certificate with the fewest reasons for refusal decides.
    let judged = servers
        .iter()
        .map(|&(i, cert, v)| {
            let mut because: Vec<Rule> = Vec::new();
            let mut reasons: Vec<String> = Vec::new();
            let (refused_by, mismatch) = refusals(conn, i, v);
            for &rule in refused_by {
                because.push(rule);
                reasons.push(refusal(rule));
            }
            if mismatch {
                because.push(Rule::MatchHostNameMismatch);
                reasons.push(format!("the name {name} is not in it"));
            }
            (because, reasons, cert, v)
        })
        .min_by_key(|(because, _, _, _)| because.len());
    let Some((because, reasons, cert, v)) = judged else {
        return ConnectionVerdict::default();
    };
    let which = if servers.len() > 1 {
        format!(" with certificate {}", short_name(cert))
    } else {
        String::new()
    };
    let root = v.trust_root.as_deref().unwrap_or("its root");
    let on_root = depends_on_root(v);
    if !because.is_empty() {
        let mut s = format!(
            "{who} will refuse this server{which}: {}",
            join_and(&reasons)
        );
        if on_root {
            s.push_str(&format!("; they must also trust {root}"));
        }
        s.push('.');
        return ConnectionVerdict::new(Answer::No, because, s);
    }
    if on_root {
        return ConnectionVerdict::new(
            Answer::Depends,
            v.clients_validate.because.clone(),
            format!("{who} will accept this server{which} only if they trust {root}: the certificate carries the name {name}."),
        );
    }
    if v.clients_validate.answer == Answer::Depends {
        let ids: Vec<&str> = v.clients_validate.because.iter().map(|r| r.id()).collect();
        return ConnectionVerdict::new(
            Answer::Depends,
            v.clients_validate.because.clone(),
            format!(
                "{who} may accept this server{which}, depending on the client ({}); the certificate carries the name {name}.",
                ids.join(", ")
            ),
        );
    }
    ConnectionVerdict::new(
        Answer::Yes,
        Vec::new(),
        format!("{who} will accept this server{which}: the certificate is valid and carries the name {name}."),
    )
}

/// Why validating clients refuse certificate `i` (verdict `v`) on `conn`: the
/// certificate's own refusals, and whether its names miss the connection's host.
fn refusals<'a>(conn: &ConnectionReport, i: usize, v: &'a Verdict) -> (&'a [Rule], bool) {
    let own: &[Rule] = if v.clients_validate.answer == Answer::No {
        &v.clients_validate.because
    } else {
        &[]
    };
    let mismatch = conn
        .findings
        .iter()
        .any(|f| f.rule == Rule::MatchHostNameMismatch && f.certificate == Some(i));
    (own, mismatch)
}

/// Why clients whose login-only handshake validates the certificate refuse
/// the server certificates dropped alongside (every one must fail for the
/// connection to fail); the rules are added to `because`.
fn login_refusals(
    conn: &ConnectionReport,
    certificates: &[CertificateReport],
    because: &mut Vec<Rule>,
) -> Vec<String> {
    let mut reasons: Vec<String> = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let mut judged = 0;
    for (i, cert) in certificates.iter().enumerate() {
        let Some(v) = cert.verdict.as_ref() else {
            continue;
        };
        judged += 1;
        let mut refused = false;
        let (refused_by, mismatch) = refusals(conn, i, v);
        for &rule in refused_by {
            refused = true;
            if !rules.contains(&rule) {
                rules.push(rule);
                reasons.push(refusal(rule));
            }
        }
        if mismatch {
            refused = true;
            if !rules.contains(&Rule::MatchHostNameMismatch) {
                rules.push(Rule::MatchHostNameMismatch);
                reasons.push("the name is not in the certificate".to_string());
            }
        }
        if !refused {
            return Vec::new();
        }
    }
    if judged == 0 {
        return Vec::new();
    }
    for r in rules {
        if !because.contains(&r) {
            because.push(r);
        }
    }
    reasons
}

/// Why a validating client refuses a certificate, for a rule that answered
/// "no" to "validating clients accept it".
fn refusal(rule: Rule) -> String {
    let meta = rule.meta();
    match meta.refusal {
        Some(clause) => clause.to_string(),
        None => format!("{} ({})", meta.title.to_lowercase(), meta.id),
    }
}

/// Is a "depends" answer about which root the client trusts?
fn depends_on_root(v: &Verdict) -> bool {
    v.clients_validate.answer == Answer::Depends
        && v.clients_validate
            .because
            .iter()
            .any(|r| r.meta().concerns_trust_root)
}

/// A certificate's short name: its CN, else its subject.
fn short_name(c: &CertificateReport) -> String {
    c.details
        .common_name
        .clone()
        .unwrap_or_else(|| c.details.subject.clone())
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
