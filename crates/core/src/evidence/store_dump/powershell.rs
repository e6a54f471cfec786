//! PowerShell's `Format-List` view of `Cert:\` items (`Get-ChildItem
//! Cert:\LocalMachine\My | Format-List *`, `Get-Item … | Select-Object *`)
//! and dbatools' `Get-DbaComputerCertificate` (properties ComputerName,
//! Store, Folder, Name, DnsNameList, Thumbprint, NotBefore, NotAfter,
//! Subject, Issuer, Algorithm: dataplat/dbatools,
//! public/Get-DbaComputerCertificate.ps1).

use super::{
    eku_name, thumbprint, trailing_oid, when, DumpTool, KeyState, ProviderKind, StoreCert,
    StoreDump, StoreLocation, MAX_DUMP_CERTIFICATES,
};

/// Most properties read into one record.
const MAX_PROPERTIES: usize = 64;

/// Longest value kept (continuation lines of `Extensions`, `RawData`).
const MAX_VALUE: usize = 4096;

/// One `Name : Value` record.
type Record = Vec<(String, String)>;

/// Split Format-List text into records: `Name : Value` lines, continuation
/// lines indented, records separated by blank lines (or a repeated name).
fn records(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut cur: Record = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let starts_indented = line.starts_with(' ') || line.starts_with('\t');
        let pair = line
            .split_once(" : ")
            .or_else(|| line.strip_suffix(" :").map(|name| (name, "")));
        match pair {
            Some((name, value))
                if !starts_indented
                    && !name.trim().is_empty()
                    && name
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                let name = name.trim().to_string();
                // A certificate has some 35 properties: a longer record is
                // cut, which keeps the repeated-name check bounded.
                if cur.len() >= MAX_PROPERTIES
                    || cur.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name))
                {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push((name, value.trim().to_string()));
            }
            _ if starts_indented => {
                if let Some((_, v)) = cur.last_mut() {
                    if v.len() < MAX_VALUE {
                        v.push_str(line.trim());
                    }
                }
            }
            _ => {}
        }
        if out.len() > MAX_DUMP_CERTIFICATES * 2 {
            break;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn get<'a>(r: &'a Record, name: &str) -> Option<&'a str> {
    r.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// `{a, b}` as PowerShell prints a collection.
fn list(v: &str) -> Vec<String> {
    v.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .split(',')
        .map(|s| s.trim().trim_end_matches("...").trim().to_string())
        .filter(|s| !s.is_empty() && s != "…")
        .collect()
}

/// The dotted OID of a signature algorithm as .NET names it (`sha256RSA`).
fn signature_oid(name: &str) -> Option<&'static str> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "md5rsa" => "1.2.840.113549.1.1.4",
        "sha1rsa" => "1.2.840.113549.1.1.5",
        "sha256rsa" => "1.2.840.113549.1.1.11",
        "sha384rsa" => "1.2.840.113549.1.1.12",
        "sha512rsa" => "1.2.840.113549.1.1.13",
        "sha256ecdsa" => "1.2.840.10045.4.3.2",
        "sha384ecdsa" => "1.2.840.10045.4.3.3",
        "sha512ecdsa" => "1.2.840.10045.4.3.4",
        _ => return None,
    })
}

fn location_of(path: &str) -> Option<StoreLocation> {
    let p = path.to_ascii_lowercase();
    if p.contains("localmachine") {
        Some(StoreLocation::LocalMachine)
    } else if p.contains("currentuser") {
        Some(StoreLocation::CurrentUser)
    } else {
        None
    }
}

fn cert_of(r: &Record) -> Option<StoreCert> {
    let thumb = thumbprint(get(r, "Thumbprint")?)?;
    let known = [
        "Subject",
        "NotAfter",
        "HasPrivateKey",
        "DnsNameList",
        "PSParentPath",
        "Issuer",
    ]
    .iter()
    .filter(|n| get(r, n).is_some())
    .count();
    if known < 2 {
        return None;
    }
    let dbatools = get(r, "ComputerName").is_some()
        && (get(r, "Folder").is_some() || get(r, "SqlInstance").is_some());
    let mut c = StoreCert {
        thumbprint: Some(thumb),
        tool: Some(if dbatools {
            DumpTool::Dbatools
        } else {
            DumpTool::PowerShell
        }),
        ..StoreCert::default()
    };
    c.subject = get(r, "Subject")
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    c.issuer = get(r, "Issuer")
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    c.serial = get(r, "SerialNumber").map(str::to_ascii_uppercase);
    c.not_before = get(r, "NotBefore").and_then(when::parse);
    c.not_after = get(r, "NotAfter")
        .or_else(|| get(r, "Expires"))
        .and_then(when::parse);
    c.dns_names = get(r, "DnsNameList").map(list);
    c.eku = get(r, "EnhancedKeyUsageList").map(|v| {
        list(v)
            .iter()
            .filter_map(|e| trailing_oid(e).map(eku_name))
            .collect()
    });
    c.signature_algorithm = get(r, "Algorithm")
        .and_then(signature_oid)
        .map(str::to_string);
    c.key = match get(r, "HasPrivateKey")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("true") => KeyState::Present,
        Some("false") => KeyState::None,
        _ => KeyState::Unknown,
    };
    // Windows PowerShell's X509Certificate2.PrivateKey is an
    // RSACryptoServiceProvider only for a CryptoAPI (CSP) key; it is empty
    // for a CNG key (dataplat/dbatools#10713), and empty for other reasons
    // too, so only the CSP case is taken as a fact.
    if get(r, "PrivateKey").is_some_and(|v| v.contains("RSACryptoServiceProvider")) {
        c.provider_class = Some(ProviderKind::LegacyCsp);
    }
    let path = get(r, "PSParentPath").or_else(|| get(r, "PSPath"));
    c.location = path
        .and_then(location_of)
        .or_else(|| get(r, "Store").and_then(location_of));
    c.store = get(r, "Folder").map(str::to_string).or_else(|| {
        // `Microsoft.PowerShell.Security\Certificate::LocalMachine\My`
        get(r, "PSParentPath")
            .and_then(|p| p.rsplit('\\').next())
            .map(str::to_string)
    });
    Some(c)
}

/// Read a Format-List dump of certificates; `None` when the text is not one.
pub(super) fn parse(text: &str) -> Option<StoreDump> {
    let certificates: Vec<StoreCert> = records(text)
        .iter()
        .filter_map(cert_of)
        .take(MAX_DUMP_CERTIFICATES)
        .collect();
    let first = certificates.first()?;
    Some(StoreDump {
        tool: first.tool(),
        certificates,
    })
}
