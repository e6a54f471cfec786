//! `--json`: the serde form of the report.

use sqltls_core::Report;

/// Pretty JSON of the whole report, with a final newline.
pub fn render(report: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
