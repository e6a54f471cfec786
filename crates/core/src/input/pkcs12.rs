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

use ::pkcs12::kdf::{derive_key, Pkcs12KeyType};
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{
    Decode, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, SliceReader, Tag,
    TagNumber, Tagged, Writer,
};
use hmac::{Mac, SimpleHmac};
use sha2::digest::core_api::BlockSizeUser;
use sha2::digest::{Digest, FixedOutputReset};
use spki::AlgorithmIdentifierRef;

use cipher::block_padding::Pkcs7;
use cipher::{BlockDecryptMut, InnerIvInit, KeyInit};

/// Largest PBKDF2 / PKCS#12-KDF / MAC iteration count accepted.
pub const MAX_ITERATIONS: u64 = 1_000_000;

/// Deepest nesting of `safeContentsBag`s that is followed.
const MAX_BAG_DEPTH: usize = 4;
/// Deepest BER/DER nesting accepted by the normaliser.
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
        }
    }
}

impl std::error::Error for Pkcs12Error {}

impl KeyPublic {
    /// Does this key belong to the certificate whose DER-encoded SubjectPublicKeyInfo is
    /// `spki_der`? RSA: modulus and exponent equal (leading zeros ignored). EC: same curve
    /// and same point (compressed and uncompressed points compare equal on P-256 / P-384).
    /// Other key types never match. Malformed input gives `false`.
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
    if let Some(mac) = &pfx.mac_data {
        let index = verify_mac(mac, auth_data, &passwords, &mut acc)?;
        // Prefer the password form that verified the MAC for decryption too.
        if index > 0 && index < passwords.bmp.len() {
            let chosen = passwords.bmp.remove(index);
            passwords.bmp.insert(0, chosen);
        }
        mac_verified = true;
    }

    let walker = Walker {
        passwords: &passwords,
        mac_verified,
    };
    let mut unsupported: Option<String> = None;
    for ci in &infos {
        let ty = ci.content_type.to_string();
        match ty.as_str() {
            OID_DATA => {
                let content = ci.content.ok_or_else(|| {
                    Pkcs12Error::Malformed("data ContentInfo has no content".into())
                })?;
                let octets = content
                    .decode_as::<OctetStringRef<'_>>()
                    .map_err(|e| malformed("data ContentInfo", e))?;
                walker.safe_contents(octets.as_bytes(), 0, &mut acc)?;
            }
            OID_ENCRYPTED_DATA => {
                let content = ci.content.ok_or_else(|| {
                    Pkcs12Error::Malformed("encryptedData ContentInfo has no content".into())
                })?;
                let (alg, ciphertext) = parse_encrypted_data(content)?;
                let result =
                    walker.decrypt(&alg, &ciphertext, &mut acc, "encrypted container", &|pt| {
                        let mut inner = Acc::default();
                        walker.safe_contents(pt, 0, &mut inner)?;
                        Ok(inner)
                    });
                match result {
                    Ok(inner) => acc.merge(inner),
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
    })
}

// ---------------------------------------------------------------------------
// OIDs
// ---------------------------------------------------------------------------

const OID_DATA: &str = "1.2.840.113549.1.7.1";
const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

const OID_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const OID_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const OID_CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const OID_SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
const OID_X509_CERT: &str = "1.2.840.113549.1.9.22.1";

const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
const OID_MS_CSP_NAME: &str = "1.3.6.1.4.1.311.17.1";
const OID_MS_LOCAL_KEY_SET: &str = "1.3.6.1.4.1.311.17.2";
const OID_KEY_USAGE: &str = "2.5.29.15";

const OID_PBES2: &str = "1.2.840.113549.1.5.13";
const OID_PBKDF2: &str = "1.2.840.113549.1.5.12";
const OID_PBMAC1: &str = "1.2.840.113549.1.5.14";
const OID_SCRYPT: &str = "1.3.6.1.4.1.11591.4.11";

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";

/// Known name of a protection-related OID, for messages.
fn known_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4",
        "1.2.840.113549.1.12.1.2" => "pbeWithSHAAnd40BitRC4",
        "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.4" => "pbeWithSHAAnd2-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.5" => "pbeWithSHAAnd128BitRC2-CBC",
        "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC",
        "1.2.840.113549.1.5.1" => "pbeWithMD2AndDES-CBC",
        "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC",
        "1.2.840.113549.1.5.4" => "pbeWithMD2AndRC2-CBC",
        "1.2.840.113549.1.5.6" => "pbeWithMD5AndRC2-CBC",
        "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC",
        "1.2.840.113549.1.5.11" => "pbeWithSHA1AndRC2-CBC",
        OID_PBES2 => "PBES2",
        OID_PBKDF2 => "PBKDF2",
        OID_PBMAC1 => "PBMAC1",
        OID_SCRYPT => "scrypt",
        "1.3.14.3.2.26" => "SHA-1",
        "2.16.840.1.101.3.4.2.4" => "SHA-224",
        "2.16.840.1.101.3.4.2.1" => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        "2.16.840.1.101.3.4.2.5" => "SHA-512/224",
        "2.16.840.1.101.3.4.2.6" => "SHA-512/256",
        "1.2.840.113549.2.5" => "MD5",
        "1.2.840.113549.2.2" => "MD2",
        "1.2.643.7.1.1.2.2" => "GOST R 34.11-2012 (256 bit)",
        "1.2.643.7.1.1.2.3" => "GOST R 34.11-2012 (512 bit)",
        "1.2.840.113549.2.7" => "HMAC-SHA1",
        "1.2.840.113549.2.8" => "HMAC-SHA224",
        "1.2.840.113549.2.9" => "HMAC-SHA256",
        "1.2.840.113549.2.10" => "HMAC-SHA384",
        "1.2.840.113549.2.11" => "HMAC-SHA512",
        "2.16.840.1.101.3.4.1.2" => "AES-128-CBC",
        "2.16.840.1.101.3.4.1.22" => "AES-192-CBC",
        "2.16.840.1.101.3.4.1.42" => "AES-256-CBC",
        "1.2.840.113549.3.7" => "DES-EDE3-CBC",
        "1.3.14.3.2.7" => "DES-CBC",
        "1.2.840.113549.3.2" => "RC2-CBC",
        "1.2.840.113549.3.9" => "RC5-CBC",
        "1.2.643.7.1.1.5.1.1" => "GOST Magma-CTR-ACPKM",
        "1.2.643.7.1.1.5.2.2" => "GOST Kuznyechik-CTR-ACPKM-OMAC",
        _ => return None,
    })
}

/// "name (oid)" or just the OID when the name is unknown.
fn describe_oid(oid: &str) -> String {
    match known_name(oid) {
        Some(name) => format!("{name} ({oid})"),
        None => format!("unknown algorithm {oid}"),
    }
}

// ---------------------------------------------------------------------------
// ASN.1 structures
// ---------------------------------------------------------------------------

/// PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
#[derive(Sequence)]
struct PfxRef<'a> {
    version: u64,
    auth_safe: ContentInfoRef<'a>,
    mac_data: Option<MacDataRef<'a>>,
}

/// ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }
#[derive(Sequence, Clone, Copy)]
struct ContentInfoRef<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    content: Option<AnyRef<'a>>,
}

/// MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
#[derive(Sequence)]
struct MacDataRef<'a> {
    mac: DigestInfoRef<'a>,
    mac_salt: OctetStringRef<'a>,
    iterations: Option<u64>,
}

/// DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
#[derive(Sequence)]
struct DigestInfoRef<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    digest: OctetStringRef<'a>,
}

/// pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
#[derive(Sequence)]
struct Pkcs12PbeParamsRef<'a> {
    salt: OctetStringRef<'a>,
    iterations: u64,
}

/// EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
#[derive(Sequence)]
struct EncryptedPrivateKeyInfoRef<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    encrypted_data: OctetStringRef<'a>,
}

/// CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT ANY }
#[derive(Sequence)]
struct CertBagRef<'a> {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    cert_value: AnyRef<'a>,
}

/// OneAsymmetricKey (RFC 5958; PrivateKeyInfo of RFC 5208 is version 0 of it).
#[derive(Sequence)]
struct OneAsymmetricKeyRef<'a> {
    version: u8,
    algorithm: AlgorithmIdentifierRef<'a>,
    private_key: OctetStringRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    attributes: Option<RawSet<'a>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    public_key: Option<BitStringRef<'a>>,
}

/// The undecoded contents of a SET (used for `[0] IMPLICIT Attributes`).
#[derive(Clone, Copy)]
struct RawSet<'a>(&'a [u8]);

impl<'a> DecodeValue<'a> for RawSet<'a> {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        Ok(RawSet(reader.read_slice(header.length)?))
    }
}

impl FixedTag for RawSet<'_> {
    const TAG: Tag = Tag::Set;
}

impl EncodeValue for RawSet<'_> {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.0.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.0)
    }
}

/// PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
#[derive(Sequence)]
struct Pbes2ParamsRef<'a> {
    kdf: AlgorithmIdentifierRef<'a>,
    encryption: AlgorithmIdentifierRef<'a>,
}

/// Attribute ::= SEQUENCE { attrType OID, attrValues SET OF ANY }
#[derive(Sequence)]
struct AttributeRef<'a> {
    oid: ObjectIdentifier,
    values: AnyRef<'a>,
}

/// Split the contents of a constructed value into its elements.
fn items(value: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(value)?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(reader.decode::<AnyRef<'_>>()?);
    }
    Ok(out)
}

fn malformed(place: &str, err: der::Error) -> Pkcs12Error {
    Pkcs12Error::Malformed(format!("{place}: {err}"))
}

// ---------------------------------------------------------------------------
// BER -> DER normalisation
// ---------------------------------------------------------------------------

struct BerHeader {
    first: u8,
    tag_end: usize,
    len: Option<usize>,
    content_start: usize,
}

/// Read the identifier and length octets at `pos`. The length is not checked
/// against the input size. `len: None` means indefinite length.
fn ber_header(input: &[u8], pos: usize) -> Option<BerHeader> {
    let first = *input.get(pos)?;
    let mut p = pos.checked_add(1)?;
    if first & 0x1f == 0x1f {
        let mut count = 0;
        loop {
            let b = *input.get(p)?;
            p = p.checked_add(1)?;
            count += 1;
            if count > 4 {
                return None;
            }
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag_end = p;
    let lb = *input.get(p)?;
    p = p.checked_add(1)?;
    let len = if lb < 0x80 {
        Some(usize::from(lb))
    } else if lb == 0x80 {
        if first & 0x20 == 0 {
            return None; // indefinite length needs a constructed encoding
        }
        None
    } else {
        let n = usize::from(lb & 0x7f);
        if n > 4 {
            return None;
        }
        let mut l: usize = 0;
        for _ in 0..n {
            l = l
                .checked_mul(256)?
                .checked_add(usize::from(*input.get(p)?))?;
            p = p.checked_add(1)?;
        }
        Some(l)
    };
    Some(BerHeader {
        first,
        tag_end,
        len,
        content_start: p,
    })
}

fn push_der_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
}

/// Normalise one BER element starting at `pos` (and ending at or before `limit`)
/// into DER, appending to `out`. Returns the position after the element.
fn ber_element(
    input: &[u8],
    pos: usize,
    limit: usize,
    depth: usize,
    out: &mut Vec<u8>,
) -> Option<usize> {
    if depth > MAX_BER_DEPTH {
        return None;
    }
    let input = input.get(..limit)?;
    let h = ber_header(input, pos)?;
    let tag = input.get(pos..h.tag_end)?;
    let constructed = h.first & 0x20 != 0;
    if !constructed {
        let len = h.len?;
        let end = h.content_start.checked_add(len)?;
        let content = input.get(h.content_start..end)?;
        out.extend_from_slice(tag);
        push_der_len(out, len);
        out.extend_from_slice(content);
        return Some(end);
    }
    let mut body = Vec::new();
    let mut p = h.content_start;
    let end = match h.len {
        Some(len) => {
            let end = h.content_start.checked_add(len)?;
            if end > input.len() {
                return None;
            }
            while p < end {
                p = ber_element(input, p, end, depth + 1, &mut body)?;
            }
            end
        }
        None => loop {
            if input.get(p..p.checked_add(2)?)? == [0u8, 0u8] {
                break p.checked_add(2)?;
            }
            p = ber_element(input, p, input.len(), depth + 1, &mut body)?;
        },
    };
    if tag == [0x24] {
        // Constructed OCTET STRING: concatenate the (already normalised) segments.
        let mut joined = Vec::new();
        let mut q = 0;
        while q < body.len() {
            let seg = ber_header(&body, q)?;
            if seg.first != 0x04 {
                return None;
            }
            let seg_end = seg.content_start.checked_add(seg.len?)?;
            joined.extend_from_slice(body.get(seg.content_start..seg_end)?);
            q = seg_end;
        }
        out.push(0x04);
        push_der_len(out, joined.len());
        out.extend_from_slice(&joined);
    } else {
        out.extend_from_slice(tag);
        push_der_len(out, body.len());
        out.extend_from_slice(&body);
    }
    Some(end)
}

/// Normalise the first element of `input` to DER. Trailing bytes are ignored when
/// `allow_trailing` (outer file), otherwise they make the input malformed.
fn normalise_with(input: &[u8], place: &str, allow_trailing: bool) -> Result<Vec<u8>, Pkcs12Error> {
    if input.is_empty() {
        return Err(Pkcs12Error::Malformed(format!("{place}: no data")));
    }
    let mut out = Vec::with_capacity(input.len());
    match ber_element(input, 0, input.len(), 0, &mut out) {
        Some(end) if allow_trailing || end == input.len() => Ok(out),
        Some(_) => Err(Pkcs12Error::Malformed(format!(
            "{place}: unexpected data after the end"
        ))),
        None => Err(Pkcs12Error::Malformed(format!(
            "{place}: truncated or not valid DER/BER"
        ))),
    }
}

/// Normalise a complete inner structure (no trailing bytes allowed) to DER.
fn normalise(input: &[u8], place: &str) -> Result<Vec<u8>, Pkcs12Error> {
    normalise_with(input, place, false)
}

// ---------------------------------------------------------------------------
// Passwords, MAC, key derivation, decryption
// ---------------------------------------------------------------------------

struct Passwords {
    /// A non-empty password was supplied.
    given: bool,
    /// Candidate passwords for the PKCS#12 KDF (BMPString forms), in trial order.
    bmp: Vec<Vec<u8>>,
    /// The password for PBES2 (UTF-8).
    utf8: Vec<u8>,
}

impl Passwords {
    fn new(password: Option<&str>) -> Self {
        let pw = password.unwrap_or("");
        if pw.is_empty() {
            Passwords {
                given: false,
                // OpenSSL writes the empty password as a lone NUL terminator; Windows
                // (and OpenSSL with a NULL password) as zero bytes.
                bmp: vec![vec![0, 0], Vec::new()],
                utf8: Vec::new(),
            }
        } else {
            let mut bmp: Vec<u8> = pw.encode_utf16().flat_map(u16::to_be_bytes).collect();
            bmp.extend_from_slice(&[0, 0]);
            Passwords {
                given: true,
                bmp: vec![bmp],
                utf8: pw.as_bytes().to_vec(),
            }
        }
    }

    fn failure(&self) -> Pkcs12Error {
        if self.given {
            Pkcs12Error::WrongPassword
        } else {
            Pkcs12Error::PasswordRequired
        }
    }
}

fn check_iterations(count: u64) -> Result<i32, Pkcs12Error> {
    if count > MAX_ITERATIONS {
        return Err(Pkcs12Error::IterationLimit(count));
    }
    if count == 0 {
        return Err(Pkcs12Error::Malformed("iteration count is 0".into()));
    }
    i32::try_from(count).map_err(|_| Pkcs12Error::IterationLimit(count))
}

fn hmac_pkcs12<D>(password: &[u8], salt: &[u8], rounds: i32, data: &[u8], expected: &[u8]) -> bool
where
    D: Digest + FixedOutputReset + BlockSizeUser,
{
    let key = derive_key::<D>(
        password,
        salt,
        Pkcs12KeyType::Mac,
        rounds,
        <D as Digest>::output_size(),
    );
    let Ok(mut mac) = <SimpleHmac<D> as KeyInit>::new_from_slice(&key) else {
        return false;
    };
    mac.update(data);
    mac.verify_slice(expected).is_ok()
}

/// Verify the MAC; returns the index of the BMP password form that matched.
fn verify_mac(
    mac: &MacDataRef<'_>,
    data: &[u8],
    passwords: &Passwords,
    acc: &mut Acc,
) -> Result<usize, Pkcs12Error> {
    let oid = mac.mac.algorithm.oid.to_string();
    type Verify = fn(&[u8], &[u8], i32, &[u8], &[u8]) -> bool;
    let (name, verify): (&str, Verify) = match oid.as_str() {
        "1.3.14.3.2.26" => ("SHA1", hmac_pkcs12::<sha1::Sha1>),
        "2.16.840.1.101.3.4.2.4" => ("SHA224", hmac_pkcs12::<sha2::Sha224>),
        "2.16.840.1.101.3.4.2.1" => ("SHA256", hmac_pkcs12::<sha2::Sha256>),
        "2.16.840.1.101.3.4.2.2" => ("SHA384", hmac_pkcs12::<sha2::Sha384>),
        "2.16.840.1.101.3.4.2.3" => ("SHA512", hmac_pkcs12::<sha2::Sha512>),
        "2.16.840.1.101.3.4.2.5" => ("SHA512-224", hmac_pkcs12::<sha2::Sha512_224>),
        "2.16.840.1.101.3.4.2.6" => ("SHA512-256", hmac_pkcs12::<sha2::Sha512_256>),
        OID_PBMAC1 => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "PBMAC1 ({OID_PBMAC1})"
            )))
        }
        other => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "MAC with {}",
                describe_oid(other)
            )))
        }
    };
    acc.add_algorithm(format!("MAC HMAC-{name}"));
    let rounds = check_iterations(mac.iterations.unwrap_or(1))?;
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.digest_bytes();
    for (index, pw) in passwords.bmp.iter().enumerate() {
        if verify(pw, salt, rounds, data, expected) {
            return Ok(index);
        }
    }
    Err(passwords.failure())
}

impl MacDataRef<'_> {
    fn digest_bytes(&self) -> &[u8] {
        self.mac.digest.as_bytes()
    }
}

#[derive(Clone, Copy)]
enum LegacyCipher {
    TdesEde3,
    TdesEde2,
    Rc2 {
        key_len: usize,
        effective_bits: usize,
    },
}

enum Scheme<'a> {
    Pbes2 {
        name: String,
        params: pkcs5::pbes2::Parameters<'a>,
    },
    Pkcs12 {
        name: &'static str,
        cipher: LegacyCipher,
        salt: &'a [u8],
        rounds: i32,
    },
}

impl Scheme<'_> {
    fn name(&self) -> String {
        match self {
            Scheme::Pbes2 { name, .. } => name.clone(),
            Scheme::Pkcs12 { name, .. } => (*name).to_string(),
        }
    }
}

/// Parse an encryption AlgorithmIdentifier, checking names and iteration counts
/// without deriving any key.
fn inspect_scheme<'a>(alg: &AlgorithmIdentifierRef<'a>) -> Result<Scheme<'a>, Pkcs12Error> {
    let oid = alg.oid.to_string();
    let legacy = match oid.as_str() {
        "1.2.840.113549.1.12.1.3" => Some(LegacyCipher::TdesEde3),
        "1.2.840.113549.1.12.1.4" => Some(LegacyCipher::TdesEde2),
        "1.2.840.113549.1.12.1.5" => Some(LegacyCipher::Rc2 {
            key_len: 16,
            effective_bits: 128,
        }),
        "1.2.840.113549.1.12.1.6" => Some(LegacyCipher::Rc2 {
            key_len: 5,
            effective_bits: 40,
        }),
        _ => None,
    };
    if let Some(cipher) = legacy {
        let name = known_name(&oid).unwrap_or("PKCS#12 PBE");
        let params: Pkcs12PbeParamsRef<'a> = alg
            .parameters
            .ok_or_else(|| Pkcs12Error::Malformed(format!("{name}: parameters missing")))?
            .decode_as()
            .map_err(|e| malformed(name, e))?;
        let rounds = check_iterations(params.iterations)?;
        return Ok(Scheme::Pkcs12 {
            name,
            cipher,
            salt: params.salt.as_bytes(),
            rounds,
        });
    }
    if oid != OID_PBES2 {
        return Err(Pkcs12Error::UnsupportedAlgorithm(describe_oid(&oid)));
    }

    // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
    let params_any = alg
        .parameters
        .ok_or_else(|| Pkcs12Error::Malformed("PBES2: parameters missing".into()))?;
    let Pbes2ParamsRef {
        kdf,
        encryption: enc,
    } = params_any
        .decode_as()
        .map_err(|e| malformed("PBES2 parameters", e))?;
    let kdf_oid = kdf.oid.to_string();
    if kdf_oid != OID_PBKDF2 {
        return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
            "PBES2 with {}",
            describe_oid(&kdf_oid)
        )));
    }
    let kdf_params = kdf
        .parameters
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2: parameters missing".into()))?;
    if kdf_params.tag() != Tag::Sequence {
        return Err(Pkcs12Error::Malformed(
            "PBKDF2 parameters are not a SEQUENCE".into(),
        ));
    }
    let fields = items(kdf_params.value()).map_err(|e| malformed("PBKDF2 parameters", e))?;
    let mut fields = fields.into_iter();
    let salt = fields
        .next()
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2 parameters: salt missing".into()))?;
    if salt.tag() != Tag::OctetString {
        return Err(Pkcs12Error::UnsupportedAlgorithm(
            "PBKDF2 with an algorithm-specified salt (otherSource)".into(),
        ));
    }
    let iterations: u64 = fields
        .next()
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2 parameters: iteration count missing".into()))?
        .decode_as()
        .map_err(|e| malformed("PBKDF2 iteration count", e))?;
    check_iterations(iterations)?;
    let mut prf_name = "HMAC-SHA1".to_string();
    for field in fields {
        if field.tag() == Tag::Sequence {
            let prf: AlgorithmIdentifierRef<'_> =
                field.decode_as().map_err(|e| malformed("PBKDF2 PRF", e))?;
            let prf_oid = prf.oid.to_string();
            prf_name = match prf_oid.as_str() {
                "1.2.840.113549.2.7"
                | "1.2.840.113549.2.8"
                | "1.2.840.113549.2.9"
                | "1.2.840.113549.2.10"
                | "1.2.840.113549.2.11" => known_name(&prf_oid).unwrap_or("HMAC").to_string(),
                other => {
                    return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                        "PBKDF2 with PRF {}",
                        describe_oid(other)
                    )))
                }
            };
        }
    }
    let enc_oid = enc.oid.to_string();
    let enc_name = match enc_oid.as_str() {
        "2.16.840.1.101.3.4.1.2"
        | "2.16.840.1.101.3.4.1.22"
        | "2.16.840.1.101.3.4.1.42"
        | "1.2.840.113549.3.7" => known_name(&enc_oid).unwrap_or("cipher"),
        other => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "PBES2 with {}",
                describe_oid(other)
            )))
        }
    };
    let params = pkcs5::pbes2::Parameters::try_from(params_any)
        .map_err(|e| malformed("PBES2 parameters", e))?;
    Ok(Scheme::Pbes2 {
        name: format!("PBES2 (PBKDF2-{prf_name}, {enc_name})"),
        params,
    })
}

enum DecryptFailure {
    /// Bad padding: the usual sign of a wrong password.
    Padding,
    /// Anything else (bad parameters, unsupported).
    Error(Pkcs12Error),
}

fn cbc_decrypt<C>(cipher: C, iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, DecryptFailure>
where
    C: cipher::BlockCipher + cipher::BlockDecrypt + Clone,
{
    let dec = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).map_err(|_| {
        DecryptFailure::Error(Pkcs12Error::Malformed(
            "cipher IV has the wrong length".into(),
        ))
    })?;
    dec.decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .map_err(|_| DecryptFailure::Padding)
}

fn decrypt_legacy(
    cipher: LegacyCipher,
    password: &[u8],
    salt: &[u8],
    rounds: i32,
    ciphertext: &[u8],
) -> Result<Vec<u8>, DecryptFailure> {
    let key_len = match cipher {
        LegacyCipher::TdesEde3 => 24,
        LegacyCipher::TdesEde2 => 16,
        LegacyCipher::Rc2 { key_len, .. } => key_len,
    };
    let key = derive_key::<sha1::Sha1>(
        password,
        salt,
        Pkcs12KeyType::EncryptionKey,
        rounds,
        key_len,
    );
    let iv = derive_key::<sha1::Sha1>(password, salt, Pkcs12KeyType::Iv, rounds, 8);
    let bad_key = |_| {
        DecryptFailure::Error(Pkcs12Error::Malformed(
            "derived key has the wrong length".into(),
        ))
    };
    match cipher {
        LegacyCipher::TdesEde3 => {
            let c = des::TdesEde3::new_from_slice(&key).map_err(bad_key)?;
            cbc_decrypt(c, &iv, ciphertext)
        }
        LegacyCipher::TdesEde2 => {
            let c = des::TdesEde2::new_from_slice(&key).map_err(bad_key)?;
            cbc_decrypt(c, &iv, ciphertext)
        }
        LegacyCipher::Rc2 { effective_bits, .. } => {
            let c = rc2::Rc2::new_with_eff_key_len(&key, effective_bits);
            cbc_decrypt(c, &iv, ciphertext)
        }
    }
}

// ---------------------------------------------------------------------------
// Walking SafeContents
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Acc {
    certs: Vec<Pkcs12Certificate>,
    keys: Vec<Pkcs12Key>,
    algorithms: Vec<String>,
    unreadable: Vec<String>,
}

impl Acc {
    fn add_algorithm(&mut self, name: String) {
        if !self.algorithms.contains(&name) {
            self.algorithms.push(name);
        }
    }

    fn merge(&mut self, other: Acc) {
        self.certs.extend(other.certs);
        self.keys.extend(other.keys);
        for a in other.algorithms {
            self.add_algorithm(a);
        }
        self.unreadable.extend(other.unreadable);
    }
}

#[derive(Default, Clone)]
struct BagAttributes {
    friendly_name: Option<String>,
    local_key_id: Option<Vec<u8>>,
    csp_name: Option<String>,
    key_spec: Option<KeySpec>,
    machine_key_set: bool,
}

impl BagAttributes {
    /// Read `Attribute ::= SEQUENCE { type OID, values SET OF ANY }` elements from the
    /// contents of a SET. Unknown or oddly-encoded attribute values are ignored;
    /// a broken attribute structure is an error.
    fn read(&mut self, set_contents: &[u8]) -> der::Result<()> {
        for attr in items(set_contents)? {
            let AttributeRef { oid, values } = attr.decode_as()?;
            if values.tag() != Tag::Set {
                return Err(values.tag().unexpected_error(Some(Tag::Set)));
            }
            let values = items(values.value())?;
            let first = values.first().copied();
            match oid.to_string().as_str() {
                OID_FRIENDLY_NAME if self.friendly_name.is_none() => {
                    self.friendly_name = first.and_then(bmp_string);
                }
                OID_LOCAL_KEY_ID if self.local_key_id.is_none() => {
                    self.local_key_id = first
                        .filter(|v| v.tag() == Tag::OctetString)
                        .map(|v| v.value().to_vec());
                }
                OID_MS_CSP_NAME if self.csp_name.is_none() => {
                    self.csp_name = first.and_then(bmp_string);
                }
                OID_MS_LOCAL_KEY_SET => self.machine_key_set = true,
                OID_KEY_USAGE if self.key_spec.is_none() => {
                    // BIT STRING contents: unused-bits octet, then the KeySpec byte.
                    self.key_spec = first
                        .filter(|v| v.tag() == Tag::BitString)
                        .and_then(|v| v.value().get(1).copied())
                        .map(|b| match b {
                            0x10 => KeySpec::KeyExchange,
                            0x80 => KeySpec::Signature,
                            other => KeySpec::Other(other),
                        });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Decode a BMPString (or, leniently, a UTF8String) attribute value.
fn bmp_string(value: AnyRef<'_>) -> Option<String> {
    let text = match value.tag() {
        Tag::BmpString => {
            let units: Vec<u16> = value
                .value()
                .chunks_exact(2)
                .filter_map(|c| match *c {
                    [a, b] => Some(u16::from_be_bytes([a, b])),
                    _ => None,
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        Tag::Utf8String => String::from_utf8_lossy(value.value()).into_owned(),
        _ => return None,
    };
    Some(text.trim_end_matches('\0').to_string())
}

struct Walker<'p> {
    passwords: &'p Passwords,
    mac_verified: bool,
}

impl Walker<'_> {
    /// SafeContents ::= SEQUENCE OF SafeBag
    fn safe_contents(&self, bytes: &[u8], depth: usize, acc: &mut Acc) -> Result<(), Pkcs12Error> {
        if depth > MAX_BAG_DEPTH {
            return Err(Pkcs12Error::Malformed(
                "safeContentsBag nested too deeply".into(),
            ));
        }
        let der_bytes = normalise(bytes, "SafeContents")?;
        let seq = AnyRef::from_der(&der_bytes).map_err(|e| malformed("SafeContents", e))?;
        if seq.tag() != Tag::Sequence {
            return Err(Pkcs12Error::Malformed(
                "SafeContents is not a SEQUENCE".into(),
            ));
        }
        for bag in items(seq.value()).map_err(|e| malformed("SafeContents", e))? {
            self.safe_bag(bag, depth, acc)?;
        }
        Ok(())
    }

    /// SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF Attribute OPTIONAL }
    fn safe_bag(&self, bag: AnyRef<'_>, depth: usize, acc: &mut Acc) -> Result<(), Pkcs12Error> {
        if bag.tag() != Tag::Sequence {
            return Err(Pkcs12Error::Malformed("SafeBag is not a SEQUENCE".into()));
        }
        let fields = items(bag.value()).map_err(|e| malformed("SafeBag", e))?;
        let (id, wrapped, attrs) = match fields.as_slice() {
            [id, value] => (*id, *value, None),
            [id, value, attrs] => (*id, *value, Some(*attrs)),
            _ => {
                return Err(Pkcs12Error::Malformed(
                    "SafeBag has the wrong number of fields".into(),
                ))
            }
        };
        let id: ObjectIdentifier = id.decode_as().map_err(|e| malformed("SafeBag bagId", e))?;
        let explicit0 = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        };
        if wrapped.tag() != explicit0 {
            return Err(Pkcs12Error::Malformed(
                "SafeBag bagValue is not [0] EXPLICIT".into(),
            ));
        }
        let value =
            AnyRef::from_der(wrapped.value()).map_err(|e| malformed("SafeBag bagValue", e))?;
        let mut attributes = BagAttributes::default();
        if let Some(attrs) = attrs {
            if attrs.tag() != Tag::Set {
                return Err(Pkcs12Error::Malformed(
                    "SafeBag attributes are not a SET".into(),
                ));
            }
            attributes
                .read(attrs.value())
                .map_err(|e| malformed("SafeBag attributes", e))?;
        }

        match id.to_string().as_str() {
            OID_CERT_BAG => {
                let cert: CertBagRef<'_> =
                    value.decode_as().map_err(|e| malformed("certBag", e))?;
                if cert.cert_id.to_string() == OID_X509_CERT {
                    let octets = cert
                        .cert_value
                        .decode_as::<OctetStringRef<'_>>()
                        .map_err(|e| malformed("certBag x509Certificate", e))?;
                    acc.certs.push(Pkcs12Certificate {
                        der: octets.as_bytes().to_vec(),
                        friendly_name: attributes.friendly_name,
                        local_key_id: attributes.local_key_id,
                    });
                }
                // sdsiCertificate and other certificate types are skipped.
            }
            OID_KEY_BAG => {
                let key = private_key(&der_of(value)?, attributes)?;
                acc.keys.push(key);
            }
            OID_SHROUDED_KEY_BAG => {
                let epki: EncryptedPrivateKeyInfoRef<'_> = value
                    .decode_as()
                    .map_err(|e| malformed("pkcs8ShroudedKeyBag", e))?;
                let key = self.decrypt(
                    &epki.algorithm,
                    epki.encrypted_data.as_bytes(),
                    acc,
                    "shrouded private key",
                    &|pt| private_key(pt, attributes.clone()),
                )?;
                acc.keys.push(key);
            }
            OID_SAFE_CONTENTS_BAG => {
                self.safe_contents(&der_of(value)?, depth + 1, acc)?;
            }
            // crlBag, secretBag and unknown bags are ignored.
            _ => {}
        }
        Ok(())
    }

    /// Decrypt `ciphertext` with every candidate password and hand the plaintext to
    /// `parse`; the first candidate that both unpads and parses wins.
    fn decrypt<T>(
        &self,
        alg: &AlgorithmIdentifierRef<'_>,
        ciphertext: &[u8],
        acc: &mut Acc,
        what: &str,
        parse: &dyn Fn(&[u8]) -> Result<T, Pkcs12Error>,
    ) -> Result<T, Pkcs12Error> {
        let scheme = match inspect_scheme(alg) {
            Ok(s) => s,
            Err(e) => {
                if let Pkcs12Error::UnsupportedAlgorithm(name) = &e {
                    acc.add_algorithm(name.clone());
                }
                return Err(e);
            }
        };
        acc.add_algorithm(scheme.name());
        let mut parse_error: Option<Pkcs12Error> = None;
        let candidates: Vec<&[u8]> = match &scheme {
            Scheme::Pbes2 { .. } => vec![self.passwords.utf8.as_slice()],
            Scheme::Pkcs12 { .. } => self.passwords.bmp.iter().map(Vec::as_slice).collect(),
        };
        for pw in candidates {
            let plain = match &scheme {
                Scheme::Pbes2 { params, .. } => {
                    params.decrypt(pw, ciphertext).map_err(|e| match e {
                        pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => {
                            DecryptFailure::Padding
                        }
                        pkcs5::Error::UnsupportedAlgorithm { oid } => DecryptFailure::Error(
                            Pkcs12Error::UnsupportedAlgorithm(describe_oid(&oid.to_string())),
                        ),
                        other => DecryptFailure::Error(Pkcs12Error::Malformed(format!(
                            "{what}: {other}"
                        ))),
                    })
                }
                Scheme::Pkcs12 {
                    cipher,
                    salt,
                    rounds,
                    ..
                } => decrypt_legacy(*cipher, pw, salt, *rounds, ciphertext),
            };
            match plain {
                Ok(pt) => match parse(&pt) {
                    Ok(v) => return Ok(v),
                    Err(e @ Pkcs12Error::Malformed(_)) => parse_error = Some(e),
                    Err(e) => return Err(e),
                },
                Err(DecryptFailure::Padding) => {}
                Err(DecryptFailure::Error(e)) => return Err(e),
            }
        }
        if self.mac_verified {
            Err(parse_error.unwrap_or_else(|| {
                Pkcs12Error::Malformed(format!(
                    "{what} could not be decrypted although the MAC verified (it may use a different password)"
                ))
            }))
        } else {
            Err(self.passwords.failure())
        }
    }
}

/// Re-encode an AnyRef (tag, length, value) as DER.
fn der_of(value: AnyRef<'_>) -> Result<Vec<u8>, Pkcs12Error> {
    der::Encode::to_der(&value).map_err(|e| malformed("bag value", e))
}

// ---------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    bytes.get(skip..).unwrap_or(&[])
}

fn bit_length(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(first) => (bytes.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
        None => 0,
    }
}

/// Convert a SEC1 point to its uncompressed form on P-256 / P-384; other curves
/// and undecodable points are returned unchanged.
fn normalise_point(curve: &str, point: &[u8]) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    match curve {
        OID_P256 => p256::PublicKey::from_sec1_bytes(point)
            .map(|pk| pk.to_encoded_point(false).as_bytes().to_vec())
            .unwrap_or_else(|_| point.to_vec()),
        OID_P384 => p384::PublicKey::from_sec1_bytes(point)
            .map(|pk| pk.to_encoded_point(false).as_bytes().to_vec())
            .unwrap_or_else(|_| point.to_vec()),
        _ => point.to_vec(),
    }
}

/// Public point for an EC secret scalar on a supported curve.
fn derive_ec_point(curve: &str, secret: &[u8]) -> Option<Vec<u8>> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    match curve {
        OID_P256 => p256::SecretKey::from_slice(secret)
            .ok()
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec()),
        OID_P384 => p384::SecretKey::from_slice(secret)
            .ok()
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec()),
        _ => None,
    }
}

/// Parse a PKCS#8 PrivateKeyInfo / OneAsymmetricKey (the DER in a keyBag or a
/// decrypted shrouded key bag).
fn private_key(bytes: &[u8], mut attributes: BagAttributes) -> Result<Pkcs12Key, Pkcs12Error> {
    let der_bytes = normalise(bytes, "PrivateKeyInfo")?;
    let info =
        OneAsymmetricKeyRef::from_der(&der_bytes).map_err(|e| malformed("PrivateKeyInfo", e))?;
    if info.version > 1 {
        return Err(Pkcs12Error::Malformed(format!(
            "PrivateKeyInfo version {} is unknown",
            info.version
        )));
    }
    if let Some(RawSet(attrs)) = info.attributes {
        attributes
            .read(attrs)
            .map_err(|e| malformed("PrivateKeyInfo attributes", e))?;
    }
    let alg = info.algorithm.oid.to_string();
    let secret = info.private_key.as_bytes();
    let public_key = match alg.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let rsa = pkcs1::RsaPrivateKey::from_der(secret)
                .map_err(|e| malformed("RSA private key", e))?;
            let modulus = strip_zeros(rsa.modulus.as_bytes()).to_vec();
            KeyPublic::Rsa {
                bits: bit_length(&modulus),
                public_exponent: strip_zeros(rsa.public_exponent.as_bytes()).to_vec(),
                modulus,
            }
        }
        OID_EC_PUBLIC_KEY => {
            let ec =
                sec1::EcPrivateKey::from_der(secret).map_err(|e| malformed("EC private key", e))?;
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .or_else(|| ec.parameters.and_then(|p| p.named_curve()))
                .map(|oid| oid.to_string());
            match curve {
                Some(curve) => {
                    let stored = ec
                        .public_key
                        .or_else(|| info.public_key.and_then(|b| b.as_bytes()))
                        .filter(|p| !p.is_empty());
                    let point = match stored {
                        Some(p) => Some(normalise_point(&curve, p)),
                        None => derive_ec_point(&curve, ec.private_key),
                    };
                    match point {
                        Some(point) => KeyPublic::Ec {
                            curve_oid: curve,
                            point,
                        },
                        None => KeyPublic::Other { algorithm_oid: alg },
                    }
                }
                None => KeyPublic::Other { algorithm_oid: alg },
            }
        }
        _ => KeyPublic::Other { algorithm_oid: alg },
    };
    Ok(Pkcs12Key {
        friendly_name: attributes.friendly_name,
        local_key_id: attributes.local_key_id,
        csp_name: attributes.csp_name,
        key_spec: attributes.key_spec,
        machine_key_set: attributes.machine_key_set,
        public_key,
    })
}

/// EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo EncryptedContentInfo, ... }
/// EncryptedContentInfo ::= SEQUENCE { contentType OID, contentEncryptionAlgorithm AlgorithmIdentifier,
///                                     encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
fn parse_encrypted_data(
    content: AnyRef<'_>,
) -> Result<(AlgorithmIdentifierRef<'_>, Vec<u8>), Pkcs12Error> {
    if content.tag() != Tag::Sequence {
        return Err(Pkcs12Error::Malformed(
            "EncryptedData is not a SEQUENCE".into(),
        ));
    }
    let fields = items(content.value()).map_err(|e| malformed("EncryptedData", e))?;
    let eci = match fields.as_slice() {
        [_version, eci, ..] => *eci,
        _ => return Err(Pkcs12Error::Malformed("EncryptedData is incomplete".into())),
    };
    if eci.tag() != Tag::Sequence {
        return Err(Pkcs12Error::Malformed(
            "EncryptedContentInfo is not a SEQUENCE".into(),
        ));
    }
    let parts = items(eci.value()).map_err(|e| malformed("EncryptedContentInfo", e))?;
    let (alg, body) = match parts.as_slice() {
        [_ty, alg, body, ..] => (*alg, *body),
        [_ty, _alg] => {
            return Err(Pkcs12Error::Malformed(
                "EncryptedContentInfo has no encrypted content".into(),
            ))
        }
        _ => {
            return Err(Pkcs12Error::Malformed(
                "EncryptedContentInfo is incomplete".into(),
            ))
        }
    };
    let alg: AlgorithmIdentifierRef<'_> = alg
        .decode_as()
        .map_err(|e| malformed("EncryptedContentInfo algorithm", e))?;
    let ciphertext = match body.tag() {
        Tag::ContextSpecific {
            constructed: false,
            number: TagNumber::N0,
        } => body.value().to_vec(),
        Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        } => {
            // BER: constructed [0] IMPLICIT OCTET STRING made of OCTET STRING segments.
            let mut joined = Vec::new();
            for seg in items(body.value()).map_err(|e| malformed("encryptedContent", e))? {
                if seg.tag() != Tag::OctetString {
                    return Err(Pkcs12Error::Malformed(
                        "encryptedContent segment is not an OCTET STRING".into(),
                    ));
                }
                joined.extend_from_slice(seg.value());
            }
            joined
        }
        _ => {
            return Err(Pkcs12Error::Malformed(
                "encryptedContent is not [0] IMPLICIT OCTET STRING".into(),
            ))
        }
    };
    Ok((alg, ciphertext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    const PASS: &str = "Pa55w0rd!";

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../../../tests/fixtures/pkcs12/", $name)).as_slice()
        };
    }

    const AES: &[u8] = fixture!("aes.pfx");
    const TDES: &[u8] = fixture!("3des.pfx");
    const RC2: &[u8] = fixture!("rc2.pfx");
    const RC2_128_2DES: &[u8] = fixture!("rc2-128-2des.pfx");
    const RC4: &[u8] = fixture!("rc4.pfx");
    const RC4_ALL: &[u8] = fixture!("rc4-all.pfx");
    const PBES2_MIX: &[u8] = fixture!("pbes2-mix.pfx");
    const PLAIN: &[u8] = fixture!("plain.pfx");
    const EMPTY: &[u8] = fixture!("empty-password.pfx");
    const NOMAC: &[u8] = fixture!("nomac.pfx");
    const KEYSIG: &[u8] = fixture!("keysig-cng.pfx");
    const NOKEY: &[u8] = fixture!("nokey.pfx");
    const MISMATCH: &[u8] = fixture!("mismatch.pfx");
    const EC: &[u8] = fixture!("ec.pfx");
    const CHAIN: &[u8] = fixture!("chain.pfx");
    const ITER: &[u8] = fixture!("iter-limit.pfx");
    const ITER_NOMAC: &[u8] = fixture!("iter-limit-nomac.pfx");
    const SERVER_PEM: &[u8] = fixture!("server.pem");
    const CA_PEM: &[u8] = fixture!("ca.pem");
    const EC_PEM: &[u8] = fixture!("ec.pem");
    const OTHER_KEY: &[u8] = fixture!("other.key");
    const SERVER_KEY: &[u8] = fixture!("server.key");

    /// Minimal PEM body decoder (first block only), good enough for the fixtures.
    fn pem(text: &[u8]) -> Vec<u8> {
        let text = std::str::from_utf8(text).unwrap();
        let body: String = text
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END"))
            .collect();
        let mut out = Vec::new();
        let mut acc: u32 = 0;
        let mut bits = 0;
        for c in body.bytes() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => continue,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }

    fn spki_of(cert_der: &[u8]) -> Vec<u8> {
        let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
        cert.tbs_certificate
            .subject_public_key_info
            .to_der()
            .unwrap()
    }

    fn ok(bytes: &[u8], password: Option<&str>) -> Pkcs12Contents {
        match decode(bytes, password) {
            Ok(c) => c,
            Err(e) => panic!("decode failed: {e:?}"),
        }
    }

    /// One RSA key, one certificate, and they belong together.
    fn assert_pair(c: &Pkcs12Contents) {
        assert_eq!(c.certificates.len(), 1, "certificates");
        assert_eq!(c.keys.len(), 1, "keys");
        assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
        let key = &c.keys[0];
        assert!(key
            .public_key
            .matches_spki(&spki_of(&c.certificates[0].der)));
        assert!(!key.public_key.matches_spki(&spki_of(&pem(CA_PEM))));
        match &key.public_key {
            KeyPublic::Rsa {
                modulus,
                public_exponent,
                bits,
            } => {
                assert_eq!(*bits, 2048);
                assert_eq!(modulus.len(), 256);
                assert_ne!(modulus[0], 0);
                assert_eq!(public_exponent, &vec![1, 0, 1]);
            }
            other => panic!("expected RSA, got {other:?}"),
        }
        assert!(c.certificates[0].local_key_id.is_some());
        assert_eq!(c.certificates[0].local_key_id, key.local_key_id);
    }

    #[test]
    fn aes_default_openssl3() {
        let c = ok(AES, Some(PASS));
        assert_pair(&c);
        assert!(c.mac_verified);
        assert!(c.unreadable_parts.is_empty());
        assert_eq!(
            c.algorithms,
            vec![
                "MAC HMAC-SHA256".to_string(),
                "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)".to_string()
            ]
        );
        let key = &c.keys[0];
        assert_eq!(key.friendly_name.as_deref(), Some("sqltls test"));
        assert_eq!(
            c.certificates[0].friendly_name.as_deref(),
            Some("sqltls test")
        );
        assert_eq!(
            key.csp_name.as_deref(),
            Some("Microsoft RSA SChannel Cryptographic Provider")
        );
        assert_eq!(key.key_spec, Some(KeySpec::KeyExchange));
        assert!(!key.machine_key_set);
    }

    #[test]
    fn aes_wrong_or_missing_password() {
        assert_eq!(decode(AES, Some("wrong")), Err(Pkcs12Error::WrongPassword));
        assert_eq!(
            decode(AES, Some("pa55w0rd!")),
            Err(Pkcs12Error::WrongPassword)
        );
        assert_eq!(decode(AES, None), Err(Pkcs12Error::PasswordRequired));
        assert_eq!(decode(AES, Some("")), Err(Pkcs12Error::PasswordRequired));
    }

    #[test]
    fn triple_des_sha1_mac() {
        let c = ok(TDES, Some(PASS));
        assert_pair(&c);
        assert!(c.mac_verified);
        assert_eq!(
            c.algorithms,
            vec![
                "MAC HMAC-SHA1".to_string(),
                "pbeWithSHAAnd3-KeyTripleDES-CBC".to_string()
            ]
        );
        assert_eq!(c.keys[0].friendly_name.as_deref(), Some("sqltls test"));
        assert_eq!(c.keys[0].key_spec, None);
        assert_eq!(c.keys[0].csp_name, None);
        assert_eq!(decode(TDES, Some("nope")), Err(Pkcs12Error::WrongPassword));
    }

    #[test]
    fn legacy_rc2_40() {
        let c = ok(RC2, Some(PASS));
        assert_pair(&c);
        assert!(c
            .algorithms
            .contains(&"pbeWithSHAAnd40BitRC2-CBC".to_string()));
        assert!(c
            .algorithms
            .contains(&"pbeWithSHAAnd3-KeyTripleDES-CBC".to_string()));
        assert!(c.algorithms.contains(&"MAC HMAC-SHA1".to_string()));
        assert_eq!(c.algorithms.len(), 3);
    }

    #[test]
    fn legacy_rc2_128_and_two_key_3des() {
        let c = ok(RC2_128_2DES, Some(PASS));
        assert_pair(&c);
        assert!(c
            .algorithms
            .contains(&"pbeWithSHAAnd128BitRC2-CBC".to_string()));
        assert!(c
            .algorithms
            .contains(&"pbeWithSHAAnd2-KeyTripleDES-CBC".to_string()));
    }

    #[test]
    fn rc4_certificates_are_reported_unreadable() {
        let c = ok(RC4, Some(PASS));
        assert!(c.certificates.is_empty());
        assert_eq!(c.keys.len(), 1);
        assert_eq!(c.unreadable_parts.len(), 1);
        assert!(
            c.unreadable_parts[0].contains("pbeWithSHAAnd128BitRC4"),
            "{:?}",
            c.unreadable_parts
        );
        assert!(c
            .algorithms
            .iter()
            .any(|a| a.contains("pbeWithSHAAnd128BitRC4")));
    }

    #[test]
    fn rc4_everywhere_is_unsupported() {
        match decode(RC4_ALL, Some(PASS)) {
            Err(Pkcs12Error::UnsupportedAlgorithm(name)) => {
                assert!(name.contains("pbeWithSHAAnd128BitRC4"), "{name}");
                assert!(name.contains("1.2.840.113549.1.12.1.1"), "{name}");
            }
            other => panic!("expected UnsupportedAlgorithm, got {other:?}"),
        }
        // The MAC is checked first, so a wrong password is still reported as such.
        assert_eq!(decode(RC4_ALL, Some("x")), Err(Pkcs12Error::WrongPassword));
    }

    #[test]
    fn pbes2_other_ciphers_and_sha512_mac() {
        let c = ok(PBES2_MIX, Some(PASS));
        assert_pair(&c);
        assert!(
            c.algorithms.contains(&"MAC HMAC-SHA512".to_string()),
            "{:?}",
            c.algorithms
        );
        assert!(c
            .algorithms
            .contains(&"PBES2 (PBKDF2-HMAC-SHA256, AES-128-CBC)".to_string()));
        assert!(c
            .algorithms
            .contains(&"PBES2 (PBKDF2-HMAC-SHA256, DES-EDE3-CBC)".to_string()));
    }

    #[test]
    fn unencrypted_bags_sha384_mac() {
        let c = ok(PLAIN, Some(PASS));
        assert_pair(&c);
        assert_eq!(c.algorithms, vec!["MAC HMAC-SHA384".to_string()]);
        assert_eq!(decode(PLAIN, Some("bad")), Err(Pkcs12Error::WrongPassword));
    }

    #[test]
    fn empty_password() {
        let a = ok(EMPTY, None);
        assert_pair(&a);
        assert!(a.mac_verified);
        let b = ok(EMPTY, Some(""));
        assert_eq!(a, b);
        assert_eq!(decode(EMPTY, Some("x")), Err(Pkcs12Error::WrongPassword));
    }

    #[test]
    fn no_mac() {
        let c = ok(NOMAC, Some(PASS));
        assert_pair(&c);
        assert!(!c.mac_verified);
        assert!(!c.algorithms.iter().any(|a| a.starts_with("MAC")));
        assert_eq!(
            decode(NOMAC, Some("wrong")),
            Err(Pkcs12Error::WrongPassword)
        );
        assert_eq!(decode(NOMAC, None), Err(Pkcs12Error::PasswordRequired));
        for pw in ["a", "Pa55w0rd", "Pa55w0rd!!", "pa55w0rd!", "0", "Pa55w0rd?"] {
            assert_eq!(
                decode(NOMAC, Some(pw)),
                Err(Pkcs12Error::WrongPassword),
                "{pw}"
            );
        }
    }

    #[test]
    fn keysig_cng_machine_key() {
        let c = ok(KEYSIG, Some(PASS));
        assert_pair(&c);
        let key = &c.keys[0];
        assert_eq!(key.key_spec, Some(KeySpec::Signature));
        assert_eq!(
            key.csp_name.as_deref(),
            Some("Microsoft Software Key Storage Provider")
        );
        assert!(key.machine_key_set);
        assert_eq!(key.friendly_name, None);
    }

    #[test]
    fn certificate_only() {
        let c = ok(NOKEY, Some(PASS));
        assert_eq!(c.certificates.len(), 1);
        assert!(c.keys.is_empty());
        assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
    }

    #[test]
    fn mismatched_key_and_certificate() {
        let c = ok(MISMATCH, Some(PASS));
        assert_eq!(c.certificates.len(), 1);
        assert_eq!(c.keys.len(), 1);
        assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
        let spki = spki_of(&c.certificates[0].der);
        assert!(!c.keys[0].public_key.matches_spki(&spki));
        // The key in the file is other.key, and server.key does match the certificate.
        let other = private_key(&pem(OTHER_KEY), BagAttributes::default()).unwrap();
        assert_eq!(other.public_key, c.keys[0].public_key);
        let server = private_key(&pem(SERVER_KEY), BagAttributes::default()).unwrap();
        assert!(server.public_key.matches_spki(&spki));
    }

    #[test]
    fn ec_p256() {
        let c = ok(EC, Some(PASS));
        assert_eq!(c.certificates.len(), 1);
        assert_eq!(c.keys.len(), 1);
        assert_eq!(c.certificates[0].der, pem(EC_PEM));
        let key = &c.keys[0];
        assert_eq!(key.friendly_name.as_deref(), Some("sqltls ec"));
        let spki_der = spki_of(&c.certificates[0].der);
        assert!(key.public_key.matches_spki(&spki_der));
        assert!(!key.public_key.matches_spki(&spki_of(&pem(SERVER_PEM))));
        let KeyPublic::Ec { curve_oid, point } = &key.public_key else {
            panic!("expected EC key, got {:?}", key.public_key);
        };
        assert_eq!(curve_oid, OID_P256);
        assert_eq!(point.len(), 65);
        assert_eq!(point[0], 4);

        // Same key, compressed point in the SPKI.
        let mut spki = spki::SubjectPublicKeyInfoOwned::from_der(&spki_der).unwrap();
        let pk = p256::PublicKey::from_sec1_bytes(point).unwrap();
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let compressed = pk.to_encoded_point(true);
        spki.subject_public_key = der::asn1::BitString::from_bytes(compressed.as_bytes()).unwrap();
        assert!(key.public_key.matches_spki(&spki.to_der().unwrap()));

        // Derivation from the scalar when the public key is absent gives the same point.
        let ec_key = pem(fixture!("ec.key"));
        let info = OneAsymmetricKeyRef::from_der(&ec_key).unwrap();
        let ec = sec1::EcPrivateKey::from_der(info.private_key.as_bytes()).unwrap();
        assert_eq!(
            derive_ec_point(OID_P256, ec.private_key).as_ref(),
            Some(point)
        );
    }

    #[test]
    fn chain_with_ca() {
        let c = ok(CHAIN, Some(PASS));
        assert_eq!(c.certificates.len(), 2);
        assert_eq!(c.keys.len(), 1);
        let key = &c.keys[0];
        let matching: Vec<_> = c
            .certificates
            .iter()
            .filter(|cert| key.public_key.matches_spki(&spki_of(&cert.der)))
            .collect();
        assert_eq!(matching.len(), 1);
        assert_eq!(matching[0].der, pem(SERVER_PEM));
        assert_eq!(matching[0].local_key_id, key.local_key_id);
        let ca = c
            .certificates
            .iter()
            .find(|cert| cert.der == pem(CA_PEM))
            .unwrap();
        assert_eq!(ca.friendly_name.as_deref(), Some("sqltls test CA"));
        assert_eq!(ca.local_key_id, None);
    }

    #[test]
    fn iteration_limits() {
        assert_eq!(
            decode(ITER, Some(PASS)),
            Err(Pkcs12Error::IterationLimit(2_000_000))
        );
        assert_eq!(
            decode(ITER, None),
            Err(Pkcs12Error::IterationLimit(2_000_000))
        );
        assert_eq!(
            decode(ITER_NOMAC, Some(PASS)),
            Err(Pkcs12Error::IterationLimit(2_000_000))
        );
        assert!(looks_like_pkcs12(ITER));
    }

    #[test]
    fn truncated_empty_and_random_input() {
        assert!(matches!(decode(&[], None), Err(Pkcs12Error::Malformed(_))));
        assert!(matches!(
            decode(&[], Some(PASS)),
            Err(Pkcs12Error::Malformed(_))
        ));
        for cut in [
            1,
            2,
            4,
            10,
            50,
            100,
            500,
            1000,
            1500,
            2000,
            AES.len() - 40,
            AES.len() - 1,
        ] {
            let r = decode(&AES[..cut], Some(PASS));
            assert!(
                matches!(
                    r,
                    Err(Pkcs12Error::Malformed(_)) | Err(Pkcs12Error::WrongPassword)
                ),
                "cut {cut}: {r:?}"
            );
        }
        let mut state: u64 = 0x1234_5678_9abc_def0;
        for len in [1usize, 3, 16, 64, 300, 3000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 33) as u8
                })
                .collect();
            assert!(matches!(
                decode(&bytes, Some(PASS)),
                Err(Pkcs12Error::Malformed(_))
            ));
            assert!(!looks_like_pkcs12(&bytes));
        }
        assert!(matches!(
            decode(b"-----BEGIN CERTIFICATE-----", None),
            Err(Pkcs12Error::Malformed(_))
        ));
        assert!(matches!(
            decode(&pem(SERVER_PEM), None),
            Err(Pkcs12Error::Malformed(_))
        ));
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        // Flip every byte of small files and a sample of the others; any result is fine
        // as long as nothing panics.
        for (file, password) in [(NOMAC, PASS), (PLAIN, PASS), (EC, PASS)] {
            for i in (0..file.len()).step_by(7) {
                let mut copy = file.to_vec();
                copy[i] ^= 0xff;
                let _ = decode(&copy, Some(password));
                let _ = looks_like_pkcs12(&copy);
            }
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut bytes = Vec::new();
        for _ in 0..10_000 {
            bytes.extend_from_slice(&[0x30, 0x80]);
        }
        assert!(matches!(
            decode(&bytes, None),
            Err(Pkcs12Error::Malformed(_))
        ));
    }

    fn replace_once(haystack: &[u8], needle: &[u8], with: &[u8], last: bool) -> Vec<u8> {
        assert_eq!(needle.len(), with.len());
        let positions: Vec<usize> = haystack
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle)
            .map(|(i, _)| i)
            .collect();
        let pos = if last {
            *positions.last().unwrap()
        } else {
            positions[0]
        };
        let mut out = haystack.to_vec();
        out[pos..pos + needle.len()].copy_from_slice(with);
        out
    }

    #[test]
    fn pbmac1_and_signed_data_are_unsupported() {
        let sha256 = [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        ];
        let pbmac1 = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0e,
        ];
        let patched = replace_once(AES, &sha256, &pbmac1, true);
        match decode(&patched, Some(PASS)) {
            Err(Pkcs12Error::UnsupportedAlgorithm(name)) => {
                assert!(name.contains("PBMAC1"), "{name}")
            }
            other => panic!("expected UnsupportedAlgorithm, got {other:?}"),
        }
        let data = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
        ];
        let signed = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
        ];
        let patched = replace_once(AES, &data, &signed, false);
        assert!(looks_like_pkcs12(&patched));
        assert_eq!(
            decode(&patched, Some(PASS)),
            Err(Pkcs12Error::UnsupportedAlgorithm(
                "public-key integrity mode".into()
            ))
        );
    }

    /// Re-encode DER as BER: indefinite lengths everywhere and OCTET STRINGs split
    /// into constructed segments.
    fn to_ber(der_bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < der_bytes.len() {
            let h = ber_header(der_bytes, pos).unwrap();
            let len = h.len.unwrap();
            let content = &der_bytes[h.content_start..h.content_start + len];
            if h.first & 0x20 != 0 {
                out.extend_from_slice(&der_bytes[pos..h.tag_end]);
                out.push(0x80);
                out.extend_from_slice(&to_ber(content));
                out.extend_from_slice(&[0, 0]);
            } else if h.first == 0x04 && len > 10 {
                out.extend_from_slice(&[0x24, 0x80]);
                for chunk in content.chunks(7) {
                    out.push(0x04);
                    out.push(chunk.len() as u8);
                    out.extend_from_slice(chunk);
                }
                out.extend_from_slice(&[0, 0]);
            } else {
                out.extend_from_slice(&der_bytes[pos..h.content_start + len]);
            }
            pos = h.content_start + len;
        }
        out
    }

    #[test]
    fn ber_encoded_file() {
        let ber = to_ber(AES);
        assert_ne!(ber, AES);
        assert!(looks_like_pkcs12(&ber));
        let c = ok(&ber, Some(PASS));
        assert_eq!(c, ok(AES, Some(PASS)));
        assert_eq!(decode(&ber, Some("bad")), Err(Pkcs12Error::WrongPassword));
    }

    #[test]
    fn sniffing() {
        for f in [
            AES, TDES, RC2, EMPTY, NOMAC, KEYSIG, NOKEY, MISMATCH, EC, CHAIN, PLAIN,
        ] {
            assert!(looks_like_pkcs12(f));
        }
        assert!(!looks_like_pkcs12(&[]));
        assert!(!looks_like_pkcs12(SERVER_PEM));
        assert!(!looks_like_pkcs12(&pem(SERVER_PEM)));
        assert!(!looks_like_pkcs12(&pem(SERVER_KEY)));
        assert!(looks_like_pkcs12(&AES[..40]));
    }

    #[test]
    fn matches_spki_rejects_garbage() {
        let c = ok(AES, Some(PASS));
        let key = &c.keys[0].public_key;
        assert!(!key.matches_spki(&[]));
        assert!(!key.matches_spki(&[0x30, 0x03, 0x02, 0x01, 0x00]));
        assert!(!KeyPublic::Other {
            algorithm_oid: "1.3.101.112".into()
        }
        .matches_spki(&spki_of(&pem(SERVER_PEM))));
    }

    #[test]
    fn mac_with_zero_length_empty_password() {
        // Windows-style empty password: the KDF sees zero bytes, not a lone NUL terminator.
        let data = b"authenticated safe bytes";
        let salt = [1u8, 2, 3, 4, 5, 6, 7, 8];
        let key = derive_key::<sha2::Sha256>(&[], &salt, Pkcs12KeyType::Mac, 2048, 32);
        let mut mac = <SimpleHmac<sha2::Sha256> as KeyInit>::new_from_slice(&key).unwrap();
        mac.update(data);
        let digest = mac.finalize().into_bytes().to_vec();
        let mac_data = MacDataRef {
            mac: DigestInfoRef {
                algorithm: AlgorithmIdentifierRef {
                    oid: ObjectIdentifier::new("2.16.840.1.101.3.4.2.1").unwrap(),
                    parameters: None,
                },
                digest: OctetStringRef::new(&digest).unwrap(),
            },
            mac_salt: OctetStringRef::new(&salt).unwrap(),
            iterations: Some(2048),
        };
        let mut acc = Acc::default();
        assert_eq!(
            verify_mac(&mac_data, data, &Passwords::new(None), &mut acc),
            Ok(1)
        );
        assert_eq!(
            verify_mac(&mac_data, data, &Passwords::new(Some("")), &mut acc),
            Ok(1)
        );
        assert_eq!(
            verify_mac(&mac_data, data, &Passwords::new(Some("x")), &mut acc),
            Err(Pkcs12Error::WrongPassword)
        );
        assert_eq!(
            verify_mac(&mac_data, b"tampered", &Passwords::new(None), &mut acc),
            Err(Pkcs12Error::PasswordRequired)
        );
        assert_eq!(acc.algorithms, vec!["MAC HMAC-SHA256".to_string()]);
    }

    #[test]
    fn display_messages() {
        let errors = [
            Pkcs12Error::PasswordRequired,
            Pkcs12Error::WrongPassword,
            Pkcs12Error::UnsupportedAlgorithm("PBMAC1".into()),
            Pkcs12Error::IterationLimit(2_000_000),
            Pkcs12Error::Malformed("PFX".into()),
        ];
        for e in &errors {
            let text = e.to_string();
            assert!(!text.is_empty());
            assert!(!text.contains(PASS));
        }
        assert!(errors[3].to_string().contains("2000000"));
        assert!(errors[2].to_string().contains("PBMAC1"));
        match decode(AES, Some("secret-guess")) {
            Err(e) => assert!(!e.to_string().contains("secret-guess")),
            Ok(_) => panic!("wrong password accepted"),
        }
    }
}
