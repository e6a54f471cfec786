//! The diagnosis: what is wrong and the one next step, computed from
//! everything given together (certificates, connection strings, pasted errors,
//! server evidence), most important first.
//!
//! Each [`Diagnosis`] names the findings behind it (`because`, all present in
//! the report) and lists actions: the recommended permanent fix first; a
//! workaround (TrustServerCertificate, SSMS's "Trust server certificate",
//! `Encrypt=Optional`) never first, and always saying what it gives up. An
//! action points at the pasteable remedy that carries it out, when there is
//! one. The advice is phrased for the program the person uses ([`voice`]).

mod voice;

use crate::analyze::results::{Analysis, CertificateReport};
use crate::catalogue::{Diag, Rule, Severity, Side};
use crate::clients::Symptom;
use crate::connstr::Encryption;
use crate::evidence::store_dump::{KeyState, ProviderKind, StoreCert, StoreLocation};
use crate::input::pkcs12::KeySpec;
use crate::remedy::trust::{display_name, target};
use crate::remedy::{remedy_for, Remedies};
use crate::verdict::Answer;
use serde::{Deserialize, Serialize};
use voice::Voice;

/// What kind of step an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    /// A permanent fix.
    Fix,
    /// Makes the symptom go away at a cost the text names.
    Workaround,
    /// Something to look at or confirm.
    Check,
}

/// Who carries an action out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Who {
    /// Whoever runs the client (its computer, its connection string).
    Client,
    /// The SQL Server administrator.
    Server,
    /// Whoever runs the certificate authority.
    Ca,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosisAction {
    /// fix / workaround / check.
    pub kind: ActionKind,
    /// client / server / ca.
    pub who: Who,
    /// The step, in plain words.
    pub text: String,
    /// The remedy that carries it out: an artifact id or `connection-fix#N`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub remedy: Option<String>,
}

/// One diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// Stable id, `diag.*` (see the catalogue).
    pub id: Diag,
    /// The answer in one sentence.
    pub summary: String,
    /// The findings that establish it (all present in the report).
    pub because: Vec<Rule>,
    /// What to do, the recommended permanent fix first.
    pub actions: Vec<DiagnosisAction>,
}

/// Everything [`diagnose`] reads.
struct Ctx<'a> {
    report: &'a Analysis,
    remedies: &'a Remedies,
    voice: Voice,
}

impl Ctx<'_> {
    fn has(&self, rule: Rule) -> bool {
        self.report.findings.iter().any(|f| f.rule == rule)
    }

    fn present(&self, rules: &[Rule]) -> Vec<Rule> {
        rules.iter().copied().filter(|&r| self.has(r)).collect()
    }

    /// The remedy for `rule`, when one was built.
    fn remedy(&self, rule: Rule, connection: Option<usize>) -> Option<String> {
        remedy_for(self.remedies, rule, connection)
    }

    fn artifact(&self, id: &str) -> Option<String> {
        self.remedies
            .artifacts
            .iter()
            .any(|a| a.id == id)
            .then(|| id.to_string())
    }

    /// The client's "trust the server certificate" switch, as a workaround.
    fn workaround(&self) -> Option<DiagnosisAction> {
        self.voice
            .trust_workaround()
            .map(|t| action(ActionKind::Workaround, Who::Client, t, None))
    }

    /// The first server certificate's short name.
    fn server_name(&self) -> Option<String> {
        self.report
            .certificates
            .iter()
            .find(|c| c.server_certificate)
            .map(short_name)
    }
}

fn short_name(c: &CertificateReport) -> String {
    c.details
        .san_dns
        .first()
        .cloned()
        .or_else(|| c.details.common_name.clone())
        .unwrap_or_else(|| c.details.subject.clone())
}

/// A title inside a sentence: its first letter in lower case, unless the
/// first word is an acronym ("SAN", "CN").
fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => {
            format!("{}{}", a.to_lowercase(), &title[a.len_utf8()..])
        }
        _ => title.to_string(),
    }
}

fn action(
    kind: ActionKind,
    who: Who,
    text: impl Into<String>,
    remedy: Option<String>,
) -> DiagnosisAction {
    DiagnosisAction {
        kind,
        who,
        text: text.into(),
        remedy,
    }
}

/// Diagnose `report` with its `remedies`, for a person who reports `symptoms`.
/// Most important first; empty when nothing was given.
pub fn diagnose(report: &Analysis, remedies: &Remedies, symptoms: &[Symptom]) -> Vec<Diagnosis> {
    let ctx = Ctx {
        report,
        remedies,
        voice: Voice::of(report),
    };
    let mut out: Vec<Diagnosis> = Vec::new();
    out.extend(untrusted_root(&ctx));
    out.extend(name_mismatch(&ctx));
    out.extend(expired(&ctx));
    out.extend(server_will_not_load(&ctx));
    out.extend(pfx_locked(&ctx));
    out.extend(not_listed(&ctx));
    out.extend(connections(&ctx));
    out.extend(not_sql_server(&ctx));
    out.extend(errors_by_side(&ctx));
    out.extend(unreadable(&ctx));
    out.extend(others(&ctx, &out));
    if out.is_empty() {
        out.extend(certificate_ok(&ctx, symptoms));
    }
    if symptoms.contains(&Symptom::NotListed)
        && !out.iter().any(|d| {
            matches!(
                d.id,
                Diag::NotListed | Diag::ServerWillNotLoad | Diag::NotListedChecklist
            )
        })
    {
        out.push(not_listed_checklist(&ctx));
    }
    out
}

/// The client does not trust the issuer: proven by an error, or certain for
/// a validating client given a self-signed or self-generated certificate.
fn untrusted_root(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let proven = ctx.present(&[Rule::ErrorUntrustedRoot]);
    let refused_self_signed = ctx.report.connections.iter().any(|c| {
        c.verdict.answer == Answer::No
            && c.verdict
                .because
                .iter()
                .any(|r| matches!(r, Rule::CertSelfSigned | Rule::CertSelfGeneratedFallback))
    });
    let self_signed =
        target(ctx.report).is_some_and(|t| t.self_signed_leaf) && ctx.has(Rule::CertSelfSigned);
    if proven.is_empty() && !refused_self_signed && !self_signed {
        return None;
    }
    let certain = !proven.is_empty() || refused_self_signed;
    let mut because = proven;
    because.extend(ctx.present(&[
        Rule::CertSelfGeneratedFallback,
        Rule::ServerSelfGeneratedCert,
        Rule::CertSelfSigned,
        Rule::CertChainIncomplete,
        Rule::CertChainRootRequired,
    ]));
    let who = &ctx.voice.name;
    let mut actions = Vec::new();
    let fallback =
        ctx.has(Rule::CertSelfGeneratedFallback) || ctx.has(Rule::ServerSelfGeneratedCert);
    let summary;
    if fallback {
        summary = format!("{who} does not trust the server's certificate: it is SQL Server's self-generated one, which no client can validate.");
        actions.push(action(
            ActionKind::Fix,
            Who::Server,
            "Give SQL Server a real certificate: issued by your CA for the server's FQDN (Server Authentication, RSA 2048+, key exchange key), selected in Configuration Manager, then restart the service.",
            ctx.artifact("certreq-inf"),
        ));
    } else {
        match target(ctx.report) {
            Some(t) if t.self_signed_leaf => {
                summary = if certain {
                    format!(
                        "{who} does not trust the server's certificate \"{}\": it is self-signed.",
                        t.display
                    )
                } else {
                    format!(
                        "{who} will trust the server's certificate \"{}\" only once it is imported on every client: it is self-signed.",
                        t.display
                    )
                };
                if let Some(inf) = ctx.artifact("certreq-inf") {
                    actions.push(action(
                        ActionKind::Fix,
                        Who::Ca,
                        "Replace it with a certificate issued by your enterprise CA, whose root the clients already trust.",
                        Some(inf),
                    ));
                }
                actions.push(action(
                    ActionKind::Fix,
                    Who::Client,
                    ctx.voice
                        .how_to_trust(&t.display)
                        .replace("the CA certificate", "the certificate"),
                    ctx.artifact("trust-root-commands"),
                ));
            }
            Some(t) => {
                let server = ctx.server_name().unwrap_or_else(|| "the server".into());
                summary = format!(
                    "{who} does not trust \"{}\", the CA behind {server}'s certificate.",
                    t.display
                );
                let mut text = ctx.voice.how_to_trust(&t.display);
                if !t.given {
                    text.push_str(&format!(" If \"{}\" is an intermediate CA, the client needs the root above it: take it from the certificate's Certification Path, or ask the CA's administrators.", t.display));
                }
                actions.push(action(
                    ActionKind::Fix,
                    Who::Client,
                    text,
                    ctx.artifact("trust-root-commands"),
                ));
            }
            None => {
                summary =
                    format!("{who} does not trust the CA that issued the server's certificate.");
                actions.push(action(
                    ActionKind::Fix,
                    Who::Client,
                    format!(
                        "{} Drop the server's certificate (.cer) here to name that CA.",
                        ctx.voice
                            .how_to_trust("the root CA of the server's certificate")
                    ),
                    ctx.artifact("trust-root-commands"),
                ));
            }
        }
    }
    if ctx.has(Rule::CertChainIncomplete) {
        actions.push(action(
            ActionKind::Fix,
            Who::Server,
            "Install the missing intermediate CA certificate on the server (Intermediate Certification Authorities of the computer), so SQL Server sends the whole chain.",
            None,
        ));
    }
    if let Some(again) = ctx.voice.reconnect() {
        actions.push(action(ActionKind::Check, Who::Client, again, None));
    }
    actions.extend(ctx.workaround());
    Some(Diagnosis {
        id: Diag::UntrustedRoot,
        summary,
        because,
        actions,
    })
}

/// The name the client validates is not in the certificate.
fn name_mismatch(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let because = ctx.present(&[
        Rule::ErrorNameMismatch,
        Rule::ErrorNoSan,
        Rule::MatchHostNameMismatch,
    ]);
    if because.is_empty() {
        return None;
    }
    let conn = ctx
        .report
        .findings
        .iter()
        .find(|f| f.rule == Rule::MatchHostNameMismatch)
        .and_then(|f| f.connection);
    let host = conn
        .and_then(|i| ctx.report.connections.get(i))
        .and_then(|c| {
            c.outcome
                .validated_name
                .clone()
                .or_else(|| c.server.host.clone())
        });
    let names: Vec<String> = ctx
        .report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .flat_map(|c| {
            if c.details.san_dns.is_empty() {
                c.details.common_name.iter().cloned().collect::<Vec<_>>()
            } else {
                c.details.san_dns.clone()
            }
        })
        .collect();
    let who = &ctx.voice.name;
    let summary = match (&host, names.is_empty()) {
        (Some(h), false) => format!("{who} validates the name {h}, which is not in the certificate (it holds {}).", names.join(", ")),
        (Some(h), true) => format!("{who} validates the name {h}, which is not in the server's certificate."),
        (None, false) if because.contains(&Rule::ErrorNoSan) => "The certificate has no Subject Alternative Name, and the client reads names only from there.".to_string(),
        (None, false) => format!("The name {who} connects with is not in the certificate (it holds {}).", names.join(", ")),
        (None, true) => format!("The name {who} connects with is not in the server's certificate."),
    };
    let mut actions = Vec::new();
    if !names.is_empty() && !because.contains(&Rule::ErrorNoSan) {
        actions.push(action(
            ActionKind::Fix,
            Who::Client,
            format!(
                "Connect with a name the certificate holds: {}.",
                names.join(", ")
            ),
            conn.and_then(|i| ctx.remedy(Rule::MatchHostNameMismatch, Some(i))),
        ));
    }
    actions.push(action(
        ActionKind::Fix,
        Who::Ca,
        match &host {
            Some(h) => format!("Or issue a new certificate whose SAN also carries {h} (and every other name clients use: short name, aliases, listener)."),
            None => "Or issue a new certificate whose SAN carries every name clients use (FQDN, short name, aliases, listener).".to_string(),
        },
        ctx.artifact("certreq-inf"),
    ));
    if let (Some(setting), Some(first)) = (ctx.voice.host_name_setting(), names.first()) {
        actions.push(action(
            ActionKind::Fix,
            Who::Client,
            format!("If you must connect by this name (an IP, an alias), tell the client which name to validate: {setting} = {first}. The certificate is still checked."),
            None,
        ));
    }
    actions.extend(ctx.workaround());
    Some(Diagnosis {
        id: Diag::NameMismatch,
        summary,
        because,
        actions,
    })
}

/// The certificate is outside its validity period.
fn expired(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let because = ctx.present(&[
        Rule::ErrorCertificateExpired,
        Rule::ErrorCertificateNotYetValid,
        Rule::CertExpired,
        Rule::CertNotYetValid,
    ]);
    if because.is_empty() {
        return None;
    }
    if because == [Rule::ErrorCertificateNotYetValid] {
        return Some(not_yet_valid(ctx, because));
    }
    let cert = ctx
        .report
        .findings
        .iter()
        .find(|f| matches!(f.rule, Rule::CertExpired | Rule::CertNotYetValid))
        .and_then(|f| f.certificate)
        .and_then(|i| ctx.report.certificates.get(i));
    let summary = match cert {
        Some(c) if because.contains(&Rule::CertNotYetValid) && !because.contains(&Rule::CertExpired) => format!("{}'s certificate is not valid until {}.", short_name(c), c.details.validity.not_before),
        Some(c) => format!("{}'s certificate expired on {}: validating clients refuse it.", short_name(c), c.details.validity.not_after),
        None => "The server's certificate has expired (or is not valid yet): validating clients refuse it.".to_string(),
    };
    let mut actions = vec![action(
        ActionKind::Fix,
        Who::Ca,
        "Renew the certificate with the same names, import it with its private key into Local Computer\\Personal on the server, select it in Configuration Manager and restart SQL Server (it keeps using the old one until then).",
        ctx.artifact("certreq-inf"),
    )];
    actions.push(action(
        ActionKind::Check,
        Who::Client,
        "If the certificate is in fact current, check the client computer's date and time.",
        None,
    ));
    Some(Diagnosis {
        id: Diag::CertificateExpired,
        summary,
        because,
        actions,
    })
}

/// Only a pasted error saying the certificate is not valid yet: the client's
/// clock comes first.
fn not_yet_valid(ctx: &Ctx<'_>, because: Vec<Rule>) -> Diagnosis {
    Diagnosis {
        id: Diag::CertificateExpired,
        summary: "The client refuses the server's certificate as not valid yet: its validity starts after the client's clock.".to_string(),
        because,
        actions: vec![
            action(
                ActionKind::Fix,
                Who::Client,
                "Check the client computer's date, time and time zone and correct them (Windows: w32tm /resync; Linux: timedatectl); a clock behind the certificate's NotBefore date is the usual cause.",
                None,
            ),
            action(
                ActionKind::Fix,
                Who::Ca,
                "If the clocks are right, the certificate was issued with a future start date: wait until it starts, or have it reissued with the same names, import it on the server, select it in Configuration Manager and restart SQL Server.",
                ctx.artifact("certreq-inf"),
            ),
        ],
    }
}

/// A pasted TLS error of another system: nothing SQL Server-side to do.
fn not_sql_server(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let finding = ctx
        .report
        .findings
        .iter()
        .find(|f| f.rule == Rule::ErrorNotSqlServer)?;
    Some(Diagnosis {
        id: Diag::NotSqlServer,
        summary: format!(
            "This is not a SQL Server connection error. {}",
            finding.message
        ),
        because: vec![Rule::ErrorNotSqlServer],
        actions: vec![action(
            ActionKind::Check,
            Who::Client,
            Rule::ErrorNotSqlServer.meta().fix,
            None,
        )],
    })
}

/// A server certificate SQL Server will not load.
fn server_will_not_load(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let (cert, verdict) = ctx
        .report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .find_map(|c| {
            c.verdict
                .as_ref()
                .filter(|v| v.server_loads.answer == Answer::No)
                .map(|v| (c, v))
        })?;
    let because: Vec<Rule> = verdict
        .server_loads
        .because
        .iter()
        .copied()
        .filter(|r| !matches!(r, Rule::CertExpired | Rule::CertNotYetValid))
        .collect();
    if because.is_empty() {
        // Only the validity period: the expiry diagnosis says it.
        return None;
    }
    let name = short_name(cert);
    let reasons: Vec<String> = because
        .iter()
        .map(|r| lower_first(r.meta().title))
        .collect();
    let summary = format!(
        "SQL Server will not load the certificate {name} ({}): do not select it, the service would not start.",
        reasons.join("; ")
    );
    let mut actions: Vec<DiagnosisAction> = because
        .iter()
        .map(|&r| {
            action(
                ActionKind::Fix,
                Who::Server,
                r.meta().fix,
                ctx.remedy(r, None),
            )
        })
        .collect();
    actions.dedup_by(|a, b| a.text == b.text);
    Some(Diagnosis {
        id: Diag::ServerWillNotLoad,
        summary,
        because,
        actions,
    })
}

/// A .pfx that needs its password.
fn pfx_locked(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let locked = ctx
        .report
        .findings
        .iter()
        .find(|f| f.rule.meta().prompts_password)?;
    let file = locked
        .input
        .and_then(|i| ctx.report.inputs.get(i))
        .map(|i| i.name.clone())
        .unwrap_or_else(|| "the .pfx".into());
    let wrong = locked.rule == Rule::InputPfxWrongPassword;
    let summary = if wrong {
        format!("{file} is locked: the password given does not open it.")
    } else {
        format!("{file} is locked: enter its password to check its certificate and key.")
    };
    Some(Diagnosis {
        id: Diag::PfxLocked,
        summary,
        because: vec![locked.rule],
        actions: vec![action(
            ActionKind::Check,
            Who::Server,
            "Enter the .pfx password: it is used here only to open the file, and never shown or sent anywhere.",
            None,
        )],
    })
}

/// SQL Server loads it, Configuration Manager does not list it.
fn not_listed(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let (cert, verdict) = ctx
        .report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .find_map(|c| {
            c.verdict
                .as_ref()
                .filter(|v| {
                    v.sscm_lists.answer == Answer::No && v.server_loads.answer != Answer::No
                })
                .map(|v| (c, v))
        })?;
    let because = verdict.sscm_lists.because.clone();
    let reasons: Vec<String> = because
        .iter()
        .map(|r| lower_first(r.meta().title))
        .collect();
    let mut actions = vec![action(
        ActionKind::Fix,
        Who::Server,
        format!("Select it by thumbprint {} in the registry instead of the Configuration Manager list, then restart SQL Server.", cert.details.thumbprint_sha1),
        ctx.artifact("registry-thumbprint"),
    )];
    if let Some(&first) = because.first() {
        actions.push(action(
            ActionKind::Fix,
            Who::Ca,
            first.meta().fix,
            ctx.remedy(first, None),
        ));
    }
    Some(Diagnosis {
        id: Diag::NotListed,
        summary: format!(
            "Configuration Manager will not list {} ({}), but SQL Server can use it.",
            short_name(cert),
            reasons.join("; ")
        ),
        because,
        actions,
    })
}

/// Connection strings that are not encrypted, not validated, or fail: one
/// diagnosis per kind, naming the first string and counting the others.
fn connections(ctx: &Ctx<'_>) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    for (diag, pick) in [
        (Diag::ConnectionFails, Encryption::Fails),
        (Diag::NotEncrypted, Encryption::None),
        (Diag::NotValidated, Encryption::Full),
    ] {
        let matching: Vec<usize> = ctx
            .report
            .connections
            .iter()
            .enumerate()
            .filter(|(_, c)| match diag {
                Diag::NotEncrypted => matches!(
                    c.outcome.encryption,
                    Encryption::None | Encryption::LoginOnly
                ),
                Diag::NotValidated => {
                    matches!(c.outcome.encryption, Encryption::Full | Encryption::Strict)
                        && !c.outcome.certificate_validated
                        && !c.outcome.pinned
                }
                _ => c.outcome.encryption == pick,
            })
            .map(|(i, _)| i)
            .collect();
        let Some(&first) = matching.first() else {
            continue;
        };
        let conn = &ctx.report.connections[first];
        let mut summary = conn.verdict.summary.clone();
        if matching.len() > 1 {
            summary.push_str(&format!(
                " (and {} more connection strings)",
                matching.len() - 1
            ));
        }
        let mut because: Vec<Rule> = Vec::new();
        for &i in &matching {
            for &r in &ctx.report.connections[i].verdict.because {
                if !because.contains(&r) {
                    because.push(r);
                }
            }
        }
        let fix = ctx
            .remedies
            .connections
            .iter()
            .find(|f| f.connection == first)
            .map(|_| format!("connection-fix#{first}"));
        let text = match diag {
            Diag::NotValidated => "Make the client validate the certificate: trust the server certificate's CA on the client, then remove TrustServerCertificate=True (use the corrected string).",
            Diag::NotEncrypted => "Encrypt the whole connection: use the corrected string (Encrypt=True/Mandatory, or Strict for SQL Server 2022+), after checking that the server's certificate is trusted.",
            _ => "Use the corrected string.",
        };
        let mut actions = vec![action(ActionKind::Fix, Who::Client, text, fix)];
        if diag == Diag::NotValidated {
            actions.push(action(
                ActionKind::Check,
                Who::Client,
                "Drop the server's certificate here with the string to see whether clients will accept it once validation is on.",
                None,
            ));
        }
        out.push(Diagnosis {
            id: diag,
            summary,
            because,
            actions,
        });
    }
    out
}

/// Error texts not covered above: server-side failures, then handshake ones.
fn errors_by_side(ctx: &Ctx<'_>) -> Vec<Diagnosis> {
    const COVERED: &[Rule] = &[
        Rule::ErrorUntrustedRoot,
        Rule::ErrorNameMismatch,
        Rule::ErrorNoSan,
        Rule::ErrorCertificateExpired,
        Rule::ErrorCertificateNotYetValid,
        Rule::ErrorNotSqlServer,
        Rule::ErrorUnrecognized,
    ];
    let mut out = Vec::new();
    for (diag, server_side) in [(Diag::ServerError, true), (Diag::HandshakeFailed, false)] {
        let rules: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|r| r.id().starts_with("error.") && !COVERED.contains(r))
            .filter(|r| (r.meta().side == Side::Server) == server_side)
            .filter(|&r| ctx.has(r))
            .collect();
        let Some(&first) = rules.first() else {
            continue;
        };
        let meta = first.meta();
        out.push(Diagnosis {
            id: diag,
            summary: format!("{}.", meta.title),
            because: rules.clone(),
            actions: vec![action(
                ActionKind::Fix,
                if server_side {
                    Who::Server
                } else {
                    Who::Client
                },
                meta.fix,
                ctx.remedy(first, None),
            )],
        });
    }
    if ctx.has(Rule::ErrorUnrecognized)
        && !ctx
            .report
            .findings
            .iter()
            .any(|f| f.rule.id().starts_with("error.") && f.rule != Rule::ErrorUnrecognized)
    {
        out.push(Diagnosis {
            id: Diag::ErrorUnrecognized,
            summary: "The pasted text holds no error message or code sqltls knows.".into(),
            because: vec![Rule::ErrorUnrecognized],
            actions: vec![action(
                ActionKind::Check,
                Who::Client,
                "Paste the whole message as the program shows it, with its error number or code (for example 0x80090325, -2146893019, 18456), or the ERRORLOG lines around the failure.",
                None,
            )],
        });
    }
    out
}

/// Inputs that could not be read (a locked .pfx is [`pfx_locked`]'s).
fn unreadable(ctx: &Ctx<'_>) -> Option<Diagnosis> {
    let bad: Vec<&crate::finding::Finding> = ctx
        .report
        .findings
        .iter()
        .filter(|f| {
            f.rule.meta().side == Side::Input
                && !f.rule.meta().prompts_password
                && f.severity != Severity::Info
        })
        .collect();
    let first = bad.first()?;
    let file = first
        .input
        .and_then(|i| ctx.report.inputs.get(i))
        .map(|i| i.name.as_str())
        .unwrap_or("an input");
    let mut because: Vec<Rule> = Vec::new();
    for f in &bad {
        if !because.contains(&f.rule) {
            because.push(f.rule);
        }
    }
    Some(Diagnosis {
        id: Diag::UnreadableInput,
        summary: format!("{file}: {}.", lower_first(first.rule.meta().title)),
        because,
        actions: vec![action(
            ActionKind::Check,
            Who::Server,
            first.rule.meta().fix,
            None,
        )],
    })
}

/// Error and warning findings no diagnosis above names.
fn others(ctx: &Ctx<'_>, so_far: &[Diagnosis]) -> Option<Diagnosis> {
    let mut rules: Vec<Rule> = Vec::new();
    for f in &ctx.report.findings {
        let named = so_far.iter().any(|d| d.because.contains(&f.rule));
        if f.severity != Severity::Info
            && !named
            && !rules.contains(&f.rule)
            && f.rule.meta().side != Side::Input
        {
            rules.push(f.rule);
        }
    }
    let &first = rules.first()?;
    let meta = first.meta();
    let more = if rules.len() > 1 {
        format!(" (and {} more)", rules.len() - 1)
    } else {
        String::new()
    };
    let connection = ctx
        .report
        .findings
        .iter()
        .find(|f| f.rule == first)
        .and_then(|f| f.connection);
    Some(Diagnosis {
        id: Diag::OtherFindings,
        summary: format!("{}{more}.", meta.title),
        because: rules,
        actions: vec![action(
            ActionKind::Fix,
            match meta.side {
                Side::Client => Who::Client,
                Side::Server => Who::Server,
                _ => Who::Ca,
            },
            meta.fix,
            ctx.remedy(first, connection),
        )],
    })
}

/// Nothing wrong with a server certificate.
fn certificate_ok(ctx: &Ctx<'_>, symptoms: &[Symptom]) -> Option<Diagnosis> {
    let cert = ctx.report.certificates.iter().find(|c| {
        c.server_certificate
            && c.verdict.as_ref().is_some_and(|v| {
                v.server_loads.answer == Answer::Yes
                    && v.sscm_lists.answer == Answer::Yes
                    && v.clients_validate.answer != Answer::No
            })
    })?;
    if symptoms.contains(&Symptom::NotListed) {
        return None;
    }
    let root = cert
        .verdict
        .as_ref()
        .and_then(|v| v.trust_root.as_deref())
        .map(display_name)
        .unwrap_or_else(|| "its root".into());
    let mut actions = vec![action(
        ActionKind::Check,
        Who::Client,
        format!(
            "Clients must connect with a name the certificate holds ({}) and trust \"{root}\". {}",
            cert.details.san_dns.join(", "),
            ctx.voice.how_to_trust(&root)
        ),
        ctx.artifact("trust-root-commands"),
    )];
    actions.push(action(
        ActionKind::Check,
        Who::Server,
        "If Configuration Manager still does not show it, say so (sqltls check --symptom not-listed; on the page, tick \"Missing from Configuration Manager\") for the checklist of causes outside the file.",
        None,
    ));
    Some(Diagnosis {
        id: Diag::CertificateOk,
        summary: format!(
            "The certificate {} is ready: SQL Server loads it, Configuration Manager lists it, and validating clients that trust \"{root}\" accept it.",
            short_name(cert)
        ),
        because: Vec::new(),
        actions,
    })
}

/// The certificate is fine but missing from Configuration Manager's list:
/// the causes outside the file. A pasted certificate-store listing rules
/// each cause in or out; without one, the first step says what to paste.
fn not_listed_checklist(ctx: &Ctx<'_>) -> Diagnosis {
    let name = ctx
        .server_name()
        .unwrap_or_else(|| "the certificate".into());
    let listed = ctx
        .report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .find_map(|c| c.store.as_ref().map(|s| (c, s)));
    let steps: Vec<String> = match listed {
        Some((cert, s)) => store_checklist(cert, s),
        None => {
            let mut steps = vec![
                "Paste what the server's store shows: `certutil -v -store My` (or `certutil -v -store My <thumbprint>`) run as administrator, or `Get-ChildItem Cert:\\LocalMachine\\My | Format-List *`. sqltls reads the store, the key's provider and its KeySpec from it and rules each cause below in or out.".to_string(),
            ];
            steps.extend(CHECKLIST.iter().map(|s| (*s).to_string()));
            steps
        }
    };
    Diagnosis {
        id: Diag::NotListedChecklist,
        summary: format!("Nothing in {name} keeps it out of Configuration Manager's list: check these, in order."),
        because: Vec::new(),
        actions: steps
            .into_iter()
            .map(|s| action(ActionKind::Check, Who::Server, s, None))
            .collect(),
    }
}

/// The causes outside the file, without a store listing.
const CHECKLIST: [&str; 5] = [
    "It must be in Local Computer\\Personal (certlm.msc), not Current User\\Personal (certmgr.msc): Configuration Manager looks only at the computer's store. Move it there (export as .pfx with its key, import into Local Computer).",
    "It must have its private key on this server: the certificate icon shows a small key, and \"You have a private key that corresponds to this certificate\". A .cer imported alone has none: import the .pfx.",
    "Its subject or SAN must carry this computer's FQDN exactly (for a failover cluster instance, the virtual network name): Configuration Manager hides certificates for other names. Run [System.Net.Dns]::GetHostEntry('').HostName on the server to see the FQDN it compares.",
    "Use the Configuration Manager of the instance's own version (SQL Server 2019+ for a 2019+ instance); an older one lists fewer certificates.",
    "If it still does not show, select it by thumbprint in the registry (SuperSocketNetLib\\Certificate) and restart SQL Server; the ERRORLOG then says whether it loaded.",
];

/// The checklist with what a store listing shows: each cause ruled in, ruled
/// out, or the command whose output would decide it.
fn store_checklist(cert: &CertificateReport, s: &StoreCert) -> Vec<String> {
    let more = s.fuller_command();
    let mut steps = Vec::new();
    steps.push(match s.location {
        Some(StoreLocation::CurrentUser) => "Store — ruled in: the listing shows it in CurrentUser\\My; Configuration Manager looks only at LocalMachine\\My. Export it with its key and import it into Local Computer\\Personal.".to_string(),
        Some(StoreLocation::LocalMachine) if s.store.as_deref().is_none_or(|n| n.eq_ignore_ascii_case("my")) => "Store — ruled out: the listing shows it in LocalMachine\\My.".to_string(),
        _ => match s.store.as_deref() {
            Some(n) if !n.eq_ignore_ascii_case("my") => format!("Store — ruled in: the listing shows it in the store \"{n}\", not Personal (My)."),
            _ => "Store — likely ruled out: certutil without -user lists the computer's store; check that the command was `certutil -store My`, not `certutil -user -store My`.".to_string(),
        },
    });
    steps.push(match s.key {
        KeyState::Present => format!(
            "Private key — ruled out: the listing shows its key{}.",
            s.provider.as_deref().map_or(String::new(), |p| format!(" in \"{p}\""))
        ),
        KeyState::None => "Private key — ruled in: the listing shows no private key. Import the .pfx that holds it, or complete the request on the machine where it was made (certreq -accept).".to_string(),
        KeyState::KeysetMissing => "Private key — ruled in: the listing names a key container that is missing (\"Missing stored keyset\"). Import the certificate again from a .pfx with its key.".to_string(),
        KeyState::TestFailed => format!("Private key — ruled in: certutil's test with the key failed. Run `certutil -repairstore My {}` and test again.", cert.details.thumbprint_sha1),
        KeyState::Unknown => format!("Private key — not shown: run `{more}`."),
    });
    let provider = match (s.provider_kind(), s.key_spec) {
        (Some(ProviderKind::CngKsp), _) => format!(
            "Key provider — ruled in for SQL Server 2017 and earlier: \"{}\" is a CNG key storage provider, which their Configuration Manager does not list. Re-create the key in \"Microsoft RSA SChannel Cryptographic Provider\" with KeySpec 1.",
            s.provider.as_deref().unwrap_or_default()
        ),
        (_, Some(KeySpec::Signature)) => "KeySpec — ruled in: the key is AT_SIGNATURE; Configuration Manager lists only AT_KEYEXCHANGE keys. Re-create the key with KeySpec 1.".to_string(),
        (Some(ProviderKind::LegacyCsp), Some(KeySpec::KeyExchange)) => "Key provider and KeySpec — ruled out: a legacy CryptoAPI provider with AT_KEYEXCHANGE.".to_string(),
        _ if matches!(s.key, KeyState::None | KeyState::KeysetMissing) => "Key provider and KeySpec — not applicable without a key.".to_string(),
        _ => format!("Key provider and KeySpec — not shown: run `{more}`."),
    };
    steps.push(provider);
    steps.push(match &s.eku {
        Some(eku)
            if eku.is_empty()
                || eku
                    .iter()
                    .any(|e| e == "serverAuth" || e == "anyExtendedKeyUsage") =>
        {
            "Server Authentication EKU — ruled out: the listing shows it.".to_string()
        }
        Some(eku) => format!(
            "Server Authentication EKU — ruled in: the EKU lists only {}.",
            eku.join(", ")
        ),
        None => format!("Server Authentication EKU — not shown: run `{more}`."),
    });
    steps.push(match &s.dns_names {
        Some(names) if !names.is_empty() => format!(
            "Names — compare with the server's FQDN ([System.Net.Dns]::GetHostEntry('').HostName): the certificate carries {}. Configuration Manager hides certificates for other names.",
            names.join(", ")
        ),
        _ => format!(
            "Names — the subject is {}; with `{more}` the SAN is shown too. It must carry this computer's FQDN exactly.",
            cert.details.subject
        ),
    });
    steps.push(CHECKLIST[3].to_string());
    steps.push(CHECKLIST[4].to_string());
    steps
}
