//! Host-name checks as each TLS stack performs them, from their sources.
//! `tests/names/differential.py` runs the real OpenSSL, Node and Go checks on
//! generated certificates (GnuTLS through its C library), and `crates/core/tests/name_stacks.rs` holds these
//! functions to their answers.
//!
//! - [`TlsStack::OpenSsl`]: `X509_check_host` / `X509_check_ip_asc` with
//!   default flags (OpenSSL `crypto/x509/v3_utl.c`): DNS SANs, else every
//!   subject CN; one `*` at the start or the end of the left-most label, at
//!   least two labels after it, never in an `xn--` label, matching at least
//!   one of `[A-Za-z0-9-]`; no trailing-dot folding; IPs only against IP SANs.
//! - [`TlsStack::GnuTls`]: `gnutls_x509_crt_check_hostname2` (GnuTLS
//!   `lib/x509/hostname-verify.c`), which FreeTDS uses in Debian's and
//!   Ubuntu's packages: DNS SANs; the CN only without DNS or IP SANs and only
//!   when there is a single one; a `*` only as the pattern's first character,
//!   two dots after it, standing for any part of the first label (`_` too).
//! - [`TlsStack::NodeTls`]: `tls.checkServerIdentity` (Node `lib/tls.js`):
//!   trailing dots dropped, DNS SANs, else the CN(s) even when IP SANs exist;
//!   one `*` anywhere in the left-most label, not for `xn--` labels, and not
//!   when the name has fewer than three labels.
//! - [`TlsStack::GoX509`]: `Certificate.VerifyHostname` (Go
//!   `crypto/x509/verify.go`): never the CN; `*` only as the whole left-most
//!   label (so `*.com` and `*` match); `_` allowed; a host's trailing dot
//!   dropped; a name that is not a valid pattern only matches exactly.
//! - [`TlsStack::DotNet`]: what Microsoft.Data.SqlClient's managed SNI accepts
//!   on Linux and macOS: the platform check (OpenSSL) or, when that reports
//!   a name mismatch, `X509Certificate2.MatchesHostname`
//!   (`ManagedSni/SniCommon.netcore.cs`; dotnet/runtime
//!   `X509Certificate2.cs`): `*.` + the rest after the host's first dot
//!   (so `*.com`), exact otherwise; trailing dots dropped; IP hosts against
//!   IP SANs; without SAN entries of the host's kind, the single CN, exactly
//!   and without wildcards (an IP address in the CN matches).
//! - [`TlsStack::Schannel`]: Windows' SSL chain policy: DNS SANs, else the
//!   CN; one `*` in the left-most label, two labels after it.
//! - [`TlsStack::Java`]: mssql-jdbc's own check
//!   (`SQLServerCertificateUtils.validateServerNameInCertificate`): the CN
//!   first, then the DNS SANs; one `*` in the left-most label of a name with
//!   at least two dots; never for `xn--` labels.

use super::capabilities::TlsStack;
use std::net::IpAddr;

/// The names a certificate presents, as the stacks read them.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    /// SAN dNSName entries, as written.
    pub dns: &'a [String],
    /// SAN iPAddress entries, as text.
    pub ips: &'a [String],
    /// Every subject CN, in order.
    pub cns: &'a [String],
}

/// Where a stack found the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A SAN dNSName.
    Dns(String),
    /// A SAN iPAddress.
    Ip(String),
    /// A subject CN.
    Cn(String),
}

impl Entry {
    /// `DNS:…`, `IP:…` or `CN=…`.
    pub fn label(&self) -> String {
        match self {
            Entry::Dns(d) => format!("DNS:{d}"),
            Entry::Ip(i) => format!("IP:{i}"),
            Entry::Cn(c) => format!("CN={c}"),
        }
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    let s = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(s);
    s.parse().ok()
}

/// Does `stack` accept `names` for `host`? `Some(entry)` names what matched.
pub fn check(stack: TlsStack, host: &str, names: Names<'_>) -> Option<Entry> {
    match stack {
        TlsStack::OpenSsl => openssl(host, names),
        TlsStack::GnuTls => gnutls(host, names),
        TlsStack::NodeTls => node(host, names),
        TlsStack::GoX509 => go(host, names),
        TlsStack::DotNet => openssl(host, names).or_else(|| dotnet(host, names)),
        TlsStack::Schannel => schannel(host, names),
        TlsStack::Java => jdbc(host, names),
    }
}

fn ip_match(host: &str, names: Names<'_>) -> Option<Option<Entry>> {
    let ip = parse_ip(host)?;
    Some(
        names
            .ips
            .iter()
            .find(|e| parse_ip(e) == Some(ip))
            .map(|e| Entry::Ip(e.clone())),
    )
}

// ------------------------------------------------------------------ OpenSSL

fn openssl(host: &str, names: Names<'_>) -> Option<Entry> {
    if let Some(found) = ip_match(host, names) {
        return found;
    }
    if !names.dns.is_empty() {
        return names
            .dns
            .iter()
            .find(|p| openssl_name(p, host))
            .map(|p| Entry::Dns(p.clone()));
    }
    names
        .cns
        .iter()
        .find(|p| openssl_name(p, host))
        .map(|p| Entry::Cn(p.clone()))
}

/// `valid_star`: the prefix and suffix around a usable `*`, or `None`.
fn openssl_star(pattern: &str) -> Option<(&str, &str)> {
    let b = pattern.as_bytes();
    let mut star: Option<usize> = None;
    let mut dots = 0;
    let mut label_start = true;
    let mut hyphen = false;
    let mut idna = false;
    for i in 0..b.len() {
        let c = b[i];
        let at_start = label_start;
        let at_end = i + 1 == b.len() || b[i + 1] == b'.';
        if c == b'*' {
            // Only one star, in the left-most label, not in an IDNA label,
            // at its start or its end.
            if star.is_some() || idna || dots > 0 || (!at_start && !at_end) {
                return None;
            }
            star = Some(i);
            label_start = false;
        } else if c.is_ascii_alphanumeric() {
            if label_start && b.len() - i >= 4 && b[i..i + 4].eq_ignore_ascii_case(b"xn--") {
                idna = true;
            }
            label_start = false;
            hyphen = false;
        } else if c == b'.' {
            if label_start || hyphen {
                return None;
            }
            label_start = true;
            idna = false;
            dots += 1;
        } else if c == b'-' {
            if label_start {
                return None;
            }
            hyphen = true;
        } else {
            return None;
        }
    }
    let s = star?;
    if label_start || hyphen || dots < 2 {
        return None;
    }
    Some((&pattern[..s], &pattern[s + 1..]))
}

fn openssl_name(pattern: &str, host: &str) -> bool {
    if let Some((prefix, suffix)) = openssl_star(pattern) {
        return openssl_wildcard(prefix, suffix, host);
    }
    !pattern.is_empty() && pattern.eq_ignore_ascii_case(host)
}

fn openssl_wildcard(prefix: &str, suffix: &str, host: &str) -> bool {
    if host.len() < prefix.len() + suffix.len() {
        return false;
    }
    let (h_pre, rest) = host.split_at(prefix.len());
    let (wild, h_suf) = rest.split_at(rest.len() - suffix.len());
    if !h_pre.eq_ignore_ascii_case(prefix) || !h_suf.eq_ignore_ascii_case(suffix) {
        return false;
    }
    let whole_label = prefix.is_empty() && suffix.starts_with('.');
    if whole_label {
        if wild.is_empty() {
            return false;
        }
    } else if host.len() >= 4 && host.as_bytes()[..4].eq_ignore_ascii_case(b"xn--") {
        // IDNA labels cannot match partial wildcards.
        return false;
    }
    wild.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

// ------------------------------------------------------------------- GnuTLS

fn gnutls(host: &str, names: Names<'_>) -> Option<Entry> {
    if let Some(found) = ip_match(host, names) {
        return found;
    }
    if let Some(d) = names.dns.iter().find(|p| gnutls_name(p, host)) {
        return Some(Entry::Dns(d.clone()));
    }
    // The CN only without DNS and IP SANs, and only when there is one.
    match names.cns {
        [cn] if names.dns.is_empty() && names.ips.is_empty() && gnutls_name(cn, host) => {
            Some(Entry::Cn(cn.clone()))
        }
        _ => None,
    }
}

/// `_gnutls_hostname_compare`: exact (case-insensitive), or a pattern that
/// starts with `*`, has at least two dots after it, and whose `*` stands for
/// part of the host's first label (any characters but `.`).
fn gnutls_name(pattern: &str, host: &str) -> bool {
    let Some(rest) = pattern.strip_prefix('*') else {
        return !pattern.is_empty() && pattern.eq_ignore_ascii_case(host);
    };
    if rest.contains('*') || rest.matches('.').count() < 2 {
        return false;
    }
    let first_label_end = host.find('.').unwrap_or(host.len());
    (0..=first_label_end).any(|i| host[i..].eq_ignore_ascii_case(rest))
}

// --------------------------------------------------------------------- Node

fn node(host: &str, names: Names<'_>) -> Option<Entry> {
    let host = host.strip_suffix('.').unwrap_or(host);
    if parse_ip(host).is_some() && !host.starts_with('[') {
        return ip_match(host, names).flatten();
    }
    let host_parts: Vec<String> = host.split('.').map(str::to_ascii_lowercase).collect();
    if !names.dns.is_empty() {
        return names
            .dns
            .iter()
            .find(|p| node_name(&host_parts, p))
            .map(|p| Entry::Dns(p.clone()));
    }
    names
        .cns
        .iter()
        .find(|p| node_name(&host_parts, p))
        .map(|p| Entry::Cn(p.clone()))
}

fn node_name(host_parts: &[String], pattern: &str) -> bool {
    if pattern.is_empty() {
        return false;
    }
    let pattern = pattern
        .strip_suffix('.')
        .unwrap_or(pattern)
        .to_ascii_lowercase();
    let parts: Vec<&str> = pattern.split('.').collect();
    if parts.len() != host_parts.len() || parts.contains(&"") {
        return false;
    }
    if parts
        .iter()
        .any(|p| p.chars().any(|c| !('\u{21}'..='\u{7f}').contains(&c)))
    {
        return false;
    }
    if parts[1..] != host_parts[1..] {
        return false;
    }
    let (host_sub, sub) = (&host_parts[0], parts[0]);
    let pieces: Vec<&str> = sub.split('*').collect();
    if pieces.len() == 1 || sub.contains("xn--") {
        return host_sub == sub;
    }
    if pieces.len() > 2 || parts.len() <= 2 {
        return false;
    }
    let (prefix, suffix) = (pieces[0], pieces[1]);
    prefix.len() + suffix.len() <= host_sub.len()
        && host_sub.starts_with(prefix)
        && host_sub.ends_with(suffix)
}

// ----------------------------------------------------------------------- Go

fn go(host: &str, names: Names<'_>) -> Option<Entry> {
    if parse_ip(host).is_some() {
        return ip_match(host, names).flatten();
    }
    let candidate = host.to_ascii_lowercase();
    let valid_candidate = go_valid(&candidate, false);
    names
        .dns
        .iter()
        .find(|p| {
            if valid_candidate && go_valid(p, true) {
                go_match(p, &candidate)
            } else {
                !p.is_empty()
                    && *p != "."
                    && !candidate.is_empty()
                    && candidate != "."
                    && p.eq_ignore_ascii_case(&candidate)
            }
        })
        .map(|p| Entry::Dns(p.clone()))
}

fn go_valid(name: &str, pattern: bool) -> bool {
    let name = if pattern {
        name
    } else {
        name.strip_suffix('.').unwrap_or(name)
    };
    if name.is_empty() {
        return false;
    }
    name.split('.').enumerate().all(|(i, part)| {
        if part.is_empty() {
            return false;
        }
        if pattern && i == 0 && part == "*" {
            return true;
        }
        part.bytes()
            .enumerate()
            .all(|(j, c)| c.is_ascii_alphanumeric() || (c == b'-' && j != 0) || c == b'_')
    })
}

fn go_match(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let host = host.strip_suffix('.').unwrap_or(host);
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    let p: Vec<&str> = pattern.split('.').collect();
    let h: Vec<&str> = host.split('.').collect();
    p.len() == h.len()
        && p.iter()
            .zip(&h)
            .enumerate()
            .all(|(i, (pp, hp))| (i == 0 && *pp == "*") || pp == hp)
}

// ------------------------------------------------------------------- .NET

fn dotnet(host: &str, names: Names<'_>) -> Option<Entry> {
    if let Some(ip) = parse_ip(host) {
        if let Some(e) = names.ips.iter().find(|e| parse_ip(e) == Some(ip)) {
            return Some(Entry::Ip(e.clone()));
        }
        if !names.ips.is_empty() {
            return None;
        }
    } else {
        let matched = host.strip_suffix('.').unwrap_or(host);
        if matched.is_empty() {
            return None;
        }
        let after_dot = matched.split_once('.').map(|(_, r)| r).unwrap_or("");
        for embedded in names.dns {
            let e = embedded.strip_suffix('.').unwrap_or(embedded);
            if e.is_empty() {
                continue;
            }
            let hit = match e.strip_prefix("*.") {
                Some(rest) if !rest.is_empty() => rest.eq_ignore_ascii_case(after_dot),
                _ => e.eq_ignore_ascii_case(matched),
            };
            if hit {
                return Some(Entry::Dns(embedded.clone()));
            }
        }
        if !names.dns.is_empty() {
            return None;
        }
    }
    match names.cns {
        [cn] if cn.eq_ignore_ascii_case(host) => Some(Entry::Cn(cn.clone())),
        _ => None,
    }
}

// ------------------------------------------------ Schannel and mssql-jdbc

fn norm(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

fn schannel(host: &str, names: Names<'_>) -> Option<Entry> {
    if parse_ip(host).is_some() {
        return ip_match(host, names).flatten();
    }
    let host = norm(host);
    if let Some(d) = names
        .dns
        .iter()
        .find(|d| in_label_wildcard(&host, d, false))
    {
        return Some(Entry::Dns(d.clone()));
    }
    if names.dns.is_empty() {
        if let Some(c) = names
            .cns
            .iter()
            .find(|c| in_label_wildcard(&host, c, false))
        {
            return Some(Entry::Cn(c.clone()));
        }
    }
    None
}

fn jdbc(host: &str, names: Names<'_>) -> Option<Entry> {
    if parse_ip(host).is_some() {
        return ip_match(host, names).flatten();
    }
    let host = norm(host);
    if let Some(c) = names
        .cns
        .first()
        .filter(|c| in_label_wildcard(&host, c, true))
    {
        return Some(Entry::Cn(c.clone()));
    }
    names
        .dns
        .iter()
        .find(|d| in_label_wildcard(&host, d, true))
        .map(|d| Entry::Dns(d.clone()))
}

/// One `*` in the left-most label, at least two labels after it; for JDBC
/// also at least two dots in the host and never an `xn--` label.
fn in_label_wildcard(host: &str, pattern: &str, jdbc: bool) -> bool {
    let pattern = norm(pattern);
    if host.is_empty() || pattern.is_empty() {
        return false;
    }
    if !pattern.contains('*') {
        return host == pattern;
    }
    let (Some((p_first, p_rest)), Some((h_first, h_rest))) =
        (pattern.split_once('.'), host.split_once('.'))
    else {
        return false;
    };
    if p_rest.contains('*') || p_first.matches('*').count() != 1 || !p_rest.contains('.') {
        return false;
    }
    if p_rest != h_rest || h_first.is_empty() {
        return false;
    }
    if jdbc
        && (host.matches('.').count() < 2
            || h_first.starts_with("xn--")
            || p_first.starts_with("xn--"))
    {
        return false;
    }
    let Some((prefix, suffix)) = p_first.split_once('*') else {
        return false;
    };
    h_first.len() >= prefix.len() + suffix.len()
        && h_first.starts_with(prefix)
        && h_first.ends_with(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'a>(dns: &'a [String], ips: &'a [String], cns: &'a [String]) -> Names<'a> {
        Names { dns, ips, cns }
    }

    #[test]
    fn dotnet_reads_an_ip_in_the_cn_and_star_dot_tld() {
        let cn = vec!["10.0.0.5".to_string()];
        assert!(dotnet("10.0.0.5", names(&[], &[], &cn)).is_some());
        assert!(openssl("10.0.0.5", names(&[], &[], &cn)).is_none());
        let tld = vec!["*.com".to_string()];
        assert!(dotnet("a.com", names(&tld, &[], &[])).is_some());
        // Two CNs: .NET reads neither.
        let two = vec!["a.example.com".to_string(), "b.example.com".to_string()];
        assert!(dotnet("b.example.com", names(&[], &[], &two)).is_none());
        assert!(openssl("b.example.com", names(&[], &[], &two)).is_some());
    }

    #[test]
    fn jdbc_and_schannel_keep_their_wildcard_rules() {
        let w = vec!["sql*.corp.example.com".to_string()];
        assert!(schannel("sql01.corp.example.com", names(&w, &[], &[])).is_some());
        assert!(jdbc("sql01.corp.example.com", names(&w, &[], &[])).is_some());
        let idn = vec!["*.example.com".to_string()];
        assert!(jdbc("xn--bcher-kva.example.com", names(&idn, &[], &[])).is_none());
        let cn = vec!["sqlalias.corp.example.com".to_string()];
        let dns = vec!["sql01.corp.example.com".to_string()];
        // mssql-jdbc reads the CN even with a SAN; Schannel does not.
        assert!(jdbc("sqlalias.corp.example.com", names(&dns, &[], &cn)).is_some());
        assert!(schannel("sqlalias.corp.example.com", names(&dns, &[], &cn)).is_none());
    }
}
