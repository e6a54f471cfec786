//! Windows certificate-store dumps pasted as evidence: `certutil -store My`
//! (plain and `-v`, `-user`, English and localized), PowerShell
//! `Get-ChildItem Cert:\LocalMachine\My | Format-List *` and dbatools'
//! `Get-DbaComputerCertificate`. Each certificate in a dump becomes a
//! [`StoreCert`]: what the dump shows of it (names, validity, thumbprint,
//! extensions with `-v`) and of its private key (provider and its kind,
//! KeySpec, present or missing, exportable), plus which of these facts the
//! dump could not show. The formats: facts A6.

mod certutil;
mod powershell;
mod when;

use crate::cert::{
    signature_algorithm, CertificateInfo, KeyType, PublicKeyInfo, SignatureAlgorithm, Validity,
};
use crate::input::pkcs12::{is_cng_provider, KeySpec};
use serde::{Deserialize, Serialize};

/// Largest number of certificates read from one dump.
pub const MAX_DUMP_CERTIFICATES: usize = 200;

/// The program whose output the dump is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DumpTool {
    /// `certutil -store` (plain).
    Certutil,
    /// `certutil -v -store` (every field and extension).
    CertutilVerbose,
    /// PowerShell `Format-List *` / `Select-Object *` of `Cert:\` items.
    PowerShell,
    /// dbatools `Get-DbaComputerCertificate` / `Get-DbaNetworkCertificate`.
    Dbatools,
}

impl DumpTool {
    /// The command that shows the facts this tool's output lacks, for `thumbprint`.
    pub fn fuller_command(self, location: StoreLocation, thumbprint: &str) -> String {
        let user = if location == StoreLocation::CurrentUser {
            "-user "
        } else {
            ""
        };
        format!("certutil {user}-v -store My {thumbprint}")
    }
}

/// Which store location the certificate is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StoreLocation {
    /// The computer's store (`LocalMachine`): where SQL Server looks.
    LocalMachine,
    /// A user's store (`CurrentUser`, `certutil -user`).
    CurrentUser,
}

/// What the dump says of the private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyState {
    /// A key is there (a provider is named, `HasPrivateKey : True`, a key test passed).
    Present,
    /// No key at all: "No key provider information", `HasPrivateKey : False`.
    None,
    /// The certificate names a key container that is gone: "Missing stored keyset".
    KeysetMissing,
    /// certutil's encryption or signature test with the key failed.
    TestFailed,
    /// The dump does not say.
    #[default]
    Unknown,
}

/// The kind of key provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderKind {
    /// A CNG key storage provider.
    CngKsp,
    /// A legacy CryptoAPI CSP.
    LegacyCsp,
}

/// One certificate as a store dump shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StoreCert {
    /// SHA-1 thumbprint, 40 uppercase hex digits.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub thumbprint: Option<String>,
    /// Serial number, uppercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub serial: Option<String>,
    /// Subject as the dump writes it (most specific RDN first, as Windows shows it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<String>,
    /// Issuer as the dump writes it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub issuer: Option<String>,
    /// notBefore, Unix seconds (the dump shows local time; read as UTC).
    #[serde(skip)]
    pub not_before: Option<i64>,
    /// notAfter, Unix seconds (local time read as UTC).
    #[serde(skip)]
    pub not_after: Option<i64>,
    /// SAN DNS names (certutil -v) or PowerShell's DnsNameList; `None` when not shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dns_names: Option<Vec<String>>,
    /// SAN IP addresses (certutil -v).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ip_addresses: Vec<String>,
    /// Extended key usages (names or OIDs); `Some(empty)` = no EKU extension; `None` = not shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub eku: Option<Vec<String>>,
    /// Key usage bits by name; `Some(empty)` = no extension; `None` = not shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_usage: Option<Vec<String>>,
    /// Basic constraints cA; `None` when not shown or absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub is_ca: Option<bool>,
    /// Whether the extensions were shown at all (certutil -v).
    #[serde(skip)]
    pub extensions_shown: bool,
    /// Public key type, when shown.
    #[serde(skip)]
    pub key_type: Option<KeyType>,
    /// Public key length in bits, when shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_bits: Option<usize>,
    /// Signature algorithm OID (certutil -v) or name (dbatools), when shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signature_algorithm: Option<String>,
    /// The key provider named (`Provider = …`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider: Option<String>,
    /// The key container named.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_container: Option<String>,
    /// What the dump says of the key.
    pub key: KeyState,
    /// `Some(false)` for "Private key is NOT exportable".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub exportable: Option<bool>,
    /// The provider's kind (CNG KSP or legacy CSP), when a provider is named.
    #[serde(
        rename = "provider_kind",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub provider_class: Option<ProviderKind>,
    /// KeySpec, from the key test line or `-v`'s `KeySpec =`
    /// (`AT_KEYEXCHANGE` / `AT_SIGNATURE` in JSON).
    #[serde(
        serialize_with = "key_spec_name",
        deserialize_with = "key_spec_from_name",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub key_spec: Option<KeySpec>,
    /// The store location.
    pub location: Option<StoreLocation>,
    /// The store name (`My`, `Root`, `WebHosting`…), when shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub store: Option<String>,
    /// The tool that printed it.
    pub tool: Option<DumpTool>,
    /// certutil's "Root Certificate: Subject matches Issuer" (or its translation).
    #[serde(skip)]
    pub root: bool,
}

impl StoreCert {
    /// The provider's kind: from the provider named, else what the listing
    /// otherwise shows (PowerShell's `PrivateKey` of a CryptoAPI key).
    pub fn provider_kind(&self) -> Option<ProviderKind> {
        self.provider
            .as_deref()
            .map(|p| {
                if is_cng_provider(p) {
                    ProviderKind::CngKsp
                } else {
                    ProviderKind::LegacyCsp
                }
            })
            .or(self.provider_class)
    }

    /// The tool, defaulting to plain certutil.
    pub fn tool(&self) -> DumpTool {
        self.tool.unwrap_or(DumpTool::Certutil)
    }

    /// The location, defaulting to LocalMachine (certutil without `-user`).
    pub fn location(&self) -> StoreLocation {
        self.location.unwrap_or(StoreLocation::LocalMachine)
    }

    /// Are SAN names known?
    pub fn names_known(&self) -> bool {
        self.dns_names.is_some()
    }

    /// Is the EKU known?
    pub fn eku_known(&self) -> bool {
        self.eku.is_some()
    }

    /// Is the key usage known?
    pub fn key_usage_known(&self) -> bool {
        self.key_usage.is_some()
    }

    /// The command that shows what this dump lacks.
    pub fn fuller_command(&self) -> String {
        let t = self.thumbprint.as_deref().unwrap_or("<thumbprint>");
        self.tool().fuller_command(self.location(), t)
    }

    /// The certificate of the analysis this dump entry stands for. Only what
    /// the dump shows is filled in; the DER, fingerprints and raw names are
    /// empty (the dump holds no certificate bytes).
    pub fn to_certificate(&self) -> CertificateInfo {
        let subject = self
            .subject
            .as_deref()
            .map(encoding_order)
            .unwrap_or_default();
        let issuer = self
            .issuer
            .as_deref()
            .map(encoding_order)
            .unwrap_or_default();
        let common_names = common_names(self.subject.as_deref().unwrap_or(""));
        let dns = self.dns_names.clone().unwrap_or_default();
        let has_san = !dns.is_empty() || !self.ip_addresses.is_empty();
        let not_before = self.not_before.unwrap_or(i64::MIN / 2);
        let not_after = self.not_after.unwrap_or(i64::MAX / 2);
        let sig: SignatureAlgorithm = match self.signature_algorithm.as_deref() {
            Some(s) if s.chars().all(|c| c.is_ascii_digit() || c == '.') => signature_algorithm(s),
            Some(s) => SignatureAlgorithm {
                oid: String::new(),
                name: s.to_string(),
                hash: crate::cert::HashAlgorithm::Other,
            },
            None => SignatureAlgorithm {
                oid: String::new(),
                name: "not shown".to_string(),
                hash: crate::cert::HashAlgorithm::Other,
            },
        };
        CertificateInfo {
            self_issued: self.root || (!subject.is_empty() && subject == issuer),
            subject,
            issuer,
            common_name: common_names.first().cloned(),
            common_names,
            serial: self.serial.clone().unwrap_or_default().to_ascii_uppercase(),
            version: 3,
            validity: Validity {
                not_before: self
                    .not_before
                    .map_or_else(|| "not shown".to_string(), crate::cert::format_unix),
                not_after: self
                    .not_after
                    .map_or_else(|| "not shown".to_string(), crate::cert::format_unix),
                not_before_unix: not_before,
                not_after_unix: not_after,
            },
            san_dns: dns,
            san_ip: self.ip_addresses.clone(),
            has_san,
            san_problem: None,
            extended_key_usage: self.eku.clone().filter(|e| !e.is_empty()),
            key_usage: self.key_usage.clone().filter(|k| !k.is_empty()),
            basic_constraints: self
                .is_ca
                .map(|ca| crate::cert::BasicConstraints { ca, path_len: None }),
            public_key: PublicKeyInfo {
                key_type: self.key_type.unwrap_or(KeyType::Other),
                bits: self.key_bits.unwrap_or(0),
                curve: None,
            },
            signature_algorithm: sig,
            thumbprint_sha1: self.thumbprint.clone().unwrap_or_default(),
            fingerprint_sha256: String::new(),
            subject_key_id: None,
            authority_key_id: None,
            der: Vec::new(),
            raw_subject: Vec::new(),
            raw_issuer: Vec::new(),
            spki_der: Vec::new(),
        }
    }
}

/// A parsed store dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreDump {
    /// The tool that printed it.
    pub tool: DumpTool,
    /// The certificates, in dump order.
    pub certificates: Vec<StoreCert>,
}

/// Recognise and read a store dump. `None` when the text is not one.
pub fn parse_store_dump(text: &str) -> Option<StoreDump> {
    let text = text.trim_start_matches('\u{feff}');
    let mut dump = certutil::parse(text).or_else(|| powershell::parse(text))?;
    for c in &mut dump.certificates {
        c.provider_class = c.provider_kind().or(c.provider_class);
    }
    Some(dump)
}

/// KeySpec as Windows names it.
fn key_spec_name<S: serde::Serializer>(k: &Option<KeySpec>, s: S) -> Result<S::Ok, S::Error> {
    match k {
        Some(KeySpec::KeyExchange) => s.serialize_str("AT_KEYEXCHANGE"),
        Some(KeySpec::Signature) => s.serialize_str("AT_SIGNATURE"),
        Some(KeySpec::Other(b)) => s.serialize_str(&format!("0x{b:02X}")),
        None => s.serialize_none(),
    }
}

/// [`key_spec_name`] read back.
fn key_spec_from_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<KeySpec>, D::Error> {
    let name = Option::<String>::deserialize(d)?;
    Ok(name.map(|n| match n.as_str() {
        "AT_KEYEXCHANGE" => KeySpec::KeyExchange,
        "AT_SIGNATURE" => KeySpec::Signature,
        other => KeySpec::Other(
            u8::from_str_radix(other.trim_start_matches("0x"), 16).unwrap_or_default(),
        ),
    }))
}

/// Windows writes a DN most specific RDN first (`CN=…, O=…`); the analysis
/// writes it in encoding order (`O=…, CN=…`), as x509-parser does.
fn encoding_order(dn: &str) -> String {
    let parts = split_rdns(dn);
    parts.into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// The RDNs of a DN as Windows writes it: split at `, ` where an attribute
/// type and `=` follow (values such as `VeriSign, Inc.` keep their commas),
/// and not inside quotes.
fn split_rdns(dn: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut start = 0usize;
    for (i, c) in dn.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ',' && !quoted && starts_attribute(&dn[i + 1..]) {
            out.push(dn[start..i].trim().to_string());
            start = i + 1;
        }
    }
    out.push(dn[start..].trim().to_string());
    out.retain(|r| !r.is_empty());
    out
}

/// Does `rest` begin (after spaces) with an attribute type and `=` (`CN=`, `OU=`, `2.5.4.5=`)?
fn starts_attribute(rest: &str) -> bool {
    let rest = rest.trim_start();
    match rest.find('=') {
        Some(eq) if eq > 0 => rest[..eq]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
        _ => false,
    }
}

/// The CN values of a DN as Windows writes it, in encoding order.
fn common_names(dn: &str) -> Vec<String> {
    let mut cns: Vec<String> = split_rdns(dn)
        .into_iter()
        .filter_map(|r| {
            let (k, v) = r.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("CN")
                .then(|| v.trim().trim_matches('"').to_string())
        })
        .collect();
    cns.reverse();
    cns
}

/// Key usage names for the key usage byte certutil prints in parentheses.
fn key_usage_bits(byte: u8) -> Vec<String> {
    [
        (0x80, "digitalSignature"),
        (0x40, "nonRepudiation"),
        (0x20, "keyEncipherment"),
        (0x10, "dataEncipherment"),
        (0x08, "keyAgreement"),
        (0x04, "keyCertSign"),
        (0x02, "cRLSign"),
        (0x01, "encipherOnly"),
    ]
    .iter()
    .filter(|(bit, _)| byte & bit != 0)
    .map(|(_, n)| (*n).to_string())
    .collect()
}

/// The analysis' name for an EKU OID.
fn eku_name(oid: &str) -> String {
    match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        other => other,
    }
    .to_string()
}

/// The dotted OID in parentheses at the end of `s` (`Server Authentication (1.3.6.1.5.5.7.3.1)`).
fn trailing_oid(s: &str) -> Option<&str> {
    let s = s.trim().strip_suffix(')')?;
    let open = s.rfind('(')?;
    let oid = &s[open + 1..];
    (oid.contains('.') && oid.chars().all(|c| c.is_ascii_digit() || c == '.')).then_some(oid)
}

/// A thumbprint written as certutil or PowerShell writes it, normalised.
fn thumbprint(s: &str) -> Option<String> {
    let hex: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_uppercase())
}
