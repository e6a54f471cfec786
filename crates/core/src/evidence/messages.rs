//! The error explainer: a table of known messages (in the exact wording of
//! each driver) and codes, each mapped to one `error.*` rule.
//!
//! Matching is literal: the text is folded once ([`fold`]): lower case, HTML
//! entities decoded, and reduced to its letters and digits, so that quotes,
//! apostrophes, colons and periods lost or changed by a bug tracker, line
//! breaks (even inside a word) and doubled spaces do not matter. Each needle,
//! folded the same way, is searched as a plain substring (`str::contains`,
//! linear time, no regular expressions). Words such as "certificate" or "SSL"
//! alone never match. Translated wordings are in [`super::localized`]; TLS
//! errors of other systems are told apart by [`super::foreign`].

use super::{codes, foreign, localized};

use crate::catalogue::Rule;
use crate::thumbprint;
use std::sync::OnceLock;

/// One diagnosis found in an error text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorHit {
    /// The rule the text maps to.
    pub rule: Rule,
    /// What was recognised: the driver wording or the code, and what it means.
    pub message: String,
    /// Thumbprints named in the text (normalised, 40 uppercase hex digits):
    /// from `Cert Hash(sha1) "…"` or any 40-hex token.
    pub thumbprints: Vec<String>,
}

/// One known wording.
struct Pattern {
    /// Needles (normalised: lower case, single spaces); all must occur.
    all: &'static [&'static str],
    /// The pattern does not apply when any of these occurs.
    unless: &'static [&'static str],
    /// The rule.
    rule: Rule,
    /// Which driver or component uses this wording, and the wording.
    what: &'static str,
    /// A wrapper message that says little by itself: dropped when a more
    /// specific diagnosis is found in the same text.
    generic: bool,
}

const fn p(all: &'static [&'static str], rule: Rule, what: &'static str) -> Pattern {
    Pattern {
        all,
        unless: &[],
        rule,
        what,
        generic: false,
    }
}

const fn pu(
    all: &'static [&'static str],
    unless: &'static [&'static str],
    rule: Rule,
    what: &'static str,
) -> Pattern {
    Pattern {
        all,
        unless,
        rule,
        what,
        generic: false,
    }
}

const fn generic(all: &'static [&'static str], rule: Rule, what: &'static str) -> Pattern {
    Pattern {
        all,
        unless: &[],
        rule,
        what,
        generic: true,
    }
}

/// OpenSSL "certificate verify failed" says nothing about the reason unless
/// followed by one; these reasons are not an untrusted chain.
const VERIFY_FAILED_OTHER_REASONS: &[&str] = &[
    "hostname mismatch",
    "ip address mismatch",
    "certificate has expired",
    "certificate is not yet valid",
    "ca md too weak",
    "ee key too small",
    "certificate revoked",
];

/// Known wordings, grouped by rule.
static PATTERNS: &[Pattern] = &[
    // error.untrusted-root
    p(
        &["the certificate chain was issued by an authority that is not trusted"],
        Rule::ErrorUntrustedRoot,
        "SqlClient / ODBC / OLE DB on Windows (Schannel): \"The certificate chain was issued by an authority that is not trusted.\"",
    ),
    p(
        &["certificate received from the remote server was issued by an untrusted certificate authority"],
        Rule::ErrorUntrustedRoot,
        "Schannel event 36882 on the client: \"The certificate received from the remote server was issued by an untrusted certificate authority.\"",
    ),
    p(
        &["zertifikatkette wurde von einer nicht vertrauensw"],
        Rule::ErrorUntrustedRoot,
        "SqlClient / ODBC / OLE DB on a German Windows (Schannel): \"Die Zertifikatkette wurde von einer nicht vertrauenswürdigen Zertifizierungsstelle ausgestellt.\" (SEC_E_UNTRUSTED_ROOT)",
    ),
    p(
        &["terminated in a root certificate which is not trusted"],
        Rule::ErrorUntrustedRoot,
        "Windows CryptoAPI (CERT_E_UNTRUSTEDROOT): \"A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.\"",
    ),
    p(
        &["unable to get local issuer certificate"],
        Rule::ErrorUntrustedRoot,
        "OpenSSL (ODBC/FreeTDS on Linux or macOS, Node.js): \"unable to get local issuer certificate\" — the issuing CA is not in the client's trust store",
    ),
    pu(
        &["error:0a000086"],
        VERIFY_FAILED_OTHER_REASONS,
        Rule::ErrorUntrustedRoot,
        "OpenSSL 3 (e.g. ODBC Driver 18 on Linux, SSL Provider): \"error:0A000086:SSL routines::certificate verify failed\"",
    ),
    pu(
        &["error:1416f086"],
        VERIFY_FAILED_OTHER_REASONS,
        Rule::ErrorUntrustedRoot,
        "OpenSSL 1.1 (e.g. ODBC Driver 17 on Linux, SSL Provider): \"error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed\"",
    ),
    pu(
        &["error:14090086"],
        VERIFY_FAILED_OTHER_REASONS,
        Rule::ErrorUntrustedRoot,
        "OpenSSL 1.0: \"error:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed\"",
    ),
    pu(
        &["certificate verify failed"],
        &[
            "hostname mismatch",
            "ip address mismatch",
            "certificate has expired",
            "certificate is not yet valid",
            "ca md too weak",
            "ee key too small",
            "certificate revoked",
            "error:0a000086",
            "error:1416f086",
            "error:14090086",
        ],
        Rule::ErrorUntrustedRoot,
        "OpenSSL (SSL Provider on Linux/macOS, Python, PHP): \"certificate verify failed\"",
    ),
    p(
        &["self-signed certificate in certificate chain"],
        Rule::ErrorUntrustedRoot,
        "Node.js / tedious or OpenSSL (SELF_SIGNED_CERT_IN_CHAIN): \"self-signed certificate in certificate chain\" (Node.js < 17, OpenSSL 1.1: \"self signed\") — the chain ends in a root the client does not trust",
    ),
    pu(
        &["failed to connect to", "self-signed certificate"],
        &["in certificate chain"],
        Rule::ErrorUntrustedRoot,
        "tedious / Node.js (DEPTH_ZERO_SELF_SIGNED_CERT): \"Failed to connect to …:1433 - self-signed certificate\" (Node.js < 17: \"self signed\") — the server presents a self-signed certificate (perhaps SQL Server's self-generated one)",
    ),
    pu(
        &["error: self-signed certificate"],
        &["in certificate chain", "failed to connect to"],
        Rule::ErrorUntrustedRoot,
        "Node.js / OpenSSL (DEPTH_ZERO_SELF_SIGNED_CERT): \"Error: self-signed certificate\" (OpenSSL 1.1, Node.js < 17: \"self signed\") — the server presents a self-signed certificate",
    ),
    pu(
        &["depth_zero_self_signed_cert"],
        &["self-signed certificate"],
        Rule::ErrorUntrustedRoot,
        "Node.js error code DEPTH_ZERO_SELF_SIGNED_CERT (self-signed server certificate)",
    ),
    pu(
        &["self_signed_cert_in_chain"],
        &["self-signed certificate"],
        Rule::ErrorUntrustedRoot,
        "Node.js error code SELF_SIGNED_CERT_IN_CHAIN (untrusted root)",
    ),
    p(
        &["unable to verify the first certificate"],
        Rule::ErrorUntrustedRoot,
        "tedious / Node.js (UNABLE_TO_VERIFY_LEAF_SIGNATURE): \"unable to verify the first certificate\" — the server does not send its intermediate CA and the client cannot find it",
    ),
    pu(
        &["unable_to_verify_leaf_signature"],
        &["unable to verify the first certificate"],
        Rule::ErrorUntrustedRoot,
        "Node.js error code UNABLE_TO_VERIFY_LEAF_SIGNATURE (missing intermediate CA)",
    ),
    pu(
        &["unable_to_get_issuer_cert_locally"],
        &["unable to get local issuer certificate"],
        Rule::ErrorUntrustedRoot,
        "Node.js error code UNABLE_TO_GET_ISSUER_CERT_LOCALLY (issuing CA not trusted)",
    ),
    p(
        &["pkix path building failed"],
        Rule::ErrorUntrustedRoot,
        "JDBC (Java JSSE): \"PKIX path building failed … unable to find valid certification path to requested target\" — the CA is not in the Java truststore",
    ),
    pu(
        &["unable to find valid certification path to requested target"],
        &["pkix path building failed"],
        Rule::ErrorUntrustedRoot,
        "JDBC (Java JSSE): \"unable to find valid certification path to requested target\" — the CA is not in the Java truststore",
    ),
    p(
        &["x509: certificate signed by unknown authority"],
        Rule::ErrorUntrustedRoot,
        "Go (go-mssqldb, sqlcmd): \"x509: certificate signed by unknown authority\"",
    ),
    p(
        &["certificate chain: untrustedroot"],
        Rule::ErrorUntrustedRoot,
        ".NET SslStream (Microsoft.Data.SqlClient managed SNI, Linux/macOS): \"The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot\"",
    ),
    p(
        &["certificate chain: partialchain"],
        Rule::ErrorUntrustedRoot,
        ".NET SslStream (managed SNI): \"errors in the certificate chain: PartialChain\" — an intermediate CA is missing",
    ),
    // error.name-mismatch
    p(
        &["certificate name mismatch"],
        Rule::ErrorNameMismatch,
        "Microsoft.Data.SqlClient 5+: \"Certificate name mismatch. The provided 'DataSource' or 'HostNameInCertificate' does not match the name in the server certificate.\"",
    ),
    p(
        &["the target principal name is incorrect"],
        Rule::ErrorNameMismatch,
        "SqlClient / ODBC / OLE DB on Windows (Schannel SEC_E_WRONG_PRINCIPAL): \"The target principal name is incorrect.\"",
    ),
    p(
        &["failed to validate the server name"],
        Rule::ErrorNameMismatch,
        "JDBC: \"Failed to validate the server name … in a certificate during Secure Sockets Layer (SSL) initialization\" (use hostNameInCertificate or fix the SAN)",
    ),
    p(
        &["does not match certificate's altnames"],
        Rule::ErrorNameMismatch,
        "tedious / Node.js (ERR_TLS_CERT_ALTNAME_INVALID): \"Hostname/IP does not match certificate's altnames\" (set options.serverName or fix the SAN)",
    ),
    pu(
        &["err_tls_cert_altname_invalid"],
        &["does not match certificate's altnames"],
        Rule::ErrorNameMismatch,
        "Node.js error code ERR_TLS_CERT_ALTNAME_INVALID",
    ),
    p(
        &["x509: certificate is valid for"],
        Rule::ErrorNameMismatch,
        "Go (go-mssqldb): \"x509: certificate is valid for a, not b\"",
    ),
    p(
        &["x509: cannot validate certificate for"],
        Rule::ErrorNameMismatch,
        "Go (go-mssqldb): \"x509: cannot validate certificate for <IP> because it doesn't contain any IP SANs\"",
    ),
    p(
        &["remotecertificatenamemismatch"],
        Rule::ErrorNameMismatch,
        ".NET SslStream (managed SNI): RemoteCertificateNameMismatch",
    ),
    p(
        &["no subject alternative names matching ip address"],
        Rule::ErrorNameMismatch,
        "JDBC (Java HostnameChecker): \"No subject alternative names matching IP address … found\"",
    ),
    p(
        &["no subject alternative dns name matching"],
        Rule::ErrorNameMismatch,
        "JDBC (Java HostnameChecker): \"No subject alternative DNS name matching … found\"",
    ),
    p(
        &["no subject alternative names present"],
        Rule::ErrorNameMismatch,
        "JDBC (Java HostnameChecker): \"No subject alternative names present\" (connected by IP to a certificate without SAN)",
    ),
    p(
        &["certificate verify failed", "hostname mismatch"],
        Rule::ErrorNameMismatch,
        "OpenSSL: \"certificate verify failed: hostname mismatch\"",
    ),
    p(
        &["certificate verify failed", "ip address mismatch"],
        Rule::ErrorNameMismatch,
        "OpenSSL: \"certificate verify failed: IP address mismatch\"",
    ),
    // error.no-san
    p(
        &["x509: certificate relies on legacy common name field"],
        Rule::ErrorNoSan,
        "Go 1.15+ (go-mssqldb): \"x509: certificate relies on legacy Common Name field, use SANs instead\"",
    ),
    // error.connection-forcibly-closed
    p(
        &["an existing connection was forcibly closed by the remote host"],
        Rule::ErrorConnectionForciblyClosed,
        "SqlClient / ODBC / OLE DB on Windows: \"An existing connection was forcibly closed by the remote host.\" (10054)",
    ),
    p(
        &["existing connection has been forced to be interrupted by the remote host"],
        Rule::ErrorConnectionForciblyClosed,
        "OLE DB Driver (linked server): \"TCP Provider: An existing connection has been forced to be interrupted by the remote host.\" (10054)",
    ),
    p(
        &["error code 0x2746"],
        Rule::ErrorConnectionForciblyClosed,
        "ODBC Driver on Linux/macOS: \"TCP Provider: Error code 0x2746\" (0x2746 = 10054, connection reset during the handshake)",
    ),
    p(
        &["could not establish a secure connection", "connection reset"],
        Rule::ErrorConnectionForciblyClosed,
        "JDBC: \"The driver could not establish a secure connection … Error: Connection reset\"",
    ),
    p(
        &["no process is on the other end of the pipe", "pre-login handshake"],
        Rule::ErrorConnectionForciblyClosed,
        "SqlClient over named pipes (error 233): \"No process is on the other end of the pipe\" during the pre-login handshake",
    ),
    p(
        &["ca md too weak"],
        Rule::ErrorConnectionForciblyClosed,
        "OpenSSL security level 2+ (Linux clients): \"ca md too weak\" — the certificate is signed with SHA-1 or MD5",
    ),
    p(
        &["ee key too small"],
        Rule::ErrorConnectionForciblyClosed,
        "OpenSSL security level 2+ (Linux clients): \"ee key too small\" — the server certificate's RSA key is below 2048 bits",
    ),
    // error.no-common-algorithm
    p(
        &["secdoclienthandshake", "ssl security error"],
        Rule::ErrorNoCommonAlgorithm,
        "The legacy \"SQL Server\" driver / SQLOLEDB (DBNETLIB): \"[DBNETLIB][ConnectionOpen (SECDoClientHandshake()).]SSL Security error\" — it speaks only TLS 1.0, which the server no longer accepts; use ODBC Driver 17/18 or MSOLEDBSQL",
    ),
    p(
        &["do not possess a common algorithm"],
        Rule::ErrorNoCommonAlgorithm,
        "Schannel (SEC_E_ALGORITHM_MISMATCH): \"The client and server cannot communicate, because they do not possess a common algorithm.\"",
    ),
    p(
        &["none of the cipher suites supported by the client application are supported by the server"],
        Rule::ErrorNoCommonAlgorithm,
        "Schannel event 36874 on the server: \"none of the cipher suites supported by the client application are supported by the server\"",
    ),
    p(
        &["protocol defined fatal error code is 40"],
        Rule::ErrorNoCommonAlgorithm,
        "Schannel event 36888: \"The TLS protocol defined fatal error code is 40.\" (handshake_failure)",
    ),
    p(
        &["protocol defined fatal alert code is 40"],
        Rule::ErrorNoCommonAlgorithm,
        "Schannel event 36888: \"The TLS protocol defined fatal alert code is 40.\" (handshake_failure)",
    ),
    p(
        &["schannel error state is 1205"],
        Rule::ErrorNoCommonAlgorithm,
        "Schannel event 36888: \"The Windows SChannel error state is 1205.\"",
    ),
    p(
        &["ssl routines", "unsupported protocol"],
        Rule::ErrorNoCommonAlgorithm,
        "OpenSSL (ODBC on Linux): \"SSL routines::unsupported protocol\" (error:0A000102 / error:1425F102) — the server offers only TLS versions the client disabled",
    ),
    p(
        &["sslv3 alert handshake failure"],
        Rule::ErrorNoCommonAlgorithm,
        "OpenSSL: \"sslv3 alert handshake failure\" — the server rejected the client's protocol/cipher offer (alert 40)",
    ),
    p(
        &["ssl routines", "no protocols available"],
        Rule::ErrorNoCommonAlgorithm,
        "OpenSSL: \"no protocols available\" — every protocol version the server needs is disabled on the client",
    ),
    p(
        &["is not accepted by client preferences"],
        Rule::ErrorNoCommonAlgorithm,
        "JDBC (Java JSSE): \"The server selected protocol version TLS10 is not accepted by client preferences\" — the server cannot do TLS 1.2",
    ),
    p(
        &["received fatal alert: protocol_version"],
        Rule::ErrorNoCommonAlgorithm,
        "JDBC (Java JSSE): \"Received fatal alert: protocol_version\" — the server refused every TLS version the client offered",
    ),
    p(
        &["no appropriate protocol"],
        Rule::ErrorNoCommonAlgorithm,
        "JDBC (Java JSSE): \"No appropriate protocol (protocol is disabled or cipher suites are inappropriate)\"",
    ),
    // error.tls-client-credential
    p(
        &["while creating a tls client credential"],
        Rule::ErrorTlsClientCredential,
        "Schannel event 36871: \"A fatal error occurred while creating a TLS client credential.\"",
    ),
    p(
        &["while creating an ssl client credential"],
        Rule::ErrorTlsClientCredential,
        "Schannel event 36871 (Windows Server 2012 wording): \"A fatal error occurred while creating an SSL client credential.\"",
    ),
    p(
        &["while creating a tls server credential"],
        Rule::ErrorTlsClientCredential,
        "Schannel event 36871 on the server: \"A fatal error occurred while creating a TLS server credential.\"",
    ),
    p(
        &["while creating an ssl server credential"],
        Rule::ErrorTlsClientCredential,
        "Schannel event 36871 on the server: \"A fatal error occurred while creating an SSL server credential.\"",
    ),
    p(
        &["internal error state is 10013"],
        Rule::ErrorTlsClientCredential,
        "Schannel: \"The internal error state is 10013.\" (requested protocol or cipher disabled by policy)",
    ),
    // error.certificate-expired
    p(
        &["the received certificate has expired"],
        Rule::ErrorCertificateExpired,
        "Schannel (SEC_E_CERT_EXPIRED): \"The received certificate has expired.\"",
    ),
    p(
        &["a required certificate is not within its validity period"],
        Rule::ErrorCertificateExpired,
        "Windows CryptoAPI (CERT_E_EXPIRED): \"A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\" (expired, or not valid yet by the client's clock)",
    ),
    pu(
        &["x509: certificate has expired or is not yet valid"],
        &["is before"],
        Rule::ErrorCertificateExpired,
        "Go crypto/x509 (go-mssqldb): \"x509: certificate has expired or is not yet valid: current time … is after …\"",
    ),
    pu(
        &["certificate has expired"],
        &["x509: certificate has expired"],
        Rule::ErrorCertificateExpired,
        "OpenSSL / Node.js (tedious) X509_V_ERR_CERT_HAS_EXPIRED: \"certificate has expired\"",
    ),
    pu(
        &["cert_has_expired"],
        &["certificate has expired"],
        Rule::ErrorCertificateExpired,
        "Node.js error code CERT_HAS_EXPIRED (tedious)",
    ),
    p(
        &["certificateexpiredexception"],
        Rule::ErrorCertificateExpired,
        "Java (mssql-jdbc): \"java.security.cert.CertificateExpiredException: NotAfter: …\"",
    ),
    pu(
        &["pkix path validation failed", "validity check failed"],
        &["certificateexpiredexception", "certificatenotyetvalidexception"],
        Rule::ErrorCertificateExpired,
        "Java (mssql-jdbc): \"PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed\" — a certificate of the chain is outside its validity period",
    ),
    p(
        &["the certificate chain uses expired certificate"],
        Rule::ErrorCertificateExpired,
        "GnuTLS (FreeTDS built with GnuTLS): \"The certificate chain uses expired certificate.\"",
    ),
    // error.certificate-not-yet-valid
    p(
        &[
            "x509: certificate has expired or is not yet valid",
            "current time",
            "is before",
        ],
        Rule::ErrorCertificateNotYetValid,
        "Go crypto/x509 (go-mssqldb): \"x509: certificate has expired or is not yet valid: current time … is before …\" — the certificate's validity starts later than the client's clock",
    ),
    p(
        &["certificate is not yet valid"],
        Rule::ErrorCertificateNotYetValid,
        "OpenSSL / Node.js (tedious) X509_V_ERR_CERT_NOT_YET_VALID: \"certificate is not yet valid\"",
    ),
    pu(
        &["cert_not_yet_valid"],
        &["certificate is not yet valid"],
        Rule::ErrorCertificateNotYetValid,
        "Node.js error code CERT_NOT_YET_VALID (tedious)",
    ),
    p(
        &["certificatenotyetvalidexception"],
        Rule::ErrorCertificateNotYetValid,
        "Java (mssql-jdbc): \"java.security.cert.CertificateNotYetValidException: NotBefore: …\"",
    ),
    p(
        &["the certificate chain uses not yet valid certificate"],
        Rule::ErrorCertificateNotYetValid,
        "GnuTLS (FreeTDS built with GnuTLS): \"The certificate chain uses not yet valid certificate.\"",
    ),
    // error.handshake-failed
    p(
        &["x509: negative serial number"],
        Rule::ErrorHandshakeFailed,
        "Go 1.23+ (go-mssqldb, go-sqlcmd): \"x509: negative serial number\" — Go refuses to parse a certificate with a negative serial, which SQL Server's self-generated certificate can have; configure a real certificate (GODEBUG=x509negativeserial=1 is a stopgap)",
    ),
    p(
        &["encryption(ssl/tls) handshake failed"],
        Rule::ErrorHandshakeFailed,
        "SqlClient: \"(provider: SSL Provider, error: 31 - Encryption(ssl/tls) handshake failed)\"",
    ),
    pu(
        &["ssl provider, error: 31"],
        &["encryption(ssl/tls) handshake failed"],
        Rule::ErrorHandshakeFailed,
        "SqlClient: \"(provider: SSL Provider, error: 31 …)\"",
    ),
    p(
        &["could not establish a secure connection", "did not return a response"],
        Rule::ErrorHandshakeFailed,
        "JDBC: \"The driver could not establish a secure connection … SQL Server did not return a response. The connection has been closed.\" — typically a server without TLS 1.2 and a Java that disabled TLS 1.0/1.1",
    ),
    generic(
        &["sql server did not return a response. the connection has been closed"],
        Rule::ErrorHandshakeFailed,
        "JDBC (R_noServerResponse): \"SQL Server did not return a response. The connection has been closed.\" — the server closed the connection before its first answer, typically a TLS version or cipher suite it cannot use",
    ),
    generic(
        &["client unable to establish connection", "encryption errors"],
        Rule::ErrorHandshakeFailed,
        "ODBC Driver 18.2+: \"Client unable to establish connection. For solutions related to encryption errors, see https://go.microsoft.com/fwlink/?linkid=2226722\"",
    ),
    generic(
        &["error occurred during the pre-login handshake"],
        Rule::ErrorHandshakeFailed,
        "SqlClient: \"A connection was successfully established with the server, but then an error occurred during the pre-login handshake.\"",
    ),
    generic(
        &["could not establish a secure connection to sql server by using secure sockets layer"],
        Rule::ErrorHandshakeFailed,
        "JDBC: \"The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption.\"",
    ),
    // error.server-requires-encryption
    p(
        &["server requires encryption, set 'encrypt' config option to true"],
        Rule::ErrorServerRequiresEncryption,
        "tedious / node-mssql: \"Server requires encryption, set 'encrypt' config option to true.\"",
    ),
    // error.user-cert-load-failed
    p(
        &["unable to load user-specified certificate"],
        Rule::ErrorUserCertLoadFailed,
        "SQL Server ERRORLOG / event 26014: \"Unable to load user-specified certificate [Cert Hash(sha1) …]. The server will not accept a connection.\"",
    ),
    // error.server-cert-not-found
    p(
        &["unable to initialize ssl support. cannot find object or property"],
        Rule::ErrorServerCertNotFound,
        "SQL Server ERRORLOG / event 17182: \"TDSSNIClient initialization failed with error 0x80092004, status code 0x80. Reason: Unable to initialize SSL support. Cannot find object or property.\"",
    ),
    p(
        &["initializing the fallback certificate failed"],
        Rule::ErrorServerCertNotFound,
        "SQL Server ERRORLOG / event 17190: \"Initializing the FallBack certificate failed with error code …\" — the self-generated certificate could not be created (often after a service account change)",
    ),
    p(
        &["a valid certificate could not be found, and it is not possible to create a self-signed certificate"],
        Rule::ErrorServerCertNotFound,
        "SQL Server ERRORLOG: \"Unable to initialize SSL encryption because a valid certificate could not be found, and it is not possible to create a self-signed certificate.\"",
    ),
    // error.service-account-no-key-access
    p(
        &["in the local computer store but the sql server service account does not have access to it"],
        Rule::ErrorServiceAccountNoKeyAccess,
        "SQL Server event 33565: \"Found the certificate [Cert Hash(sha1) …] in the local computer store but the SQL Server service account does not have access to it.\"",
    ),
    p(
        &["could not load the certificate it needs to initiate an ssl connection"],
        Rule::ErrorServiceAccountNoKeyAccess,
        "SQL Server event 26010: \"The server could not load the certificate it needs to initiate an SSL connection.\"",
    ),
];

/// Entra / Azure AD sign-in signals for `error.aad-on-vm`.
const ENTRA_SIGNALS: &[&str] = &[
    "<token-identified principal>",
    "aadsts",
    "activedirectory",
    "active directory password",
    "active directory integrated",
    "active directory interactive",
    "active directory universal",
    "active directory - ",
    "azure active directory",
    "microsoft entra",
];
/// Azure VM context for `error.aad-on-vm`.
const VM_SIGNALS: &[&str] = &[
    "azure vm",
    "azure virtual machine",
    "sql virtual machine",
    "sql server on azure vm",
    "iaas",
];
/// Failure signals for `error.aad-on-vm`.
const FAILURE_SIGNALS: &[&str] = &["login failed", "aadsts", "18456", "error", "failed"];
/// Contexts where Entra sign-in is supported by design (not a VM).
const PAAS_SIGNALS: &[&str] = &[
    "database.windows.net",
    "azure sql database",
    "managed instance",
    "database.azure.com",
    "fabric.microsoft.com",
];

/// Where numbers count as codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Pasted error text: a bare number such as `26014` or `10054` is a code.
    Text,
    /// A log line: decimal numbers count only after "Error:" / "Event ID:"
    /// (process ids, sizes and counters are everywhere in a log).
    Log,
}

/// Explain a pasted error text: every known message and code it contains,
/// one hit per rule (deduplicated by id, in catalogue order). Empty when
/// nothing is recognised; the caller reports `error.unrecognized` then. A TLS
/// error of another system (Python requests, gRPC, MySQL, PostgreSQL, …)
/// that names no SQL Server component yields only `error.not-sql-server`.
pub fn explain(text: &str) -> Vec<ErrorHit> {
    explain_mode(text, Mode::Text)
}

/// [`explain`] with a choice of how numbers are read.
pub(crate) fn explain_mode(text: &str, mode: Mode) -> Vec<ErrorHit> {
    let folded = fold(text);
    let mut found: Vec<(Rule, Vec<String>, bool)> = Vec::new();
    let mut add = |rule: Rule, what: String, generic: bool| {
        if let Some(entry) = found.iter_mut().find(|(r, _, _)| *r == rule) {
            if !entry.1.contains(&what) {
                entry.1.push(what);
            }
            entry.2 &= generic;
        } else {
            found.push((rule, vec![what], generic));
        }
    };

    let has = |needle: &String| folded.skeleton.contains(needle.as_str());
    for (pat, (all, unless)) in PATTERNS.iter().zip(folded_patterns()) {
        if all.iter().all(has) && !unless.iter().any(has) {
            add(pat.rule, pat.what.to_string(), pat.generic);
        }
    }
    for hit in localized::hits(&folded.skeleton) {
        add(hit.rule, hit.what, hit.generic);
    }
    for (rule, what) in codes_in(&folded.light, mode) {
        add(rule, what, false);
    }
    for (rule, what) in gnutls_status(&folded.skeleton) {
        add(rule, what, false);
    }
    if entra_on_vm(&folded.light) {
        add(
            Rule::ErrorAadOnVm,
            "Microsoft Entra / Azure AD sign-in failed against SQL Server on an Azure VM (not Azure SQL Database)".to_string(),
            false,
        );
    }

    let any_specific = found.iter().any(|(_, _, g)| !g);
    if any_specific {
        found.retain(|(_, _, g)| !g);
    }
    // Catalogue order.
    found.sort_by_key(|(rule, _, _)| *rule);

    // An ERRORLOG line is SQL Server's by definition.
    let other = (mode == Mode::Text)
        .then(|| foreign::classify(&folded))
        .flatten();
    if let Some(other) = other {
        let meanings: Vec<Rule> = found.iter().map(|(r, _, _)| *r).collect();
        return vec![ErrorHit {
            rule: Rule::ErrorNotSqlServer,
            message: other.message(&meanings),
            thumbprints: Vec::new(),
        }];
    }

    let thumbprints = if found.is_empty() {
        Vec::new()
    } else {
        thumbprints_in(text)
    };
    found
        .into_iter()
        .map(|(rule, whats, _)| ErrorHit {
            rule,
            message: whats.join("; "),
            thumbprints: thumbprints.clone(),
        })
        .collect()
}

/// The needles of [`PATTERNS`] (all, unless), folded once.
fn folded_patterns() -> &'static [(Vec<String>, Vec<String>)] {
    static FOLDED: OnceLock<Vec<(Vec<String>, Vec<String>)>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        let fold_all = |needles: &[&str]| needles.iter().map(|n| skeleton(n)).collect();
        PATTERNS
            .iter()
            .map(|p| (fold_all(p.all), fold_all(p.unless)))
            .collect()
    })
}

/// A text folded for matching: the one normalisation every wording, code and
/// signal is matched against. See [`fold`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    /// Lower case, HTML entities decoded, typographic quotes and dashes made
    /// plain, invisible marks dropped, whitespace runs as one space. Codes
    /// (`0x80090325`, `-2146893019`) are read from it: they need their signs.
    pub light: String,
    /// The letters and digits of `light` in runs separated by one space:
    /// whole words, for signals such as "tds" or "1433".
    pub words: String,
    /// The letters and digits of `light` alone: what wordings are matched
    /// against, so punctuation, quotes and line breaks do not matter.
    pub skeleton: String,
}

/// Fold `text` for matching (linear in its length): see [`Folded`].
pub(crate) fn fold(text: &str) -> Folded {
    let light = normalize(text);
    let mut words = String::with_capacity(light.len());
    let mut skeleton = String::with_capacity(light.len());
    let mut gap = false;
    for c in light.chars() {
        if c.is_alphanumeric() {
            if gap && !words.is_empty() {
                words.push(' ');
            }
            gap = false;
            words.push(c);
            skeleton.push(c);
        } else {
            gap = true;
        }
    }
    Folded {
        light,
        words,
        skeleton,
    }
}

/// The skeleton of a needle: folded exactly as texts are.
pub(crate) fn skeleton(needle: &str) -> String {
    fold(needle).skeleton
}

/// HTML entities bug trackers and mail archives leave in pasted text.
const ENTITIES: &[(&str, &str)] = &[
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&apos;", "'"),
    ("&quot;", "\""),
    ("&#34;", "\""),
    ("&#x22;", "\""),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&nbsp;", " "),
    ("&#160;", " "),
];

/// Lower case, single spaces, straight quotes, no invisible marks, HTML
/// entities decoded.
pub(crate) fn normalize(text: &str) -> String {
    let decoded;
    let text = if text.contains('&') {
        let mut t = text.replace("&amp;", "&");
        for (entity, plain) in ENTITIES {
            if t.contains(entity) {
                t = t.replace(entity, plain);
            }
        }
        decoded = t;
        decoded.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
            '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | '\u{202a}'..='\u{202e}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

/// FreeTDS built with GnuTLS logs only the verification status bits
/// (`tdsdump`: "Certificate status: 1026", src/tds/tls.c); the expiry bits
/// of `gnutls_certificate_status_t` (GNUTLS_CERT_NOT_ACTIVATED = 1 << 9,
/// GNUTLS_CERT_EXPIRED = 1 << 10, gnutls/gnutls.h) say why. Read from the
/// skeleton, so a lost colon or a wrapped line does not hide it.
fn gnutls_status(skeleton: &str) -> Vec<(Rule, String)> {
    const NOT_ACTIVATED: u32 = 1 << 9;
    const EXPIRED: u32 = 1 << 10;
    const LABEL: &str = "certificatestatus";
    let mut out = Vec::new();
    for (i, _) in skeleton.match_indices(LABEL) {
        let digits: String = skeleton
            .get(i + LABEL.len()..)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .take(10)
            .collect();
        let Ok(status) = digits.parse::<u32>() else {
            continue;
        };
        if status & EXPIRED != 0 {
            out.push((
                Rule::ErrorCertificateExpired,
                format!("FreeTDS / GnuTLS: \"Certificate status: {status}\" has GNUTLS_CERT_EXPIRED (1024) set"),
            ));
        }
        if status & NOT_ACTIVATED != 0 {
            out.push((
                Rule::ErrorCertificateNotYetValid,
                format!("FreeTDS / GnuTLS: \"Certificate status: {status}\" has GNUTLS_CERT_NOT_ACTIVATED (512) set"),
            ));
        }
    }
    out
}

fn entra_on_vm(norm: &str) -> bool {
    ENTRA_SIGNALS.iter().any(|s| norm.contains(s))
        && VM_SIGNALS.iter().any(|s| norm.contains(s))
        && FAILURE_SIGNALS.iter().any(|s| norm.contains(s))
        && !PAAS_SIGNALS.iter().any(|s| norm.contains(s))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Codes in normalised text: `0x…` status codes, signed and unsigned decimal
/// status codes, and small decimal codes (per `mode`).
fn codes_in(norm: &str, mode: Mode) -> Vec<(Rule, String)> {
    let mut out = Vec::new();
    let bytes = norm.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes.get(i).copied().unwrap_or(0);
        let prev = if i == 0 {
            None
        } else {
            norm.get(..i).and_then(|s| s.chars().next_back())
        };
        let at_boundary = prev.is_none_or(|c| !is_word(c) && c != '.');
        // 0x…
        if b == b'0' && bytes.get(i + 1) == Some(&b'x') && at_boundary {
            let start = i + 2;
            let mut end = start;
            while end < n && bytes.get(end).is_some_and(|c| c.is_ascii_hexdigit()) {
                end += 1;
            }
            let next_ok = norm
                .get(end..)
                .and_then(|s| s.chars().next())
                .is_none_or(|c| !is_word(c));
            if end > start && end - start <= 8 && next_ok {
                if let Some(code) = norm
                    .get(start..end)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(codes::status)
                {
                    out.push((
                        code.rule,
                        format!("code 0x{:08X} = {}", code.value, code.name),
                    ));
                }
            }
            i = end.max(i + 2);
            continue;
        }
        if b.is_ascii_digit() && at_boundary {
            let mut end = i;
            while end < n && bytes.get(end).is_some_and(|c| c.is_ascii_digit()) {
                end += 1;
            }
            let rest = norm.get(end..).unwrap_or("");
            let next = rest.chars().next();
            let decimal_fraction =
                next == Some('.') && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
            let next_ok = next.is_none_or(|c| !is_word(c)) && !decimal_fraction;
            let digits = norm.get(i..end).unwrap_or("");
            if next_ok && digits.len() <= 10 {
                let negative = prev == Some('-')
                    && norm
                        .get(..i.saturating_sub(1))
                        .and_then(|s| s.chars().next_back())
                        .is_none_or(|c| !is_word(c));
                if let Ok(v) = digits.parse::<u64>() {
                    if let Some(hit) = decimal_code(norm, i, v, negative, mode, digits) {
                        out.push(hit);
                    }
                }
            }
            i = end;
            continue;
        }
        // advance by one character
        i += norm
            .get(i..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
    }
    out
}

fn decimal_code(
    norm: &str,
    at: usize,
    v: u64,
    negative: bool,
    mode: Mode,
    digits: &str,
) -> Option<(Rule, String)> {
    // Signed HRESULT, e.g. -2146893019.
    if negative && (1..=0x8000_0000_u64).contains(&v) {
        let value = (0x1_0000_0000_u64 - v) as u32;
        if let Some(code) = codes::status(value) {
            return Some((
                code.rule,
                format!("code -{digits} = 0x{:08X} = {}", code.value, code.name),
            ));
        }
    }
    // Unsigned HRESULT, e.g. 2148074277.
    if !negative && v >= 0x8000_0000 {
        if let Ok(value) = u32::try_from(v) {
            if let Some(code) = codes::status(value) {
                return Some((
                    code.rule,
                    format!("code {digits} = 0x{:08X} = {}", code.value, code.name),
                ));
            }
        }
    }
    let value = u32::try_from(v).ok()?;
    let code = codes::number(value)?;
    let before = norm.get(..at).unwrap_or("");
    if mode == Mode::Log {
        let labelled = ["error: ", "error ", "event id: ", "event id ", "eventid: "]
            .iter()
            .any(|l| before.ends_with(l));
        if !labelled {
            return None;
        }
    }
    if !guard(norm, value) {
        return None;
    }
    Some((
        code.rule,
        format!("{} {} = {}", code.kind.label(), value, code.name),
    ))
}

/// Context checks for numbers that also occur with causes unrelated to TLS.
fn guard(norm: &str, value: u32) -> bool {
    match value {
        // 17182 is TLS only with status code 0x80 (certificate) — other status
        // codes are protocol/DLL problems.
        17182 => {
            let statuses: Vec<&str> = norm
                .match_indices("status code 0x")
                .filter_map(|(i, m)| norm.get(i + m.len()..))
                .map(|s| {
                    s.split(|c: char| !c.is_ascii_hexdigit())
                        .next()
                        .unwrap_or("")
                })
                .collect();
            statuses.is_empty() || statuses.contains(&"80")
        }
        // 36888 is "no common algorithm" for alert 40; other alerts mean other things.
        36888 => {
            let alerts: Vec<&str> = ["fatal error code is ", "fatal alert code is "]
                .iter()
                .flat_map(|k| {
                    norm.match_indices(k)
                        .filter_map(|(i, m)| norm.get(i + m.len()..))
                        .map(|s| s.split(|c: char| !c.is_ascii_digit()).next().unwrap_or(""))
                })
                .collect();
            alerts.is_empty() || alerts.contains(&"40")
        }
        _ => true,
    }
}

/// Thumbprints in a text: the content of `Cert Hash(sha1) "…"` and every
/// token of exactly 40 hex digits. Normalised, deduplicated, in text order.
pub fn thumbprints_in(text: &str) -> Vec<String> {
    let mut out = cert_hash_thumbprints(text);
    for t in hex40_tokens(text) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Thumbprints quoted in SQL Server's `Cert Hash(sha1) "…"` form only.
pub fn cert_hash_thumbprints(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (i, m) in lower.match_indices("cert hash(sha1)") {
        let rest = text.get(i + m.len()..).unwrap_or("").trim_start();
        let Some(body) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(end) = body.find('"') else {
            continue;
        };
        if end > 400 {
            continue;
        }
        if let Some(t) = body.get(..end).and_then(thumbprint::normalize) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Tokens of exactly 40 hex digits (not part of a longer word).
fn hex40_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut run_prev_word = false;
    let mut prev_word = false;
    let mut flush = |run: &mut String, prev: bool, next: bool| {
        if run.len() == 40 && !prev && !next {
            if let Some(t) = thumbprint::normalize(run) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            if run.is_empty() {
                run_prev_word = prev_word;
            }
            run.push(c);
            prev_word = true;
            continue;
        }
        if matches!(c, '\u{200e}' | '\u{200f}' | '\u{feff}') {
            continue;
        }
        let word = is_word(c);
        if !run.is_empty() {
            flush(&mut run, run_prev_word, word);
        }
        prev_word = word;
    }
    if !run.is_empty() {
        flush(&mut run, run_prev_word, false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        explain(text).iter().map(|h| h.rule.id()).collect()
    }

    #[test]
    fn real_texts_once_unrecognised() {
        // Each was pasted in a public report and used to get error.unrecognized.
        for (text, rule) in [
            ("[Microsoft][ODBC Driver 17 for SQL Server]SSL Provider: Die Zertifikatkette wurde von einer nicht vertrauenswürdigen Zertifizierungsstelle ausgestellt.", Rule::ErrorUntrustedRoot),
            ("Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - Certificate name mismatch. The provided 'DataSource' or 'HostNameInCertificate' does not match the name in the server certificate.)", Rule::ErrorNameMismatch),
            ("mssql: login error: TLS Handshake failed: tls: failed to parse certificate from server: x509: negative serial number", Rule::ErrorHandshakeFailed),
            ("[Microsoft][ODBC SQL Server Driver][DBNETLIB]SSL Security error; [Microsoft][ODBC SQL Server Driver][DBNETLIB]ConnectionOpen (SECDoClientHandshake()).", Rule::ErrorNoCommonAlgorithm),
        ] {
            let hits = explain(text);
            assert!(hits.iter().any(|h| h.rule == rule), "{text}: {:?}", hits.iter().map(|h| h.rule.id()).collect::<Vec<_>>());
            assert!(hits.iter().all(|h| h.rule != Rule::ErrorUnrecognized));
        }
    }

    #[test]
    fn normalisation_collapses_space_case_and_quotes() {
        assert_eq!(
            normalize("  The  TARGET\r\n principal \u{2019}x\u{2019}\u{200e}"),
            "the target principal 'x'"
        );
    }

    #[test]
    fn folding_drops_punctuation_entities_and_line_breaks() {
        let f = fold("Host: sql01.\nis not in the cert&#39;s  alt-\nnames &quot;DNS:x&quot;");
        assert_eq!(f.skeleton, "hostsql01isnotinthecertsaltnamesdnsx");
        assert_eq!(f.words, "host sql01 is not in the cert s alt names dns x");
        assert_eq!(normalize("a &amp;#39;b&#39;"), "a 'b'");
    }

    #[test]
    fn gnutls_status_bits() {
        // FreeTDS tdsdump, src/tds/tls.c: 514 = GNUTLS_CERT_INVALID | GNUTLS_CERT_NOT_ACTIVATED.
        assert_eq!(
            ids("tls.c:443:Certificate status: 514"),
            ["error.certificate-not-yet-valid"]
        );
        assert_eq!(
            ids("tls.c:443:Certificate status: 1026"),
            ["error.certificate-expired"]
        );
        // 66 = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND: not about dates.
        assert!(ids("tls.c:443:Certificate status: 66").is_empty());
    }

    #[test]
    fn errorlog_lines_are_never_another_systems() {
        let text = "ERROR 2026 (HY000): SSL connection error: error:0A000086:SSL routines::certificate verify failed";
        assert_eq!(ids(text), ["error.not-sql-server"]);
        assert!(explain_mode(text, Mode::Log)
            .iter()
            .all(|h| h.rule != Rule::ErrorNotSqlServer));
    }

    #[test]
    fn codes_in_every_form() {
        assert_eq!(ids("0x80090325"), ["error.untrusted-root"]);
        assert_eq!(ids("-2146893019"), ["error.untrusted-root"]);
        assert_eq!(ids("2148074277"), ["error.untrusted-root"]);
        assert_eq!(ids("EvtID=-2146893022"), ["error.name-mismatch"]);
        assert_eq!(ids("26014"), ["error.user-cert-load-failed"]);
        assert_eq!(ids("10054"), ["error.connection-forcibly-closed"]);
        assert_eq!(ids("0x80090328"), ["error.certificate-expired"]);
        assert_eq!(ids("-2146893016"), ["error.certificate-expired"]);
        assert_eq!(ids("0x800B0101"), ["error.certificate-expired"]);
        assert!(ids("2146893019").is_empty());
        assert!(ids("126014").is_empty());
        assert!(ids("A26014B").is_empty());
        assert!(ids("12.0.26014.1").is_empty());
        assert!(ids("0x800903251").is_empty());
    }

    #[test]
    fn log_mode_needs_a_label() {
        assert!(explain_mode("Server process ID is 10054.", Mode::Log).is_empty());
        assert_eq!(
            explain_mode("Error: 26014, Severity: 16, State: 1.", Mode::Log)
                .iter()
                .map(|h| h.rule.id())
                .collect::<Vec<_>>(),
            ["error.user-cert-load-failed"]
        );
    }

    /// Real wordings of an expired server certificate, one per TLS stack.
    #[test]
    fn expired_server_certificate_in_every_stack() {
        for text in [
            // Microsoft.Data.SqlClient / ODBC on Windows (Schannel, SEC_E_CERT_EXPIRED).
            "A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The received certificate has expired.)",
            // go-mssqldb (Go crypto/x509, verify.go CertificateInvalidError Expired).
            "TLS Handshake failed: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-12-03T07:41:54Z is after 2026-01-01T00:00:00Z",
            // tedious (Node tls, code CERT_HAS_EXPIRED).
            "ConnectionError: Failed to connect to sql01:1433 - certificate has expired",
            // ODBC 18 / FreeTDS on Linux (OpenSSL).
            "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:certificate has expired]",
            // mssql-jdbc (JSSE).
            "The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed\". Caused by: java.security.cert.CertificateExpiredException: NotAfter: Thu Jan 01 00:00:00 UTC 2026",
        ] {
            let found = ids(text);
            assert!(found.contains(&"error.certificate-expired"), "{text}: {found:?}");
            assert!(!found.contains(&"error.untrusted-root"), "{text}: {found:?}");
        }
    }

    #[test]
    fn guards() {
        assert!(ids(
            "Error: 17182 TDSSNIClient initialization failed with error 0x7e, status code 0x60."
        )
        .is_empty());
        assert_eq!(ids("Error: 17182"), ["error.server-cert-not-found"]);
        assert!(ids("36888 The TLS protocol defined fatal error code is 48.").is_empty());
    }

    #[test]
    fn generic_wrappers_yield_to_specific_causes() {
        assert_eq!(
            ids("A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)"),
            ["error.connection-forcibly-closed"]
        );
        assert_eq!(
            ids("A connection was successfully established with the server, but then an error occurred during the pre-login handshake."),
            ["error.handshake-failed"]
        );
    }

    #[test]
    fn thumbprints_from_cert_hash_and_tokens() {
        let t = thumbprints_in(
            "Unable to load user-specified certificate [Cert Hash(sha1) \"43 a4 ba da 52 12 c4 cf da 8d bc fc 99 dd c7 53 b4 db 93 ed\"]. x 7ee72ae05795f509e68c73b78084e11b98672c3d, not 7ee72ae05795f509e68c73b78084e11b98672c3d00",
        );
        assert_eq!(
            t,
            [
                "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED",
                "7EE72AE05795F509E68C73B78084E11B98672C3D"
            ]
        );
    }
}
