//! Remedies that can be pasted: every generated text is parsed back and, where
//! possible, run (openssl) or fed back into the analysis.

use sqltls_core::connstr::{self, Dialect};
use sqltls_core::remedy::{remedies, remedy_for, Remedies, RemedyRequest};
use sqltls_core::{analyze, AnalysisRequest, InputFile, Report, Severity, SqlServerVersion};
use std::collections::BTreeMap;

const AT: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z
const PW: &str = "S3cr3t!x";

fn fixture(rel: &str) -> InputFile {
    InputFile {
        name: rel.to_string(),
        bytes: sqltls_fixtures::bytes(rel),
    }
}

fn analysis(
    files: Vec<InputFile>,
    conns: &[String],
    version: Option<SqlServerVersion>,
    now: i64,
) -> Report {
    analyze(&AnalysisRequest {
        files,
        connections: conns.to_vec(),
        server_version: version,
        password: Some("Pa55w0rd!".into()),
        now_unix: now,
        ..AnalysisRequest::default()
    })
}

fn run(
    files: &[&str],
    conns: &[String],
    version: Option<SqlServerVersion>,
    extra: &[String],
    keep_secrets: bool,
) -> (Report, Remedies) {
    let report = analysis(
        files.iter().map(|f| fixture(f)).collect(),
        conns,
        version,
        AT,
    );
    let r = remedies(&RemedyRequest {
        report: &report,
        extra_names: extra,
        connection_texts: conns,
        keep_secrets,
        instance: None,
    });
    (report, r)
}

fn artifact<'a>(r: &'a Remedies, id: &str) -> &'a sqltls_core::remedy::Artifact {
    r.artifacts.iter().find(|a| a.id == id).unwrap_or_else(|| {
        panic!(
            "no artifact {id}: {:?}",
            r.artifacts.iter().map(|a| a.id).collect::<Vec<_>>()
        )
    })
}

fn assert_ascii(s: &str) {
    assert!(
        s.bytes()
            .all(|b| b.is_ascii() && (b >= 0x20 || b == b'\n' || b == b'\t' || b == b'\r')),
        "non-ASCII or control byte in:\n{s}"
    );
    assert!(!s.contains('\u{200e}') && !s.contains('\u{feff}'));
}

/// A small INI reader: sections, `key = value`, `;`/`#` comments, repeated keys kept in order.
fn ini(text: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut section = String::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with(';') || l.starts_with('#') {
            continue;
        }
        if l.starts_with('[') {
            assert!(l.ends_with(']'), "bad section line {l}");
            section = l[1..l.len() - 1].to_string();
            out.entry(section.clone()).or_default();
            continue;
        }
        let (k, v) = l
            .split_once('=')
            .unwrap_or_else(|| panic!("not key=value: {l}"));
        assert!(!section.is_empty(), "key outside a section: {l}");
        out.entry(section.clone())
            .or_default()
            .push((k.trim().to_string(), v.trim().to_string()));
    }
    out
}

fn get<'a>(ini: &'a BTreeMap<String, Vec<(String, String)>>, sec: &str, key: &str) -> &'a str {
    ini.get(sec)
        .and_then(|s| s.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("[{sec}] {key} missing"))
}

/// Split a PowerShell command line into tokens (quotes and @(...) kept together).
fn ps_tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = false;
    let mut depth = 0;
    for c in line.chars() {
        match c {
            '"' => {
                quote = !quote;
                cur.push(c);
            }
            '(' if !quote => {
                depth += 1;
                cur.push(c);
            }
            ')' if !quote => {
                depth -= 1;
                cur.push(c);
            }
            ' ' if !quote && depth == 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn ps_params(line: &str) -> BTreeMap<String, String> {
    let tokens = ps_tokens(line);
    let mut m = BTreeMap::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(name) = tokens[i].strip_prefix('-') {
            let v = tokens
                .get(i + 1)
                .filter(|t| !t.starts_with('-'))
                .cloned()
                .unwrap_or_default();
            m.insert(name.to_string(), v);
        }
        i += 1;
    }
    m
}

#[test]
fn names_fqdns_first_with_short_names_and_extras() {
    let conns = vec![
        "Server=tcp:sqlalias.corp.example.com,1433;Encrypt=True".to_string(),
        "Server=localhost;Encrypt=True".to_string(),
        "Server=10.0.0.5;Encrypt=True".to_string(),
    ];
    let extra = vec![
        "AGListener.corp.example.com".to_string(),
        "sqlvnn".to_string(),
    ];
    let (_, r) = run(
        &["certs/good.pem", "certs/root-ca.pem"],
        &conns,
        None,
        &extra,
        false,
    );
    assert_eq!(
        r.names,
        vec![
            "sql01.corp.example.com",
            "sqlalias.corp.example.com",
            "aglistener.corp.example.com",
            "sql01",
            "sqlalias",
            "aglistener",
            "sqlvnn"
        ]
    );
    assert_eq!(r.common_name.as_deref(), Some("sql01.corp.example.com"));
    // MDS 5 can be told HostNameInCertificate: no IP SAN.
    assert!(r.ip_addresses.is_empty());
    // ODBC 17 cannot: the IP goes into the SAN.
    let conns =
        vec!["Driver={ODBC Driver 17 for SQL Server};Server=10.0.0.5;Encrypt=yes".to_string()];
    let (_, r) = run(&["certs/good.pem"], &conns, None, &[], false);
    assert_eq!(r.ip_addresses, vec!["10.0.0.5"]);
    let inf = artifact(&r, "certreq-inf");
    assert!(inf.content.contains("_continue_ = \"ipaddress=10.0.0.5&\""));
}

#[test]
fn certreq_inf_parses_back_with_every_requirement() {
    let extra = vec!["listener1.corp.example.com".to_string()];
    // An RSA-1024 certificate for sql01: a new certificate is needed.
    let (_, r) = run(
        &["certs/rsa1024.pem"],
        &[],
        Some(SqlServerVersion::V2019),
        &extra,
        false,
    );
    let a = artifact(&r, "certreq-inf");
    assert_eq!(a.language, "ini");
    assert_ascii(&a.content);
    let inf = ini(&a.content);
    assert_eq!(get(&inf, "Version", "Signature"), "\"$Windows NT$\"");
    assert_eq!(
        get(&inf, "NewRequest", "Subject"),
        "\"CN=sql01.corp.example.com\""
    );
    assert_eq!(get(&inf, "NewRequest", "KeySpec"), "1");
    assert_eq!(get(&inf, "NewRequest", "KeyLength"), "2048");
    assert_eq!(get(&inf, "NewRequest", "HashAlgorithm"), "sha256");
    assert_eq!(
        get(&inf, "NewRequest", "ProviderName"),
        "\"Microsoft RSA SChannel Cryptographic Provider\""
    );
    assert_eq!(get(&inf, "NewRequest", "ProviderType"), "12");
    assert_eq!(get(&inf, "NewRequest", "MachineKeySet"), "TRUE");
    assert_eq!(get(&inf, "NewRequest", "Exportable"), "TRUE");
    assert_eq!(get(&inf, "NewRequest", "KeyUsage"), "0xa0");
    assert_eq!(get(&inf, "NewRequest", "RequestType"), "PKCS10");
    assert_eq!(
        get(&inf, "EnhancedKeyUsageExtension", "OID"),
        "1.3.6.1.5.5.7.3.1"
    );
    let ext = &inf["Extensions"];
    assert_eq!(ext[0], ("2.5.29.17".to_string(), "\"{text}\"".to_string()));
    let sans: Vec<String> = ext[1..]
        .iter()
        .map(|(k, v)| {
            assert_eq!(k, "_continue_");
            v.trim_matches('"')
                .trim_end_matches('&')
                .trim_start_matches("dns=")
                .to_string()
        })
        .collect();
    assert_eq!(sans, r.names);
    assert!(r.names.contains(&"listener1".to_string()));
    let cmds = artifact(&r, "certreq-commands");
    assert_ascii(&cmds.content);
    for needle in [
        "certreq -new sqltls.inf sqltls.req",
        "certreq -submit -config \"<CA host>\\<CA name>\" sqltls.req sqltls.cer",
        "certreq -accept sqltls.cer",
        "icacls $keyFile /grant 'NT Service\\MSSQLSERVER:R'",
        "MSSQL15.MSSQLSERVER\\MSSQLServer\\SuperSocketNetLib",
        "Restart-Service -Name 'MSSQLSERVER'",
    ] {
        assert!(
            cmds.content.contains(needle),
            "{needle} missing in\n{}",
            cmds.content
        );
    }
}

#[test]
fn key_length_follows_a_larger_current_key() {
    let (_, r) = run(
        &["certs/fallback-sha256.pem"],
        &[],
        Some(SqlServerVersion::V2022),
        &["sql01.corp.example.com".into()],
        false,
    );
    // The fallback certificate's CN is no host name: only the given name.
    assert_eq!(r.names, vec!["sql01.corp.example.com", "sql01"]);
    assert!(r.key_length >= 2048);
    assert_eq!(
        remedy_for(&r, rule("cert.self-generated-fallback"), None).as_deref(),
        Some("certreq-inf")
    );
}

#[test]
fn new_selfsignedcertificate_line_has_every_parameter() {
    // A self-signed certificate and no CA in sight: the lab recipe is offered.
    let (_, r) = run(&["certs/self-signed.pem"], &[], None, &[], false);
    let a = artifact(&r, "new-selfsignedcertificate");
    assert!(a.title.starts_with("Lab only"), "{}", a.title);
    assert_eq!(a.language, "powershell");
    assert_ascii(&a.content);
    let line = a
        .content
        .lines()
        .find(|l| l.contains("New-SelfSignedCertificate"))
        .unwrap();
    let p = ps_params(line);
    assert_eq!(p["Subject"], "\"CN=sql02.corp.example.com\"");
    assert_eq!(p["DnsName"], "\"sql02.corp.example.com\",\"sql02\"");
    assert_eq!(p["KeyAlgorithm"], "RSA");
    assert_eq!(p["KeyLength"], "2048");
    assert_eq!(p["HashAlgorithm"], "SHA256");
    assert_eq!(p["KeySpec"], "KeyExchange");
    assert_eq!(
        p["Provider"],
        "\"Microsoft RSA SChannel Cryptographic Provider\""
    );
    assert_eq!(p["KeyUsage"], "DigitalSignature,KeyEncipherment");
    assert_eq!(
        p["TextExtension"],
        "@(\"2.5.29.37={text}1.3.6.1.5.5.7.3.1\")"
    );
    assert_eq!(p["CertStoreLocation"], "\"Cert:\\LocalMachine\\My\"");
    assert_eq!(p["NotAfter"], "(Get-Date).AddMonths(36)");
    assert!(a
        .content
        .contains("Export-Certificate -Cert $cert -FilePath .\\sqltls-root.cer"));
    assert!(a.content.contains("Import-Certificate -FilePath .\\sqltls-root.cer -CertStoreLocation Cert:\\LocalMachine\\Root"));
    // The trust step names the self-signed certificate the person has, not a lab file.
    let t = artifact(&r, "trust-root-commands");
    assert!(
        t.content.contains("sql02.corp.example.com.cer"),
        "{}",
        t.content
    );
    assert!(!t.content.contains("sqltls-root.cer"));
    // A CA-issued certificate with a problem: no lab recipe.
    let (_, r) = run(&["certs/rsa1024.pem"], &[], None, &[], false);
    assert!(r
        .artifacts
        .iter()
        .all(|a| a.id != "new-selfsignedcertificate"));
    artifact(&r, "certreq-inf");
}

#[test]
fn registry_line_is_ascii_with_a_bare_thumbprint() {
    for (files, version, id) in [
        (
            vec!["certs/wildcard.pem"],
            Some(SqlServerVersion::V2019),
            "MSSQL15.MSSQLSERVER",
        ),
        (
            vec!["certs/wildcard.pem"],
            Some(SqlServerVersion::V2022),
            "MSSQL16.MSSQLSERVER",
        ),
    ] {
        let (report, r) = run(&files, &[], version, &[], false);
        let a = artifact(&r, "registry-thumbprint");
        assert_eq!(a.language, "cmd");
        assert_ascii(&a.content);
        let line = a
            .content
            .lines()
            .find(|l| l.starts_with("reg add"))
            .unwrap();
        let words: Vec<&str> = line.split(' ').collect();
        let d = words.iter().position(|w| *w == "/d").unwrap();
        let thumb = words[d + 1];
        assert_eq!(thumb.len(), 40);
        assert!(thumb.chars().all(|c| c.is_ascii_hexdigit()));
        let server = report
            .certificates
            .iter()
            .find(|c| c.server_certificate)
            .unwrap();
        assert!(thumb.eq_ignore_ascii_case(&server.details.thumbprint_sha1));
        assert!(line.contains(&format!(
            "\"HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\{id}\\MSSQLServer\\SuperSocketNetLib\" /v Certificate /t REG_SZ /d "
        )), "{line}");
        assert!(line.ends_with(" /f"));
    }
    // Never a registry select for a certificate SQL Server will not load
    // (AT_SIGNATURE key on 2008 R2) or whose CNG key is undocumented there:
    // the service would not start.
    for (file, version) in [
        ("certs/keysig.pfx", SqlServerVersion::V2008R2),
        ("certs/cng.pfx", SqlServerVersion::V2022),
    ] {
        let (_, r) = run(&[file], &[], Some(version), &[], false);
        assert!(
            r.artifacts.iter().all(|a| a.id != "registry-thumbprint"),
            "{file}: {:?}",
            r.artifacts.iter().map(|a| a.id).collect::<Vec<_>>()
        );
    }
    let (_, r) = run(&["certs/wildcard.pem"], &[], None, &[], false);
    assert_eq!(
        remedy_for(&r, rule("cert.wildcard"), None).as_deref(),
        Some("registry-thumbprint")
    );
    let a = artifact(&r, "registry-thumbprint");
    assert!(
        a.content.contains("Instance Names\\SQL\" /v MSSQLSERVER"),
        "{}",
        a.content
    );
    // The registry export with an invisible mark: the clean value is proposed.
    let (_, r) = run(&["evidence/reg-2019-lrm.utf16.reg"], &[], None, &[], false);
    let a = artifact(&r, "registry-thumbprint");
    assert_ascii(&a.content);
    assert!(a.content.contains("MSSQL15."), "{}", a.content);
    assert_eq!(
        remedy_for(&r, rule("server.thumbprint-invalid-character"), None).as_deref(),
        Some("registry-thumbprint")
    );
}

struct Case {
    text: String,
    dialect: Dialect,
    expect: &'static [&'static str],
    absent: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            text: format!("Server=tcp:10.0.0.5,1433;Database=app;User ID=app;Password={PW};TrustServerCertificate=True"),
            dialect: Dialect::AdoNet,
            expect: &["HostNameInCertificate=sql01.corp.example.com"],
            absent: &["TrustServerCertificate"],
        },
        Case {
            text: format!("Data Source=sql01.corp.example.com; Trust Server Certificate=yes; Encrypt=no; Password={PW}"),
            dialect: Dialect::AdoNet,
            expect: &["Data Source=sql01.corp.example.com; Encrypt=yes; Password="],
            absent: &["Trust Server Certificate"],
        },
        Case {
            text: format!("Driver={{ODBC Driver 18 for SQL Server}};Server=sqlalias;UID=app;PWD={{{PW}}};TrustServerCertificate=yes"),
            dialect: Dialect::Odbc,
            expect: &["HostnameInCertificate=sql01.corp.example.com", "Driver={ODBC Driver 18 for SQL Server};"],
            absent: &["TrustServerCertificate"],
        },
        Case {
            text: format!("Driver={{ODBC Driver 17 for SQL Server}};Server=sql01.corp.example.com;Encrypt=no;PWD={PW};"),
            dialect: Dialect::Odbc,
            expect: &["Encrypt=yes;"],
            absent: &["Encrypt=no"],
        },
        Case {
            text: format!("Provider=MSOLEDBSQL19;Data Source=10.0.0.5;Use Encryption for Data=Optional;Trust Server Certificate=true;Password={PW}"),
            dialect: Dialect::OleDb,
            expect: &["Use Encryption for Data=Mandatory", "Host Name In Certificate=sql01.corp.example.com"],
            absent: &["Trust Server Certificate"],
        },
        Case {
            text: format!("jdbc:sqlserver://10.0.0.5:1433;databaseName=app;encrypt=true;trustServerCertificate=true;password={PW}"),
            dialect: Dialect::Jdbc,
            expect: &["jdbc:sqlserver://10.0.0.5:1433;databaseName=app;encrypt=true;password=", "hostNameInCertificate=sql01.corp.example.com"],
            absent: &["trustServerCertificate"],
        },
        Case {
            text: format!("sqlserver://app:{PW}@sql01.corp.example.com:1433?database=app&TrustServerCertificate=true"),
            dialect: Dialect::GoUrl,
            expect: &["?database=app&encrypt=true"],
            absent: &["TrustServerCertificate"],
        },
        Case {
            text: format!("[sql01]\n\thost = sql01.corp.example.com\n\tport = 1433\n\tencryption = off\n\tpassword = {PW}\n"),
            dialect: Dialect::Freetds,
            expect: &["\tencryption = require\n"],
            absent: &["encryption = off"],
        },
    ]
}

#[test]
fn corrected_strings_keep_dialect_and_validate() {
    let cases = cases();
    let texts: Vec<String> = cases.iter().map(|c| c.text.clone()).collect();
    let files = ["certs/good.pem", "certs/root-ca.pem"];
    let (report, r) = run(&files, &texts, None, &[], true);
    let (_, redacted) = run(&files, &texts, None, &[], false);
    for (i, case) in cases.iter().enumerate() {
        let fix = r
            .connections
            .iter()
            .find(|f| f.connection == i)
            .unwrap_or_else(|| panic!("no fix for {}", case.text));
        let parsed = connstr::parse(&fix.corrected, None);
        assert_eq!(parsed.conn.dialect, case.dialect, "{}", fix.corrected);
        assert!(
            parsed.conn.errors.is_empty(),
            "{:?} in {}",
            parsed.conn.errors,
            fix.corrected
        );
        assert!(
            parsed.conn.unknown.is_empty(),
            "{:?} in {}",
            parsed.conn.unknown,
            fix.corrected
        );
        for e in case.expect {
            assert!(fix.corrected.contains(e), "'{e}' not in {}", fix.corrected);
        }
        for a in case.absent {
            assert!(
                !fix.corrected.contains(a),
                "'{a}' still in {}",
                fix.corrected
            );
        }
        assert!(
            fix.corrected.contains(PW),
            "keep_secrets keeps the password"
        );
        assert_eq!(fix.original, report.connections[i].redacted);
        assert!(fix.changes.iter().all(|c| !c.why.is_empty()));
        // Fed back: encrypted, validated, name matches.
        let again = analysis(
            files.iter().map(|f| fixture(f)).collect(),
            std::slice::from_ref(&fix.corrected),
            None,
            AT,
        );
        let ids: Vec<&str> = again.findings.iter().map(|f| f.id).collect();
        for bad in [
            "conn.trust-server-certificate",
            "match.host-name-mismatch",
            "conn.encrypt-disabled",
            "conn.host-is-ip",
        ] {
            assert!(
                !ids.contains(&bad),
                "{bad} after fixing {} -> {}",
                case.text,
                fix.corrected
            );
        }
        // FreeTDS validates only with `ca file` set; every other driver now validates.
        if case.dialect != Dialect::Freetds {
            assert!(
                again.connections[0].outcome.certificate_validated,
                "{}",
                fix.corrected
            );
        }
        for id in &fix.fixes {
            assert_eq!(
                remedy_for(&r, *id, Some(i)).as_deref(),
                Some(format!("connection-fix#{i}").as_str())
            );
        }
        // Redacted variant: same string with the password hidden.
        let red = redacted
            .connections
            .iter()
            .find(|f| f.connection == i)
            .unwrap();
        assert!(!red.corrected.contains(PW), "{}", red.corrected);
        assert!(
            red.corrected.contains(connstr::REDACTED),
            "{}",
            red.corrected
        );
        assert_eq!(red.corrected, connstr::redact(&fix.corrected));
    }
    let json = serde_json::to_string(&redacted).unwrap();
    assert!(!json.contains(PW) && !json.contains("S3cr3t"), "{json}");
}

#[test]
fn keyword_style_is_kept() {
    let texts = vec![
        format!("server=10.0.0.5;user id=app;password={PW};trustservercertificate=true"),
        "Server=sqlalias.corp.example.com;Trust Server Certificate=True".to_string(),
    ];
    let (_, r) = run(&["certs/good.pem"], &texts, None, &[], false);
    assert!(
        r.connections[0]
            .corrected
            .ends_with(";hostnameincertificate=sql01.corp.example.com"),
        "{}",
        r.connections[0].corrected
    );
    assert_eq!(
        r.connections[1].corrected,
        "Server=sqlalias.corp.example.com;Host Name In Certificate=sql01.corp.example.com"
    );
}

#[test]
fn no_validatable_certificate_means_offers_not_removals() {
    let texts = vec!["Server=sql01.corp.example.com;TrustServerCertificate=True".to_string()];
    let (_, r) = run(&["certs/expired.pem"], &texts, None, &[], false);
    let fix = &r.connections[0];
    assert!(fix.corrected.contains("TrustServerCertificate=True"));
    assert!(fix.changes.iter().any(|c| c.action == "offered"));
    assert!(fix.fixes.is_empty());
    assert_eq!(
        remedy_for(&r, rule("conn.trust-server-certificate"), Some(0)),
        None
    );
    // Drivers without HostNameInCertificate get advice, and the cert fix for the mismatch.
    let texts = vec![
        "Driver={ODBC Driver 17 for SQL Server};Server=sqlalias;Encrypt=yes".to_string(),
        "mssql://sqlalias:1433?encrypt=true&trustServerCertificate=false".to_string(),
    ];
    let report = analysis(vec![fixture("certs/good.pem")], &texts, None, AT);
    assert_eq!(report.connections[1].driver.as_str(), "tedious");
    let r = remedies(&RemedyRequest::new(&report));
    let odbc = r.connections.iter().find(|f| f.connection == 0).unwrap();
    assert!(odbc
        .changes
        .iter()
        .any(|c| c.action == "offered" && c.why.contains("ODBC")));
    assert_eq!(
        remedy_for(&r, rule("match.host-name-mismatch"), Some(0)).as_deref(),
        Some("certreq-inf")
    );
    let tedious = r.connections.iter().find(|f| f.connection == 1).unwrap();
    assert!(tedious
        .changes
        .iter()
        .any(|c| c.keyword == "serverName" && c.why.contains("options.serverName")));
}

#[test]
fn strict_is_offered_only_on_2022_with_a_capable_driver() {
    let texts = vec![
        "Server=sql01.corp.example.com;Encrypt=True;TrustServerCertificate=True".to_string(),
        "Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=yes;TrustServerCertificate=yes".to_string(),
    ];
    let (_, r) = run(
        &["certs/good.pem", "certs/root-ca.pem"],
        &texts,
        Some(SqlServerVersion::V2022),
        &[],
        false,
    );
    let mds = &r.connections[0];
    let strict = mds.strict.as_deref().unwrap();
    assert_eq!(strict, "Server=sql01.corp.example.com;Encrypt=Strict");
    let again = analysis(
        vec![fixture("certs/good.pem")],
        &[strict.to_string()],
        Some(SqlServerVersion::V2022),
        AT,
    );
    assert_eq!(
        again.connections[0].outcome.encryption,
        connstr::Encryption::Strict
    );
    assert!(r.connections[1].strict.is_none());
    let (_, r) = run(
        &["certs/good.pem"],
        &texts,
        Some(SqlServerVersion::V2019),
        &[],
        false,
    );
    assert!(r.connections.iter().all(|c| c.strict.is_none()));
}

#[test]
fn linux_openssl_config_makes_a_certificate_sqltls_accepts() {
    let conns = vec![
        "Server=10.0.0.5;TrustServerCertificate=True".to_string(),
        "Server=sqlalias.corp.example.com;Encrypt=True".to_string(),
    ];
    let extra = vec!["aglistener.corp.example.com".to_string()];
    let (_, r) = run(&["certs/good.pem"], &conns, None, &extra, false);
    let cfg = artifact(&r, "openssl-config");
    assert_ascii(&cfg.content);
    let parsed = ini(&cfg.content);
    assert_eq!(get(&parsed, "req", "prompt"), "no");
    assert_eq!(get(&parsed, "dn", "CN"), "sql01.corp.example.com");
    assert_eq!(get(&parsed, "v3", "basicConstraints"), "critical,CA:FALSE");
    assert_eq!(
        get(&parsed, "v3", "keyUsage"),
        "critical,digitalSignature,keyEncipherment"
    );
    assert_eq!(get(&parsed, "v3", "extendedKeyUsage"), "serverAuth");
    let alt: Vec<String> = parsed["alt"].iter().map(|(_, v)| v.clone()).collect();
    assert_eq!(alt, r.names);
    let cmds = artifact(&r, "openssl-commands");
    let conf = artifact(&r, "mssql-conf");
    for needle in ["chown mssql:mssql", "chmod 600", "chmod 644"] {
        assert!(cmds.content.contains(needle), "{needle}");
    }
    for needle in [
        "mssql-conf set network.tlscert ",
        "mssql-conf set network.tlskey ",
        "mssql-conf set network.tlsprotocols 1.2",
        "mssql-conf set network.forceencryption 1",
        "systemctl restart mssql-server",
    ] {
        assert!(conf.content.contains(needle), "{needle}");
    }

    let have_openssl = std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_openssl {
        eprintln!("skipped: openssl not found");
        return;
    }
    let dir = std::env::temp_dir().join(format!("sqltls-remedy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sqltls-openssl.cnf"), &cfg.content).unwrap();
    let line = cmds
        .content
        .lines()
        .find(|l| l.starts_with("openssl req -x509"))
        .unwrap();
    let args: Vec<&str> = line.split_whitespace().skip(1).collect();
    let out = std::process::Command::new("openssl")
        .args(&args)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pem = std::fs::read(dir.join("mssql.pem")).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 60;
    let made = |conns: &[String]| {
        analysis(
            vec![InputFile {
                name: "mssql.pem".into(),
                bytes: pem.clone(),
            }],
            conns,
            None,
            now,
        )
    };
    let report = made(&[]);
    let errors: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.id)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let cert = &report.certificates[0].details;
    assert_eq!(cert.san_dns, r.names);
    assert_eq!(cert.common_name.as_deref(), r.common_name.as_deref());
    assert_eq!(cert.public_key.bits, 2048);
    // The corrected strings validate against the certificate carrying the proposed names.
    let texts: Vec<String> = r.connections.iter().map(|c| c.corrected.clone()).collect();
    let again = made(&texts);
    let ids: Vec<&str> = again.findings.iter().map(|f| f.id).collect();
    assert!(
        !ids.contains(&"conn.trust-server-certificate"),
        "{ids:?} {texts:?}"
    );
    assert!(
        !ids.contains(&"match.host-name-mismatch"),
        "{ids:?} {texts:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nothing_to_name_means_no_certificate_artifacts() {
    let report = analysis(Vec::new(), &[], None, AT);
    let r = remedies(&RemedyRequest::new(&report));
    assert!(r.names.is_empty());
    assert!(r.common_name.is_none());
    assert!(r.artifacts.is_empty());
    assert_eq!(remedy_for(&r, rule("cert.expired"), None), None);
}

/// The rule with this id (the test fails on an unknown id).
fn rule(id: &str) -> sqltls_core::Rule {
    sqltls_core::Rule::from_id(id).unwrap_or_else(|| panic!("no rule {id}"))
}
