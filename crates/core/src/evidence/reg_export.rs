//! `.reg` exports (regedit: `Windows Registry Editor Version 5.00`, UTF-16 LE
//! with BOM; or `REGEDIT4`) of SQL Server's `SuperSocketNetLib` key and the
//! client encryption keys.
//!
//! REG_SZ values are kept exactly as exported — regedit keeps invisible
//! characters such as U+200E in them — with only the `.reg` escapes (`\\`,
//! `\"`) undone. Hex values may continue over lines ending in `\`.

use crate::version::SqlServerVersion;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A parsed registry export.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RegistryExport {
    /// Every `…\MSSQL<NN>.<Instance>\MSSQLServer\SuperSocketNetLib` key in the export.
    pub instances: Vec<InstanceNetLib>,
    /// Machine-wide client settings (SNAC, OLE DB 19).
    pub client: ClientSettings,
}

/// The server's network settings of one instance.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InstanceNetLib {
    /// The key path as exported.
    pub key: String,
    /// Instance id, e.g. `MSSQL15.MSSQLSERVER`.
    pub instance_id: Option<String>,
    /// Version from the instance id (`MSSQL15` → 2019, `MSSQL10_50` → 2008 R2).
    pub version: Option<SqlServerVersion>,
    /// The `Certificate` value exactly as stored (may hold invisible characters).
    pub certificate: Option<String>,
    /// `ForceEncryption` (0/1).
    pub force_encryption: Option<u32>,
    /// `ForceStrict` or `ForceStrictEncryption` (0/1), SQL Server 2022+.
    pub force_strict: Option<u32>,
    /// `HideInstance` (0/1).
    pub hide_instance: Option<u32>,
    /// `ExtendedProtection` (0 Off, 1 Allowed, 2 Required).
    pub extended_protection: Option<u32>,
}

/// Client-side keys of facts A4.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClientSettings {
    /// SNAC `…\MSSQLServer\Client\SuperSocketNetLib` `Encrypt` (Force protocol encryption).
    pub snac_encrypt: Option<u32>,
    /// OLE DB 19 `…\Client\SNI19.0\GeneralFlags\Flag1` `Value`: 0 Optional, 1 Mandatory, 2 Strict.
    pub oledb19_encrypt: Option<u32>,
    /// OLE DB 19 `…\Client\SNI19.0\GeneralFlags\Flag2` `Value`: Trust Server Certificate.
    pub oledb19_trust_server_certificate: Option<u32>,
}

impl ClientSettings {
    /// Is any client value present?
    pub fn is_empty(&self) -> bool {
        self.snac_encrypt.is_none()
            && self.oledb19_encrypt.is_none()
            && self.oledb19_trust_server_certificate.is_none()
    }
}

/// A value as read from the export.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Sz(String),
    Dword(u32),
    Other,
}

/// Recognise and read a `.reg` export. `None` when the text is not one.
pub fn parse_registry(text: &str) -> Option<RegistryExport> {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut lines = text.lines();
    let header = lines.next()?.trim();
    let ansi = if header.eq_ignore_ascii_case("Windows Registry Editor Version 5.00") {
        false
    } else if header.eq_ignore_ascii_case("REGEDIT4") {
        true
    } else {
        return None;
    };
    let mut export = RegistryExport::default();
    // Instance keys already read, by path: a key exported twice is one instance.
    let mut instance_keys: HashMap<String, usize> = HashMap::new();
    let mut key = KeyKind::Other;
    let mut pending = String::new();
    // `pending` continues a hex value: it holds "=hex" (checked once, not per
    // continuation line).
    let mut continuing = false;
    for raw in lines {
        let line = raw.trim_end_matches(['\r', ' ', '\t']);
        if !pending.is_empty() {
            pending.push_str(line.trim_start());
        } else {
            pending.push_str(line);
        }
        if pending.ends_with('\\') && (continuing || pending.contains("=hex")) {
            pending.pop();
            continuing = true;
            continue;
        }
        continuing = false;
        let logical = std::mem::take(&mut pending);
        let l = logical.trim_start();
        if l.is_empty() || l.starts_with(';') {
            continue;
        }
        if let Some(path) = l.strip_prefix('[') {
            let path = path.strip_suffix(']').unwrap_or(path);
            key = classify(path, &mut export, &mut instance_keys);
            continue;
        }
        if matches!(key, KeyKind::Other) {
            continue;
        }
        let Some((name, value)) = parse_value_line(l, ansi) else {
            continue;
        };
        apply(&key, &name, value, &mut export);
    }
    Some(export)
}

enum KeyKind {
    Instance(usize),
    SnacClient,
    Flag1,
    Flag2,
    Other,
}

fn classify(
    path: &str,
    export: &mut RegistryExport,
    instance_keys: &mut HashMap<String, usize>,
) -> KeyKind {
    if path.starts_with('-') {
        return KeyKind::Other;
    }
    let lower = path.to_ascii_lowercase();
    if lower.ends_with("\\mssqlserver\\client\\supersocketnetlib") {
        return KeyKind::SnacClient;
    }
    if lower.ends_with("\\client\\sni19.0\\generalflags\\flag1") {
        return KeyKind::Flag1;
    }
    if lower.ends_with("\\client\\sni19.0\\generalflags\\flag2") {
        return KeyKind::Flag2;
    }
    const MARK: &str = "\\microsoft sql server\\";
    if lower.ends_with("\\mssqlserver\\supersocketnetlib") {
        if let Some(i) = lower.find(MARK) {
            let after = path.get(i + MARK.len()..).unwrap_or("");
            let id = after.split('\\').next().unwrap_or("").to_string();
            let version = id
                .split('.')
                .next()
                .filter(|p| p.to_ascii_uppercase().starts_with("MSSQL"))
                .and_then(|p| p.parse::<SqlServerVersion>().ok());
            probe();
            if let Some(&pos) = instance_keys.get(path) {
                return KeyKind::Instance(pos);
            }
            instance_keys.insert(path.to_string(), export.instances.len());
            export.instances.push(InstanceNetLib {
                key: path.to_string(),
                instance_id: (!id.is_empty()).then_some(id),
                version,
                ..InstanceNetLib::default()
            });
            return KeyKind::Instance(export.instances.len() - 1);
        }
    }
    KeyKind::Other
}

#[cfg(test)]
thread_local! {
    /// Instance-key look-ups made on this thread (tests count work with it).
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn probe() {
    #[cfg(test)]
    PROBES.with(|p| p.set(p.get() + 1));
}

fn apply(key: &KeyKind, name: &str, value: Value, export: &mut RegistryExport) {
    let dword = |v: &Value| match v {
        Value::Dword(d) => Some(*d),
        Value::Sz(s) => s.trim().parse().ok(),
        Value::Other => None,
    };
    let name = name.to_ascii_lowercase();
    match key {
        KeyKind::Instance(i) => {
            let Some(inst) = export.instances.get_mut(*i) else {
                return;
            };
            match name.as_str() {
                "certificate" => {
                    inst.certificate = match value {
                        Value::Sz(s) => Some(s),
                        _ => None,
                    }
                }
                "forceencryption" => inst.force_encryption = dword(&value),
                "forcestrict" | "forcestrictencryption" => inst.force_strict = dword(&value),
                "hideinstance" => inst.hide_instance = dword(&value),
                "extendedprotection" => inst.extended_protection = dword(&value),
                _ => {}
            }
        }
        KeyKind::SnacClient if name == "encrypt" => export.client.snac_encrypt = dword(&value),
        KeyKind::Flag1 if name == "value" => export.client.oledb19_encrypt = dword(&value),
        KeyKind::Flag2 if name == "value" => {
            export.client.oledb19_trust_server_certificate = dword(&value)
        }
        _ => {}
    }
}

/// Read a quoted `.reg` string starting after the opening quote; returns the
/// unescaped string and the rest after the closing quote.
fn quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e)) => out.push(e),
                None => out.push('\\'),
            },
            '"' => return Some((out, s.get(i + 1..).unwrap_or(""))),
            c => out.push(c),
        }
    }
    None
}

fn parse_value_line(line: &str, ansi: bool) -> Option<(String, Value)> {
    let (name, rest) = if let Some(r) = line.strip_prefix('@') {
        (String::new(), r)
    } else {
        quoted(line.strip_prefix('"')?)?
    };
    let data = rest.trim_start().strip_prefix('=')?.trim();
    let value = if let Some(q) = data.strip_prefix('"') {
        Value::Sz(quoted(q).map(|(s, _)| s).unwrap_or_else(|| q.to_string()))
    } else if let Some(h) = strip_prefix_ci(data, "dword:") {
        u32::from_str_radix(h.trim(), 16).map_or(Value::Other, Value::Dword)
    } else if let Some(h) =
        strip_prefix_ci(data, "hex(2):").or_else(|| strip_prefix_ci(data, "hex(1):"))
    {
        Value::Sz(decode_string_bytes(&hex_bytes(h), ansi))
    } else if let Some(h) = strip_prefix_ci(data, "hex(4):") {
        let b = hex_bytes(h);
        match b.as_slice() {
            [a, b2, c, d] => Value::Dword(u32::from_le_bytes([*a, *b2, *c, *d])),
            _ => Value::Other,
        }
    } else {
        Value::Other
    };
    Some((name, value))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn hex_bytes(h: &str) -> Vec<u8> {
    h.split(',')
        .filter_map(|b| u8::from_str_radix(b.trim(), 16).ok())
        .collect()
}

fn decode_string_bytes(bytes: &[u8], ansi: bool) -> String {
    let s = if ansi {
        bytes.iter().map(|&b| char::from(b)).collect::<String>()
    } else {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                u16::from_le_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    s.trim_end_matches('\0').to_string()
}

/// One character of a thumbprint value that is not a hex digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadCharacter {
    /// 1-based position in the value (in characters).
    pub position: usize,
    /// The character.
    pub character: char,
    /// Its name, e.g. "U+200E LEFT-TO-RIGHT MARK (invisible)".
    pub name: String,
}

/// What is wrong with a Certificate value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThumbprintCheck {
    /// Characters that are not hex digits.
    pub bad: Vec<BadCharacter>,
    /// The value with only its hex digits kept (case preserved).
    pub cleaned: String,
}

impl ThumbprintCheck {
    /// Is the value exactly 40 hex digits?
    pub fn is_clean(&self) -> bool {
        self.bad.is_empty() && self.cleaned.len() == 40
    }
}

/// Check a Certificate value character by character.
pub fn check_thumbprint(value: &str) -> ThumbprintCheck {
    let mut bad = Vec::new();
    let mut cleaned = String::new();
    for (i, c) in value.chars().enumerate() {
        if c.is_ascii_hexdigit() {
            cleaned.push(c);
        } else {
            bad.push(BadCharacter {
                position: i + 1,
                character: c,
                name: char_name(c),
            });
        }
    }
    ThumbprintCheck { bad, cleaned }
}

fn char_name(c: char) -> String {
    let code = u32::from(c);
    let what = match c {
        '\u{200e}' => "LEFT-TO-RIGHT MARK (invisible; added when copying the thumbprint from the certificate dialog)",
        '\u{200f}' => "RIGHT-TO-LEFT MARK (invisible)",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE / byte order mark (invisible)",
        '\u{200b}' => "ZERO WIDTH SPACE (invisible)",
        '\u{a0}' => "NO-BREAK SPACE",
        ' ' => "SPACE",
        '\t' => "TAB",
        ':' => "COLON",
        '-' => "HYPHEN-MINUS",
        '?' => "QUESTION MARK (an invisible character lost in a code page conversion)",
        _ if c.is_control() => "control character",
        _ => "",
    };
    if what.is_empty() {
        format!("U+{code:04X} '{c}' (not a hex digit)")
    } else {
        format!("U+{code:04X} {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_escapes_and_continuations() {
        let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL10_50.SQL2008\\MSSQLServer\\SuperSocketNetLib]\r\n\"Certificate\"=\"ab\\\\c\\\"d\"\r\n\"ForceEncryption\"=dword:00000001\r\n\"ForceStrictEncryption\"=hex(4):01,00,00,\\\r\n  00\r\n\"Other\"=hex(2):41,00,\\\r\n  42,00,00,00\r\n";
        let r = parse_registry(text).expect("reg");
        let i = &r.instances[0];
        assert_eq!(i.instance_id.as_deref(), Some("MSSQL10_50.SQL2008"));
        assert_eq!(i.version, Some(SqlServerVersion::V2008R2));
        assert_eq!(i.certificate.as_deref(), Some("ab\\c\"d"));
        assert_eq!(i.force_encryption, Some(1));
        assert_eq!(i.force_strict, Some(1));
    }

    #[test]
    fn names_bad_characters() {
        let c = check_thumbprint("\u{200e}43a4 bada5212c4cfda8dbcfc99ddc753b4db93ed");
        assert_eq!(c.bad.len(), 2);
        assert_eq!(c.bad[0].position, 1);
        assert!(c.bad[0].name.contains("LEFT-TO-RIGHT"));
        assert_eq!(c.bad[1].position, 6);
        assert_eq!(c.cleaned.len(), 40);
        assert!(!c.is_clean());
        assert!(check_thumbprint("43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED").is_clean());
    }

    fn export(instances: usize) -> String {
        let mut s = "Windows Registry Editor Version 5.00\r\n\r\n".to_string();
        for i in 0..instances {
            s.push_str(&format!("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL15.I{i}\\MSSQLServer\\SuperSocketNetLib]\r\n\"ForceEncryption\"=dword:00000001\r\n\r\n"));
        }
        // The first key again: the same instance.
        s.push_str("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL15.I0\\MSSQLServer\\SuperSocketNetLib]\r\n\"Certificate\"=\"ab\"\r\n");
        s
    }

    #[test]
    fn a_key_exported_twice_is_one_instance() {
        let r = parse_registry(&export(3)).expect("reg");
        let ids: Vec<&str> = r
            .instances
            .iter()
            .filter_map(|i| i.instance_id.as_deref())
            .collect();
        assert_eq!(ids, ["MSSQL15.I0", "MSSQL15.I1", "MSSQL15.I2"]);
        assert_eq!(r.instances[0].certificate.as_deref(), Some("ab"));
        assert_eq!(r.instances[0].force_encryption, Some(1));
    }

    #[test]
    fn instance_look_ups_are_linear() {
        let mut work = Vec::new();
        for n in [5_000, 10_000] {
            PROBES.with(|p| p.set(0));
            let r = parse_registry(&export(n)).expect("reg");
            assert_eq!(r.instances.len(), n);
            work.push(PROBES.with(std::cell::Cell::get));
        }
        // One look-up per key line, not a scan of the instances read so far.
        assert_eq!(work, [5_001, 10_001]);
    }

    #[test]
    fn not_a_reg_file() {
        assert!(parse_registry("hello").is_none());
        assert!(parse_registry("").is_none());
    }
}
