//! The one text decoder: files dropped on the page or given to `check`, and
//! files `sqltls scan` reads. UTF-16 (LE or BE) is recognised by its byte
//! order mark, a UTF-8 byte order mark is dropped, anything else is UTF-8.

use std::borrow::Cow;

/// What to do with bytes that are not valid in the detected encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Not text: `None` for invalid UTF-8 or UTF-16, and for text that is
    /// more than 1 % control characters (a binary file that happens to decode).
    Reject,
    /// Replace them with U+FFFD; `None` only for a binary file (a NUL byte in
    /// the first 8 KiB of a file without a UTF-16 byte order mark). For
    /// scanning source trees, where one stray byte must not hide a file.
    Replace,
}

/// How many leading bytes are checked for a NUL in [`Invalid::Replace`] mode.
pub const BINARY_SNIFF_BYTES: usize = 8192;

/// Decode `bytes` as text; see [`Invalid`] for what makes it `None`.
pub fn decode(bytes: &[u8], invalid: Invalid) -> Option<String> {
    decode_borrowed(bytes, invalid).map(Cow::into_owned)
}

/// [`decode`] without a copy when the bytes already are the text (UTF-8,
/// with or without a byte order mark): the text borrows from `bytes`.
pub fn decode_borrowed(bytes: &[u8], invalid: Invalid) -> Option<Cow<'_, str>> {
    let utf16 = |big_endian: bool, body: &[u8]| -> Option<String> {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| {
                if big_endian {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        match invalid {
            Invalid::Reject => String::from_utf16(&units).ok(),
            Invalid::Replace => Some(String::from_utf16_lossy(&units)),
        }
    };
    let text: Cow<'_, str> = if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Cow::Owned(utf16(false, body)?)
    } else if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(utf16(true, body)?)
    } else {
        if invalid == Invalid::Replace && bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
        {
            return None;
        }
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match invalid {
            Invalid::Reject => Cow::Borrowed(std::str::from_utf8(body).ok()?),
            Invalid::Replace => String::from_utf8_lossy(body),
        }
    };
    if invalid == Invalid::Reject {
        let (control, chars) = if let Some(control) = ascii_controls(text.as_bytes()) {
            (control, text.len())
        } else {
            let control = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                .count();
            (control, text.chars().count())
        };
        if control * 100 > chars {
            return None;
        }
    }
    Some(text)
}

/// Control characters other than tab, CR and LF in `bytes`, or `None` when
/// they are not all ASCII: counted per 64-byte block in byte-wide
/// accumulators (the compiler turns the block into a few vector operations).
fn ascii_controls(bytes: &[u8]) -> Option<usize> {
    let control =
        |b: u8| u8::from(((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t')) | (b == 0x7f));
    let mut blocks = bytes.chunks_exact(64);
    let mut count = 0usize;
    let mut high = 0u8;
    for block in &mut blocks {
        let (n, h) = block
            .iter()
            .fold((0u8, 0u8), |(n, h), &b| (n + control(b), h | b));
        count += usize::from(n);
        high |= h;
    }
    for &b in blocks.remainder() {
        count += usize::from(control(b));
        high |= b;
    }
    (high < 0x80).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_modes_share_the_encodings() {
        for mode in [Invalid::Reject, Invalid::Replace] {
            assert_eq!(decode(b"\xEF\xBB\xBFx=1", mode).as_deref(), Some("x=1"));
            assert_eq!(decode(b"\xFF\xFEa\0b\0", mode).as_deref(), Some("ab"));
            assert_eq!(decode(b"\xFE\xFF\0a\0b", mode).as_deref(), Some("ab"));
        }
    }

    #[test]
    fn invalid_bytes_are_rejected_or_replaced() {
        assert_eq!(decode(b"caf\xE9", Invalid::Reject), None);
        assert_eq!(
            decode(b"caf\xE9", Invalid::Replace).as_deref(),
            Some("caf\u{FFFD}")
        );
        // Unpaired surrogate in UTF-16 LE.
        assert_eq!(decode(b"\xFF\xFE\x00\xD8", Invalid::Reject), None);
        assert_eq!(
            decode(b"\xFF\xFE\x00\xD8", Invalid::Replace).as_deref(),
            Some("\u{FFFD}")
        );
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(decode(b"a\0b", Invalid::Replace), None);
        assert_eq!(decode(&[1, 2, 3, 4, 5], Invalid::Reject), None);
        assert_eq!(
            decode(b"plain\ttext\r\n", Invalid::Reject).as_deref(),
            Some("plain\ttext\r\n")
        );
    }

    #[test]
    fn control_count_matches_a_plain_count() {
        let plain = |t: &[u8]| {
            t.iter()
                .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) || b == 0x7f)
                .count()
        };
        let mut text: Vec<u8> = (0u8..0x80).cycle().take(1000).collect();
        for len in [0, 1, 63, 64, 65, 200, 1000] {
            assert_eq!(
                ascii_controls(&text[..len]),
                Some(plain(&text[..len])),
                "{len}"
            );
        }
        text.iter_mut().for_each(|b| *b = 1);
        assert_eq!(ascii_controls(&text), Some(1000));
        text[700] = 0x80;
        assert_eq!(ascii_controls(&text), None);
        text[700] = 1;
        text[999] = 0xC3;
        assert_eq!(ascii_controls(&text), None);
        assert!(matches!(
            decode_borrowed(b"\xEF\xBB\xBFx=1", Invalid::Reject),
            Some(Cow::Borrowed("x=1"))
        ));
    }
}
