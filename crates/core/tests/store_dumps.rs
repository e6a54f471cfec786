//! Windows certificate-store dumps as evidence: certutil (plain, `-v`,
//! `-user`, French and German), PowerShell `Format-List *` and dbatools,
//! each certificate judged by the same rules as a dropped certificate.
//! Fixtures: tests/fixtures/store (README.md there names the source of each).

use sqltls_core::evidence::store_dump::{
    parse_store_dump, DumpTool, KeyState, ProviderKind, StoreLocation,
};
use sqltls_core::evidence::{detect, EvidenceKind};
use sqltls_core::report::{Answer, Verdict};
use sqltls_core::{AnalysisRequest, InputFile, Report};

/// 2026-06-01T00:00:00Z, the instant the certificate fixtures are built around.
const AT: i64 = 1_780_272_000;
/// good.pem's thumbprint (tests/fixtures/certs/README.md).
const GOOD: &str = "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED";

fn store(name: &str) -> String {
    sqltls_fixtures::text(&format!("store/{name}"))
}

fn analyze_files(files: &[(&str, Vec<u8>)], password: Option<&str>) -> Report {
    sqltls_core::analyze(&AnalysisRequest {
        files: files
            .iter()
            .map(|(n, b)| InputFile {
                name: (*n).to_string(),
                bytes: b.clone(),
            })
            .collect(),
        password: password.map(str::to_string),
        now_unix: AT,
        ..AnalysisRequest::default()
    })
}

fn analyze_dump(name: &str) -> Report {
    analyze_files(&[(name, store(name).into_bytes())], None)
}

#[cfg(feature = "crypto")]
fn pfx(name: &str) -> Report {
    analyze_files(
        &[(name, sqltls_fixtures::bytes(&format!("certs/{name}")))],
        Some("Pa55w0rd!"),
    )
}

/// The verdict of the only server certificate.
fn verdict(report: &Report) -> Verdict {
    let servers: Vec<_> = report
        .certificates
        .iter()
        .filter(|c| c.server_certificate)
        .collect();
    assert_eq!(servers.len(), 1, "one server certificate");
    servers[0].verdict.clone().expect("verdict")
}

fn ids(report: &Report) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = report.findings.iter().map(|f| f.id).collect();
    v.sort_unstable();
    v
}

fn because(v: &sqltls_core::report::VerdictAnswer) -> Vec<&'static str> {
    v.because.iter().map(|r| r.id()).collect()
}

#[cfg(feature = "crypto")]
#[test]
fn dump_of_the_cng_pfx_certificate_gives_the_pfx_verdicts() {
    for (dump, pfx_name, expected) in [
        ("good-cng-v.txt", "cng.pfx", "cert.cng-key-provider"),
        ("good-keysig-v.txt", "keysig.pfx", "cert.keyspec-signature"),
    ] {
        let from_dump = analyze_dump(dump);
        let from_pfx = pfx(pfx_name);
        let (d, p) = (verdict(&from_dump), verdict(&from_pfx));
        assert_eq!(d, p, "{dump} vs {pfx_name}");
        assert!(because(&d.sscm_lists).contains(&expected), "{dump}: {d:?}");
        // The certificate itself is the same one.
        let cert = from_dump
            .certificates
            .iter()
            .find(|c| c.server_certificate)
            .unwrap();
        assert_eq!(cert.details.thumbprint_sha1, GOOD);
        assert_eq!(cert.details.san_dns, ["sql01.corp.example.com", "sql01"]);
    }
    // A legacy AT_KEYEXCHANGE key in LocalMachine\My: listed and loaded,
    // exactly as the same certificate in a .pfx with such a key.
    assert_eq!(
        verdict(&analyze_dump("good-keyex-v.txt")),
        verdict(&pfx("good-aes.pfx"))
    );
}

#[test]
fn keyspec_from_the_plain_test_line() {
    let r = analyze_dump("good-keysig.txt");
    let v = verdict(&r);
    assert_eq!(v.sscm_lists.answer, Answer::No);
    assert_eq!(because(&v.sscm_lists), ["cert.keyspec-signature"]);
    assert_eq!(v.server_loads.answer, Answer::No);
    let found = ids(&r);
    assert!(
        found.contains(&"cert.store-key-not-exportable"),
        "{found:?}"
    );
    // No EKU or SAN in a plain listing: clients depend on them, and the
    // message names the command that shows them.
    assert_eq!(v.clients_validate.answer, Answer::Depends);
    let unknown = r
        .findings
        .iter()
        .find(|f| f.id == "cert.store-facts-unknown")
        .expect("facts unknown");
    assert!(
        unknown
            .message
            .contains(&format!("certutil -v -store My {GOOD}")),
        "{}",
        unknown.message
    );
    assert!(unknown.message.contains("the EKU"), "{}", unknown.message);
}

#[test]
fn missing_key_and_missing_keyset_are_private_key_missing() {
    for name in ["good-no-key.txt", "good-missing-keyset.txt"] {
        let r = analyze_dump(name);
        let v = verdict(&r);
        assert_eq!(v.sscm_lists.answer, Answer::No, "{name}");
        assert_eq!(
            because(&v.server_loads),
            ["cert.private-key-missing"],
            "{name}"
        );
    }
    let parsed = parse_store_dump(&store("good-missing-keyset.txt")).unwrap();
    assert_eq!(parsed.certificates[0].key, KeyState::KeysetMissing);
    let parsed = parse_store_dump(&store("good-no-key.txt")).unwrap();
    assert_eq!(parsed.certificates[0].key, KeyState::None);
}

#[test]
fn current_user_certificates_are_not_listed() {
    // certutil -user (sysadmins.lv) and PowerShell Cert:\CurrentUser.
    for name in [
        "certutil-user-enhanced-csp.txt",
        "good-powershell-currentuser.txt",
    ] {
        let r = analyze_dump(name);
        let v = verdict(&r);
        assert_eq!(v.sscm_lists.answer, Answer::No, "{name}: {v:?}");
        assert!(
            because(&v.sscm_lists).contains(&"cert.store-current-user"),
            "{name}: {v:?}"
        );
    }
    let d = parse_store_dump(&store("certutil-user-enhanced-csp.txt")).unwrap();
    let c = &d.certificates[0];
    assert_eq!(c.location, Some(StoreLocation::CurrentUser));
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("90DA9F102D091DE27AFC092B7212E94118D5B7B2")
    );
    assert_eq!(c.provider_kind(), Some(ProviderKind::LegacyCsp));
    assert_eq!(c.key, KeyState::Present);
    assert!(c.root, "Root Certificate: Subject matches Issuer");
}

#[test]
fn plain_listing_of_a_vendor_csp() {
    // gentilkiwi/mimikatz#27: certutil -user -store My, a smart-card CSP.
    let d = parse_store_dump(&store("certutil-user-vendor-csp.txt")).unwrap();
    assert_eq!(d.tool, DumpTool::Certutil);
    let c = &d.certificates[0];
    assert_eq!(c.provider.as_deref(), Some("Symantec PKI Client CSP"));
    assert_eq!(c.provider_kind(), Some(ProviderKind::LegacyCsp));
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("A42A9E45958D92C643D542A3C4B619AF21FC3CF7")
    );
    assert_eq!(
        c.subject.as_deref(),
        Some("OU=MULTI-ALLOWED, OU=RACERT, CN=xxxxx, CN=xxxxx")
    );
    let r = analyze_dump("certutil-user-vendor-csp.txt");
    let found = ids(&r);
    assert!(found.contains(&"cert.expired"), "{found:?}");
    assert!(found.contains(&"cert.store-current-user"), "{found:?}");
}

#[test]
fn localized_certutil_listings() {
    // French (saltstack/salt#55024): no key, expired in 2004.
    let d = parse_store_dump(&store("certutil-fr-no-key.txt")).expect("French listing");
    let c = &d.certificates[0];
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("18F7C1FCC3090203FD5BAA2F861A754976C8DD25")
    );
    assert_eq!(c.key, KeyState::None);
    assert!(c.root);
    let r = analyze_dump("certutil-fr-no-key.txt");
    let found = ids(&r);
    assert!(found.contains(&"cert.expired"), "{found:?}");
    assert!(found.contains(&"cert.private-key-missing"), "{found:?}");
    // German -v (lithnet/access-manager#112): names, dates, key length.
    let d = parse_store_dump(&store("certutil-de-v.txt")).expect("German listing");
    assert_eq!(d.tool, DumpTool::CertutilVerbose);
    let c = &d.certificates[0];
    assert_eq!(c.subject.as_deref(), Some("CN=server.domain.ext"));
    assert_eq!(c.key_bits, Some(2048));
    assert_eq!(
        c.signature_algorithm.as_deref(),
        Some("1.2.840.113549.1.1.11")
    );
    let r = analyze_dump("certutil-de-v.txt");
    assert!(ids(&r).contains(&"cert.expired"));
    assert_eq!(detect(&store("certutil-de-v.txt")), EvidenceKind::StoreDump);
}

#[test]
fn verbose_listing_reads_signature_and_key() {
    // MicrosoftDocs/azure-docs#29612: -v, SHA-1 signed, self-issued.
    let d = parse_store_dump(&store("certutil-v-servicefabric.txt")).unwrap();
    let c = &d.certificates[0];
    assert_eq!(
        c.signature_algorithm.as_deref(),
        Some("1.2.840.113549.1.1.5")
    );
    assert_eq!(
        c.issuer.as_deref(),
        Some("CN=ServiceFabricConfigEcryption-Local/Dev")
    );
    assert!(
        !c.extensions_shown,
        "the post was cut before the extensions"
    );
    let r = analyze_dump("certutil-v-servicefabric.txt");
    let found = ids(&r);
    assert!(found.contains(&"cert.weak-signature-sha1"), "{found:?}");
    assert!(found.contains(&"cert.self-signed"), "{found:?}");
}

#[test]
fn powershell_and_dbatools_listings() {
    let d = parse_store_dump(&store("good-powershell-currentuser.txt")).unwrap();
    assert_eq!(d.tool, DumpTool::PowerShell);
    let c = &d.certificates[0];
    assert_eq!(c.eku.as_deref(), Some(&["serverAuth".to_string()][..]));
    assert_eq!(c.key, KeyState::Present);
    // `PrivateKey : …RSACryptoServiceProvider`: a CryptoAPI key, KeySpec not shown.
    assert_eq!(c.provider_kind(), Some(ProviderKind::LegacyCsp));
    let r = analyze_dump("good-powershell-currentuser.txt");
    let unknown = r
        .findings
        .iter()
        .find(|f| f.id == "cert.store-facts-unknown")
        .expect("KeySpec unknown");
    assert!(
        unknown.message.contains("the KeySpec"),
        "{}",
        unknown.message
    );
    assert!(!unknown.message.contains("provider"), "{}", unknown.message);
    let d = parse_store_dump(&store("good-dbatools.txt")).unwrap();
    assert_eq!(d.tool, DumpTool::Dbatools);
    let c = &d.certificates[0];
    assert_eq!(c.location, Some(StoreLocation::LocalMachine));
    assert_eq!(c.dns_names.as_deref().map(<[String]>::len), Some(2));
    // dbatools shows no key: whether SQL Server can use it depends.
    let v = verdict(&analyze_dump("good-dbatools.txt"));
    assert_eq!(v.server_loads.answer, Answer::Depends);
    assert_eq!(because(&v.server_loads), ["cert.store-facts-unknown"]);
}

#[cfg(feature = "crypto")]
#[test]
fn dump_thumbprints_meet_the_errorlog() {
    let log = "2026-06-01 07:00:12.20 Server      The certificate [Cert Hash(sha1) \"43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED\"] was successfully loaded for encryption.\n";
    let r = analyze_files(
        &[
            ("dump.txt", store("good-keysig.txt").into_bytes()),
            ("ERRORLOG", log.as_bytes().to_vec()),
        ],
        None,
    );
    let found = r
        .findings
        .iter()
        .find(|f| f.id == "match.thumbprint-found")
        .expect("matched");
    assert_eq!(found.certificate, Some(0));
    // A dropped certificate with the listed thumbprint takes the dump's key facts.
    let r = analyze_files(
        &[
            ("good.pem", sqltls_fixtures::bytes("certs/good.pem")),
            ("dump.txt", store("good-cng-v.txt").into_bytes()),
        ],
        None,
    );
    assert_eq!(r.certificates.len(), 1, "one certificate, not two");
    assert_eq!(verdict(&r), verdict(&pfx("cng.pfx")));
    // The file shows the extensions a plain listing lacks: nothing is unknown.
    let r = analyze_files(
        &[
            ("good.pem", sqltls_fixtures::bytes("certs/good.pem")),
            ("dump.txt", store("good-keysig.txt").into_bytes()),
        ],
        None,
    );
    assert_eq!(verdict(&r), verdict(&pfx("keysig.pfx")));
    assert!(
        !ids(&r).contains(&"cert.store-facts-unknown"),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn prose_is_not_a_dump() {
    assert!(
        parse_store_dump("Serial Number: 12\nIssuer: CN=x\nThe certificate is fine.").is_none()
    );
    assert!(parse_store_dump("Thumbprint : 43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED").is_none());
}

#[test]
fn not_listed_checklist_rules_causes_in_and_out_from_the_listing() {
    use sqltls_core::clients::Symptom;
    let run = |name: &str| {
        sqltls_core::analyze(&AnalysisRequest {
            files: vec![InputFile {
                name: name.to_string(),
                bytes: store(name).into_bytes(),
            }],
            now_unix: AT,
            symptoms: vec![Symptom::NotListed],
            ..AnalysisRequest::default()
        })
    };
    let checklist = |r: &Report| -> Vec<String> {
        r.diagnosis
            .iter()
            .find(|d| d.id.meta().id == "diag.not-listed-checklist")
            .map(|d| d.actions.iter().map(|a| a.text.clone()).collect())
            .unwrap_or_default()
    };
    // LocalMachine\My, legacy CSP, AT_KEYEXCHANGE, serverAuth: each cause out.
    let steps = checklist(&run("good-keyex-v.txt"));
    assert!(
        steps.iter().any(|s| s.starts_with("Store — ruled out")),
        "{steps:#?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("Private key — ruled out")),
        "{steps:#?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("Key provider and KeySpec — ruled out")),
        "{steps:#?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("Server Authentication EKU — ruled out")),
        "{steps:#?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s.contains("sql01.corp.example.com, sql01")),
        "{steps:#?}"
    );
    // dbatools shows no key: the step names the command that would.
    let steps = checklist(&run("good-dbatools.txt"));
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("Key provider and KeySpec — not shown")
                && s.contains(&format!("certutil -v -store My {GOOD}"))),
        "{steps:#?}"
    );
}

#[test]
fn names_keep_the_commas_of_their_values() {
    // salt#55024: `OU=NO LIABILITY ACCEPTED, (c)97 VeriSign, Inc., …` has
    // commas inside values, written without quotes.
    let r = analyze_dump("certutil-fr-no-key.txt");
    let cert = &r.certificates[0].details;
    assert_eq!(
        cert.subject,
        "O=VeriSign Trust Network, OU=VeriSign, Inc., OU=VeriSign Time Stamping Service Root, OU=NO LIABILITY ACCEPTED, (c)97 VeriSign, Inc."
    );
}

#[test]
fn the_report_carries_what_the_listing_shows() {
    let json = |name: &str| serde_json::to_value(&*analyze_dump(name)).expect("json");
    let v = json("good-cng-v.txt");
    let store = &v["certificates"][0]["store"];
    assert_eq!(store["provider"], "Microsoft Software Key Storage Provider");
    assert_eq!(store["provider_kind"], "cng-ksp");
    assert_eq!(store["key"], "present");
    assert_eq!(store["location"], "local-machine");
    assert_eq!(store["tool"], "certutil-verbose");
    let v = json("good-keysig.txt");
    let store = &v["certificates"][0]["store"];
    assert_eq!(store["provider_kind"], "legacy-csp");
    assert_eq!(store["key_spec"], "AT_SIGNATURE");
    assert_eq!(store["exportable"], false);
    assert_eq!(v["evidence"][0]["kind"], "store-dump");
}

#[test]
fn long_hostile_listings_are_read_in_bounded_time() {
    // 200,000 distinct `Name : value` lines and 100,000 certutil headers.
    let mut names = String::new();
    for i in 0..200_000 {
        names.push_str(&format!("P{i} : x\n"));
    }
    let mut headers = String::new();
    for i in 0..100_000 {
        headers.push_str(&format!(
            "================ Certificate {i} ================\nCert Hash(sha1): {:040x}\n",
            i
        ));
    }
    let start = std::time::Instant::now();
    assert!(parse_store_dump(&names).is_none());
    let d = parse_store_dump(&headers).expect("listing");
    assert_eq!(
        d.certificates.len(),
        sqltls_core::evidence::store_dump::MAX_DUMP_CERTIFICATES
    );
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

/// Microsoft's own documentation shows a `certutil -store -user My` with a
/// legacy-CSP key and a CNG key side by side (MicrosoftDocs/windowsserverdocs
/// WindowsServerDocs/remote/remote-access/vpn/always-on-vpn/deploy/always-on-vpn-deploy-troubleshooting.md).
#[test]
fn microsoft_docs_listing_tells_the_cng_key_from_the_csp_key() {
    let d = parse_store_dump(&store("certutil-user-ms-docs-cng.txt")).unwrap();
    assert_eq!(d.tool, DumpTool::Certutil);
    assert_eq!(d.certificates.len(), 2);
    let (csp, cng) = (&d.certificates[0], &d.certificates[1]);
    assert_eq!(csp.provider_kind(), Some(ProviderKind::LegacyCsp));
    assert_eq!(cng.provider_kind(), Some(ProviderKind::CngKsp));
    assert_eq!(cng.exportable, Some(false));
    assert_eq!(
        cng.thumbprint.as_deref(),
        Some("37378A1B06DCEF1B4D4753F7D21E4F20B18FBFEC")
    );
    for c in &d.certificates {
        assert_eq!(c.location, Some(StoreLocation::CurrentUser));
        assert_eq!(c.key, KeyState::Present);
    }
    let r = analyze_dump("certutil-user-ms-docs-cng.txt");
    let cng_findings: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.id == "cert.cng-key-provider")
        .map(|f| f.id)
        .collect();
    assert_eq!(
        cng_findings.len(),
        1,
        "only the KSP certificate: {:?}",
        ids(&r)
    );
    assert!(ids(&r).contains(&"cert.store-current-user"));
}

/// A Dutch machine prints day-first dates and the older spaced hash
/// (remyblok/remyblok.github.io, _posts/2015-05-21-Converting Certificate to
/// use CSP Storage Provider in stead of CNG Storage Provider.md).
#[test]
fn dutch_dates_and_spaced_hash_of_a_cng_listing() {
    let d = parse_store_dump(&store("certutil-user-cng-dutch-dates.txt")).unwrap();
    let c = &d.certificates[0];
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("0006ECCF745902403CAE2FFDD05D739C4509522A")
    );
    assert_eq!(c.provider_kind(), Some(ProviderKind::CngKsp));
    // 19-5-2015 03:39 and 19-5-2017 16:38, read day-first (as UTC).
    assert_eq!(c.not_before, Some(1_432_006_740));
    assert_eq!(c.not_after, Some(1_495_211_880));
    let found = ids(&analyze_dump("certutil-user-cng-dutch-dates.txt"));
    assert!(found.contains(&"cert.cng-key-provider"), "{found:?}");
    assert!(found.contains(&"cert.expired"), "{found:?}");
}
