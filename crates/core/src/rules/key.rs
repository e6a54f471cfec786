//! The key: type, size, presence in a .pfx, KeySpec and provider.

use super::{CertRule, Hit, Origin, ServerCertContext};
use crate::catalogue::Rule;
use crate::cert::KeyType;
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
    (ctx.origin == Origin::PfxWithoutKey).then(|| {
        Hit::new(format!(
            "'{}' came in a .pfx without a private key.",
            ctx.cert.label()
        ))
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

fn private_key_mismatch(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    (ctx.origin == Origin::PfxKeyMismatch).then(|| {
        Hit::new(format!(
            "The key in the .pfx does not match '{}' (thumbprint {}).",
            ctx.cert.label(),
            ctx.cert.thumbprint_sha1
        ))
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

fn keyspec_signature(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let Origin::PfxWithKey(facts) = ctx.origin else {
        return None;
    };
    (facts.key_spec == Some(KeySpec::Signature)).then(|| {
        Hit::new("The private key's KeySpec attribute is AT_SIGNATURE (0x80).")
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ServerLoads, Answer::No)
    })
}

/// Is this provider name a CNG key storage provider?
pub fn is_cng_provider(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("key storage provider")
        || n.contains("platform crypto provider")
        || n.contains("smart card key storage")
}

fn cng_key_provider(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let Origin::PfxWithKey(facts) = ctx.origin else {
        return None;
    };
    let provider = facts.csp_name.filter(|p| is_cng_provider(p))?;
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
