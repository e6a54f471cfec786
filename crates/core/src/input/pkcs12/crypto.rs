//! Passwords, the MAC, key derivation (PKCS#12 KDF, PBKDF2) and decryption (PBES2/AES, 3DES, RC2).

use super::*;

pub(super) struct Passwords {
    /// A non-empty password was supplied.
    pub(super) given: bool,
    /// Candidate passwords for the PKCS#12 KDF (BMPString forms), in trial order.
    pub(super) bmp: Vec<Vec<u8>>,
    /// The password for PBES2 (UTF-8).
    pub(super) utf8: Vec<u8>,
}

impl Passwords {
    pub(super) fn new(password: Option<&str>) -> Self {
        let pw = password.unwrap_or("");
        if pw.is_empty() {
            Passwords {
                given: false,
                // OpenSSL writes the empty password as a lone NUL terminator; Windows
                // (and OpenSSL with a NULL password) as zero bytes.
                bmp: vec![vec![0, 0], Vec::new()],
                utf8: Vec::new(),
            }
        } else {
            let mut bmp: Vec<u8> = pw.encode_utf16().flat_map(u16::to_be_bytes).collect();
            bmp.extend_from_slice(&[0, 0]);
            Passwords {
                given: true,
                bmp: vec![bmp],
                utf8: pw.as_bytes().to_vec(),
            }
        }
    }

    pub(super) fn failure(&self) -> Pkcs12Error {
        if self.given {
            Pkcs12Error::WrongPassword
        } else {
            Pkcs12Error::PasswordRequired
        }
    }
}

pub(super) fn check_iterations(count: u64) -> Result<i32, Pkcs12Error> {
    if count > MAX_ITERATIONS {
        return Err(Pkcs12Error::IterationLimit(count));
    }
    if count == 0 {
        return Err(Pkcs12Error::Malformed("iteration count is 0".into()));
    }
    i32::try_from(count).map_err(|_| Pkcs12Error::IterationLimit(count))
}

pub(super) fn hmac_pkcs12<D>(
    password: &[u8],
    salt: &[u8],
    rounds: i32,
    data: &[u8],
    expected: &[u8],
) -> bool
where
    D: Digest + FixedOutputReset + BlockSizeUser,
{
    let key = derive_key::<D>(
        password,
        salt,
        Pkcs12KeyType::Mac,
        rounds,
        <D as Digest>::output_size(),
    );
    let Ok(mut mac) = <SimpleHmac<D> as KeyInit>::new_from_slice(&key) else {
        return false;
    };
    mac.update(data);
    mac.verify_slice(expected).is_ok()
}

/// Verify the MAC; returns the index of the BMP password form that matched.
pub(super) fn verify_mac(
    mac: &MacDataRef<'_>,
    data: &[u8],
    passwords: &Passwords,
    acc: &mut Acc,
) -> Result<usize, Pkcs12Error> {
    let oid = mac.mac.algorithm.oid.to_string();
    type Verify = fn(&[u8], &[u8], i32, &[u8], &[u8]) -> bool;
    let (name, verify): (&str, Verify) = match oid.as_str() {
        "1.3.14.3.2.26" => ("SHA1", hmac_pkcs12::<sha1::Sha1>),
        "2.16.840.1.101.3.4.2.4" => ("SHA224", hmac_pkcs12::<sha2::Sha224>),
        "2.16.840.1.101.3.4.2.1" => ("SHA256", hmac_pkcs12::<sha2::Sha256>),
        "2.16.840.1.101.3.4.2.2" => ("SHA384", hmac_pkcs12::<sha2::Sha384>),
        "2.16.840.1.101.3.4.2.3" => ("SHA512", hmac_pkcs12::<sha2::Sha512>),
        "2.16.840.1.101.3.4.2.5" => ("SHA512-224", hmac_pkcs12::<sha2::Sha512_224>),
        "2.16.840.1.101.3.4.2.6" => ("SHA512-256", hmac_pkcs12::<sha2::Sha512_256>),
        OID_PBMAC1 => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "PBMAC1 ({OID_PBMAC1})"
            )))
        }
        other => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "MAC with {}",
                describe_oid(other)
            )))
        }
    };
    acc.add_algorithm(format!("MAC HMAC-{name}"));
    let rounds = check_iterations(mac.iterations.unwrap_or(1))?;
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.digest_bytes();
    for (index, pw) in passwords.bmp.iter().enumerate() {
        if verify(pw, salt, rounds, data, expected) {
            return Ok(index);
        }
    }
    Err(passwords.failure())
}

impl MacDataRef<'_> {
    pub(super) fn digest_bytes(&self) -> &[u8] {
        self.mac.digest.as_bytes()
    }
}

#[derive(Clone, Copy)]
pub(super) enum LegacyCipher {
    TdesEde3,
    TdesEde2,
    Rc2 {
        key_len: usize,
        effective_bits: usize,
    },
}

pub(super) enum Scheme<'a> {
    Pbes2 {
        name: String,
        params: pkcs5::pbes2::Parameters<'a>,
        iterations: u64,
    },
    Pkcs12 {
        name: &'static str,
        cipher: LegacyCipher,
        salt: &'a [u8],
        rounds: i32,
    },
}

impl Scheme<'_> {
    pub(super) fn name(&self) -> String {
        match self {
            Scheme::Pbes2 { name, .. } => name.clone(),
            Scheme::Pkcs12 { name, .. } => (*name).to_string(),
        }
    }

    /// Key-derivation iterations one decryption attempt runs: PBKDF2 once;
    /// the PKCS#12 KDF twice (key and IV).
    pub(super) fn iterations(&self) -> u64 {
        match self {
            Scheme::Pbes2 { iterations, .. } => *iterations,
            Scheme::Pkcs12 { rounds, .. } => 2 * u64::from(rounds.unsigned_abs()),
        }
    }
}

/// Parse an encryption AlgorithmIdentifier, checking names and iteration counts
/// without deriving any key.
pub(super) fn inspect_scheme<'a>(
    alg: &AlgorithmIdentifierRef<'a>,
) -> Result<Scheme<'a>, Pkcs12Error> {
    let oid = alg.oid.to_string();
    let legacy = match oid.as_str() {
        "1.2.840.113549.1.12.1.3" => Some(LegacyCipher::TdesEde3),
        "1.2.840.113549.1.12.1.4" => Some(LegacyCipher::TdesEde2),
        "1.2.840.113549.1.12.1.5" => Some(LegacyCipher::Rc2 {
            key_len: 16,
            effective_bits: 128,
        }),
        "1.2.840.113549.1.12.1.6" => Some(LegacyCipher::Rc2 {
            key_len: 5,
            effective_bits: 40,
        }),
        _ => None,
    };
    if let Some(cipher) = legacy {
        let name = known_name(&oid).unwrap_or("PKCS#12 PBE");
        let params: Pkcs12PbeParamsRef<'a> = alg
            .parameters
            .ok_or_else(|| Pkcs12Error::Malformed(format!("{name}: parameters missing")))?
            .decode_as()
            .map_err(|e| malformed(name, e))?;
        let rounds = check_iterations(params.iterations)?;
        return Ok(Scheme::Pkcs12 {
            name,
            cipher,
            salt: params.salt.as_bytes(),
            rounds,
        });
    }
    if oid != OID_PBES2 {
        return Err(Pkcs12Error::UnsupportedAlgorithm(describe_oid(&oid)));
    }

    // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
    let params_any = alg
        .parameters
        .ok_or_else(|| Pkcs12Error::Malformed("PBES2: parameters missing".into()))?;
    let Pbes2ParamsRef {
        kdf,
        encryption: enc,
    } = params_any
        .decode_as()
        .map_err(|e| malformed("PBES2 parameters", e))?;
    let kdf_oid = kdf.oid.to_string();
    if kdf_oid != OID_PBKDF2 {
        return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
            "PBES2 with {}",
            describe_oid(&kdf_oid)
        )));
    }
    let kdf_params = kdf
        .parameters
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2: parameters missing".into()))?;
    if kdf_params.tag() != Tag::Sequence {
        return Err(Pkcs12Error::Malformed(
            "PBKDF2 parameters are not a SEQUENCE".into(),
        ));
    }
    let fields = items(kdf_params.value()).map_err(|e| malformed("PBKDF2 parameters", e))?;
    let mut fields = fields.into_iter();
    let salt = fields
        .next()
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2 parameters: salt missing".into()))?;
    if salt.tag() != Tag::OctetString {
        return Err(Pkcs12Error::UnsupportedAlgorithm(
            "PBKDF2 with an algorithm-specified salt (otherSource)".into(),
        ));
    }
    let iterations: u64 = fields
        .next()
        .ok_or_else(|| Pkcs12Error::Malformed("PBKDF2 parameters: iteration count missing".into()))?
        .decode_as()
        .map_err(|e| malformed("PBKDF2 iteration count", e))?;
    check_iterations(iterations)?;
    let mut prf_name = "HMAC-SHA1".to_string();
    for field in fields {
        if field.tag() == Tag::Sequence {
            let prf: AlgorithmIdentifierRef<'_> =
                field.decode_as().map_err(|e| malformed("PBKDF2 PRF", e))?;
            let prf_oid = prf.oid.to_string();
            prf_name = match prf_oid.as_str() {
                "1.2.840.113549.2.7"
                | "1.2.840.113549.2.8"
                | "1.2.840.113549.2.9"
                | "1.2.840.113549.2.10"
                | "1.2.840.113549.2.11" => known_name(&prf_oid).unwrap_or("HMAC").to_string(),
                other => {
                    return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                        "PBKDF2 with PRF {}",
                        describe_oid(other)
                    )))
                }
            };
        }
    }
    let enc_oid = enc.oid.to_string();
    let enc_name = match enc_oid.as_str() {
        "2.16.840.1.101.3.4.1.2"
        | "2.16.840.1.101.3.4.1.22"
        | "2.16.840.1.101.3.4.1.42"
        | "1.2.840.113549.3.7" => known_name(&enc_oid).unwrap_or("cipher"),
        other => {
            return Err(Pkcs12Error::UnsupportedAlgorithm(format!(
                "PBES2 with {}",
                describe_oid(other)
            )))
        }
    };
    let params = pkcs5::pbes2::Parameters::try_from(params_any)
        .map_err(|e| malformed("PBES2 parameters", e))?;
    Ok(Scheme::Pbes2 {
        name: format!("PBES2 (PBKDF2-{prf_name}, {enc_name})"),
        params,
        iterations,
    })
}

pub(super) enum DecryptFailure {
    /// Bad padding: the usual sign of a wrong password.
    Padding,
    /// Anything else (bad parameters, unsupported).
    Error(Pkcs12Error),
}

pub(super) fn cbc_decrypt<C>(
    cipher: C,
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, DecryptFailure>
where
    C: cipher::BlockCipher + cipher::BlockDecrypt + Clone,
{
    let dec = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).map_err(|_| {
        DecryptFailure::Error(Pkcs12Error::Malformed(
            "cipher IV has the wrong length".into(),
        ))
    })?;
    dec.decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .map_err(|_| DecryptFailure::Padding)
}

pub(super) fn decrypt_legacy(
    cipher: LegacyCipher,
    password: &[u8],
    salt: &[u8],
    rounds: i32,
    ciphertext: &[u8],
) -> Result<Vec<u8>, DecryptFailure> {
    let key_len = match cipher {
        LegacyCipher::TdesEde3 => 24,
        LegacyCipher::TdesEde2 => 16,
        LegacyCipher::Rc2 { key_len, .. } => key_len,
    };
    let key = derive_key::<sha1::Sha1>(
        password,
        salt,
        Pkcs12KeyType::EncryptionKey,
        rounds,
        key_len,
    );
    let iv = derive_key::<sha1::Sha1>(password, salt, Pkcs12KeyType::Iv, rounds, 8);
    let bad_key = |_| {
        DecryptFailure::Error(Pkcs12Error::Malformed(
            "derived key has the wrong length".into(),
        ))
    };
    match cipher {
        LegacyCipher::TdesEde3 => {
            let c = des::TdesEde3::new_from_slice(&key).map_err(bad_key)?;
            cbc_decrypt(c, &iv, ciphertext)
        }
        LegacyCipher::TdesEde2 => {
            let c = des::TdesEde2::new_from_slice(&key).map_err(bad_key)?;
            cbc_decrypt(c, &iv, ciphertext)
        }
        LegacyCipher::Rc2 { effective_bits, .. } => {
            let c = rc2::Rc2::new_with_eff_key_len(&key, effective_bits);
            cbc_decrypt(c, &iv, ciphertext)
        }
    }
}
