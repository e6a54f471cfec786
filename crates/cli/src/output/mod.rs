//! Output formats over a [`sqltls_core::Report`]: one file per format.

pub mod json;
pub mod sarif;
pub mod text;
