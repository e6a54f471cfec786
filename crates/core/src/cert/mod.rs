//! The decoded view of one X.509 certificate: every property a SQL Server TLS
//! rule or a person needs, read once (with `x509-parser`, in [`decode`]).

use serde::{Deserialize, Serialize};

/// Signature hash families that rules care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HashAlgorithm {
    /// MD2 (broken).
    Md2,
    /// MD5 (broken).
    Md5,
    /// SHA-1 (deprecated).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// Anything else (PSS parameters, EdDSA, unknown).
    Other,
}

/// The certificate's signature algorithm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureAlgorithm {
    /// Dotted OID.
    pub oid: String,
    /// Conventional name, e.g. `sha256WithRSAEncryption`.
    pub name: String,
    /// The hash inside it.
    pub hash: HashAlgorithm,
}

/// The kind of public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    /// RSA.
    Rsa,
    /// Elliptic curve (ECDSA).
    Ec,
    /// Ed25519 / Ed448.
    Eddsa,
    /// DSA.
    Dsa,
    /// Anything else.
    Other,
}

/// The subject's public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyInfo {
    /// Key family.
    #[serde(rename = "type")]
    pub key_type: KeyType,
    /// Size in bits (RSA modulus, curve size).
    pub bits: usize,
    /// Named curve for EC keys, e.g. `P-256`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub curve: Option<String>,
}

/// Basic constraints extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path_len: Option<u32>,
}

/// Validity window, both as text and as Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// notBefore as Unix seconds.
    pub not_before_unix: i64,
    /// notAfter as Unix seconds.
    pub not_after_unix: i64,
}

/// Everything sqltls reads from one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateInfo {
    /// Subject distinguished name (RFC 4514-like string).
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// The subject's first common name, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub common_name: Option<String>,
    /// Every subject CN, in order (host-name checks read all of them; some
    /// stacks refuse a subject with more than one).
    #[serde(skip)]
    pub common_names: Vec<String>,
    /// Serial number, uppercase hex.
    pub serial: String,
    /// X.509 version (1, 2 or 3).
    pub version: u32,
    /// Validity window.
    pub validity: Validity,
    /// SAN dNSName entries.
    pub san_dns: Vec<String>,
    /// SAN iPAddress entries, as text.
    pub san_ip: Vec<String>,
    /// Whether the SAN extension is present at all.
    pub has_san: bool,
    /// What is wrong with the SAN extension when it cannot be read (present
    /// twice, or undecodable); its names are then not known.
    #[serde(skip)]
    pub san_problem: Option<String>,
    /// Extended key usages by name (`serverAuth`) or dotted OID; `None` when the
    /// extension is absent (any purpose).
    pub extended_key_usage: Option<Vec<String>>,
    /// Key usage bits by name; `None` when the extension is absent.
    pub key_usage: Option<Vec<String>>,
    /// Basic constraints; `None` when absent.
    pub basic_constraints: Option<BasicConstraints>,
    /// Public key.
    pub public_key: PublicKeyInfo,
    /// Signature algorithm.
    pub signature_algorithm: SignatureAlgorithm,
    /// SHA-1 thumbprint as Windows shows it: 40 uppercase hex digits.
    pub thumbprint_sha1: String,
    /// SHA-256 fingerprint, 64 uppercase hex digits.
    pub fingerprint_sha256: String,
    /// Subject key identifier, uppercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject_key_id: Option<String>,
    /// Authority key identifier (keyIdentifier), uppercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub authority_key_id: Option<String>,
    /// Subject and issuer are the same name.
    pub self_issued: bool,
    /// DER of the whole certificate.
    #[serde(skip)]
    pub der: Vec<u8>,
    /// DER of the subject name.
    #[serde(skip)]
    pub raw_subject: Vec<u8>,
    /// DER of the issuer name.
    #[serde(skip)]
    pub raw_issuer: Vec<u8>,
    /// DER of the SubjectPublicKeyInfo.
    #[serde(skip)]
    pub spki_der: Vec<u8>,
}

#[cfg(feature = "crypto")]
mod decode;

impl CertificateInfo {
    /// Is this a CA certificate (basic constraints cA = true)?
    pub fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|b| b.ca)
    }

    /// Does the EKU extension allow server authentication? Absent EKU means any
    /// purpose, which Windows and OpenSSL accept.
    pub fn allows_server_auth(&self) -> bool {
        match &self.extended_key_usage {
            None => true,
            Some(list) => list
                .iter()
                .any(|e| e == "serverAuth" || e == "anyExtendedKeyUsage"),
        }
    }

    /// Does the key usage extension carry `bit` (e.g. "keyEncipherment")?
    /// Absent extension allows everything.
    pub fn key_usage_allows(&self, bit: &str) -> bool {
        self.key_usage
            .as_ref()
            .is_none_or(|ku| ku.iter().any(|k| k == bit))
    }

    /// The DNS names a client may match: SAN dNSNames, else the CN.
    pub fn dns_names(&self) -> Vec<&str> {
        self.dns_names_iter().collect()
    }

    /// [`CertificateInfo::dns_names`] without collecting them.
    pub fn dns_names_iter(&self) -> impl Iterator<Item = &str> {
        let cn = self
            .common_name
            .as_deref()
            .filter(|cn| !self.san_dns.iter().any(|n| n.eq_ignore_ascii_case(cn)));
        self.san_dns.iter().map(String::as_str).chain(cn)
    }

    /// A short label for a person: the CN, else the subject.
    pub fn label(&self) -> &str {
        self.common_name.as_deref().unwrap_or(&self.subject)
    }
}

/// RFC 3339 text for Unix seconds (UTC), `YYYY-MM-DDTHH:MM:SSZ`, for years
/// 0 to 9999 (what RFC 3339 can write); `@SECONDS` outside them.
pub fn format_unix(secs: i64) -> String {
    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    const FIRST: i64 = -62_167_219_200;
    const LAST: i64 = 253_402_300_799;
    if !(FIRST..=LAST).contains(&secs) {
        return format!("@{secs}");
    }
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let time = secs.rem_euclid(86_400);
    // Every field is in range: the year below 10,000, the others below 100.
    let pairs = [
        (0, year / 100),
        (2, year % 100),
        (5, month),
        (8, day),
        (11, time / 3600),
        (14, time / 60 % 60),
        (17, time % 60),
    ];
    let mut text = *b"0000-00-00T00:00:00Z";
    for (at, n) in pairs {
        let n = n as u8;
        text[at] = b'0' + n / 10;
        text[at + 1] = b'0' + n % 10;
    }
    // Only ASCII digits and separators were written.
    String::from_utf8(text.to_vec()).unwrap_or_default()
}

/// Year, month and day of the proleptic Gregorian calendar for days since
/// 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Name and hash of a signature algorithm OID.
pub fn signature_algorithm(oid: &str) -> SignatureAlgorithm {
    use HashAlgorithm::*;
    let (name, hash) = match oid {
        "1.2.840.113549.1.1.2" => ("md2WithRSAEncryption", Md2),
        "1.2.840.113549.1.1.4" => ("md5WithRSAEncryption", Md5),
        "1.2.840.113549.1.1.5" => ("sha1WithRSAEncryption", Sha1),
        "1.3.14.3.2.29" => ("sha1WithRSASignature", Sha1),
        "1.2.840.113549.1.1.14" => ("sha224WithRSAEncryption", Sha224),
        "1.2.840.113549.1.1.11" => ("sha256WithRSAEncryption", Sha256),
        "1.2.840.113549.1.1.12" => ("sha384WithRSAEncryption", Sha384),
        "1.2.840.113549.1.1.13" => ("sha512WithRSAEncryption", Sha512),
        "1.2.840.113549.1.1.10" => ("rsassaPss", Other),
        "1.2.840.10045.4.1" => ("ecdsa-with-SHA1", Sha1),
        "1.2.840.10045.4.3.1" => ("ecdsa-with-SHA224", Sha224),
        "1.2.840.10045.4.3.2" => ("ecdsa-with-SHA256", Sha256),
        "1.2.840.10045.4.3.3" => ("ecdsa-with-SHA384", Sha384),
        "1.2.840.10045.4.3.4" => ("ecdsa-with-SHA512", Sha512),
        "1.3.101.112" => ("Ed25519", Other),
        "1.3.101.113" => ("Ed448", Other),
        "1.2.840.10040.4.3" => ("dsa-with-sha1", Sha1),
        _ => (oid, Other),
    };
    SignatureAlgorithm {
        oid: oid.to_string(),
        name: name.to_string(),
        hash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_format_as_the_time_crate_writes_rfc3339() {
        use ::time::format_description::well_known::Rfc3339;
        use ::time::OffsetDateTime;
        let reference = |secs: i64| {
            OffsetDateTime::from_unix_timestamp(secs)
                .ok()
                .and_then(|t| t.format(&Rfc3339).ok())
                .unwrap_or_else(|| format!("@{secs}"))
        };
        let mut cases = vec![
            0,
            -1,
            1,
            1_750_000_000,
            951_782_400, // 2000-02-29
            -62_167_219_200,
            -62_167_219_201,
            253_402_300_799,
            253_402_300_800,
            i64::MIN,
            i64::MAX,
        ];
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            cases.push((x % 330_000_000_000) as i64 - 70_000_000_000);
        }
        for day in -800_000..0 {
            cases.push(day * 86_400 * 3 + 4_000);
        }
        for secs in cases {
            assert_eq!(format_unix(secs), reference(secs), "{secs}");
        }
    }
}
