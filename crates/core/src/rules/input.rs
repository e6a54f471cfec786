//! `input.*`: what could not be read. Raised by the decoders in `crate::input`.

use super::sources::SQLTLS_INPUT;
use crate::finding::{RuleMeta, Severity};

/// Nothing recognisable.
pub static UNRECOGNIZED: RuleMeta = RuleMeta {
    id: "input.unrecognized",
    severity: Severity::Warning,
    title: "Input not recognised",
    explanation: "The input is not a certificate (PEM, DER or base64), a PKCS#7 bundle (.p7b) or a PKCS#12 file (.pfx/.p12), so nothing in it could be checked.",
    fix: "Export the certificate again: from the Windows certificate dialog use \"Copy to File\" with DER or Base-64 X.509 (.CER), or export a .pfx with its private key.",
    source: SQLTLS_INPUT,
};

/// Zero bytes.
pub static EMPTY: RuleMeta = RuleMeta {
    id: "input.empty",
    severity: Severity::Warning,
    title: "Input is empty",
    explanation: "The file has no content at all; an export or a copy did not complete.",
    fix: "Export or copy the file again and check that its size is not zero.",
    source: SQLTLS_INPUT,
};

/// Recognised structure, damaged content.
pub static MALFORMED: RuleMeta = RuleMeta {
    id: "input.malformed",
    severity: Severity::Warning,
    title: "Input is damaged",
    explanation: "The input looks like a certificate, bundle or key file but its structure is broken: it was truncated, a line of a PEM block was lost, or it was converted as text when it is binary.",
    fix: "Copy the file in binary mode (not as text, not through e-mail bodies) or export it again.",
    source: SQLTLS_INPUT,
};

/// Too large.
pub static TOO_LARGE: RuleMeta = RuleMeta {
    id: "input.too-large",
    severity: Severity::Warning,
    title: "Input too large",
    explanation: "The input is far larger than any certificate, bundle or key file, so it was not read (this keeps the analysis fast and the page responsive).",
    fix: "Drop only the certificate, .p7b or .pfx files; extract the certificate from a larger archive first.",
    source: SQLTLS_INPUT,
};

/// PKCS#12 needs a password.
pub static PFX_PASSWORD_REQUIRED: RuleMeta = RuleMeta {
    id: "input.pfx-password-required",
    severity: Severity::Warning,
    title: "The .pfx needs its password",
    explanation: "The PKCS#12 file is protected by a password and the empty password does not open it. Without it neither the certificate nor the key can be read.",
    fix: "Give the export password (--password, or the password box on the page). The password is used only to open the file and never appears in any output.",
    source: SQLTLS_INPUT,
};

/// Wrong password.
pub static PFX_WRONG_PASSWORD: RuleMeta = RuleMeta {
    id: "input.pfx-wrong-password",
    severity: Severity::Warning,
    title: "Wrong .pfx password",
    explanation: "The password does not open the PKCS#12 file: its integrity check (MAC) or decryption fails with it.",
    fix: "Use the password chosen when the .pfx was exported; if it is lost, export the certificate with its private key again from the server's certificate store.",
    source: SQLTLS_INPUT,
};

/// Unsupported protection.
pub static PFX_UNSUPPORTED_ALGORITHM: RuleMeta = RuleMeta {
    id: "input.pfx-unsupported-algorithm",
    severity: Severity::Warning,
    title: ".pfx protection algorithm not supported",
    explanation: "The PKCS#12 file uses a protection scheme sqltls cannot open (for example RC4, PBMAC1 or public-key integrity mode). Windows and OpenSSL exports use AES-256 (PBES2) or 3DES, which are supported.",
    fix: "Export again with AES-256 (Windows: \"TripleDES-SHA1\" or \"AES256-SHA256\" in the export wizard; OpenSSL 3: the default, or -legacy for 3DES).",
    source: SQLTLS_INPUT,
};

/// Iteration count above the limit.
pub static PFX_ITERATION_LIMIT: RuleMeta = RuleMeta {
    id: "input.pfx-iteration-limit",
    severity: Severity::Warning,
    title: ".pfx iteration count too high to open here",
    explanation: "The PKCS#12 file asks for more password-hashing iterations than sqltls runs (1,000,000), which would freeze a browser tab for a long time. Normal exports use 2,000 to 600,000.",
    fix: "Export the .pfx again with the default settings of Windows or OpenSSL.",
    source: SQLTLS_INPUT,
};
