//! The finding catalogue: every rule id sqltls can emit, in one table. The
//! docs page `docs/findings.md` is generated from it (and a test fails when
//! the page is stale).

use super::{chain, input, key, names, origin, signature, usage, validity};
use crate::finding::RuleMeta;

/// Every rule, grouped by family, in documentation order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    CERTIFICATE_RULES
        .iter()
        .copied()
        .chain(super::conn::ALL.iter().copied())
        .chain(super::matching::ALL.iter().copied())
        .chain(super::thumbprint_match::ALL.iter().copied())
        .chain(super::error::ALL.iter().copied())
        .chain(super::server::ALL.iter().copied())
}

/// Input and certificate rules.
static CERTIFICATE_RULES: &[&RuleMeta] = &[
    // input.*
    &input::UNRECOGNIZED,
    &input::EMPTY,
    &input::MALFORMED,
    &input::TOO_LARGE,
    &input::PFX_PASSWORD_REQUIRED,
    &input::PFX_WRONG_PASSWORD,
    &input::PFX_UNSUPPORTED_ALGORITHM,
    &input::PFX_ITERATION_LIMIT,
    // cert.*
    &validity::EXPIRED,
    &validity::NOT_YET_VALID,
    &validity::EXPIRES_SOON,
    &usage::EKU_NO_SERVER_AUTH,
    &usage::KU_NO_KEY_ENCIPHERMENT,
    &usage::KU_NO_DIGITAL_SIGNATURE,
    &usage::IS_CA,
    &origin::SELF_SIGNED,
    &origin::SELF_GENERATED_FALLBACK,
    &signature::WEAK_SHA1,
    &signature::WEAK_MD5,
    &key::RSA_KEY_TOO_SMALL,
    &key::ECDSA_KEY,
    &key::PRIVATE_KEY_MISSING,
    &key::PRIVATE_KEY_MISMATCH,
    &key::KEYSPEC_SIGNATURE,
    &key::CNG_KEY_PROVIDER,
    &names::NAME_NOT_FQDN,
    &names::NO_SAN,
    &names::WILDCARD,
    &chain::CHAIN_INCOMPLETE,
    &chain::CHAIN_ROOT_REQUIRED,
];

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id == id)
}

/// The catalogue as Markdown (the content of `docs/findings.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from crates/core/src/rules by `cargo test` (UPDATE_DOCS=1 rewrites it). Do not edit. -->\n\
         # sqltls finding catalogue\n\n\
         Every finding id sqltls emits. Ids never change meaning once shipped.\n\
         Severity: `error` = SQL Server will refuse the certificate or clients will fail; \
         `warning` = works with caveats; `info` = context.\n\n\
         | id | severity | title |\n|---|---|---|\n",
    );
    for m in all() {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            m.id,
            anchor(m.id),
            m.severity.as_str(),
            m.title
        ));
    }
    for m in all() {
        out.push_str(&format!(
            "\n## {}\n\n**{}** — {}\n\n{}\n\n**Fix:** {}\n\n**Source:** {} ({})\n",
            m.id,
            m.severity.as_str(),
            m.title,
            m.explanation,
            m.fix,
            m.source.title,
            m.source.reference
        ));
    }
    out
}

fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_well_formed_and_documented() {
        let mut seen = HashSet::new();
        for m in all() {
            assert!(seen.insert(m.id), "duplicate id {}", m.id);
            let (family, name) = m.id.split_once('.').expect("id has a family");
            assert!(
                ["input", "cert", "conn", "match", "error", "server"].contains(&family),
                "{}",
                m.id
            );
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.id
            );
            assert!(
                !m.title.is_empty() && !m.explanation.is_empty() && !m.fix.is_empty(),
                "{} lacks text",
                m.id
            );
            assert!(!m.source.reference.is_empty(), "{} lacks a source", m.id);
        }
    }

    #[test]
    fn every_cert_rule_is_in_the_catalogue() {
        for rule in super::super::CERT_RULES {
            assert!(
                by_id(rule.meta.id).is_some(),
                "{} missing from catalogue",
                rule.meta.id
            );
        }
    }
}
