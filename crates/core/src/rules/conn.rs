//! `conn.*`: findings about connection strings.

use crate::finding::RuleMeta;

/// Every `conn.*` rule, in documentation order.
pub static ALL: &[&RuleMeta] = &[];
