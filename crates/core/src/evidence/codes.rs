//! Numeric codes: HRESULT / SSPI status codes (hex, signed and unsigned
//! decimal), Windows socket errors, Schannel event ids and SQL Server error
//! numbers, each mapped to one `error.*` rule.

use crate::catalogue::Rule;

/// A 32-bit status code (HRESULT / SECURITY_STATUS / CRYPT_E_*).
#[derive(Debug, Clone, Copy)]
pub struct StatusCode {
    /// The code as an unsigned 32-bit value, e.g. `0x80090325`.
    pub value: u32,
    /// Its symbolic name, e.g. `SEC_E_UNTRUSTED_ROOT`.
    pub name: &'static str,
    /// The rule it maps to.
    pub rule: Rule,
}

/// Known status codes. Seen as `0x80090325`, `-2146893019` (SqlClient's
/// HelpLink EvtID, service error codes) or `2148074277`.
pub static STATUS_CODES: &[StatusCode] = &[
    StatusCode {
        value: 0x8009_0325,
        name: "SEC_E_UNTRUSTED_ROOT (the certificate chain was issued by an authority that is not trusted)",
        rule: Rule::ErrorUntrustedRoot,
    },
    StatusCode {
        value: 0x800B_0109,
        name: "CERT_E_UNTRUSTEDROOT (a certificate chain terminated in a root certificate which is not trusted)",
        rule: Rule::ErrorUntrustedRoot,
    },
    StatusCode {
        value: 0x8009_0322,
        name: "SEC_E_WRONG_PRINCIPAL (the target principal name is incorrect)",
        rule: Rule::ErrorNameMismatch,
    },
    StatusCode {
        value: 0x800B_010F,
        name: "CERT_E_CN_NO_MATCH (the certificate's CN name does not match the passed value)",
        rule: Rule::ErrorNameMismatch,
    },
    StatusCode {
        value: 0x8009_0328,
        name: "SEC_E_CERT_EXPIRED (the received certificate has expired)",
        rule: Rule::ErrorCertificateExpired,
    },
    StatusCode {
        value: 0x800B_0101,
        name: "CERT_E_EXPIRED (a required certificate is not within its validity period)",
        rule: Rule::ErrorCertificateExpired,
    },
    StatusCode {
        value: 0x8009_0331,
        name: "SEC_E_ALGORITHM_MISMATCH (the client and server do not possess a common algorithm)",
        rule: Rule::ErrorNoCommonAlgorithm,
    },
    StatusCode {
        value: 0x8009_2004,
        name: "CRYPT_E_NOT_FOUND (cannot find object or property)",
        rule: Rule::ErrorServerCertNotFound,
    },
    StatusCode {
        value: 0x8009_030D,
        name: "SEC_E_UNKNOWN_CREDENTIALS (the credentials supplied to the package were not recognized)",
        rule: Rule::ErrorServiceAccountNoKeyAccess,
    },
];

/// What a decimal number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A Windows socket error.
    Socket,
    /// A Windows event id from the Schannel source.
    SchannelEvent,
    /// A SQL Server error / event number.
    SqlError,
}

/// A small decimal code.
#[derive(Debug, Clone, Copy)]
pub struct NumberCode {
    /// The number.
    pub value: u32,
    /// What kind of number it is.
    pub kind: NumberKind,
    /// What it says.
    pub name: &'static str,
    /// The rule it maps to.
    pub rule: Rule,
}

/// Known decimal codes.
pub static NUMBER_CODES: &[NumberCode] = &[
    NumberCode {
        value: 10054,
        kind: NumberKind::Socket,
        name: "WSAECONNRESET: an existing connection was forcibly closed by the remote host",
        rule: Rule::ErrorConnectionForciblyClosed,
    },
    NumberCode {
        value: 36871,
        kind: NumberKind::SchannelEvent,
        name: "a fatal error occurred while creating a TLS credential (usually internal error state 10013)",
        rule: Rule::ErrorTlsClientCredential,
    },
    NumberCode {
        value: 36882,
        kind: NumberKind::SchannelEvent,
        name: "the certificate received from the remote server was issued by an untrusted certificate authority",
        rule: Rule::ErrorUntrustedRoot,
    },
    NumberCode {
        value: 36888,
        kind: NumberKind::SchannelEvent,
        name: "a fatal alert was generated (alert 40 / state 1205: no common protocol or cipher suite)",
        rule: Rule::ErrorNoCommonAlgorithm,
    },
    NumberCode {
        value: 36874,
        kind: NumberKind::SchannelEvent,
        name: "a TLS connection request was received but none of the client's cipher suites are supported by the server",
        rule: Rule::ErrorNoCommonAlgorithm,
    },
    NumberCode {
        value: 26014,
        kind: NumberKind::SqlError,
        name: "unable to load user-specified certificate; the server will not accept a connection",
        rule: Rule::ErrorUserCertLoadFailed,
    },
    NumberCode {
        value: 26015,
        kind: NumberKind::SqlError,
        name: "unable to load user-specified certificate; connection encryption is required, so the server cannot accept connections",
        rule: Rule::ErrorUserCertLoadFailed,
    },
    NumberCode {
        value: 26017,
        kind: NumberKind::SqlError,
        name: "no valid certificate found and a self-signed certificate could not be created",
        rule: Rule::ErrorServerCertNotFound,
    },
    NumberCode {
        value: 17182,
        kind: NumberKind::SqlError,
        name: "TDSSNIClient initialization failed (with 0x80092004 / status 0x80: no usable certificate)",
        rule: Rule::ErrorServerCertNotFound,
    },
    NumberCode {
        value: 17190,
        kind: NumberKind::SqlError,
        name: "initializing the fallback (self-generated) certificate failed",
        rule: Rule::ErrorServerCertNotFound,
    },
    NumberCode {
        value: 33555,
        kind: NumberKind::SqlError,
        name: "the configured certificate was not found in the certificate store",
        rule: Rule::ErrorServerCertNotFound,
    },
    NumberCode {
        value: 26010,
        kind: NumberKind::SqlError,
        name: "the server could not load the certificate it needs to initiate an SSL connection",
        rule: Rule::ErrorServiceAccountNoKeyAccess,
    },
    NumberCode {
        value: 33565,
        kind: NumberKind::SqlError,
        name: "certificate found in the local computer store but the service account has no access to it",
        rule: Rule::ErrorServiceAccountNoKeyAccess,
    },
    NumberCode {
        value: 33556,
        kind: NumberKind::SqlError,
        name: "invalid character in the certificate thumbprint",
        rule: Rule::ErrorThumbprintInvalid,
    },
    NumberCode {
        value: 33557,
        kind: NumberKind::SqlError,
        name: "invalid length of the certificate thumbprint",
        rule: Rule::ErrorThumbprintInvalid,
    },
    NumberCode {
        value: 33566,
        kind: NumberKind::SqlError,
        name: "the configured certificate has no private key",
        rule: Rule::ErrorCertNoPrivateKey,
    },
];

/// Look a status code up by value.
pub fn status(value: u32) -> Option<&'static StatusCode> {
    STATUS_CODES.iter().find(|c| c.value == value)
}

/// Look a decimal code up by value.
pub fn number(value: u32) -> Option<&'static NumberCode> {
    NUMBER_CODES.iter().find(|c| c.value == value)
}

impl NumberKind {
    /// How to name the kind in a message.
    pub fn label(self) -> &'static str {
        match self {
            NumberKind::Socket => "Windows socket error",
            NumberKind::SchannelEvent => "Schannel event",
            NumberKind::SqlError => "SQL Server error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_forms_of_status_codes() {
        // HelpLink EvtID of "certificate chain ... not trusted".
        let c = status(0x8009_0325).map(|c| c.value as i32);
        assert_eq!(c, Some(-2_146_893_019));
        // The service-specific error code of the 33565 article.
        assert_eq!(0x8009_2004_u32 as i32, -2_146_885_628);
    }
}
