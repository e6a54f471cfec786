//! Object identifiers and their names, for messages.

// The light build (no `crypto` feature) only pairs keys by algorithm; the
// rest of the table serves the decoder.
#![cfg_attr(not(feature = "crypto"), allow(dead_code))]

pub(super) const OID_DATA: &str = "1.2.840.113549.1.7.1";
pub(super) const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub(super) const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
pub(super) const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

pub(super) const OID_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
pub(super) const OID_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
pub(super) const OID_CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
pub(super) const OID_SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
pub(super) const OID_X509_CERT: &str = "1.2.840.113549.1.9.22.1";

pub(super) const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
pub(super) const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
pub(super) const OID_MS_CSP_NAME: &str = "1.3.6.1.4.1.311.17.1";
pub(super) const OID_MS_LOCAL_KEY_SET: &str = "1.3.6.1.4.1.311.17.2";
pub(super) const OID_KEY_USAGE: &str = "2.5.29.15";

pub(super) const OID_PBES2: &str = "1.2.840.113549.1.5.13";
pub(super) const OID_PBKDF2: &str = "1.2.840.113549.1.5.12";
pub(super) const OID_PBMAC1: &str = "1.2.840.113549.1.5.14";
pub(super) const OID_SCRYPT: &str = "1.3.6.1.4.1.11591.4.11";

pub(super) const OID_RSA: &str = "1.2.840.113549.1.1.1";
pub(super) const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub(super) const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub(super) const OID_P256: &str = "1.2.840.10045.3.1.7";
pub(super) const OID_P384: &str = "1.3.132.0.34";

/// Known name of a protection-related OID, for messages.
pub(super) fn known_name(oid: &str) -> Option<&'static str> {
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
pub(super) fn describe_oid(oid: &str) -> String {
    match known_name(oid) {
        Some(name) => format!("{name} ({oid})"),
        None => format!("unknown algorithm {oid}"),
    }
}
