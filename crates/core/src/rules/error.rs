//! `error.*`: what a pasted error message or code means.

use crate::finding::RuleMeta;

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[];
