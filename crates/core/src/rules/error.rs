//! `error.*`: what a pasted error message or code means.
//!
//! Client-side fixes always follow the same order: trust the CA → fix the
//! name/SAN → HostNameInCertificate → TrustServerCertificate last. Server-side
//! fixes: thumbprint → key permissions for the service account → provider →
//! clear the Certificate value.

use crate::finding::{RuleMeta, Severity, Source};

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

const CLIENT_FIX_ORDER: &str = "Work in this order: (1) trust the CA — install the issuing CA chain (root and intermediates) in the client's trust store (Windows: Trusted Root Certification Authorities of the machine; Linux: /usr/local/share/ca-certificates + update-ca-certificates; Java: the JVM truststore or trustStore=; Node: NODE_EXTRA_CA_CERTS or options.cryptoCredentialsDetails.ca; Go: system pool or certificate=); (2) fix the name — the name in Server/Data Source must be in the certificate's SAN; (3) only if you must connect by another name (IP, alias, listener), set HostNameInCertificate / hostNameInCertificate / serverName to a name the certificate holds; (4) TrustServerCertificate=True is the last resort: it turns off validation and is ignored under Encrypt=Strict.";

/// `error.untrusted-root`.
pub static UNTRUSTED_ROOT: RuleMeta = RuleMeta {
    id: "error.untrusted-root",
    severity: Severity::Error,
    title: "The client does not trust the certificate's issuer",
    explanation: "The client validated the server certificate and could not build a chain to a root it trusts (SEC_E_UNTRUSTED_ROOT 0x80090325, OpenSSL \"unable to get local issuer certificate\", Java PKIX, Go \"unknown authority\", Node \"self-signed certificate\" / \"unable to verify the first certificate\"). Typical causes: a certificate from an internal CA whose root is not on the client, a self-signed certificate, SQL Server's self-generated fallback certificate (no certificate configured), or a missing intermediate. It often appears right after upgrading to a driver that encrypts and validates by default (Microsoft.Data.SqlClient 4+, ODBC 18, OLE DB 19, JDBC 10.2+).",
    fix: CLIENT_FIX_ORDER,
    source: CHAIN_NOT_TRUSTED,
};

/// `error.name-mismatch`.
pub static NAME_MISMATCH: RuleMeta = RuleMeta {
    id: "error.name-mismatch",
    severity: Severity::Error,
    title: "The name the client connected to is not in the certificate",
    explanation: "The chain is trusted but the name the client validated (the host part of Server/Data Source, or HostNameInCertificate) is not among the certificate's names (SEC_E_WRONG_PRINCIPAL 0x80090322 \"The target principal name is incorrect\", JDBC \"Failed to validate the server name\", Go \"certificate is valid for a, not b\", Node \"Hostname/IP does not match certificate's altnames\"). Typical: connecting by short name, IP address, alias/CNAME, AG listener or FCI network name, or localhost, to a certificate issued for another name.",
    fix: "Check which name the client validates (host part of the server name, without tcp:, \\instance and ,port). Then: (1) the CA must already be trusted; (2) reissue the certificate with every name clients use in its SAN (FQDN, short name, aliases, listener and FCI names, IPs if used); (3) or set HostNameInCertificate (ODBC/OLE DB/SqlClient), hostNameInCertificate (JDBC), HostNameInCertificate (Go) or options.serverName (tedious) to a name the certificate holds; (4) TrustServerCertificate=True only as a last resort.",
    source: NAME_VALIDATION,
};

/// `error.no-san`.
pub static NO_SAN: RuleMeta = RuleMeta {
    id: "error.no-san",
    severity: Severity::Error,
    title: "The certificate has no Subject Alternative Name (Go rejects CN-only certificates)",
    explanation: "Go 1.15 and later (go-mssqldb, sqlcmd go) ignore the Common Name and validate only the SAN extension: a certificate with the host name only in CN fails with \"x509: certificate relies on legacy Common Name field, use SANs instead\". Node and recent JDBC drivers behave the same way.",
    fix: "Reissue the certificate with a SAN listing every name clients use (FQDN, short name, aliases, listener names; IP addresses if clients connect by IP). Until then set HostNameInCertificate to a name in the SAN, or as a last resort TrustServerCertificate=true. (The old GODEBUG=x509ignoreCN=0 switch was removed in Go 1.17.)",
    source: GO_X509,
};

/// `error.connection-forcibly-closed`.
pub static CONNECTION_FORCIBLY_CLOSED: RuleMeta = RuleMeta {
    id: "error.connection-forcibly-closed",
    severity: Severity::Error,
    title: "The TLS handshake was cut off (connection forcibly closed, 10054)",
    explanation: "The server or the client reset the connection during the TLS handshake (WSAECONNRESET 10054, \"An existing connection was forcibly closed by the remote host\"; error 233 over named pipes). The usual causes: no TLS version in common (an old client, .NET or SQL Server build without TLS 1.2 after TLS 1.0/1.1 were disabled); no cipher suite in common; TLS_DHE cipher suites between Windows Server 2012 R2 and later versions (the DHE leading-zero bug); a server certificate signed with MD5, SHA-224 or SHA-512 used under TLS 1.2; a SHA-1 signed or RSA < 2048 certificate refused by OpenSSL security level 2 clients (Linux); a client asking for Encrypt=Strict against a server without TDS 8.0.",
    fix: "Check, in order: (1) both sides support TLS 1.2 — update SQL Server to a TLS 1.2 build (2014 SP2+, 2012 SP4+, 2008 R2 SP3 + update) and the client driver/.NET (ODBC 17+, OLE DB 18+, .NET 4.6+ or SystemDefaultTlsVersions); (2) a common cipher suite — compare the Schannel cipher order of both machines (IIS Crypto or Get-TlsCipherSuite) and remove TLS_DHE_* suites or install the Windows update for the DHE leading-zero issue; (3) the server certificate's signature — reissue it with SHA-256 and RSA 2048+; (4) with Encrypt=Strict, the server must be SQL Server 2022+. Look at the System event log (Schannel 36871/36874/36888) on both sides.",
    source: CONNECTION_CLOSED,
};

/// `error.no-common-algorithm`.
pub static NO_COMMON_ALGORITHM: RuleMeta = RuleMeta {
    id: "error.no-common-algorithm",
    severity: Severity::Error,
    title: "Client and server have no TLS version or cipher suite in common",
    explanation: "\"The client and server cannot communicate, because they do not possess a common algorithm\" (SEC_E_ALGORITHM_MISMATCH 0x80090331; Schannel 36874 \"none of the cipher suites supported by the client application are supported by the server\", 36888 fatal alert 40 / state 1205; OpenSSL \"unsupported protocol\", \"sslv3 alert handshake failure\"; Java \"protocol version ... is not accepted by client preferences\" / \"No appropriate protocol\"). One side allows only protocols or suites the other has disabled — typically TLS 1.0/1.1 disabled on one side and an old SQL Server build or driver that cannot do TLS 1.2, or a hardened cipher list; an MD5-signed certificate has the same effect under TLS 1.2.",
    fix: "Make both sides speak TLS 1.2: update SQL Server to a build with TLS 1.2 support and the client driver/.NET/Java; on Windows compare the enabled protocols (SCHANNEL\\Protocols registry) and the cipher suite order on client and server and enable at least one common TLS 1.2 suite (e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384); on Linux check the OpenSSL MinProtocol/CipherString in openssl.cnf; for Java check jdk.tls.disabledAlgorithms. Reissue an MD5-signed certificate with SHA-256.",
    source: TLS12_SUPPORT,
};

/// `error.tls-client-credential`.
pub static TLS_CLIENT_CREDENTIAL: RuleMeta = RuleMeta {
    id: "error.tls-client-credential",
    severity: Severity::Error,
    title: "Schannel could not create a TLS credential (36871, state 10013)",
    explanation: "Schannel event 36871 \"A fatal error occurred while creating a TLS client credential. The internal error state is 10013.\" means the process asked for protocols or cipher suites that the operating system policy has disabled — typically an old driver, SQL Server Native Client or .NET Framework application that only offers TLS 1.0/1.1 on a machine where those are turned off (or FIPS policy).",
    fix: "Update the client: ODBC Driver 17/18 or OLE DB 18/19 instead of SQLNCLI/SQLOLEDB; for .NET Framework set SchUseStrongCrypto and SystemDefaultTlsVersions (HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 and the WOW6432Node key) or target 4.7+; make sure TLS 1.2 is enabled for clients in SCHANNEL\\Protocols\\TLS 1.2\\Client. Re-enabling TLS 1.0/1.1 is a last resort.",
    source: TLS12_SUPPORT,
};

/// `error.user-cert-load-failed`.
pub static USER_CERT_LOAD_FAILED: RuleMeta = RuleMeta {
    id: "error.user-cert-load-failed",
    severity: Severity::Error,
    title: "SQL Server could not load the configured certificate (26014/26015)",
    explanation: "\"Unable to load user-specified certificate [Cert Hash(sha1) ...]. The server will not accept a connection.\" SQL Server found a thumbprint in its Certificate setting but could not use that certificate: it was deleted or moved out of LocalMachine\\My, it expired, the service account cannot read its private key, or the key sits in a provider SQL Server cannot use (e.g. \"Microsoft Enhanced Cryptographic Provider v1.0\" or a CNG key storage provider instead of \"Microsoft RSA SChannel Cryptographic Provider\"). With ForceEncryption or a required certificate the service does not start (followed by 17182, 17826, 17120).",
    fix: "(1) Check the thumbprint: `certutil -store My <thumbprint>` must find it in LocalMachine\\My and show \"Encryption test passed\"; compare it with the Certificate value under ...\\MSSQLServer\\SuperSocketNetLib; (2) grant the SQL Server service account Read on the private key (certlm.msc → All Tasks → Manage Private Keys); (3) make sure the key is an RSA key in a legacy CSP with KeySpec AT_KEYEXCHANGE — reimport the .pfx with the \"Microsoft RSA SChannel Cryptographic Provider\" (`certutil -csp \"Microsoft RSA SChannel Cryptographic Provider\" -importpfx`); (4) to get the service running meanwhile, clear the Certificate value (and ForceEncryption) and restart.",
    source: ERROR_26014,
};

/// `error.server-cert-not-found`.
pub static SERVER_CERT_NOT_FOUND: RuleMeta = RuleMeta {
    id: "error.server-cert-not-found",
    severity: Severity::Error,
    title: "SQL Server found no usable certificate at startup (17182 0x80092004 / 33555 / 17190)",
    explanation: "\"TDSSNIClient initialization failed with error 0x80092004, status code 0x80. Reason: Unable to initialize SSL support. Cannot find object or property.\" (CRYPT_E_NOT_FOUND; the service stops with error -2146885628). The configured certificate is not in the store SQL Server looks in (33555), or its private key cannot be found in the expected provider (KB928779); with no certificate configured, SQL Server could not create its self-generated one (17190 \"Initializing the FallBack certificate failed\", 26017), typically right after the service account was changed.",
    fix: "(1) Compare the thumbprint in the Certificate registry value with `certutil -store My` on this node (on a failover cluster, every node needs the certificate and its own Certificate value); (2) grant the service account Read on the private key; (3) reimport the certificate with its key in \"Microsoft RSA SChannel Cryptographic Provider\"; (4) to start the service, clear the Certificate value; for the fallback failure (17190/26017), make sure the service account's profile loads (change the account with SQL Server Configuration Manager, not services.msc) and restart.",
    source: STARTUP_TLS_FAILURES,
};

/// `error.service-account-no-key-access`.
pub static SERVICE_ACCOUNT_NO_KEY_ACCESS: RuleMeta = RuleMeta {
    id: "error.service-account-no-key-access",
    severity: Severity::Error,
    title: "The SQL Server service account cannot read the certificate's private key (33565 / 26010 0x8009030d)",
    explanation: "\"Found the certificate [Cert Hash(sha1) ...] in the local computer store but the SQL Server service account does not have access to it.\" (33565), usually with 26010 \"The server could not load the certificate it needs to initiate an SSL connection. It returned the following error: 0x8009030d\" (SEC_E_UNKNOWN_CREDENTIALS). The certificate is installed but the private key's ACL does not include the service account (NT Service\\MSSQLSERVER or the domain account), so SQL Server does not start.",
    fix: "(1) Confirm the thumbprint is the intended certificate; (2) in certlm.msc → Personal → Certificates → the certificate → All Tasks → Manage Private Keys, grant Read to the SQL Server service account (or let SQL Server 2019+ Configuration Manager do it when you select the certificate); (3) if the key is a CNG key or in another provider, reimport it into \"Microsoft RSA SChannel Cryptographic Provider\"; (4) restart SQL Server, or clear the Certificate value to start without it.",
    source: EVENT_33565,
};

/// `error.thumbprint-invalid`.
pub static THUMBPRINT_INVALID: RuleMeta = RuleMeta {
    id: "error.thumbprint-invalid",
    severity: Severity::Error,
    title: "The configured thumbprint is malformed (33556 invalid character / 33557 invalid length)",
    explanation: "SQL Server read the Certificate value and it is not 40 hex digits: it contains a character that is not a hex digit (33556) — very often the invisible left-to-right mark U+200E that copying the thumbprint from the certificate dialog adds, or spaces — or it has the wrong length (33557). SQL Server does not start.",
    fix: "Retype or clean the Certificate value under HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL<NN>.<instance>\\MSSQLServer\\SuperSocketNetLib so it holds exactly the 40 hex digits of the thumbprint (copy it from `certutil -store My` or `Get-ChildItem Cert:\\LocalMachine\\My`, not from the certificate dialog), or select the certificate in SQL Server Configuration Manager; drop the registry export into sqltls to see the bad characters. Then restart SQL Server.",
    source: EVENTS_33555,
};

/// `error.cert-no-private-key`.
pub static CERT_NO_PRIVATE_KEY: RuleMeta = RuleMeta {
    id: "error.cert-no-private-key",
    severity: Severity::Error,
    title: "The configured certificate has no private key (33566)",
    explanation: "SQL Server found the certificate named by the Certificate value but it has no associated private key on this machine — it was imported from a .cer/.crt file instead of a .pfx, or the key was deleted. SQL Server cannot do TLS with it and does not start.",
    fix: "(1) Check with `certutil -store My <thumbprint>` that it reports a private key and \"Encryption test passed\"; (2) import the certificate together with its key from a .pfx (into \"Microsoft RSA SChannel Cryptographic Provider\", KeySpec AT_KEYEXCHANGE), or run `certutil -repairstore My <thumbprint>` if the key is present but unlinked; (3) grant the service account Read on the key; (4) or clear the Certificate value to start without it.",
    source: EVENTS_33555,
};

/// `error.server-requires-encryption`.
pub static SERVER_REQUIRES_ENCRYPTION: RuleMeta = RuleMeta {
    id: "error.server-requires-encryption",
    severity: Severity::Error,
    title: "The server forces encryption but the client turned it off (tedious)",
    explanation: "tedious (Node.js, mssql) with encrypt: false refuses to continue when the server answers the pre-login with ENCRYPT_REQ (ForceEncryption=Yes): \"Server requires encryption, set 'encrypt' config option to true.\" Other drivers would silently encrypt; tedious does not.",
    fix: "Set options.encrypt = true (the default since tedious 7) and make the certificate validate: (1) trust the CA (NODE_EXTRA_CA_CERTS or cryptoCredentialsDetails.ca); (2) connect by a name in the SAN, or set options.serverName; (3) options.trustServerCertificate = true only as a last resort.",
    source: TEDIOUS,
};

/// `error.handshake-failed`.
pub static HANDSHAKE_FAILED: RuleMeta = RuleMeta {
    id: "error.handshake-failed",
    severity: Severity::Error,
    title: "The TLS handshake during pre-login failed",
    explanation: "The driver reports that the TLS handshake inside the TDS pre-login failed without a more specific reason (\"error: 31 - Encryption(ssl/tls) handshake failed\", \"An error occurred during the pre-login handshake\", JDBC \"The driver could not establish a secure connection ... SQL Server did not return a response\"). Per the SqlClient troubleshooting guide the usual causes are a server that does not support TLS 1.2, or .NET 5+ on Linux whose OpenSSL policy restricts cipher suites the server does not offer; a strict (TDS 8.0) client against an older server also ends here.",
    fix: "Check, in order: (1) the SQL Server build supports TLS 1.2 (and TLS 1.2 is enabled on the server); (2) on Linux clients, the OpenSSL CipherString/MinProtocol in /etc/ssl/openssl.cnf leave a suite the server offers (and a SHA-256, RSA 2048+ server certificate for security level 2); (3) Encrypt=Strict only against SQL Server 2022+; (4) read the inner error of the exception and the Schannel events on the server — then follow the matching finding.",
    source: SQLCLIENT_TROUBLESHOOTING,
};

/// `error.aad-on-vm`.
pub static AAD_ON_VM: RuleMeta = RuleMeta {
    id: "error.aad-on-vm",
    severity: Severity::Error,
    title: "Microsoft Entra (Azure AD) sign-in to SQL Server on an Azure VM",
    explanation: "SQL Server on an Azure virtual machine is not Azure SQL Database: it accepts Microsoft Entra ID (Azure AD) logins only from SQL Server 2022 on, and only after Entra authentication has been enabled for the instance (a managed identity with Microsoft Graph read permissions, and logins created FROM EXTERNAL PROVIDER). On SQL Server 2019 and earlier, or when that is not set up, Entra sign-in fails (\"Login failed for user '<token-identified principal>'\", AADSTS errors). This is an authentication problem, not a certificate problem.",
    fix: "Sign in with a Windows domain account (Integrated/Windows authentication) or a SQL login. To use Entra ID, the instance must be SQL Server 2022+ with Microsoft Entra authentication enabled on the VM (Azure portal → SQL virtual machine → Security configuration) and a login created with CREATE LOGIN ... FROM EXTERNAL PROVIDER.",
    source: ENTRA_ON_VM,
};

/// `error.unrecognized`.
pub static UNRECOGNIZED: RuleMeta = RuleMeta {
    id: "error.unrecognized",
    severity: Severity::Info,
    title: "No known SQL Server TLS error in this text",
    explanation: "The text contains none of the error messages or codes sqltls knows (SqlClient, ODBC, OLE DB, JDBC, Go, tedious, OpenSSL, Schannel events and SQL Server certificate errors). sqltls does not guess from words like \"certificate\" or \"SSL\" alone.",
    fix: "Paste the complete error including the inner exception, the provider part in parentheses (e.g. \"(provider: SSL Provider, error: 0 - ...)\") and any hex code; or drop the SQL Server ERRORLOG, the SuperSocketNetLib registry export and the certificate.",
    source: SQLTLS_EXPLAINER,
};

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[
    &UNTRUSTED_ROOT,
    &NAME_MISMATCH,
    &NO_SAN,
    &CONNECTION_FORCIBLY_CLOSED,
    &NO_COMMON_ALGORITHM,
    &TLS_CLIENT_CREDENTIAL,
    &HANDSHAKE_FAILED,
    &SERVER_REQUIRES_ENCRYPTION,
    &USER_CERT_LOAD_FAILED,
    &SERVER_CERT_NOT_FOUND,
    &SERVICE_ACCOUNT_NO_KEY_ACCESS,
    &THUMBPRINT_INVALID,
    &CERT_NO_PRIVATE_KEY,
    &AAD_ON_VM,
    &UNRECOGNIZED,
];
