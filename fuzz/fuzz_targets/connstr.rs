//! Connection strings: the first byte picks a driver spec (or none) and the
//! server's ForceEncryption; the rest, as UTF-8-lossy text, goes through
//! `connstr::analyze_connection` and `connstr::redact`.
//!
//! Secret check (cheap): a password of a known shape is put in front of the
//! fuzzed text (`Server=tcp:h;Password=S3cr..tZ;<text>`); whatever the text
//! does afterwards, neither `redact` nor the JSON of the report may contain it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sqltls_core::connstr::{analyze_connection, redact, ConnectionRequest};

const DRIVERS: &[Option<&str>] = &[
    None,
    Some("sqlclient"),
    Some("sqlclient@1.1"),
    Some("sqlclient@5.2"),
    Some("system.data.sqlclient"),
    Some("odbc"),
    Some("odbc@17"),
    Some("odbc@18.1"),
    Some("oledb"),
    Some("oledb@19"),
    Some("jdbc"),
    Some("jdbc@9.4"),
    Some("jdbc@12.2"),
    Some("go-mssqldb"),
    Some("tedious"),
    Some("freetds"),
    Some("freetds@1.3"),
    Some("nonsense@x.y"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let driver = DRIVERS[(sel & 0x1f) as usize % DRIVERS.len()];
    let force = match sel >> 6 {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    let text = String::from_utf8_lossy(rest);

    let report = analyze_connection(
        &ConnectionRequest {
            text: &text,
            driver,
            server_force_encryption: force,
        },
        &[],
    );
    let _ = serde_json::to_string(&report);
    let _ = redact(&text);

    // Secret check.
    let secret = format!(
        "S3cr{:02x}{:02x}tZ",
        rest.first().copied().unwrap_or(0),
        rest.get(1).copied().unwrap_or(0)
    );
    if text.contains("S3cr") {
        return;
    }
    let full = format!("Server=tcp:h;Password={secret};{text}");
    let redacted = redact(&full);
    assert!(
        !redacted.contains(&secret),
        "redact leaked the password: {redacted:?}"
    );
    let report = analyze_connection(
        &ConnectionRequest {
            text: &full,
            driver,
            server_force_encryption: force,
        },
        &[],
    );
    let json = serde_json::to_string(&report).unwrap_or_default();
    assert!(
        !json.contains(&secret),
        "the connection report leaked the password: {json}"
    );
});
