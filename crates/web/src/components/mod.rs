//! One component per file, each with its `Props`. Components never call the core.

pub mod certificate;
pub mod chain;
pub mod connection;
pub mod connection_input;
pub mod connection_verdict;
pub mod controls;
pub mod copy_button;
pub mod drop_zone;
pub mod error_input;
pub mod evidence;
pub mod file_list;
pub mod finding;
pub mod findings;
pub mod lead;
pub mod outcome_matrix;
pub mod remedies;
pub mod timeline;
pub mod toolbar;
pub mod verdict;
