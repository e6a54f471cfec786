//! Connection strings of every common SQL Server driver: parse, resolve the
//! driver's defaults, and decide the encryption outcome and validated name.
//!
//! `analyze_connection` is the entry point; `parse`, `outcome`, `matrix`,
//! `match_name` and `redact` are the building blocks.

pub mod analyze;
pub mod capabilities;
pub mod describe;
pub mod driver;
pub mod keywords;
mod lexer;
pub mod model;
pub mod name_match;
pub mod name_stacks;
pub mod outcome;
pub mod redact;
pub mod verified;

use serde::{Deserialize, Serialize};

pub use analyze::{analyze_connection, ConnectionReport, ConnectionRequest};
pub use capabilities::{Capabilities, EncryptMode};
pub use driver::{DriverId, DriverSpec, Generation, Version};
pub use keywords::Key;
pub use model::{
    pair_spans, parse, ConnectionString, PairSpan, Parsed, ServerAddress, Setting, SyntaxError,
    UnknownKeyword,
};
pub use name_match::{match_name, match_name_with, stacks, NameMatch};
pub use outcome::{matrix, matrix_at, outcome, Encryption, Outcome};
pub use redact::{redact, REDACTED};

/// The grammar a connection string is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// `key=value;` with quotes (SqlClient, node-mssql, go-mssqldb ADO form).
    AdoNet,
    /// `key=value;` with `{}` values (ODBC).
    Odbc,
    /// `key=value;` with quotes (OLE DB provider / IDataInitialize strings).
    OleDb,
    /// `jdbc:sqlserver://…`.
    Jdbc,
    /// `sqlserver://user:pass@host/instance?…` (go-mssqldb; `mssql://` node-mssql).
    GoUrl,
    /// `freetds.conf` lines.
    Freetds,
}

impl Dialect {
    /// The JSON name.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::AdoNet => "ado-net",
            Dialect::Odbc => "odbc",
            Dialect::OleDb => "ole-db",
            Dialect::Jdbc => "jdbc",
            Dialect::GoUrl => "go-url",
            Dialect::Freetds => "freetds",
        }
    }
}
