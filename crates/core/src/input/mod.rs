//! Decoding: bytes and a file name in, certificates and keys out. The format
//! is detected from the content, never from the extension. Parsing is not
//! policy: decoders only build models, and record what they could not read as
//! `input.*` findings.

pub mod der;
#[cfg(not(feature = "crypto"))]
mod light;
pub mod pem;
pub mod pkcs12;
pub mod pkcs7;
pub mod text;

use crate::catalogue::Rule;
use crate::cert::CertificateInfo;
use crate::finding::Finding;
use serde::{Deserialize, Serialize};

/// Largest input accepted, in bytes. Certificates and bundles are kilobytes;
/// anything this large is not one.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Largest number of certificates read from one input.
pub const MAX_CERTIFICATES: usize = 500;

/// The format an input was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// PEM text with one or more blocks.
    Pem,
    /// A single DER certificate.
    Der,
    /// Base64 of a DER structure without PEM header lines.
    Base64,
    /// PKCS#7 / CMS certificates-only bundle (.p7b, .p7c), DER.
    Pkcs7,
    /// PKCS#7 bundle in PEM (`BEGIN PKCS7`).
    Pkcs7Pem,
    /// PKCS#12 (.pfx, .p12).
    Pkcs12,
    /// Text that holds no certificate.
    Text,
    /// Zero bytes.
    Empty,
    /// Nothing recognisable.
    Unknown,
}

/// What one input decoded to.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedInput {
    /// Detected format.
    pub format: InputFormat,
    /// Certificates found, in file order.
    pub certificates: Vec<CertificateInfo>,
    /// Private keys found (PKCS#12 only).
    pub keys: Vec<pkcs12::Pkcs12Key>,
    /// Protection algorithms of a PKCS#12 file.
    pub protection: Vec<String>,
    /// Problems met while decoding (`input.*` findings, not yet tied to an input index).
    pub problems: Vec<Finding>,
    /// The text of an input that holds no certificate (an ERRORLOG, a registry
    /// export, an error message...), for the evidence analysis.
    pub text: Option<String>,
}

impl DecodedInput {
    fn new(format: InputFormat) -> Self {
        DecodedInput {
            format,
            certificates: Vec::new(),
            keys: Vec::new(),
            protection: Vec::new(),
            problems: Vec::new(),
            text: None,
        }
    }

    fn problem(mut self, finding: Finding) -> Self {
        self.problems.push(finding);
        self
    }

    /// Decode DER certificates into this input, recording any that fail.
    #[cfg(feature = "crypto")]
    fn add_der_certificates<'a>(&mut self, ders: impl IntoIterator<Item = &'a [u8]>, what: &str) {
        for der in ders {
            if !self.room_for_certificate() {
                return;
            }
            self.add_decoded(CertificateInfo::from_der(der), what);
        }
    }

    /// Decode one DER certificate into this input, keeping `der` as its
    /// bytes (no copy), or record why it fails.
    #[cfg(feature = "crypto")]
    fn add_der_certificate(&mut self, der: Vec<u8>, what: &str) {
        if self.room_for_certificate() {
            self.add_decoded(CertificateInfo::from_der_vec(der), what);
        }
    }

    /// Below [`MAX_CERTIFICATES`]? If not, say that only the first were read.
    #[cfg(feature = "crypto")]
    fn room_for_certificate(&mut self) -> bool {
        if self.certificates.len() < MAX_CERTIFICATES {
            return true;
        }
        self.problems.push(Finding::new(
            Rule::InputTooLarge,
            format!("Only the first {MAX_CERTIFICATES} certificates were read."),
        ));
        false
    }

    #[cfg(feature = "crypto")]
    fn add_decoded(&mut self, decoded: Result<CertificateInfo, String>, what: &str) {
        match decoded {
            Ok(c) => {
                // Most inputs hold one certificate: room for one first, not
                // the usual four (a block of over 2 KiB that the allocator
                // serves on a slower path).
                if self.certificates.capacity() == 0 {
                    self.certificates.reserve_exact(1);
                }
                self.certificates.push(c)
            }
            Err(e) => self.problems.push(Finding::new(
                Rule::InputMalformed,
                format!("A {what} could not be decoded as an X.509 certificate: {e}."),
            )),
        }
    }
}

/// Decode one input. `name` is only used in messages; `password` opens PKCS#12.
pub fn decode(name: &str, bytes: &[u8], password: Option<&str>) -> DecodedInput {
    if bytes.is_empty() {
        return DecodedInput::new(InputFormat::Empty).problem(Finding::new(
            Rule::InputEmpty,
            format!("'{name}' is empty (0 bytes)."),
        ));
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return DecodedInput::new(InputFormat::Unknown).problem(Finding::new(
            Rule::InputTooLarge,
            format!(
                "'{name}' is {} bytes; inputs above {} bytes are not read.",
                bytes.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    let mut decoded = decode_bytes(name, bytes, password, 0);
    let san_problems: Vec<Finding> = decoded
        .certificates
        .iter()
        .filter_map(|c| {
            let problem = c.san_problem.as_deref()?;
            Some(Finding::new(
                Rule::InputMalformed,
                format!(
                    "'{}' in '{name}': {problem}. Its names cannot be read from it, so no client can match a server name against it.",
                    c.label()
                ),
            ))
        })
        .collect();
    decoded.problems.extend(san_problems);
    decoded
}

fn decode_bytes(name: &str, bytes: &[u8], password: Option<&str>, depth: u8) -> DecodedInput {
    // Binary ASN.1 starts with a SEQUENCE; text may too ('0' is 0x30), so
    // only take the binary path when the bytes hold a DER header.
    if bytes.first() == Some(&0x30) {
        let shape = der::classify(bytes);
        if shape != der::DerShape::NotDer {
            return decode_binary(name, bytes, password, shape);
        }
    }
    match text::decode_borrowed(bytes, text::Invalid::Reject) {
        Some(text) if pem::has_pem_block(&text) => pem::decode(name, &text, password),
        Some(text) => match pem::bare_base64(&text) {
            Some(der) if depth == 0 && der.first() == Some(&0x30) => {
                let mut inner = decode_bytes(name, &der, password, depth + 1);
                if matches!(
                    inner.format,
                    InputFormat::Der | InputFormat::Pkcs7 | InputFormat::Pkcs12
                ) {
                    inner.format = InputFormat::Base64;
                }
                inner
            }
            _ => DecodedInput {
                text: Some(text.into_owned()),
                ..DecodedInput::new(InputFormat::Text)
            },
        },
        None => DecodedInput::new(InputFormat::Unknown).problem(unrecognized(name)),
    }
}

/// Binary input starting with an ASN.1 SEQUENCE: PKCS#12, X.509 or PKCS#7.
fn decode_binary(
    name: &str,
    bytes: &[u8],
    password: Option<&str>,
    shape: der::DerShape,
) -> DecodedInput {
    if pkcs12::looks_like_pkcs12(bytes) {
        return decode_pkcs12(name, bytes, password);
    }
    if pkcs7::looks_like_pkcs7(bytes) {
        return pkcs7::decode(name, bytes);
    }
    match shape {
        #[cfg(not(feature = "crypto"))]
        der::DerShape::Complete { .. } => light::der(name),
        #[cfg(feature = "crypto")]
        der::DerShape::Complete { len } => match CertificateInfo::from_der(bytes.get(..len).unwrap_or(bytes)) {
            Ok(cert) => DecodedInput { certificates: vec![cert], ..DecodedInput::new(InputFormat::Der) },
            Err(_) => DecodedInput::new(InputFormat::Unknown).problem(Finding::new(
                Rule::InputMalformed,
                format!("'{name}' is DER, but neither a certificate, a PKCS#7 bundle nor a PKCS#12 file."),
            )),
        },
        der::DerShape::Truncated { declared, available } => DecodedInput::new(InputFormat::Der).problem(
            Finding::new(
                Rule::InputMalformed,
                format!(
                    "'{name}' starts like DER but is cut short: its header announces {declared} bytes and only {available} are there. The file was truncated during copy or download."
                ),
            ),
        ),
        der::DerShape::NotDer => DecodedInput::new(InputFormat::Unknown).problem(unrecognized(name)),
    }
}

/// A PKCS#12 file: recognised, not opened (`input.needs-full-module`).
#[cfg(not(feature = "crypto"))]
pub(crate) fn decode_pkcs12(name: &str, _bytes: &[u8], _password: Option<&str>) -> DecodedInput {
    light::pkcs12(name)
}

/// Decode a PKCS#12 file into certificates and keys, or a finding.
#[cfg(feature = "crypto")]
pub(crate) fn decode_pkcs12(name: &str, bytes: &[u8], password: Option<&str>) -> DecodedInput {
    let mut out = DecodedInput::new(InputFormat::Pkcs12);
    match pkcs12::decode(bytes, password) {
        Ok(contents) => {
            out.protection = contents.algorithms.clone();
            out.add_der_certificates(
                contents.certificates.iter().map(|c| c.der.as_slice()),
                "certificate in the PKCS#12 file",
            );
            out.keys = contents.keys;
            for part in contents.unreadable_parts {
                out.problems.push(Finding::new(
                    Rule::InputPfxUnsupportedAlgorithm,
                    format!("Part of '{name}' could not be read: {part}."),
                ));
            }
            for limit in contents.limits {
                let (rule, what) = match limit {
                    pkcs12::Pkcs12Limit::Bags(what) => (Rule::InputPfxBagLimit, what),
                    pkcs12::Pkcs12Limit::Iterations(what) => (Rule::InputPfxWorkLimit, what),
                };
                out.problems
                    .push(Finding::new(rule, format!("'{name}': {what}.")));
            }
        }
        Err(e) => {
            let meta = match &e {
                pkcs12::Pkcs12Error::PasswordRequired => Rule::InputPfxPasswordRequired,
                pkcs12::Pkcs12Error::WrongPassword => Rule::InputPfxWrongPassword,
                pkcs12::Pkcs12Error::UnsupportedAlgorithm(_) => Rule::InputPfxUnsupportedAlgorithm,
                pkcs12::Pkcs12Error::IterationLimit(_) => Rule::InputPfxIterationLimit,
                pkcs12::Pkcs12Error::Malformed(_) | pkcs12::Pkcs12Error::MacMismatch => {
                    Rule::InputMalformed
                }
            };
            out.problems
                .push(Finding::new(meta, format!("'{name}': {e}")));
        }
    }
    out
}

fn unrecognized(name: &str) -> Finding {
    Finding::new(
        Rule::InputUnrecognized,
        format!(
            "'{name}' is not a certificate (PEM, DER, base64), a PKCS#7 bundle or a PKCS#12 file."
        ),
    )
}

/// The input as text, when it is text: UTF-8 (with or without BOM) or UTF-16
/// with a BOM, strictly decoded. Binary data returns `None`.
pub fn text_of(bytes: &[u8]) -> Option<String> {
    text::decode(bytes, text::Invalid::Reject)
}
