//! Walking SafeContents: certificate, key and nested bags and their attributes.

use super::*;
use std::cell::Cell;

#[derive(Default)]
pub(super) struct Acc {
    pub(super) certs: Vec<Pkcs12Certificate>,
    pub(super) keys: Vec<Pkcs12Key>,
    pub(super) algorithms: Vec<String>,
    pub(super) unreadable: Vec<String>,
}

impl Acc {
    pub(super) fn add_algorithm(&mut self, name: String) {
        if !self.algorithms.contains(&name) {
            self.algorithms.push(name);
        }
    }

    pub(super) fn merge(&mut self, other: Acc) {
        self.certs.extend(other.certs);
        self.keys.extend(other.keys);
        for a in other.algorithms {
            self.add_algorithm(a);
        }
        self.unreadable.extend(other.unreadable);
    }
}

#[derive(Default, Clone)]
pub(super) struct BagAttributes {
    pub(super) friendly_name: Option<String>,
    pub(super) local_key_id: Option<Vec<u8>>,
    pub(super) csp_name: Option<String>,
    pub(super) key_spec: Option<KeySpec>,
    pub(super) machine_key_set: bool,
}

impl BagAttributes {
    /// Read `Attribute ::= SEQUENCE { type OID, values SET OF ANY }` elements from the
    /// contents of a SET. Unknown or oddly-encoded attribute values are ignored;
    /// a broken attribute structure is an error.
    pub(super) fn read(&mut self, set_contents: &[u8]) -> der::Result<()> {
        for attr in items(set_contents)? {
            let AttributeRef { oid, values } = attr.decode_as()?;
            if values.tag() != Tag::Set {
                return Err(values.tag().unexpected_error(Some(Tag::Set)));
            }
            let values = items(values.value())?;
            let first = values.first().copied();
            match oid.to_string().as_str() {
                OID_FRIENDLY_NAME if self.friendly_name.is_none() => {
                    self.friendly_name = first.and_then(bmp_string);
                }
                OID_LOCAL_KEY_ID if self.local_key_id.is_none() => {
                    self.local_key_id = first
                        .filter(|v| v.tag() == Tag::OctetString)
                        .map(|v| v.value().to_vec());
                }
                OID_MS_CSP_NAME if self.csp_name.is_none() => {
                    self.csp_name = first.and_then(bmp_string);
                }
                OID_MS_LOCAL_KEY_SET => self.machine_key_set = true,
                OID_KEY_USAGE if self.key_spec.is_none() => {
                    // BIT STRING contents: unused-bits octet, then the KeySpec byte.
                    self.key_spec = first
                        .filter(|v| v.tag() == Tag::BitString)
                        .and_then(|v| v.value().get(1).copied())
                        .map(|b| match b {
                            0x10 => KeySpec::KeyExchange,
                            0x80 => KeySpec::Signature,
                            other => KeySpec::Other(other),
                        });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Decode a BMPString (or, leniently, a UTF8String) attribute value.
pub(super) fn bmp_string(value: AnyRef<'_>) -> Option<String> {
    let text = match value.tag() {
        Tag::BmpString => {
            let units: Vec<u16> = value
                .value()
                .chunks_exact(2)
                .filter_map(|c| match *c {
                    [a, b] => Some(u16::from_be_bytes([a, b])),
                    _ => None,
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        Tag::Utf8String => String::from_utf8_lossy(value.value()).into_owned(),
        _ => return None,
    };
    Some(text.trim_end_matches('\0').to_string())
}

pub(super) struct Walker<'p> {
    pub(super) passwords: &'p Passwords,
    pub(super) mac_verified: bool,
    /// Work so far, against the per-file limits.
    work: Cell<Pkcs12Work>,
    /// Bags and encrypted parts left unopened by a limit.
    key_bags_skipped: Cell<usize>,
    cert_bags_skipped: Cell<usize>,
    parts_over_budget: Cell<usize>,
    /// Some candidate password decrypted something that then parsed.
    decrypted: Cell<bool>,
}

impl<'p> Walker<'p> {
    /// A walker that has already spent `iterations` (on the MAC).
    pub(super) fn new(passwords: &'p Passwords, mac_verified: bool, iterations: u64) -> Self {
        Walker {
            passwords,
            mac_verified,
            work: Cell::new(Pkcs12Work {
                kdf_iterations: iterations,
                ..Pkcs12Work::default()
            }),
            key_bags_skipped: Cell::new(0),
            cert_bags_skipped: Cell::new(0),
            parts_over_budget: Cell::new(0),
            decrypted: Cell::new(false),
        }
    }

    /// The work spent.
    pub(super) fn work(&self) -> Pkcs12Work {
        self.work.get()
    }

    /// Did the password decrypt anything (padding valid and content parsed)?
    pub(super) fn decrypted_any(&self) -> bool {
        self.decrypted.get()
    }

    /// What the per-file limits left unread, as messages.
    pub(super) fn limits(&self) -> Vec<Pkcs12Limit> {
        let mut out = Vec::new();
        let keys = self.key_bags_skipped.get();
        if keys > 0 {
            out.push(Pkcs12Limit::Bags(format!(
                "only the first {MAX_KEY_BAGS} private keys were opened; {keys} more were not"
            )));
        }
        let certs = self.cert_bags_skipped.get();
        if certs > 0 {
            out.push(Pkcs12Limit::Bags(format!(
                "only the first {MAX_CERT_BAGS} certificates were read; {certs} more were not"
            )));
        }
        let parts = self.parts_over_budget.get();
        if parts > 0 {
            out.push(Pkcs12Limit::Iterations(format!(
                "{parts} encrypted part(s) (private keys or certificate containers) were not opened: the {MAX_TOTAL_ITERATIONS} key-derivation iterations allowed for one file were spent"
            )));
        }
        out
    }

    /// Take a bag of a kind capped at `cap`: false (and counted as skipped)
    /// when the cap is reached.
    fn take_bag(&self, key: bool) -> bool {
        let mut work = self.work.get();
        let (count, cap, skipped) = if key {
            (&mut work.key_bags, MAX_KEY_BAGS, &self.key_bags_skipped)
        } else {
            (&mut work.cert_bags, MAX_CERT_BAGS, &self.cert_bags_skipped)
        };
        if *count >= cap {
            skipped.set(skipped.get() + 1);
            return false;
        }
        *count += 1;
        self.work.set(work);
        true
    }

    /// Spend `iterations` of the file's budget: false when they do not fit.
    fn spend(&self, iterations: u64) -> bool {
        let mut work = self.work.get();
        let total = work.kdf_iterations.saturating_add(iterations);
        if total > MAX_TOTAL_ITERATIONS {
            return false;
        }
        work.kdf_iterations = total;
        self.work.set(work);
        true
    }

    /// SafeContents ::= SEQUENCE OF SafeBag
    pub(super) fn safe_contents(
        &self,
        bytes: &[u8],
        depth: usize,
        acc: &mut Acc,
    ) -> Result<(), Pkcs12Error> {
        if depth > MAX_BAG_DEPTH {
            return Err(Pkcs12Error::Malformed(
                "safeContentsBag nested too deeply".into(),
            ));
        }
        let der_bytes = normalise(bytes, "SafeContents")?;
        let seq = AnyRef::from_der(&der_bytes).map_err(|e| malformed("SafeContents", e))?;
        if seq.tag() != Tag::Sequence {
            return Err(Pkcs12Error::Malformed(
                "SafeContents is not a SEQUENCE".into(),
            ));
        }
        for bag in items(seq.value()).map_err(|e| malformed("SafeContents", e))? {
            self.safe_bag(bag, depth, acc)?;
        }
        Ok(())
    }

    /// SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF Attribute OPTIONAL }
    pub(super) fn safe_bag(
        &self,
        bag: AnyRef<'_>,
        depth: usize,
        acc: &mut Acc,
    ) -> Result<(), Pkcs12Error> {
        if bag.tag() != Tag::Sequence {
            return Err(Pkcs12Error::Malformed("SafeBag is not a SEQUENCE".into()));
        }
        let fields = items(bag.value()).map_err(|e| malformed("SafeBag", e))?;
        let (id, wrapped, attrs) = match fields.as_slice() {
            [id, value] => (*id, *value, None),
            [id, value, attrs] => (*id, *value, Some(*attrs)),
            _ => {
                return Err(Pkcs12Error::Malformed(
                    "SafeBag has the wrong number of fields".into(),
                ))
            }
        };
        let id: ObjectIdentifier = id.decode_as().map_err(|e| malformed("SafeBag bagId", e))?;
        let explicit0 = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        };
        if wrapped.tag() != explicit0 {
            return Err(Pkcs12Error::Malformed(
                "SafeBag bagValue is not [0] EXPLICIT".into(),
            ));
        }
        let value =
            AnyRef::from_der(wrapped.value()).map_err(|e| malformed("SafeBag bagValue", e))?;
        let mut attributes = BagAttributes::default();
        if let Some(attrs) = attrs {
            if attrs.tag() != Tag::Set {
                return Err(Pkcs12Error::Malformed(
                    "SafeBag attributes are not a SET".into(),
                ));
            }
            attributes
                .read(attrs.value())
                .map_err(|e| malformed("SafeBag attributes", e))?;
        }

        match id.to_string().as_str() {
            OID_CERT_BAG => {
                let cert: CertBagRef<'_> =
                    value.decode_as().map_err(|e| malformed("certBag", e))?;
                if cert.cert_id.to_string() == OID_X509_CERT && self.take_bag(false) {
                    let octets = cert
                        .cert_value
                        .decode_as::<OctetStringRef<'_>>()
                        .map_err(|e| malformed("certBag x509Certificate", e))?;
                    acc.certs.push(Pkcs12Certificate {
                        der: octets.as_bytes().to_vec(),
                        friendly_name: attributes.friendly_name,
                        local_key_id: attributes.local_key_id,
                    });
                }
                // sdsiCertificate and other certificate types are skipped.
            }
            OID_KEY_BAG if self.take_bag(true) => {
                let key = private_key(&der_of(value)?, attributes)?;
                acc.keys.push(key);
            }
            OID_SHROUDED_KEY_BAG if self.take_bag(true) => {
                let epki: EncryptedPrivateKeyInfoRef<'_> = value
                    .decode_as()
                    .map_err(|e| malformed("pkcs8ShroudedKeyBag", e))?;
                let key = self.decrypt(
                    &epki.algorithm,
                    epki.encrypted_data.as_bytes(),
                    acc,
                    "shrouded private key",
                    &|pt| private_key(pt, attributes.clone()),
                )?;
                acc.keys.extend(key);
            }
            OID_SAFE_CONTENTS_BAG => {
                self.safe_contents(&der_of(value)?, depth + 1, acc)?;
            }
            // crlBag, secretBag and unknown bags are ignored.
            _ => {}
        }
        Ok(())
    }

    /// Decrypt `ciphertext` with every candidate password and hand the plaintext to
    /// `parse`; the first candidate that both unpads and parses wins. `None`
    /// when the file's iteration budget does not cover it (it is counted).
    pub(super) fn decrypt<T>(
        &self,
        alg: &AlgorithmIdentifierRef<'_>,
        ciphertext: &[u8],
        acc: &mut Acc,
        what: &str,
        parse: &dyn Fn(&[u8]) -> Result<T, Pkcs12Error>,
    ) -> Result<Option<T>, Pkcs12Error> {
        let scheme = match inspect_scheme(alg) {
            Ok(s) => s,
            Err(e) => {
                if let Pkcs12Error::UnsupportedAlgorithm(name) = &e {
                    acc.add_algorithm(name.clone());
                }
                return Err(e);
            }
        };
        acc.add_algorithm(scheme.name());
        let mut parse_error: Option<Pkcs12Error> = None;
        let candidates: Vec<&[u8]> = match &scheme {
            Scheme::Pbes2 { .. } => vec![self.passwords.utf8.as_slice()],
            Scheme::Pkcs12 { .. } => self.passwords.bmp.iter().map(Vec::as_slice).collect(),
        };
        for pw in candidates {
            if !self.spend(scheme.iterations()) {
                self.parts_over_budget.set(self.parts_over_budget.get() + 1);
                return Ok(None);
            }
            let plain = match &scheme {
                Scheme::Pbes2 { params, .. } => {
                    params.decrypt(pw, ciphertext).map_err(|e| match e {
                        pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => {
                            DecryptFailure::Padding
                        }
                        pkcs5::Error::UnsupportedAlgorithm { oid } => DecryptFailure::Error(
                            Pkcs12Error::UnsupportedAlgorithm(describe_oid(&oid.to_string())),
                        ),
                        other => DecryptFailure::Error(Pkcs12Error::Malformed(format!(
                            "{what}: {other}"
                        ))),
                    })
                }
                Scheme::Pkcs12 {
                    cipher,
                    salt,
                    rounds,
                    ..
                } => decrypt_legacy(*cipher, pw, salt, *rounds, ciphertext),
            };
            match plain {
                Ok(pt) => match parse(&pt) {
                    Ok(v) => {
                        self.decrypted.set(true);
                        return Ok(Some(v));
                    }
                    Err(e @ Pkcs12Error::Malformed(_)) => parse_error = Some(e),
                    Err(e) => return Err(e),
                },
                Err(DecryptFailure::Padding) => {}
                Err(DecryptFailure::Error(e)) => return Err(e),
            }
        }
        if self.mac_verified {
            Err(parse_error.unwrap_or_else(|| {
                Pkcs12Error::Malformed(format!(
                    "{what} could not be decrypted although the MAC verified (it may use a different password)"
                ))
            }))
        } else {
            Err(self.passwords.failure())
        }
    }
}

/// Re-encode an AnyRef (tag, length, value) as DER.
pub(super) fn der_of(value: AnyRef<'_>) -> Result<Vec<u8>, Pkcs12Error> {
    der::Encode::to_der(&value).map_err(|e| malformed("bag value", e))
}
