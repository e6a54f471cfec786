//! `--sarif`: SARIF 2.1.0, as GitHub code scanning and other tools read it.
//!
//! One run; `tool.driver.rules` holds one rule per finding id that appears
//! (from the catalogue), each result points at its rule by `ruleId` and
//! `ruleIndex`. Locations are relative to `%SRCROOT%` (the current directory)
//! with forward slashes; columns are Unicode code points (`columnKind`).
//! Snippets are redacted connection strings: secrets never appear.

use serde_json::{json, Map, Value};
use sqltls_core::rules::catalogue;
use sqltls_core::{Finding, Report, Severity};
use std::path::Path;

/// SARIF schema URI written in `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A region of a file: 1-based lines and columns, end column exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// First line.
    pub start_line: usize,
    /// First column.
    pub start_column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column after the last character.
    pub end_column: usize,
    /// The redacted text of the region.
    pub snippet: String,
}

/// One result to write.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// The finding (id, severity, message, rule text).
    pub finding: &'a Finding,
    /// The file it is in, as displayed (relative or absolute path); none for
    /// a connection string given on the command line.
    pub file: Option<&'a str>,
    /// Where in the file; none for a finding about the whole file.
    pub region: Option<Region>,
    /// Extra text that identifies the occurrence for fingerprints (the redacted string).
    pub identity: String,
}

/// A path that was not analysed (written as a tool execution notification).
#[derive(Debug, Clone)]
pub struct Notification<'a> {
    /// The path as displayed.
    pub file: &'a str,
    /// Why, as a short word (`too-large`, `binary`...).
    pub reason: &'static str,
    /// Why, in words.
    pub message: String,
}

/// SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `conn.trust-server-certificate` → `ConnTrustServerCertificate`.
fn rule_name(id: &str) -> String {
    id.split(['.', '-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(f: &Finding) -> Value {
    let (title, explanation, fix, source) = match catalogue::by_id(f.id) {
        Some(m) => (m.title, m.explanation, m.fix, m.source),
        None => (f.title, f.explanation, f.fix, f.source),
    };
    let family = f.id.split('.').next().unwrap_or("sqltls");
    let security_severity = match f.severity {
        Severity::Error => "7.5",
        Severity::Warning => "5.0",
        Severity::Info => "1.0",
    };
    json!({
        "id": f.id,
        "name": rule_name(f.id),
        "shortDescription": { "text": title },
        "fullDescription": { "text": explanation },
        "help": {
            "text": format!("{fix}\n\nSource: {} ({})", source.title, source.reference),
            "markdown": format!(
                "**{title}**\n\n{explanation}\n\n**Fix:** {fix}\n\nSource: {} ({})\n\nSee `sqltls rules {}`.",
                source.title, source.reference, f.id
            ),
        },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": {
            "tags": ["security", "tls", "sql-server", family],
            "security-severity": security_severity,
        },
    })
}

/// Percent-encode a path for a URI, keeping `/` and unreserved characters.
fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a displayed path: relative to the current
/// directory under `%SRCROOT%` when possible, else an absolute `file:` URI.
pub fn artifact_location(path: &str) -> Value {
    let p = Path::new(path);
    let relative = if p.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
    } else {
        Some(p.to_path_buf())
    };
    match relative {
        Some(r) => {
            let s = r.to_string_lossy().replace('\\', "/");
            let s = s.trim_start_matches("./");
            json!({ "uri": encode_path(s), "uriBaseId": "%SRCROOT%" })
        }
        None => {
            let s = path.replace('\\', "/");
            let s = if s.starts_with('/') {
                s
            } else {
                format!("/{s}")
            };
            json!({ "uri": format!("file://{}", encode_path(&s)) })
        }
    }
}

/// FNV-1a, 64 bits: stable across platforms and releases.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The SARIF log for `items`, pretty-printed with a final newline.
pub fn render(items: &[Item<'_>]) -> String {
    render_with_notifications(items, &[])
}

/// The SARIF log for `items`; `notes` (paths not analysed) go into the
/// run's invocation as `toolExecutionNotifications`.
pub fn render_with_notifications(items: &[Item<'_>], notes: &[Notification<'_>]) -> String {
    let mut rule_ids: Vec<&'static str> = Vec::new();
    let mut rules = Vec::new();
    for item in items {
        if !rule_ids.contains(&item.finding.id) {
            rule_ids.push(item.finding.id);
            rules.push(rule(item.finding));
        }
    }
    let results: Vec<Value> = items
        .iter()
        .map(|item| {
            let f = item.finding;
            let index = rule_ids.iter().position(|id| *id == f.id).unwrap_or(0);
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(f.id));
            result.insert("ruleIndex".into(), json!(index));
            result.insert("level".into(), json!(level(f.severity)));
            result.insert("message".into(), json!({ "text": f.message }));
            if let Some(file) = item.file {
                let mut physical = Map::new();
                physical.insert("artifactLocation".into(), artifact_location(file));
                let region = match &item.region {
                    Some(r) => json!({
                        "startLine": r.start_line,
                        "startColumn": r.start_column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                        "snippet": { "text": r.snippet },
                    }),
                    None => json!({ "startLine": 1 }),
                };
                physical.insert("region".into(), region);
                result.insert(
                    "locations".into(),
                    json!([{ "physicalLocation": Value::Object(physical) }]),
                );
            }
            let hash = fnv1a(&[item.file.unwrap_or(""), f.id, &item.identity]);
            result.insert(
                "partialFingerprints".into(),
                json!({ "sqltls/v1": format!("{hash:016x}") }),
            );
            Value::Object(result)
        })
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "sqltls",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if !notes.is_empty() {
        let notifications: Vec<Value> = notes
            .iter()
            .map(|n| {
                json!({
                    "descriptor": { "id": format!("skipped/{}", n.reason) },
                    "level": "warning",
                    "message": { "text": n.message },
                    "locations": [{
                        "physicalLocation": { "artifactLocation": artifact_location(n.file) }
                    }],
                    "properties": { "reason": n.reason },
                })
            })
            .collect();
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        }]);
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// `sqltls check --sarif`: every finding of the report; a finding about an
/// input file (or a certificate from one) is located at that file, a finding
/// about a `--conn` string or a pasted error has no location.
pub fn render_report(report: &Report) -> String {
    let items: Vec<Item<'_>> = report
        .findings
        .iter()
        .map(|f| {
            let input = f.input.or_else(|| {
                f.certificate
                    .and_then(|c| report.certificates.get(c))
                    .and_then(|c| c.inputs.first().copied())
            });
            let file = input
                .and_then(|i| report.inputs.get(i))
                .map(|i| i.name.as_str());
            let identity = f
                .connection
                .and_then(|c| report.connections.get(c))
                .map(|c| c.redacted.clone())
                .unwrap_or_default();
            Item {
                finding: f,
                file,
                region: None,
                identity,
            }
        })
        .collect();
    render(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            rule_name("conn.trust-server-certificate"),
            "ConnTrustServerCertificate"
        );
        assert_eq!(
            artifact_location("./src/my app/web.config")["uri"],
            "src/my%20app/web.config"
        );
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
    }
}
