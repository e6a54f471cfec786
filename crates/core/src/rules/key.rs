//! The key: type, size, presence in a .pfx, KeySpec and provider.

use super::{CertRule, Hit, Origin, ServerCertContext};
use crate::catalogue::Rule;
use crate::cert::KeyType;
use crate::evidence::store_dump::KeyState;
use crate::input::pkcs12::KeySpec;
use crate::verdict::{Answer, VerdictKind};
use crate::version::{SqlServerVersion, Support};

/// This family's checks, in report order.
pub(super) static CHECKS: &[CertRule] = &[
    CertRule {
        rule: Rule::CertRsaKeyTooSmall,
        check: rsa_key_too_small,
    },
    CertRule {
        rule: Rule::CertEcdsaKey,
        check: ecdsa_key,
    },
    CertRule {
        rule: Rule::CertPrivateKeyMissing,
        check: private_key_missing,
    },
    CertRule {
        rule: Rule::CertPrivateKeyMismatch,
        check: private_key_mismatch,
    },
    CertRule {
        rule: Rule::CertKeyspecSignature,
        check: keyspec_signature,
    },
    CertRule {
        rule: Rule::CertCngKeyProvider,
        check: cng_key_provider,
    },
];

fn rsa_key_too_small(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let key = &ctx.cert.public_key;
    (key.key_type == KeyType::Rsa && key.bits > 0 && key.bits < 2048).then(|| {
        Hit::new(format!("The RSA key has {} bits.", key.bits))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

fn ecdsa_key(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let key = &ctx.cert.public_key;
    let what = match key.key_type {
        KeyType::Rsa => return None,
        KeyType::Ec => format!(
            "an ECDSA key on {}",
            key.curve.as_deref().unwrap_or("an unknown curve")
        ),
        KeyType::Eddsa => format!("an EdDSA key ({})", key.curve.as_deref().unwrap_or("?")),
        KeyType::Dsa => "a DSA key".to_string(),
        KeyType::Other => "a key of an unknown type".to_string(),
    };
    Some(
        Hit::new(format!("The certificate has {what}."))
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ServerLoads, Answer::No)
            .versions("SQL Server on Windows (all versions)"),
    )
}

fn private_key_missing(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let message = match ctx.origin {
        Origin::PfxWithoutKey => format!(
            "'{}' came in a .pfx without a private key.",
            ctx.cert.label()
        ),
        Origin::Store(s) => match s.key {
            KeyState::None => format!(
                "The store dump shows '{}' without a private key (no key provider information).",
                ctx.cert.label()
            ),
            KeyState::KeysetMissing => format!(
                "The store dump names a key container for '{}'{}, but the key itself is gone (\"Missing stored keyset\").",
                ctx.cert.label(),
                s.provider
                    .as_deref()
                    .map_or(String::new(), |p| format!(" in \"{p}\""))
            ),
            _ => return None,
        },
        _ => return None,
    };
    Some(
        Hit::new(message)
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ServerLoads, Answer::No),
    )
}

fn private_key_mismatch(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let message = match ctx.origin {
        Origin::PfxKeyMismatch => format!(
            "The key in the .pfx does not match '{}' (thumbprint {}).",
            ctx.cert.label(),
            ctx.cert.thumbprint_sha1
        ),
        Origin::KeyFileMismatch => format!(
            "None of the private-key files given is the key of '{}' (thumbprint {}): their public keys differ from the certificate's.",
            ctx.cert.label(),
            ctx.cert.thumbprint_sha1
        ),
        _ => return None,
    };
    Some(
        Hit::new(message)
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ServerLoads, Answer::No),
    )
}

/// The provider name and KeySpec known for the server certificate's key.
fn key_facts<'a>(origin: &Origin<'a>) -> Option<(Option<&'a str>, Option<KeySpec>)> {
    match *origin {
        Origin::PfxWithKey(facts) => Some((facts.csp_name, facts.key_spec)),
        Origin::Store(s) if s.key == KeyState::Present || s.key == KeyState::TestFailed => {
            Some((s.provider.as_deref(), s.key_spec))
        }
        _ => None,
    }
}

fn keyspec_signature(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let (_, key_spec) = key_facts(&ctx.origin)?;
    let message = if matches!(ctx.origin, Origin::Store(_)) {
        "The store dump shows the private key with KeySpec AT_SIGNATURE (certutil: \"Signature test passed\" or KeySpec = 2)."
    } else {
        "The private key's KeySpec attribute is AT_SIGNATURE (0x80)."
    };
    (key_spec == Some(KeySpec::Signature)).then(|| {
        Hit::new(message)
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

pub use crate::input::pkcs12::is_cng_provider;

fn cng_key_provider(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let (csp_name, _) = key_facts(&ctx.origin)?;
    let provider = csp_name.filter(|p| is_cng_provider(p))?;
    let answer = |s: Support| {
        if s == Support::No {
            Answer::No
        } else {
            Answer::Depends
        }
    };
    let (sscm, loads, note) = match ctx.version {
        Some(v) => (
            answer(v.config_manager_lists_cng()),
            answer(v.loads_cng_keys()),
            if v.loads_cng_keys() == Support::No {
                format!("SQL Server {v} does not load it.")
            } else {
                format!("SQL Server {v} may load it if the thumbprint is set in the registry; this is not documented.")
            },
        ),
        None => (
            Answer::Depends,
            Answer::Depends,
            "Give --server-version to narrow this down.".to_string(),
        ),
    };
    Some(
        Hit::new(format!("The key's provider is \"{provider}\". {note}"))
            .effect(VerdictKind::SscmLists, sscm)
            .effect(VerdictKind::ServerLoads, loads)
            .versions(format!(
                "fails on {} and earlier; unofficially works on {}",
                SqlServerVersion::V2017,
                SqlServerVersion::V2019.and_later()
            )),
    )
}
