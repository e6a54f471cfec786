//! Opening a PKCS#7 bundle (the `crypto` feature: the CMS decoder).

use crate::catalogue::Rule;
use crate::finding::Finding;
use crate::input::{DecodedInput, InputFormat, MAX_CERTIFICATES};
use cms::content_info::ContentInfo;
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use std::collections::BTreeSet;

/// `certificates [0] IMPLICIT CertificateSet` of SignedData.
const CERTIFICATES: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N0,
};

/// OID of CMS signedData.
const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";

/// Decode the certificates of a DER PKCS#7 bundle.
pub fn decode(name: &str, bytes: &[u8]) -> DecodedInput {
    let mut out = DecodedInput::new(InputFormat::Pkcs7);
    // Some tools write PKCS#7 in BER (indefinite lengths); normalise to DER first.
    let normalized;
    let der_bytes = match ContentInfo::from_der(bytes) {
        Ok(_) => bytes,
        Err(_) => match crate::input::pkcs12::ber::normalise_with(bytes, "PKCS#7", true) {
            Ok(d) => {
                normalized = d;
                &normalized
            }
            Err(_) => bytes,
        },
    };
    let info = ContentInfo::from_der(der_bytes).map_err(|e| e.to_string());
    let certs = info.as_ref().map_err(Clone::clone).and_then(|ci| {
        if ci.content_type.to_string() != SIGNED_DATA {
            return Err(format!(
                "content type {} is not signedData",
                ci.content_type
            ));
        }
        if ci.content.tag() != Tag::Sequence {
            return Err("signedData is not a SEQUENCE".into());
        }
        certificate_elements(ci.content.value()).map_err(|e| e.to_string())
    });
    let elements = match certs {
        Ok(s) => s,
        Err(e) => {
            out.problems.push(Finding::new(
                Rule::InputMalformed,
                format!("'{name}' looks like a PKCS#7 bundle but cannot be read: {e}."),
            ));
            return out;
        }
    };
    // The same certificate may be listed more than once (openssl writes one
    // copy per occurrence): keep the first, in file order. One past the
    // certificate limit is kept so the limit is reported.
    let mut seen = BTreeSet::new();
    let ders: Vec<&[u8]> = elements
        .into_iter()
        .filter(|der| seen.insert(*der))
        .take(MAX_CERTIFICATES + 1)
        .collect();
    if ders.is_empty() {
        out.problems.push(Finding::new(
            Rule::InputUnrecognized,
            format!("'{name}' is a PKCS#7 bundle that holds no certificate."),
        ));
    }
    out.add_der_certificates(ders, "certificate in the PKCS#7 bundle");
    out
}

/// The DER of each certificate in a SignedData's `certificates` SET, in file
/// order, found by walking the elements (a decoder that sorts the SET would
/// be quadratic in its size, and rejects repeated certificates). Other
/// certificate choices (attribute and other certificates) are skipped.
///
/// `signed_data` is the content of SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo
/// SEQUENCE, certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1]
/// IMPLICIT OPTIONAL, signerInfos SET }
fn certificate_elements(signed_data: &[u8]) -> der::Result<Vec<&[u8]>> {
    let mut seq = SliceReader::new(signed_data)?;
    let version = AnyRef::decode(&mut seq)?;
    if version.tag() != Tag::Integer {
        return Err(version.tag().unexpected_error(Some(Tag::Integer)));
    }
    let digests = AnyRef::decode(&mut seq)?;
    if digests.tag() != Tag::Set {
        return Err(digests.tag().unexpected_error(Some(Tag::Set)));
    }
    let encap = AnyRef::decode(&mut seq)?;
    if encap.tag() != Tag::Sequence {
        return Err(encap.tag().unexpected_error(Some(Tag::Sequence)));
    }
    let mut body = None;
    while !seq.is_finished() {
        let field = AnyRef::decode(&mut seq)?;
        if field.tag() == CERTIFICATES && body.is_none() {
            body = Some(field.value());
        }
    }
    let Some(set) = body else {
        return Ok(Vec::new());
    };
    let mut reader = SliceReader::new(set)?;
    let mut found = Vec::new();
    while !reader.is_finished() {
        let start = usize::try_from(reader.position())?;
        let element = AnyRef::decode(&mut reader)?;
        let end = usize::try_from(reader.position())?;
        if element.tag() == Tag::Sequence {
            found.push(
                set.get(start..end)
                    .ok_or_else(|| reader.error(der::ErrorKind::Overlength))?,
            );
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DER bundle re-encoded with an indefinite-length outer SEQUENCE (BER).
    #[test]
    fn reads_ber_indefinite_length_bundles() {
        let der = include_bytes!("../../../../../tests/fixtures/certs/good-chain.p7b");
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
        let der = include_bytes!("../../../../../tests/fixtures/certs/good-chain.p7b");
        for cut in [20, der.len() / 2, der.len() - 1] {
            let d = decode("cut.p7b", &der[..cut]);
            assert!(d.certificates.is_empty());
            assert_eq!(d.problems[0].id, "input.malformed");
        }
    }
}
