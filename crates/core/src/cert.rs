//! The decoded view of one X.509 certificate: every property a SQL Server TLS
//! rule or a person needs, read once with `x509-parser`.

use crate::thumbprint;
use der_parser::oid::Oid;
use serde::Serialize;
use x509_parser::prelude::*;

/// Signature hash families that rules care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureAlgorithm {
    /// Dotted OID.
    pub oid: String,
    /// Conventional name, e.g. `sha256WithRSAEncryption`.
    pub name: String,
    /// The hash inside it.
    pub hash: HashAlgorithm,
}

/// The kind of public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicKeyInfo {
    /// Key family.
    #[serde(rename = "type")]
    pub key_type: KeyType,
    /// Size in bits (RSA modulus, curve size).
    pub bits: usize,
    /// Named curve for EC keys, e.g. `P-256`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
}

/// Basic constraints extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_len: Option<u32>,
}

/// Validity window, both as text and as Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Validity {
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// notBefore as Unix seconds.
    #[serde(skip)]
    pub not_before_unix: i64,
    /// notAfter as Unix seconds.
    #[serde(skip)]
    pub not_after_unix: i64,
}

/// Everything sqltls reads from one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// Subject distinguished name (RFC 4514-like string).
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// The subject's first common name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_key_id: Option<String>,
    /// Authority key identifier (keyIdentifier), uppercase hex.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// What keeps the subjectAltName extension of `tbs` from being read: more
/// than one of it, or content that does not decode. `None` when it is absent
/// or sound.
fn san_problem(tbs: &x509_parser::certificate::TbsCertificate<'_>) -> Option<String> {
    let sans: Vec<_> = tbs
        .extensions()
        .iter()
        .filter(|e| e.oid == x509_parser::oid_registry::OID_X509_EXT_SUBJECT_ALT_NAME)
        .collect();
    match sans.as_slice() {
        [] => None,
        [one] => match one.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(_) => None,
            ParsedExtension::ParseError { error } => Some(format!(
                "its subjectAltName extension cannot be decoded ({error})"
            )),
            _ => Some("its subjectAltName extension cannot be decoded".to_string()),
        },
        more => {
            let count = match more.len() {
                2 => "two".to_string(),
                3 => "three".to_string(),
                n => n.to_string(),
            };
            Some(format!(
                "the certificate has {count} subjectAltName extensions (RFC 5280 allows one); clients refuse it or read only one of them"
            ))
        }
    }
}

impl CertificateInfo {
    /// Decode one DER certificate. Returns the parser's message on failure.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        let (mut info, used) = Self::decode(der)?;
        info.der = der.get(..used).unwrap_or(der).to_vec();
        Ok(info)
    }

    /// [`CertificateInfo::from_der`] keeping `der` as the certificate's bytes
    /// (cut to the certificate when more follows) instead of copying them.
    pub fn from_der_vec(mut der: Vec<u8>) -> Result<Self, String> {
        let (mut info, used) = Self::decode(&der)?;
        der.truncate(used);
        info.der = der;
        Ok(info)
    }

    /// Everything but `der`, and how many bytes the certificate took.
    fn decode(der: &[u8]) -> Result<(Self, usize), String> {
        let (rest, cert) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
        let used = der.len() - rest.len();
        let der = der.get(..used).unwrap_or(der);
        let tbs = &cert.tbs_certificate;

        let (san_dns, san_ip, has_san) = match tbs.subject_alternative_name() {
            Ok(Some(san)) => {
                let mut dns = Vec::new();
                let mut ips = Vec::new();
                for name in &san.value.general_names {
                    match name {
                        GeneralName::DNSName(d) => dns.push((*d).to_string()),
                        GeneralName::IPAddress(b) => ips.push(ip_to_string(b)),
                        _ => {}
                    }
                }
                (dns, ips, true)
            }
            Ok(None) => (Vec::new(), Vec::new(), false),
            Err(_) => (Vec::new(), Vec::new(), true),
        };
        let san_problem = san_problem(tbs);

        let extended_key_usage = match tbs.extended_key_usage() {
            Ok(Some(eku)) => Some(eku_names(eku.value)),
            _ => None,
        };
        let key_usage = match tbs.key_usage() {
            Ok(Some(ku)) => Some(key_usage_names(ku.value)),
            _ => None,
        };
        let basic_constraints = match tbs.basic_constraints() {
            Ok(Some(bc)) => Some(BasicConstraints {
                ca: bc.value.ca,
                path_len: bc.value.path_len_constraint,
            }),
            _ => None,
        };
        let mut subject_key_id = None;
        let mut authority_key_id = None;
        for ext in tbs.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(k) => {
                    subject_key_id = Some(thumbprint::hex_upper(k.0));
                }
                ParsedExtension::AuthorityKeyIdentifier(a) => {
                    authority_key_id = a
                        .key_identifier
                        .as_ref()
                        .map(|k| thumbprint::hex_upper(k.0));
                }
                _ => {}
            }
        }

        let common_names: Vec<String> =
            tbs.subject.iter_common_name().map(attribute_text).collect();
        let common_name = common_names.first().cloned();
        let not_before_unix = tbs.validity.not_before.timestamp();
        let not_after_unix = tbs.validity.not_after.timestamp();

        let info = CertificateInfo {
            subject: name_to_string(&tbs.subject),
            issuer: name_to_string(&tbs.issuer),
            common_name,
            common_names,
            serial: thumbprint::hex_upper(tbs.raw_serial()),
            version: tbs.version.0 + 1,
            validity: Validity {
                not_before: format_unix(not_before_unix),
                not_after: format_unix(not_after_unix),
                not_before_unix,
                not_after_unix,
            },
            san_dns,
            san_ip,
            has_san,
            san_problem,
            extended_key_usage,
            key_usage,
            basic_constraints,
            public_key: public_key_info(tbs.public_key()),
            signature_algorithm: signature_algorithm(&oid_text(
                &cert.signature_algorithm.algorithm,
            )),
            thumbprint_sha1: thumbprint::sha1_hex(der),
            fingerprint_sha256: thumbprint::sha256_hex(der),
            subject_key_id,
            authority_key_id,
            self_issued: tbs.subject.as_raw() == tbs.issuer.as_raw(),
            der: Vec::new(),
            raw_subject: tbs.subject.as_raw().to_vec(),
            raw_issuer: tbs.issuer.as_raw().to_vec(),
            spki_der: tbs.public_key().raw.to_vec(),
        };
        Ok((info, used))
    }

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

fn name_to_string(name: &X509Name<'_>) -> String {
    simple_name_to_string(name).unwrap_or_else(|| {
        name.to_string_with_registry(oid_registry())
            .unwrap_or_else(|_| thumbprint::hex_upper(name.as_raw()))
    })
}

/// The text `to_string_with_registry` gives (`CN=a, O=b + OU=c`), written
/// into one string, for names whose every attribute is a text string with a
/// known short name; `None` for any other name (BMPString or binary values,
/// unknown attribute types, empty RDNs), which takes the general path.
fn simple_name_to_string(name: &X509Name<'_>) -> Option<String> {
    let mut out = String::with_capacity(name.as_raw().len());
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let mut attrs = rdn.iter().peekable();
        attrs.peek()?;
        for (j, attr) in attrs.enumerate() {
            let value = attr.attr_value();
            let text = match value.tag() {
                der_parser::asn1_rs::Tag::NumericString
                | der_parser::asn1_rs::Tag::VisibleString
                | der_parser::asn1_rs::Tag::PrintableString
                | der_parser::asn1_rs::Tag::GeneralString
                | der_parser::asn1_rs::Tag::ObjectDescriptor
                | der_parser::asn1_rs::Tag::GraphicString
                | der_parser::asn1_rs::Tag::T61String
                | der_parser::asn1_rs::Tag::VideotexString
                | der_parser::asn1_rs::Tag::Utf8String
                | der_parser::asn1_rs::Tag::Ia5String => std::str::from_utf8(value.data).ok()?,
                _ => return None,
            };
            if j > 0 {
                out.push_str(" + ");
            }
            out.push_str(attribute_abbrev(attr.attr_type())?);
            out.push('=');
            out.push_str(text);
        }
    }
    Some(out)
}

/// The short name `to_string_with_registry` writes for an attribute type.
fn attribute_abbrev<'a>(oid: &'a Oid<'_>) -> Option<&'a str> {
    Some(match oid.as_bytes() {
        [0x55, 0x04, 0x03] => "CN",
        [0x55, 0x04, 0x06] => "C",
        [0x55, 0x04, 0x07] => "L",
        [0x55, 0x04, 0x08] => "ST",
        [0x55, 0x04, 0x0A] => "O",
        [0x55, 0x04, 0x0B] => "OU",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19] => "DC",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01] => "Email",
        _ => return x509_parser::objects::oid2abbrev(oid, oid_registry()).ok(),
    })
}

/// OIDs the decoder compares against: canonical DER content and dotted text.
const KNOWN_OIDS: &[(&[u8], &str)] = &[
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01],
        "1.2.840.113549.1.1.1",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A],
        "1.2.840.113549.1.1.10",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B],
        "1.2.840.113549.1.1.11",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C],
        "1.2.840.113549.1.1.12",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0D],
        "1.2.840.113549.1.1.13",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0E],
        "1.2.840.113549.1.1.14",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05],
        "1.2.840.113549.1.1.5",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x04],
        "1.2.840.113549.1.1.4",
    ),
    (
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x02],
        "1.2.840.113549.1.1.2",
    ),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01],
        "1.2.840.10045.2.1",
    ),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07],
        "1.2.840.10045.3.1.7",
    ),
    (&[0x2B, 0x81, 0x04, 0x00, 0x22], "1.3.132.0.34"),
    (&[0x2B, 0x81, 0x04, 0x00, 0x23], "1.3.132.0.35"),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01],
        "1.2.840.10045.4.1",
    ),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02],
        "1.2.840.10045.4.3.2",
    ),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03],
        "1.2.840.10045.4.3.3",
    ),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04],
        "1.2.840.10045.4.3.4",
    ),
    (&[0x2B, 0x65, 0x70], "1.3.101.112"),
    (&[0x2B, 0x65, 0x71], "1.3.101.113"),
    (
        &[0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01],
        "1.2.840.10040.4.1",
    ),
];

/// Dotted text of the OIDs the decoder compares against, by their DER
/// content (the canonical encoding); others are formatted.
fn oid_text(oid: &Oid<'_>) -> std::borrow::Cow<'static, str> {
    let bytes = oid.as_bytes();
    match KNOWN_OIDS.iter().find(|(der, _)| *der == bytes) {
        Some((_, text)) => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(oid.to_id_string()),
    }
}

fn oid_registry() -> &'static oid_registry::OidRegistry<'static> {
    // The default registry knows the usual DN attribute short names.
    x509_parser::objects::oid_registry()
}

/// Text of a DN attribute, decoding BMPString (as SQL Server's fallback CN uses).
fn attribute_text(attr: &AttributeTypeAndValue<'_>) -> String {
    if let Ok(s) = attr.as_str() {
        return s.to_string();
    }
    let raw = attr.as_slice();
    if attr.attr_value().tag() == der_parser::asn1_rs::Tag::BmpString && raw.len() % 2 == 0 {
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8_lossy(raw).into_owned()
}

fn ip_to_string(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => format!("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(bytes);
            std::net::Ipv6Addr::from(a).to_string()
        }
        _ => thumbprint::hex_upper(bytes),
    }
}

fn eku_names(eku: &ExtendedKeyUsage<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let flags = [
        (eku.any, "anyExtendedKeyUsage"),
        (eku.server_auth, "serverAuth"),
        (eku.client_auth, "clientAuth"),
        (eku.code_signing, "codeSigning"),
        (eku.email_protection, "emailProtection"),
        (eku.time_stamping, "timeStamping"),
        (eku.ocsp_signing, "OCSPSigning"),
    ];
    for (set, name) in flags {
        if set {
            out.push(name.to_string());
        }
    }
    out.extend(eku.other.iter().map(|o| o.to_id_string()));
    out
}

fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
    let bits = [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ];
    bits.iter()
        .filter(|(set, _)| *set)
        .map(|(_, n)| n.to_string())
        .collect()
}

fn public_key_info(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyInfo {
    let alg = oid_text(&spki.algorithm.algorithm);
    match alg.as_ref() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            let bits = match spki.parsed() {
                Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => rsa.key_size(),
                _ => 0,
            };
            PublicKeyInfo {
                key_type: KeyType::Rsa,
                bits,
                curve: None,
            }
        }
        "1.2.840.10045.2.1" => {
            let curve_oid = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| oid_text(&o));
            let (curve, bits) = match curve_oid.as_deref() {
                Some("1.2.840.10045.3.1.7") => (Some("P-256".to_string()), 256),
                Some("1.3.132.0.34") => (Some("P-384".to_string()), 384),
                Some("1.3.132.0.35") => (Some("P-521".to_string()), 521),
                Some(other) => (Some(other.to_string()), 0),
                None => (None, 0),
            };
            PublicKeyInfo {
                key_type: KeyType::Ec,
                bits,
                curve,
            }
        }
        "1.3.101.112" => PublicKeyInfo {
            key_type: KeyType::Eddsa,
            bits: 256,
            curve: Some("Ed25519".into()),
        },
        "1.3.101.113" => PublicKeyInfo {
            key_type: KeyType::Eddsa,
            bits: 456,
            curve: Some("Ed448".into()),
        },
        "1.2.840.10040.4.1" => PublicKeyInfo {
            key_type: KeyType::Dsa,
            bits: 0,
            curve: None,
        },
        _ => PublicKeyInfo {
            key_type: KeyType::Other,
            bits: 0,
            curve: None,
        },
    }
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
    use std::str::FromStr;

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

    #[test]
    fn known_oids_are_their_canonical_encoding() {
        for (der, text) in KNOWN_OIDS {
            let oid = Oid::from_str(text).expect(text);
            assert_eq!(oid.as_bytes(), *der, "{text}");
            assert_eq!(oid_text(&oid), *text);
        }
        let other = Oid::from_str("1.2.3.4").unwrap();
        assert_eq!(oid_text(&other), "1.2.3.4");
    }

    #[test]
    fn names_read_as_x509_parser_writes_them() {
        let dir = sqltls_fixtures::path("certs");
        let mut names = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for pem in x509_parser::pem::Pem::iter_from_buffer(text.as_bytes()).flatten() {
                let Ok((_, cert)) = X509Certificate::from_der(&pem.contents) else {
                    continue;
                };
                for name in [cert.subject(), cert.issuer()] {
                    let reference = name
                        .to_string_with_registry(oid_registry())
                        .unwrap_or_else(|_| thumbprint::hex_upper(name.as_raw()));
                    assert_eq!(name_to_string(name), reference, "{}", path.display());
                    names += 1;
                }
            }
        }
        assert!(names > 40, "{names}");
    }
}
