//! ASN.1 structures of RFC 7292 / 5208 / 8018, decoded with `der`.

use super::*;

/// PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
#[derive(Sequence)]
pub(super) struct PfxRef<'a> {
    pub(super) version: u64,
    pub(super) auth_safe: ContentInfoRef<'a>,
    pub(super) mac_data: Option<MacDataRef<'a>>,
}

/// ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }
#[derive(Sequence, Clone, Copy)]
pub(super) struct ContentInfoRef<'a> {
    pub(super) content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) content: Option<AnyRef<'a>>,
}

/// MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
#[derive(Sequence)]
pub(super) struct MacDataRef<'a> {
    pub(super) mac: DigestInfoRef<'a>,
    pub(super) mac_salt: OctetStringRef<'a>,
    pub(super) iterations: Option<u64>,
}

/// DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
#[derive(Sequence)]
pub(super) struct DigestInfoRef<'a> {
    pub(super) algorithm: AlgorithmIdentifierRef<'a>,
    pub(super) digest: OctetStringRef<'a>,
}

/// pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
#[derive(Sequence)]
pub(super) struct Pkcs12PbeParamsRef<'a> {
    pub(super) salt: OctetStringRef<'a>,
    pub(super) iterations: u64,
}

/// EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
#[derive(Sequence)]
pub(super) struct EncryptedPrivateKeyInfoRef<'a> {
    pub(super) algorithm: AlgorithmIdentifierRef<'a>,
    pub(super) encrypted_data: OctetStringRef<'a>,
}

/// CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT ANY }
#[derive(Sequence)]
pub(super) struct CertBagRef<'a> {
    pub(super) cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub(super) cert_value: AnyRef<'a>,
}

/// OneAsymmetricKey (RFC 5958; PrivateKeyInfo of RFC 5208 is version 0 of it).
#[derive(Sequence)]
pub(super) struct OneAsymmetricKeyRef<'a> {
    pub(super) version: u8,
    pub(super) algorithm: AlgorithmIdentifierRef<'a>,
    pub(super) private_key: OctetStringRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub(super) attributes: Option<RawSet<'a>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub(super) public_key: Option<BitStringRef<'a>>,
}

/// The undecoded contents of a SET (used for `[0] IMPLICIT Attributes`).
#[derive(Clone, Copy)]
pub(super) struct RawSet<'a>(pub(super) &'a [u8]);

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
pub(super) struct Pbes2ParamsRef<'a> {
    pub(super) kdf: AlgorithmIdentifierRef<'a>,
    pub(super) encryption: AlgorithmIdentifierRef<'a>,
}

/// Attribute ::= SEQUENCE { attrType OID, attrValues SET OF ANY }
#[derive(Sequence)]
pub(super) struct AttributeRef<'a> {
    pub(super) oid: ObjectIdentifier,
    pub(super) values: AnyRef<'a>,
}

/// Split the contents of a constructed value into its elements.
pub(super) fn items(value: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(value)?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(reader.decode::<AnyRef<'_>>()?);
    }
    Ok(out)
}

pub(super) fn malformed(place: &str, err: der::Error) -> Pkcs12Error {
    Pkcs12Error::Malformed(format!("{place}: {err}"))
}
