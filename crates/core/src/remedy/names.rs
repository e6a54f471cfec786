//! Which names the server certificate must carry (facts A1, B9): every name
//! clients connect with, the names the current certificate already holds,
//! the names given (FCI virtual name, AG listeners), and the short name of
//! every FQDN.

use super::RemedyRequest;
use crate::connstr::name_match::is_local_alias;
use crate::connstr::Generation;
use std::collections::HashSet;
use std::net::IpAddr;

/// The names collected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Names {
    /// DNS names, lower-case, FQDNs first.
    pub dns: Vec<String>,
    /// IP addresses clients connect to and cannot override.
    pub ips: Vec<String>,
}

/// Is `s` a host name a certificate can carry: ASCII labels of letters,
/// digits and hyphens (punycode for IDNs), no wildcard?
pub(crate) fn is_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && !s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn ip(s: &str) -> Option<IpAddr> {
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .ok()
}

fn clean(s: &str) -> String {
    s.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Can this driver generation be told the name to validate in the string
/// (HostNameInCertificate or its equivalent, per the capability table)?
pub(crate) fn takes_host_name_override(gen: Generation) -> bool {
    gen.capabilities().host_name_in_certificate_since.is_some()
}

/// Collect the names for `req`.
pub(crate) fn collect(req: &RemedyRequest<'_>) -> Names {
    let report = req.report;
    let mut raw: Vec<String> = Vec::new();
    let mut ips = Unique::default();
    // The current certificate's names first: its CN is most likely the
    // machine's FQDN, which stays the CN.
    for c in report.certificates.iter().filter(|c| c.server_certificate) {
        if let Some(cn) = &c.details.common_name {
            raw.push(clean(cn));
        }
        raw.extend(c.details.san_dns.iter().map(|n| clean(n)));
    }
    for conn in &report.connections {
        let gen = conn.outcome.version;
        let mut hosts: Vec<&str> = Vec::new();
        if let Some(n) = conn.outcome.validated_name.as_deref() {
            hosts.push(n);
        }
        if let Some(h) = conn.server.host.as_deref() {
            hosts.push(h);
        }
        for h in hosts {
            if is_local_alias(h) || h.trim().eq_ignore_ascii_case("(localdb)") {
                continue;
            }
            if let Some(addr) = ip(h) {
                // Prefer HostNameInCertificate; only drivers that cannot
                // override the name need the address in the SAN.
                if !takes_host_name_override(gen) {
                    ips.push_exact(&addr.to_string());
                }
                continue;
            }
            raw.push(clean(h));
        }
    }
    raw.extend(req.extra_names.iter().map(|n| clean(n)));
    let valid: Vec<String> = raw.into_iter().filter(|n| is_dns_name(n)).collect();
    let mut fqdns = Unique::default();
    let mut short = Unique::default();
    for n in &valid {
        if n.contains('.') {
            fqdns.push(n);
        } else {
            short.push(n);
        }
    }
    // The short name of every FQDN, in FQDN order, before other short names.
    let mut shorts = Unique::default();
    for f in &fqdns.list {
        if let Some(first) = f.split('.').next() {
            shorts.push(first);
        }
    }
    for s in &short.list {
        shorts.push(s);
    }
    let mut dns = fqdns;
    for s in &shorts.list {
        dns.push(s);
    }
    Names {
        dns: dns.list,
        ips: ips.list,
    }
}

/// A list without duplicates in first-seen order: the list plus a set of the
/// keys seen, so each push is one hash probe, not a scan of the list.
#[derive(Default)]
struct Unique {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Unique {
    /// Push `name` unless a name equal to it ignoring ASCII case is in the list.
    fn push(&mut self, name: &str) {
        self.insert(name.to_ascii_lowercase(), name);
    }

    /// Push `value` unless it is in the list (exact comparison).
    fn push_exact(&mut self, value: &str) {
        self.insert(value.to_string(), value);
    }

    fn insert(&mut self, key: String, value: &str) {
        probe();
        if self.seen.insert(key) {
            self.list.push(value.to_string());
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Hash probes made by [`Unique`] on this thread (tests count work with it).
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn probe() {
    #[cfg(test)]
    PROBES.with(|p| p.set(p.get() + 1));
}

/// The subject CN: the first FQDN, else the first name.
pub(crate) fn common_name(names: &[String]) -> Option<String> {
    names
        .iter()
        .find(|n| n.contains('.'))
        .or_else(|| names.first())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{self, AnalysisRequest};

    /// The names for `n` connections to distinct hosts, and the hash probes
    /// collecting them took.
    fn collect_for(n: usize) -> (Names, usize) {
        let req = AnalysisRequest {
            connections: (0..n)
                .map(|i| format!("Server=tcp:SQL{i}.corp.example.com,1433;Encrypt=True"))
                .collect(),
            ..AnalysisRequest::default()
        };
        let analysis = analyze::run(&req);
        let extra = ["sql0.CORP.example.com".to_string(), "listener".to_string()];
        let remedy = RemedyRequest {
            extra_names: &extra,
            ..RemedyRequest::new(&analysis)
        };
        PROBES.with(|p| p.set(0));
        let names = collect(&remedy);
        (names, PROBES.with(std::cell::Cell::get))
    }

    #[test]
    fn names_keep_first_seen_order_ignoring_case() {
        let (names, _) = collect_for(3);
        assert_eq!(
            names.dns,
            [
                "sql0.corp.example.com",
                "sql1.corp.example.com",
                "sql2.corp.example.com",
                "sql0",
                "sql1",
                "sql2",
                "listener"
            ]
        );
        assert!(names.ips.is_empty());
    }

    #[test]
    fn collecting_names_is_linear_in_connections() {
        let (small, work_small) = collect_for(1_000);
        let (large, work_large) = collect_for(2_000);
        assert_eq!(small.dns.len(), 2 * 1_000 + 1);
        assert_eq!(large.dns.len(), 2 * 2_000 + 1);
        // A scan of the list per name would make doubling N quadruple the work.
        assert!(work_small <= 10 * 1_000, "{work_small} probes for 1,000");
        let ratio = work_large as f64 / work_small as f64;
        assert!((1.9..=2.1).contains(&ratio), "work ratio {ratio}");
    }

    #[test]
    fn addresses_are_listed_once() {
        let mut ips = Unique::default();
        for a in ["10.0.0.1", "10.0.0.2", "10.0.0.1"] {
            ips.push_exact(a);
        }
        assert_eq!(ips.list, ["10.0.0.1", "10.0.0.2"]);
    }
}
