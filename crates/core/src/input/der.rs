//! Shape of a binary DER input, before committing to a decoder.

use der::{Decode, Header, Reader, SliceReader};

/// What a DER SEQUENCE looks like from the outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerShape {
    /// A complete SEQUENCE of `len` bytes (header included): a certificate,
    /// a bundle or something else — the decoders tell.
    Complete {
        /// Bytes of the SEQUENCE, header included.
        len: usize,
    },
    /// The outer header promises more bytes than the input has.
    Truncated {
        /// Bytes the header announces, header included.
        declared: usize,
        /// Bytes present.
        available: usize,
    },
    /// Not DER at all.
    NotDer,
}

/// Look at the outer structure of `bytes`.
pub fn classify(bytes: &[u8]) -> DerShape {
    let Ok(mut reader) = SliceReader::new(bytes) else {
        return DerShape::NotDer;
    };
    let Ok(header) = Header::decode(&mut reader) else {
        return DerShape::NotDer;
    };
    if header.tag != der::Tag::Sequence {
        return DerShape::NotDer;
    }
    let header_len = usize::try_from(reader.position()).unwrap_or(usize::MAX);
    let body_len = usize::try_from(header.length).unwrap_or(usize::MAX);
    let declared = header_len.saturating_add(body_len);
    if declared > bytes.len() {
        return DerShape::Truncated {
            declared,
            available: bytes.len(),
        };
    }
    DerShape::Complete { len: declared }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_sequence_reports_sizes() {
        let bytes = [0x30, 0x82, 0x01, 0x00, 0x30, 0x00];
        assert_eq!(
            classify(&bytes),
            DerShape::Truncated {
                declared: 260,
                available: 6
            }
        );
    }

    #[test]
    fn non_sequence_is_not_der() {
        assert_eq!(classify(b"hello"), DerShape::NotDer);
        assert_eq!(classify(&[]), DerShape::NotDer);
    }

    #[test]
    fn empty_sequence_is_complete() {
        assert_eq!(classify(&[0x30, 0x00]), DerShape::Complete { len: 2 });
    }
}
