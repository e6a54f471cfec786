//! The key: type, size, presence in a .pfx, KeySpec and provider.

use super::sources::{CERT_REQUIREMENTS, CNG_REPORTS, LINUX_ENCRYPTION, PKCS12_MS_ATTRIBUTES};
use super::{CertRule, Hit, Origin, ServerCertContext};
use crate::cert::KeyType;
use crate::finding::{RuleMeta, Severity};
use crate::input::pkcs12::KeySpec;
use crate::report::{Answer, VerdictKind};
use crate::version::{SqlServerVersion, Support};

/// `cert.rsa-key-too-small`.
pub static RSA_KEY_TOO_SMALL: RuleMeta = RuleMeta {
    id: "cert.rsa-key-too-small",
    severity: Severity::Warning,
    title: "RSA key smaller than 2048 bits",
    explanation: "The RSA key has fewer than 2048 bits. SQL Server loads it, but clients using OpenSSL at security level 2 (Linux ODBC and pymssql, SQL Server on Linux) reject keys below 2048 bits, and Microsoft's own certificate template uses 2048.",
    fix: "Issue a new certificate with an RSA key of 2048 bits or more (KeyLength = 2048 in the certreq INF, -KeyLength 2048 in New-SelfSignedCertificate).",
    source: LINUX_ENCRYPTION,
};
/// Rule for [`RSA_KEY_TOO_SMALL`].
pub const RSA_KEY_TOO_SMALL_RULE: CertRule = CertRule {
    meta: &RSA_KEY_TOO_SMALL,
    check: rsa_key_too_small,
};

fn rsa_key_too_small(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let key = &ctx.cert.public_key;
    (key.key_type == KeyType::Rsa && key.bits > 0 && key.bits < 2048).then(|| {
        Hit::new(format!("The RSA key has {} bits.", key.bits))
            .effect(VerdictKind::ClientsValidate, Answer::Depends)
    })
}

/// `cert.ecdsa-key`.
pub static ECDSA_KEY: RuleMeta = RuleMeta {
    id: "cert.ecdsa-key",
    severity: Severity::Error,
    title: "Key is not RSA (SQL Server on Windows needs RSA)",
    explanation: "SQL Server on Windows needs an RSA key held in a legacy CryptoAPI provider with KeySpec AT_KEYEXCHANGE. ECDSA (and other non-RSA) keys can only live in CNG providers, so Configuration Manager does not list the certificate and SQL Server will not load it. SQL Server on Linux reads PEM files through OpenSSL and is not bound by this.",
    fix: "Issue an RSA 2048 (or larger) certificate for the server; keep ECDSA certificates for other services.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`ECDSA_KEY`].
pub const ECDSA_KEY_RULE: CertRule = CertRule {
    meta: &ECDSA_KEY,
    check: ecdsa_key,
};

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

/// `cert.private-key-missing`.
pub static PRIVATE_KEY_MISSING: RuleMeta = RuleMeta {
    id: "cert.private-key-missing",
    severity: Severity::Error,
    title: "The .pfx holds no private key",
    explanation: "This PKCS#12 file carries the certificate but not its private key. Imported on the server, the certificate has no key: Configuration Manager does not list it and SQL Server cannot use it (error 33566, \"certificate has no private key\").",
    fix: "Export again from the machine that holds the key with \"Yes, export the private key\" (Export-PfxCertificate, or openssl pkcs12 -export -inkey), or complete the request on the machine where it was created (certreq -accept).",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`PRIVATE_KEY_MISSING`].
pub const PRIVATE_KEY_MISSING_RULE: CertRule = CertRule {
    meta: &PRIVATE_KEY_MISSING,
    check: private_key_missing,
};

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

/// `cert.private-key-mismatch`.
pub static PRIVATE_KEY_MISMATCH: RuleMeta = RuleMeta {
    id: "cert.private-key-mismatch",
    severity: Severity::Error,
    title: "The .pfx's private key belongs to no certificate in it",
    explanation: "The PKCS#12 file holds a private key, but its public half matches none of the certificates in the file. Imported, the server certificate has no usable key, so SQL Server cannot use it.",
    fix: "Export the certificate together with its own key from the machine where the request was created; check that the thumbprint of the exported certificate is the one configured.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`PRIVATE_KEY_MISMATCH`].
pub const PRIVATE_KEY_MISMATCH_RULE: CertRule = CertRule {
    meta: &PRIVATE_KEY_MISMATCH,
    check: private_key_mismatch,
};

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

/// `cert.keyspec-signature`.
pub static KEYSPEC_SIGNATURE: RuleMeta = RuleMeta {
    id: "cert.keyspec-signature",
    severity: Severity::Error,
    title: "Key was created for signatures only (AT_SIGNATURE)",
    explanation: "The .pfx marks the private key with KeySpec AT_SIGNATURE (key usage attribute 0x80). SQL Server requires AT_KEYEXCHANGE: Configuration Manager does not offer such a certificate and SQL Server fails to load it.",
    fix: "Create the key with KeySpec = 1 (AT_KEYEXCHANGE): certreq INF \"KeySpec = 1\" with ProviderName \"Microsoft RSA SChannel Cryptographic Provider\", New-SelfSignedCertificate -KeySpec KeyExchange, or re-export with openssl pkcs12 -export -keyex -CSP \"Microsoft RSA SChannel Cryptographic Provider\" and import again.",
    source: PKCS12_MS_ATTRIBUTES,
};
/// Rule for [`KEYSPEC_SIGNATURE`].
pub const KEYSPEC_SIGNATURE_RULE: CertRule = CertRule {
    meta: &KEYSPEC_SIGNATURE,
    check: keyspec_signature,
};

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

/// `cert.cng-key-provider`.
pub static CNG_KEY_PROVIDER: RuleMeta = RuleMeta {
    id: "cert.cng-key-provider",
    severity: Severity::Warning,
    title: "Private key is in a CNG key storage provider",
    explanation: "The .pfx names a CNG key storage provider (KSP) for the private key. SQL Server's documentation requires a legacy CryptoAPI provider (such as \"Microsoft RSA SChannel Cryptographic Provider\"). SQL Server 2016 Configuration Manager hides such certificates and 2016 and earlier fail to load them; 2019 and later have been seen loading them when the thumbprint is set in the registry, which is not documented.",
    fix: "Re-create the key in the legacy provider: certreq INF ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\" with KeySpec = 1, or convert the existing .pfx with openssl (pkcs12 -export -CSP \"Microsoft RSA SChannel Cryptographic Provider\" -keyex) and import it again.",
    source: CNG_REPORTS,
};
/// Rule for [`CNG_KEY_PROVIDER`].
pub const CNG_KEY_PROVIDER_RULE: CertRule = CertRule {
    meta: &CNG_KEY_PROVIDER,
    check: cng_key_provider,
};

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
