//! PEM text (one or many blocks, any text around them, CRLF or LF, with or
//! without a final newline) and bare base64.

use super::{pkcs7, DecodedInput, InputFormat};
use crate::catalogue::Rule;
use crate::finding::Finding;
use base64::Engine;
use x509_parser::pem::Pem;

/// Does the text hold a PEM `-----BEGIN ...-----` line?
pub fn has_pem_block(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with("-----BEGIN "))
}

/// Decode every PEM block of `text`.
pub fn decode(name: &str, text: &str, password: Option<&str>) -> DecodedInput {
    // Pasted PEM is often indented (mail, tickets): PEM lines carry no
    // meaningful leading space, so strip it before handing the text to the parser.
    let normalized: String = text
        .lines()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = DecodedInput::new(InputFormat::Pem);
    let mut only_pkcs7 = true;
    for (n, block) in Pem::iter_from_buffer(normalized.as_bytes()).enumerate() {
        let block = match block {
            Ok(b) => b,
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
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                only_pkcs7 = false;
                out.add_der_certificates([block.contents.as_slice()], "PEM certificate block");
            }
            "PKCS7" | "CMS" | "CERTIFICATE CHAIN" => {
                let inner = pkcs7::decode(name, &block.contents);
                out.certificates.extend(inner.certificates);
                out.problems.extend(inner.problems);
            }
            "PKCS12" => {
                only_pkcs7 = false;
                let inner = super::decode_pkcs12(name, &block.contents, password);
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
            // Linux uses a separate key file); they carry no certificate facts.
            label if label.ends_with("PRIVATE KEY") => only_pkcs7 = false,
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
