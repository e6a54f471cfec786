//! PKCS#7 / CMS certificates-only bundles (.p7b, .p7c), as Windows exports a
//! chain and as `openssl crl2pkcs7` writes one.

#[cfg(feature = "crypto")]
mod open;
#[cfg(feature = "crypto")]
pub use open::decode;

/// Is this a ContentInfo of type signedData? Reads only the first bytes.
pub fn looks_like_pkcs7(bytes: &[u8]) -> bool {
    // SEQUENCE { OID 1.2.840.113549.1.7.2, ... }: the OID's DER is fixed.
    const OID_DER: [u8; 11] = [
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
    ];
    let head = &bytes[..bytes.len().min(32)];
    head.windows(OID_DER.len()).take(6).any(|w| w == OID_DER)
}

/// A DER PKCS#7 bundle: recognised, not opened (`input.needs-full-module`).
#[cfg(not(feature = "crypto"))]
pub fn decode(name: &str, _bytes: &[u8]) -> super::DecodedInput {
    super::light::pkcs7(name)
}
