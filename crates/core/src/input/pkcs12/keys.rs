//! Private keys reduced to their public halves, and the Microsoft key attributes.

#[cfg(feature = "crypto")]
use super::*;

pub(super) fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    bytes.get(skip..).unwrap_or(&[])
}

#[cfg(feature = "crypto")]
pub(super) fn bit_length(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(first) => (bytes.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
        None => 0,
    }
}

/// Convert a SEC1 point to its uncompressed form on P-256 / P-384; other curves
/// and undecodable points are returned unchanged (every point, without the
/// `crypto` feature: that build decodes no private key to compare).
#[cfg(not(feature = "crypto"))]
pub(super) fn normalise_point(_curve: &str, point: &[u8]) -> Vec<u8> {
    point.to_vec()
}

/// Convert a SEC1 point to its uncompressed form on P-256 / P-384; other curves
/// and undecodable points are returned unchanged.
#[cfg(feature = "crypto")]
pub(super) fn normalise_point(curve: &str, point: &[u8]) -> Vec<u8> {
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

/// The public half of a PKCS#1 RSAPrivateKey (a PKCS#8 key's content or a
/// PEM "RSA PRIVATE KEY").
#[cfg(feature = "crypto")]
pub(super) fn rsa_public(der: &[u8]) -> Result<KeyPublic, Pkcs12Error> {
    let rsa = pkcs1::RsaPrivateKey::from_der(der).map_err(|e| malformed("RSA private key", e))?;
    let modulus = strip_zeros(rsa.modulus.as_bytes()).to_vec();
    Ok(KeyPublic::Rsa {
        bits: bit_length(&modulus),
        public_exponent: strip_zeros(rsa.public_exponent.as_bytes()).to_vec(),
        modulus,
    })
}

/// Public point for an EC secret scalar on a supported curve.
#[cfg(feature = "crypto")]
pub(super) fn derive_ec_point(curve: &str, secret: &[u8]) -> Option<Vec<u8>> {
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
#[cfg(feature = "crypto")]
pub(super) fn private_key(
    bytes: &[u8],
    mut attributes: BagAttributes,
) -> Result<Pkcs12Key, Pkcs12Error> {
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
        OID_RSA | OID_RSA_PSS => rsa_public(secret)?,
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
#[cfg(feature = "crypto")]
pub(super) fn parse_encrypted_data(
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
