//! Hostile certificate input stays bounded: every input here is built by the
//! test (real keys, real signatures, real DER), and the bounds are proven by
//! counting the work done (signatures verified, bags opened, key-derivation
//! iterations), never by timing. Every test builds keys or signatures, so
//! the file needs the `crypto` feature.
#![cfg(feature = "crypto")]

use der::asn1::{BitString, UtcTime};
use der::{Decode, Encode};
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::rand_core::{CryptoRng, Error as RandError, RngCore};
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned};
use sqltls_core::analyze::results::Analysis;
use sqltls_core::analyze::{run_counted, AnalysisRequest, InputFile};
use sqltls_core::chain::{ChainEnd, VerifyStats, MAX_ISSUER_CANDIDATES};
use sqltls_core::input::pkcs12::{self, Pkcs12Error, Pkcs12Limit};
use sqltls_core::input::{self, MAX_CERTIFICATES};
use sqltls_core::verify::SignatureCheck;
use sqltls_core::Rule;
use std::str::FromStr;
use std::time::Duration;
use x509_cert::certificate::{Certificate, TbsCertificate, Version};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

/// 2026-06-01T00:00:00Z.
const AT: i64 = 1_780_272_000;
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

// ------------------------------------------------------------------ helpers

/// Deterministic generator for test keys (SplitMix64).
struct TestRng(u64);

impl RngCore for TestRng {
    fn next_u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), RandError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for TestRng {}

fn keys(count: usize, bits: usize, seed: u64) -> Vec<RsaPrivateKey> {
    let mut rng = TestRng(seed);
    (0..count)
        .map(|_| RsaPrivateKey::new(&mut rng, bits).expect("key generation"))
        .collect()
}

fn spki_of(key: &RsaPrivateKey) -> Vec<u8> {
    key.to_public_key()
        .to_public_key_der()
        .expect("public key DER")
        .as_bytes()
        .to_vec()
}

fn rsa_alg(oid: &str) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap(oid),
        parameters: Some(der::Any::null()),
    }
}

/// A v3 certificate without extensions (so not a CA) for `spki_der`, named
/// `subject`, issued by `issuer` and signed by `signer`, or carrying
/// `signature` as is when `signer` is `None`.
fn certificate(
    subject: &str,
    issuer: &str,
    serial: u32,
    spki_der: &[u8],
    signer: Option<&RsaPrivateKey>,
    signature: &[u8],
) -> Vec<u8> {
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::new(&(serial + 1).to_be_bytes()).unwrap(),
        signature: rsa_alg(SHA256_WITH_RSA),
        issuer: Name::from_str(issuer).unwrap(),
        validity: Validity {
            not_before: Time::UtcTime(
                UtcTime::from_unix_duration(Duration::from_secs(1_767_225_600)).unwrap(),
            ),
            not_after: Time::UtcTime(
                UtcTime::from_unix_duration(Duration::from_secs(1_798_761_600)).unwrap(),
            ),
        },
        subject: Name::from_str(subject).unwrap(),
        subject_public_key_info: SubjectPublicKeyInfoOwned::from_der(spki_der).unwrap(),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: None,
    };
    let tbs_der = tbs.to_der().unwrap();
    let signature = match signer {
        Some(key) => key
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(&tbs_der))
            .unwrap(),
        None => signature.to_vec(),
    };
    Certificate {
        tbs_certificate: tbs,
        signature_algorithm: rsa_alg(SHA256_WITH_RSA),
        signature: BitString::from_bytes(&signature).unwrap(),
    }
    .to_der()
    .unwrap()
}

fn analyse(files: Vec<(String, Vec<u8>)>, password: Option<&str>) -> (Analysis, VerifyStats) {
    let req = AnalysisRequest {
        files: files
            .into_iter()
            .map(|(name, bytes)| InputFile { name, bytes })
            .collect(),
        password: password.map(str::to_string),
        now_unix: AT,
        ..AnalysisRequest::default()
    };
    run_counted(&req)
}

fn raised(analysis: &Analysis, rule: Rule) -> Vec<&str> {
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.as_str())
        .collect()
}

/// DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

fn oid(dotted: &str) -> Vec<u8> {
    ObjectIdentifier::new_unwrap(dotted).to_der().unwrap()
}

// ------------------------------------------------------------------ chains

/// 200 certificates all named "CN=Evil CA" (subject and issuer), each with
/// its own key and signed by the next one's: every one could have issued
/// every other. Trying all pairs verifies ~40,000 signatures; the indexed,
/// capped and cached search verifies at most (1 + 8) per certificate.
#[test]
fn same_name_certificates_verify_a_linear_number_of_signatures() {
    const N: usize = 200;
    let keys = keys(N, 512, 1);
    let files: Vec<(String, Vec<u8>)> = (0..N)
        .map(|i| {
            let der = certificate(
                "CN=Evil CA",
                "CN=Evil CA",
                i as u32,
                &spki_of(&keys[i]),
                Some(&keys[(i + 1) % N]),
                &[],
            );
            (format!("evil-{i}.cer"), der)
        })
        .collect();
    let (analysis, stats) = analyse(files, None);

    assert_eq!(
        analysis.chains.len(),
        N,
        "every certificate is a server certificate"
    );
    let bound = N * (1 + MAX_ISSUER_CANDIDATES);
    assert!(
        stats.signatures_verified <= bound,
        "{} signatures verified for {N} same-named certificates (bound {bound})",
        stats.signatures_verified
    );
    // Chains share their upper links: those checks come from the cache.
    assert!(stats.cache_hits > 0, "{stats:?}");
    assert!(stats.candidates_cut > 0, "{stats:?}");
    // The first certificate's issuer (the second) is among its first candidates.
    let first = &analysis.chains[0];
    assert_eq!(first.links[0].signature, Some(SignatureCheck::Verified));
    assert_eq!(first.links.get(1).map(|l| l.certificate), Some(1));
    let cut = raised(&analysis, Rule::InputChainLimited);
    assert_eq!(cut.len(), 1, "one finding per flooded name: {cut:?}");
    assert!(
        cut[0].contains("CN=Evil CA") && cut[0].contains("first 8"),
        "{}",
        cut[0]
    );
    // Nothing here is self-signed: every self-check failed.
    assert!(raised(&analysis, Rule::CertSelfSigned).is_empty());
}

/// A self-signed certificate is verified once for the whole analysis: the
/// chain's check is what `cert.self-signed` reports.
#[test]
fn self_signed_certificate_is_verified_once() {
    let key = &keys(1, 1024, 2)[0];
    let der = certificate(
        "CN=db01.corp.example",
        "CN=db01.corp.example",
        7,
        &spki_of(key),
        Some(key),
        &[],
    );
    let (analysis, stats) = analyse(vec![("self.cer".into(), der)], None);
    assert_eq!(stats.signatures_verified, 1, "{stats:?}");
    assert_eq!(raised(&analysis, Rule::CertSelfSigned).len(), 1);
    assert!(analysis.chains[0].is_complete());
    assert_eq!(
        analysis.chains[0].links[0].signature,
        Some(SignatureCheck::Verified)
    );
}

/// RSA-PSS-free SubjectPublicKeyInfo with an arbitrary modulus.
fn rsa_spki(modulus: &[u8]) -> Vec<u8> {
    let int = |bytes: &[u8]| {
        let mut content = vec![0];
        content.extend_from_slice(bytes);
        tlv(0x02, &content)
    };
    let public_key = tlv(0x30, &[int(modulus), tlv(0x02, &[1, 0, 1])].concat());
    let mut bits = vec![0];
    bits.extend_from_slice(&public_key);
    tlv(
        0x30,
        &[
            tlv(0x30, &[oid(RSA_ENCRYPTION), vec![0x05, 0x00]].concat()),
            tlv(0x03, &bits),
        ]
        .concat(),
    )
}

/// 40 certificates named "CN=Evil CA" with 16,384-bit moduli: no signature
/// check runs, each key is reported, and each chain is linked by name.
#[test]
fn rsa_keys_above_8192_bits_are_not_verified() {
    const N: usize = 40;
    let files: Vec<(String, Vec<u8>)> = (0..N)
        .map(|i| {
            let mut modulus = vec![0xC3u8; 2048];
            modulus[7] = i as u8;
            let last = modulus.len() - 1;
            modulus[last] |= 1;
            let der = certificate(
                "CN=Evil CA",
                "CN=Evil CA",
                i as u32,
                &rsa_spki(&modulus),
                None,
                &[0x5A; 2048],
            );
            (format!("huge-{i}.cer"), der)
        })
        .collect();
    let (analysis, stats) = analyse(files, None);
    assert_eq!(analysis.certificates.len(), N);
    assert_eq!(analysis.certificates[0].details.public_key.bits, 16384);
    assert_eq!(stats.signatures_verified, 0, "{stats:?}");
    assert_eq!(
        stats.oversized_keys, N,
        "one refused self-check each: {stats:?}"
    );
    let too_large = raised(&analysis, Rule::InputKeyTooLarge);
    assert_eq!(too_large.len(), N);
    assert!(
        too_large[0].contains("16384 bits") && too_large[0].contains("8192"),
        "{}",
        too_large[0]
    );
    match &analysis.chains[0].links[0].signature {
        Some(SignatureCheck::Unsupported(why)) => assert!(why.contains("16384"), "{why}"),
        other => panic!("expected an unchecked signature, got {other:?}"),
    }
}

/// A genuine two-level chain still links and verifies: leaf, then root.
#[test]
fn ordinary_chain_still_verifies() {
    let k = keys(2, 1024, 3);
    let root = certificate(
        "CN=Corp Root",
        "CN=Corp Root",
        1,
        &spki_of(&k[0]),
        Some(&k[0]),
        &[],
    );
    let leaf = certificate(
        "CN=db01.corp.example",
        "CN=Corp Root",
        2,
        &spki_of(&k[1]),
        Some(&k[0]),
        &[],
    );
    let (analysis, stats) = analyse(
        vec![("leaf.cer".into(), leaf), ("root.cer".into(), root)],
        None,
    );
    // The root (not a CA here, no extensions) and the leaf are both servers;
    // the root's self-check is made once and reused by the leaf's chain.
    let leaf_chain = analysis.chains.iter().find(|c| c.leaf == 0).unwrap();
    assert!(leaf_chain.is_complete());
    assert_eq!(leaf_chain.links.len(), 2);
    assert!(matches!(
        leaf_chain.end,
        ChainEnd::SelfSigned { certificate: 1 }
    ));
    assert_eq!(stats.signatures_verified, 2, "{stats:?}");
}

// ------------------------------------------------------------------ PKCS#7

/// A certificates-only SignedData holding `certs` in this order.
fn p7b(certs: &[&[u8]]) -> Vec<u8> {
    let signed_data = tlv(
        0x30,
        &[
            tlv(0x02, &[1]),
            tlv(0x31, &[]),
            tlv(0x30, &oid("1.2.840.113549.1.7.1")),
            tlv(0xA0, &certs.concat()),
            tlv(0x31, &[]),
        ]
        .concat(),
    );
    tlv(
        0x30,
        &[oid("1.2.840.113549.1.7.2"), tlv(0xA0, &signed_data)].concat(),
    )
}

/// A certificate listed twice (as openssl writes a chain with a repeated
/// member) is read once, not reported as damaged.
#[test]
fn pkcs7_repeated_certificates_are_read_once() {
    let k = keys(3, 512, 4);
    let certs: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            certificate(
                &format!("CN=c{i}"),
                "CN=Corp Root",
                i,
                &spki_of(&k[i as usize]),
                Some(&k[0]),
                &[],
            )
        })
        .collect();
    let bundle = p7b(&[&certs[0], &certs[1], &certs[0], &certs[2], &certs[1]]);
    let decoded = input::decode("dup.p7b", &bundle, None);
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    let ders: Vec<&[u8]> = decoded
        .certificates
        .iter()
        .map(|c| c.der.as_slice())
        .collect();
    assert_eq!(
        ders,
        vec![
            certs[0].as_slice(),
            certs[1].as_slice(),
            certs[2].as_slice()
        ]
    );
}

/// A SET of 20,000 distinct certificates decodes (a sorting SET OF decoder
/// spends minutes on it): the first 500 are read, in file order, and the
/// limit is reported.
#[test]
fn pkcs7_with_20000_certificates_decodes() {
    const N: u32 = 20_000;
    let key = &keys(1, 512, 5)[0];
    let spki = spki_of(key);
    let certs: Vec<Vec<u8>> = (0..N)
        .map(|i| certificate("CN=x", "CN=y", i, &spki, Some(key), &[]))
        .collect();
    let refs: Vec<&[u8]> = certs.iter().map(Vec::as_slice).collect();
    let bundle = p7b(&refs);
    assert!(bundle.len() < input::MAX_INPUT_BYTES);
    let decoded = input::decode("many.p7b", &bundle, None);
    assert_eq!(decoded.certificates.len(), MAX_CERTIFICATES);
    assert_eq!(decoded.certificates[0].der, certs[0]);
    assert_eq!(
        decoded.certificates[MAX_CERTIFICATES - 1].der,
        certs[MAX_CERTIFICATES - 1]
    );
    let ids: Vec<Rule> = decoded.problems.iter().map(|f| f.rule).collect();
    assert_eq!(ids, vec![Rule::InputTooLarge]);
}

// ------------------------------------------------------------------ PKCS#12

const PASSWORD: &str = "Pa55w0rd!";

/// The PKCS#12 BMPString form of a password (with its NUL terminator).
fn bmp(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend_from_slice(&[0, 0]);
    out
}

fn safe_bag(bag_oid: &str, value: &[u8]) -> Vec<u8> {
    tlv(0x30, &[oid(bag_oid), tlv(0xA0, value)].concat())
}

/// A PFX holding `bags` in one unencrypted SafeContents, with an
/// HMAC-SHA256 MAC under `PASSWORD`.
fn pfx(bags: &[Vec<u8>]) -> Vec<u8> {
    let safe_contents = tlv(0x30, &bags.concat());
    let data_ci = |content: &[u8]| {
        tlv(
            0x30,
            &[oid("1.2.840.113549.1.7.1"), tlv(0xA0, &tlv(0x04, content))].concat(),
        )
    };
    let auth_safe = tlv(0x30, &data_ci(&safe_contents));
    let salt = [7u8; 8];
    let key = ::pkcs12::kdf::derive_key::<Sha256>(
        &bmp(PASSWORD),
        &salt,
        ::pkcs12::kdf::Pkcs12KeyType::Mac,
        2048,
        32,
    );
    use hmac::Mac;
    let mut mac = <hmac::Hmac<Sha256> as hmac::Mac>::new_from_slice(&key).unwrap();
    mac.update(&auth_safe);
    let digest = mac.finalize().into_bytes();
    let mac_data = tlv(
        0x30,
        &[
            tlv(
                0x30,
                &[
                    tlv(
                        0x30,
                        &[oid("2.16.840.1.101.3.4.2.1"), vec![0x05, 0x00]].concat(),
                    ),
                    tlv(0x04, &digest),
                ]
                .concat(),
            ),
            tlv(0x04, &salt),
            tlv(0x02, &[0x08, 0x00]),
        ]
        .concat(),
    );
    tlv(
        0x30,
        &[tlv(0x02, &[3]), data_ci(&auth_safe), mac_data].concat(),
    )
}

/// 300 private keys in one .pfx: 32 are opened, the rest reported.
#[test]
fn pfx_with_300_key_bags_opens_at_most_the_cap() {
    let key = &keys(1, 512, 6)[0];
    let pkcs8 = key.to_pkcs8_der().unwrap().as_bytes().to_vec();
    let bag = safe_bag("1.2.840.113549.1.12.10.1.1", &pkcs8);
    let file = pfx(&vec![bag; 300]);

    let contents = pkcs12::decode(&file, Some(PASSWORD)).expect("opens");
    assert!(contents.mac_verified);
    assert_eq!(contents.work.key_bags, pkcs12::MAX_KEY_BAGS);
    assert_eq!(contents.keys.len(), pkcs12::MAX_KEY_BAGS);
    assert!(
        matches!(&contents.limits[..], [Pkcs12Limit::Bags(m)] if m.contains("268 more")),
        "{:?}",
        contents.limits
    );

    let (analysis, _) = analyse(vec![("keys.pfx".into(), file)], Some(PASSWORD));
    let cut = raised(&analysis, Rule::InputPfxBagLimit);
    assert_eq!(cut.len(), 1);
    assert!(cut[0].contains("first 32 private keys"), "{}", cut[0]);
}

/// 30 shrouded keys at 400,000 PBKDF2 iterations each: the file's
/// 8,000,000-iteration budget opens 19 of them and reports the rest.
#[test]
fn pfx_key_derivation_is_capped_per_file() {
    const ITERATIONS: u32 = 400_000;
    let key = &keys(1, 512, 7)[0];
    let pkcs8 = key.to_pkcs8_der().unwrap().as_bytes().to_vec();
    let salt = [1u8; 16];
    let iv = [2u8; 16];
    let params = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv).unwrap();
    let ciphertext = params.encrypt(PASSWORD, &pkcs8).unwrap();
    let alg = pkcs5::EncryptionScheme::from(params).to_der().unwrap();
    let epki = tlv(0x30, &[alg, tlv(0x04, &ciphertext)].concat());
    let bag = safe_bag("1.2.840.113549.1.12.10.1.2", &epki);
    let file = pfx(&vec![bag; 30]);

    let contents = pkcs12::decode(&file, Some(PASSWORD)).expect("opens");
    assert!(
        contents.work.kdf_iterations <= pkcs12::MAX_TOTAL_ITERATIONS,
        "{:?}",
        contents.work
    );
    assert_eq!(contents.keys.len(), 19);
    assert!(
        matches!(&contents.limits[..], [Pkcs12Limit::Iterations(m)] if m.starts_with("11 ")),
        "{:?}",
        contents.limits
    );

    let (analysis, _) = analyse(vec![("slow.pfx".into(), file)], Some(PASSWORD));
    assert_eq!(raised(&analysis, Rule::InputPfxWorkLimit).len(), 1);
}

/// The MAC of a real (openssl-made) .pfx altered: the password still
/// decrypts the contents, so the file is reported as altered, not the
/// password as wrong. A wrong password is still a wrong password.
#[test]
fn altered_mac_is_damage_not_a_wrong_password() {
    let original = std::fs::read(sqltls_fixtures::path("pkcs12/aes.pfx")).unwrap();
    pkcs12::decode(&original, Some(PASSWORD)).expect("the fixture opens");
    // MacData is the PFX's last element: SEQUENCE { DigestInfo { alg, OCTET
    // STRING digest }, salt, iterations }. Flip a byte of the digest.
    let (mac_data, digest_at) = {
        let outer = der::asn1::AnyRef::from_der(&original).unwrap();
        let fields = {
            let mut reader = der::SliceReader::new(outer.value()).unwrap();
            let mut fields = Vec::new();
            while !der::Reader::is_finished(&reader) {
                fields.push(der::asn1::AnyRef::decode(&mut reader).unwrap());
            }
            fields
        };
        let mac_data = fields[2].to_der().unwrap();
        assert!(original.ends_with(&mac_data));
        // DigestInfo of SHA-256: its digest is the 32 bytes after `04 20`.
        let at = mac_data.windows(2).position(|w| w == [0x04, 0x20]).unwrap() + 2;
        (mac_data, at)
    };
    let mut altered = original.clone();
    let base = original.len() - mac_data.len();
    altered[base + digest_at] ^= 0x01;

    assert_eq!(
        pkcs12::decode(&altered, Some(PASSWORD)),
        Err(Pkcs12Error::MacMismatch)
    );
    assert_eq!(
        pkcs12::decode(&altered, Some("not-it")),
        Err(Pkcs12Error::WrongPassword)
    );
    assert_eq!(
        pkcs12::decode(&original, Some("not-it")),
        Err(Pkcs12Error::WrongPassword)
    );

    let (analysis, _) = analyse(vec![("altered.pfx".into(), altered)], Some(PASSWORD));
    assert!(raised(&analysis, Rule::InputPfxWrongPassword).is_empty());
    let damaged = raised(&analysis, Rule::InputMalformed);
    assert_eq!(damaged.len(), 1);
    assert!(
        damaged[0].contains("altered or damaged after it was exported"),
        "{}",
        damaged[0]
    );
}
