//! `match.thumbprint-*`: thumbprints named by the server or a message against dropped certificates.

use crate::finding::{RuleMeta, Severity, Source};

/// How SQL Server names its certificate: SHA-1 thumbprint in the registry and ERRORLOG.
pub const THUMBPRINT_NAMING: Source = Source {
    title: "SQL Server names its certificate by SHA-1 thumbprint (registry Certificate value, ERRORLOG Cert Hash(sha1))",
    reference: "MicrosoftDocs/sql-docs: docs/database-engine/configure-windows/configure-sql-server-encryption.md; facts A4, A5",
};

/// `match.thumbprint-found`.
pub static THUMBPRINT_FOUND: RuleMeta = RuleMeta {
    id: "match.thumbprint-found",
    severity: Severity::Info,
    title: "The thumbprint SQL Server names is one of the dropped certificates",
    explanation: "A thumbprint from the ERRORLOG, the registry export or the error message (compared ignoring case, spaces and invisible characters) is the SHA-1 thumbprint of a dropped certificate. That certificate's own findings explain what is wrong with it — expiry, EKU, key provider, names, chain.",
    fix: "Read the findings of that certificate. If the server cannot load it, check as well that the service account can read its private key.",
    source: THUMBPRINT_NAMING,
};

/// `match.thumbprint-not-dropped`.
pub static THUMBPRINT_NOT_DROPPED: RuleMeta = RuleMeta {
    id: "match.thumbprint-not-dropped",
    severity: Severity::Warning,
    title: "SQL Server names a certificate that was not dropped",
    explanation: "The thumbprint SQL Server is configured with, loaded or failed to load matches none of the certificates given to sqltls, so that certificate cannot be checked — and if no such certificate exists in LocalMachine\\My on the server, that alone explains a load failure.",
    fix: "On the server run `certutil -store My <thumbprint>` (or `Get-ChildItem Cert:\\LocalMachine\\My\\<thumbprint>`): if it is not found, the configured thumbprint is wrong or the certificate was removed. If it is found, export it (`certutil -store My <thumbprint> sql.cer`, or `Export-Certificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath sql.cer`) and drop the file here.",
    source: THUMBPRINT_NAMING,
};

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[&THUMBPRINT_FOUND, &THUMBPRINT_NOT_DROPPED];
