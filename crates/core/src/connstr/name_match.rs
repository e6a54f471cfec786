//! The validated host name against a certificate, the way each driver's TLS
//! stack compares them (facts B5, B6, B9; the stacks' rules in
//! [`super::name_stacks`]).

use super::capabilities::TlsStack;
use super::driver::DriverId;
use super::name_stacks::{self, Names};
use crate::cert::CertificateInfo;

/// The result of comparing a validated name with a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The certificate covers the name.
    Matches {
        /// The certificate entry that matched (`DNS:…`, `IP:…` or `CN=…`).
        entry: String,
    },
    /// The certificate does not cover the name.
    Mismatch {
        /// Every name the certificate holds (`DNS:…`, `IP:…`, `CN=…`).
        presented: Vec<String>,
        /// The subject CN would match, but this driver does not read it
        /// (a SAN is present, or the driver never reads the CN).
        common_name_ignored: bool,
    },
    /// `localhost`, `.` or `(local)`: Windows native SNI validates the
    /// machine's own name, managed SNI and other stacks the literal. The
    /// answer depends on where the client runs, so it is not guessed.
    LocalAlias {
        /// The name as given.
        name: String,
    },
}

/// The stacks that check names for `driver`: the one on Windows (or its only
/// one) and, when it differs, the one on Linux and macOS (the rules are the
/// same in every generation of a driver).
pub fn stacks(driver: DriverId) -> (TlsStack, Option<TlsStack>) {
    let caps = driver.newest().capabilities();
    (caps.tls_stack, caps.tls_stack_unix)
}

/// Lower-case, trimmed, trailing dot removed.
fn norm(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Is this one of the names that mean "this machine"?
pub fn is_local_alias(name: &str) -> bool {
    let raw = name.trim();
    raw == "." || matches!(norm(raw).as_str(), "localhost" | "(local)")
}

/// Compare `validated_name` with `cert` as `driver` does on Windows (or on
/// its only platform).
pub fn match_name(validated_name: &str, cert: &CertificateInfo, driver: DriverId) -> NameMatch {
    match_name_with(stacks(driver).0, validated_name, cert)
}

/// Compare `validated_name` with `cert` as `stack` does.
pub fn match_name_with(stack: TlsStack, validated_name: &str, cert: &CertificateInfo) -> NameMatch {
    let mut presented: Vec<String> = cert.san_dns.iter().map(|d| format!("DNS:{d}")).collect();
    presented.extend(cert.san_ip.iter().map(|i| format!("IP:{i}")));
    presented.extend(cert.common_names.iter().map(|c| format!("CN={c}")));
    if is_local_alias(validated_name) {
        return NameMatch::LocalAlias {
            name: validated_name.trim().to_string(),
        };
    }
    let names = Names {
        dns: &cert.san_dns,
        ips: &cert.san_ip,
        cns: &cert.common_names,
    };
    let host = validated_name.trim();
    match name_stacks::check(stack, host, names) {
        Some(entry) => NameMatch::Matches {
            entry: entry.label(),
        },
        None => {
            let wanted = norm(host);
            NameMatch::Mismatch {
                presented,
                common_name_ignored: cert.common_names.iter().any(|c| norm(c) == wanted),
            }
        }
    }
}
