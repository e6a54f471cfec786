//! `match.*`: a connection's validated name against the dropped certificates.

use crate::finding::{RuleMeta, Severity, Source};

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

/// `match.host-name-mismatch`.
pub static HOST_NAME_MISMATCH: RuleMeta = RuleMeta {
    id: "match.host-name-mismatch",
    severity: Severity::Error,
    title: "Certificate does not cover the name the client validates",
    explanation: "The client validates the certificate against the name it connects with (or HostNameInCertificate), and this certificate carries no matching SAN entry (or CN, for drivers that still read it). The connection fails with 'The target principal name is incorrect' (0x80090322), JDBC 'Failed to validate the server name', Node 'Hostname/IP does not match certificate's altnames' or Go 'x509: certificate is valid for …, not …'.",
    fix: "Add the name clients use (FQDN, short name, alias, listener or cluster name) to the certificate's SAN and reissue it; or connect with a name the certificate already has; or set HostNameInCertificate (JDBC hostNameInCertificate, tedious serverName, FreeTDS certificate hostname) to a name in the certificate. TrustServerCertificate is not a fix.",
    source: NAME_MATCHING,
};

/// `match.host-name-ok`.
pub static HOST_NAME_OK: RuleMeta = RuleMeta {
    id: "match.host-name-ok",
    severity: Severity::Info,
    title: "Certificate covers the name the client validates",
    explanation: "The name this driver validates matches an entry of the certificate under the driver's rules (SAN, CN fallback where the driver still reads it, wildcard rules). Name validation will pass; the chain must still be trusted by the client.",
    fix: "Nothing to do for the name. Make sure clients trust the issuing CA.",
    source: NAME_MATCHING,
};

/// `match.local-name`.
pub static LOCAL_NAME: RuleMeta = RuleMeta {
    id: "match.local-name",
    severity: Severity::Warning,
    title: "localhost / '.' / (local): the validated name depends on the client stack",
    explanation: "For localhost, '.' and (local) the Windows native network layer (ODBC, OLE DB, System.Data.SqlClient, SqlClient on .NET Framework/Windows) validates the machine's own name, while managed SNI (SqlClient on Linux/macOS and optionally Windows) and other stacks validate the literal text. Whether this certificate passes therefore depends on where and how the client runs, and sqltls does not guess.",
    fix: "Connect with the machine's DNS name as it appears in the certificate's SAN, or set HostNameInCertificate to it; or add 'localhost' to the SAN for local tools.",
    source: LOCAL_NAMES,
};

/// Every `match.*` rule, in documentation order.
pub static ALL: &[&RuleMeta] = &[&HOST_NAME_MISMATCH, &HOST_NAME_OK, &LOCAL_NAME];
