//! `mssql.conf` of SQL Server on Linux (`/var/opt/mssql/mssql.conf`, written
//! by `mssql-conf set network.tlscert …`): an INI file whose `[network]`
//! section holds `tlscert`, `tlskey`, `forceencryption`, `tlsprotocols` and
//! `tlsciphers`.

use crate::catalogue::Rule;
use crate::finding::Finding;
use serde::{Deserialize, Serialize};

/// Sections `mssql-conf` writes; one of them must be present.
const SECTIONS: &[&str] = &[
    "network",
    "eula",
    "sqlagent",
    "filelocation",
    "memory",
    "telemetry",
    "language",
    "hadr",
    "coredump",
    "errorlog",
    "traceflag",
    "licensing",
    "control",
    "distributedtransaction",
];

/// The TLS settings of an mssql.conf.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MssqlConf {
    /// Whether a `[network]` section is present.
    pub has_network_section: bool,
    /// `network.tlscert`: path of the PEM certificate.
    pub tlscert: Option<String>,
    /// `network.tlskey`: path of the PEM private key.
    pub tlskey: Option<String>,
    /// `network.forceencryption` (0/1).
    pub forceencryption: Option<bool>,
    /// `network.tlsprotocols`, e.g. `1.2` or `1.2,1.3`.
    pub tlsprotocols: Option<String>,
    /// `network.tlsciphers` (OpenSSL cipher list).
    pub tlsciphers: Option<String>,
}

/// Recognise and read an mssql.conf. `None` when the text is not one.
pub fn parse_mssql_conf(text: &str) -> Option<MssqlConf> {
    let mut conf = MssqlConf::default();
    let mut known_section = false;
    let mut section = String::new();
    let mut keys = 0usize;
    for raw in text.lines() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[') {
            let name = s.strip_suffix(']')?.trim().to_ascii_lowercase();
            if SECTIONS.contains(&name.as_str()) {
                known_section = true;
            }
            if name == "network" {
                conf.has_network_section = true;
            }
            section = name;
            continue;
        }
        // Anything other than sections and key = value lines: not an INI file.
        let (k, v) = line.split_once('=')?;
        let key = k.trim().to_ascii_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return None;
        }
        keys += 1;
        if section != "network" {
            continue;
        }
        let value = v.trim().trim_matches('"').to_string();
        match key.as_str() {
            "tlscert" => conf.tlscert = Some(value),
            "tlskey" => conf.tlskey = Some(value),
            "forceencryption" => {
                conf.forceencryption = match value.to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" => Some(true),
                    "0" | "false" | "no" => Some(false),
                    _ => None,
                }
            }
            "tlsprotocols" => conf.tlsprotocols = Some(value),
            "tlsciphers" => conf.tlsciphers = Some(value),
            _ => {}
        }
    }
    (known_section && keys > 0).then_some(conf)
}

/// What one dropped file held, for the cross-check with mssql.conf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedFile<'a> {
    /// The file name as given (a path or a bare name).
    pub name: &'a str,
    /// Indices of the certificates decoded from it.
    pub certificates: &'a [usize],
    /// For each private key in it: the certificate it belongs to, if any.
    pub key_owners: Vec<Option<usize>>,
}

/// The file name without its directories (`/` or `\\`).
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path).trim()
}

/// `path` with its file name replaced by `name`.
fn with_name(path: &str, name: &str) -> String {
    match path.rfind(['/', '\\']) {
        Some(i) => format!("{}{}", &path[..=i], name),
        None => name.to_string(),
    }
}

/// Check the files mssql.conf names (`network.tlscert`, `network.tlskey`)
/// against the files dropped with it, by name: each must be there, the
/// certificate file must hold a certificate, the key file a key, and that key
/// must be the certificate's. Nothing is said when no certificate or key file
/// was dropped. Findings are `server.linux-tls-files`, with the `mssql-conf
/// set` lines that name the right files.
pub fn check_tls_files(conf: &MssqlConf, files: &[DroppedFile<'_>]) -> Vec<Finding> {
    let given: Vec<&DroppedFile<'_>> = files
        .iter()
        .filter(|f| !f.certificates.is_empty() || !f.key_owners.is_empty())
        .collect();
    if given.is_empty() {
        return Vec::new();
    }
    let find = |path: &str| {
        let want = base_name(path);
        given
            .iter()
            .copied()
            .find(|f| base_name(f.name).eq_ignore_ascii_case(want))
    };
    // The right pair among the dropped files: a key and the file of its certificate.
    let pair = given.iter().find_map(|kf| {
        let owner = kf.key_owners.iter().flatten().next()?;
        let cf = given.iter().find(|f| f.certificates.contains(owner))?;
        Some((base_name(cf.name), base_name(kf.name)))
    });
    let names: Vec<&str> = given.iter().map(|f| base_name(f.name)).collect();
    let mut problems: Vec<String> = Vec::new();
    let cert_file = conf.tlscert.as_deref().map(|p| (p, find(p)));
    let key_file = conf.tlskey.as_deref().map(|p| (p, find(p)));
    match cert_file {
        Some((p, None)) => problems.push(format!(
            "network.tlscert is {p}, and no file named {} was given (given: {})",
            base_name(p),
            names.join(", ")
        )),
        Some((p, Some(f))) if f.certificates.is_empty() => problems.push(format!(
            "network.tlscert is {p}, and {} holds no certificate",
            base_name(p)
        )),
        _ => {}
    }
    match key_file {
        Some((p, None)) => problems.push(format!(
            "network.tlskey is {p}, and no file named {} was given (given: {})",
            base_name(p),
            names.join(", ")
        )),
        Some((p, Some(f))) if f.key_owners.is_empty() => problems.push(format!(
            "network.tlskey is {p}, and {} holds no private key",
            base_name(p)
        )),
        Some((p, Some(kf))) => {
            if let Some((cp, Some(cf))) = cert_file {
                let paired = kf
                    .key_owners
                    .iter()
                    .flatten()
                    .any(|o| cf.certificates.contains(o));
                if !paired && !cf.certificates.is_empty() {
                    problems.push(format!(
                        "the key in {} (network.tlskey {p}) is not the key of the certificate in {} (network.tlscert {cp})",
                        base_name(p),
                        base_name(cp)
                    ));
                }
            }
        }
        None => {}
    }
    if problems.is_empty() {
        return Vec::new();
    }
    let mut msg = format!("mssql.conf: {}.", problems.join("; "));
    if let Some((cert, key)) = pair {
        let cert_path = with_name(conf.tlscert.as_deref().unwrap_or("/etc/ssl/certs/x"), cert);
        let key_path = with_name(conf.tlskey.as_deref().unwrap_or("/etc/ssl/private/x"), key);
        msg.push_str(&format!(
            " Of the files given, {key} is the key of the certificate in {cert}: `sudo /opt/mssql/bin/mssql-conf set network.tlscert {cert_path}` and `sudo /opt/mssql/bin/mssql-conf set network.tlskey {key_path}`, then `sudo systemctl restart mssql-server`."
        ));
    } else {
        msg.push_str(" None of the keys given belongs to a certificate given: drop the certificate together with its own key.");
    }
    vec![Finding::new(Rule::ServerLinuxTlsFiles, msg)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_network_section() {
        let c = parse_mssql_conf(
            "[EULA]\naccepteula = Y\n\n[network]\ntlscert = /etc/ssl/certs/mssql.pem\ntlskey = /etc/ssl/private/mssql.key\ntlsprotocols = 1.2\nforceencryption = 1\n",
        )
        .expect("conf");
        assert_eq!(c.tlscert.as_deref(), Some("/etc/ssl/certs/mssql.pem"));
        assert_eq!(c.forceencryption, Some(true));
        assert_eq!(c.tlsprotocols.as_deref(), Some("1.2"));
    }

    #[test]
    fn prose_is_not_a_conf() {
        assert!(parse_mssql_conf("[network]\nThe certificate is fine.").is_none());
        assert!(parse_mssql_conf("a = b").is_none());
    }
}
