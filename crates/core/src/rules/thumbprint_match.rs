//! `match.thumbprint-*`: thumbprints named by the server or a message against dropped certificates.

use crate::finding::RuleMeta;

/// Every rule of this family, in documentation order.
pub static ALL: &[&RuleMeta] = &[];
