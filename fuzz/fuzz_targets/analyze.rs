//! The whole `analyze`: files, password, connection strings, pasted errors
//! and options carved from one input.
//!
//! Layout: byte 0 = flags (bits 0-1: number of files 0..=3, bit 2: password,
//! bits 3-4: driver, bit 5: ForceEncryption, bits 6-7: server version); the
//! rest is split on the separator `\n--8<--\n` into pieces: first the files,
//! then one connection string, then one error text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sqltls_core::{analyze, AnalysisRequest, InputFile, SqlServerVersion};

const SEP: &[u8] = b"\n--8<--\n";

fn split(mut data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while let Some(at) = data.windows(SEP.len()).position(|w| w == SEP) {
        out.push(&data[..at]);
        data = &data[at + SEP.len()..];
        if out.len() == 5 {
            break;
        }
    }
    out.push(data);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut pieces = split(rest).into_iter();
    let n_files = (flags & 3) as usize;
    let names = ["server.pem", "bundle.p7b", "server.pfx"];
    let files: Vec<InputFile> = names
        .iter()
        .take(n_files)
        .filter_map(|name| {
            pieces.next().map(|b| InputFile {
                name: (*name).to_string(),
                bytes: b.to_vec(),
            })
        })
        .collect();
    let connections: Vec<String> = pieces
        .next()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .into_iter()
        .collect();
    let errors: Vec<String> = pieces
        .next()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .into_iter()
        .collect();
    let req = AnalysisRequest {
        files,
        password: (flags & 4 != 0).then(|| "Pa55w0rd!".to_string()),
        now_unix: 1_750_000_000,
        server_version: match flags >> 6 {
            0 => None,
            1 => Some(SqlServerVersion::V2016),
            2 => Some(SqlServerVersion::V2008R2),
            _ => SqlServerVersion::from_major(16, 0),
        },
        warn_days: 30,
        connections,
        driver: match (flags >> 3) & 3 {
            0 => None,
            1 => Some("odbc@17".to_string()),
            2 => Some("sqlclient".to_string()),
            _ => Some("jdbc@12.2".to_string()),
        },
        server_force_encryption: (flags & 0x20 != 0).then_some(true),
        errors,
        ..AnalysisRequest::default()
    };
    let report = analyze(&req);
    let _ = serde_json::to_string(&report);
});
