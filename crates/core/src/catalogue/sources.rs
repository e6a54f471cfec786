//! The closed set of sources rules cite.

use super::Source;

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
/// Support: "The certificate chain was issued by an authority that is not trusted".
pub const CHAIN_NOT_TRUSTED: Source = Source {
    title: "Support: The certificate chain was issued by an authority that is not trusted",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/certificate-chain-not-trusted.md, error-message-when-you-connect.md",
};
/// Which name clients validate, and what the name-mismatch errors look like.
pub const NAME_VALIDATION: Source = Source {
    title: "Client name validation: target principal name / SAN / hostNameInCertificate",
    reference: "MicrosoftDocs/sql-docs: docs/connect/ado-net/sqlclient-troubleshooting-guide.md, docs/linux/sql-server-linux-encrypted-connections.md; dotnet/SqlClient issues #1437, #1753; microsoft/mssql-jdbc SQLServerCertificateUtils.java",
};
/// Go's crypto/x509 messages as seen through go-mssqldb.
pub const GO_X509: Source = Source {
    title: "Go crypto/x509 verification errors (go-mssqldb)",
    reference: "golang/go src/crypto/x509/verify.go (UnknownAuthorityError, HostnameError, legacy Common Name); microsoft/go-mssqldb msdsn/conn_str.go",
};
/// TLS connection forcibly closed / SSL errors after enabling TLS 1.2.
pub const CONNECTION_CLOSED: Source = Source {
    title: "Support: TLS connection forcibly closed / SSL errors after TLS 1.2",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/tls-exist-connection-closed.md, ssl-errors-after-tls-1-2.md",
};
/// TLS 1.2 support for SQL Server (builds, Schannel events).
pub const TLS12_SUPPORT: Source = Source {
    title: "Support: TLS 1.2 support for Microsoft SQL Server (KB3135244)",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/tls-1-2-support-microsoft-sql-server.md",
};
/// SqlClient troubleshooting guide (pre-login handshake errors).
pub const SQLCLIENT_TROUBLESHOOTING: Source = Source {
    title: "SQL Server docs: SqlClient troubleshooting guide",
    reference: "MicrosoftDocs/sql-docs: docs/connect/ado-net/sqlclient-troubleshooting-guide.md",
};
/// MSSQLSERVER_26014 and the certificate provider (KB928779).
pub const ERROR_26014: Source = Source {
    title: "SQL Server docs: MSSQLSERVER_26014; KB928779 (certificate in the wrong provider)",
    reference: "MicrosoftDocs/sql-docs: docs/relational-databases/errors-events/mssqlserver-26014-database-engine-error.md; facts A1, A5",
};
/// 17182 / 17190 / 26017 startup failures.
pub const STARTUP_TLS_FAILURES: Source = Source {
    title: "SQL Server events 17182, 17190, 26017, 33555: no usable certificate at startup",
    reference:
        "MicrosoftDocs/sql-docs: database engine events and errors list; KB928779; facts A3, A5",
};
/// Event ID 33565.
pub const EVENT_33565: Source = Source {
    title: "Support: Event ID 33565 and SQL Server doesn't start",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/startup-shutdown/event-id-33565-start-sql-server.md",
};
/// Database Engine events 33555-33566.
pub const EVENTS_33555: Source = Source {
    title: "SQL Server docs: Database Engine events and errors 33555-33566",
    reference: "MicrosoftDocs/sql-docs: docs/relational-databases/errors-events/database-engine-events-and-errors (33000-33999); facts A5",
};
/// tedious (Node.js) encryption handling.
pub const TEDIOUS: Source = Source {
    title: "tedious (Node.js): encrypt option and TLS errors",
    reference: "tediousjs/tedious src/connection.ts, src/message-io.ts; Node.js tls (ERR_TLS_CERT_ALTNAME_INVALID, DEPTH_ZERO_SELF_SIGNED_CERT)",
};
/// Microsoft Entra authentication for SQL Server on Azure VMs.
pub const ENTRA_ON_VM: Source = Source {
    title: "Azure docs: Enable Microsoft Entra authentication for SQL Server on Azure VMs",
    reference: "learn.microsoft.com/azure/azure-sql/virtual-machines/windows/configure-azure-ad-authentication-for-sql-vm (SQL Server 2022 and later only)",
};
/// sqltls's own explainer.
pub const SQLTLS_EXPLAINER: Source = Source {
    title: "sqltls error explainer",
    reference:
        "sqltls crates/core/src/evidence/messages.rs (table of known messages and codes); facts C",
};
/// How clients compare host names with certificates.
pub const NAME_MATCHING: Source = Source {
    title: "Client name checks: SAN dNSName/iPAddress, CN fallback, wildcards",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/certificate-requirements.md, docs/linux/sql-server-linux-encrypted-connections.md; microsoft/mssql-jdbc SQLServerCertificateUtils.java; microsoft/go-mssqldb msdsn/conn_str.go; RFC 6125; facts B5, B6, B9, C",
};
/// localhost / . / (local).
pub const LOCAL_NAMES: Source = Source {
    title: "localhost, '.' and (local): native vs managed SNI",
    reference: "dotnet/SqlClient issues #2112, #2115, #4228; facts B9",
};
/// Configure SQL Server encryption (registry values, fallback certificate).
pub const CONFIGURE_ENCRYPTION_SQLCHECK: Source = Source {
    title: "SQL Server docs: Configure SQL Server Database Engine for encrypting connections",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/configure-sql-server-encryption.md; microsoft/CSS_SQL_Networking_Tools SQLCheck Collectors.cs",
};
/// The self-generated certificate's hash change in 2017.
pub const FALLBACK_HASH: Source = Source {
    title: "Changes to hashing algorithm for self-signed certificate in SQL Server 2017",
    reference: "SQL Server support blog (psssql, 2017-11-08; Tech Community 319026); MicrosoftDocs/sql-docs configure-sql-server-encryption.md; facts A3",
};
/// Thumbprint pasted from the certificate dialog.
pub const THUMBPRINT_PASTE: Source = Source {
    title: "SQL Server events 33556/33557: invalid character / length in the certificate thumbprint",
    reference: "MicrosoftDocs/sql-docs: database engine events and errors (33556, 33557); configure-sql-server-encryption.md (registry Certificate value); facts A4, A5",
};
/// TLS versions by SQL Server release, and SQL Server on Linux TLS settings.
pub const TLS_VERSIONS: Source = Source {
    title: "TLS 1.2 support for SQL Server; TLS 1.3 / TDS 8.0; SQL Server on Linux network.tlsprotocols",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/tls-1-2-support-microsoft-sql-server.md; MicrosoftDocs/sql-docs: docs/relational-databases/security/networking/tls-1-3.md, docs/linux/sql-server-linux-encrypted-connections.md",
};
/// OLE DB / SNAC client registry settings.
pub const CLIENT_REGISTRY: Source = Source {
    title: "SQL Server docs: OLE DB Driver registry settings; SQL Server Native Client Flags tab",
    reference: "MicrosoftDocs/sql-docs: docs/connect/oledb/features/registry-settings.md; docs/tools/configuration-manager/sql-server-native-client-configuration-properties-flags-tab.md",
};
/// SQL Server certificate requirements.
pub const CERT_REQUIREMENTS: Source = Source {
    title: "SQL Server docs: Certificate requirements for SQL Server",
    reference:
        "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/certificate-requirements.md",
};
/// Configure SQL Server encryption.
pub const CONFIGURE_ENCRYPTION: Source = Source {
    title: "SQL Server docs: Configure SQL Server Database Engine for encrypting connections",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/configure-sql-server-encryption.md",
};
/// Wildcard certificates.
pub const ENABLE_ENCRYPTED: Source = Source {
    title: "SQL Server docs: Enable encrypted connections to the Database Engine",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/enable-encrypted-connections-to-the-database-engine.md",
};
/// SHA-1 → SHA-256 change of the self-generated certificate.
pub const FALLBACK_HASH_CHANGE: Source = Source {
    title: "Changes to hashing algorithm for self-signed certificate in SQL Server 2017",
    reference: "SQL Server support blog (psssql, 2017-11-08; Tech Community 319026); facts A3",
};
/// TLS errors after enabling TLS 1.2 / weak hashes.
pub const TLS_CONNECTION_CLOSED: Source = Source {
    title: "Support: TLS connection forcibly closed / SSL errors after TLS 1.2",
    reference: "MicrosoftDocs/SupportArticles-docs: support/sql/database-engine/connect/tls-exist-connection-closed.md, ssl-errors-after-tls-1-2.md",
};
/// SQL Server on Linux encryption.
pub const LINUX_ENCRYPTION: Source = Source {
    title: "SQL Server docs: Encrypting connections to SQL Server on Linux",
    reference: "MicrosoftDocs/sql-docs: docs/linux/sql-server-linux-encrypted-connections.md",
};
/// KeySpec and CSP name inside a PKCS#12.
pub const PKCS12_MS_ATTRIBUTES: Source = Source {
    title: "PKCS#12 Microsoft bag attributes (CSP name 1.3.6.1.4.1.311.17.1, key usage 0x10/0x80)",
    reference: "OpenSSL include/openssl/pkcs12.h (KEY_EX, KEY_SIG), apps/pkcs12.c (-CSP, -keyex, -keysig); facts A2",
};
/// CNG keys in Configuration Manager.
pub const CNG_REPORTS: Source = Source {
    title: "CNG/KSP keys: documented as unsupported; hidden by 2016 Configuration Manager; load on 2019+ via registry",
    reference: "MicrosoftDocs/sql-docs issue #5934; dataplat/dbatools #10713; facts A1",
};
/// RFC 5280 and client TLS libraries.
pub const RFC5280: Source = Source {
    title: "RFC 5280 (X.509 certificate and chain validation)",
    reference: "IETF RFC 5280 sections 4.2.1.3, 4.2.1.9, 4.2.1.12, 6",
};
/// Client name checking.
pub const CLIENT_NAME_CHECKS: Source = Source {
    title: "Client name checks: SAN required by Go 1.15+, Node, JDBC; RFC 6125",
    reference: "microsoft/go-mssqldb msdsn/conn_str.go; microsoft/mssql-jdbc SQLServerCertificateUtils.java; facts B5, B6, B9",
};
/// sqltls's own input handling.
pub const SQLTLS_INPUT: Source = Source {
    title: "sqltls input decoding",
    reference: "RFC 7468 (PEM), RFC 5652 (PKCS#7/CMS), RFC 7292 (PKCS#12)",
};
/// How SQL Server names its certificate: SHA-1 thumbprint in the registry and ERRORLOG.
pub const THUMBPRINT_NAMING: Source = Source {
    title: "SQL Server names its certificate by SHA-1 thumbprint (registry Certificate value, ERRORLOG Cert Hash(sha1))",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/configure-sql-server-encryption.md; facts A4, A5",
};
