//! The decision table (facts B1–B8): given a parsed string, a driver
//! generation and whether the server forces encryption, what happens on the
//! wire and which certificate name is validated.

use super::driver::{DriverId, Generation, Version};
use super::keywords::Key;
use super::model::ConnectionString;
use super::Dialect;
use serde::Serialize;

/// How much of the connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    /// No TLS at all.
    None,
    /// Only the login packet is encrypted; the certificate is never validated.
    LoginOnly,
    /// The whole connection is encrypted (TDS 7.x, TLS after PRELOGIN).
    Full,
    /// TDS 8.0: TLS before anything else; the certificate is always validated.
    Strict,
    /// The driver refuses the settings or the connection fails.
    Fails,
}

impl Encryption {
    /// The JSON/text name.
    pub fn as_str(self) -> &'static str {
        match self {
            Encryption::None => "none",
            Encryption::LoginOnly => "login-only",
            Encryption::Full => "full",
            Encryption::Strict => "strict",
            Encryption::Fails => "fails",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What one driver generation does with one connection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Driver id.
    pub driver: String,
    /// Generation label, e.g. `"18"` or `"5.0+"`.
    pub version: String,
    /// Whether the server forces encryption (ForceEncryption=Yes).
    pub server_force_encryption: bool,
    /// What is encrypted.
    pub encryption: Encryption,
    /// Whether the server certificate is checked (chain and name, or a pin).
    pub certificate_validated: bool,
    /// The name matched against the certificate, when it is matched.
    pub validated_name: Option<String>,
    /// A `ServerCertificate` pin replaces chain and name checks.
    #[serde(skip_serializing_if = "is_false")]
    pub pinned: bool,
    /// A short reason in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A problem met while resolving the settings for one generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The driver rejects a value.
    InvalidValue(String),
    /// The keyword is not supported by this version.
    Unsupported(String),
    /// The driver complains about a value but carries on (FreeTDS).
    Tolerated(String),
}

/// Everything the resolution learned (for findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolution {
    pub outcome: Outcome,
    pub problems: Vec<Problem>,
    /// TrustServerCertificate is in effect (explicitly or by default).
    pub tsc_on: bool,
    /// TSC came from the driver's default, not the string.
    pub tsc_default: bool,
    /// The certificate is not validated because of TSC.
    pub tsc_matters: bool,
    /// Strict was requested and accepted.
    pub strict: bool,
    /// Encryption is off because the server is LocalDB.
    pub localdb: bool,
}

/// The outcome for `driver` at generation `version` (the newest generation of
/// `driver` if `version` belongs to another driver).
pub fn outcome(
    conn: &ConnectionString,
    driver: DriverId,
    version: Generation,
    server_force_encryption: bool,
) -> Outcome {
    let gen = if version.driver() == driver {
        version
    } else {
        driver.newest()
    };
    resolve(conn, gen, None, server_force_encryption).outcome
}

/// Every generation of `driver` × server force encryption no/yes.
pub fn matrix(conn: &ConnectionString, driver: DriverId) -> Vec<Outcome> {
    driver
        .generations()
        .iter()
        .flat_map(|&g| [false, true].map(|f| resolve(conn, g, None, f).outcome))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Encrypt only if the server requires it.
    Optional,
    /// Encrypt everything.
    Mandatory,
    /// TDS 8.0.
    Strict,
    /// Refuse encryption (go `disable`, tedious false, FreeTDS off).
    Off,
}

struct Ctx<'a> {
    conn: &'a ConnectionString,
    gen: Generation,
    exact: Option<Version>,
    force: bool,
    problems: Vec<Problem>,
    notes: Vec<String>,
    tsc_on: bool,
    tsc_default: bool,
    hnic_used: bool,
    name_checked: bool,
    lowercase_name: bool,
}

impl Ctx<'_> {
    fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        self.exact
            .is_none_or(|v| v >= Version::new(major, minor, patch))
    }

    fn val(&self, key: Key) -> Option<String> {
        self.conn.value(key).map(|v| v.trim().to_string())
    }

    fn lower(&self, key: Key) -> Option<String> {
        self.val(key).map(|v| v.to_ascii_lowercase())
    }

    fn kw(&self, key: Key) -> String {
        self.conn
            .get(key)
            .map(|s| s.keyword.clone())
            .unwrap_or_default()
    }

    fn invalid(&mut self, msg: String) {
        self.problems.push(Problem::InvalidValue(msg));
    }

    fn unsupported(&mut self, msg: String) {
        self.problems.push(Problem::Unsupported(msg));
    }

    fn fails(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p, Problem::InvalidValue(_)))
    }

    /// Parse a boolean with the driver's spellings; `None` when absent.
    fn boolean(&mut self, key: Key, yes: &[&str], no: &[&str], what: &str) -> Option<bool> {
        let v = self.lower(key)?;
        if yes.contains(&v.as_str()) {
            Some(true)
        } else if no.contains(&v.as_str()) {
            Some(false)
        } else {
            let kw = self.kw(key);
            let valid: Vec<&str> = yes.iter().chain(no.iter()).copied().collect();
            self.invalid(format!(
                "{kw}={} is not accepted by {what} (valid: {}).",
                short(&v),
                valid.join(", ")
            ));
            None
        }
    }
}

fn short(s: &str) -> String {
    super::driver::truncate(s, 40)
}

/// Resolve defaults, then decide.
pub(crate) fn resolve(
    conn: &ConnectionString,
    gen: Generation,
    exact: Option<Version>,
    force: bool,
) -> Resolution {
    let mut ctx = Ctx {
        conn,
        gen,
        exact,
        force,
        problems: Vec::new(),
        notes: Vec::new(),
        tsc_on: false,
        tsc_default: false,
        hnic_used: true,
        name_checked: true,
        lowercase_name: false,
    };
    let decided = match gen.driver() {
        DriverId::SqlClient | DriverId::SystemDataSqlClient => sqlclient(&mut ctx),
        DriverId::Odbc => odbc(&mut ctx),
        DriverId::OleDb => oledb(&mut ctx),
        DriverId::Jdbc => jdbc(&mut ctx),
        DriverId::GoMssqldb => go(&mut ctx),
        DriverId::Tedious => tedious(&mut ctx),
        DriverId::FreeTds => freetds(&mut ctx),
    };
    finish(ctx, decided)
}

/// What a driver function decided.
struct Decided {
    encryption: Encryption,
    validated: bool,
    pinned: bool,
    note: String,
    strict: bool,
    localdb: bool,
    /// Would be validated if TSC were off.
    tsc_matters: bool,
}

impl Decided {
    fn new(encryption: Encryption, validated: bool, note: impl Into<String>) -> Self {
        Decided {
            encryption,
            validated,
            pinned: false,
            note: note.into(),
            strict: false,
            localdb: false,
            tsc_matters: false,
        }
    }
}

fn finish(ctx: Ctx<'_>, d: Decided) -> Resolution {
    let failed = ctx.fails() || d.encryption == Encryption::Fails;
    let (encryption, validated, pinned) = if failed {
        (Encryption::Fails, false, false)
    } else {
        let enc_ok = matches!(d.encryption, Encryption::Full | Encryption::Strict);
        (
            d.encryption,
            d.validated && enc_ok,
            d.pinned && d.validated && enc_ok,
        )
    };
    let validated_name = if validated && !pinned && ctx.name_checked {
        let name = if ctx.hnic_used {
            ctx.conn.validated_host()
        } else {
            ctx.conn.server.host.clone()
        };
        name.map(|n| {
            if ctx.lowercase_name {
                n.to_lowercase()
            } else {
                n
            }
        })
    } else {
        None
    };
    let mut note = if failed {
        ctx.problems
            .iter()
            .find_map(|p| match p {
                Problem::InvalidValue(m) => Some(m.clone()),
                Problem::Unsupported(_) | Problem::Tolerated(_) => None,
            })
            .unwrap_or_else(|| d.note.clone())
    } else {
        d.note.clone()
    };
    for n in &ctx.notes {
        if !failed {
            note.push(' ');
            note.push_str(n);
        }
    }
    let note = note.trim().to_string();
    Resolution {
        outcome: Outcome {
            driver: ctx.gen.driver().as_str().to_string(),
            version: ctx.gen.label().to_string(),
            server_force_encryption: ctx.force,
            encryption,
            certificate_validated: validated,
            validated_name,
            pinned,
            note: Some(note).filter(|n| !n.is_empty()),
        },
        problems: ctx.problems,
        tsc_on: ctx.tsc_on,
        tsc_default: ctx.tsc_default,
        tsc_matters: !failed && d.tsc_matters,
        strict: !failed && d.strict,
        localdb: d.localdb,
    }
}

/// Full TLS, validated unless TSC.
fn full(ctx: &Ctx<'_>, why: &str) -> Decided {
    let mut d = Decided::new(Encryption::Full, !ctx.tsc_on, why);
    if ctx.tsc_on {
        d.note =
            format!("{why} TrustServerCertificate is on, so the certificate is not validated.");
        d.tsc_matters = true;
    }
    d
}

/// Encrypt=Optional/no: only the login is encrypted, unless the server forces
/// encryption; then this generation either validates the certificate
/// (`validates_when_forced`) or encrypts without checking it.
fn optional(ctx: &Ctx<'_>, why: &str, validates_when_forced: bool, forced: &str) -> Decided {
    let note = format!("{why} The server forces encryption: {forced}");
    if !ctx.force {
        login_only(&format!("{why} Only the login packet is encrypted."))
    } else if validates_when_forced {
        full(ctx, &note)
    } else {
        Decided::new(Encryption::Full, false, note)
    }
}

fn login_only(why: &str) -> Decided {
    Decided::new(Encryption::LoginOnly, false, why)
}

fn strict(why: &str, pinned: bool) -> Decided {
    let mut d = Decided::new(Encryption::Strict, true, why);
    d.strict = true;
    d.pinned = pinned;
    d
}

fn pin(mut d: Decided, pinned: bool) -> Decided {
    if pinned && d.validated {
        d.pinned = true;
        d.note
            .push_str(" The ServerCertificate pin replaces the chain and name checks.");
    }
    d
}

// ---------------------------------------------------------------- SqlClient

fn sqlclient(ctx: &mut Ctx<'_>) -> Decided {
    use Generation::*;
    let gen = ctx.gen;
    let name = match gen {
        Sds => "System.Data.SqlClient".to_string(),
        g => format!("SqlClient {}", g.label()),
    };
    let v5 = gen == Mds5Plus;
    if ctx.conn.has(Key::HostNameInCertificate) && !v5 {
        let kw = ctx.kw(Key::HostNameInCertificate);
        ctx.unsupported(format!("{kw} needs Microsoft.Data.SqlClient 5.0 or later."));
        ctx.invalid(format!(
            "{name} does not know the keyword {kw} (ArgumentException: Keyword not supported)."
        ));
    }
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    if pin_given && !(v5 && ctx.at_least(5, 1, 0)) {
        let kw = ctx.kw(Key::ServerCertificate);
        ctx.unsupported(format!("{kw} needs Microsoft.Data.SqlClient 5.1 or later."));
        ctx.invalid(format!(
            "{name} does not know the keyword {kw} (ArgumentException: Keyword not supported)."
        ));
    }
    let modern_default = matches!(gen, Mds4 | Mds5Plus);
    if ctx.conn.is_localdb() && modern_default {
        let mut d = Decided::new(
            Encryption::None,
            false,
            "LocalDB: SqlClient 4.0 and later turn encryption off for (localdb).",
        );
        d.localdb = true;
        return d;
    }
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            if modern_default {
                Mode::Mandatory
            } else {
                Mode::Optional
            }
        }
        Some(v) => match v.as_str() {
            "true" | "yes" => Mode::Mandatory,
            "false" | "no" => Mode::Optional,
            "mandatory" if v5 => Mode::Mandatory,
            "optional" if v5 => Mode::Optional,
            "strict" if v5 => Mode::Strict,
            _ => {
                let kw = ctx.kw(Key::Encrypt);
                let valid = if v5 {
                    "true, false, yes, no, mandatory, optional, strict"
                } else {
                    "true, false, yes, no"
                };
                ctx.invalid(format!(
                    "{kw}={} is not accepted by {name} (valid: {valid}).",
                    short(&v)
                ));
                Mode::Optional
            }
        },
    };
    let tsc = ctx
        .boolean(
            Key::TrustServerCertificate,
            &["true", "yes"],
            &["false", "no"],
            &name,
        )
        .unwrap_or(false);
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => {
            if tsc {
                ctx.notes
                    .push("TrustServerCertificate is ignored with Strict.".into());
            }
            strict(
                "Encrypt=Strict: TDS 8.0, the certificate is always validated.",
                pin_given,
            )
        }
        Mode::Mandatory => {
            let why = if defaulted {
                format!("{name} encrypts by default (Encrypt=Mandatory).")
            } else {
                "Encrypt=Mandatory/true.".to_string()
            };
            pin(full(ctx, &why), pin_given)
        }
        Mode::Optional | Mode::Off => {
            let why = if defaulted {
                format!("{name} defaults to Encrypt=false/Optional.")
            } else {
                "Encrypt=Optional/false.".to_string()
            };
            if !ctx.force {
                login_only(&format!("{why} Only the login packet is encrypted."))
            } else if matches!(gen, Mds1 | Sds) {
                Decided::new(
                    Encryption::Full,
                    false,
                    format!("{why} The server forces encryption: {name} encrypts without validating the certificate."),
                )
            } else {
                pin(full(ctx, &format!("{why} The server forces encryption: SqlClient 2.0+ validates the certificate.")), pin_given)
            }
        }
    }
}

// ---------------------------------------------------------------- ODBC

fn odbc(ctx: &mut Ctx<'_>) -> Decided {
    let o18 = ctx.gen == Generation::Odbc18;
    let name = if o18 {
        "ODBC Driver 18"
    } else {
        "ODBC Driver 17"
    };
    if ctx.conn.has(Key::HostNameInCertificate) && !o18 {
        ctx.unsupported(format!(
            "{} needs ODBC Driver 18.0 or later; ODBC Driver 17 ignores it.",
            ctx.kw(Key::HostNameInCertificate)
        ));
        ctx.hnic_used = false;
    }
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    let pin_ok = pin_given && o18 && ctx.at_least(18, 1, 0);
    if pin_given && !pin_ok {
        ctx.unsupported(format!(
            "{} needs ODBC Driver 18.1 or later; it is ignored.",
            ctx.kw(Key::ServerCertificate)
        ));
    }
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            if o18 {
                Mode::Mandatory
            } else {
                Mode::Optional
            }
        }
        Some(v) => match v.as_str() {
            "yes" | "true" => Mode::Mandatory,
            "no" | "false" => Mode::Optional,
            "mandatory" if o18 => Mode::Mandatory,
            "optional" if o18 => Mode::Optional,
            "strict" if o18 && ctx.at_least(18, 1, 2) => Mode::Strict,
            _ => {
                let kw = ctx.kw(Key::Encrypt);
                let valid = if o18 {
                    "yes, no, mandatory, optional, strict (18.1.2.1+)"
                } else {
                    "yes, no"
                };
                ctx.invalid(format!(
                    "{kw}={} is not accepted by {name} (valid: {valid}).",
                    short(&v)
                ));
                Mode::Optional
            }
        },
    };
    let tsc = ctx
        .boolean(
            Key::TrustServerCertificate,
            &["yes", "true"],
            &["no", "false"],
            name,
        )
        .unwrap_or(false);
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => {
            if tsc {
                ctx.notes
                    .push("TrustServerCertificate is ignored with Strict.".into());
            }
            strict(
                "Encrypt=Strict: TDS 8.0, the certificate is always validated.",
                pin_ok,
            )
        }
        Mode::Mandatory => {
            let why = if defaulted {
                format!("{name} encrypts by default (Encrypt=yes).")
            } else {
                "Encrypt=yes.".into()
            };
            full(ctx, &why)
        }
        Mode::Optional | Mode::Off => {
            let why = if defaulted {
                format!("{name} defaults to Encrypt=no.")
            } else {
                "Encrypt=no.".into()
            };
            if o18 {
                optional(ctx, &why, true, "ODBC 18 validates the certificate.")
            } else {
                optional(
                    ctx,
                    &why,
                    false,
                    "ODBC 17 encrypts but never checks the certificate.",
                )
            }
        }
    }
}

// ---------------------------------------------------------------- OLE DB

fn oledb(ctx: &mut Ctx<'_>) -> Decided {
    let o19 = ctx.gen == Generation::OleDb19;
    let name = if o19 {
        "OLE DB Driver 19"
    } else {
        "OLE DB Driver 18"
    };
    if ctx.conn.has(Key::HostNameInCertificate) && !o19 {
        ctx.unsupported(format!(
            "{} needs OLE DB Driver 19.0 or later; OLE DB 18 ignores it.",
            ctx.kw(Key::HostNameInCertificate)
        ));
        ctx.hnic_used = false;
    }
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    let pin_ok = pin_given && o19 && ctx.at_least(19, 2, 0);
    if pin_given && !pin_ok {
        ctx.unsupported(format!(
            "{} needs OLE DB Driver 19.2 or later; it is ignored.",
            ctx.kw(Key::ServerCertificate)
        ));
    }
    let idatainit = ctx
        .conn
        .get(Key::Encrypt)
        .is_some_and(|s| super::keywords::normalize(&s.keyword) == "use encryption for data");
    let auth = ctx.conn.has(Key::AccessToken) || ctx.conn.has(Key::Authentication);
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            if o19 || auth {
                Mode::Mandatory
            } else {
                Mode::Optional
            }
        }
        Some(v) => {
            let m = if o19 {
                match v.as_str() {
                    "yes" | "true" | "mandatory" => Some(Mode::Mandatory),
                    "no" | "false" | "optional" => Some(Mode::Optional),
                    "strict" => Some(Mode::Strict),
                    _ => None,
                }
            } else {
                match (idatainit, v.as_str()) {
                    (false, "yes") | (true, "true") => Some(Mode::Mandatory),
                    (false, "no") | (true, "false") => Some(Mode::Optional),
                    _ => None,
                }
            };
            m.unwrap_or_else(|| {
                let kw = ctx.kw(Key::Encrypt);
                let valid = match (o19, idatainit) {
                    (true, _) => "no, yes, true, false, Optional, Mandatory, Strict",
                    (false, true) => "true, false",
                    (false, false) => "yes, no",
                };
                ctx.invalid(format!(
                    "{kw}={} is not accepted by {name} (valid: {valid}).",
                    short(&v)
                ));
                Mode::Optional
            })
        }
    };
    let tsc = ctx
        .boolean(
            Key::TrustServerCertificate,
            &["yes", "true"],
            &["no", "false"],
            name,
        )
        .unwrap_or(false);
    if pin_ok && enc != Mode::Strict {
        ctx.invalid(format!(
            "{} can only be used with strict encryption (OLE DB Driver 19).",
            ctx.kw(Key::ServerCertificate)
        ));
    }
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => {
            if tsc {
                ctx.notes
                    .push("TrustServerCertificate is ignored with Strict.".into());
            }
            strict(
                "Encrypt=Strict: TDS 8.0, the certificate is always validated.",
                pin_ok,
            )
        }
        Mode::Mandatory => {
            let why = if defaulted && !o19 {
                "OLE DB 18 with Authentication/Access Token encrypts and validates by default."
                    .to_string()
            } else if defaulted {
                format!("{name} encrypts by default (Encrypt=Mandatory).")
            } else {
                "Encrypt=yes/Mandatory.".into()
            };
            full(ctx, &why)
        }
        Mode::Optional | Mode::Off => {
            let why = if defaulted {
                format!("{name} defaults to Encrypt=no.")
            } else {
                "Encrypt=no/Optional.".into()
            };
            if o19 {
                optional(ctx, &why, true, "OLE DB 19 validates the certificate.")
            } else {
                optional(
                    ctx,
                    &why,
                    false,
                    "OLE DB 18 ignores TrustServerCertificate and does not validate the certificate.",
                )
            }
        }
    }
}

// ---------------------------------------------------------------- JDBC

fn jdbc(ctx: &mut Ctx<'_>) -> Decided {
    use Generation::*;
    let gen = ctx.gen;
    let name = format!("JDBC {}", gen.label());
    ctx.lowercase_name = true;
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            if gen == JdbcTo10_1 {
                Mode::Optional
            } else {
                Mode::Mandatory
            }
        }
        Some(v) => match (gen, v.as_str()) {
            (_, "true") => Mode::Mandatory,
            (_, "false") => Mode::Optional,
            (Jdbc11_2Plus, "mandatory") => Mode::Mandatory,
            (Jdbc11_2Plus, "no" | "optional") => Mode::Optional,
            (Jdbc11_2Plus, "strict") => Mode::Strict,
            _ => {
                let kw = ctx.kw(Key::Encrypt);
                let valid = if gen == Jdbc11_2Plus {
                    "true, false, mandatory, optional, no, strict"
                } else {
                    "true, false"
                };
                let yes = if v == "yes" {
                    " \"yes\" is rejected by JDBC (R_InvalidConnectionSetting);"
                } else {
                    ""
                };
                ctx.invalid(format!(
                    "{kw}={} is not accepted by {name}:{yes} valid: {valid}.",
                    short(&v)
                ));
                Mode::Optional
            }
        },
    };
    let tsc = ctx
        .boolean(Key::TrustServerCertificate, &["true"], &["false"], &name)
        .unwrap_or(false);
    ctx.tsc_on = tsc;
    if ctx.conn.has(Key::TrustedCa) {
        ctx.notes
            .push("Validated against the trustStore given in the URL.".into());
    }
    if pin_given && enc != Mode::Strict {
        ctx.unsupported(format!(
            "{} is read only with encrypt=strict; it is ignored here.",
            ctx.kw(Key::ServerCertificate)
        ));
    }
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => {
            if tsc {
                ctx.notes
                    .push("trustServerCertificate is forced to false with strict.".into());
            }
            strict(
                "encrypt=strict: TDS 8.0, the certificate is always validated.",
                pin_given,
            )
        }
        Mode::Mandatory => {
            let why = if defaulted {
                format!("{name} defaults to encrypt=true.")
            } else {
                "encrypt=true.".into()
            };
            full(ctx, &why)
        }
        Mode::Optional | Mode::Off => {
            let why = if defaulted {
                format!("{name} defaults to encrypt=false.")
            } else {
                "encrypt=false.".into()
            };
            if !ctx.force {
                login_only(&format!("{why} Only the login packet is encrypted (the driver trusts any certificate for it)."))
            } else if gen == JdbcTo10_1 {
                Decided::new(
                    Encryption::Full,
                    false,
                    format!("{why} The server forces encryption: JDBC 10.1 and older encrypt without validating."),
                )
            } else {
                full(ctx, &format!("{why} The server forces encryption: JDBC 10.2+ validates whenever encryption is negotiated."))
            }
        }
    }
}

// ---------------------------------------------------------------- go-mssqldb

const GO_TRUE: &[&str] = &["1", "t", "true"];
const GO_FALSE: &[&str] = &["0", "f", "false"];

fn go(ctx: &mut Ctx<'_>) -> Decided {
    let present = ctx.conn.has(Key::Encrypt);
    let enc = match ctx.lower(Key::Encrypt) {
        None => Mode::Optional,
        Some(v) => match v.as_str() {
            "mandatory" | "yes" | "1" | "t" | "true" => Mode::Mandatory,
            "disable" => Mode::Off,
            "strict" => Mode::Strict,
            "optional" | "no" | "0" | "f" | "false" => Mode::Optional,
            _ => {
                let kw = ctx.kw(Key::Encrypt);
                ctx.invalid(format!(
                    "{kw}={} is not accepted by go-mssqldb (valid: mandatory, yes, 1, t, true, optional, no, 0, f, false, disable, strict).",
                    short(&v)
                ));
                Mode::Optional
            }
        },
    };
    let tsc_explicit = ctx.boolean(
        Key::TrustServerCertificate,
        GO_TRUE,
        GO_FALSE,
        "go-mssqldb (strconv.ParseBool)",
    );
    let tsc = match tsc_explicit {
        Some(t) => t,
        None => {
            ctx.tsc_default = !present;
            !present
        }
    };
    ctx.tsc_on = tsc && enc != Mode::Strict;
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    if pin_given && (ctx.conn.has(Key::TrustedCa) || ctx.conn.has(Key::HostNameInCertificate)) {
        ctx.invalid("go-mssqldb rejects serverCertificate together with certificate or hostNameInCertificate.".into());
    }
    if ctx.conn.has(Key::TrustedCa) {
        ctx.notes.push(
            "Validated against the CA in certificate= (it replaces the system roots).".into(),
        );
    }
    match enc {
        Mode::Off => {
            if ctx.force {
                Decided::new(Encryption::Fails, false, "encrypt=disable but the server requires encryption: the connection is refused.")
            } else {
                Decided::new(Encryption::None, false, "encrypt=disable: no TLS at all.")
            }
        }
        Mode::Strict => strict(
            "encrypt=strict: TDS 8.0, the certificate is always validated.",
            pin_given,
        ),
        Mode::Mandatory => pin(full(ctx, "encrypt=true."), pin_given),
        Mode::Optional => {
            let why = if present {
                "encrypt=false."
            } else {
                "No encrypt setting: go-mssqldb uses encrypt=false and TrustServerCertificate=true."
            };
            if !ctx.force {
                login_only(&format!("{why} Only the login packet is encrypted."))
            } else {
                pin(
                    full(ctx, &format!("{why} The server forces encryption.")),
                    pin_given,
                )
            }
        }
    }
}

// ---------------------------------------------------------------- tedious

fn tedious(ctx: &mut Ctx<'_>) -> Decided {
    use Generation::*;
    let gen = ctx.gen;
    let name = format!("tedious {}", gen.label());
    let strict_ok = gen == Tedious15Plus;
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            if gen == TediousTo6 {
                Mode::Off
            } else {
                Mode::Mandatory
            }
        }
        Some(v) => match v.as_str() {
            "true" => Mode::Mandatory,
            "false" => Mode::Off,
            "strict" if strict_ok => Mode::Strict,
            _ => {
                let kw = ctx.kw(Key::Encrypt);
                let valid = if strict_ok {
                    "true, false, 'strict'"
                } else {
                    "true, false"
                };
                ctx.invalid(format!("{kw}={} is not accepted by {name}: options.encrypt must be a boolean{} (TypeError).", short(&v), if strict_ok { " or 'strict'" } else { "" }));
                let _ = valid;
                Mode::Off
            }
        },
    };
    let tsc_explicit = ctx.boolean(Key::TrustServerCertificate, &["true"], &["false"], &name);
    let tsc = match tsc_explicit {
        Some(t) => t,
        None => {
            let d = matches!(gen, TediousTo6 | Tedious7To8 | Tedious12To14);
            ctx.tsc_default = d;
            d
        }
    };
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Off | Mode::Optional => {
            let why = if defaulted {
                format!("{name} defaults to encrypt=false.")
            } else {
                "encrypt=false.".into()
            };
            if ctx.force {
                Decided::new(
                    Encryption::Fails,
                    false,
                    format!("{why} The server requires encryption: tedious fails with EENCRYPT (\"Server requires encryption, set 'encrypt' config option to true.\")."),
                )
            } else {
                Decided::new(Encryption::None, false, format!("{why} No TLS at all."))
            }
        }
        Mode::Mandatory => {
            let why = if defaulted {
                format!("{name} defaults to encrypt=true.")
            } else {
                "encrypt=true.".into()
            };
            let mut d = full(ctx, &why);
            if ctx.tsc_default && tsc {
                d.note = format!("{why} {name} defaults to trustServerCertificate=true, so the certificate is not validated.");
            }
            d
        }
        Mode::Strict => {
            let mut d = strict(
                "encrypt='strict': TDS 8.0 (TLS first, ALPN tds/8.0).",
                false,
            );
            if tsc {
                d.validated = false;
                d.tsc_matters = true;
                d.note.push_str(" trustServerCertificate=true still turns off certificate validation in Node's TLS (rejectUnauthorized=false).");
            }
            d
        }
    }
}

// ---------------------------------------------------------------- FreeTDS

fn freetds(ctx: &mut Ctx<'_>) -> Decided {
    let v15 = ctx.gen == Generation::FreeTds1_5Plus;
    let name = format!("FreeTDS {}", ctx.gen.label());
    let conf = ctx.conn.dialect == Dialect::Freetds;
    let enc = match ctx.lower(Key::Encrypt) {
        None => {
            let old_tds = ctx.val(Key::TdsVersion).is_some_and(|t| {
                let t = t.trim();
                matches!(
                    t,
                    "4.2" | "5.0" | "7.0" | "7.1" | "4" | "5" | "70" | "71" | "42" | "50"
                )
            });
            if old_tds {
                Mode::Off
            } else {
                Mode::Optional
            }
        }
        Some(v) => {
            let m = if conf {
                match v.as_str() {
                    "off" => Some(Mode::Off),
                    "request" => Some(Mode::Optional),
                    "require" => Some(Mode::Mandatory),
                    "strict" if v15 => Some(Mode::Strict),
                    _ => None,
                }
            } else {
                match v.as_str() {
                    "strict" if v15 => Some(Mode::Strict),
                    "mandatory" | "true" | "yes" => Some(Mode::Mandatory),
                    "optional" | "false" | "no" => Some(Mode::Optional),
                    _ => None,
                }
            };
            m.unwrap_or_else(|| {
                let kw = ctx.kw(Key::Encrypt);
                let valid = match (conf, v15) {
                    (true, true) => "off, request, require, strict",
                    (true, false) => "off, request, require",
                    (false, true) => "strict, mandatory, true, yes, optional, false, no",
                    (false, false) => "mandatory, true, yes, optional, false, no",
                };
                ctx.problems.push(Problem::InvalidValue(format!(
                    "{kw} = {} is not accepted by {name} (valid: {valid}); FreeTDS logs an error and uses require.",
                    short(&v)
                )));
                Mode::Mandatory
            })
        }
    };
    // FreeTDS keeps going with "require" after a bad value: not a failure.
    let bad_value = ctx
        .problems
        .iter()
        .position(|p| matches!(p, Problem::InvalidValue(_)));
    let saved = bad_value.map(|i| ctx.problems.remove(i));
    let ca = ctx.val(Key::TrustedCa).filter(|s| !s.is_empty());
    let check_name = ctx
        .lower(Key::CheckHostname)
        .is_none_or(|v| !matches!(v.as_str(), "no" | "false" | "0" | "off"));
    ctx.name_checked = check_name;
    let validated = ca.is_some() || enc == Mode::Strict;
    let ca_note = if ca.is_some() {
        "ca file is set, so the certificate is validated."
    } else {
        "No ca file: FreeTDS accepts any certificate."
    };
    let d = match enc {
        Mode::Off => {
            if ctx.force {
                Decided::new(Encryption::Fails, false, "encryption = off but the server requires encryption: the connection is refused.")
            } else {
                Decided::new(Encryption::None, false, "encryption = off: no TLS at all.")
            }
        }
        Mode::Optional => {
            if ctx.force {
                Decided::new(Encryption::Full, validated, format!("encryption = request and the server forces encryption. {ca_note}"))
            } else {
                login_only("encryption = request: only the login packet is encrypted.")
            }
        }
        Mode::Mandatory => Decided::new(Encryption::Full, validated, format!("encryption = require. {ca_note}")),
        Mode::Strict => strict("encryption = strict: TDS 8.0; the certificate is validated (ca file defaults to system).", false),
    };
    if !check_name && d.validated {
        ctx.notes
            .push("check certificate hostname = no: the name is not checked.".into());
    }
    if let Some(Problem::InvalidValue(m) | Problem::Unsupported(m) | Problem::Tolerated(m)) = saved
    {
        ctx.notes.push(m.clone());
        ctx.problems.push(Problem::Tolerated(m));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connstr::model::parse;

    fn o(text: &str, driver: DriverId, gen: Generation, force: bool) -> Outcome {
        let p = parse(text, Some(driver));
        outcome(&p.conn, driver, gen, force)
    }

    #[test]
    fn mds_rows() {
        use Generation::*;
        let d = DriverId::SqlClient;
        let s = "Server=sql01;Encrypt=false";
        assert!(!o(s, d, Mds1, true).certificate_validated);
        assert!(o(s, d, Mds2To3, true).certificate_validated);
        assert_eq!(o(s, d, Mds2To3, false).encryption, Encryption::LoginOnly);
        assert_eq!(
            o("Server=sql01", d, Mds4, false).encryption,
            Encryption::Full
        );
        assert_eq!(
            o("Server=(localdb)\\MSSQLLocalDB", d, Mds4, false).encryption,
            Encryption::None
        );
        let strict = o(
            "Server=sql01;Encrypt=Strict;TrustServerCertificate=true",
            d,
            Mds5Plus,
            false,
        );
        assert_eq!(strict.encryption, Encryption::Strict);
        assert!(strict.certificate_validated);
        assert_eq!(
            o("Server=sql01;Encrypt=Strict", d, Mds4, false).encryption,
            Encryption::Fails
        );
    }
}
