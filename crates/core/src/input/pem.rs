//! PEM text (one or many blocks, any text around them, CRLF or LF, with or
//! without a final newline) and bare base64.

use super::{pkcs7, DecodedInput, InputFormat};
use crate::catalogue::Rule;
use crate::finding::Finding;
use base64::Engine;

/// Why a PEM block cannot be read. The variant names are the words the
/// damaged-block message shows (`{:?}`), as x509-parser's PEM reader names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PEMError {
    /// The `-----BEGIN` line does not end its label with `-----`.
    InvalidHeader,
    /// No `-----END` line follows.
    IncompletePEM,
    /// The content is not strict padded base64.
    Base64DecodeError,
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";

/// Where `marker` (which starts with '-') first occurs in `text`: a scan for
/// '-' (base64 has none) rather than a substring search.
fn find_marker(text: &str, marker: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + text.get(from..)?.find('-')?;
        if text[at..].starts_with(marker) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Does the text hold a PEM `-----BEGIN ...-----` line (only whitespace
/// before it on its line)? Each byte is looked at a bounded number of times,
/// however many markers a line holds.
pub fn has_pem_block(text: &str) -> bool {
    let mut from = 0;
    // The line of the last marker seen: where it starts, and where its first
    // character other than whitespace is.
    let mut line_start = usize::MAX;
    let mut first_char = 0;
    while let Some(at) = text.get(from..).and_then(|t| find_marker(t, BEGIN)) {
        let at = from + at;
        let start = text[from..at].rfind('\n').map_or(
            if line_start == usize::MAX {
                0
            } else {
                line_start
            },
            |i| from + i + 1,
        );
        if start != line_start {
            line_start = start;
            first_char = text[start..]
                .find(|c: char| !c.is_whitespace() || c == '\n')
                .map_or(text.len(), |i| start + i);
        }
        if first_char == at {
            return true;
        }
        from = at + BEGIN.len();
    }
    false
}

/// The lines of `text` (split at LF, a final LF ends the last line rather
/// than starting an empty one), each trimmed: pasted PEM is often indented
/// (mail, tickets), and PEM lines carry no meaningful surrounding space.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the next line.
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let (line, used) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += used;
        Some(line.trim())
    }
}

/// Base64 value of each byte: 0..=63 for the standard alphabet, [`PAD`] for
/// `=`, [`BAD`] for anything else.
const B64: [u8; 256] = {
    let mut t = [BAD; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b'=' as usize] = PAD;
    t
};
const PAD: u8 = 0x40;
const BAD: u8 = 0x80;

/// Each symbol's six bits placed for its position in a group of four
/// (`GROUP[k][byte]`), and [`NOT_SYMBOL`] for any other byte, so that a
/// group decodes to the OR of four lookups.
const GROUP: [[u32; 256]; 4] = {
    let mut t = [[NOT_SYMBOL; 256]; 4];
    let mut b = 0;
    while b < 256 {
        if B64[b] < PAD {
            let v = B64[b] as u32;
            t[0][b] = v << 18;
            t[1][b] = v << 12;
            t[2][b] = v << 6;
            t[3][b] = v;
        }
        b += 1;
    }
    t
};
const NOT_SYMBOL: u32 = 1 << 31;

/// Strict padded base64 decoded group by group into one buffer, fed line by
/// line: four symbols, or two or three followed by `=` padding with zero
/// trailing bits (a padded group may be followed by more groups, as when
/// encodings are concatenated). Any other group, or a final partial group,
/// makes the whole input invalid.
struct Base64<'o> {
    out: &'o mut Vec<u8>,
    group: [u8; 4],
    filled: usize,
    valid: bool,
}

impl<'o> Base64<'o> {
    fn new(out: &'o mut Vec<u8>) -> Self {
        Base64 {
            out,
            group: [0; 4],
            filled: 0,
            valid: true,
        }
    }

    /// Decode the whole groups of four symbols at the start of `input` when
    /// no partial group is pending; returns how many bytes were decoded.
    fn whole_groups(&mut self, input: &[u8]) -> usize {
        if self.filled != 0 || !self.valid {
            return 0;
        }
        // Up to sixteen groups (a 64-character line) at a time into a local
        // buffer, appended to the output at once.
        let mut used = 0;
        let mut buf = [0u8; 49];
        for run in input.chunks(64) {
            let mut n = 0;
            for g in run.chunks_exact(4) {
                let x = GROUP[0][usize::from(g[0])]
                    | GROUP[1][usize::from(g[1])]
                    | GROUP[2][usize::from(g[2])]
                    | GROUP[3][usize::from(g[3])];
                if x & NOT_SYMBOL != 0 {
                    break;
                }
                // The three bytes, and one more that the next group overwrites.
                buf[n..n + 4].copy_from_slice(&(x << 8).to_be_bytes());
                n += 3;
            }
            self.out.extend_from_slice(&buf[..n]);
            used += n / 3 * 4;
            if n < 48 {
                break;
            }
        }
        used
    }

    fn feed(&mut self, mut input: &[u8]) {
        if !self.valid {
            return;
        }
        // Complete a group split across lines.
        while self.filled > 0 {
            let Some((&b, rest)) = input.split_first() else {
                return;
            };
            self.group[self.filled] = b;
            self.filled += 1;
            input = rest;
            if self.filled == 4 {
                self.filled = 0;
                self.group(self.group);
                if !self.valid {
                    return;
                }
            }
        }
        let mut groups = input.chunks_exact(4);
        for g in &mut groups {
            let [a, b, c, d] = [
                B64[g[0] as usize],
                B64[g[1] as usize],
                B64[g[2] as usize],
                B64[g[3] as usize],
            ];
            if (a | b | c | d) < PAD {
                let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
                self.out.extend_from_slice(&n.to_be_bytes()[1..]);
            } else {
                self.group([g[0], g[1], g[2], g[3]]);
                if !self.valid {
                    return;
                }
            }
        }
        let rest = groups.remainder();
        self.group[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// One group of four characters.
    fn group(&mut self, group: [u8; 4]) {
        let v = group.map(|b| B64[b as usize]);
        let padding = v.iter().rev().take_while(|&&x| x == PAD).count();
        let symbols = &v[..4 - padding];
        if symbols.iter().any(|&x| x >= PAD) {
            self.valid = false;
            return;
        }
        let n = symbols
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &x)| n | u32::from(x) << (18 - 6 * i));
        let bytes = n.to_be_bytes();
        match padding {
            0 => self.out.extend_from_slice(&bytes[1..]),
            // Two symbols carry one byte and four spare bits, three carry two
            // bytes and two spare bits; the spare bits must be zero.
            2 if n & 0xFFFF == 0 => self.out.push(bytes[1]),
            1 if n & 0xFF == 0 => self.out.extend_from_slice(&bytes[1..3]),
            _ => self.valid = false,
        }
    }

    fn finish(self) -> bool {
        self.valid && self.filled == 0
    }
}

/// The PEM blocks of a text, in order: each `-----BEGIN` line (after
/// trimming) starts one, which ends at the next `-----END` line. Text around
/// blocks is skipped; a damaged block is an error and the next one is read.
struct Blocks<'a> {
    lines: Lines<'a>,
}

impl<'a> Blocks<'a> {
    fn new(text: &'a str) -> Self {
        Blocks {
            lines: Lines { text, pos: 0 },
        }
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Result<(&'a str, Vec<u8>), PEMError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = self.lines.next()?;
            if line.starts_with(BEGIN) {
                return Some(read_block(line, &mut self.lines));
            }
        }
    }
}

/// The block after its `-----BEGIN` line `header`: its label and content,
/// read up to the next `-----END` line (whose label is not compared).
fn read_block<'a>(header: &'a str, lines: &mut Lines<'_>) -> Result<(&'a str, Vec<u8>), PEMError> {
    // `-----BEGIN LABEL-----`: the label ends at its first '-'.
    let inner = &header[5..];
    let label = match find_marker(inner, "-----") {
        Some(end) => inner[..end].strip_prefix("BEGIN ").unwrap_or_default(),
        None => return Err(PEMError::InvalidHeader),
    };
    let label = label.split('-').next().unwrap_or_default();
    // The content ends before the first "-----END ": its size bounds the
    // decoded size, so the buffer is allocated once.
    let text = lines.text;
    let body = text
        .get(lines.pos..)
        .and_then(|t| find_marker(t, END))
        .unwrap_or(0);
    let mut der = Vec::with_capacity(body / 4 * 3 + 3);
    let mut base64 = Base64::new(&mut der);
    loop {
        // A line that starts with whole groups of symbols (every line of a
        // well-formed block) is decoded in place up to its first other byte;
        // the rest of the line is trimmed and fed as usual.
        let start = lines.pos;
        let used = text
            .as_bytes()
            .get(start..)
            .map_or(0, |rest| base64.whole_groups(rest));
        if used == 0 {
            match lines.next() {
                None => return Err(PEMError::IncompletePEM),
                Some(line) if line.starts_with(END) => break,
                Some(line) => base64.feed(line.as_bytes()),
            }
            continue;
        }
        let rest = &text[start + used..];
        let end = rest.bytes().position(|b| b == b'\n');
        lines.pos = start + used + end.map_or(rest.len(), |i| i + 1);
        base64.feed(rest[..end.unwrap_or(rest.len())].trim_end().as_bytes());
    }
    if base64.finish() {
        Ok((label, der))
    } else {
        Err(PEMError::Base64DecodeError)
    }
}

/// Decode every PEM block of `text`.
pub fn decode(name: &str, text: &str, password: Option<&str>) -> DecodedInput {
    let mut out = DecodedInput::new(InputFormat::Pem);
    let mut only_pkcs7 = true;
    for (n, block) in Blocks::new(text).enumerate() {
        let (label, contents) = match block {
            Ok(block) => block,
            Err(e) => {
                out.problems.push(Finding::new(
                    Rule::InputMalformed,
                    format!(
                        "PEM block {} of '{name}' is damaged ({e:?}): a line was lost or altered.",
                        n + 1
                    ),
                ));
                continue;
            }
        };
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                only_pkcs7 = false;
                #[cfg(feature = "crypto")]
                out.add_der_certificate(contents, "PEM certificate block");
                #[cfg(not(feature = "crypto"))]
                super::light::certificate_block(&mut out, name);
            }
            "PKCS7" | "CMS" | "CERTIFICATE CHAIN" => {
                let inner = pkcs7::decode(name, &contents);
                out.certificates.extend(inner.certificates);
                out.problems.extend(inner.problems);
            }
            "PKCS12" => {
                only_pkcs7 = false;
                let inner = super::decode_pkcs12(name, &contents, password);
                out.certificates.extend(inner.certificates);
                out.keys.extend(inner.keys);
                out.protection.extend(inner.protection);
                out.problems.extend(inner.problems);
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                only_pkcs7 = false;
                out.problems.push(Finding::new(
                    Rule::InputUnrecognized,
                    format!("'{name}' holds a certificate request (CSR), not a certificate: submit it to the CA and check the certificate it issues."),
                ));
            }
            // Private keys sit next to certificates in PEM bundles (SQL Server on
            // Linux uses a separate key file): read for pairing with a certificate.
            label if label.ends_with("PRIVATE KEY") => {
                only_pkcs7 = false;
                #[cfg(not(feature = "crypto"))]
                out.problems
                    .push(super::light::needs_full_module(name, "a private key"));
                #[cfg(feature = "crypto")]
                match super::pkcs12::decode_pem_key(label, &contents, password) {
                    Ok(key) => out.keys.push(key),
                    Err(e) => {
                        let rule = match e {
                            super::pkcs12::Pkcs12Error::PasswordRequired => {
                                Rule::InputPfxPasswordRequired
                            }
                            super::pkcs12::Pkcs12Error::WrongPassword => {
                                Rule::InputPfxWrongPassword
                            }
                            super::pkcs12::Pkcs12Error::UnsupportedAlgorithm(_) => {
                                Rule::InputPfxUnsupportedAlgorithm
                            }
                            _ => Rule::InputMalformed,
                        };
                        out.problems.push(Finding::new(
                            rule,
                            format!("The private key in '{name}' could not be read: {e}."),
                        ));
                    }
                }
            }
            other => {
                only_pkcs7 = false;
                out.problems.push(Finding::new(
                    Rule::InputUnrecognized,
                    format!(
                        "'{name}' has a PEM block labelled '{other}', which is not a certificate."
                    ),
                ));
            }
        }
    }
    if only_pkcs7 && !out.certificates.is_empty() {
        out.format = InputFormat::Pkcs7Pem;
    }
    out
}

/// Bare base64 (no PEM lines) long enough to be a certificate: the decoded bytes.
pub fn bare_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 64
        || !compact
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
    {
        return None;
    }
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::pem::Pem;

    type Block = Result<(String, Vec<u8>), String>;

    /// The blocks as read before this decoder: the trimmed lines joined with
    /// LF, through x509-parser's PEM reader.
    fn reference(text: &str) -> Vec<Block> {
        let normalized = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
        Pem::iter_from_buffer(normalized.as_bytes())
            .map(|b| {
                b.map(|p| (p.label, p.contents))
                    .map_err(|e| format!("{e:?}"))
            })
            .collect()
    }

    fn blocks(text: &str) -> Vec<Block> {
        Blocks::new(text)
            .map(|b| {
                b.map(|(l, c)| (l.to_string(), c))
                    .map_err(|e| format!("{e:?}"))
            })
            .collect()
    }

    fn reference_has_pem_block(text: &str) -> bool {
        text.lines().any(|l| l.trim_start().starts_with(BEGIN))
    }

    /// SplitMix64, for reproducible mutations.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn blocks_match_the_x509_parser_reader_on_damaged_text() {
        let fixtures = [
            "certs/good.pem",
            "certs/good-with-ca.pem",
            "certs/good-chain-pem.p7b",
            "certs/good-crlf.cer",
            "certs/ecdsa.pem",
        ];
        let pieces = [
            "=",
            "==",
            " ",
            "\n",
            "\r\n",
            "\r",
            "-",
            "A",
            "AA",
            "Q",
            "+/",
            "\t",
            "\u{a0}",
            "é",
            "-----END X-----\n",
            "-----BEGIN Y-----\n",
            "-----BEGIN Z\n",
            "\n-----BEGIN W-X-----",
            "\n  -----END CERTIFICATE-----  \n",
            "-----BEGIN ",
            "-----END ",
            "AB==\n",
            "ABC=",
        ];
        let mut rng = Rng(7);
        let mut checked = 0;
        for name in fixtures {
            let original = sqltls_fixtures::text(name);
            assert_eq!(blocks(&original), reference(&original), "{name}");
            for _ in 0..400 {
                let mut text = original.clone();
                for _ in 0..=rng.below(3) {
                    let mut at = rng.below(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    match rng.below(4) {
                        0 => {
                            let mut end = (at + 1 + rng.below(80)).min(text.len());
                            while !text.is_char_boundary(end) {
                                end += 1;
                            }
                            text.replace_range(at..end, "");
                        }
                        1 => {
                            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                            text.insert_str(line_start, "   ");
                        }
                        _ => text.insert_str(at, pieces[rng.below(pieces.len())]),
                    }
                }
                assert_eq!(blocks(&text), reference(&text), "{name}: {text:?}");
                assert_eq!(
                    has_pem_block(&text),
                    reference_has_pem_block(&text),
                    "{text:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 2000);
    }

    #[test]
    fn many_markers_on_long_lines_stay_linear() {
        // Quadratic scans of these would take minutes.
        let spaces = " ".repeat(2 << 20);
        let text = format!("{spaces}x{}", "-----BEGIN ".repeat(200_000));
        assert!(!has_pem_block(&text));
        assert!(has_pem_block(&format!("{text}\n  -----BEGIN X-----")));
        let text = "-----BEGIN X-----\n".repeat(200_000);
        assert_eq!(blocks(&text).len(), 1);
        let text = format!("-----BEGIN X-----\n{}", "x-----END ".repeat(200_000));
        assert_eq!(blocks(&text).len(), 1);
    }

    #[test]
    fn base64_groups_follow_the_strict_padded_alphabet() {
        let cases = [
            "",
            "QQ==",
            "QUI=",
            "QUJD",
            "QUJDRA==",
            "QQ==QUI=",
            "QR==",
            "QUJ=",
            "Q===",
            "====",
            "QUJ",
            "QU=D",
            "QY==",
            "QUK=",
            "QUL=",
            "QUM=",
            "Q\u{0}==",
            "QUJD\nRA==",
        ];
        for case in cases {
            let text = format!("-----BEGIN X-----\n{case}\n-----END X-----\n");
            assert_eq!(blocks(&text), reference(&text), "{case:?}");
        }
    }
}
