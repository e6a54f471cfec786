//! Tests of the PKCS#12 reader over the fixtures made by tests/fixtures/pkcs12/make.sh.

use super::*;
use der::Encode;

const PASS: &str = "Pa55w0rd!";

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../../../tests/fixtures/pkcs12/", $name)).as_slice()
    };
}

const AES: &[u8] = fixture!("aes.pfx");
const TDES: &[u8] = fixture!("3des.pfx");
const RC2: &[u8] = fixture!("rc2.pfx");
const RC2_128_2DES: &[u8] = fixture!("rc2-128-2des.pfx");
const RC4: &[u8] = fixture!("rc4.pfx");
const RC4_ALL: &[u8] = fixture!("rc4-all.pfx");
const PBES2_MIX: &[u8] = fixture!("pbes2-mix.pfx");
const PLAIN: &[u8] = fixture!("plain.pfx");
const EMPTY: &[u8] = fixture!("empty-password.pfx");
const NOMAC: &[u8] = fixture!("nomac.pfx");
const KEYSIG: &[u8] = fixture!("keysig-cng.pfx");
const NOKEY: &[u8] = fixture!("nokey.pfx");
const MISMATCH: &[u8] = fixture!("mismatch.pfx");
const EC: &[u8] = fixture!("ec.pfx");
const CHAIN: &[u8] = fixture!("chain.pfx");
const ITER: &[u8] = fixture!("iter-limit.pfx");
const ITER_NOMAC: &[u8] = fixture!("iter-limit-nomac.pfx");
const SERVER_PEM: &[u8] = fixture!("server.pem");
const CA_PEM: &[u8] = fixture!("ca.pem");
const EC_PEM: &[u8] = fixture!("ec.pem");
const OTHER_KEY: &[u8] = fixture!("other.key");
const SERVER_KEY: &[u8] = fixture!("server.key");

/// Minimal PEM body decoder (first block only), good enough for the fixtures.
fn pem(text: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(text).unwrap();
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in body.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn spki_of(cert_der: &[u8]) -> Vec<u8> {
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    cert.tbs_certificate
        .subject_public_key_info
        .to_der()
        .unwrap()
}

fn ok(bytes: &[u8], password: Option<&str>) -> Pkcs12Contents {
    match decode(bytes, password) {
        Ok(c) => c,
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

/// One RSA key, one certificate, and they belong together.
fn assert_pair(c: &Pkcs12Contents) {
    assert_eq!(c.certificates.len(), 1, "certificates");
    assert_eq!(c.keys.len(), 1, "keys");
    assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
    let key = &c.keys[0];
    assert!(key
        .public_key
        .matches_spki(&spki_of(&c.certificates[0].der)));
    assert!(!key.public_key.matches_spki(&spki_of(&pem(CA_PEM))));
    match &key.public_key {
        KeyPublic::Rsa {
            modulus,
            public_exponent,
            bits,
        } => {
            assert_eq!(*bits, 2048);
            assert_eq!(modulus.len(), 256);
            assert_ne!(modulus[0], 0);
            assert_eq!(public_exponent, &vec![1, 0, 1]);
        }
        other => panic!("expected RSA, got {other:?}"),
    }
    assert!(c.certificates[0].local_key_id.is_some());
    assert_eq!(c.certificates[0].local_key_id, key.local_key_id);
}

#[test]
fn aes_default_openssl3() {
    let c = ok(AES, Some(PASS));
    assert_pair(&c);
    assert!(c.mac_verified);
    assert!(c.unreadable_parts.is_empty());
    assert_eq!(
        c.algorithms,
        vec![
            "MAC HMAC-SHA256".to_string(),
            "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)".to_string()
        ]
    );
    let key = &c.keys[0];
    assert_eq!(key.friendly_name.as_deref(), Some("sqltls test"));
    assert_eq!(
        c.certificates[0].friendly_name.as_deref(),
        Some("sqltls test")
    );
    assert_eq!(
        key.csp_name.as_deref(),
        Some("Microsoft RSA SChannel Cryptographic Provider")
    );
    assert_eq!(key.key_spec, Some(KeySpec::KeyExchange));
    assert!(!key.machine_key_set);
}

#[test]
fn aes_wrong_or_missing_password() {
    assert_eq!(decode(AES, Some("wrong")), Err(Pkcs12Error::WrongPassword));
    assert_eq!(
        decode(AES, Some("pa55w0rd!")),
        Err(Pkcs12Error::WrongPassword)
    );
    assert_eq!(decode(AES, None), Err(Pkcs12Error::PasswordRequired));
    assert_eq!(decode(AES, Some("")), Err(Pkcs12Error::PasswordRequired));
}

#[test]
fn triple_des_sha1_mac() {
    let c = ok(TDES, Some(PASS));
    assert_pair(&c);
    assert!(c.mac_verified);
    assert_eq!(
        c.algorithms,
        vec![
            "MAC HMAC-SHA1".to_string(),
            "pbeWithSHAAnd3-KeyTripleDES-CBC".to_string()
        ]
    );
    assert_eq!(c.keys[0].friendly_name.as_deref(), Some("sqltls test"));
    assert_eq!(c.keys[0].key_spec, None);
    assert_eq!(c.keys[0].csp_name, None);
    assert_eq!(decode(TDES, Some("nope")), Err(Pkcs12Error::WrongPassword));
}

#[test]
fn legacy_rc2_40() {
    let c = ok(RC2, Some(PASS));
    assert_pair(&c);
    assert!(c
        .algorithms
        .contains(&"pbeWithSHAAnd40BitRC2-CBC".to_string()));
    assert!(c
        .algorithms
        .contains(&"pbeWithSHAAnd3-KeyTripleDES-CBC".to_string()));
    assert!(c.algorithms.contains(&"MAC HMAC-SHA1".to_string()));
    assert_eq!(c.algorithms.len(), 3);
}

#[test]
fn legacy_rc2_128_and_two_key_3des() {
    let c = ok(RC2_128_2DES, Some(PASS));
    assert_pair(&c);
    assert!(c
        .algorithms
        .contains(&"pbeWithSHAAnd128BitRC2-CBC".to_string()));
    assert!(c
        .algorithms
        .contains(&"pbeWithSHAAnd2-KeyTripleDES-CBC".to_string()));
}

#[test]
fn rc4_certificates_are_reported_unreadable() {
    let c = ok(RC4, Some(PASS));
    assert!(c.certificates.is_empty());
    assert_eq!(c.keys.len(), 1);
    assert_eq!(c.unreadable_parts.len(), 1);
    assert!(
        c.unreadable_parts[0].contains("pbeWithSHAAnd128BitRC4"),
        "{:?}",
        c.unreadable_parts
    );
    assert!(c
        .algorithms
        .iter()
        .any(|a| a.contains("pbeWithSHAAnd128BitRC4")));
}

#[test]
fn rc4_everywhere_is_unsupported() {
    match decode(RC4_ALL, Some(PASS)) {
        Err(Pkcs12Error::UnsupportedAlgorithm(name)) => {
            assert!(name.contains("pbeWithSHAAnd128BitRC4"), "{name}");
            assert!(name.contains("1.2.840.113549.1.12.1.1"), "{name}");
        }
        other => panic!("expected UnsupportedAlgorithm, got {other:?}"),
    }
    // The MAC is checked first, so a wrong password is still reported as such.
    assert_eq!(decode(RC4_ALL, Some("x")), Err(Pkcs12Error::WrongPassword));
}

#[test]
fn pbes2_other_ciphers_and_sha512_mac() {
    let c = ok(PBES2_MIX, Some(PASS));
    assert_pair(&c);
    assert!(
        c.algorithms.contains(&"MAC HMAC-SHA512".to_string()),
        "{:?}",
        c.algorithms
    );
    assert!(c
        .algorithms
        .contains(&"PBES2 (PBKDF2-HMAC-SHA256, AES-128-CBC)".to_string()));
    assert!(c
        .algorithms
        .contains(&"PBES2 (PBKDF2-HMAC-SHA256, DES-EDE3-CBC)".to_string()));
}

#[test]
fn unencrypted_bags_sha384_mac() {
    let c = ok(PLAIN, Some(PASS));
    assert_pair(&c);
    assert_eq!(c.algorithms, vec!["MAC HMAC-SHA384".to_string()]);
    assert_eq!(decode(PLAIN, Some("bad")), Err(Pkcs12Error::WrongPassword));
}

#[test]
fn empty_password() {
    let a = ok(EMPTY, None);
    assert_pair(&a);
    assert!(a.mac_verified);
    let b = ok(EMPTY, Some(""));
    assert_eq!(a, b);
    assert_eq!(decode(EMPTY, Some("x")), Err(Pkcs12Error::WrongPassword));
}

#[test]
fn no_mac() {
    let c = ok(NOMAC, Some(PASS));
    assert_pair(&c);
    assert!(!c.mac_verified);
    assert!(!c.algorithms.iter().any(|a| a.starts_with("MAC")));
    assert_eq!(
        decode(NOMAC, Some("wrong")),
        Err(Pkcs12Error::WrongPassword)
    );
    assert_eq!(decode(NOMAC, None), Err(Pkcs12Error::PasswordRequired));
    for pw in ["a", "Pa55w0rd", "Pa55w0rd!!", "pa55w0rd!", "0", "Pa55w0rd?"] {
        assert_eq!(
            decode(NOMAC, Some(pw)),
            Err(Pkcs12Error::WrongPassword),
            "{pw}"
        );
    }
}

#[test]
fn keysig_cng_machine_key() {
    let c = ok(KEYSIG, Some(PASS));
    assert_pair(&c);
    let key = &c.keys[0];
    assert_eq!(key.key_spec, Some(KeySpec::Signature));
    assert_eq!(
        key.csp_name.as_deref(),
        Some("Microsoft Software Key Storage Provider")
    );
    assert!(key.machine_key_set);
    assert_eq!(key.friendly_name, None);
}

#[test]
fn certificate_only() {
    let c = ok(NOKEY, Some(PASS));
    assert_eq!(c.certificates.len(), 1);
    assert!(c.keys.is_empty());
    assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
}

#[test]
fn mismatched_key_and_certificate() {
    let c = ok(MISMATCH, Some(PASS));
    assert_eq!(c.certificates.len(), 1);
    assert_eq!(c.keys.len(), 1);
    assert_eq!(c.certificates[0].der, pem(SERVER_PEM));
    let spki = spki_of(&c.certificates[0].der);
    assert!(!c.keys[0].public_key.matches_spki(&spki));
    // The key in the file is other.key, and server.key does match the certificate.
    let other = private_key(&pem(OTHER_KEY), BagAttributes::default()).unwrap();
    assert_eq!(other.public_key, c.keys[0].public_key);
    let server = private_key(&pem(SERVER_KEY), BagAttributes::default()).unwrap();
    assert!(server.public_key.matches_spki(&spki));
}

#[test]
fn ec_p256() {
    let c = ok(EC, Some(PASS));
    assert_eq!(c.certificates.len(), 1);
    assert_eq!(c.keys.len(), 1);
    assert_eq!(c.certificates[0].der, pem(EC_PEM));
    let key = &c.keys[0];
    assert_eq!(key.friendly_name.as_deref(), Some("sqltls ec"));
    let spki_der = spki_of(&c.certificates[0].der);
    assert!(key.public_key.matches_spki(&spki_der));
    assert!(!key.public_key.matches_spki(&spki_of(&pem(SERVER_PEM))));
    let KeyPublic::Ec { curve_oid, point } = &key.public_key else {
        panic!("expected EC key, got {:?}", key.public_key);
    };
    assert_eq!(curve_oid, OID_P256);
    assert_eq!(point.len(), 65);
    assert_eq!(point[0], 4);

    // Same key, compressed point in the SPKI.
    let mut spki = spki::SubjectPublicKeyInfoOwned::from_der(&spki_der).unwrap();
    let pk = p256::PublicKey::from_sec1_bytes(point).unwrap();
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let compressed = pk.to_encoded_point(true);
    spki.subject_public_key = der::asn1::BitString::from_bytes(compressed.as_bytes()).unwrap();
    assert!(key.public_key.matches_spki(&spki.to_der().unwrap()));

    // Derivation from the scalar when the public key is absent gives the same point.
    let ec_key = pem(fixture!("ec.key"));
    let info = OneAsymmetricKeyRef::from_der(&ec_key).unwrap();
    let ec = sec1::EcPrivateKey::from_der(info.private_key.as_bytes()).unwrap();
    assert_eq!(
        derive_ec_point(OID_P256, ec.private_key).as_ref(),
        Some(point)
    );
}

#[test]
fn chain_with_ca() {
    let c = ok(CHAIN, Some(PASS));
    assert_eq!(c.certificates.len(), 2);
    assert_eq!(c.keys.len(), 1);
    let key = &c.keys[0];
    let matching: Vec<_> = c
        .certificates
        .iter()
        .filter(|cert| key.public_key.matches_spki(&spki_of(&cert.der)))
        .collect();
    assert_eq!(matching.len(), 1);
    assert_eq!(matching[0].der, pem(SERVER_PEM));
    assert_eq!(matching[0].local_key_id, key.local_key_id);
    let ca = c
        .certificates
        .iter()
        .find(|cert| cert.der == pem(CA_PEM))
        .unwrap();
    assert_eq!(ca.friendly_name.as_deref(), Some("sqltls test CA"));
    assert_eq!(ca.local_key_id, None);
}

#[test]
fn iteration_limits() {
    assert_eq!(
        decode(ITER, Some(PASS)),
        Err(Pkcs12Error::IterationLimit(2_000_000))
    );
    assert_eq!(
        decode(ITER, None),
        Err(Pkcs12Error::IterationLimit(2_000_000))
    );
    assert_eq!(
        decode(ITER_NOMAC, Some(PASS)),
        Err(Pkcs12Error::IterationLimit(2_000_000))
    );
    assert!(looks_like_pkcs12(ITER));
}

#[test]
fn truncated_empty_and_random_input() {
    assert!(matches!(decode(&[], None), Err(Pkcs12Error::Malformed(_))));
    assert!(matches!(
        decode(&[], Some(PASS)),
        Err(Pkcs12Error::Malformed(_))
    ));
    for cut in [
        1,
        2,
        4,
        10,
        50,
        100,
        500,
        1000,
        1500,
        2000,
        AES.len() - 40,
        AES.len() - 1,
    ] {
        let r = decode(&AES[..cut], Some(PASS));
        assert!(
            matches!(
                r,
                Err(Pkcs12Error::Malformed(_)) | Err(Pkcs12Error::WrongPassword)
            ),
            "cut {cut}: {r:?}"
        );
    }
    let mut state: u64 = 0x1234_5678_9abc_def0;
    for len in [1usize, 3, 16, 64, 300, 3000] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) as u8
            })
            .collect();
        assert!(matches!(
            decode(&bytes, Some(PASS)),
            Err(Pkcs12Error::Malformed(_))
        ));
        assert!(!looks_like_pkcs12(&bytes));
    }
    assert!(matches!(
        decode(b"-----BEGIN CERTIFICATE-----", None),
        Err(Pkcs12Error::Malformed(_))
    ));
    assert!(matches!(
        decode(&pem(SERVER_PEM), None),
        Err(Pkcs12Error::Malformed(_))
    ));
}

#[test]
fn corrupted_bytes_never_panic() {
    // Flip every byte of small files and a sample of the others; any result is fine
    // as long as nothing panics.
    for (file, password) in [(NOMAC, PASS), (PLAIN, PASS), (EC, PASS)] {
        for i in (0..file.len()).step_by(7) {
            let mut copy = file.to_vec();
            copy[i] ^= 0xff;
            let _ = decode(&copy, Some(password));
            let _ = looks_like_pkcs12(&copy);
        }
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let mut bytes = Vec::new();
    for _ in 0..10_000 {
        bytes.extend_from_slice(&[0x30, 0x80]);
    }
    assert!(matches!(
        decode(&bytes, None),
        Err(Pkcs12Error::Malformed(_))
    ));
}

fn replace_once(haystack: &[u8], needle: &[u8], with: &[u8], last: bool) -> Vec<u8> {
    assert_eq!(needle.len(), with.len());
    let positions: Vec<usize> = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    let pos = if last {
        *positions.last().unwrap()
    } else {
        positions[0]
    };
    let mut out = haystack.to_vec();
    out[pos..pos + needle.len()].copy_from_slice(with);
    out
}

#[test]
fn pbmac1_and_signed_data_are_unsupported() {
    let sha256 = [
        0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    ];
    let pbmac1 = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0e,
    ];
    let patched = replace_once(AES, &sha256, &pbmac1, true);
    match decode(&patched, Some(PASS)) {
        Err(Pkcs12Error::UnsupportedAlgorithm(name)) => {
            assert!(name.contains("PBMAC1"), "{name}")
        }
        other => panic!("expected UnsupportedAlgorithm, got {other:?}"),
    }
    let data = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
    ];
    let signed = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
    ];
    let patched = replace_once(AES, &data, &signed, false);
    assert!(looks_like_pkcs12(&patched));
    assert_eq!(
        decode(&patched, Some(PASS)),
        Err(Pkcs12Error::UnsupportedAlgorithm(
            "public-key integrity mode".into()
        ))
    );
}

/// Re-encode DER as BER: indefinite lengths everywhere and OCTET STRINGs split
/// into constructed segments.
fn to_ber(der_bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < der_bytes.len() {
        let h = ber_header(der_bytes, pos).unwrap();
        let len = h.len.unwrap();
        let content = &der_bytes[h.content_start..h.content_start + len];
        if h.first & 0x20 != 0 {
            out.extend_from_slice(&der_bytes[pos..h.tag_end]);
            out.push(0x80);
            out.extend_from_slice(&to_ber(content));
            out.extend_from_slice(&[0, 0]);
        } else if h.first == 0x04 && len > 10 {
            out.extend_from_slice(&[0x24, 0x80]);
            for chunk in content.chunks(7) {
                out.push(0x04);
                out.push(chunk.len() as u8);
                out.extend_from_slice(chunk);
            }
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&der_bytes[pos..h.content_start + len]);
        }
        pos = h.content_start + len;
    }
    out
}

#[test]
fn ber_encoded_file() {
    let ber = to_ber(AES);
    assert_ne!(ber, AES);
    assert!(looks_like_pkcs12(&ber));
    let c = ok(&ber, Some(PASS));
    assert_eq!(c, ok(AES, Some(PASS)));
    assert_eq!(decode(&ber, Some("bad")), Err(Pkcs12Error::WrongPassword));
}

#[test]
fn sniffing() {
    for f in [
        AES, TDES, RC2, EMPTY, NOMAC, KEYSIG, NOKEY, MISMATCH, EC, CHAIN, PLAIN,
    ] {
        assert!(looks_like_pkcs12(f));
    }
    assert!(!looks_like_pkcs12(&[]));
    assert!(!looks_like_pkcs12(SERVER_PEM));
    assert!(!looks_like_pkcs12(&pem(SERVER_PEM)));
    assert!(!looks_like_pkcs12(&pem(SERVER_KEY)));
    assert!(looks_like_pkcs12(&AES[..40]));
}

#[test]
fn matches_spki_rejects_garbage() {
    let c = ok(AES, Some(PASS));
    let key = &c.keys[0].public_key;
    assert!(!key.matches_spki(&[]));
    assert!(!key.matches_spki(&[0x30, 0x03, 0x02, 0x01, 0x00]));
    assert!(!KeyPublic::Other {
        algorithm_oid: "1.3.101.112".into()
    }
    .matches_spki(&spki_of(&pem(SERVER_PEM))));
}

#[test]
fn mac_with_zero_length_empty_password() {
    // Windows-style empty password: the KDF sees zero bytes, not a lone NUL terminator.
    let data = b"authenticated safe bytes";
    let salt = [1u8, 2, 3, 4, 5, 6, 7, 8];
    let key = derive_key::<sha2::Sha256>(&[], &salt, Pkcs12KeyType::Mac, 2048, 32);
    let mut mac = <SimpleHmac<sha2::Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    mac.update(data);
    let digest = mac.finalize().into_bytes().to_vec();
    let mac_data = MacDataRef {
        mac: DigestInfoRef {
            algorithm: AlgorithmIdentifierRef {
                oid: ObjectIdentifier::new("2.16.840.1.101.3.4.2.1").unwrap(),
                parameters: None,
            },
            digest: OctetStringRef::new(&digest).unwrap(),
        },
        mac_salt: OctetStringRef::new(&salt).unwrap(),
        iterations: Some(2048),
    };
    let mut acc = Acc::default();
    assert_eq!(
        verify_mac(&mac_data, data, &Passwords::new(None), &mut acc),
        Ok(1)
    );
    assert_eq!(
        verify_mac(&mac_data, data, &Passwords::new(Some("")), &mut acc),
        Ok(1)
    );
    assert_eq!(
        verify_mac(&mac_data, data, &Passwords::new(Some("x")), &mut acc),
        Err(Pkcs12Error::WrongPassword)
    );
    assert_eq!(
        verify_mac(&mac_data, b"tampered", &Passwords::new(None), &mut acc),
        Err(Pkcs12Error::PasswordRequired)
    );
    assert_eq!(acc.algorithms, vec!["MAC HMAC-SHA256".to_string()]);
}

#[test]
fn display_messages() {
    let errors = [
        Pkcs12Error::PasswordRequired,
        Pkcs12Error::WrongPassword,
        Pkcs12Error::UnsupportedAlgorithm("PBMAC1".into()),
        Pkcs12Error::IterationLimit(2_000_000),
        Pkcs12Error::Malformed("PFX".into()),
    ];
    for e in &errors {
        let text = e.to_string();
        assert!(!text.is_empty());
        assert!(!text.contains(PASS));
    }
    assert!(errors[3].to_string().contains("2000000"));
    assert!(errors[2].to_string().contains("PBMAC1"));
    match decode(AES, Some("secret-guess")) {
        Err(e) => assert!(!e.to_string().contains("secret-guess")),
        Ok(_) => panic!("wrong password accepted"),
    }
}
