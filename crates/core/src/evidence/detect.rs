//! What a pasted or dropped text is: ERRORLOG, `.reg` export, mssql.conf,
//! certificate-store listing, `ls -l` listing, or else an error text. Detected from content only, in that order.

use super::{errorlog, ls_listing, mssql_conf, reg_export, store_dump};
use serde::{Deserialize, Serialize};

/// The kind of server evidence a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// A SQL Server ERRORLOG (timestamped `Server`/`spid`/`Logon` lines).
    Errorlog,
    /// A regedit export (`Windows Registry Editor Version 5.00` / `REGEDIT4`).
    RegistryExport,
    /// An mssql.conf of SQL Server on Linux.
    MssqlConf,
    /// A Windows certificate-store listing (certutil, PowerShell, dbatools).
    StoreDump,
    /// An `ls -l` listing of files (the TLS certificate and key on Linux).
    FileListing,
    /// Anything else: an error message or code to explain.
    ErrorText,
}

impl EvidenceKind {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Errorlog => "SQL Server ERRORLOG",
            EvidenceKind::RegistryExport => "registry export",
            EvidenceKind::MssqlConf => "mssql.conf",
            EvidenceKind::StoreDump => "certificate store listing",
            EvidenceKind::FileListing => "file listing (ls -l)",
            EvidenceKind::ErrorText => "error text",
        }
    }
}

/// Detect what `text` is without keeping the parse.
pub fn detect(text: &str) -> EvidenceKind {
    if errorlog::parse_errorlog(text).is_some() {
        EvidenceKind::Errorlog
    } else if reg_export::parse_registry(text).is_some() {
        EvidenceKind::RegistryExport
    } else if mssql_conf::parse_mssql_conf(text).is_some() {
        EvidenceKind::MssqlConf
    } else if store_dump::parse_store_dump(text).is_some() {
        EvidenceKind::StoreDump
    } else if ls_listing::parse_listing(text).is_some() {
        EvidenceKind::FileListing
    } else {
        EvidenceKind::ErrorText
    }
}
