//! The closed set of sources rules cite.

use crate::finding::Source;

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
