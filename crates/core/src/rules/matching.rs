//! `match.*`: a connection's validated name against the dropped certificates.

use crate::finding::RuleMeta;

/// Every `match.*` rule, in documentation order.
pub static ALL: &[&RuleMeta] = &[];
