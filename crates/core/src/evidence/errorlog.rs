//! SQL Server ERRORLOG: version line, the certificate loaded for encryption,
//! certificate failures and TLS protocol lines.
//!
//! Lines look like `2024-05-01 10:00:00.12 Server      Microsoft SQL Server 2016 (SP3) (KB5003279) - 13.0.6300.2 (X64)`:
//! date, time with hundredths, a source (`Server`, `Logon`, `spid12s`,
//! `Backup`), then the message. SQL Server writes the file in UTF-16 LE with
//! a BOM; decode it with [`crate::input::text_of`] first.

use super::messages::{self, ErrorHit, Mode};
use crate::version::SqlServerVersion;
use serde::{Deserialize, Serialize};

/// A parsed ERRORLOG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Errorlog {
    /// The version read from the `Microsoft SQL Server …` line.
    pub version: Option<SqlServerVersion>,
    /// The full version line, e.g. `Microsoft SQL Server 2016 (SP3) (KB5003279) - 13.0.6300.2 (X64)`.
    pub version_line: Option<String>,
    /// The build number from the version line, e.g. `13.0.6300.2`.
    pub build: Option<String>,
    /// `The certificate [Cert Hash(sha1) "…"] was successfully loaded for encryption.`
    pub loaded: Vec<LoadedCertificate>,
    /// Line numbers (1-based) of `A self-generated certificate was successfully loaded for encryption.`
    pub self_generated: Vec<usize>,
    /// Certificate and TLS failures.
    pub failures: Vec<LogFailure>,
    /// Lines naming the allowed TLS protocol versions.
    pub tls_protocols: Vec<ProtocolLine>,
}

/// A certificate SQL Server loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedCertificate {
    /// 1-based line number.
    pub line: usize,
    /// Normalised thumbprint (40 uppercase hex digits).
    pub thumbprint: String,
}

/// A failure message of the error explainer found in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFailure {
    /// 1-based line number of the entry (the `Error: N, Severity` line when there is one).
    pub line: usize,
    /// What the explainer made of it.
    pub hit: ErrorHit,
}

impl Serialize for LogFailure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("LogFailure", 4)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("id", self.hit.rule.id())?;
        st.serialize_field("message", &self.hit.message)?;
        st.serialize_field("thumbprints", &self.hit.thumbprints)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for LogFailure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The serialised fields, as [`LogFailure`]'s `Serialize` writes them.
        #[derive(Deserialize)]
        struct Fields {
            line: usize,
            id: crate::catalogue::Rule,
            message: String,
            thumbprints: Vec<String>,
        }
        let f = Fields::deserialize(d)?;
        Ok(LogFailure {
            line: f.line,
            hit: ErrorHit {
                rule: f.id,
                message: f.message,
                thumbprints: f.thumbprints,
            },
        })
    }
}

/// A line naming TLS protocol versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolLine {
    /// 1-based line number.
    pub line: usize,
    /// Versions named, e.g. `["1.0", "1.1", "1.2"]`.
    pub versions: Vec<String>,
    /// The message text of the line.
    pub text: String,
}

/// Split `2024-05-01 10:00:00.12 Server      message` into (source, message).
pub(crate) fn split_line(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let is = |i: usize, c: u8| b.get(i) == Some(&c);
    let date_ok = (0..4).all(digit)
        && is(4, b'-')
        && digit(5)
        && digit(6)
        && is(7, b'-')
        && digit(8)
        && digit(9)
        && is(10, b' ')
        && digit(11)
        && digit(12)
        && is(13, b':')
        && digit(14)
        && digit(15)
        && is(16, b':')
        && digit(17)
        && digit(18);
    if !date_ok {
        return None;
    }
    let mut i = 19;
    if is(i, b'.') {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    let rest = line.get(i..)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let end = rest.find([' ', '\t']).unwrap_or(rest.len());
    let source = rest.get(..end)?;
    let message = rest.get(end..).unwrap_or("").trim();
    let known = matches!(source, "Server" | "Logon" | "Backup")
        || source
            .strip_prefix("spid")
            .is_some_and(|s| s.chars().next().is_some_and(|c| c.is_ascii_digit()));
    known.then_some((source, message))
}

/// Recognise and read an ERRORLOG. `None` when the text is not one.
pub fn parse_errorlog(text: &str) -> Option<Errorlog> {
    let lines: Vec<&str> = text.lines().collect();
    let entries: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| split_line(l.trim_start_matches('\u{feff}')).map(|(_, m)| (i + 1, m)))
        .collect();
    if entries.is_empty() {
        return None;
    }
    let mut log = Errorlog {
        version: None,
        version_line: None,
        build: None,
        loaded: Vec::new(),
        self_generated: Vec::new(),
        failures: Vec::new(),
        tls_protocols: Vec::new(),
    };
    let mut telling = 0usize;
    let mut k = 0;
    while k < entries.len() {
        let Some(&(line, msg)) = entries.get(k) else {
            break;
        };
        k += 1;
        let lower = msg.to_ascii_lowercase();
        if log.version_line.is_none() && lower.starts_with("microsoft sql server") {
            log.version_line = Some(msg.to_string());
            log.build = build_of(msg);
            log.version = log.build.as_deref().and_then(|b| b.parse().ok());
            telling += 1;
            continue;
        }
        if lower.contains("was successfully loaded for encryption") {
            telling += 1;
            if lower.contains("self-generated certificate") {
                log.self_generated.push(line);
            } else {
                for t in messages::cert_hash_thumbprints(msg) {
                    log.loaded.push(LoadedCertificate {
                        line,
                        thumbprint: t,
                    });
                }
            }
            continue;
        }
        if lower.contains("tls") && lower.contains("protocol") {
            let versions = tls_versions(&lower);
            if !versions.is_empty() {
                telling += 1;
                log.tls_protocols.push(ProtocolLine {
                    line,
                    versions,
                    text: msg.to_string(),
                });
            }
        }
        // "Error: 26014, Severity: 16, State: 1." is followed by its message.
        let mut entry = msg.to_string();
        if lower.starts_with("error:") && lower.contains("severity") {
            if let Some(&(next_line, next)) = entries.get(k) {
                if next_line == line + 1 && !next.to_ascii_lowercase().starts_with("error:") {
                    entry.push(' ');
                    entry.push_str(next);
                    k += 1;
                }
            }
        }
        for hit in messages::explain_mode(&entry, Mode::Log) {
            telling += 1;
            if let Some(existing) = log
                .failures
                .iter_mut()
                .rev()
                .take_while(|f| f.line == line)
                .find(|f| f.hit.rule.id() == hit.rule.id())
            {
                existing.hit = hit;
            } else {
                log.failures.push(LogFailure { line, hit });
            }
        }
    }
    // A single stray timestamped line is not a log unless it says something.
    (entries.len() >= 3 || telling > 0).then_some(log)
}

/// The build number (`13.0.6300.2`) in a version line.
fn build_of(line: &str) -> Option<String> {
    line.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .find(|w| {
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() == 4
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
}

/// TLS versions named in a (lower-case) line: `1.0`, `1.1`, `1.2`, `1.3`,
/// standing alone or after `tls`/`tlsv` (not inside `11.0.2100` or `1.2.3`).
pub(crate) fn tls_versions(lower: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in ["1.0", "1.1", "1.2", "1.3"] {
        for (i, _) in lower.match_indices(v) {
            let before = lower.get(..i).and_then(|s| s.chars().next_back());
            let after_str = lower.get(i + v.len()..).unwrap_or("");
            let mut after = after_str.chars();
            let a = after.next();
            let a2 = after.next();
            let before_ok = before.is_none_or(|c| !c.is_ascii_digit() && c != '.');
            let after_ok = a.is_none_or(|c| !c.is_ascii_digit())
                && !(a == Some('.') && a2.is_some_and(|c| c.is_ascii_digit()));
            if before_ok && after_ok && !out.iter().any(|o| o == v) {
                out.push(v.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_log_lines() {
        assert_eq!(
            split_line("2024-05-01 10:00:00.12 Server      Microsoft SQL Server 2016"),
            Some(("Server", "Microsoft SQL Server 2016"))
        );
        assert_eq!(
            split_line("2024-05-01 10:00:00.12 spid12s     Starting up"),
            Some(("spid12s", "Starting up"))
        );
        assert_eq!(split_line("2024-05-01 10:00:00.12 Fred x"), None);
        assert_eq!(split_line("2024-05-01"), None);
        assert_eq!(split_line("2024-05-01 10:00:0é"), None);
    }

    #[test]
    fn versions_in_protocol_lines() {
        assert_eq!(
            tls_versions("successfully initialized the tls configuration. allowed tls protocol versions are ['1.0 1.1 1.2']."),
            ["1.0", "1.1", "1.2"]
        );
        assert_eq!(tls_versions("protocol tls 1.3 build 11.0.2100"), ["1.3"]);
    }

    #[test]
    fn build_numbers() {
        assert_eq!(
            build_of("Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)"),
            Some("15.0.4322.2".to_string())
        );
    }
}
