//! Signature verification of one certificate by an issuer's public key:
//! RSA PKCS#1 v1.5 (SHA-1/-224/-256/-384/-512) and ECDSA on P-256 and P-384.
//! Other algorithms are reported as not checkable, never as failures. Without
//! the `crypto` feature no signature is verified: every check is
//! [`SignatureCheck::Unsupported`], never a failure.

use serde::{Deserialize, Serialize};
#[cfg(feature = "crypto")]
use sha1::Sha1;
#[cfg(feature = "crypto")]
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
#[cfg(feature = "crypto")]
use x509_parser::prelude::*;
#[cfg(feature = "crypto")]
use x509_parser::public_key::PublicKey;

/// Result of checking a certificate's signature against a candidate issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "detail", rename_all = "kebab-case")]
pub enum SignatureCheck {
    /// The issuer's key verifies the signature.
    Verified,
    /// The issuer's key does not verify the signature.
    Failed,
    /// The algorithm is not one sqltls verifies; the string names it.
    Unsupported(String),
}

/// Largest RSA modulus whose signatures are verified, in bits. Larger keys
/// cost a verification each that grows with the square of their size and are
/// used by no CA, so their signatures are reported as not checked.
pub const MAX_RSA_BITS: usize = 8192;

/// What checking one signature cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// A signature verification ran (RSA or ECDSA); the cost is in units of
    /// one 2048-bit RSA verification (or one ECDSA verification).
    Verified {
        /// Relative cost of the verification.
        cost: u64,
    },
    /// The issuer's RSA key is larger than [`MAX_RSA_BITS`]; nothing ran.
    KeyTooLarge {
        /// Modulus size in bits.
        bits: usize,
    },
    /// Nothing ran: unparsable input or an algorithm that is not verified.
    None,
}

/// Verify the signature of `child_der` with the key in `issuer_spki_der`.
pub fn verify(child_der: &[u8], issuer_spki_der: &[u8]) -> SignatureCheck {
    check(child_der, issuer_spki_der).0
}

/// Verify the signature of `child_der` with the key in `issuer_spki_der`,
/// and say what that cost.
#[cfg(feature = "crypto")]
pub fn check(child_der: &[u8], issuer_spki_der: &[u8]) -> (SignatureCheck, Work) {
    let Ok((_, child)) = X509Certificate::from_der(child_der) else {
        return (SignatureCheck::Failed, Work::None);
    };
    let Ok((_, spki)) = SubjectPublicKeyInfo::from_der(issuer_spki_der) else {
        return (SignatureCheck::Failed, Work::None);
    };
    let alg = child.signature_algorithm.algorithm.to_id_string();
    verify_known(&child, &spki, &alg)
}

/// Without the `crypto` feature no certificate is decoded and no signature
/// verified: every check is [`SignatureCheck::Unsupported`].
#[cfg(not(feature = "crypto"))]
pub fn check(_child_der: &[u8], _issuer_spki_der: &[u8]) -> (SignatureCheck, Work) {
    (
        SignatureCheck::Unsupported("this build leaves out signature verification".into()),
        Work::None,
    )
}

/// Verify with the algorithms this build knows.
#[cfg(feature = "crypto")]
fn verify_known(
    child: &X509Certificate<'_>,
    spki: &SubjectPublicKeyInfo<'_>,
    alg: &str,
) -> (SignatureCheck, Work) {
    let tbs = child.tbs_certificate.as_ref();
    let sig = child.signature_value.data.as_ref();
    match (alg, spki.parsed()) {
        (rsa_alg, Ok(PublicKey::RSA(key))) if rsa_hash(rsa_alg).is_some() => {
            let Some(hash) = rsa_hash(rsa_alg) else {
                return (SignatureCheck::Failed, Work::None);
            };
            let bits = modulus_bits(key.modulus);
            if bits > MAX_RSA_BITS {
                return (
                    SignatureCheck::Unsupported(format!(
                        "RSA key of {bits} bits, above the {MAX_RSA_BITS} bits whose signatures are verified"
                    )),
                    Work::KeyTooLarge { bits },
                );
            }
            let units = bits.div_ceil(2048).max(1) as u64;
            (
                verify_rsa(key.modulus, key.exponent, tbs, sig, hash),
                Work::Verified {
                    cost: units * units,
                },
            )
        }
        ("1.2.840.10045.4.3.2", Ok(PublicKey::EC(point))) => {
            verify_ecdsa(spki, point.data(), &Sha256::digest(tbs), sig)
        }
        ("1.2.840.10045.4.3.3", Ok(PublicKey::EC(point))) => {
            verify_ecdsa(spki, point.data(), &Sha384::digest(tbs), sig)
        }
        ("1.2.840.10045.4.3.4", Ok(PublicKey::EC(point))) => {
            verify_ecdsa(spki, point.data(), &Sha512::digest(tbs), sig)
        }
        ("1.2.840.10045.4.1", Ok(PublicKey::EC(point))) => {
            verify_ecdsa(spki, point.data(), &Sha1::digest(tbs), sig)
        }
        _ => (
            SignatureCheck::Unsupported(crate::cert::signature_algorithm(alg).name),
            Work::None,
        ),
    }
}

/// Size in bits of a big-endian modulus (leading zero bytes ignored).
#[cfg(feature = "crypto")]
fn modulus_bits(modulus: &[u8]) -> usize {
    let skip = modulus.iter().take_while(|b| **b == 0).count();
    match modulus.get(skip..) {
        Some([first, rest @ ..]) => rest.len() * 8 + (8 - first.leading_zeros() as usize),
        _ => 0,
    }
}

/// The RSA PKCS#1 v1.5 hash of a signature algorithm OID.
#[cfg(feature = "crypto")]
#[derive(Debug, Clone, Copy)]
enum RsaHash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

#[cfg(feature = "crypto")]
fn rsa_hash(oid: &str) -> Option<RsaHash> {
    Some(match oid {
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => RsaHash::Sha1,
        "1.2.840.113549.1.1.14" => RsaHash::Sha224,
        "1.2.840.113549.1.1.11" => RsaHash::Sha256,
        "1.2.840.113549.1.1.12" => RsaHash::Sha384,
        "1.2.840.113549.1.1.13" => RsaHash::Sha512,
        _ => return None,
    })
}

#[cfg(feature = "crypto")]
fn verify_rsa(
    modulus: &[u8],
    exponent: &[u8],
    tbs: &[u8],
    sig: &[u8],
    hash: RsaHash,
) -> SignatureCheck {
    use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
    let n = BigUint::from_bytes_be(modulus);
    let e = BigUint::from_bytes_be(exponent);
    let Ok(key) = RsaPublicKey::new_with_max_size(n, e, MAX_RSA_BITS) else {
        return SignatureCheck::Failed;
    };
    let result = match hash {
        RsaHash::Sha1 => key.verify(Pkcs1v15Sign::new::<Sha1>(), &Sha1::digest(tbs), sig),
        RsaHash::Sha224 => key.verify(Pkcs1v15Sign::new::<Sha224>(), &Sha224::digest(tbs), sig),
        RsaHash::Sha256 => key.verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(tbs), sig),
        RsaHash::Sha384 => key.verify(Pkcs1v15Sign::new::<Sha384>(), &Sha384::digest(tbs), sig),
        RsaHash::Sha512 => key.verify(Pkcs1v15Sign::new::<Sha512>(), &Sha512::digest(tbs), sig),
    };
    if result.is_ok() {
        SignatureCheck::Verified
    } else {
        SignatureCheck::Failed
    }
}

#[cfg(feature = "crypto")]
fn verify_ecdsa(
    spki: &SubjectPublicKeyInfo<'_>,
    point: &[u8],
    prehash: &[u8],
    sig: &[u8],
) -> (SignatureCheck, Work) {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    let ok = match curve.as_deref() {
        Some("1.2.840.10045.3.1.7") => {
            match (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_der(sig),
            ) {
                (Ok(k), Ok(s)) => k.verify_prehash(prehash, &s).is_ok(),
                _ => false,
            }
        }
        Some("1.3.132.0.34") => {
            match (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_der(sig),
            ) {
                (Ok(k), Ok(s)) => k.verify_prehash(prehash, &s).is_ok(),
                _ => false,
            }
        }
        other => {
            return (
                SignatureCheck::Unsupported(format!(
                    "ECDSA on curve {}",
                    other.unwrap_or("unknown")
                )),
                Work::None,
            )
        }
    };
    let check = if ok {
        SignatureCheck::Verified
    } else {
        SignatureCheck::Failed
    };
    (check, Work::Verified { cost: 1 })
}
