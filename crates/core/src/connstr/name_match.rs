//! The validated host name against a certificate, the way each driver's TLS
//! stack compares them (facts B5, B6, B9).

use super::capabilities::{CnRule, Wildcards};
use super::driver::DriverId;
use crate::cert::CertificateInfo;
use std::net::IpAddr;

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

/// How `driver`'s TLS stack reads names, from the capability table (the
/// rules are the same in every generation of a driver).
fn rules(driver: DriverId) -> (CnRule, Wildcards) {
    let caps = driver.newest().capabilities();
    (caps.common_name, caps.wildcards)
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

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

/// Compare `validated_name` with `cert` as `driver` does.
pub fn match_name(validated_name: &str, cert: &CertificateInfo, driver: DriverId) -> NameMatch {
    let (cn_rule, wild) = rules(driver);
    let mut presented: Vec<String> = cert.san_dns.iter().map(|d| format!("DNS:{d}")).collect();
    presented.extend(cert.san_ip.iter().map(|i| format!("IP:{i}")));
    if let Some(cn) = &cert.common_name {
        presented.push(format!("CN={cn}"));
    }
    if is_local_alias(validated_name) {
        return NameMatch::LocalAlias {
            name: validated_name.trim().to_string(),
        };
    }
    let host = norm(validated_name);
    if let Some(ip) = parse_ip(&host) {
        // IP addresses match only IP SAN entries.
        for entry in &cert.san_ip {
            if parse_ip(entry) == Some(ip) {
                return NameMatch::Matches {
                    entry: format!("IP:{entry}"),
                };
            }
        }
        return NameMatch::Mismatch {
            presented,
            common_name_ignored: false,
        };
    }
    let cn = cert.common_name.as_deref();
    let cn_read = match cn_rule {
        CnRule::Always => true,
        CnRule::IfNoSan => cert.san_dns.is_empty(),
        CnRule::Never => false,
    };
    if cn_rule == CnRule::Always {
        if let Some(cn) = cn {
            if dns_match(&host, cn, wild) {
                return NameMatch::Matches {
                    entry: format!("CN={cn}"),
                };
            }
        }
    }
    for d in &cert.san_dns {
        if dns_match(&host, d, wild) {
            return NameMatch::Matches {
                entry: format!("DNS:{d}"),
            };
        }
    }
    if cn_read && cn_rule != CnRule::Always {
        if let Some(cn) = cn {
            if dns_match(&host, cn, wild) {
                return NameMatch::Matches {
                    entry: format!("CN={cn}"),
                };
            }
        }
    }
    let common_name_ignored = !cn_read && cn.is_some_and(|c| dns_match(&host, c, wild));
    NameMatch::Mismatch {
        presented,
        common_name_ignored,
    }
}

/// Does certificate name `pattern` cover `host` (already normalised)?
fn dns_match(host: &str, pattern: &str, wild: Wildcards) -> bool {
    let pattern = norm(pattern);
    if host.is_empty() || pattern.is_empty() {
        return false;
    }
    if !pattern.contains('*') {
        return host == pattern;
    }
    let (p_first, p_rest) = match pattern.split_once('.') {
        Some(x) => x,
        None => return false,
    };
    let (h_first, h_rest) = match host.split_once('.') {
        Some(x) => x,
        None => return false,
    };
    // Only the left-most label may hold a wildcard, exactly one.
    if p_rest.contains('*') || p_first.matches('*').count() != 1 {
        return false;
    }
    // At least two labels after the wildcard (no `*.com`).
    if !p_rest.contains('.') {
        return false;
    }
    if p_rest != h_rest || h_first.is_empty() {
        return false;
    }
    match wild {
        Wildcards::WholeLabel => p_first == "*",
        Wildcards::InLabel | Wildcards::Jdbc => {
            if wild == Wildcards::Jdbc
                && (pattern.matches('.').count() < 2 || host.matches('.').count() < 2)
            {
                return false;
            }
            if h_first.starts_with("xn--") || p_first.starts_with("xn--") {
                return false;
            }
            let Some((prefix, suffix)) = p_first.split_once('*') else {
                return false;
            };
            h_first.len() >= prefix.len() + suffix.len()
                && h_first.starts_with(prefix)
                && h_first.ends_with(suffix)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_rules() {
        assert!(dns_match(
            "sql01.corp.example.com",
            "*.corp.example.com",
            Wildcards::InLabel
        ));
        assert!(dns_match(
            "sql01.corp.example.com",
            "*.CORP.example.com.",
            Wildcards::InLabel
        ));
        assert!(!dns_match(
            "a.sql01.corp.example.com",
            "*.corp.example.com",
            Wildcards::InLabel
        ));
        assert!(!dns_match(
            "corp.example.com",
            "*.corp.example.com",
            Wildcards::InLabel
        ));
        assert!(dns_match(
            "sql01.corp.example.com",
            "sql*.corp.example.com",
            Wildcards::InLabel
        ));
        assert!(!dns_match(
            "sql01.corp.example.com",
            "sql*.corp.example.com",
            Wildcards::WholeLabel
        ));
        assert!(!dns_match(
            "sql01.example.com",
            "*.*.com",
            Wildcards::InLabel
        ));
        assert!(!dns_match("a.com", "*.com", Wildcards::InLabel));
        assert!(!dns_match(
            "xn--bcher-kva.example.com",
            "*.example.com",
            Wildcards::Jdbc
        ));
        assert!(dns_match(
            "sql01.example.com",
            "*.example.com",
            Wildcards::Jdbc
        ));
        assert!(!dns_match("sql01.example", "*.example", Wildcards::Jdbc));
    }
}
