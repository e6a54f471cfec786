//! PKCS#7 / CMS certificates-only bundles (.p7b, .p7c), as Windows exports a
//! chain and as `openssl crl2pkcs7` writes one.

use super::{DecodedInput, InputFormat};
use crate::catalogue::Rule;
use crate::finding::Finding;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};

/// OID of CMS signedData.
const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";

/// Is this a ContentInfo of type signedData? Reads only the first bytes.
pub fn looks_like_pkcs7(bytes: &[u8]) -> bool {
    // SEQUENCE { OID 1.2.840.113549.1.7.2, ... }: the OID's DER is fixed.
    const OID_DER: [u8; 11] = [
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
    ];
    let head = &bytes[..bytes.len().min(32)];
    head.windows(OID_DER.len()).take(6).any(|w| w == OID_DER)
}

/// Decode the certificates of a DER PKCS#7 bundle.
pub fn decode(name: &str, bytes: &[u8]) -> DecodedInput {
    let mut out = DecodedInput::new(InputFormat::Pkcs7);
    // Some tools write PKCS#7 in BER (indefinite lengths); normalise to DER first.
    let normalized;
    let der_bytes = match ContentInfo::from_der(bytes) {
        Ok(_) => bytes,
        Err(_) => match super::pkcs12::ber::normalise_with(bytes, "PKCS#7", true) {
            Ok(d) => {
                normalized = d;
                &normalized
            }
            Err(_) => bytes,
        },
    };
    let signed = ContentInfo::from_der(der_bytes)
        .map_err(|e| e.to_string())
        .and_then(|ci| {
            if ci.content_type.to_string() != SIGNED_DATA {
                return Err(format!(
                    "content type {} is not signedData",
                    ci.content_type
                ));
            }
            ci.content
                .decode_as::<SignedData>()
                .map_err(|e| e.to_string())
        });
    let signed = match signed {
        Ok(s) => s,
        Err(e) => {
            out.problems.push(Finding::new(
                Rule::InputMalformed,
                format!("'{name}' looks like a PKCS#7 bundle but cannot be read: {e}."),
            ));
            return out;
        }
    };
    let ders: Vec<Vec<u8>> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => c.to_der().ok(),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    if ders.is_empty() {
        out.problems.push(Finding::new(
            Rule::InputUnrecognized,
            format!("'{name}' is a PKCS#7 bundle that holds no certificate."),
        ));
    }
    out.add_der_certificates(
        ders.iter().map(Vec::as_slice),
        "certificate in the PKCS#7 bundle",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DER bundle re-encoded with an indefinite-length outer SEQUENCE (BER).
    #[test]
    fn reads_ber_indefinite_length_bundles() {
        let der = include_bytes!("../../../../tests/fixtures/certs/good-chain.p7b");
        let direct = decode("good-chain.p7b", der);
        assert_eq!(direct.certificates.len(), 2);
        // Outer header: 0x30 0x82 hi lo -> 0x30 0x80 ... 0x00 0x00.
        assert_eq!(&der[..2], &[0x30, 0x82]);
        let mut ber = vec![0x30, 0x80];
        ber.extend_from_slice(&der[4..]);
        ber.extend_from_slice(&[0, 0]);
        let decoded = decode("ber.p7b", &ber);
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(decoded.certificates, direct.certificates);
    }

    #[test]
    fn damaged_bundle_is_malformed_not_a_panic() {
        let der = include_bytes!("../../../../tests/fixtures/certs/good-chain.p7b");
        for cut in [20, der.len() / 2, der.len() - 1] {
            let d = decode("cut.p7b", &der[..cut]);
            assert!(d.certificates.is_empty());
            assert_eq!(d.problems[0].id, "input.malformed");
        }
    }
}
