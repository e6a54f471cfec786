//! `mssql.conf` of SQL Server on Linux (`/var/opt/mssql/mssql.conf`, written
//! by `mssql-conf set network.tlscert …`): an INI file whose `[network]`
//! section holds `tlscert`, `tlskey`, `forceencryption`, `tlsprotocols` and
//! `tlsciphers`.

use serde::Serialize;

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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
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
