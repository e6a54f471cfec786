//! One capability row per driver generation (facts B1–B9, D): the accepted
//! `Encrypt` and TrustServerCertificate values, the defaults, what happens
//! when the server forces encryption, strict (TDS 8.0) support and the TLS
//! stack that checks the certificate name.
//!
//! Everything that decides outcomes, findings and remedies reads these rows;
//! nothing else states these facts.

use super::driver::{DriverId, Version};
use super::Dialect;
use serde::{Serialize, Serializer};

/// What the client asks for, after its defaults and synonyms are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncryptMode {
    /// Encrypt only if the server requires it (the login packet always).
    Optional,
    /// Encrypt everything (TDS 7.x, TLS after PRELOGIN).
    Mandatory,
    /// TDS 8.0: TLS before anything else.
    Strict,
    /// Refuse encryption (go `disable`, tedious `false`, FreeTDS `off`).
    Off,
}

/// The values one form of the `Encrypt` keyword accepts, in their documented
/// spelling; the drivers compare them case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncryptValues {
    /// Values meaning [`EncryptMode::Mandatory`].
    pub mandatory: &'static [&'static str],
    /// Values meaning [`EncryptMode::Optional`].
    pub optional: &'static [&'static str],
    /// Values meaning [`EncryptMode::Off`].
    pub off: &'static [&'static str],
    /// Values meaning [`EncryptMode::Strict`] (gated by
    /// [`Capabilities::strict_since`]).
    pub strict: &'static [&'static str],
    /// The value sqltls writes to turn encryption on.
    pub on: &'static str,
}

impl EncryptValues {
    /// The mode `value` selects (case-insensitive, trimmed); `None` when the
    /// value is not accepted.
    pub fn mode(&self, value: &str) -> Option<EncryptMode> {
        let v = value.trim();
        let has = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(v));
        if has(self.mandatory) {
            Some(EncryptMode::Mandatory)
        } else if has(self.optional) {
            Some(EncryptMode::Optional)
        } else if has(self.off) {
            Some(EncryptMode::Off)
        } else if has(self.strict) {
            Some(EncryptMode::Strict)
        } else {
            None
        }
    }

    /// Every accepted value, in documentation order (on, optional, off, strict).
    pub fn all(&self) -> Vec<&'static str> {
        self.mandatory
            .iter()
            .chain(self.optional)
            .chain(self.off)
            .chain(self.strict)
            .copied()
            .collect()
    }

    /// The strict value as written (`Strict` or `strict`), if any.
    pub fn strict_value(&self) -> Option<&'static str> {
        self.strict.first().copied()
    }
}

/// TrustServerCertificate when the string does not set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TscDefault {
    /// Off: the certificate is validated.
    Off,
    /// On: any certificate is accepted (tedious ≤8 and 12–14).
    On,
    /// On only when `encrypt` is absent too (go-mssqldb).
    OnWhenEncryptAbsent,
}

/// What a client that asked for Optional does when the server forces encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForcedOptional {
    /// Full TLS and the certificate is validated (unless TrustServerCertificate).
    Validates,
    /// Full TLS without any certificate check.
    DoesNotValidate,
    /// The client refuses TLS, so the connection fails (tedious `encrypt: false`).
    Fails,
    /// Validated only when a `ca file` is configured (FreeTDS).
    WithCaFile,
}

/// What `Authentication` (or OLE DB `Access Token`) in the string does to
/// encryption and validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthValidation {
    /// Nothing: the keywords only choose the login method.
    Unchanged,
    /// Encrypt defaults to on, and the certificate is validated whatever the
    /// encryption setting (the login-only handshake too) unless
    /// TrustServerCertificate is on (ODBC Driver 17).
    ValidatesUnlessTrusted,
    /// Encrypt defaults to on, and the certificate is validated whatever the
    /// encryption setting; TrustServerCertificate in the string counts only
    /// when the client's registry setting Trust Server Certificate is 1,
    /// which it is not by default (OLE DB Driver 18).
    ValidatesAlways,
}

/// The TLS implementation that checks the server certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsStack {
    /// Windows Schannel (native SNI, the ODBC and OLE DB drivers on Windows).
    Schannel,
    /// .NET's managed SNI on Linux and macOS: the platform's check, then
    /// `X509Certificate2.MatchesHostname`.
    DotNet,
    /// OpenSSL.
    OpenSsl,
    /// GnuTLS (FreeTDS as Debian and Ubuntu build it).
    GnuTls,
    /// Java JSSE with the driver's own name check (`SQLServerTrustManager`).
    Java,
    /// Go `crypto/x509`.
    GoX509,
    /// Node.js `tls` (`checkServerIdentity`).
    NodeTls,
}

/// What one driver generation can do, and its defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The generation this row describes.
    pub generation: Generation,
    /// The driver it belongs to.
    pub driver: DriverId,
    /// Its label in JSON and tables (`"18"`, `"5.0+"`, `"all"`).
    pub label: &'static str,
    /// Its first version: versions from this one up to the next row's first
    /// version fall in this generation.
    pub first_version: Version,
    /// `Encrypt` values of the connection string (ODBC/OLE DB provider
    /// string, ADO.NET, URL properties).
    pub encrypt: EncryptValues,
    /// OLE DB IDataInitialize (`Use Encryption for Data`) values, when they
    /// differ from [`Capabilities::encrypt`].
    pub encrypt_idatainit: Option<EncryptValues>,
    /// `freetds.conf` `encryption` values (FreeTDS only).
    pub encrypt_conf: Option<EncryptValues>,
    /// What the client asks for when the string does not say.
    pub default_encrypt: EncryptMode,
    /// TrustServerCertificate values that turn it on.
    pub tsc_true: &'static [&'static str],
    /// TrustServerCertificate values that turn it off.
    pub tsc_false: &'static [&'static str],
    /// TrustServerCertificate when the string does not set it.
    pub tsc_default: TscDefault,
    /// Optional (or the default Optional) against a server that forces encryption.
    pub forced_optional: ForcedOptional,
    /// The TLS handshake that encrypts only the login validates the
    /// certificate as the full one does (unless TrustServerCertificate is
    /// on; FreeTDS: when a `ca file` is set). `false`: the login-only
    /// handshake accepts any certificate.
    pub login_only_validates: bool,
    /// What `Authentication` / `Access Token` in the string change.
    pub auth_validation: AuthValidation,
    /// First version whose connection-string parser reads the `Encrypt`
    /// (and `HostNameInCertificate`) keyword; `0.0.0` when every version
    /// does. Older versions ignore it (FreeTDS's ODBC driver before 1.5).
    pub encrypt_keyword_since: Version,
    /// First version with strict (TDS 8.0) encryption; `None` when this
    /// generation has none. A version above the generation's first version
    /// gates strict when an exact version is given.
    pub strict_since: Option<Version>,
    /// First version with a HostNameInCertificate keyword in the string.
    pub host_name_in_certificate_since: Option<Version>,
    /// First version with a ServerCertificate pin.
    pub server_certificate_since: Option<Version>,
    /// Who checks the certificate's name: on Windows, or wherever the
    /// driver runs when it has one stack.
    pub tls_stack: TlsStack,
    /// Who checks it on Linux and macOS (or, for FreeTDS, in Debian's and
    /// Ubuntu's GnuTLS builds), when that differs.
    pub tls_stack_unix: Option<TlsStack>,
}

impl Capabilities {
    /// The `Encrypt` values for a string in `dialect`; `idatainit` when the
    /// OLE DB string uses the IDataInitialize keyword `Use Encryption for Data`.
    pub fn encrypt_values(&self, dialect: Dialect, idatainit: bool) -> &EncryptValues {
        if dialect == Dialect::Freetds {
            if let Some(conf) = &self.encrypt_conf {
                return conf;
            }
        }
        if idatainit {
            if let Some(alt) = &self.encrypt_idatainit {
                return alt;
            }
        }
        &self.encrypt
    }

    /// Does this generation support strict at `exact` (any version of the
    /// generation when `None`)?
    pub fn strict_at(&self, exact: Option<Version>) -> bool {
        since(self.strict_since, exact)
    }

    /// Does this generation read ServerCertificate at `exact`?
    pub fn server_certificate_at(&self, exact: Option<Version>) -> bool {
        since(self.server_certificate_since, exact)
    }

    /// Does this generation read the string's `Encrypt` keyword at `exact`
    /// (at its first version when `None`)?
    pub fn encrypt_keyword_at(&self, exact: Option<Version>) -> bool {
        exact.unwrap_or(self.first_version) >= self.encrypt_keyword_since
    }

    /// Does this generation read HostNameInCertificate at `exact`?
    pub fn host_name_in_certificate_at(&self, exact: Option<Version>) -> bool {
        since(self.host_name_in_certificate_since, exact)
    }

    /// Strict needs a later version than this generation's first one.
    pub fn strict_gated_within(&self) -> Option<Version> {
        self.strict_since
            .filter(|v| *v > self.generation.first_version())
    }
}

fn since(first: Option<Version>, exact: Option<Version>) -> bool {
    match (first, exact) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(f), Some(v)) => v >= f,
    }
}

/// The first version of `driver` that has a feature (`pick` reads it from a row).
pub fn first_version_with(
    driver: DriverId,
    pick: fn(&Capabilities) -> Option<Version>,
) -> Option<Version> {
    driver
        .generations()
        .iter()
        .find_map(|g| pick(g.capabilities()))
}

/// A product and version for messages: `ODBC Driver 18.1.2`,
/// `Microsoft.Data.SqlClient 5.0`.
pub fn product_version(driver: DriverId, v: Version) -> String {
    let product = match driver {
        DriverId::SqlClient => "Microsoft.Data.SqlClient",
        DriverId::SystemDataSqlClient => "System.Data.SqlClient",
        DriverId::Odbc => "ODBC Driver",
        DriverId::OleDb => "OLE DB Driver",
        DriverId::Jdbc => "JDBC",
        DriverId::GoMssqldb => "go-mssqldb",
        DriverId::Tedious => "tedious",
        DriverId::FreeTds => "FreeTDS",
    };
    if v.patch == 0 {
        format!("{product} {}.{}", v.major, v.minor)
    } else {
        format!("{product} {v}")
    }
}

/// A span of driver versions that behave the same for encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// Microsoft.Data.SqlClient 1.x.
    Mds1,
    /// Microsoft.Data.SqlClient 2.x–3.x.
    Mds2To3,
    /// Microsoft.Data.SqlClient 4.x.
    Mds4,
    /// Microsoft.Data.SqlClient 5.0 and later.
    Mds5Plus,
    /// System.Data.SqlClient (every version).
    Sds,
    /// ODBC Driver 17 (and older: SQL Server Native Client, `{SQL Server}`).
    Odbc17,
    /// ODBC Driver 18.
    Odbc18,
    /// OLE DB Driver 18 (MSOLEDBSQL; also SQLOLEDB, SQLNCLI).
    OleDb18,
    /// OLE DB Driver 19 (MSOLEDBSQL19).
    OleDb19,
    /// JDBC 10.1 and older.
    JdbcTo10_1,
    /// JDBC 10.2–11.0.
    Jdbc10_2To11_0,
    /// JDBC 11.2 and later (strict).
    Jdbc11_2Plus,
    /// go-mssqldb before 1.6 (denisenkom/go-mssqldb; ParseBool `encrypt`).
    GoTo1_5,
    /// go-mssqldb 1.6 and later.
    Go,
    /// tedious 5 and older.
    TediousTo5,
    /// tedious 6.0.0–8.x.
    Tedious6To8,
    /// tedious 9.0.0–11.0.8.
    Tedious9To11_0_8,
    /// tedious 11.0.9–14.x.
    Tedious11_0_9To14,
    /// tedious 15 and later.
    Tedious15Plus,
    /// FreeTDS before 1.5.
    FreeTdsTo1_4,
    /// FreeTDS 1.5 and later.
    FreeTds1_5Plus,
}

impl Generation {
    /// Every generation, in driver and version order (the order of [`CAPABILITIES`]).
    pub const ALL: &'static [Generation] = &[
        Generation::Mds1,
        Generation::Mds2To3,
        Generation::Mds4,
        Generation::Mds5Plus,
        Generation::Sds,
        Generation::Odbc17,
        Generation::Odbc18,
        Generation::OleDb18,
        Generation::OleDb19,
        Generation::JdbcTo10_1,
        Generation::Jdbc10_2To11_0,
        Generation::Jdbc11_2Plus,
        Generation::GoTo1_5,
        Generation::Go,
        Generation::TediousTo5,
        Generation::Tedious6To8,
        Generation::Tedious9To11_0_8,
        Generation::Tedious11_0_9To14,
        Generation::Tedious15Plus,
        Generation::FreeTdsTo1_4,
        Generation::FreeTds1_5Plus,
    ];

    /// This generation's capability row.
    pub fn capabilities(self) -> &'static Capabilities {
        &CAPABILITIES[self as usize]
    }

    /// The label used in JSON (`"18"`, `"4.x"`, `"5.0+"`). Unique within a
    /// driver only: ODBC 18 and OLE DB 18 are both `"18"`.
    pub fn label(self) -> &'static str {
        self.capabilities().label
    }

    /// The generation of `driver` labelled `label`.
    pub fn of(driver: DriverId, label: &str) -> Option<Generation> {
        driver
            .generations()
            .iter()
            .copied()
            .find(|g| g.label() == label)
    }

    /// The driver this generation belongs to.
    pub fn driver(self) -> DriverId {
        self.capabilities().driver
    }

    /// The lowest version of this generation (used for keyword gating when
    /// only the generation is known).
    pub fn first_version(self) -> Version {
        self.capabilities().first_version
    }

    /// The shortest version text that selects this generation in an
    /// `ID@VERSION` spec: `15`, `1.6`, or `11.0.9` when the generation starts
    /// at a patch release.
    pub fn version_text(self) -> String {
        let v = self.first_version();
        if v.patch != 0 {
            v.to_string()
        } else if v.minor != 0 {
            format!("{}.{}", v.major, v.minor)
        } else {
            v.major.to_string()
        }
    }
}

impl Serialize for Generation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// Every row, in the order of the [`Generation`] variants.
pub static CAPABILITIES: &[Capabilities] = &[
    MDS1,
    MDS2_3,
    MDS4,
    MDS5,
    SDS,
    ODBC17,
    ODBC18,
    OLEDB18,
    OLEDB19,
    JDBC_10_1,
    JDBC_10_2,
    JDBC_11_2,
    GO_TO_1_5,
    GO,
    TEDIOUS_5,
    TEDIOUS_6,
    TEDIOUS_9,
    TEDIOUS_11_0_9,
    TEDIOUS_15,
    FREETDS_1_4,
    FREETDS_1_5,
];

const fn v(major: u32, minor: u32, patch: u32) -> Option<Version> {
    Some(Version::new(major, minor, patch))
}

// ------------------------------------------------------------ SqlClient (B1, B2)

/// SqlClient booleans (pre-5.0 `Encrypt` was a bool).
const SQLCLIENT_BOOL: EncryptValues = EncryptValues {
    mandatory: &["true", "yes"],
    optional: &["false", "no"],
    off: &[],
    strict: &[],
    on: "True",
};

/// Microsoft.Data.SqlClient 1.x: Encrypt defaults to false; a forced
/// connection is encrypted without validation (facts B1).
const MDS1: Capabilities = Capabilities {
    generation: Generation::Mds1,
    driver: DriverId::SqlClient,
    label: "1.x",
    first_version: Version::new(1, 0, 0),
    encrypt: SQLCLIENT_BOOL,
    encrypt_idatainit: None,
    encrypt_conf: None,
    default_encrypt: EncryptMode::Optional,
    tsc_true: &["true", "yes"],
    tsc_false: &["false", "no"],
    tsc_default: TscDefault::Off,
    forced_optional: ForcedOptional::DoesNotValidate,
    login_only_validates: false,
    auth_validation: AuthValidation::Unchanged,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: None,
    server_certificate_since: None,
    tls_stack: TlsStack::Schannel,
    tls_stack_unix: Some(TlsStack::DotNet),
};

/// Microsoft.Data.SqlClient 2.x–3.x: 2.0 validates whenever encryption is
/// forced (facts B1).
const MDS2_3: Capabilities = Capabilities {
    generation: Generation::Mds2To3,
    driver: DriverId::SqlClient,
    label: "2.x-3.x",
    first_version: Version::new(2, 0, 0),
    forced_optional: ForcedOptional::Validates,
    ..MDS1
};

/// Microsoft.Data.SqlClient 4.x: Encrypt defaults to Mandatory
/// (mds release-notes/4.0/4.0.0.md; facts B1).
const MDS4: Capabilities = Capabilities {
    generation: Generation::Mds4,
    driver: DriverId::SqlClient,
    label: "4.x",
    first_version: Version::new(4, 0, 0),
    default_encrypt: EncryptMode::Mandatory,
    ..MDS2_3
};

/// Microsoft.Data.SqlClient 5.0+: `Encrypt` becomes
/// `SqlConnectionEncryptOption` with `Strict` (TDS 8.0), and
/// HostNameInCertificate arrives — both in 5.0.0 (mds
/// release-notes/5.0/5.0.0.md "TDS 8 enhanced security"; the tds-8 doc's
/// "5.1" is a later minimum, not the first version). ServerCertificate from
/// 5.1 (mds DbConnectionStringKeywords.cs; facts B1).
const MDS5: Capabilities = Capabilities {
    generation: Generation::Mds5Plus,
    driver: DriverId::SqlClient,
    label: "5.0+",
    first_version: Version::new(5, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["true", "yes", "mandatory"],
        optional: &["false", "no", "optional"],
        off: &[],
        strict: &["Strict"],
        on: "True",
    },
    strict_since: v(5, 0, 0),
    host_name_in_certificate_since: v(5, 0, 0),
    server_certificate_since: v(5, 1, 0),
    ..MDS4
};

/// System.Data.SqlClient: booleans only, Encrypt false, never validates a
/// forced connection, no strict (facts B2).
const SDS: Capabilities = Capabilities {
    generation: Generation::Sds,
    driver: DriverId::SystemDataSqlClient,
    label: "all",
    first_version: Version::new(4, 0, 0),
    ..MDS1
};

// ------------------------------------------------------------ ODBC (B3)

/// ODBC Driver 17: Encrypt yes|no (default no); a forced connection is
/// encrypted but the certificate never checked (sql-docs
/// odbc/dsn-connection-string-attribute.md; facts B3).
///
/// With `Authentication` set (any value but the empty string, `SqlPassword`
/// included) the default turns to yes and the certificate is validated
/// whatever `Encrypt` says, unless TrustServerCertificate. sql-docs
/// docs/connect/odbc/using-azure-active-directory.md, `Encrypt` row: "If the
/// pre-attribute value of the `Authentication` setting is not _none_ in the
/// DSN or connection string, the default is `Yes`. Otherwise, the default is
/// `No`."; example 2 (`Authentication=SqlPassword`): "The client requests
/// encryption (the default value of `Encrypt` is `true`) and the server
/// certificate gets validated, regardless of the encryption setting (unless
/// `TrustServerCertificate` is set to `true`)."; example 5
/// (`Authentication=ActiveDirectoryPassword`): "Server certificate gets
/// validated, regardless of the encryption setting (unless
/// `TrustServerCertificate` is set to `true`)."
const ODBC17: Capabilities = Capabilities {
    generation: Generation::Odbc17,
    driver: DriverId::Odbc,
    label: "17",
    first_version: Version::new(17, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["yes", "true"],
        optional: &["no", "false"],
        off: &[],
        strict: &[],
        on: "yes",
    },
    encrypt_idatainit: None,
    encrypt_conf: None,
    default_encrypt: EncryptMode::Optional,
    tsc_true: &["yes", "true"],
    tsc_false: &["no", "false"],
    tsc_default: TscDefault::Off,
    forced_optional: ForcedOptional::DoesNotValidate,
    login_only_validates: false,
    auth_validation: AuthValidation::ValidatesUnlessTrusted,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: None,
    server_certificate_since: None,
    tls_stack: TlsStack::Schannel,
    tls_stack_unix: Some(TlsStack::OpenSsl),
};

/// ODBC Driver 18: Encrypt defaults to yes, Optional/Mandatory synonyms,
/// HostnameInCertificate (18.0), ServerCertificate (18.1), strict from
/// 18.1.2.1 (sql-docs odbc/dsn-connection-string-attribute.md, tds-8.md;
/// facts B3, D).
const ODBC18: Capabilities = Capabilities {
    generation: Generation::Odbc18,
    driver: DriverId::Odbc,
    label: "18",
    first_version: Version::new(18, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["yes", "true", "mandatory"],
        optional: &["no", "false", "optional"],
        off: &[],
        strict: &["strict"],
        on: "yes",
    },
    default_encrypt: EncryptMode::Mandatory,
    forced_optional: ForcedOptional::Validates,
    auth_validation: AuthValidation::Unchanged,
    strict_since: v(18, 1, 2),
    host_name_in_certificate_since: v(18, 0, 0),
    server_certificate_since: v(18, 1, 0),
    ..ODBC17
};

// ------------------------------------------------------------ OLE DB (B4)

/// OLE DB Driver 18: provider `Encrypt` yes|no, IDataInitialize
/// `Use Encryption for Data` true|false, default no (Authentication/Access
/// Token turn it on); TrustServerCertificate is ignored when a forced
/// connection is encrypted (sql-docs oledb/major-version-differences.md;
/// facts B4).
///
/// With `Authentication` or `Access Token`: sql-docs
/// docs/connect/oledb/features/encryption-and-certificate-validation.md,
/// "Major version 18 with new authentication methods": "when the new
/// **Authentication** or **Access Token** connection string keywords (or
/// their corresponding properties) are used, the driver overrides the default
/// encryption value by setting it to `yes`. [...] If encryption is set before
/// initialization via any means, the value is respected and not overridden."
/// and "the new authentication methods respect the `TrustServerCertificate`
/// setting (and its corresponding connection string keywords/properties)
/// **independently of the client encryption setting**. As a result, server
/// certificate is validated by default." Its table validates unless both the
/// client setting (registry, default 0) and the string say yes; with
/// resulting encryption No and validation Yes: "Encryption occurs for LOGIN
/// packets only if there's a verifiable server certificate, otherwise the
/// connection attempt fails."
const OLEDB18: Capabilities = Capabilities {
    generation: Generation::OleDb18,
    driver: DriverId::OleDb,
    label: "18",
    first_version: Version::new(18, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["yes"],
        optional: &["no"],
        off: &[],
        strict: &[],
        on: "yes",
    },
    encrypt_idatainit: Some(EncryptValues {
        mandatory: &["true"],
        optional: &["false"],
        off: &[],
        strict: &[],
        on: "true",
    }),
    encrypt_conf: None,
    default_encrypt: EncryptMode::Optional,
    tsc_true: &["yes", "true"],
    tsc_false: &["no", "false"],
    tsc_default: TscDefault::Off,
    forced_optional: ForcedOptional::DoesNotValidate,
    login_only_validates: false,
    auth_validation: AuthValidation::ValidatesAlways,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: None,
    server_certificate_since: None,
    tls_stack: TlsStack::Schannel,
    tls_stack_unix: None,
};

/// OLE DB 19 values, in both forms.
const OLEDB19_VALUES: EncryptValues = EncryptValues {
    mandatory: &["yes", "true", "Mandatory"],
    optional: &["no", "false", "Optional"],
    off: &[],
    strict: &["Strict"],
    on: "yes",
};

/// OLE DB Driver 19: no|yes|true|false|Optional|Mandatory|Strict in both
/// forms, default Mandatory, `Strict` "added in version 19.0.0" (sql-docs
/// oledb/major-version-differences.md; TLS 1.3 and ServerCertificate came in
/// 19.2, which is why some pages name 19.2). HostNameInCertificate from 19.0.
const OLEDB19: Capabilities = Capabilities {
    generation: Generation::OleDb19,
    driver: DriverId::OleDb,
    label: "19",
    first_version: Version::new(19, 0, 0),
    encrypt: OLEDB19_VALUES,
    encrypt_idatainit: Some(EncryptValues {
        on: "true",
        ..OLEDB19_VALUES
    }),
    default_encrypt: EncryptMode::Mandatory,
    forced_optional: ForcedOptional::Validates,
    auth_validation: AuthValidation::Unchanged,
    strict_since: v(19, 0, 0),
    host_name_in_certificate_since: v(19, 0, 0),
    server_certificate_since: v(19, 2, 0),
    ..OLEDB18
};

// ------------------------------------------------------------ JDBC (B5)

/// JDBC 10.1 and older: encrypt true|false ("yes" rejected), default false,
/// forced connections not validated (jdbc SQLServerDriver.java EncryptOption;
/// facts B5).
const JDBC_10_1: Capabilities = Capabilities {
    generation: Generation::JdbcTo10_1,
    driver: DriverId::Jdbc,
    label: "<=10.1",
    first_version: Version::new(10, 1, 0),
    encrypt: EncryptValues {
        mandatory: &["true"],
        optional: &["false"],
        off: &[],
        strict: &[],
        on: "true",
    },
    encrypt_idatainit: None,
    encrypt_conf: None,
    default_encrypt: EncryptMode::Optional,
    tsc_true: &["true"],
    tsc_false: &["false"],
    tsc_default: TscDefault::Off,
    forced_optional: ForcedOptional::DoesNotValidate,
    login_only_validates: false,
    auth_validation: AuthValidation::Unchanged,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: v(1, 0, 0),
    server_certificate_since: None,
    tls_stack: TlsStack::Java,
    tls_stack_unix: None,
};

/// JDBC 10.2–11.0: encrypt defaults to true (#1697) and a negotiated
/// encryption is always validated (#1731) (jdbc CHANGELOG.md; facts B5).
const JDBC_10_2: Capabilities = Capabilities {
    generation: Generation::Jdbc10_2To11_0,
    driver: DriverId::Jdbc,
    label: "10.2-11.0",
    first_version: Version::new(10, 2, 0),
    default_encrypt: EncryptMode::Mandatory,
    forced_optional: ForcedOptional::Validates,
    ..JDBC_10_1
};

/// JDBC 11.2+: encrypt=strict and the mandatory/optional/no synonyms
/// (jdbc SQLServerDriver.java EncryptOption L169; sql-docs tds-8.md names
/// JDBC 11.2); serverCertificate is read only with strict.
const JDBC_11_2: Capabilities = Capabilities {
    generation: Generation::Jdbc11_2Plus,
    driver: DriverId::Jdbc,
    label: "11.2+",
    first_version: Version::new(11, 2, 0),
    encrypt: EncryptValues {
        mandatory: &["true", "mandatory"],
        optional: &["false", "no", "optional"],
        off: &[],
        strict: &["strict"],
        on: "true",
    },
    strict_since: v(11, 2, 0),
    server_certificate_since: v(11, 2, 0),
    ..JDBC_10_2
};

// ------------------------------------------------------------ go-mssqldb (B6)

/// go-mssqldb before 1.6 (denisenkom/go-mssqldb, and the Debian package
/// `golang-github-denisenkom-go-mssqldb` 0.0~git20170717.0.8fccfc8): `encrypt`
/// is `disable` or a `strconv.ParseBool` value, nothing else (no strict, no
/// yes/no/mandatory/optional: denisenkom tds.go@8fccfc8 L1028-1042,
/// microsoft msdsn/conn_str.go@v1.5.0 L131-147). encrypt absent ⇒ Optional with
/// TrustServerCertificate true; encrypt given ⇒ TrustServerCertificate false,
/// and the handshake that encrypts only the login uses the same `tls.Config`
/// (`ServerName` = hostnameincertificate, default the host;
/// `InsecureSkipVerify` only with TSC): the login-only TLS validates the
/// certificate (denisenkom tds.go@8fccfc8 L1252-1267). Facts B6.
const GO_TO_1_5: Capabilities = Capabilities {
    generation: Generation::GoTo1_5,
    driver: DriverId::GoMssqldb,
    label: "<1.6",
    first_version: Version::new(0, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["true", "1", "t"],
        optional: &["false", "0", "f"],
        off: &["disable"],
        strict: &[],
        on: "true",
    },
    encrypt_idatainit: None,
    encrypt_conf: None,
    default_encrypt: EncryptMode::Optional,
    tsc_true: &["1", "t", "true"],
    tsc_false: &["0", "f", "false"],
    tsc_default: TscDefault::OnWhenEncryptAbsent,
    forced_optional: ForcedOptional::Validates,
    login_only_validates: true,
    auth_validation: AuthValidation::Unchanged,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: v(0, 0, 0),
    server_certificate_since: None,
    tls_stack: TlsStack::GoX509,
    tls_stack_unix: None,
};

/// go-mssqldb 1.6 and later: `encrypt` also takes
/// mandatory|yes / optional|no and `strict` (microsoft/go-mssqldb 3cc2463
/// "Accept additional values for encrypt", first tagged v1.6.0;
/// msdsn/conn_str.go parseTLS). encrypt absent ⇒ Optional with
/// TrustServerCertificate true; encrypt given ⇒ TSC false and the login-only
/// handshake validates the certificate: `SetupTLS(…, trustServerCert, host, …)`
/// builds the `tls.Config` with `ServerName` = host and `InsecureSkipVerify` =
/// TSC, and tds.go uses it whenever the server answers other than
/// ENCRYPT_NOT_SUP, switching back to clear text after the login when it
/// answered ENCRYPT_OFF (go msdsn/conn_str.go@46b5c6a L294-351, tds.go@46b5c6a
/// L1264-1305). serverCertificate from v1.9.6 (README). Facts B6.
const GO: Capabilities = Capabilities {
    generation: Generation::Go,
    label: "1.6+",
    first_version: Version::new(1, 6, 0),
    encrypt: EncryptValues {
        mandatory: &["true", "mandatory", "yes", "1", "t"],
        optional: &["false", "optional", "no", "0", "f"],
        off: &["disable"],
        strict: &["strict"],
        on: "true",
    },
    strict_since: v(1, 6, 0),
    host_name_in_certificate_since: v(1, 6, 0),
    server_certificate_since: v(1, 9, 6),
    ..GO_TO_1_5
};

// ------------------------------------------------------------ tedious (B7)

/// tedious 5 and older: `encrypt` is a boolean defaulting to false
/// (refuses TLS; a forcing server makes it fail with EENCRYPT);
/// trustServerCertificate defaults to true (tedious src/connection.js@v5.0.3
/// L178 `encrypt: false`, L423 `this.config.options.encrypt = false` when
/// absent, with the deprecation "The default value for `options.encrypt` will
/// change from `false` to `true`", L194 `trustServerCertificate: true`;
/// facts B7).
const TEDIOUS_5: Capabilities = Capabilities {
    generation: Generation::TediousTo5,
    driver: DriverId::Tedious,
    label: "<=5",
    first_version: Version::new(5, 0, 0),
    encrypt: EncryptValues {
        mandatory: &["true"],
        optional: &[],
        off: &["false"],
        strict: &[],
        on: "true",
    },
    encrypt_idatainit: None,
    encrypt_conf: None,
    default_encrypt: EncryptMode::Off,
    tsc_true: &["true"],
    tsc_false: &["false"],
    tsc_default: TscDefault::On,
    forced_optional: ForcedOptional::Fails,
    login_only_validates: false,
    auth_validation: AuthValidation::Unchanged,
    encrypt_keyword_since: Version::new(0, 0, 0),
    strict_since: None,
    host_name_in_certificate_since: None,
    server_certificate_since: None,
    tls_stack: TlsStack::NodeTls,
    tls_stack_unix: None,
};

/// tedious 6.0.0–8.x: encrypt defaults to true from v6.0.0 (commit 70ffe4ab
/// "feat: enable connection encryption by default"; src/connection.js@v6.0.0
/// L425 `this.config.options.encrypt = true` when absent; the defaults object
/// says `encrypt: true` from v6.7.0, src/connection.ts L521);
/// trustServerCertificate still true (src/connection.ts@v8.3.1 L541).
const TEDIOUS_6: Capabilities = Capabilities {
    generation: Generation::Tedious6To8,
    driver: DriverId::Tedious,
    label: "6-8",
    first_version: Version::new(6, 0, 0),
    default_encrypt: EncryptMode::Mandatory,
    ..TEDIOUS_5
};

/// tedious 9.0.0–11.0.8: trustServerCertificate defaults to false
/// (src/connection.ts@v9.0.0 L541 `trustServerCertificate: false`, PR #1116;
/// unchanged up to src/connection.ts@v11.0.8 L1250).
const TEDIOUS_9: Capabilities = Capabilities {
    generation: Generation::Tedious9To11_0_8,
    driver: DriverId::Tedious,
    label: "9-11.0.8",
    first_version: Version::new(9, 0, 0),
    tsc_default: TscDefault::Off,
    ..TEDIOUS_6
};

/// tedious 11.0.9–14.x: trustServerCertificate defaults to true again,
/// from 11.0.9 (commit 19948ee9 "refactor: pull in initial always-encrypted
/// code changes", tagged v11.0.9: src/connection.ts@v11.0.9 L1272
/// `trustServerCertificate: true`; still true at v12.0.0 L1268 and v14.7.0
/// L1292).
const TEDIOUS_11_0_9: Capabilities = Capabilities {
    generation: Generation::Tedious11_0_9To14,
    driver: DriverId::Tedious,
    label: "11.0.9-14",
    first_version: Version::new(11, 0, 9),
    tsc_default: TscDefault::On,
    ..TEDIOUS_6
};

/// tedious 15+: trustServerCertificate false by default (commit 04ebc299
/// "feat: change default value for `trustServerCertificate` option to
/// `false`", src/connection.ts@v15.0.0 L1266). `encrypt: 'strict'` (TLS
/// first, ALPN tds/8.0) and `options.serverName` (the name validated) came
/// later, in 16.3.0 (commit c02e30f0 "feat: add TDS8.0 Support for tedious
/// (#1522)": src/connection.ts@v16.3.0 L1510, L1672; absent at v16.2.0);
/// the conformance harness sees 15.0.0 throw a TypeError for 'strict' and
/// match the host whatever serverName says.
const TEDIOUS_15: Capabilities = Capabilities {
    generation: Generation::Tedious15Plus,
    driver: DriverId::Tedious,
    label: "15+",
    first_version: Version::new(15, 0, 0),
    encrypt: EncryptValues {
        strict: &["strict"],
        ..TEDIOUS_5.encrypt
    },
    tsc_default: TscDefault::Off,
    strict_since: v(16, 3, 0),
    host_name_in_certificate_since: v(16, 3, 0),
    ..TEDIOUS_6
};

// ------------------------------------------------------------ FreeTDS (B8)

/// FreeTDS before 1.5: `encryption = off|request|require` (default request,
/// off below TDS 7.1); ODBC `Encrypt` mandatory|true|yes / optional|false|no;
/// validated only with a `ca file` (freetds src/tds/config.c,
/// src/odbc/connectparams.c; facts B8). The login-only handshake is the same
/// `tds_ssl_init` as the full one (src/tds/login.c@v1.3.17 L1360;
/// src/tds/tls.c@v1.3.17 L480-496 GnuTLS, L985-994 OpenSSL), so a `ca file`
/// validates it too.
const FREETDS_1_4: Capabilities = Capabilities {
    generation: Generation::FreeTdsTo1_4,
    driver: DriverId::FreeTds,
    label: "<1.5",
    first_version: Version::new(1, 4, 0),
    encrypt: EncryptValues {
        mandatory: &["mandatory", "true", "yes"],
        optional: &["optional", "false", "no"],
        off: &[],
        strict: &[],
        on: "yes",
    },
    encrypt_idatainit: None,
    encrypt_conf: Some(EncryptValues {
        mandatory: &["require"],
        optional: &["request"],
        off: &["off"],
        strict: &[],
        on: "require",
    }),
    default_encrypt: EncryptMode::Optional,
    tsc_true: &[],
    tsc_false: &[],
    tsc_default: TscDefault::Off,
    forced_optional: ForcedOptional::WithCaFile,
    login_only_validates: true,
    auth_validation: AuthValidation::Unchanged,
    encrypt_keyword_since: Version::new(1, 5, 0),
    strict_since: None,
    host_name_in_certificate_since: None,
    server_certificate_since: None,
    tls_stack: TlsStack::OpenSsl,
    tls_stack_unix: Some(TlsStack::GnuTls),
};

/// FreeTDS 1.5+: `strict` in both forms ("strict new in 1.5", freetds
/// NEWS.md; facts B8), with `ca file` defaulting to system, and the
/// `certificate hostname` override (include/freetds/tds.h@v1.5.1
/// `TDS_STR_SSLHOSTNAME`; absent at v1.4.27 and v1.3.17, whose tsql and
/// pymssql the conformance harness sees match the host instead).
const FREETDS_1_5: Capabilities = Capabilities {
    generation: Generation::FreeTds1_5Plus,
    driver: DriverId::FreeTds,
    label: "1.5+",
    first_version: Version::new(1, 5, 0),
    encrypt: EncryptValues {
        strict: &["strict"],
        ..FREETDS_1_4.encrypt
    },
    encrypt_conf: Some(EncryptValues {
        mandatory: &["require"],
        optional: &["request"],
        off: &["off"],
        strict: &["strict"],
        on: "require",
    }),
    strict_since: v(1, 5, 0),
    host_name_in_certificate_since: v(1, 5, 0),
    ..FREETDS_1_4
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connstr::driver::ALL_DRIVERS;

    #[test]
    fn one_row_per_generation_in_order() {
        let gens: Vec<Generation> = ALL_DRIVERS
            .iter()
            .flat_map(|d| d.generations().iter().copied())
            .collect();
        let rows: Vec<Generation> = CAPABILITIES.iter().map(|c| c.generation).collect();
        assert_eq!(gens, rows);
        assert_eq!(Generation::ALL, rows.as_slice());
        for (index, g) in gens.into_iter().enumerate() {
            assert_eq!(g as usize, index, "{g:?} is out of place");
            assert_eq!(g.capabilities().generation, g);
        }
        // Within a driver, first versions rise, so each version has one generation.
        for d in ALL_DRIVERS {
            let firsts: Vec<Version> = d.generations().iter().map(|g| g.first_version()).collect();
            assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{d}: {firsts:?}");
            assert!(!firsts.is_empty(), "{d} has no generation");
        }
    }

    #[test]
    fn version_texts_select_their_generation() {
        for &g in Generation::ALL {
            let v = Version::parse(&g.version_text()).unwrap();
            assert_eq!(g.driver().generation_for(v), g, "{}", g.version_text());
        }
        assert_eq!(Generation::Tedious11_0_9To14.version_text(), "11.0.9");
        assert_eq!(Generation::Go.version_text(), "1.6");
    }

    #[test]
    fn strict_first_versions_fall_in_their_generation() {
        for c in CAPABILITIES {
            if let Some(s) = c.strict_since {
                assert_eq!(c.generation.driver().generation_for(s), c.generation);
            }
        }
    }
}
