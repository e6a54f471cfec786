//! `certutil -store` output, plain and `-v`, in English and in the
//! translations certutil ships (French and German labels taken from public
//! posts; see `tests/fixtures/store/README.md`).

use super::{
    eku_name, key_usage_bits, thumbprint, trailing_oid, when, DumpTool, KeyState, StoreCert,
    StoreDump, StoreLocation, MAX_DUMP_CERTIFICATES,
};
use crate::cert::KeyType;
use crate::input::pkcs12::KeySpec;

/// Labels of a `Label: value` line, per language.
const SERIAL: &[&str] = &["Serial Number", "Numéro de série", "Seriennummer"];
const ISSUER: &[&str] = &["Issuer", "Émetteur", "Aussteller"];
const SUBJECT: &[&str] = &["Subject", "Objet", "Antragsteller"];
const NOT_BEFORE: &[&str] = &["NotBefore", "Nicht vor"];
const NOT_AFTER: &[&str] = &["NotAfter", "Nicht nach"];
const CERT_HASH: &[&str] = &["Cert Hash(sha1)", "Hach. cert. (sha1)"];
const KEY_CONTAINER: &[&str] = &["Key Container"];
const PROVIDER: &[&str] = &["Provider"];
const KEY_SPEC: &[&str] = &["KeySpec"];
const KEY_LENGTH: &[&str] = &["Public Key Length", "Länge des öffentlichen Schlüssels"];
const ALGORITHM_OID: &[&str] = &["Algorithm ObjectId", "Algorithmus Objekt-ID"];
const SIGNATURE_ALGORITHM: &[&str] = &["Signature Algorithm", "Signaturalgorithmus"];
const PUBLIC_KEY_ALGORITHM: &[&str] =
    &["Public Key Algorithm", "Öffentlicher Schlüssel-Algorithmus"];
/// Whole lines (prefixes), per language.
const NOT_EXPORTABLE: &[&str] = &["Private key is NOT exportable"];
const ENCRYPTION_PASSED: &[&str] = &["Encryption test passed"];
const SIGNATURE_PASSED: &[&str] = &["Signature test passed"];
const TEST_FAILED: &[&str] = &["Encryption test FAILED", "Signature test FAILED"];
const NO_KEY: &[&str] = &[
    "No key provider information",
    "Aucune information sur le fournisseur de clé",
];
const KEYSET_MISSING: &[&str] = &["Missing stored keyset"];
const ROOT: &[&str] = &["Root Certificate:", "Certificat racine"];
const VERBOSE: &[&str] = &["X509 Certificate:", "X.509-Zertifikat:"];
const EXTENSIONS: &[&str] = &["Certificate Extensions"];

/// The value of a `Label: value` / `Label = value` line for one of `labels`.
fn field<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let t = line.trim();
    for label in labels {
        let Some(head) = t.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = t[label.len()..].trim_start();
        if let Some(v) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) {
            return Some(v.trim());
        }
    }
    None
}

/// Does the line start with one of `texts` (ignoring case and indentation)?
fn is(line: &str, texts: &[&str]) -> bool {
    let t = line.trim();
    texts.iter().any(|x| {
        t.get(..x.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(x))
    })
}

/// `================ Certificate 0 ================` in any language.
fn is_header(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("====")
        && t.ends_with("====")
        && t.trim_matches('=').split_whitespace().count() == 2
        && t.trim_matches('=')
            .split_whitespace()
            .last()
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// A line indented by how many leading spaces.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[derive(Default)]
struct Block {
    cert: StoreCert,
    encryption_passed: bool,
    signature_passed: bool,
    failed: bool,
    no_key: bool,
    keyset_missing: bool,
    verbose: bool,
    extensions: bool,
}

impl Block {
    fn finish(mut self, location: Option<StoreLocation>, store: Option<&str>) -> StoreCert {
        let c = &mut self.cert;
        c.location = location;
        c.store = store.map(str::to_string);
        c.tool = Some(if self.verbose {
            DumpTool::CertutilVerbose
        } else {
            DumpTool::Certutil
        });
        if self.extensions {
            c.extensions_shown = true;
            c.eku.get_or_insert_with(Vec::new);
            c.key_usage.get_or_insert_with(Vec::new);
            c.dns_names.get_or_insert_with(Vec::new);
        }
        c.key = if self.keyset_missing {
            KeyState::KeysetMissing
        } else if self.failed {
            KeyState::TestFailed
        } else if self.no_key {
            KeyState::None
        } else if c.provider.is_some()
            || c.key_container.is_some()
            || self.encryption_passed
            || self.signature_passed
        {
            KeyState::Present
        } else {
            KeyState::Unknown
        };
        if c.key_spec.is_none() {
            if self.signature_passed {
                c.key_spec = Some(KeySpec::Signature);
            } else if self.encryption_passed {
                c.key_spec = Some(KeySpec::KeyExchange);
            }
        }
        self.cert
    }
}

/// Which multi-line part of a `-v` dump the lines belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    IssuerName,
    SubjectName,
    SignatureAlgorithm,
    PublicKeyAlgorithm,
    Extension(Ext),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ext {
    Eku,
    San,
    KeyUsage,
    BasicConstraints,
    Other,
}

/// Read a certutil store dump; `None` when the text is not one.
pub(super) fn parse(text: &str) -> Option<StoreDump> {
    let mut location = None;
    let mut store: Option<String> = None;
    let mut blocks: Vec<StoreCert> = Vec::new();
    let mut current: Option<Block> = None;
    let mut part = Part::None;
    let mut dn: Vec<String> = Vec::new();
    let mut headers = 0usize;
    for raw in text.lines() {
        let line = raw.trim_end();
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if lower.contains("certutil") && lower.contains("-store") && !lower.contains("certutil:") {
            // The command line says the location: -user, or the computer's store.
            location = Some(if lower.contains("-user") {
                StoreLocation::CurrentUser
            } else {
                StoreLocation::LocalMachine
            });
            // `certutil [-user] [-v] -store [-user] NAME [thumbprint]`
            let words: Vec<&str> = t.split_whitespace().collect();
            if let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case("-store")) {
                if let Some(name) = words[i + 1..].iter().find(|w| !w.starts_with('-')) {
                    store = Some((*name).to_string());
                }
            }
            continue;
        }
        // `X509 Certificate:` opens a `-v` block when the `====` line was not copied.
        let verbose_start = is(t, VERBOSE)
            && current
                .as_ref()
                .is_none_or(|b| b.cert.serial.is_some() || b.cert.thumbprint.is_some());
        if is_header(t) || verbose_start {
            headers += 1;
            if let Some(mut b) = current.take() {
                flush_dn(&mut b, part, &mut dn);
                blocks.push(b.finish(location, store.as_deref()));
            }
            if blocks.len() >= MAX_DUMP_CERTIFICATES {
                break;
            }
            current = Some(Block {
                verbose: verbose_start,
                ..Block::default()
            });
            part = Part::None;
            if !verbose_start {
                continue;
            }
        }
        let Some(block) = current.as_mut() else {
            // The store name certutil prints first (`My`, `Root`).
            if store.is_none() && !t.is_empty() && !t.contains(' ') && t.len() <= 40 {
                store = Some(t.to_string());
            }
            continue;
        };
        // Multi-line names of `-v`.
        if matches!(part, Part::IssuerName | Part::SubjectName) {
            if indent(line) >= 4 && t.contains('=') && !t.contains("Hash") && !t.contains("hash") {
                dn.push(t.to_string());
                continue;
            }
            let name = dn.join(", ");
            if !name.is_empty() {
                if part == Part::IssuerName {
                    block.cert.issuer = Some(name);
                } else {
                    block.cert.subject = Some(name);
                }
            }
            dn.clear();
            part = Part::None;
        }
        if is(t, VERBOSE) {
            block.verbose = true;
        }
        if is(t, EXTENSIONS) {
            block.extensions = true;
        }
        if let Some(v) = field(t, SERIAL) {
            block.cert.serial = Some(v.replace(' ', "").to_ascii_uppercase());
        } else if let Some(v) = field(t, ISSUER) {
            if v.is_empty() {
                part = Part::IssuerName;
            } else {
                block.cert.issuer = Some(v.to_string());
            }
        } else if let Some(v) = field(t, SUBJECT) {
            if v.is_empty() {
                part = Part::SubjectName;
            } else {
                block.cert.subject = Some(v.to_string());
            }
        } else if let Some(v) = field(t, NOT_BEFORE) {
            block.cert.not_before = when::parse(v);
        } else if let Some(v) = field(t, NOT_AFTER) {
            block.cert.not_after = when::parse(v);
        } else if let Some(v) = field(t, CERT_HASH) {
            block.cert.thumbprint = thumbprint(v);
        } else if let Some(v) = field(t, KEY_CONTAINER) {
            block.cert.key_container = Some(v.to_string());
        } else if let Some(v) = field(t, PROVIDER) {
            block.cert.provider = Some(v.to_string());
        } else if let Some(v) = field(t, KEY_SPEC) {
            block.cert.key_spec = match v.split_whitespace().next() {
                Some("1") => Some(KeySpec::KeyExchange),
                Some("2") => Some(KeySpec::Signature),
                _ => None,
            };
        } else if let Some(v) = field(t, KEY_LENGTH) {
            block.cert.key_bits = v.split_whitespace().next().and_then(|n| n.parse().ok());
        } else if field(t, SIGNATURE_ALGORITHM).is_some_and(str::is_empty) {
            part = Part::SignatureAlgorithm;
        } else if field(t, PUBLIC_KEY_ALGORITHM).is_some_and(str::is_empty) {
            part = Part::PublicKeyAlgorithm;
        } else if let Some(v) = field(t, ALGORITHM_OID) {
            let oid = v.split_whitespace().next().unwrap_or("");
            match part {
                Part::SignatureAlgorithm if block.cert.signature_algorithm.is_none() => {
                    block.cert.signature_algorithm = Some(oid.to_string());
                }
                Part::PublicKeyAlgorithm => {
                    block.cert.key_type = Some(match oid {
                        "1.2.840.113549.1.1.1" => KeyType::Rsa,
                        "1.2.840.10045.2.1" => KeyType::Ec,
                        "1.3.101.112" | "1.3.101.113" => KeyType::Eddsa,
                        "1.2.840.10040.4.1" => KeyType::Dsa,
                        _ => KeyType::Other,
                    });
                }
                _ => {}
            }
            part = Part::None;
        } else if is(t, NOT_EXPORTABLE) {
            block.cert.exportable = Some(false);
        } else if is(t, ENCRYPTION_PASSED) {
            block.encryption_passed = true;
        } else if is(t, SIGNATURE_PASSED) {
            block.signature_passed = true;
        } else if is(t, TEST_FAILED) {
            block.failed = true;
        } else if is(t, NO_KEY) {
            block.no_key = true;
        } else if is(t, KEYSET_MISSING) {
            block.keyset_missing = true;
        } else if is(t, ROOT) {
            block.cert.root = true;
        } else if let Some(ext) = extension_start(t) {
            block.verbose = true;
            block.extensions = true;
            part = Part::Extension(ext);
        } else if let Part::Extension(ext) = part {
            if indent(line) == 0 && !t.is_empty() {
                part = Part::None;
            } else {
                extension_line(&mut block.cert, ext, t);
            }
        }
    }
    if let Some(mut b) = current.take() {
        flush_dn(&mut b, part, &mut dn);
        blocks.push(b.finish(location, store.as_deref()));
    }
    let recognised = blocks.iter().any(|c| {
        c.thumbprint.is_some() || c.serial.is_some() && (c.subject.is_some() || c.issuer.is_some())
    });
    (headers > 0 && recognised).then(|| StoreDump {
        tool: if blocks
            .iter()
            .any(|c| c.tool == Some(DumpTool::CertutilVerbose))
        {
            DumpTool::CertutilVerbose
        } else {
            DumpTool::Certutil
        },
        certificates: blocks,
    })
}

/// A `-v` name still being read when its block ends.
fn flush_dn(block: &mut Block, part: Part, dn: &mut Vec<String>) {
    let name = dn.join(", ");
    dn.clear();
    if name.is_empty() {
        return;
    }
    match part {
        Part::IssuerName => block.cert.issuer = Some(name),
        Part::SubjectName => block.cert.subject = Some(name),
        _ => {}
    }
}

/// `2.5.29.37: Flags = 0, Length = c` starts an extension.
fn extension_start(t: &str) -> Option<Ext> {
    let (oid, rest) = t.split_once(':')?;
    if !rest.trim_start().starts_with("Flags") {
        return None;
    }
    Some(match oid.trim() {
        "2.5.29.37" => Ext::Eku,
        "2.5.29.17" => Ext::San,
        "2.5.29.15" => Ext::KeyUsage,
        "2.5.29.19" => Ext::BasicConstraints,
        o if o.contains('.') && o.chars().all(|c| c.is_ascii_digit() || c == '.') => Ext::Other,
        _ => return None,
    })
}

fn extension_line(cert: &mut StoreCert, ext: Ext, t: &str) {
    match ext {
        Ext::Eku => {
            if let Some(oid) = trailing_oid(t) {
                cert.eku.get_or_insert_with(Vec::new).push(eku_name(oid));
            }
        }
        Ext::San => {
            for entry in t.split(',') {
                let entry = entry.trim();
                if let Some((k, v)) = entry.split_once('=') {
                    let k = k.trim().to_ascii_lowercase().replace('-', " ");
                    if k == "dns name" {
                        cert.dns_names
                            .get_or_insert_with(Vec::new)
                            .push(v.trim().to_string());
                    } else if k == "ip address" || k == "ip adresse" {
                        cert.ip_addresses.push(v.trim().to_string());
                    }
                }
            }
        }
        Ext::KeyUsage => {
            // `Digital Signature, Key Encipherment (a0)`: the byte in parentheses.
            if let Some(open) = t.rfind('(') {
                let hex = t[open + 1..].trim_end_matches(')').trim();
                if (1..=4).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    let first = &hex[..hex.len().min(2)];
                    if let Ok(byte) = u8::from_str_radix(first, 16) {
                        cert.key_usage = Some(key_usage_bits(byte));
                    }
                }
            }
        }
        Ext::BasicConstraints => {
            if let Some((_, v)) = t.split_once('=') {
                let v = v.trim();
                if v.eq_ignore_ascii_case("CA") {
                    cert.is_ca = Some(true);
                } else if v.eq_ignore_ascii_case("End Entity") {
                    cert.is_ca = Some(false);
                }
            }
        }
        Ext::Other => {}
    }
}
