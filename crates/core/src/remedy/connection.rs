//! Corrected connection strings, in the string's own dialect and keyword
//! style (facts B1–B9): drop TrustServerCertificate when the certificate can
//! be validated, name the certificate's host where the server is reached by
//! an IP or an alias, turn encryption on, and offer Strict where it works.

use super::names::{is_dns_name, takes_host_name_override, Names};
use super::{validatable_certs, Change, ConnectionFix, RemedyRequest};
use crate::analyze::results::Analysis;
use crate::catalogue::{RemedyKind, Rule};
use crate::cert::CertificateInfo;
use crate::connstr::capabilities::EncryptValues;
use crate::connstr::name_match::is_local_alias;
use crate::connstr::redact::redact_as;
use crate::connstr::{
    analyze_connection, match_name, pair_spans, parse, ConnectionReport, ConnectionRequest,
    Dialect, DriverId, EncryptMode, Generation, Key, NameMatch, PairSpan, Version,
};

/// Keywords whose spaced spelling marks the "spaced" style.
const SPACED: &[&str] = &[
    "trust server certificate",
    "host name in certificate",
    "server certificate",
    "use encryption for data",
    "application intent",
    "multi subnet failover",
    "connect retry count",
    "connect retry interval",
    "column encryption setting",
];

/// Keywords of the OLE DB IDataInitialize (ADO) form.
const IDATAINIT: &[&str] = &[
    "use encryption for data",
    "trust server certificate",
    "host name in certificate",
    "server certificate",
];

/// How the string is written.
#[derive(Debug, Clone, Default)]
struct Style {
    /// Every keyword is lower-case.
    lower: bool,
    /// Spaced keywords (`Trust Server Certificate`).
    spaced: bool,
    /// OLE DB IDataInitialize keywords (`Use Encryption for Data`).
    idatainit: bool,
    /// Between keyword and value, e.g. `=` or ` = `.
    sep: String,
    /// Between pairs, e.g. `;` or `; `.
    gap: String,
    /// Line end.
    eol: String,
}

/// What to do to one string.
#[derive(Debug, Clone, Default)]
struct Plan {
    remove_tsc: bool,
    encrypt: Option<String>,
    hnic: Option<String>,
    add_tsc_false: bool,
}

fn norm(k: &str) -> String {
    k.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// FreeTDS reads `[global]` and the first other section; other dialects have none.
fn in_scope(spans: Vec<PairSpan>) -> Vec<PairSpan> {
    let first = spans
        .iter()
        .filter_map(|p| p.section.as_deref())
        .find(|s| *s != "global")
        .map(str::to_string);
    spans
        .into_iter()
        .filter(|p| match (&p.section, &first) {
            (None, _) => true,
            (Some(s), _) if s == "global" => true,
            (Some(s), Some(f)) => s == f,
            (Some(_), None) => true,
        })
        .collect()
}

fn style(text: &str, spans: &[PairSpan], dialect: Dialect) -> Style {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| -> String {
        chars
            .get(a.min(chars.len())..b.min(chars.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    };
    let sep = spans
        .iter()
        .find_map(|p| {
            let kend = p.start + p.keyword.chars().count();
            let vstart = p.value_span.0.saturating_sub(usize::from(p.quoted));
            let s = slice(kend, vstart);
            (s.contains('=')
                && s.chars().count() <= 5
                && s.chars().all(|c| c == '=' || c == ' ' || c == '\t'))
            .then_some(s)
        })
        .filter(|_| dialect != Dialect::GoUrl)
        .unwrap_or_else(|| {
            if dialect == Dialect::Freetds {
                " = ".into()
            } else {
                "=".into()
            }
        });
    let gap = spans
        .windows(2)
        .find_map(|w| {
            let g = slice(w[0].end, w[1].start);
            (g.contains(';') && !g.contains('\n') && g.trim() == ";").then_some(g)
        })
        .unwrap_or_else(|| ";".into());
    let with_letters: Vec<&PairSpan> = spans
        .iter()
        .filter(|p| p.keyword.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    let lower = matches!(dialect, Dialect::AdoNet | Dialect::Odbc | Dialect::OleDb)
        && !with_letters.is_empty()
        && with_letters
            .iter()
            .all(|p| !p.keyword.chars().any(|c| c.is_ascii_uppercase()));
    let spaced = spans
        .iter()
        .any(|p| SPACED.contains(&norm(&p.keyword).as_str()));
    let idatainit = spans
        .iter()
        .any(|p| IDATAINIT.contains(&norm(&p.keyword).as_str()));
    Style {
        lower,
        spaced,
        idatainit,
        sep,
        gap,
        eol: if text.contains("\r\n") {
            "\r\n".into()
        } else {
            "\n".into()
        },
    }
}

/// The keyword to write for `what`; `None` when the driver has none in this dialect.
fn spell(
    what: Key,
    driver: DriverId,
    gen: Generation,
    dialect: Dialect,
    st: &Style,
) -> Option<String> {
    let kw: &str = match what {
        Key::Encrypt => match (dialect, driver) {
            (Dialect::Freetds, _) => "encryption",
            (Dialect::Jdbc | Dialect::GoUrl, _) => "encrypt",
            (Dialect::OleDb, _) if st.idatainit => "Use Encryption for Data",
            (_, DriverId::GoMssqldb | DriverId::Tedious) => "encrypt",
            _ => "Encrypt",
        },
        Key::TrustServerCertificate => match (dialect, driver) {
            (Dialect::Freetds, _) => return None,
            (Dialect::Jdbc | Dialect::GoUrl, _) => "trustServerCertificate",
            _ if st.spaced || st.idatainit => "Trust Server Certificate",
            _ => "TrustServerCertificate",
        },
        Key::HostNameInCertificate => match driver {
            DriverId::FreeTds if dialect == Dialect::Freetds => "certificate hostname",
            _ if !takes_host_name_override(gen) => return None,
            DriverId::SqlClient | DriverId::OleDb if st.spaced || st.idatainit => {
                "Host Name In Certificate"
            }
            DriverId::SqlClient | DriverId::OleDb => "HostNameInCertificate",
            DriverId::Odbc => "HostnameInCertificate",
            DriverId::Jdbc => "hostNameInCertificate",
            DriverId::GoMssqldb if st.spaced && dialect != Dialect::GoUrl => {
                "host name in certificate"
            }
            DriverId::GoMssqldb => "hostnameincertificate",
            _ => return None,
        },
        _ => return None,
    };
    Some(
        if st.lower && matches!(dialect, Dialect::AdoNet | Dialect::Odbc | Dialect::OleDb) {
            kw.to_ascii_lowercase()
        } else {
            kw.to_string()
        },
    )
}

/// Apply the case pattern of `like` to `v`.
fn same_case(v: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_ascii_uppercase()) {
        v.to_ascii_uppercase()
    } else if letters.first().is_some_and(|c| c.is_ascii_uppercase()) {
        let mut c = v.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    } else {
        v.to_string()
    }
}

/// The `Encrypt` values of this generation for this string's form
/// (provider string, IDataInitialize, freetds.conf).
fn encrypt_values(gen: Generation, dialect: Dialect, st: &Style) -> &'static EncryptValues {
    gen.capabilities().encrypt_values(dialect, st.idatainit)
}

/// The value that turns encryption on, in the spelling family already used.
fn encrypt_on(gen: Generation, dialect: Dialect, current: Option<&str>, st: &Style) -> String {
    let values = encrypt_values(gen, dialect, st);
    let canonical = if st.lower {
        values.on.to_ascii_lowercase()
    } else {
        values.on.to_string()
    };
    let Some(cur) = current.map(str::trim).filter(|c| !c.is_empty()) else {
        return canonical;
    };
    // The "on" partner of an "off" spelling of the same family.
    let mapped = match cur.to_ascii_lowercase().as_str() {
        "false" | "0" | "f" | "disable" => "true",
        "no" => "yes",
        "optional" => "mandatory",
        _ => "",
    };
    if values.mode(mapped) == Some(EncryptMode::Mandatory) {
        same_case(mapped, cur)
    } else {
        canonical
    }
}

/// The strict value in this generation's spelling, when it has strict.
fn strict_value(gen: Generation, dialect: Dialect, st: &Style) -> Option<&'static str> {
    encrypt_values(gen, dialect, st).strict_value()
}

fn supports_strict(gen: Generation, version: Option<&str>) -> bool {
    let exact = version.filter(|t| t.contains('.')).and_then(Version::parse);
    gen.capabilities().strict_at(exact)
}

fn is_true(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "true" | "yes" | "1" | "t"
    )
}

/// The character range to delete to remove one pair with its separator.
fn removal_range(chars: &[char], p: &PairSpan, dialect: Dialect) -> (usize, usize) {
    let n = chars.len();
    let at = |i: usize| chars.get(i).copied();
    match dialect {
        Dialect::Freetds => {
            let mut s = p.start;
            while s > 0 && at(s - 1) != Some('\n') {
                s -= 1;
            }
            let mut e = p.end;
            while e < n && at(e) != Some('\n') {
                e += 1;
            }
            (s, (e + 1).min(n))
        }
        Dialect::GoUrl => {
            if at(p.end) == Some('&') {
                (p.start, p.end + 1)
            } else if p.start > 0 && matches!(at(p.start - 1), Some('&' | '?')) {
                (p.start - 1, p.end)
            } else {
                (p.start, p.end)
            }
        }
        _ => {
            let mut e = p.end;
            while at(e).is_some_and(|c| c == ' ' || c == '\t') {
                e += 1;
            }
            if at(e) == Some(';') {
                e += 1;
                while at(e).is_some_and(|c| c == ' ' || c == '\t') {
                    e += 1;
                }
                (p.start, e)
            } else {
                let mut s = p.start;
                while s > 0 && at(s - 1).is_some_and(|c| c == ' ' || c == '\t') {
                    s -= 1;
                }
                if s > 0 && at(s - 1) == Some(';') {
                    s -= 1;
                }
                (s, p.end)
            }
        }
    }
}

/// Apply replacements (start, end, text); overlapping deletions are merged.
fn apply(chars: &[char], mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| (e.0, e.1));
    let mut merged: Vec<(usize, usize, String)> = Vec::new();
    for e in edits {
        match merged.last_mut() {
            Some(last) if e.0 < last.1 => {
                last.1 = last.1.max(e.1);
                last.2.push_str(&e.2);
            }
            _ => merged.push(e),
        }
    }
    let mut out = String::new();
    let mut i = 0;
    for (a, b, with) in merged {
        let a = a.clamp(i, chars.len());
        out.extend(chars.get(i..a).unwrap_or_default());
        out.push_str(&with);
        i = b.clamp(a, chars.len());
    }
    out.extend(chars.get(i..).unwrap_or_default());
    out
}

/// Append `kw=value` in the string's own layout.
fn append(
    text: &str,
    dialect: Dialect,
    driver: DriverId,
    st: &Style,
    kw: &str,
    value: &str,
) -> String {
    match dialect {
        Dialect::GoUrl => {
            let t = text.trim_end();
            let joiner = if !t.contains('?') {
                "?"
            } else if t.ends_with('?') || t.ends_with('&') {
                ""
            } else {
                "&"
            };
            format!("{t}{joiner}{kw}={value}{}", &text[t.len()..])
        }
        Dialect::Freetds => {
            let spans = in_scope(pair_spans(text, dialect, driver));
            let chars: Vec<char> = text.chars().collect();
            match spans.last() {
                Some(last) => {
                    let mut ls = last.start;
                    while ls > 0 && chars.get(ls - 1).is_some_and(|c| *c != '\n') {
                        ls -= 1;
                    }
                    let indent: String = chars
                        .get(ls..last.start)
                        .map(|s| s.iter().collect())
                        .unwrap_or_default();
                    let mut le = last.end;
                    while le < chars.len()
                        && chars.get(le).is_some_and(|c| *c != '\n' && *c != '\r')
                    {
                        le += 1;
                    }
                    let line = format!("{}{indent}{kw}{}{value}", st.eol, st.sep);
                    apply(&chars, vec![(le, le, line)])
                }
                None => {
                    let t = text.trim_end();
                    format!("{t}{}{kw}{}{value}{}", st.eol, st.sep, st.eol)
                }
            }
        }
        _ => {
            let t = text.trim_end();
            let rest = &text[t.len()..];
            if t.ends_with(';') {
                let after = st.gap.trim_start_matches(';');
                format!("{t}{after}{kw}{}{value};{rest}", st.sep)
            } else {
                format!("{t}{}{kw}{}{value}{rest}", st.gap, st.sep)
            }
        }
    }
}

/// Rewrite `text` following `plan`.
fn rewrite(
    text: &str,
    dialect: Dialect,
    driver: DriverId,
    gen: Generation,
    st: &Style,
    plan: &Plan,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let spans = in_scope(pair_spans(text, dialect, driver));
    let last = |k: Key| spans.iter().rev().find(|p| p.key == Some(k));
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut adds: Vec<(String, String)> = Vec::new();
    if plan.remove_tsc {
        for p in spans
            .iter()
            .filter(|p| p.key == Some(Key::TrustServerCertificate))
        {
            let (a, b) = removal_range(&chars, p, dialect);
            edits.push((a, b, String::new()));
        }
    }
    for (key, value) in [
        (Key::Encrypt, plan.encrypt.as_ref()),
        (Key::HostNameInCertificate, plan.hnic.as_ref()),
    ] {
        let Some(value) = value else { continue };
        match last(key) {
            Some(p) => edits.push((p.value_span.0, p.value_span.1, value.clone())),
            None => {
                if let Some(kw) = spell(key, driver, gen, dialect, st) {
                    adds.push((kw, value.clone()));
                }
            }
        }
    }
    if plan.add_tsc_false {
        if let Some(kw) = spell(Key::TrustServerCertificate, driver, gen, dialect, st) {
            adds.push((kw, "false".into()));
        }
    }
    let mut out = apply(&chars, edits);
    for (kw, value) in adds {
        out = append(&out, dialect, driver, st, &kw, &value);
    }
    out
}

/// A certificate that carries exactly the proposed names, to decide names
/// before the new certificate exists.
fn proposed_cert(names: &Names, cn: &str, like: &CertificateInfo) -> CertificateInfo {
    let mut c = like.clone();
    c.common_name = Some(cn.to_string());
    c.common_names = vec![cn.to_string()];
    c.subject = format!("CN={cn}");
    c.san_dns = names.dns.clone();
    c.san_ip = names.ips.clone();
    c.has_san = true;
    c
}

/// A name the certificate holds that the driver accepts, for HostNameInCertificate.
fn name_in(cert: &CertificateInfo, driver: DriverId) -> Option<String> {
    let mut candidates: Vec<String> = cert
        .san_dns
        .iter()
        .filter(|n| is_dns_name(n))
        .cloned()
        .collect();
    candidates.sort_by_key(|n| !n.contains('.'));
    if let Some(cn) = cert.common_name.as_ref().filter(|n| is_dns_name(n)) {
        candidates.insert(0, cn.clone());
    }
    candidates
        .into_iter()
        .find(|n| matches!(match_name(n, cert, driver), NameMatch::Matches { .. }))
        .map(|n| n.to_ascii_lowercase())
}

fn count(findings: &[crate::Finding], rule: Rule) -> usize {
    findings.iter().filter(|f| f.rule == rule).count()
}

/// One fix per connection that needs a change.
pub(crate) fn fixes(
    req: &RemedyRequest<'_>,
    names: &Names,
    cn: Option<&str>,
) -> Vec<ConnectionFix> {
    let report = req.report;
    let valid = validatable_certs(report);
    let reference: Option<&CertificateInfo> = valid.first().map(|(_, c)| *c);
    let any_cert = report
        .certificates
        .iter()
        .find(|c| c.server_certificate)
        .map(|c| &c.details);
    let proposed = match (
        reference,
        cn,
        any_cert.or(report.certificates.first().map(|c| &c.details)),
    ) {
        (None, Some(cn), Some(like)) => Some(proposed_cert(names, cn, like)),
        _ => None,
    };
    report
        .connections
        .iter()
        .enumerate()
        .filter_map(|(i, rep)| {
            fix_one(
                req,
                report,
                i,
                rep,
                reference,
                proposed.as_ref().or(reference),
                cn,
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn fix_one(
    req: &RemedyRequest<'_>,
    report: &Analysis,
    index: usize,
    rep: &ConnectionReport,
    reference: Option<&CertificateInfo>,
    target: Option<&CertificateInfo>,
    cn: Option<&str>,
) -> Option<ConnectionFix> {
    let (driver, gen) = (rep.driver, rep.outcome.version);
    let text: String = req
        .connection_texts
        .get(index)
        .cloned()
        .unwrap_or_else(|| rep.redacted.clone());
    let hint = (!rep.driver_inferred).then_some(driver);
    let parsed = parse(&text, hint);
    let conn = &parsed.conn;
    let dialect = conn.dialect;
    let driver = conn.driver;
    let spans = in_scope(pair_spans(&text, dialect, driver));
    let st = style(&text, &spans, dialect);
    let mut plan = Plan::default();
    let mut changes: Vec<Change> = Vec::new();
    let kw_of = |k: Key| conn.get(k).map(|s| s.keyword.clone());

    // Encryption.
    let enc_kw = kw_of(Key::Encrypt);
    let enc_invalid = enc_kw.is_some() && rep.problems.iter().any(|p| p.is_invalid(Key::Encrypt));
    let enc_off = rep
        .findings
        .iter()
        .any(|f| f.rule == Rule::ConnEncryptDisabled);
    if enc_off || enc_invalid {
        let current = conn.value(Key::Encrypt);
        let to = encrypt_on(gen, dialect, current, &st);
        if current.map(str::trim) != Some(to.as_str()) {
            let keyword = enc_kw
                .clone()
                .or_else(|| spell(Key::Encrypt, driver, gen, dialect, &st))
                .unwrap_or_else(|| "Encrypt".into());
            let why = if enc_invalid {
                format!(
                    "{} does not accept this value; '{to}' turns encryption on.",
                    driver.display_name()
                )
            } else {
                "Without it only the login packet (or nothing) is encrypted: queries, results and, with some drivers, the password travel in clear. The client then validates the certificate, so it must trust the certificate's root and the certificate must carry the name below.".to_string()
            };
            changes.push(Change {
                action: if current.is_some() {
                    "changed"
                } else {
                    "added"
                },
                keyword,
                from: current.map(str::to_string),
                to: Some(to.clone()),
                why,
            });
            plan.encrypt = Some(to);
        }
    }

    // The validated name.
    let host = conn.server.host.clone();
    let local = host
        .as_deref()
        .is_none_or(|h| is_local_alias(h) || h.trim().eq_ignore_ascii_case("(localdb)"));
    let current_hnic = conn
        .value(Key::HostNameInCertificate)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let validated = current_hnic.clone().or(host.clone());
    let matches = |name: &str, cert: &CertificateInfo| {
        matches!(match_name(name, cert, driver), NameMatch::Matches { .. })
    };
    let mut covered = match (&validated, target) {
        (Some(v), Some(c)) if !local => matches(v, c),
        _ => false,
    };
    if !local && !covered {
        if let (Some(v), Some(cert)) = (&validated, target) {
            let pick = if reference.is_some() {
                name_in(cert, driver)
            } else {
                cn.map(str::to_string)
            };
            if let Some(name) = pick {
                let is_ip = host.as_deref().is_some_and(|h| {
                    h.trim_matches(['[', ']'])
                        .parse::<std::net::IpAddr>()
                        .is_ok()
                });
                let reason = if is_ip {
                    format!("The server is reached by the IP address '{v}'; the certificate holds host names, so the driver must validate '{name}' instead.")
                } else {
                    format!("The client connects with '{v}', which the certificate does not hold; the driver validates '{name}' instead (or add '{v}' to the certificate, see certreq-inf).")
                };
                match spell(Key::HostNameInCertificate, driver, gen, dialect, &st) {
                    Some(kw) => {
                        changes.push(Change {
                            action: if current_hnic.is_some() {
                                "changed"
                            } else {
                                "added"
                            },
                            keyword: kw_of(Key::HostNameInCertificate).unwrap_or(kw),
                            from: current_hnic.clone(),
                            to: Some(name.clone()),
                            why: reason,
                        });
                        plan.hnic = Some(name);
                        covered = true;
                    }
                    None => {
                        let (keyword, how) = match driver {
                            DriverId::Tedious => (
                                "serverName".to_string(),
                                format!("tedious takes this name from options.serverName in the config object (node-mssql: options: {{ serverName: '{name}' }}), not from the string."),
                            ),
                            DriverId::FreeTds => (
                                "certificate hostname".to_string(),
                                format!("Set 'certificate hostname = {name}' in freetds.conf."),
                            ),
                            _ => (
                                "HostNameInCertificate".to_string(),
                                format!("{} {} cannot be told another name: connect with '{name}', add '{v}' to the certificate (see certreq-inf), or upgrade (Microsoft.Data.SqlClient 5.0, ODBC Driver 18, OLE DB Driver 19 accept HostNameInCertificate).", driver.display_name(), gen.label()),
                            ),
                        };
                        changes.push(Change {
                            action: "offered",
                            keyword,
                            from: None,
                            to: Some(name),
                            why: format!("{reason} {how}"),
                        });
                    }
                }
            }
        }
    }

    // TrustServerCertificate.
    let can_validate = reference.is_some() && covered && !local;
    let tsc_kw = kw_of(Key::TrustServerCertificate);
    let tsc_val = conn.value(Key::TrustServerCertificate).map(str::to_string);
    let tsc_true = tsc_val.as_deref().is_some_and(is_true);
    if tsc_true {
        let keyword = tsc_kw
            .clone()
            .unwrap_or_else(|| "TrustServerCertificate".into());
        if can_validate {
            plan.remove_tsc = true;
            changes.push(Change {
                action: "removed",
                keyword,
                from: tsc_val.clone(),
                to: None,
                why: "The server certificate can be validated (its chain and the name match), so accepting any certificate is no longer needed; with it, anyone on the network path could impersonate the server.".into(),
            });
        } else {
            changes.push(Change {
                action: "offered",
                keyword,
                from: tsc_val.clone(),
                to: None,
                why: "Remove it once the server presents a certificate this client trusts and that carries the name it connects with (see certreq-inf and trust-root-commands); until then the client accepts any certificate.".into(),
            });
        }
    } else if tsc_val.is_none()
        && driver == DriverId::Tedious
        && can_validate
        && rep
            .findings
            .iter()
            .any(|f| f.rule == Rule::ConnTrustServerCertificate)
    {
        if let Some(kw) = spell(Key::TrustServerCertificate, driver, gen, dialect, &st) {
            plan.add_tsc_false = true;
            changes.push(Change {
                action: "added",
                keyword: kw,
                from: None,
                to: Some("false".into()),
                why: format!("tedious {} trusts any certificate by default; the server certificate can be validated, so turn that off.", gen.label()),
            });
        }
    }

    if changes.is_empty() {
        return None;
    }
    let corrected_raw = rewrite(&text, dialect, driver, gen, &st, &plan);
    let show = |s: &str| {
        if req.keep_secrets {
            s.to_string()
        } else {
            redact_as(s, dialect)
        }
    };

    // Which findings the corrected string no longer raises.
    let driver_spec = (!rep.driver_inferred).then(|| match &rep.driver_version {
        Some(v) => format!("{}@{}", rep.driver, v),
        None => rep.driver.as_str().to_string(),
    });
    let server_certs: Vec<CertificateInfo> = report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .map(|c| c.details.clone())
        .collect();
    let after = analyze_connection(
        &ConnectionRequest {
            text: &corrected_raw,
            driver: driver_spec.as_deref(),
            server_force_encryption: Some(rep.outcome.server_force_encryption),
        },
        &server_certs,
    );
    let fixes: Vec<Rule> = super::rules_fixed_by(RemedyKind::ConnectionFix)
        .filter(|&rule| count(&after.findings, rule) < count(&rep.findings, rule))
        .collect();

    // Strict, where server and driver support it and the certificate validates.
    let strict_to = strict_value(gen, dialect, &st)
        .filter(|_| supports_strict(gen, rep.driver_version.as_deref()));
    let strict = (report.server_version.is_some_and(|v| v.supports_strict())
        && strict_to.is_some()
        && can_validate)
        .then(|| {
            let mut p = plan.clone();
            p.encrypt = strict_to.map(str::to_string);
            p.remove_tsc = tsc_true;
            p.add_tsc_false = false;
            show(&rewrite(&text, dialect, driver, gen, &st, &p))
        });
    if strict.is_some() {
        changes.push(Change {
            action: "offered",
            keyword: enc_kw
                .or_else(|| spell(Key::Encrypt, driver, gen, dialect, &st))
                .unwrap_or_else(|| "Encrypt".into()),
            from: conn.value(Key::Encrypt).map(str::to_string),
            to: strict_to.map(str::to_string),
            why: "SQL Server 2022+ and this driver support TDS 8.0 (Encrypt=Strict): TLS before any TDS traffic, the certificate always validated, TLS 1.3 possible. See the `strict` string; AG, FCI, replication and some tools do not work with Force Strict Encryption on 2022.".into(),
        });
    }

    Some(ConnectionFix {
        connection: index,
        original: rep.redacted.clone(),
        corrected: show(&corrected_raw),
        changes,
        fixes,
        strict,
    })
}
