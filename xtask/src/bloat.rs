//! `cargo xtask bloat FILE.wasm`: where the bytes of a wasm module go, by crate.
//!
//! Reads the module's function bodies and its `name` section (kept by `cargo build` and
//! by wasm-bindgen; wasm-opt drops it, so measure before wasm-opt), demangles each
//! function name and charges the body's size to the crate the name starts with
//! (`sqltls_core::cert::read` → `sqltls_core`; `<x509_cert::Certificate as
//! der::Decode>::decode` → `x509_cert`, the type's crate). Data segments and
//! custom sections are listed as their own rows. Each row also gives the gzip -9
//! size of its bytes compressed on their own, a rough guide to what removing them
//! would save from the compressed module.

use crate::budgets::gzip9;
use std::collections::BTreeMap;
use wasmparser::{Name, Parser, Payload};

/// One row of the breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The crate (or `[data]`, `[custom: name]`, `[unnamed]`).
    pub owner: String,
    /// Functions charged to it.
    pub functions: usize,
    /// Raw bytes.
    pub raw: u64,
    /// gzip -9 of its bytes on their own.
    pub gz: u64,
}

/// The crate a demangled function name belongs to: the first path segment of the
/// name, or of the self type in `<T as Trait>::f`.
pub fn owner_of(demangled: &str) -> String {
    let s = demangled.trim_start_matches('<').trim_start_matches('&');
    let s = s.strip_prefix("mut ").unwrap_or(s);
    let s = s.strip_prefix("dyn ").unwrap_or(s);
    let s = s.trim_start_matches(['<', '&', '[', '(', '*']);
    let s = s
        .strip_prefix("const ")
        .or_else(|| s.strip_prefix("mut "))
        .unwrap_or(s);
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    let head = &s[..end];
    if head.is_empty() {
        return "[unnamed]".into();
    }
    // Names already demangled by the toolchain carry the crate's disambiguator:
    // `core[c5930c85a12de822]::fmt::write`.
    let after = &s[end..];
    let after = match after.strip_prefix('[').and_then(|a| a.split_once(']')) {
        Some((_, rest)) => rest,
        None => after,
    };
    if after.starts_with("::") {
        head.to_string()
    } else if head.starts_with(|c: char| c.is_ascii_uppercase()) {
        // `<&T as core::fmt::Debug>::fmt`: a generic left in the name.
        "[generic]".into()
    } else {
        // A bare symbol (`memcpy`, `__wbindgen_malloc`): the runtime's.
        format!("[symbol] {head}")
    }
}

/// The breakdown of `wasm`, largest first. Errors name what could not be read.
pub fn breakdown(wasm: &[u8]) -> Result<Vec<Share>, String> {
    let mut imported = 0u32;
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut bodies: Vec<(u32, &[u8])> = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    let mut custom: Vec<(String, &[u8])> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| format!("wasm: {e}"))? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| format!("imports: {e}"))?;
                    if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let index = imported + bodies.len() as u32;
                bodies.push((index, &wasm[body.range()]));
            }
            Payload::DataSection(reader) => {
                for segment in reader {
                    let segment = segment.map_err(|e| format!("data: {e}"))?;
                    data.extend_from_slice(segment.data);
                }
            }
            Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                } else {
                    custom.push((section.name().to_string(), section.data()));
                }
            }
            _ => {}
        }
    }
    let mut groups: BTreeMap<String, (usize, Vec<u8>)> = BTreeMap::new();
    for (index, body) in bodies {
        let owner = names
            .get(&index)
            .map(|n| owner_of(&format!("{:#}", rustc_demangle::demangle(n))))
            .unwrap_or_else(|| "[unnamed]".into());
        let entry = groups.entry(owner).or_default();
        entry.0 += 1;
        entry.1.extend_from_slice(body);
    }
    let mut shares: Vec<Share> = groups
        .into_iter()
        .map(|(owner, (functions, bytes))| Share {
            owner,
            functions,
            raw: bytes.len() as u64,
            gz: gzip9(&bytes).len() as u64,
        })
        .collect();
    if !data.is_empty() {
        shares.push(Share {
            owner: "[data]".into(),
            functions: 0,
            raw: data.len() as u64,
            gz: gzip9(&data).len() as u64,
        });
    }
    for (name, bytes) in custom {
        shares.push(Share {
            owner: format!("[custom: {name}]"),
            functions: 0,
            raw: bytes.len() as u64,
            gz: gzip9(bytes).len() as u64,
        });
    }
    shares.sort_by(|a, b| b.raw.cmp(&a.raw).then_with(|| a.owner.cmp(&b.owner)));
    Ok(shares)
}

/// The breakdown as a table: the `top` largest rows and one line for the rest.
pub fn table(shares: &[Share], top: usize) -> String {
    let total: u64 = shares.iter().map(|s| s.raw).sum();
    let mut out = format!(
        "  {:<36} {:>6} {:>10} {:>7} {:>10}\n",
        "crate / section", "fns", "raw", "share", "gz alone"
    );
    let line = |owner: &str, functions: usize, raw: u64, gz: u64| {
        format!(
            "  {:<36} {:>6} {:>8.1}KB {:>6.1}% {:>8.1}KB\n",
            owner,
            functions,
            raw as f64 / 1024.0,
            100.0 * raw as f64 / total.max(1) as f64,
            gz as f64 / 1024.0
        )
    };
    for s in shares.iter().take(top) {
        out.push_str(&line(&s.owner, s.functions, s.raw, s.gz));
    }
    let rest = &shares[top.min(shares.len())..];
    if !rest.is_empty() {
        let label = format!("({} more)", rest.len());
        let raw = rest.iter().map(|s| s.raw).sum();
        let gz = rest.iter().map(|s| s.gz).sum();
        let functions = rest.iter().map(|s| s.functions).sum();
        out.push_str(&line(&label, functions, raw, gz));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_charged_to_their_crate() {
        assert_eq!(owner_of("sqltls_core::cert::read"), "sqltls_core");
        assert_eq!(
            owner_of("<x509_cert::certificate::CertificateInner as der::decode::Decode>::decode"),
            "x509_cert"
        );
        assert_eq!(owner_of("<&T as core::fmt::Debug>::fmt"), "[generic]");
        assert_eq!(
            owner_of("<alloc::vec::Vec<u8> as core::clone::Clone>::clone"),
            "alloc"
        );
        assert_eq!(owner_of("memcpy"), "[symbol] memcpy");
        assert_eq!(
            owner_of("core[c5930c85a12de822]::str::slice_error_fail_rt"),
            "core"
        );
        assert_eq!(owner_of(""), "[unnamed]");
    }

    /// A module written by hand in the binary format: one imported function, two
    /// defined functions named in the `name` section (one of them mangled), one data
    /// segment. Every byte is accounted for by function, data or section.
    #[test]
    fn a_small_module_is_broken_down_by_name() {
        let mangled = "_ZN11sqltls_core4cert4read17h0123456789abcdefE";
        let mut name_payload = vec![1u8]; // function names subsection
        let mut map = vec![2u8]; // two names
        for (index, name) in [(1u8, mangled), (2u8, "memcpy")] {
            map.push(index);
            map.push(name.len() as u8);
            map.extend_from_slice(name.as_bytes());
        }
        name_payload.push(map.len() as u8);
        name_payload.extend_from_slice(&map);
        let mut custom = vec![4u8];
        custom.extend_from_slice(b"name");
        custom.extend_from_slice(&name_payload);

        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type () -> ()
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        // import section: "m" "f" func type 0
        wasm.extend_from_slice(&[2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        // function section: two functions of type 0
        wasm.extend_from_slice(&[3, 3, 2, 0, 0]);
        // memory section: one memory, min 1 page
        wasm.extend_from_slice(&[5, 3, 1, 0, 1]);
        // code section: body 1 = no locals, 4 nops, end (6 bytes), body 2 = no locals, end
        wasm.extend_from_slice(&[10, 11, 2, 6, 0, 1, 1, 1, 1, 0x0b, 2, 0, 0x0b]);
        // data section: one active segment of 5 bytes at offset 0
        wasm.extend_from_slice(&[11, 11, 1, 0, 0x41, 0, 0x0b, 5, b'h', b'e', b'l', b'l', b'o']);
        wasm.push(0);
        wasm.push(custom.len() as u8);
        wasm.extend_from_slice(&custom);

        let shares = breakdown(&wasm).unwrap();
        let owners: Vec<(&str, usize, u64)> = shares
            .iter()
            .map(|s| (s.owner.as_str(), s.functions, s.raw))
            .collect();
        assert_eq!(
            owners,
            vec![
                ("sqltls_core", 1, 6),
                ("[data]", 0, 5),
                ("[symbol] memcpy", 1, 2)
            ]
        );
        let text = table(&shares, 2);
        assert!(text.contains("sqltls_core"), "{text}");
        assert!(text.contains("(1 more)"), "{text}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(breakdown(b"not wasm").is_err());
        assert!(breakdown(b"\0asm\x01\0\0\0\x0a\xff").is_err());
    }
}
