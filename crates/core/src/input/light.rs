//! Inputs that the light build (without the `crypto` feature) does not open:
//! certificates (PEM or DER), PKCS#12 files, PKCS#7 bundles and private keys. Each is recognised and
//! named, and reported as `input.needs-full-module`: never decoded halfway,
//! so never given a wrong verdict.

use super::{DecodedInput, InputFormat};
use crate::catalogue::Rule;
use crate::finding::Finding;

/// The `input.needs-full-module` finding for `what` (a noun phrase) in `name`.
pub(super) fn needs_full_module(name: &str, what: &str) -> Finding {
    Finding::new(
        Rule::InputNeedsFullModule,
        format!("'{name}' holds {what}, which this build of sqltls does not open."),
    )
}

/// A PKCS#12 file, recognised but not opened.
pub(super) fn pkcs12(name: &str) -> DecodedInput {
    DecodedInput::new(InputFormat::Pkcs12).problem(needs_full_module(name, "a PKCS#12 file"))
}

/// A PKCS#7 bundle, recognised but not opened.
pub(super) fn pkcs7(name: &str) -> DecodedInput {
    DecodedInput::new(InputFormat::Pkcs7).problem(needs_full_module(name, "a PKCS#7 bundle"))
}

/// A DER input (a certificate, most often), recognised but not opened.
pub(super) fn der(name: &str) -> DecodedInput {
    DecodedInput::new(InputFormat::Der).problem(needs_full_module(name, "DER data (a certificate)"))
}

/// A PEM certificate block of `name`, not opened: one finding for all the
/// input's certificate blocks.
pub(super) fn certificate_block(out: &mut DecodedInput, name: &str) {
    let finding = needs_full_module(name, "a certificate");
    if !out.problems.iter().any(|f| f.message == finding.message) {
        out.problems.push(finding);
    }
}
