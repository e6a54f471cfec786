//! Failures a pasted error proves. A certificate verdict that says "depends
//! on what the client trusts" becomes "no" when the client's own error says it
//! does not trust the issuer; the same for a name the client found missing and
//! an expiry the client reported.

use crate::catalogue::Rule;
use crate::finding::Finding;
use crate::verdict::{Answer, Verdict};

/// The error rules that prove validating clients refuse the server's certificate.
pub(crate) const PROVEN_REFUSALS: &[Rule] = &[
    Rule::ErrorUntrustedRoot,
    Rule::ErrorNameMismatch,
    Rule::ErrorNoSan,
    Rule::ErrorCertificateExpired,
    Rule::ErrorCertificateNotYetValid,
];

/// The proven refusals among `findings`, in [`PROVEN_REFUSALS`] order.
pub(crate) fn refusals(findings: &[Finding]) -> Vec<Rule> {
    PROVEN_REFUSALS
        .iter()
        .copied()
        .filter(|&r| findings.iter().any(|f| f.rule == r))
        .collect()
}

/// Fold the proven refusals into the server certificates' "validating clients
/// accept it" answers.
pub(crate) fn apply(findings: &[Finding], servers: &[usize], verdicts: &mut [Option<Verdict>]) {
    let proven = refusals(findings);
    if proven.is_empty() {
        return;
    }
    for &i in servers {
        if let Some(v) = verdicts.get_mut(i).and_then(Option::as_mut) {
            for &rule in &proven {
                v.clients_validate.apply(Answer::No, rule);
            }
        }
    }
}
