//! `conn.*`: findings about connection strings.

use crate::finding::{RuleMeta, Severity, Source};

/// Connection-string grammars of the drivers.
pub const CONNECTION_STRING_SYNTAX: Source = Source {
    title: "Driver docs: connection string syntax and keywords",
    reference: "MicrosoftDocs/sql-docs: docs/connect/ado-net/connection-string-syntax.md, docs/connect/odbc/dsn-connection-string-attribute.md, docs/connect/jdbc/setting-the-connection-properties.md; microsoft/go-mssqldb msdsn/conn_str.go; FreeTDS/freetds src/tds/config.c; facts B1–B8",
};
/// How each driver generation encrypts and validates.
pub const DRIVER_ENCRYPTION_BEHAVIOUR: Source = Source {
    title: "Driver docs: encryption and certificate validation per driver version",
    reference: "MicrosoftDocs/sql-docs: docs/connect/ado-net/encryption-and-certificate-validation.md, docs/connect/odbc/major-version-differences.md, docs/connect/oledb/major-version-differences.md, docs/connect/oledb/features/encryption-and-certificate-validation.md, docs/connect/jdbc/understanding-ssl-support.md; microsoft/mssql-jdbc CHANGELOG.md (#1697, #1731); microsoft/go-mssqldb msdsn/conn_str.go; tediousjs/tedious src/connection.ts; FreeTDS/freetds doc/userguide.xml; facts B1–B8",
};
/// TrustServerCertificate and the trust chain.
pub const TRUST_SERVER_CERTIFICATE: Source = Source {
    title: "SQL Server docs: encryption and certificate validation; certificate chain not trusted",
    reference: "MicrosoftDocs/sql-docs: docs/connect/ado-net/encryption-and-certificate-validation.md; MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/certificate-chain-not-trusted.md; facts C",
};
/// Strict encryption (TDS 8.0).
pub const TDS8_STRICT: Source = Source {
    title: "SQL Server docs: TDS 8.0, TLS 1.3 support, connect with strict encryption",
    reference: "MicrosoftDocs/sql-docs: docs/relational-databases/security/networking/tds-8.md, tls-1-3.md, connect-with-tls-1-3.md, connect-with-strict-encryption.md; facts D",
};
/// Which name is validated.
pub const VALIDATED_NAME: Source = Source {
    title: "Which host name the client validates",
    reference: "MicrosoftDocs/sql-docs: docs/linux/sql-server-linux-encrypted-connections.md, docs/relational-databases/security/networking/connect-with-strict-encryption.md; dotnet/SqlClient issues #1437, #1753, #2112, #2115; facts B9",
};

/// `conn.syntax-error`.
pub static SYNTAX_ERROR: RuleMeta = RuleMeta {
    id: "conn.syntax-error",
    severity: Severity::Error,
    title: "Connection string does not parse",
    explanation: "The text does not follow the driver's connection-string grammar: a keyword without '=', an unterminated quote or brace, or text that fits no known format. The driver rejects such a string before it opens any connection, and the rest of this analysis may be based on a partial reading.",
    fix: "Correct the string at the given character position. Quote values that contain ';' with single or double quotes (ADO.NET, OLE DB; double a quote inside), or braces (ODBC, JDBC; double a '}' inside).",
    source: CONNECTION_STRING_SYNTAX,
};

/// `conn.unknown-keyword`.
pub static UNKNOWN_KEYWORD: RuleMeta = RuleMeta {
    id: "conn.unknown-keyword",
    severity: Severity::Warning,
    title: "Keyword the driver does not know",
    explanation: "The driver does not recognise this keyword, or not in this version. SqlClient throws 'Keyword not supported'; ODBC, JDBC and go-mssqldb silently ignore it, so a misspelled TrustServerCertificate or Encrypt quietly leaves the default in force.",
    fix: "Use the suggested spelling, or remove the keyword; for a keyword added in a later driver version, upgrade the driver or drop the keyword.",
    source: CONNECTION_STRING_SYNTAX,
};

/// `conn.invalid-value`.
pub static INVALID_VALUE: RuleMeta = RuleMeta {
    id: "conn.invalid-value",
    severity: Severity::Error,
    title: "Value the driver rejects",
    explanation: "The driver does not accept this value (for example JDBC rejects encrypt=yes, ODBC Driver 17 knows no Encrypt=strict, tedious needs a boolean), or the driver id given to sqltls is unknown. The connection fails with a configuration error before any TLS happens.",
    fix: "Use one of the values listed in the message for this driver and version.",
    source: CONNECTION_STRING_SYNTAX,
};

/// `conn.encrypt-disabled`.
pub static ENCRYPT_DISABLED: RuleMeta = RuleMeta {
    id: "conn.encrypt-disabled",
    severity: Severity::Warning,
    title: "Connection is not (fully) encrypted",
    explanation: "With these settings, this driver and this server configuration, either nothing is encrypted or only the login packet is. Queries, results and (for login-only) everything after the login cross the network in clear text, and the certificate is never checked.",
    fix: "Make sure clients trust the CA that issued the server certificate and that the certificate names the host clients use, then set Encrypt=Mandatory/true (or Strict on SQL Server 2022+), or turn on Force Encryption on the server. Do not add TrustServerCertificate=true to make it work.",
    source: DRIVER_ENCRYPTION_BEHAVIOUR,
};

/// `conn.trust-server-certificate`.
pub static TRUST_SERVER_CERT: RuleMeta = RuleMeta {
    id: "conn.trust-server-certificate",
    severity: Severity::Warning,
    title: "TrustServerCertificate turns off certificate validation",
    explanation: "The connection is encrypted but the server certificate is accepted without checking who issued it or which name it carries. An attacker on the network path can present any certificate, impersonate the server and read or alter all traffic, including the login credentials.",
    fix: "Trust the issuing CA on the client (install the root and intermediates, or use the driver's trust store option); make sure the certificate's SAN contains the name clients connect with; if clients must use another name, set HostNameInCertificate (serverName, hostNameInCertificate); then remove TrustServerCertificate (set it to false). Keep it only as a last resort on trusted networks.",
    source: TRUST_SERVER_CERTIFICATE,
};

/// `conn.certificate-not-validated`.
pub static CERTIFICATE_NOT_VALIDATED: RuleMeta = RuleMeta {
    id: "conn.certificate-not-validated",
    severity: Severity::Warning,
    title: "Encrypted, but this driver does not validate the certificate",
    explanation: "The connection is encrypted, yet the driver accepts any server certificate without TrustServerCertificate being set: older generations (System.Data.SqlClient, Microsoft.Data.SqlClient 1.x, ODBC 17, OLE DB 18, JDBC 10.1 and older) encrypt without checking when only the server forces encryption, and FreeTDS checks only when a `ca file` is configured. An attacker on the network path can impersonate the server and read or alter the traffic, including the credentials.",
    fix: "Ask for encryption on the client (Encrypt=Mandatory/yes/true) so the certificate is validated, or move to a driver generation that validates when the server forces encryption (Microsoft.Data.SqlClient 2.0+, ODBC 18, OLE DB 19, JDBC 10.2+); for FreeTDS set `ca file` (a CA bundle or `system`). Make sure clients trust the issuing CA and that the certificate names the host they use.",
    source: TRUST_SERVER_CERTIFICATE,
};

/// `conn.host-is-ip`.
pub static HOST_IS_IP: RuleMeta = RuleMeta {
    id: "conn.host-is-ip",
    severity: Severity::Warning,
    title: "Server is given by IP address",
    explanation: "The client validates the name it connected with. With an IP address that is the address itself, and server certificates rarely carry IP address SAN entries, so validation fails ('The target principal name is incorrect', 'Hostname/IP does not match certificate's altnames'). Some drivers (JDBC before 13.4) never match IP SANs at all.",
    fix: "Connect with the DNS name that is in the certificate; or keep the IP and set HostNameInCertificate (serverName, hostNameInCertificate) to a name the certificate carries; or issue the certificate with an IP SAN entry.",
    source: VALIDATED_NAME,
};

/// `conn.default-changed`.
pub static DEFAULT_CHANGED: RuleMeta = RuleMeta {
    id: "conn.default-changed",
    severity: Severity::Info,
    title: "This string behaves differently across driver versions",
    explanation: "Driver upgrades changed encryption defaults (SqlClient 4.0, ODBC 18, OLE DB 19 and JDBC 10.2 encrypt and validate by default; SqlClient 2.0 and JDBC 10.2 validate when the server forces encryption; tedious changed TrustServerCertificate's default several times). The same string can work unencrypted on one version and fail with 'certificate chain not trusted' after an upgrade.",
    fix: "Make the behaviour explicit and version-independent: trust the CA and fix the certificate's names first, then set Encrypt (and only if unavoidable TrustServerCertificate) explicitly in the string.",
    source: DRIVER_ENCRYPTION_BEHAVIOUR,
};

/// `conn.strict-requirements`.
pub static STRICT_REQUIREMENTS: RuleMeta = RuleMeta {
    id: "conn.strict-requirements",
    severity: Severity::Info,
    title: "Strict encryption (TDS 8.0) has requirements",
    explanation: "Strict encryption runs TLS before any TDS traffic and always validates the certificate; TrustServerCertificate is ignored. It needs SQL Server 2022 or later (or Azure SQL) and a strict-capable driver: Microsoft.Data.SqlClient 5.1, ODBC 18.1.2.1, OLE DB 19.2, JDBC 11.2, go-mssqldb, tedious 15+, FreeTDS 1.5. TLS 1.3 is available only with strict and on Windows Server 2022 or later. With Force Strict Encryption on the server, availability groups, failover cluster instances, replication, log shipping, sqlcmd, bcp, SQL Agent, Database Mail, linked servers and PolyBase do not work in SQL Server 2022.",
    fix: "Make sure the server is SQL Server 2022+ with a certificate clients trust and whose SAN contains the name they use, upgrade the drivers to the versions above, and keep TLS 1.2 enabled for the services that cannot use strict.",
    source: TDS8_STRICT,
};

/// `conn.server-certificate-pin`.
pub static SERVER_CERTIFICATE_PIN: RuleMeta = RuleMeta {
    id: "conn.server-certificate-pin",
    severity: Severity::Warning,
    title: "ServerCertificate pins one certificate",
    explanation: "With ServerCertificate the driver compares the server's certificate byte for byte with the given file and, when they are equal, skips the chain, name and expiry checks. The connection breaks the day the server certificate is renewed, and an expired or mis-issued certificate keeps being accepted.",
    fix: "Prefer trusting the issuing CA and a certificate whose SAN contains the host name (HostNameInCertificate if clients use another name); if you keep the pin, plan to update every client when the certificate is renewed.",
    source: DRIVER_ENCRYPTION_BEHAVIOUR,
};

/// `conn.localdb-unencrypted`.
pub static LOCALDB_UNENCRYPTED: RuleMeta = RuleMeta {
    id: "conn.localdb-unencrypted",
    severity: Severity::Info,
    title: "LocalDB connections are not encrypted",
    explanation: "Microsoft.Data.SqlClient 4.0 and later turn encryption off for (localdb) instances: the connection stays on the local machine (shared memory / named pipes) and no certificate is involved.",
    fix: "Nothing to do for LocalDB. Connections to a real server use Encrypt=Mandatory by default and need a trusted certificate.",
    source: DRIVER_ENCRYPTION_BEHAVIOUR,
};

/// `conn.secret-present`.
pub static SECRET_PRESENT: RuleMeta = RuleMeta {
    id: "conn.secret-present",
    severity: Severity::Info,
    title: "Connection string carries a secret",
    explanation: "The string contains a password, access token or similar secret. sqltls never stores or prints it: it is replaced by <redacted> in every output.",
    fix: "Keep connection strings with secrets out of source control and logs; prefer integrated or Entra ID authentication, or a secret store.",
    source: CONNECTION_STRING_SYNTAX,
};

/// Every `conn.*` rule, in documentation order.
pub static ALL: &[&RuleMeta] = &[
    &SYNTAX_ERROR,
    &UNKNOWN_KEYWORD,
    &INVALID_VALUE,
    &ENCRYPT_DISABLED,
    &TRUST_SERVER_CERT,
    &CERTIFICATE_NOT_VALIDATED,
    &HOST_IS_IP,
    &DEFAULT_CHANGED,
    &STRICT_REQUIREMENTS,
    &SERVER_CERTIFICATE_PIN,
    &LOCALDB_UNENCRYPTED,
    &SECRET_PRESENT,
];
