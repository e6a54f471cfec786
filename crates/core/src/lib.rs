//! sqltls-core: the offline SQL Server TLS doctor.
//!
//! Bytes and text go in, a [`Report`] comes out: `decode -> analyze -> Report`.
//! The crate is pure — no file system, no network, no clock (the evaluation
//! instant is an input) — so the same code runs in the CLI and in WebAssembly.
#![forbid(unsafe_code)]

pub mod analyze;
pub mod catalogue;
pub mod cert;
pub mod chain;
pub mod clients;
pub mod connstr;
pub mod diagnosis;
pub mod evidence;
pub mod extract;
pub mod finding;
pub mod input;
pub mod interned;
pub mod remedy;
pub mod report;
pub mod rules;
pub mod thumbprint;
pub mod verdict;
pub mod verify;
pub mod version;

pub use analyze::{AnalysisRequest, InputFile};
pub use catalogue::Rule;
pub use finding::{Finding, RuleMeta, Severity, Source};
pub use report::{analyze, Report};
pub use version::SqlServerVersion;
