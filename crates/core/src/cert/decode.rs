//! Decoding a DER certificate into [`CertificateInfo`] with `x509-parser` (the
//! `crypto` feature: the light build opens no certificate).

use super::{
    format_unix, signature_algorithm, BasicConstraints, CertificateInfo, KeyType, PublicKeyInfo,
    Validity,
};
use crate::thumbprint;
use der_parser::oid::Oid;
use x509_parser::prelude::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
