//! `server.*`: what the server's ERRORLOG, registry and mssql.conf say.

use crate::finding::{RuleMeta, Severity, Source};

/// Configure SQL Server encryption (registry values, fallback certificate).
pub const CONFIGURE_ENCRYPTION: Source = Source {
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

/// `server.cert-loaded`.
pub static CERT_LOADED: RuleMeta = RuleMeta {
    id: "server.cert-loaded",
    severity: Severity::Info,
    title: "SQL Server loaded a certificate for encryption",
    explanation: "The ERRORLOG line \"The certificate [Cert Hash(sha1) \\\"...\\\"] was successfully loaded for encryption.\" names the certificate SQL Server presents to clients since its last start — either the one configured in the Certificate value or one it picked itself from LocalMachine\\My (a certificate with Server Authentication and CN = the machine's FQDN) when none is configured. Drop that certificate (.cer/.pfx) to have it checked: a matching dropped certificate is reported as match.thumbprint-found and its own findings explain what clients will think of it.",
    fix: "Nothing to fix here. If clients fail, check this certificate: trusted CA on the clients, every client name in its SAN, SHA-256 and RSA 2048+.",
    source: CONFIGURE_ENCRYPTION,
};

/// `server.self-generated-cert`.
pub static SELF_GENERATED_CERT: RuleMeta = RuleMeta {
    id: "server.self-generated-cert",
    severity: Severity::Warning,
    title: "SQL Server uses its self-generated certificate (no certificate configured)",
    explanation: "\"A self-generated certificate was successfully loaded for encryption.\" No certificate is configured (or none was usable), so SQL Server generated a self-signed certificate (CN=SSL_Self_Signed_Fallback) at startup; it changes at every restart and no client can validate it. Clients must use TrustServerCertificate=True (no protection against a man in the middle) or Encrypt=Optional/false with login-only encryption; validating drivers (Microsoft.Data.SqlClient 4+, ODBC 18, OLE DB 19, JDBC 10.2+, Go, tedious 7+) fail with \"certificate chain ... not trusted\". Up to SQL Server 2016 it is signed with SHA-1 (sha1WithRSAEncryption), from 2017 with SHA-256: with SHA-1, clients on OpenSSL security level 2 (Ubuntu 20.04+, Debian 10+, RHEL 8+ DEFAULT policy, .NET/ODBC on Linux) refuse the handshake even with TrustServerCertificate, and vulnerability scanners flag the weak signature.",
    fix: "Install a certificate from a CA the clients trust (SHA-256, RSA 2048+, Server Authentication EKU, every client name in the SAN, key in \"Microsoft RSA SChannel Cryptographic Provider\"), grant the service account Read on its key, select it in SQL Server Configuration Manager (or set its thumbprint in the Certificate value) and restart. As a stopgap on 2016 and earlier with SHA-1-refusing clients, lower the client's OpenSSL security level — better, configure a real certificate.",
    source: FALLBACK_HASH,
};

/// `server.tls-protocols`.
pub static TLS_PROTOCOLS: RuleMeta = RuleMeta {
    id: "server.tls-protocols",
    severity: Severity::Info,
    title: "TLS protocol versions the server allows",
    explanation: "The server evidence names the TLS versions it accepts (SQL Server on Linux logs \"Successfully initialized the TLS configuration. Allowed TLS protocol versions are [...]\" and reads network.tlsprotocols from mssql.conf). A client must share at least one version with the server, or the handshake is cut off (10054) or fails with \"no common algorithm\". TLS 1.3 needs SQL Server 2022+ with strict (TDS 8.0) encryption.",
    fix: "Nothing to fix by itself. Allow TLS 1.2 (and 1.3 where used); remove TLS 1.0/1.1 only after every client supports TLS 1.2.",
    source: TLS_VERSIONS,
};

/// `server.force-encryption`.
pub static FORCE_ENCRYPTION: RuleMeta = RuleMeta {
    id: "server.force-encryption",
    severity: Severity::Info,
    title: "Server ForceEncryption / Force Strict Encryption setting",
    explanation: "With ForceEncryption = 1 (Yes) the server answers every pre-login with ENCRYPT_REQ: clients that asked for Encrypt=Optional/false are upgraded to full TLS, and whether they then validate the certificate depends on the driver generation (validated: Microsoft.Data.SqlClient 2.0+, ODBC 18, OLE DB 19, JDBC 10.2+; not validated: System.Data.SqlClient, MDS 1.x, ODBC 17, OLE DB 18; tedious with encrypt=false fails instead). With 0 only clients that ask for encryption get it (the login packet is always encrypted). Force Strict Encryption (SQL Server 2022+, registry ForceStrict or ForceStrictEncryption) requires TDS 8.0 strict clients and a certificate they can validate.",
    fix: "Nothing to fix by itself. With ForceEncryption on, make sure the configured certificate validates on every client (trusted CA, names in SAN); with Force Strict, make sure every client (and AG, replication, Agent, linked servers) supports strict encryption.",
    source: CONFIGURE_ENCRYPTION,
};

/// `server.thumbprint-invalid-character`.
pub static THUMBPRINT_INVALID_CHARACTER: RuleMeta = RuleMeta {
    id: "server.thumbprint-invalid-character",
    severity: Severity::Error,
    title: "The Certificate registry value is not 40 clean hex digits",
    explanation: "The Certificate value under ...\\MSSQLServer\\SuperSocketNetLib must hold exactly the 40 hex digits of the certificate's SHA-1 thumbprint. This one contains characters that are not hex digits — most often the invisible left-to-right mark U+200E that Windows' certificate dialog puts in front of the thumbprint when it is copied, a U+FEFF, or spaces — or it has the wrong length. SQL Server refuses it at startup (33556 invalid character, 33557 invalid length) and does not start.",
    fix: "Set the Certificate value to the cleaned 40-hex thumbprint shown in the message (type it, or copy it from `certutil -store My` / `(Get-ChildItem Cert:\\LocalMachine\\My).Thumbprint`, not from the certificate dialog), or select the certificate in SQL Server Configuration Manager; then restart SQL Server.",
    source: THUMBPRINT_PASTE,
};

/// `server.no-certificate-configured`.
pub static NO_CERTIFICATE_CONFIGURED: RuleMeta = RuleMeta {
    id: "server.no-certificate-configured",
    severity: Severity::Info,
    title: "No certificate is configured for SQL Server",
    explanation: "The Certificate value (Windows) or network.tlscert (Linux) is empty or absent. SQL Server on Windows then picks a certificate from LocalMachine\\My itself (Server Authentication EKU and CN = the machine's FQDN) or, failing that, generates a self-signed certificate at every start. Clients can validate neither unless the picked certificate chains to a CA they trust, so validating drivers need TrustServerCertificate or login-only encryption. On a failover cluster the value must be set by hand on every node.",
    fix: "To encrypt with validation, install a CA-issued certificate (SHA-256, RSA 2048+, Server Authentication, all client names in the SAN), grant the service account Read on its key, and select it in SQL Server Configuration Manager or set its thumbprint in the Certificate value (Linux: mssql-conf set network.tlscert / network.tlskey); restart SQL Server.",
    source: CONFIGURE_ENCRYPTION,
};

/// `server.client-encryption-registry`.
pub static CLIENT_ENCRYPTION_REGISTRY: RuleMeta = RuleMeta {
    id: "server.client-encryption-registry",
    severity: Severity::Info,
    title: "Client-side encryption settings in the registry",
    explanation: "The export holds machine-wide client settings: SQL Server Native Client's Client\\SuperSocketNetLib Encrypt (Force protocol encryption) and OLE DB Driver 19's Client\\SNI19.0\\GeneralFlags Flag1 (0 Optional, 1 Mandatory, 2 Strict) and Flag2 (Trust Server Certificate). The driver uses the more secure of the registry and the connection string, so these can turn on encryption — and certificate validation — for every application on the machine.",
    fix: "Nothing to fix by itself. If clients on this machine fail to validate the server certificate, remember these values apply in addition to the connection string.",
    source: CLIENT_REGISTRY,
};

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[
    &CERT_LOADED,
    &SELF_GENERATED_CERT,
    &TLS_PROTOCOLS,
    &FORCE_ENCRYPTION,
    &THUMBPRINT_INVALID_CHARACTER,
    &NO_CERTIFICATE_CONFIGURED,
    &CLIENT_ENCRYPTION_REGISTRY,
];
