//! `server.*`: what the server's ERRORLOG, registry and mssql.conf say.

use crate::finding::RuleMeta;

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[];
