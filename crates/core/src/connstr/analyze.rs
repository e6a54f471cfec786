//! The per-string entry point: parse, decide, and turn what was learned into
//! findings.

use super::capabilities::{first_version_with, product_version, EncryptMode, TlsStack};
use super::describe::describe;
use super::driver::{DriverId, DriverSpec, Generation};
use super::keywords::Key;
use super::model::{self, ServerAddress};
use super::name_match::{match_name_with, stacks, NameMatch};
use super::outcome::{matrix_at, resolve, Encryption, Outcome, Problem};
use super::{redact, Dialect};
use crate::catalogue::Rule;
use crate::cert::CertificateInfo;
use crate::finding::Finding;
use crate::verdict::ConnectionVerdict;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// One connection string to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConnectionRequest<'a> {
    /// The connection string (any dialect).
    pub text: &'a str,
    /// `ID[@VERSION]`, e.g. `odbc@17`; inferred from the string when absent.
    pub driver: Option<&'a str>,
    /// Whether the server forces encryption; `false` when absent.
    pub server_force_encryption: Option<bool>,
}

/// Everything sqltls says about one connection string. Secrets never appear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionReport {
    /// Grammar the string was read with.
    pub dialect: Dialect,
    /// Driver id (JSON: the id string, e.g. `"odbc"`).
    pub driver: DriverId,
    /// Driver version as given or as named by the string.
    pub driver_version: Option<String>,
    /// The driver was inferred from the string.
    pub driver_inferred: bool,
    /// Where it connects.
    pub server: ServerAddress,
    /// The string with secrets replaced by `<redacted>`.
    pub redacted: String,
    /// The outcome for the chosen driver, version and server setting.
    pub outcome: Outcome,
    /// Every generation of the driver × ForceEncryption no/yes.
    pub outcomes: Vec<Outcome>,
    /// Findings (`conn.*`, `match.*`).
    pub findings: Vec<Finding>,
    /// Will its clients get an encrypted connection to the right server?
    /// Judged once the certificates dropped alongside are known.
    pub verdict: ConnectionVerdict,
    /// What the chosen generation rejected or did not support, as data
    /// (the same facts as the `conn.invalid-value` / `conn.unknown-keyword`
    /// findings; not serialised).
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

fn is_ip(host: &str) -> bool {
    host.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .is_ok()
}

/// Analyse one connection string. `certs` are server certificates dropped
/// alongside (may be empty); each name-match finding's `certificate` is the
/// index into `certs` (the caller maps it to its report's index).
pub fn analyze_connection(
    req: &ConnectionRequest<'_>,
    certs: &[CertificateInfo],
) -> ConnectionReport {
    let mut findings = Vec::new();
    let spec = match req.driver.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match DriverSpec::parse(d) {
            Ok(s) => Some(s),
            Err(m) => {
                findings.push(Finding::new(
                    Rule::ConnInvalidValue,
                    format!("{m} The driver is inferred from the string instead."),
                ));
                None
            }
        },
    };
    let parsed = model::parse(req.text, spec.as_ref().map(|s| s.id));
    let conn = &parsed.conn;
    let driver = conn.driver;
    let (driver_version, exact) = match &spec {
        Some(s) => (s.version_text.clone(), s.version),
        None => (
            parsed.inferred_version.clone(),
            model::version_of(&parsed.inferred_version),
        ),
    };
    let gen: Generation = exact.map_or(driver.newest(), |v| driver.generation_for(v));
    // `odbc@18` means "some 18.x": features added within a generation are
    // gated only when a minor version was given.
    let gate = exact.filter(|_| driver_version.as_deref().is_some_and(|t| t.contains('.')));
    let force = req.server_force_encryption.unwrap_or(false);

    for e in conn.errors.iter().take(model::MAX_REPORTED) {
        findings.push(Finding::new(
            Rule::ConnSyntaxError,
            format!("At character {}: {}.", e.position, e.message),
        ));
    }
    if conn.errors.len() > model::MAX_REPORTED {
        findings.push(Finding::new(
            Rule::ConnSyntaxError,
            format!(
                "{} more syntax errors not listed.",
                conn.errors.len() - model::MAX_REPORTED
            ),
        ));
    }
    if conn.unknown.len() > model::MAX_REPORTED {
        findings.push(Finding::new(
            Rule::ConnUnknownKeyword,
            format!(
                "{} unknown keywords in all; only the first {} are listed.",
                conn.unknown.len(),
                model::MAX_REPORTED
            ),
        ));
    }
    for u in conn.unknown.iter().take(model::MAX_REPORTED) {
        let hint = match u.suggestion {
            Some(s) => format!(" Did you mean '{s}'?"),
            None => String::new(),
        };
        let effect = match driver {
            DriverId::SqlClient | DriverId::SystemDataSqlClient => {
                " SqlClient rejects it (Keyword not supported)."
            }
            _ => " The driver ignores it.",
        };
        findings.push(Finding::new(
            Rule::ConnUnknownKeyword,
            format!(
                "'{}' (character {}) is not a {} keyword.{hint}{effect}",
                u.keyword,
                u.position,
                driver.display_name()
            ),
        ));
    }

    let res = resolve(conn, gen, gate, force);
    let other = resolve(conn, gen, gate, !force);
    for p in &res.problems {
        match p {
            Problem::InvalidValue { message, .. } | Problem::Tolerated { message, .. } => {
                findings.push(Finding::new(Rule::ConnInvalidValue, message.clone()))
            }
            Problem::Unsupported { message, .. } => {
                findings.push(Finding::new(Rule::ConnUnknownKeyword, message.clone()))
            }
        }
    }
    let outcome = res.outcome.clone();
    let outcomes = matrix_at(conn, driver, gate);
    let who = format!("{} {}", driver.as_str(), gen.label());
    let force_words = |f: bool| {
        if f {
            "forces encryption"
        } else {
            "does not force encryption"
        }
    };

    // The client refuses encryption while the server forces it: the connection fails.
    let refused = outcome.encryption == Encryption::Fails
        && force
        && matches!(
            other.outcome.encryption,
            Encryption::None | Encryption::LoginOnly
        );
    if refused {
        findings.push(Finding::new(
            Rule::ConnEncryptDisabled,
            format!(
                "{who}: the string turns encryption off and the server forces encryption, so the connection fails. {}",
                outcome.note.clone().unwrap_or_default()
            )
            .trim()
            .to_string(),
        ));
    }
    if matches!(outcome.encryption, Encryption::None | Encryption::LoginOnly) && !res.localdb {
        let mut msg = format!(
            "{who}, server {}: {}. {}",
            force_words(force),
            outcome.encryption.as_str(),
            outcome.note.clone().unwrap_or_default()
        );
        if req.server_force_encryption.is_none() {
            msg.push_str(&format!(
                " If the server forces encryption: {}.",
                describe(&other.outcome)
            ));
        }
        findings.push(Finding::new(
            Rule::ConnEncryptDisabled,
            msg.trim().to_string(),
        ));
    }

    if res.tsc_matters || other.tsc_matters {
        let origin = if res.tsc_default {
            format!("{who} defaults TrustServerCertificate to true when the string does not set it")
        } else {
            "TrustServerCertificate is on".to_string()
        };
        let when = if res.tsc_matters {
            format!(
                "the encrypted connection (server {}) accepts any certificate",
                force_words(force)
            )
        } else {
            format!(
                "once the server {}, the connection is encrypted but accepts any certificate",
                force_words(!force)
            )
        };
        findings.push(Finding::new(
            Rule::ConnTrustServerCertificate,
            format!("{origin}: {when}. An attacker on the network path can impersonate the server and read or alter the traffic, including the credentials."),
        ));
    }

    // Encrypted without validation for a reason other than TrustServerCertificate:
    // the driver generation or a missing FreeTDS `ca file`.
    let unchecked =
        |o: &Outcome| o.encryption == Encryption::Full && !o.certificate_validated && !o.pinned;
    if unchecked(&outcome) && !res.tsc_matters {
        findings.push(Finding::new(
            Rule::ConnCertificateNotValidated,
            format!(
                "{who}, server {}: the connection is encrypted but the certificate is not validated. {}",
                force_words(force),
                outcome.note.clone().unwrap_or_default()
            )
            .trim()
            .to_string(),
        ));
    }

    let overridden = conn
        .value(Key::HostNameInCertificate)
        .is_some_and(|v| !v.trim().is_empty());
    if let Some(host) = conn.server.host.as_deref().filter(|h| is_ip(h)) {
        if !overridden {
            let state = if outcome.certificate_validated && !outcome.pinned {
                "The certificate is validated against this address, so it needs an IP address SAN entry."
            } else {
                "The certificate is not validated now; once it is, it needs an IP address SAN entry."
            };
            findings.push(Finding::new(
                Rule::ConnHostIsIp,
                format!("Server '{host}' is an IP address. {state}"),
            ));
        }
    }

    if driver.generations().len() > 1 {
        let mut parts = Vec::new();
        for f in [false, true] {
            let row: Vec<&Outcome> = outcomes
                .iter()
                .filter(|o| o.server_force_encryption == f)
                .collect();
            let first = row.first().map(|o| (o.encryption, o.certificate_validated));
            if row
                .iter()
                .any(|o| Some((o.encryption, o.certificate_validated)) != first)
            {
                let list: Vec<String> = row
                    .iter()
                    .map(|o| format!("{} {}", o.version.label(), describe(o)))
                    .collect();
                parts.push(format!("Server {}: {}.", force_words(f), list.join("; ")));
            }
        }
        if !parts.is_empty() {
            findings.push(Finding::new(
                Rule::ConnDefaultChanged,
                format!(
                    "{} generations treat this string differently. {}",
                    driver.display_name(),
                    parts.join(" ")
                ),
            ));
        }
    }

    // Strict asked for in any generation's spelling, whether or not this one has it.
    let strict_requested = conn.value(Key::Encrypt).is_some_and(|v| {
        driver.generations().iter().any(|g| {
            let caps = g.capabilities();
            [
                caps.encrypt_values(conn.dialect, false),
                caps.encrypt_values(conn.dialect, true),
            ]
            .iter()
            .any(|values| values.mode(v) == Some(EncryptMode::Strict))
        })
    });
    if strict_requested || res.strict {
        let min = strict_minimum(driver);
        findings.push(Finding::new(
            Rule::ConnStrictRequirements,
            format!("Strict encryption requested: needs SQL Server 2022+ and {min} or later; TrustServerCertificate is ignored; TLS 1.3 only via strict on Windows Server 2022+."),
        ));
    }

    if conn.has(Key::ServerCertificate) {
        let kw = conn
            .get(Key::ServerCertificate)
            .map(|s| s.keyword.clone())
            .unwrap_or_default();
        let msg = if outcome.pinned {
            format!("{kw} pins the server certificate for {who}: chain, name and expiry are not checked, and the pin breaks when the certificate is renewed.")
        } else {
            format!("{kw} is set but {who} does not use it with these settings ({}); where it is used it bypasses chain and name checks and breaks at renewal.", describe(&outcome))
        };
        findings.push(Finding::new(Rule::ConnServerCertificatePin, msg));
    }

    if res.localdb {
        findings.push(Finding::new(
            Rule::ConnLocaldbUnencrypted,
            format!("{who} does not encrypt connections to (localdb)."),
        ));
    }

    if conn.secret_present {
        findings.push(Finding::new(
            Rule::ConnSecretPresent,
            "The string contains a password, token or other secret; it is shown as <redacted>.",
        ));
    }

    if let Some(name) = outcome.validated_name.as_deref() {
        for (i, cert) in certs.iter().enumerate() {
            findings.push(name_finding(name, cert, driver, &who).for_certificate(i));
        }
    }

    ConnectionReport {
        dialect: conn.dialect,
        driver,
        driver_version,
        driver_inferred: spec.is_none(),
        server: conn.server.clone(),
        redacted: redact::redact_as(req.text, conn.dialect),
        outcome,
        outcomes,
        findings,
        verdict: ConnectionVerdict::default(),
        problems: res.problems,
    }
}

/// The first strict-capable version of `driver` from the capability table;
/// System.Data.SqlClient has none, so its successor's is named.
fn strict_minimum(driver: DriverId) -> String {
    match first_version_with(driver, |c| c.strict_since) {
        Some(v) => product_version(driver, v),
        None => {
            let successor = DriverId::SqlClient;
            let v = first_version_with(successor, |c| c.strict_since);
            format!(
                "{} ({} has no strict)",
                v.map_or_else(
                    || successor.display_name().to_string(),
                    |v| product_version(successor, v)
                ),
                driver.display_name()
            )
        }
    }
}

/// Where a stack checks names, for a sentence: "on Windows (Schannel)".
fn stack_place(stack: TlsStack) -> &'static str {
    match stack {
        TlsStack::Schannel => "on Windows (Schannel)",
        TlsStack::DotNet => "on Linux and macOS (.NET's check)",
        TlsStack::OpenSsl => "with OpenSSL (Linux and macOS builds)",
        TlsStack::GnuTls => "with GnuTLS (Debian's and Ubuntu's FreeTDS)",
        TlsStack::Java => "by the JDBC driver's own check",
        TlsStack::GoX509 => "by Go's crypto/x509",
        TlsStack::NodeTls => "by Node's tls.checkServerIdentity",
    }
}

fn name_finding(name: &str, cert: &CertificateInfo, driver: DriverId, who: &str) -> Finding {
    let label = format!(
        "certificate '{}' (SHA-1 {})",
        cert.subject, cert.thumbprint_sha1
    );
    let (windows, unix) = stacks(driver);
    let primary = match_name_with(windows, name, cert);
    // Where the driver runs on two stacks that disagree, say both.
    let other = unix
        .map(|stack| (stack, match_name_with(stack, name, cert)))
        .filter(|(_, m)| {
            matches!(m, NameMatch::Matches { .. }) != matches!(primary, NameMatch::Matches { .. })
        });
    if let Some((stack, m)) = other {
        let (yes, no, entry) = match (&primary, &m) {
            (NameMatch::Matches { entry }, _) => {
                (stack_place(windows), stack_place(stack), entry.clone())
            }
            (_, NameMatch::Matches { entry }) => {
                (stack_place(stack), stack_place(windows), entry.clone())
            }
            _ => unreachable!("the two answers differ"),
        };
        return Finding::new(
            Rule::MatchHostNameMismatch,
            format!("{who} validates '{name}': {label} covers it with {entry} {yes}, but not {no}. Fix: add '{name}' to the certificate's SAN as a plain DNS name, or connect with a name both accept."),
        );
    }
    match primary {
        NameMatch::Matches { entry } => {
            Finding::new(Rule::MatchHostNameOk, format!("{who} validates '{name}'; {label} covers it with {entry}."))
        }
        NameMatch::Mismatch { presented, common_name_ignored } => {
            let holds = if presented.is_empty() { "no names".to_string() } else { presented.join(", ") };
            let cn = if common_name_ignored {
                " Its subject CN would match, but this driver does not read the CN when a SAN is present (or never reads it)."
            } else {
                ""
            };
            Finding::new(
                Rule::MatchHostNameMismatch,
                format!(
                    "{who} validates '{name}', but {label} holds {holds}.{cn} Fix: add '{name}' to the certificate's SAN, connect with a name it holds, or set HostNameInCertificate (serverName / hostNameInCertificate) to one of them."
                ),
            )
        }
        NameMatch::LocalAlias { name } => Finding::new(
            Rule::MatchLocalName,
            format!("{who} connects to '{name}': Windows native SNI validates the machine name, managed SNI the literal '{name}'. {label} holds: {}.", cert.dns_names().join(", ")),
        ),
    }
}
