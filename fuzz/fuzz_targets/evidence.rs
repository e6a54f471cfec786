//! `evidence::analyze_text` on arbitrary text: ERRORLOG, registry export,
//! mssql.conf and pasted error messages.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = sqltls_core::evidence::analyze_text(&text, &[], None);
});
