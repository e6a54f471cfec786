//! PKCS#12 (`.pfx` / `.p12`) reader.
//!
//! Decodes the PFX structure of RFC 7292, verifies the password-integrity MAC,
//! decrypts password-protected containers and shrouded key bags, and returns the
//! certificates and private keys (reduced to their public halves) together with
//! the Windows-specific attributes that matter for SQL Server (CSP / KSP name,
//! key spec, machine key set).
//!
//! The module is pure: no I/O, no clock, no panics on any input. Every
//! recursion is bounded and every iteration count is checked against
//! [`MAX_ITERATIONS`] before any key derivation runs. BER input (indefinite
//! lengths, constructed OCTET STRINGs, non-minimal lengths, as written by some
//! Java and older Windows tools) is normalised to DER before decoding.

use std::fmt;

#[cfg(feature = "crypto")]
mod asn1;
#[cfg(feature = "crypto")]
mod bags;
pub(crate) mod ber;
#[cfg(feature = "crypto")]
mod crypto;
mod keys;
mod oids;
#[cfg(feature = "crypto")]
mod pem_key;
#[cfg(test)]
#[cfg(feature = "crypto")]
mod tests;

use ber::*;
use der::asn1::ObjectIdentifier;
use der::Decode;
use keys::*;
use oids::*;

#[cfg(feature = "crypto")]
pub use pem_key::decode_pem_key;

// What opening a file needs (decryption, MACs, DER structures): one group, one
// condition; the submodules take it with `use super::*`.
#[cfg(feature = "crypto")]
use {
    ::pkcs12::kdf::{derive_key, Pkcs12KeyType},
    asn1::*,
    bags::*,
    cipher::block_padding::Pkcs7,
    cipher::{BlockDecryptMut, InnerIvInit, KeyInit},
    crypto::*,
    der::asn1::{AnyRef, BitStringRef, OctetStringRef},
    der::{
        DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, SliceReader, Tag,
        TagNumber, Tagged, Writer,
    },
    hmac::{Mac, SimpleHmac},
    sha2::digest::core_api::BlockSizeUser,
    sha2::digest::{Digest, FixedOutputReset},
    spki::AlgorithmIdentifierRef,
};

/// Largest PBKDF2 / PKCS#12-KDF / MAC iteration count accepted.
pub const MAX_ITERATIONS: u64 = 1_000_000;

/// Most key bags (plain or shrouded) opened in one file: a SQL Server export
/// holds one.
pub const MAX_KEY_BAGS: usize = 32;
/// Most certificate bags read from one file (the certificate limit of an input).
pub const MAX_CERT_BAGS: usize = crate::input::MAX_CERTIFICATES;
/// Most key-derivation iterations (MAC, containers and keys together, every
/// password form tried) spent on one file: eight times [`MAX_ITERATIONS`].
pub const MAX_TOTAL_ITERATIONS: u64 = 8 * MAX_ITERATIONS;

/// Deepest nesting of `safeContentsBag`s that is followed.
#[cfg(feature = "crypto")]
const MAX_BAG_DEPTH: usize = 4;
/// Deepest BER/DER nesting accepted by the normaliser.
#[cfg(feature = "crypto")]
const MAX_BER_DEPTH: usize = 40;

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// Everything that could be read from a PKCS#12 file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pkcs12Contents {
    /// Certificates found in certificate bags, in file order.
    pub certificates: Vec<Pkcs12Certificate>,
    /// Private keys found in key bags and shrouded key bags, in file order.
    pub keys: Vec<Pkcs12Key>,
    /// Human-readable names of the protection algorithms seen, e.g.
    /// "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)", "pbeWithSHAAnd3-KeyTripleDES-CBC",
    /// "pbeWithSHAAnd40BitRC2-CBC", "MAC HMAC-SHA256". Each name appears once.
    pub algorithms: Vec<String>,
    /// true when a MAC was present and verified; false when no MAC.
    pub mac_verified: bool,
    /// Parts (normally certificate containers) that sit inside a container we could
    /// not decrypt for a reason that is not the password, e.g. an unsupported
    /// cipher or the public-key privacy mode; kept so callers can explain. Usually empty.
    pub unreadable_parts: Vec<String>,
    /// What was left unread because a per-file limit was reached. Usually empty.
    pub limits: Vec<Pkcs12Limit>,
    /// The work spent reading the file.
    pub work: Pkcs12Work,
}

/// A per-file limit that cut the reading of a PKCS#12 file short; the string
/// says what was left unread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pkcs12Limit {
    /// More key or certificate bags than [`MAX_KEY_BAGS`] / [`MAX_CERT_BAGS`].
    Bags(String),
    /// The [`MAX_TOTAL_ITERATIONS`] key-derivation budget was spent.
    Iterations(String),
}

/// Work spent reading one PKCS#12 file (for tests and benchmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pkcs12Work {
    /// Key bags opened (plain, or shrouded and decrypted).
    pub key_bags: usize,
    /// Certificate bags read.
    pub cert_bags: usize,
    /// Key-derivation iterations run (MAC, containers, keys, every password form tried).
    pub kdf_iterations: u64,
}

/// A certificate from a PKCS#12 certificate bag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pkcs12Certificate {
    /// The DER-encoded X.509 certificate, exactly as stored in the file.
    pub der: Vec<u8>,
    /// The `friendlyName` bag attribute, if any.
    pub friendly_name: Option<String>,
    /// The `localKeyId` bag attribute, if any (links a certificate to its key).
    pub local_key_id: Option<Vec<u8>>,
}

/// A private key from a PKCS#12 key bag, reduced to what a certificate checker needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pkcs12Key {
    /// The `friendlyName` bag attribute, if any.
    pub friendly_name: Option<String>,
    /// The `localKeyId` bag attribute, if any (links a key to its certificate).
    pub local_key_id: Option<Vec<u8>>,
    /// Microsoft CSP name bag attribute (OID 1.3.6.1.4.1.311.17.1, BMPString), e.g.
    /// "Microsoft RSA SChannel Cryptographic Provider" or "Microsoft Software Key Storage Provider".
    pub csp_name: Option<String>,
    /// KeySpec from the PKCS#8 private-key attribute keyUsage (OID 2.5.29.15, one-byte
    /// BIT STRING): 0x10 => KeyExchange, 0x80 => Signature, anything else => Other(byte).
    pub key_spec: Option<KeySpec>,
    /// Microsoft LocalKeySet attribute (1.3.6.1.4.1.311.17.2) present: machine key set.
    pub machine_key_set: bool,
    /// The public key derived from the private key, for matching against certificates.
    pub public_key: KeyPublic,
}

/// Is this provider name a CNG key storage provider?
pub fn is_cng_provider(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("key storage provider")
        || n.contains("platform crypto provider")
        || n.contains("smart card key storage")
}

/// Windows CryptoAPI key specification recorded in a PKCS#12 key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    /// `AT_KEYEXCHANGE` (0x10): usable for TLS key exchange with legacy CSPs.
    KeyExchange,
    /// `AT_SIGNATURE` (0x80): signature-only key under legacy CSPs.
    Signature,
    /// Any other value of the key-usage byte.
    Other(u8),
}

/// Public half of a private key, comparable with a certificate's SubjectPublicKeyInfo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPublic {
    /// RSA public key.
    Rsa {
        /// Modulus, big-endian, no leading zero bytes.
        modulus: Vec<u8>,
        /// Public exponent, big-endian, no leading zero bytes.
        public_exponent: Vec<u8>,
        /// Modulus length in bits.
        bits: usize,
    },
    /// Elliptic-curve public key.
    Ec {
        /// Dotted OID of the named curve, e.g. "1.2.840.10045.3.1.7" for P-256.
        curve_oid: String,
        /// SEC1 point; uncompressed for P-256 and P-384, as stored otherwise.
        point: Vec<u8>,
    },
    /// Any other key type (or an EC key whose public point could not be determined).
    Other {
        /// Dotted OID of the private key algorithm.
        algorithm_oid: String,
    },
}

/// Why a PKCS#12 file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pkcs12Error {
    /// The file is PKCS#12 but a password is needed (none given, and the empty password did not work).
    PasswordRequired,
    /// The MAC (or, without a MAC, the decryption padding/structure) shows the given password is wrong.
    WrongPassword,
    /// A protection algorithm we cannot handle; the string names it (OID and known name), e.g. "PBMAC1" or "pbeWithSHAAnd128BitRC4".
    UnsupportedAlgorithm(String),
    /// An iteration count above MAX_ITERATIONS; carries the count. Protects the browser from freezing.
    IterationLimit(u64),
    /// Not well-formed PKCS#12 (truncated, wrong structure); the string says where.
    Malformed(String),
    /// The integrity check (MAC) fails although the password decrypts the
    /// contents: the file was altered or damaged after export.
    MacMismatch,
}

impl fmt::Display for Pkcs12Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pkcs12Error::PasswordRequired => f.write_str(
                "the PKCS#12 file is password-protected; enter its password (the empty password did not work)",
            ),
            Pkcs12Error::WrongPassword => {
                f.write_str("the password for the PKCS#12 file is wrong")
            }
            Pkcs12Error::UnsupportedAlgorithm(name) => write!(
                f,
                "the PKCS#12 file uses a protection algorithm this tool cannot handle: {name}"
            ),
            Pkcs12Error::IterationLimit(count) => write!(
                f,
                "the PKCS#12 file asks for {count} key-derivation iterations, more than the {MAX_ITERATIONS} this tool allows"
            ),
            Pkcs12Error::Malformed(where_) => {
                write!(f, "the PKCS#12 file is damaged or not PKCS#12: {where_}")
            }
            Pkcs12Error::MacMismatch => f.write_str(
                "the PKCS#12 file was altered or damaged after it was exported: the password decrypts its contents, but its integrity check (MAC) fails",
            ),
        }
    }
}

impl std::error::Error for Pkcs12Error {}

impl KeyPublic {
    /// Does this key belong to the certificate whose DER-encoded SubjectPublicKeyInfo is
    /// `spki_der`? RSA: modulus and exponent equal (leading zeros ignored). EC: same curve
    /// and same point (compressed and uncompressed points compare equal on P-256 / P-384).
    /// Other key types never match. Malformed input gives `false`. Without the
    /// `crypto` feature EC points are compared as stored (that build decodes
    /// no key, so it never has one to pair).
    pub fn matches_spki(&self, spki_der: &[u8]) -> bool {
        let Ok(info) = spki::SubjectPublicKeyInfoRef::from_der(spki_der) else {
            return false;
        };
        let alg = info.algorithm.oid.to_string();
        let Some(key_bytes) = info.subject_public_key.as_bytes() else {
            return false;
        };
        match self {
            KeyPublic::Rsa {
                modulus,
                public_exponent,
                ..
            } => {
                if alg != OID_RSA && alg != OID_RSA_PSS {
                    return false;
                }
                let Ok(pk) = pkcs1::RsaPublicKey::from_der(key_bytes) else {
                    return false;
                };
                strip_zeros(pk.modulus.as_bytes()) == strip_zeros(modulus)
                    && strip_zeros(pk.public_exponent.as_bytes()) == strip_zeros(public_exponent)
            }
            KeyPublic::Ec { curve_oid, point } => {
                if alg != OID_EC_PUBLIC_KEY {
                    return false;
                }
                let Some(curve) = info
                    .algorithm
                    .parameters
                    .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                else {
                    return false;
                };
                let curve = curve.to_string();
                if &curve != curve_oid || point.is_empty() {
                    return false;
                }
                normalise_point(&curve, key_bytes) == normalise_point(&curve, point)
            }
            KeyPublic::Other { .. } => false,
        }
    }
}

/// Cheap structural sniff: is this DER a PKCS#12 PFX (SEQUENCE { INTEGER 3, ContentInfo, ... })? Never decrypts.
pub fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    sniff(bytes).is_some()
}

fn sniff(bytes: &[u8]) -> Option<()> {
    let outer = ber_header(bytes, 0)?;
    if outer.first != 0x30 {
        return None;
    }
    let version = ber_header(bytes, outer.content_start)?;
    if version.first != 0x02 || version.len != Some(1) {
        return None;
    }
    if *bytes.get(version.content_start)? != 3 {
        return None;
    }
    let ci = ber_header(bytes, version.content_start.checked_add(1)?)?;
    if ci.first != 0x30 {
        return None;
    }
    let oid = ber_header(bytes, ci.content_start)?;
    if oid.first != 0x06 {
        return None;
    }
    let oid_bytes = bytes.get(oid.content_start..oid.content_start.checked_add(oid.len?)?)?;
    const DATA: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    const SIGNED: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    if oid_bytes == DATA || oid_bytes == SIGNED {
        Some(())
    } else {
        None
    }
}

/// Outcome of reading a PKCS#12 (.pfx/.p12) file.
///
/// `password: None` means "try the empty password" (both the OpenSSL and the Windows
/// conventions for it). Certificates and keys are returned even when they do not belong
/// together; use [`KeyPublic::matches_spki`] to pair them.
#[cfg(feature = "crypto")]
pub fn decode(bytes: &[u8], password: Option<&str>) -> Result<Pkcs12Contents, Pkcs12Error> {
    let pfx_der = normalise_with(bytes, "PFX", true)?;
    let pfx = PfxRef::from_der(&pfx_der).map_err(|e| malformed("PFX", e))?;
    if pfx.version != 3 {
        return Err(Pkcs12Error::Malformed(format!(
            "PFX version is {}, expected 3",
            pfx.version
        )));
    }
    let auth_type = pfx.auth_safe.content_type.to_string();
    let auth_data: &[u8] = match auth_type.as_str() {
        OID_DATA => {
            let content = pfx.auth_safe.content.ok_or_else(|| {
                Pkcs12Error::Malformed("authSafe ContentInfo has no content".into())
            })?;
            content
                .decode_as::<OctetStringRef<'_>>()
                .map_err(|e| malformed("authSafe content", e))?
                .as_bytes()
        }
        OID_SIGNED_DATA => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(
                "public-key integrity mode".into(),
            ))
        }
        other => {
            return Err(Pkcs12Error::Malformed(format!(
                "authSafe has content type {other}, expected data"
            )))
        }
    };

    // AuthenticatedSafe ::= SEQUENCE OF ContentInfo
    let auth_der = normalise(auth_data, "AuthenticatedSafe")?;
    let auth_seq = AnyRef::from_der(&auth_der).map_err(|e| malformed("AuthenticatedSafe", e))?;
    if auth_seq.tag() != Tag::Sequence {
        return Err(Pkcs12Error::Malformed(
            "AuthenticatedSafe is not a SEQUENCE".into(),
        ));
    }
    let mut infos = Vec::new();
    for item in items(auth_seq.value()).map_err(|e| malformed("AuthenticatedSafe", e))? {
        let ci: ContentInfoRef<'_> = item
            .decode_as()
            .map_err(|e| malformed("AuthenticatedSafe ContentInfo", e))?;
        infos.push(ci);
    }

    // Check every visible iteration count before doing any expensive work.
    if let Some(mac) = &pfx.mac_data {
        check_iterations(mac.iterations.unwrap_or(1))?;
    }
    for ci in &infos {
        if ci.content_type.to_string() == OID_ENCRYPTED_DATA {
            if let Some(Ok((alg, _))) = ci.content.map(parse_encrypted_data) {
                if let Err(Pkcs12Error::IterationLimit(n)) = inspect_scheme(&alg) {
                    return Err(Pkcs12Error::IterationLimit(n));
                }
            }
        }
    }

    let mut passwords = Passwords::new(password);
    let mut acc = Acc::default();
    let mut mac_verified = false;
    let mut mac_failure = None;
    let mut mac_iterations = 0;
    if let Some(mac) = &pfx.mac_data {
        let rounds = mac.iterations.unwrap_or(1);
        match verify_mac(mac, auth_data, &passwords, &mut acc) {
            Ok(index) => {
                mac_iterations = rounds.saturating_mul(index as u64 + 1);
                // Prefer the password form that verified the MAC for decryption too.
                if index > 0 && index < passwords.bmp.len() {
                    let chosen = passwords.bmp.remove(index);
                    passwords.bmp.insert(0, chosen);
                }
                mac_verified = true;
            }
            // Decide below, by trying the password on the contents, whether the
            // password is wrong or the file was altered.
            Err(e @ (Pkcs12Error::WrongPassword | Pkcs12Error::PasswordRequired)) => {
                mac_iterations = rounds.saturating_mul(passwords.bmp.len() as u64);
                mac_failure = Some(e);
            }
            Err(e) => return Err(e),
        }
    }

    let walker = Walker::new(&passwords, mac_verified, mac_iterations);
    let walked = walk(&walker, &infos, &mut acc);
    if let Some(failure) = mac_failure {
        return Err(if walker.decrypted_any() {
            Pkcs12Error::MacMismatch
        } else {
            failure
        });
    }
    let unsupported = walked?;

    if acc.certs.is_empty() && acc.keys.is_empty() {
        if let Some(name) = unsupported {
            return Err(Pkcs12Error::UnsupportedAlgorithm(name));
        }
    }

    Ok(Pkcs12Contents {
        certificates: acc.certs,
        keys: acc.keys,
        algorithms: acc.algorithms,
        mac_verified,
        unreadable_parts: acc.unreadable,
        limits: walker.limits(),
        work: walker.work(),
    })
}

/// Read every ContentInfo of the AuthenticatedSafe into `acc`; returns the
/// name of an unsupported protection met on the way, if any.
#[cfg(feature = "crypto")]
fn walk(
    walker: &Walker<'_>,
    infos: &[ContentInfoRef<'_>],
    acc: &mut Acc,
) -> Result<Option<String>, Pkcs12Error> {
    let mut unsupported: Option<String> = None;
    for ci in infos {
        let ty = ci.content_type.to_string();
        match ty.as_str() {
            OID_DATA => {
                let content = ci.content.ok_or_else(|| {
                    Pkcs12Error::Malformed("data ContentInfo has no content".into())
                })?;
                let octets = content
                    .decode_as::<OctetStringRef<'_>>()
                    .map_err(|e| malformed("data ContentInfo", e))?;
                walker.safe_contents(octets.as_bytes(), 0, acc)?;
            }
            OID_ENCRYPTED_DATA => {
                let content = ci.content.ok_or_else(|| {
                    Pkcs12Error::Malformed("encryptedData ContentInfo has no content".into())
                })?;
                let (alg, ciphertext) = parse_encrypted_data(content)?;
                let result = walker.decrypt(&alg, &ciphertext, acc, "encrypted container", &|pt| {
                    let mut inner = Acc::default();
                    walker.safe_contents(pt, 0, &mut inner)?;
                    Ok(inner)
                });
                match result {
                    Ok(Some(inner)) => acc.merge(inner),
                    // Left unopened: the file's iteration budget is spent.
                    Ok(None) => {}
                    Err(Pkcs12Error::UnsupportedAlgorithm(name)) => {
                        acc.unreadable.push(format!(
                            "an encrypted container (usually the certificates) protected with {name}, which is not supported"
                        ));
                        unsupported.get_or_insert(name);
                    }
                    Err(e) => return Err(e),
                }
            }
            OID_ENVELOPED_DATA => {
                acc.unreadable.push(
                    "an envelopedData container (public-key privacy mode), which needs the recipient's private key"
                        .into(),
                );
                unsupported.get_or_insert_with(|| "public-key privacy mode (envelopedData)".into());
            }
            other => acc
                .unreadable
                .push(format!("a container of unknown content type {other}")),
        }
    }
    Ok(unsupported)
}
