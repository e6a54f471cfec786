//! Thumbprints and fingerprints as Windows shows them, and tolerant matching
//! of thumbprints people paste (any case, spaces, colons, invisible marks).

use sha1::{Digest, Sha1};
use sha2::Sha256;

/// Uppercase hex without separators.
pub fn hex_upper(bytes: &[u8]) -> String {
    /// The two digits of each byte value.
    const PAIRS: [[u8; 2]; 256] = {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut t = [[0u8; 2]; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = [HEX[i >> 4], HEX[i & 15]];
            i += 1;
        }
        t
    };
    let mut s = vec![0u8; bytes.len() * 2];
    for (pair, b) in s.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&PAIRS[usize::from(*b)]);
    }
    // Only ASCII hex digits were written.
    String::from_utf8(s).unwrap_or_default()
}

/// SHA-1 thumbprint of DER bytes: 40 uppercase hex digits, as in the Windows
/// certificate dialog, `certutil` and the SQL Server registry.
pub fn sha1_hex(der: &[u8]) -> String {
    hex_upper(&Sha1::digest(der))
}

/// SHA-256 fingerprint of DER bytes: 64 uppercase hex digits.
pub fn sha256_hex(der: &[u8]) -> String {
    hex_upper(&Sha256::digest(der))
}

/// Normalise a pasted thumbprint: keep hex digits only, uppercase. Spaces,
/// colons and invisible characters (U+200E left-to-right mark, U+FEFF) are
/// dropped. Returns `None` unless exactly 40 hex digits remain.
pub fn normalize(text: &str) -> Option<String> {
    let mut hex = String::with_capacity(40);
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, ':' | '-' | '\u{200e}' | '\u{200f}' | '\u{feff}') {
            continue;
        }
        if !c.is_ascii_hexdigit() || hex.len() == 40 {
            return None;
        }
        hex.push(c.to_ascii_uppercase());
    }
    (hex.len() == 40).then_some(hex)
}

/// Do two thumbprints name the same certificate, ignoring case and spacing?
pub fn same(a: &str, b: &str) -> bool {
    matches!((normalize(a), normalize(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_known_vectors() {
        assert_eq!(sha1_hex(b"abc"), "A9993E364706816ABA3E25717850C26C9CD0D89D");
        assert_eq!(
            sha256_hex(b"abc"),
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        );
    }

    #[test]
    fn matching_ignores_case_spacing_and_invisible_marks() {
        let t = "A9993E364706816ABA3E25717850C26C9CD0D89D";
        assert!(same(
            t,
            "a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d"
        ));
        assert!(same(t, "\u{200e}a9993e364706816aba3e25717850c26c9cd0d89d"));
        assert!(!same(t, "A9993E364706816ABA3E25717850C26C9CD0D89E"));
        assert_eq!(normalize("1234"), None);
    }

    #[test]
    fn normalize_agrees_with_a_plain_filter() {
        let plain = |text: &str| {
            let hex: String = text
                .chars()
                .filter(|c| {
                    !c.is_whitespace()
                        && !matches!(c, ':' | '-' | '\u{200e}' | '\u{200f}' | '\u{feff}')
                })
                .collect();
            (hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| hex.to_ascii_uppercase())
        };
        let t = "a9993e364706816aba3e25717850c26c9cd0d89d";
        for text in [
            t.to_string(),
            format!("{t}0"),
            t[..39].to_string(),
            format!(" {}:{} ", &t[..20], &t[20..]),
            format!("{}é{}", &t[..20], &t[20..]),
            format!("{}g", &t[..39]),
            format!("\u{feff}{t}\u{200f}"),
            String::new(),
        ] {
            assert_eq!(normalize(&text), plain(&text), "{text:?}");
        }
        assert_eq!(hex_upper(&[0x00, 0x0F, 0xA5, 0xFF]), "000FA5FF");
        assert_eq!(hex_upper(&[]), "");
    }
}
