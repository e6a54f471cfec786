//! What only a Windows certificate-store dump shows: the store the
//! certificate is in, whether certutil could use its key, whether the key is
//! exportable, and which facts the dump could not show.

use super::{CertRule, Hit, Origin, ServerCertContext};
use crate::catalogue::Rule;
use crate::evidence::store_dump::{DumpTool, KeyState, ProviderKind, StoreCert, StoreLocation};
use crate::verdict::{Answer, VerdictKind};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertStoreCurrentUser,
        check: current_user,
    },
    CertRule {
        rule: Rule::CertStoreNotPersonal,
        check: not_personal,
    },
    CertRule {
        rule: Rule::CertStoreKeyTestFailed,
        check: key_test_failed,
    },
    CertRule {
        rule: Rule::CertStoreKeyNotExportable,
        check: key_not_exportable,
    },
    CertRule {
        rule: Rule::CertStoreFactsUnknown,
        check: facts_unknown,
    },
];

fn store_of<'a>(ctx: &ServerCertContext<'a>) -> Option<&'a StoreCert> {
    match ctx.origin {
        Origin::Store(s) => Some(s),
        _ => None,
    }
}

/// Does `rule` need a fact that the dump `s` does not show? Such a rule is
/// not run on the certificate (its absence would read as a fact);
/// `cert.store-facts-unknown` says what is missing instead.
pub fn needs_unknown_fact(rule: Rule, s: &StoreCert) -> bool {
    match rule {
        Rule::CertEkuNoServerAuth => !s.eku_known(),
        Rule::CertKeyUsageNoKeyEncipherment | Rule::CertKeyUsageNoDigitalSignature => {
            !s.key_usage_known()
        }
        Rule::CertIsCa => !s.extensions_shown,
        Rule::CertNoSan | Rule::CertNameNotFqdn | Rule::CertWildcard => !s.names_known(),
        Rule::CertEcdsaKey => s.key_type.is_none(),
        Rule::CertRsaKeyTooSmall => s.key_bits.is_none(),
        Rule::CertSelfGeneratedFallback
        | Rule::CertWeakSignatureMd5
        | Rule::CertWeakSignatureSha1 => s.signature_algorithm.is_none(),
        Rule::CertExpired | Rule::CertExpiresSoon => s.not_after.is_none(),
        Rule::CertNotYetValid => s.not_before.is_none(),
        _ => false,
    }
}

fn current_user(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let s = store_of(ctx)?;
    (s.location == Some(StoreLocation::CurrentUser)).then(|| {
        Hit::new(format!(
            "'{}' (thumbprint {}) is in CurrentUser\\{}: Configuration Manager lists only LocalMachine\\My, and SQL Server loads it only if that user is the account the SQL Server service runs as.",
            ctx.cert.label(),
            ctx.cert.thumbprint_sha1,
            s.store.as_deref().unwrap_or("My")
        ))
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ServerLoads, Answer::Depends)
    })
}

fn not_personal(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let s = store_of(ctx)?;
    let store = s.store.as_deref()?;
    let personal = store.eq_ignore_ascii_case("My") || store.eq_ignore_ascii_case("Personal");
    (!personal).then(|| {
        Hit::new(format!(
            "'{}' is in the store \"{store}\", not in Personal (My).",
            ctx.cert.label()
        ))
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

fn key_test_failed(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let s = store_of(ctx)?;
    (s.key == KeyState::TestFailed).then(|| {
        Hit::new(format!(
            "certutil's test with the private key of '{}' failed{}.",
            ctx.cert.label(),
            s.provider
                .as_deref()
                .map_or(String::new(), |p| format!(" (provider \"{p}\")"))
        ))
        .effect(VerdictKind::SscmLists, Answer::Depends)
        .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

fn key_not_exportable(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let s = store_of(ctx)?;
    (s.exportable == Some(false)).then(|| {
        Hit::new(format!(
            "The private key of '{}' is marked not exportable: a change of provider or KeySpec needs a new key and certificate.",
            ctx.cert.label()
        ))
    })
}

fn facts_unknown(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let s = store_of(ctx)?;
    let mut missing: Vec<&str> = Vec::new();
    let mut server_side = false;
    let mut client_side = false;
    // A certificate given as a file shows its own extensions and key type;
    // only the key's facts come from the listing then.
    let from_file = !ctx.cert.der.is_empty();
    if !from_file && !s.eku_known() {
        missing.push("the EKU");
        server_side = true;
        client_side = true;
    }
    if !from_file && !s.key_usage_known() {
        missing.push("the key usage");
        server_side = true;
    }
    if !from_file && !s.names_known() {
        missing.push("the SAN names");
        client_side = true;
    }
    if !from_file && s.key_type.is_none() {
        missing.push("the key type (RSA or ECDSA)");
        server_side = true;
    }
    match s.key {
        KeyState::Unknown => {
            missing.push("whether it has a private key");
            server_side = true;
        }
        KeyState::Present | KeyState::TestFailed => {
            if s.provider_kind().is_none() {
                missing.push("the key's provider");
                server_side = true;
            }
            if s.key_spec.is_none() && s.provider_kind() != Some(ProviderKind::CngKsp) {
                missing.push("the KeySpec");
                server_side = true;
            }
        }
        KeyState::None | KeyState::KeysetMissing => {}
    }
    if missing.is_empty() {
        return None;
    }
    let what = match s.tool() {
        DumpTool::Certutil => "A plain certutil listing",
        DumpTool::CertutilVerbose => "This certutil -v listing",
        DumpTool::PowerShell => "A PowerShell listing",
        DumpTool::Dbatools => "A dbatools listing",
    };
    let mut hit = Hit::new(format!(
        "{what} of '{}' does not show {}. Run `{}` on the server and paste its output.",
        ctx.cert.label(),
        join(&missing),
        s.fuller_command()
    ));
    if server_side {
        hit = hit
            .effect(VerdictKind::SscmLists, Answer::Depends)
            .effect(VerdictKind::ServerLoads, Answer::Depends);
    }
    if client_side {
        hit = hit.effect(VerdictKind::ClientsValidate, Answer::Depends);
    }
    Some(hit)
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [head @ .., last] => format!("{}, or {last}", head.join(", ")),
    }
}
