//! The decision table (facts B1–B8): given a parsed string, a driver
//! generation and whether the server forces encryption, what happens on the
//! wire and which certificate name is validated. Values, defaults and
//! feature versions come from the generation's [`Capabilities`] row; the
//! driver functions below keep only the true special cases.

use super::capabilities::{
    first_version_with, product_version, AuthValidation, Capabilities, EncryptMode as Mode,
    EncryptValues, ForcedOptional, TscDefault,
};
use super::driver::{DriverId, Generation, Version};
use super::keywords::Key;
use super::model::ConnectionString;
use serde::{Deserialize, Serialize};

/// How much of the connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    /// No TLS at all.
    None,
    /// Only the login packet is encrypted. Most drivers accept any
    /// certificate for that handshake; some validate it
    /// ([`Capabilities::login_only_validates`]: go-mssqldb with `encrypt`
    /// given; ODBC 17 and OLE DB 18 with `Authentication`), and then
    /// [`Outcome::certificate_validated`] is true and a certificate they
    /// cannot validate fails the connection.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OutcomeJson")]
pub struct Outcome {
    /// Driver id (JSON: the id string, e.g. `"odbc"`).
    pub driver: DriverId,
    /// Generation (JSON: its label, e.g. `"18"` or `"5.0+"`).
    pub version: Generation,
    /// Whether the server forces encryption (ForceEncryption=Yes).
    pub server_force_encryption: bool,
    /// What is encrypted.
    pub encryption: Encryption,
    /// Whether the server certificate is checked (chain and name, or a pin),
    /// for the whole connection or, with [`Encryption::LoginOnly`], for the
    /// login handshake.
    pub certificate_validated: bool,
    /// The name matched against the certificate, when it is matched.
    pub validated_name: Option<String>,
    /// A `ServerCertificate` pin replaces chain and name checks.
    #[serde(skip_serializing_if = "is_false")]
    pub pinned: bool,
    /// A short reason in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The real client versions this generation and server setting were
    /// observed with, every cell matching (tests/conformance); empty when the
    /// row rests on the driver's source and documentation only.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub verified_with: &'static [&'static str],
}

/// [`Outcome`] as its JSON holds it: the generation is a label, unique only
/// within its driver (ODBC 18 and OLE DB 18 are both `"18"`), so it is read
/// back together with the driver.
#[derive(Deserialize)]
struct OutcomeJson {
    driver: DriverId,
    version: String,
    server_force_encryption: bool,
    encryption: Encryption,
    certificate_validated: bool,
    validated_name: Option<String>,
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default, deserialize_with = "crate::interned::list")]
    verified_with: &'static [&'static str],
}

impl TryFrom<OutcomeJson> for Outcome {
    type Error = String;

    fn try_from(o: OutcomeJson) -> Result<Self, String> {
        let version = Generation::of(o.driver, &o.version)
            .ok_or_else(|| format!("{} has no generation '{}'", o.driver, o.version))?;
        Ok(Outcome {
            driver: o.driver,
            version,
            server_force_encryption: o.server_force_encryption,
            encryption: o.encryption,
            certificate_validated: o.certificate_validated,
            validated_name: o.validated_name,
            pinned: o.pinned,
            note: o.note,
            verified_with: o.verified_with,
        })
    }
}

/// A problem met while resolving the settings for one generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The driver rejects a value (or a combination): the connection fails.
    InvalidValue {
        /// The keyword the problem is about.
        key: Key,
        /// The value as written (trimmed; empty for a combination).
        value: String,
        /// What to tell people.
        message: String,
    },
    /// The keyword is not supported by this version.
    Unsupported {
        /// The keyword.
        key: Key,
        /// What to tell people.
        message: String,
    },
    /// The driver complains about a value but carries on (FreeTDS).
    Tolerated {
        /// The keyword.
        key: Key,
        /// The value as written (trimmed).
        value: String,
        /// What to tell people.
        message: String,
    },
}

impl Problem {
    /// The keyword the problem is about.
    pub fn key(&self) -> Key {
        match self {
            Problem::InvalidValue { key, .. }
            | Problem::Unsupported { key, .. }
            | Problem::Tolerated { key, .. } => *key,
        }
    }

    /// The message for people.
    pub fn message(&self) -> &str {
        match self {
            Problem::InvalidValue { message, .. }
            | Problem::Unsupported { message, .. }
            | Problem::Tolerated { message, .. } => message,
        }
    }

    /// Is this a rejected value of `key`?
    pub fn is_invalid(&self, key: Key) -> bool {
        matches!(self, Problem::InvalidValue { key: k, .. } if *k == key)
    }
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
    matrix_at(conn, driver, None)
}

/// [`matrix`], with the row of the generation `exact` falls in decided at
/// that exact version (tedious 15.0.0 has no 'strict', 16.3 has).
pub fn matrix_at(
    conn: &ConnectionString,
    driver: DriverId,
    exact: Option<Version>,
) -> Vec<Outcome> {
    let exact_gen = exact.map(|v| driver.generation_for(v));
    driver
        .generations()
        .iter()
        .flat_map(|&g| {
            let at = exact.filter(|_| exact_gen == Some(g));
            [false, true].map(|f| resolve(conn, g, at, f).outcome)
        })
        .collect()
}

struct Ctx<'a> {
    conn: &'a ConnectionString,
    gen: Generation,
    caps: &'static Capabilities,
    exact: Option<Version>,
    force: bool,
    problems: Vec<Problem>,
    notes: Vec<String>,
    tsc_on: bool,
    tsc_default: bool,
    hnic_used: bool,
    name_checked: bool,
    lowercase_name: bool,
    /// The login-only handshake validates the certificate (unless TSC).
    login_validates: bool,
}

impl Ctx<'_> {
    /// `Authentication` (non-empty) or `Access Token` is in the string and
    /// this generation changes encryption and validation for it.
    fn auth_override(&self) -> AuthValidation {
        let given = self
            .conn
            .value(Key::Authentication)
            .is_some_and(|v| !v.trim().is_empty())
            || self.conn.get(Key::AccessToken).is_some_and(|s| !s.empty);
        if given {
            self.caps.auth_validation
        } else {
            AuthValidation::Unchanged
        }
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

    fn invalid(&mut self, key: Key, message: String) {
        let value = self.val(key).unwrap_or_default();
        self.problems.push(Problem::InvalidValue {
            key,
            value,
            message,
        });
    }

    fn unsupported(&mut self, key: Key, message: String) {
        self.problems.push(Problem::Unsupported { key, message });
    }

    fn fails(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p, Problem::InvalidValue { .. }))
    }

    /// The `Encrypt` values that apply to this string.
    fn encrypt_values(&self) -> &'static EncryptValues {
        let kw = self
            .conn
            .get(Key::Encrypt)
            .map(|s| super::keywords::normalize(&s.keyword))
            .unwrap_or_default();
        // FreeTDS's ODBC `Encryption` keyword takes the freetds.conf values
        // (src/odbc/connectparams.c: TDS_STR_ENCRYPTION as given).
        if kw == "encryption" {
            if let Some(conf) = &self.caps.encrypt_conf {
                return conf;
            }
        }
        self.caps
            .encrypt_values(self.conn.dialect, kw == "use encryption for data")
    }

    /// Is `key` written with an ODBC-form keyword (`Encrypt`,
    /// `HostNameInCertificate`) that this version does not read yet
    /// (FreeTDS's ODBC driver before 1.5)? Then it is ignored.
    fn odbc_keyword_ignored(&self, key: Key) -> bool {
        let odbc_form = match key {
            Key::Encrypt => "encrypt",
            Key::HostNameInCertificate => "hostnameincertificate",
            _ => return false,
        };
        self.conn.dialect == super::Dialect::Odbc
            && self
                .conn
                .get(key)
                .is_some_and(|s| super::keywords::normalize(&s.keyword) == odbc_form)
            && !self.caps.encrypt_keyword_at(self.exact)
    }

    /// The mode the string's `Encrypt` selects: `None` when absent,
    /// `Some(Err(value))` when this generation (or exact version) rejects it.
    fn encrypt(&self) -> Option<Result<Mode, String>> {
        let v = self.lower(Key::Encrypt)?;
        Some(match self.encrypt_values().mode(&v) {
            Some(Mode::Strict) if !self.caps.strict_at(self.exact) => Err(v),
            Some(m) => Ok(m),
            None => Err(v),
        })
    }

    /// The accepted `Encrypt` values, for messages.
    fn valid_encrypt(&self) -> String {
        let values = self.encrypt_values();
        let mut list = values.all().join(", ");
        if let (Some(first), Some(_)) = (self.caps.strict_gated_within(), values.strict_value()) {
            list.push_str(&format!(
                " (strict from {})",
                product_version(self.gen.driver(), first)
            ));
        }
        list
    }

    /// Parse TrustServerCertificate with this generation's spellings; `None` when absent.
    fn tsc(&mut self, what: &str) -> Option<bool> {
        let (yes, no) = (self.caps.tsc_true, self.caps.tsc_false);
        let v = self.lower(Key::TrustServerCertificate)?;
        if yes.contains(&v.as_str()) {
            Some(true)
        } else if no.contains(&v.as_str()) {
            Some(false)
        } else {
            let kw = self.kw(Key::TrustServerCertificate);
            let valid: Vec<&str> = yes.iter().chain(no.iter()).copied().collect();
            self.invalid(
                Key::TrustServerCertificate,
                format!(
                    "{kw}={} is not accepted by {what} (valid: {}).",
                    short(&v),
                    valid.join(", ")
                ),
            );
            None
        }
    }

    /// TrustServerCertificate as given, else this generation's default.
    fn tsc_or_default(&mut self, what: &str) -> bool {
        match self.tsc(what) {
            Some(t) => t,
            None => {
                let d = match self.caps.tsc_default {
                    TscDefault::Off => false,
                    TscDefault::On => true,
                    TscDefault::OnWhenEncryptAbsent => !self.conn.has(Key::Encrypt),
                };
                self.tsc_default = d;
                d
            }
        }
    }

    /// "needs Microsoft.Data.SqlClient 5.0 or later" for a feature of this
    /// driver (or of its successor, for System.Data.SqlClient).
    fn needs(&self, pick: fn(&Capabilities) -> Option<Version>) -> String {
        let driver = match self.gen.driver() {
            DriverId::SystemDataSqlClient => DriverId::SqlClient,
            d => d,
        };
        match first_version_with(driver, pick) {
            Some(v) => format!("{} or later", product_version(driver, v)),
            None => format!("a {} that supports it", driver.display_name()),
        }
    }

    /// (ServerCertificate is given, it is given and this generation reads it
    /// at this version).
    fn pin_supported(&mut self) -> (bool, bool) {
        let given = self.conn.has(Key::ServerCertificate);
        let ok = given && self.caps.server_certificate_at(self.exact);
        (given, ok)
    }

    /// A name override (HostNameInCertificate, tedious `serverName`, FreeTDS
    /// `certificate hostname`) that this version does not read is ignored,
    /// with a finding: the host itself is matched.
    fn ignore_unread_host_name(&mut self, who: &str) {
        if self.hnic_used
            && self.conn.has(Key::HostNameInCertificate)
            && !self.caps.host_name_in_certificate_at(self.exact)
        {
            let needs = self.needs(|c| c.host_name_in_certificate_since);
            let kw = self.kw(Key::HostNameInCertificate);
            self.unsupported(
                Key::HostNameInCertificate,
                format!("{kw} needs {needs}; {who} ignores it and matches the host."),
            );
            self.hnic_used = false;
        }
    }

    /// ODBC / OLE DB: HostNameInCertificate and ServerCertificate that this
    /// version does not read are ignored (with a finding each). Returns
    /// whether the pin is read.
    fn ignore_unread_overrides(&mut self, who: &str) -> bool {
        self.ignore_unread_host_name(who);
        let (pin_given, pin_ok) = self.pin_supported();
        if pin_given && !pin_ok {
            let needs = self.needs(|c| c.server_certificate_since);
            let kw = self.kw(Key::ServerCertificate);
            self.unsupported(
                Key::ServerCertificate,
                format!("{kw} needs {needs}; it is ignored."),
            );
        }
        pin_ok
    }
}

/// Encrypt=Strict with the Microsoft drivers: TrustServerCertificate is ignored.
fn strict_ignoring_tsc(ctx: &mut Ctx<'_>, tsc: bool, pinned: bool) -> Decided {
    if tsc {
        ctx.notes
            .push("TrustServerCertificate is ignored with Strict.".into());
    }
    strict(
        "Encrypt=Strict: TDS 8.0, the certificate is always validated.",
        pinned,
    )
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
        caps: gen.capabilities(),
        exact,
        force,
        problems: Vec::new(),
        notes: Vec::new(),
        tsc_on: false,
        tsc_default: false,
        hnic_used: true,
        name_checked: true,
        lowercase_name: false,
        login_validates: gen.capabilities().login_only_validates,
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
        let login_ok = d.encryption == Encryption::LoginOnly;
        (
            d.encryption,
            d.validated && (enc_ok || login_ok),
            d.pinned && d.validated && (enc_ok || login_ok),
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
                Problem::InvalidValue { message, .. } => Some(message.clone()),
                Problem::Unsupported { .. } | Problem::Tolerated { .. } => None,
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
            driver: ctx.gen.driver(),
            version: ctx.gen,
            server_force_encryption: ctx.force,
            encryption,
            certificate_validated: validated,
            validated_name,
            pinned,
            note: Some(note).filter(|n| !n.is_empty()),
            verified_with: super::verified::clients(ctx.gen, ctx.force),
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
/// encryption; then this generation either validates the certificate (per its
/// row's [`ForcedOptional`]) or encrypts without checking it.
fn optional(ctx: &Ctx<'_>, why: &str, forced: &str) -> Decided {
    let note = format!("{why} The server forces encryption: {forced}");
    if !ctx.force {
        login_only(ctx, &format!("{why} Only the login packet is encrypted."))
    } else if ctx.caps.forced_optional == ForcedOptional::Validates || ctx.login_validates {
        full(ctx, &note)
    } else {
        Decided::new(Encryption::Full, false, note)
    }
}

/// Only the login is encrypted; validated when this generation's login-only
/// handshake validates (and TrustServerCertificate is off).
fn login_only(ctx: &Ctx<'_>, why: &str) -> Decided {
    if ctx.login_validates && !ctx.tsc_on {
        Decided::new(
            Encryption::LoginOnly,
            true,
            format!("{why} The login handshake validates the certificate: one the client cannot validate makes the connection fail."),
        )
    } else {
        Decided::new(Encryption::LoginOnly, false, why)
    }
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

/// The string's Encrypt, else the row's default; a rejected value is
/// recorded with `message(keyword, value, valid)` and resolves to `fallback`.
fn encrypt_mode(
    ctx: &mut Ctx<'_>,
    fallback: Mode,
    message: impl Fn(&str, &str, &str) -> String,
) -> Mode {
    match ctx.encrypt() {
        None => ctx.caps.default_encrypt,
        Some(Ok(m)) => m,
        Some(Err(v)) => {
            let msg = message(&ctx.kw(Key::Encrypt), &short(&v), &ctx.valid_encrypt());
            ctx.invalid(Key::Encrypt, msg);
            fallback
        }
    }
}

// ---------------------------------------------------------------- SqlClient

fn sqlclient(ctx: &mut Ctx<'_>) -> Decided {
    use Generation::*;
    let gen = ctx.gen;
    let name = match gen {
        Sds => "System.Data.SqlClient".to_string(),
        g => format!("SqlClient {}", g.label()),
    };
    if ctx.conn.has(Key::HostNameInCertificate) && !ctx.caps.host_name_in_certificate_at(ctx.exact)
    {
        let kw = ctx.kw(Key::HostNameInCertificate);
        let needs = ctx.needs(|c| c.host_name_in_certificate_since);
        ctx.unsupported(Key::HostNameInCertificate, format!("{kw} needs {needs}."));
        ctx.invalid(
            Key::HostNameInCertificate,
            format!(
                "{name} does not know the keyword {kw} (ArgumentException: Keyword not supported)."
            ),
        );
    }
    let (pin_given, pin_ok) = ctx.pin_supported();
    if pin_given && !pin_ok {
        let kw = ctx.kw(Key::ServerCertificate);
        let needs = ctx.needs(|c| c.server_certificate_since);
        ctx.unsupported(Key::ServerCertificate, format!("{kw} needs {needs}."));
        ctx.invalid(
            Key::ServerCertificate,
            format!(
                "{name} does not know the keyword {kw} (ArgumentException: Keyword not supported)."
            ),
        );
    }
    // Special case: 4.0 turns encryption off for LocalDB (facts B1).
    if ctx.conn.is_localdb() && matches!(gen, Mds4 | Mds5Plus) {
        let mut d = Decided::new(
            Encryption::None,
            false,
            "LocalDB: SqlClient 4.0 and later turn encryption off for (localdb).",
        );
        d.localdb = true;
        return d;
    }
    let enc = encrypt_mode(ctx, Mode::Optional, |kw, v, valid| {
        format!("{kw}={v} is not accepted by {name} (valid: {valid}).")
    });
    let tsc = ctx.tsc(&name).unwrap_or(false);
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => strict_ignoring_tsc(ctx, tsc, pin_given),
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
                login_only(ctx, &format!("{why} Only the login packet is encrypted."))
            } else if ctx.caps.forced_optional != ForcedOptional::Validates {
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
    let name = format!("ODBC Driver {}", ctx.gen.label());
    let pin_ok = ctx.ignore_unread_overrides(&name);
    let defaulted = !ctx.conn.has(Key::Encrypt);
    // Authentication turns the default on and validates whatever Encrypt
    // says (ODBC 17: the row's auth_validation; facts B3).
    let auth = ctx.auth_override() != AuthValidation::Unchanged;
    let enc = if auth && defaulted {
        Mode::Mandatory
    } else {
        encrypt_mode(ctx, Mode::Optional, |kw, v, valid| {
            format!("{kw}={v} is not accepted by {name} (valid: {valid}).")
        })
    };
    let tsc = ctx.tsc(&name).unwrap_or(false);
    ctx.tsc_on = tsc;
    if auth {
        ctx.login_validates = true;
        ctx.notes.push(format!(
            "With Authentication, {name} validates the certificate whatever Encrypt says (unless TrustServerCertificate)."
        ));
    }
    match enc {
        Mode::Strict => strict_ignoring_tsc(ctx, tsc, pin_ok),
        Mode::Mandatory => {
            let why = if auth && defaulted {
                format!("{name} with Authentication defaults to Encrypt=yes.")
            } else if defaulted {
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
            let forced = if ctx.caps.forced_optional == ForcedOptional::Validates || auth {
                format!("ODBC {} validates the certificate.", ctx.gen.label())
            } else {
                format!(
                    "ODBC {} encrypts but never checks the certificate.",
                    ctx.gen.label()
                )
            };
            optional(ctx, &why, &forced)
        }
    }
}

// ---------------------------------------------------------------- OLE DB

fn oledb(ctx: &mut Ctx<'_>) -> Decided {
    let label = ctx.gen.label();
    let name = format!("OLE DB Driver {label}");
    let pin_ok = ctx.ignore_unread_overrides(&format!("OLE DB {label}"));
    // Special case: OLE DB 18 with Authentication/Access Token encrypts and
    // validates by default (facts B4).
    let auth = ctx.auth_override() != AuthValidation::Unchanged;
    // An initialization string (it names the Provider) goes through
    // IDataInitialize, whose Core Component "explicitly sets encryption to its
    // default value of `no`", so the default is not overridden there; a
    // provider string is (sql-docs oledb/features/using-azure-active-directory.md
    // "Encryption").
    let idatainit = ctx.conn.has(Key::Provider);
    let auth_default = !ctx.conn.has(Key::Encrypt) && auth && !idatainit;
    if auth && idatainit && !ctx.conn.has(Key::Encrypt) {
        ctx.notes.push(format!("{name} keeps Encrypt=no for an initialization string (IDataInitialize / ADO sets it explicitly); add Use Encryption for Data=true."));
    }
    let enc = if auth_default {
        Mode::Mandatory
    } else {
        encrypt_mode(ctx, Mode::Optional, |kw, v, valid| {
            format!("{kw}={v} is not accepted by {name} (valid: {valid}).")
        })
    };
    let mut tsc = ctx.tsc(&name).unwrap_or(false);
    if auth {
        // OLE DB 18 with Authentication / Access Token validates whatever the
        // encryption setting; the string's TrustServerCertificate counts only
        // with the registry's Trust Server Certificate = 1 (default 0).
        ctx.login_validates = true;
        if tsc {
            ctx.notes.push(format!("With Authentication or Access Token, {name} ignores TrustServerCertificate in the string unless the client registry setting Trust Server Certificate is 1 (it is 0 by default)."));
        }
        tsc = false;
    }
    if pin_ok && enc != Mode::Strict {
        ctx.invalid(
            Key::ServerCertificate,
            format!(
                "{} can only be used with strict encryption (OLE DB Driver 19).",
                ctx.kw(Key::ServerCertificate)
            ),
        );
    }
    ctx.tsc_on = tsc;
    let defaulted = !ctx.conn.has(Key::Encrypt);
    match enc {
        Mode::Strict => strict_ignoring_tsc(ctx, tsc, pin_ok),
        Mode::Mandatory => {
            let why = if auth_default {
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
            let forced = if ctx.caps.forced_optional == ForcedOptional::Validates || auth {
                format!("OLE DB {label} validates the certificate.")
            } else {
                format!("OLE DB {label} ignores TrustServerCertificate and does not validate the certificate.")
            };
            optional(ctx, &why, &forced)
        }
    }
}

// ---------------------------------------------------------------- JDBC

fn jdbc(ctx: &mut Ctx<'_>) -> Decided {
    let name = format!("JDBC {}", ctx.gen.label());
    ctx.lowercase_name = true;
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    let enc = encrypt_mode(ctx, Mode::Optional, |kw, v, valid| {
        // Special case: JDBC names "yes" in its rejection (R_InvalidConnectionSetting).
        let yes = if v == "yes" {
            " \"yes\" is rejected by JDBC (R_InvalidConnectionSetting);"
        } else {
            ""
        };
        format!("{kw}={v} is not accepted by {name}:{yes} valid: {valid}.")
    });
    let tsc = ctx.tsc(&name).unwrap_or(false);
    ctx.tsc_on = tsc;
    if ctx.conn.has(Key::TrustedCa) {
        ctx.notes
            .push("Validated against the trustStore given in the URL.".into());
    }
    if pin_given && enc != Mode::Strict {
        ctx.unsupported(
            Key::ServerCertificate,
            format!(
                "{} is read only with encrypt=strict; it is ignored here.",
                ctx.kw(Key::ServerCertificate)
            ),
        );
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
                login_only(ctx, &format!("{why} Only the login packet is encrypted (the driver trusts any certificate for it)."))
            } else if ctx.caps.forced_optional != ForcedOptional::Validates {
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

fn go(ctx: &mut Ctx<'_>) -> Decided {
    let present = ctx.conn.has(Key::Encrypt);
    let enc = encrypt_mode(ctx, Mode::Optional, |kw, v, valid| {
        format!("{kw}={v} is not accepted by go-mssqldb (valid: {valid}).")
    });
    let tsc = ctx.tsc_or_default("go-mssqldb (strconv.ParseBool)");
    // Special case: strict forces TrustServerCertificate off.
    ctx.tsc_on = tsc && enc != Mode::Strict;
    let pin_given = ctx.conn.has(Key::ServerCertificate);
    if pin_given && (ctx.conn.has(Key::TrustedCa) || ctx.conn.has(Key::HostNameInCertificate)) {
        ctx.invalid(Key::ServerCertificate, "go-mssqldb rejects serverCertificate together with certificate or hostNameInCertificate.".into());
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
            let why = if present && !ctx.conn.has(Key::TrustServerCertificate) {
                format!(
                    "{}={}: go-mssqldb sets TrustServerCertificate to false once encrypt is given.",
                    ctx.kw(Key::Encrypt),
                    ctx.val(Key::Encrypt).unwrap_or_default()
                )
            } else if present {
                format!(
                    "{}={}.",
                    ctx.kw(Key::Encrypt),
                    ctx.val(Key::Encrypt).unwrap_or_default()
                )
            } else {
                "No encrypt setting: go-mssqldb uses encrypt=false and TrustServerCertificate=true."
                    .to_string()
            };
            if !ctx.force {
                pin(
                    login_only(ctx, &format!("{why} Only the login packet is encrypted.")),
                    pin_given,
                )
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
    let name = format!("tedious {}", ctx.gen.label());
    ctx.ignore_unread_host_name(&name);
    let strict_ok = ctx.caps.strict_at(ctx.exact);
    let enc = encrypt_mode(ctx, Mode::Off, |kw, v, _| {
        format!(
            "{kw}={v} is not accepted by {name}: options.encrypt must be a boolean{} (TypeError).",
            if strict_ok { " or 'strict'" } else { "" }
        )
    });
    let tsc = ctx.tsc_or_default(&name);
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
                d.note = format!("{why} {name} defaults to trustServerCertificate=true, so the certificate is not validated (node-mssql 7.0+ passes trustServerCertificate=false when the string does not set it).");
            }
            d
        }
        Mode::Strict => {
            let mut d = strict(
                "encrypt='strict': TDS 8.0 (TLS first, ALPN tds/8.0).",
                false,
            );
            // Special case: Node's rejectUnauthorized follows TSC even with strict.
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
    let name = format!("FreeTDS {}", ctx.gen.label());
    let mut tolerated = None;
    // FreeTDS's ODBC driver reads Encrypt and HostNameInCertificate from 1.5
    // (freetds include/freetds/odbc.h ODBC_PARAM_LIST at v1.5, absent at
    // v1.4.27; NEWS.md 1.5 "Add `Encrypt` and `HostNameInCertificate`
    // settings"); older versions skip unknown keywords.
    let mut ignored = false;
    for key in [Key::Encrypt, Key::HostNameInCertificate] {
        if ctx.odbc_keyword_ignored(key) {
            let since = product_version(DriverId::FreeTds, ctx.caps.encrypt_keyword_since);
            let kw = ctx.kw(key);
            ctx.unsupported(
                key,
                format!("{kw} needs {since} or later; {name} ignores it (its keyword is Encryption = off|request|require)."),
            );
            if key == Key::Encrypt {
                ignored = true;
            } else {
                ctx.hnic_used = false;
            }
        }
    }
    ctx.ignore_unread_host_name(&name);
    let encrypt = if ignored { None } else { ctx.encrypt() };
    let enc = match encrypt {
        None => {
            // Special case: TDS 7.1 and older default to off (facts B8).
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
                ctx.caps.default_encrypt
            }
        }
        Some(Ok(m)) => m,
        Some(Err(v)) => {
            // FreeTDS keeps going with "require" after a bad value: not a failure.
            let kw = ctx.kw(Key::Encrypt);
            let message = format!(
                "{kw} = {} is not accepted by {name} (valid: {}); FreeTDS logs an error and uses require.",
                short(&v),
                ctx.valid_encrypt()
            );
            tolerated = Some(Problem::Tolerated {
                key: Key::Encrypt,
                value: ctx.val(Key::Encrypt).unwrap_or_default(),
                message,
            });
            Mode::Mandatory
        }
    };
    let ca = ctx.val(Key::TrustedCa).filter(|s| !s.is_empty());
    let check_name = ctx
        .lower(Key::CheckHostname)
        .is_none_or(|v| !matches!(v.as_str(), "no" | "false" | "0" | "off"));
    ctx.name_checked = check_name;
    let validated = ca.is_some() || enc == Mode::Strict;
    // The login-only handshake checks what the full one checks: the chain
    // only with a ca file.
    ctx.login_validates = ctx.caps.login_only_validates && ca.is_some();
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
                login_only(ctx, "encryption = request: only the login packet is encrypted.")
            }
        }
        Mode::Mandatory => Decided::new(Encryption::Full, validated, format!("encryption = require. {ca_note}")),
        Mode::Strict => strict("encryption = strict: TDS 8.0; the certificate is validated (ca file defaults to system).", false),
    };
    if !check_name && d.validated {
        ctx.notes
            .push("check certificate hostname = no: the name is not checked.".into());
    }
    if let Some(p) = tolerated {
        ctx.notes.push(p.message().to_string());
        ctx.problems.push(p);
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
