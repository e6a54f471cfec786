//! Server evidence and error messages: the explainer over real message texts
//! in each driver's wording, ERRORLOG / registry / mssql.conf fixtures
//! (tests/fixtures/evidence, made by make.sh there) cross-checked with
//! dropped certificates (tests/fixtures/certs), and robustness.

use sqltls_core::cert::CertificateInfo;
use sqltls_core::evidence::{
    analyze_text, explain, match_thumbprints, parse_errorlog, parse_mssql_conf, parse_registry,
    EvidenceKind, EvidenceReport,
};
use sqltls_core::{Severity, SqlServerVersion};
use std::path::PathBuf;

/// SHA-1 thumbprints recorded in tests/fixtures/certs/README.md.
const GOOD: &str = "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED";
const SELF_SIGNED: &str = "7EE72AE05795F509E68C73B78084E11B98672C3D";

fn fixtures() -> PathBuf {
    sqltls_fixtures::root()
}

fn evidence(name: &str) -> String {
    let bytes = sqltls_fixtures::bytes(&format!("evidence/{name}"));
    sqltls_core::input::text_of(&bytes).unwrap_or_else(|| panic!("{name} is not text"))
}

fn certs(names: &[&str]) -> Vec<CertificateInfo> {
    names
        .iter()
        .flat_map(|n| {
            let bytes = std::fs::read(fixtures().join("certs").join(n)).expect("cert fixture");
            sqltls_core::input::decode(n, &bytes, None).certificates
        })
        .collect()
}

fn ids_of(report: &EvidenceReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.id).collect()
}

fn explained(text: &str) -> Vec<&'static str> {
    explain(text).iter().map(|h| h.rule.id()).collect()
}

/// (text, expected ids, where the wording comes from)
const CORPUS: &[(&str, &[&str], &str)] = &[
    // --- error.untrusted-root ---
    (
        "A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)",
        &["error.untrusted-root"],
        "SqlClient; SupportArticles-docs certificate-chain-not-trusted.md",
    ),
    (
        "Cannot connect to sql01.\r\n===================================\r\nA connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.) (.Net SqlClient Data Provider)\r\nFor help, click: https://docs.microsoft.com/sql/relational-databases/errors-events/mssqlserver--2146893019-database-engine-error\r\nError Number: -2146893019\r\nSeverity: 20",
        &["error.untrusted-root"],
        "SSMS dialog; SupportArticles-docs error-message-when-you-connect.md (HelpLink EvtID -2146893019)",
    ),
    (
        "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: The certificate chain was issued by an authority that is not trusted.\n[Microsoft][ODBC Driver 18 for SQL Server]Client unable to establish connection",
        &["error.untrusted-root"],
        "ODBC 18 on Windows; facts C",
    ),
    (
        "Microsoft OLE DB Driver 19 for SQL Server: SSL Provider: The certificate chain was issued by an authority that is not trusted.\nMicrosoft OLE DB Driver 19 for SQL Server: Client unable to establish connection.",
        &["error.untrusted-root"],
        "OLE DB 19; sql-docs oledb major-version-differences.md",
    ),
    (
        "('08001', '[08001] [Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:unable to get local issuer certificate] (-1) (SQLDriverConnect)')",
        &["error.untrusted-root"],
        "pyodbc + ODBC 18 on Linux (OpenSSL 3); facts C",
    ),
    (
        "[Microsoft][ODBC Driver 17 for SQL Server]SSL Provider: [error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed:self signed certificate]",
        &["error.untrusted-root"],
        "ODBC 17 on Linux (OpenSSL 1.1); facts C",
    ),
    (
        "com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target\". ClientConnectionId:3f6c1b1e-0a7e-4b0e-9d1f-2a4a5b6c7d8e",
        &["error.untrusted-root"],
        "mssql-jdbc; facts C (JDBC wrapped form)",
    ),
    (
        "mssql: login error: TLS Handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority",
        &["error.untrusted-root"],
        "go-mssqldb; Go crypto/x509 UnknownAuthorityError",
    ),
    (
        "ConnectionError: Failed to connect to sql01.corp.example.com:1433 - self-signed certificate\n    at Connection.socketError (node_modules/tedious/lib/connection.js:1395:28) {\n  code: 'ESOCKET'",
        &["error.untrusted-root"],
        "tedious on Node 17+ (DEPTH_ZERO_SELF_SIGNED_CERT); facts C",
    ),
    (
        "ConnectionError: Failed to connect to localhost:1433 - self signed certificate",
        &["error.untrusted-root"],
        "tedious on older Node; facts C",
    ),
    (
        "Failed to connect to sql01.corp.example.com:1433 - self-signed certificate in certificate chain",
        &["error.untrusted-root"],
        "tedious (SELF_SIGNED_CERT_IN_CHAIN); facts C",
    ),
    (
        "ConnectionError: Failed to connect to sql01:1433 - unable to verify the first certificate",
        &["error.untrusted-root"],
        "tedious (UNABLE_TO_VERIFY_LEAF_SIGNATURE, missing intermediate); facts C",
    ),
    (
        "The certificate received from the remote server was issued by an untrusted certificate authority. Because of this, none of the data contained in the certificate can be validated. The TLS connection request has failed.",
        &["error.untrusted-root"],
        "Schannel event 36882 on the client; facts C",
    ),
    ("0x80090325", &["error.untrusted-root"], "bare hex code"),
    ("-2146893019", &["error.untrusted-root"], "bare signed decimal (HelpLink EvtID)"),
    ("36882", &["error.untrusted-root"], "bare Schannel event id"),
    // --- error.name-mismatch ---
    (
        "A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The target principal name is incorrect.)",
        &["error.name-mismatch"],
        "SqlClient; dotnet/SqlClient issues #1437, #1753",
    ),
    (
        "The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"Failed to validate the server name \"sql01\"in a certificate during Secure Sockets Layer (SSL) initialization.\".",
        &["error.name-mismatch"],
        "mssql-jdbc SQLServerResource (R_certNameFailed); facts C",
    ),
    (
        "TLS Handshake failed: tls: failed to verify certificate: x509: certificate is valid for sql01.corp.example.com, sql01, not sql01.corp.example",
        &["error.name-mismatch"],
        "go-mssqldb; Go crypto/x509 HostnameError",
    ),
    (
        "TLS Handshake failed: x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs",
        &["error.name-mismatch"],
        "go-mssqldb connecting by IP; Go crypto/x509 HostnameError",
    ),
    (
        "ConnectionError: Failed to connect to sql01:1433 - Hostname/IP does not match certificate's altnames: Host: sql01. is not in the cert's altnames: DNS:sql01.corp.example.com",
        &["error.name-mismatch"],
        "tedious / Node (ERR_TLS_CERT_ALTNAME_INVALID); facts C",
    ),
    ("0x80090322", &["error.name-mismatch"], "bare hex code SEC_E_WRONG_PRINCIPAL"),
    // --- error.no-san ---
    (
        "TLS Handshake failed: x509: certificate relies on legacy Common Name field, use SANs instead",
        &["error.no-san"],
        "Go 1.15+; facts C",
    ),
    // --- error.connection-forcibly-closed ---
    (
        "A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) (Microsoft SQL Server, Error: 10054)",
        &["error.connection-forcibly-closed"],
        "SSMS 19 against a strict-only server; dotnet/SqlClient issue #2243",
    ),
    (
        "[Microsoft][ODBC Driver 17 for SQL Server]TCP Provider: Error code 0x2746\n[Microsoft][ODBC Driver 17 for SQL Server]Client unable to establish connection",
        &["error.connection-forcibly-closed"],
        "ODBC on Linux (0x2746 = 10054); facts C",
    ),
    (
        "[Microsoft OLE DB Driver for SQL Server]: Client unable to Establish connection\n[Microsoft OLE DB Driver for SQL Server]: TCP Provider: An existing connection has been forced to be interrupted by the remote host.",
        &["error.connection-forcibly-closed"],
        "OLE DB linked server; SupportArticles-docs linked-server-cannot-be-created.md",
    ),
    ("10054", &["error.connection-forcibly-closed"], "bare socket error"),
    // --- error.no-common-algorithm ---
    (
        "A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The client and server cannot communicate, because they do not possess a common algorithm.)",
        &["error.no-common-algorithm"],
        "SqlClient; SupportArticles-docs tls-1-2-support-microsoft-sql-server.md",
    ),
    (
        "A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 40. The Windows SChannel error state is 1205.",
        &["error.no-common-algorithm"],
        "Schannel event 36888; SupportArticles-docs linked-server-cannot-be-created.md, tls-1-2-support",
    ),
    (
        "An TLS 1.2 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server. The TLS connection request has failed.",
        &["error.no-common-algorithm"],
        "Schannel event 36874; facts C",
    ),
    (
        "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000102:SSL routines::unsupported protocol]",
        &["error.no-common-algorithm"],
        "ODBC 18 on Linux against a TLS 1.0-only server (OpenSSL 3)",
    ),
    (
        "The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]\".",
        &["error.no-common-algorithm"],
        "mssql-jdbc on Java 8u291+ against a TLS 1.0 server (JSSE wording)",
    ),
    ("0x80090331", &["error.no-common-algorithm"], "bare hex code SEC_E_ALGORITHM_MISMATCH"),
    ("36874", &["error.no-common-algorithm"], "bare Schannel event id"),
    // --- error.tls-client-credential ---
    (
        "A fatal error occurred while creating a TLS client credential. The internal error state is 10013.",
        &["error.tls-client-credential"],
        "Schannel event 36871; facts C",
    ),
    ("36871", &["error.tls-client-credential"], "bare Schannel event id"),
    // --- error.handshake-failed ---
    (
        "A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 31 - Encryption(ssl/tls) handshake failed)",
        &["error.handshake-failed"],
        "SqlClient; sql-docs sqlclient-troubleshooting-guide.md",
    ),
    (
        "The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"SQL Server did not return a response. The connection has been closed.\"",
        &["error.handshake-failed"],
        "mssql-jdbc against a server without TLS 1.2",
    ),
    // --- error.server-requires-encryption ---
    (
        "ConnectionError: Server requires encryption, set 'encrypt' config option to true.\n    at Connection.processPreLoginResponse",
        &["error.server-requires-encryption"],
        "tedious src/connection.ts",
    ),
    // --- server-side ---
    (
        "Unable to load user-specified certificate [Cert Hash(sha1) \"7EE72AE05795F509E68C73B78084E11B98672C3D\"]. The server will not accept a connection. You should verify that the certificate is correctly installed. See \"Configuring Certificate for Use by SSL\" in Books Online.",
        &["error.user-cert-load-failed"],
        "sql-docs MSSQLSERVER_26014",
    ),
    ("26015", &["error.user-cert-load-failed"], "bare SQL error number"),
    (
        "TDSSNIClient initialization failed with error 0x80092004, status code 0x80. Reason: Unable to initialize SSL support. Cannot find object or property.",
        &["error.server-cert-not-found"],
        "SQL Server 17182; KB928779; facts A5",
    ),
    (
        "Windows could not start the SQL Server (MSSQLSERVER) on Local Computer. For more information, review the System Event Log. If this is a non-Microsoft service, contact the service vendor, and refer to service-specific error code -2146885628.",
        &["error.server-cert-not-found"],
        "service start failure; SupportArticles-docs event-id-33565-start-sql-server.md",
    ),
    (
        "Initializing the FallBack certificate failed with error code: 1, state: 20, error number: 0.\nUnable to initialize SSL encryption because a valid certificate could not be found, and it is not possible to create a self-signed certificate.",
        &["error.server-cert-not-found"],
        "SQL Server 17190 / 26017; facts A3",
    ),
    ("33555", &["error.server-cert-not-found"], "bare SQL error number"),
    (
        "The server could not load the certificate it needs to initiate an SSL connection. It returned the following error: 0x8009030d. Check certificates to make sure they are valid.\nFound the certificate [Cert Hash(sha1) \"43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED\"] in the local computer store but the SQL Server service account does not have access to it.",
        &["error.service-account-no-key-access"],
        "events 26010 + 33565; SupportArticles-docs event-id-33565-start-sql-server.md",
    ),
    ("33565", &["error.service-account-no-key-access"], "bare SQL error number"),
    ("Error: 33556", &["error.thumbprint-invalid"], "SQL error number; facts A5"),
    ("33557", &["error.thumbprint-invalid"], "bare SQL error number"),
    ("33566", &["error.cert-no-private-key"], "bare SQL error number"),
    // --- error.aad-on-vm ---
    (
        "SQL Server 2019 on an Azure VM: Login failed for user '<token-identified principal>'. (Microsoft SQL Server, Error: 18456)",
        &["error.aad-on-vm"],
        "18456 wording from the Azure Database Support blog 'AAD Auth Error - Login failed for user <token-identified principal>' + VM context",
    ),
    // --- several distinct messages in one text ---
    (
        "attempt 1: x509: certificate signed by unknown authority\nattempt 2 (TrustServerCertificate off, HostNameInCertificate wrong): x509: certificate is valid for sql01.corp.example.com, not sql02",
        &["error.untrusted-root", "error.name-mismatch"],
        "Go, two attempts",
    ),
];

#[test]
fn corpus_maps_each_driver_wording_to_its_finding() {
    for (text, expected, source) in CORPUS {
        assert_eq!(&explained(text), expected, "{source}: {text}");
        let report = analyze_text(text, &[], None);
        assert_eq!(report.kind, EvidenceKind::ErrorText, "{source}");
        for id in *expected {
            assert!(
                ids_of(&report).contains(id),
                "{source}: {:?}",
                ids_of(&report)
            );
        }
    }
}

#[test]
fn hits_are_errors_and_say_where_the_wording_came_from() {
    let hits = explain(CORPUS[6].0);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].rule.severity(), Severity::Error);
    assert!(hits[0].message.contains("JDBC"), "{}", hits[0].message);
    let hits = explain("-2146893019");
    assert!(
        hits[0].message.contains("0x80090325"),
        "{}",
        hits[0].message
    );
}

#[test]
fn texts_that_merely_mention_tls_words_are_unrecognized() {
    for text in [
        "We renewed the SSL certificate on the SQL Server yesterday; encryption is enabled and the certificate is valid until 2027.",
        "Server=tcp:sql01.corp.example.com,1433;Encrypt=True;TrustServerCertificate=False;HostNameInCertificate=sql01.corp.example.com",
        "We use a self-signed certificate on the dev server and a CA certificate in production.",
        "TLS handshake completed: TLS 1.2 negotiated with cipher ECDHE-RSA-AES256-GCM-SHA384; certificate validated.",
        "Login failed for user '<token-identified principal>'. Server name: contoso.database.windows.net",
        "",
    ] {
        assert!(explained(text).is_empty(), "{text}");
        let report = analyze_text(text, &[], None);
        assert_eq!(ids_of(&report), ["error.unrecognized"], "{text}");
        assert_eq!(report.findings[0].severity, Severity::Info);
    }
}

#[test]
fn thumbprints_in_messages_are_matched_with_the_dropped_certificates() {
    let dropped = certs(&["good.pem", "self-signed.pem"]);
    let text = CORPUS
        .iter()
        .find(|(_, ids, _)| ids == &["error.user-cert-load-failed"])
        .map(|(t, _, _)| *t)
        .expect("26014 text");
    let hits = explain(text);
    assert_eq!(hits[0].thumbprints, [SELF_SIGNED]);
    let report = analyze_text(text, &dropped, None);
    assert_eq!(
        report.facts.configured_thumbprint.as_deref(),
        Some(SELF_SIGNED)
    );
    let found = report
        .findings
        .iter()
        .find(|f| f.id == "match.thumbprint-found")
        .expect("found");
    assert_eq!(found.certificate, Some(1));

    let report = analyze_text(text, &certs(&["good.pem"]), None);
    assert!(ids_of(&report).contains(&"match.thumbprint-not-dropped"));
    let nd = report
        .findings
        .iter()
        .find(|f| f.id == "match.thumbprint-not-dropped")
        .expect("not dropped");
    assert!(nd.message.contains("certutil -store My"), "{}", nd.message);
    assert_eq!(nd.severity, Severity::Warning);
}

#[test]
fn match_thumbprints_ignores_case_and_spacing() {
    let dropped = certs(&["good.pem", "self-signed.pem"]);
    let out = match_thumbprints(
        &[
            "43 a4 ba da 52 12 c4 cf da 8d bc fc 99 dd c7 53 b4 db 93 ed".to_string(),
            "0000000000000000000000000000000000000000".to_string(),
        ],
        &dropped,
    );
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].0.id, "match.thumbprint-found");
    assert_eq!(out[0].1, Some(0));
    assert_eq!(out[0].0.certificate, Some(0));
    assert_eq!(out[1].0.id, "match.thumbprint-not-dropped");
    assert_eq!(out[1].1, None);
}

// ---------------------------------------------------------------- ERRORLOG

#[test]
fn errorlog_2016_fallback_in_utf16_and_utf8() {
    for name in [
        "errorlog-2016-fallback.utf16.log",
        "errorlog-2016-fallback.utf8.log",
    ] {
        let text = evidence(name);
        let log = parse_errorlog(&text).expect(name);
        assert_eq!(log.version, Some(SqlServerVersion::V2016));
        assert_eq!(log.build.as_deref(), Some("13.0.6300.2"));
        let report = analyze_text(&text, &[], None);
        assert_eq!(report.kind, EvidenceKind::Errorlog);
        assert_eq!(report.facts.version, Some(SqlServerVersion::V2016));
        assert!(report.facts.version_line.as_deref().is_some_and(
            |l| l.starts_with("Microsoft SQL Server 2016 (SP3) (KB5003279) - 13.0.6300.2")
        ));
        // "Server process ID is 10054." is not a socket error.
        assert_eq!(ids_of(&report), ["server.self-generated-cert"], "{name}");
        let f = &report.findings[0];
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("sha1WithRSAEncryption"), "{}", f.message);
        assert!(f.message.starts_with("ERRORLOG line 21:"), "{}", f.message);
    }
}

#[test]
fn errorlog_2019_loaded_certificate_is_matched() {
    let dropped = certs(&["self-signed.pem", "good.pem"]);
    for name in [
        "errorlog-2019-loaded.utf16.log",
        "errorlog-2019-loaded.utf8.log",
    ] {
        let text = evidence(name);
        let report = analyze_text(&text, &dropped, None);
        assert_eq!(report.kind, EvidenceKind::Errorlog);
        assert_eq!(report.facts.version, Some(SqlServerVersion::V2019));
        assert_eq!(report.facts.loaded_thumbprints, [GOOD]);
        assert_eq!(
            ids_of(&report),
            ["server.cert-loaded", "match.thumbprint-found"],
            "{name}"
        );
        assert_eq!(report.findings[1].certificate, Some(1));

        let report = analyze_text(&text, &certs(&["self-signed.pem"]), None);
        assert_eq!(
            ids_of(&report),
            ["server.cert-loaded", "match.thumbprint-not-dropped"]
        );
    }
}

#[test]
fn errorlog_failures_are_reported_with_line_numbers() {
    let text = evidence("errorlog-2019-cert-failure.utf16.log");
    let log = parse_errorlog(&text).expect("log");
    assert!(log
        .failures
        .iter()
        .any(|f| f.line == 10 && f.hit.rule == "error.user-cert-load-failed"));
    let report = analyze_text(&text, &certs(&["self-signed.pem"]), None);
    let ids = ids_of(&report);
    assert_eq!(
        ids,
        [
            "error.user-cert-load-failed",
            "error.server-cert-not-found",
            "match.thumbprint-found"
        ]
    );
    let load = &report.findings[0];
    assert!(
        load.message.starts_with("ERRORLOG line 10:"),
        "{}",
        load.message
    );
    assert!(
        report.findings[1].message.contains("lines 12, 14"),
        "{}",
        report.findings[1].message
    );
    assert_eq!(
        report.facts.configured_thumbprint.as_deref(),
        Some(SELF_SIGNED)
    );
    assert_eq!(report.findings[2].certificate, Some(0));
}

#[test]
fn errorlog_linux_tls_protocol_line() {
    let text = evidence("errorlog-linux-tls.utf8.log");
    let report = analyze_text(&text, &[], None);
    assert_eq!(
        ids_of(&report),
        ["server.self-generated-cert", "server.tls-protocols"]
    );
    let p = &report.findings[1];
    assert!(p.message.contains("TLS 1.0, 1.1, 1.2"), "{}", p.message);
    // 2019 signs the fallback certificate with SHA-256.
    assert!(report.findings[0]
        .message
        .contains("sha256WithRSAEncryption"));
}

#[test]
fn version_override_wins() {
    let text = evidence("errorlog-2016-fallback.utf8.log");
    let report = analyze_text(&text, &[], Some(SqlServerVersion::V2017));
    assert_eq!(report.facts.version, Some(SqlServerVersion::V2017));
    assert!(report.findings[0].message.contains("2016"));
}

// ---------------------------------------------------------------- registry

#[test]
fn registry_with_invisible_mark_in_utf16_and_utf8() {
    let dropped = certs(&["good.pem", "self-signed.pem"]);
    for name in ["reg-2019-lrm.utf16.reg", "reg-2019-lrm.utf8.reg"] {
        let text = evidence(name);
        let reg = parse_registry(&text).expect(name);
        assert_eq!(reg.instances.len(), 1);
        let inst = &reg.instances[0];
        assert_eq!(inst.instance_id.as_deref(), Some("MSSQL15.MSSQLSERVER"));
        assert_eq!(inst.version, Some(SqlServerVersion::V2019));
        assert!(inst
            .certificate
            .as_deref()
            .is_some_and(|c| c.starts_with('\u{200e}')));

        let report = analyze_text(&text, &dropped, None);
        assert_eq!(report.kind, EvidenceKind::RegistryExport);
        assert_eq!(report.facts.force_encryption, Some(true));
        assert_eq!(report.facts.version, Some(SqlServerVersion::V2019));
        assert_eq!(report.facts.configured_thumbprint.as_deref(), Some(GOOD));
        assert_eq!(
            ids_of(&report),
            [
                "server.force-encryption",
                "server.thumbprint-invalid-character",
                "match.thumbprint-found"
            ],
            "{name}"
        );
        let bad = &report.findings[1];
        assert_eq!(bad.severity, Severity::Error);
        assert!(
            bad.message
                .contains("position 1: U+200E LEFT-TO-RIGHT MARK"),
            "{}",
            bad.message
        );
        assert!(
            bad.message
                .contains("Cleaned value: 43a4bada5212c4cfda8dbcfc99ddc753b4db93ed"),
            "{}",
            bad.message
        );
        assert_eq!(report.findings[2].certificate, Some(0));
    }
}

#[test]
fn registry_clean_thumbprint_matches_or_not() {
    let text = evidence("reg-2019-clean.utf16.reg");
    let report = analyze_text(&text, &certs(&["good.pem"]), None);
    assert_eq!(
        ids_of(&report),
        ["server.force-encryption", "match.thumbprint-found"]
    );
    assert_eq!(report.facts.force_encryption, Some(false));
    let report = analyze_text(&text, &certs(&["self-signed.pem"]), None);
    assert_eq!(
        ids_of(&report),
        ["server.force-encryption", "match.thumbprint-not-dropped"]
    );
}

#[test]
fn registry_lower_case_thumbprint_with_spaces() {
    let text = evidence("reg-2022-spaces.utf8.reg");
    let report = analyze_text(&text, &certs(&["good.pem", "self-signed.pem"]), None);
    assert_eq!(report.facts.version, Some(SqlServerVersion::V2022));
    assert_eq!(report.facts.force_strict, Some(true));
    assert_eq!(
        report.facts.configured_thumbprint.as_deref(),
        Some(SELF_SIGNED)
    );
    assert_eq!(
        ids_of(&report),
        [
            "server.force-encryption",
            "server.thumbprint-invalid-character",
            "match.thumbprint-found"
        ]
    );
    let bad = &report.findings[1];
    assert!(bad.message.contains("19 character(s)"), "{}", bad.message);
    assert!(
        bad.message.contains("position 3: U+0020 SPACE"),
        "{}",
        bad.message
    );
    assert_eq!(report.findings[2].certificate, Some(1));
    assert!(report.findings[0]
        .message
        .contains("Force Strict Encryption = 1"));
}

#[test]
fn registry_empty_certificate_and_client_keys() {
    let text = evidence("reg-2008r2-empty.utf16.reg");
    let reg = parse_registry(&text).expect("reg");
    assert_eq!(reg.instances[0].version, Some(SqlServerVersion::V2008R2));
    assert_eq!(reg.client.snac_encrypt, Some(1));
    assert_eq!(reg.client.oledb19_encrypt, Some(2));
    assert_eq!(reg.client.oledb19_trust_server_certificate, Some(0));
    let report = analyze_text(&text, &certs(&["good.pem"]), None);
    assert_eq!(
        ids_of(&report),
        [
            "server.force-encryption",
            "server.no-certificate-configured",
            "server.client-encryption-registry"
        ]
    );
    assert_eq!(report.facts.configured_thumbprint, None);
    assert!(report.findings[2].message.contains("2 (Strict)"));
}

// ---------------------------------------------------------------- mssql.conf

#[test]
fn mssql_conf_with_and_without_certificate() {
    let text = evidence("mssql-tls.conf");
    let conf = parse_mssql_conf(&text).expect("conf");
    assert_eq!(conf.tlskey.as_deref(), Some("/etc/ssl/private/mssql.key"));
    let report = analyze_text(&text, &[], None);
    assert_eq!(report.kind, EvidenceKind::MssqlConf);
    assert_eq!(report.facts.force_encryption, Some(true));
    assert_eq!(
        ids_of(&report),
        ["server.force-encryption", "server.tls-protocols"]
    );
    assert!(report.findings[0]
        .message
        .contains("/etc/ssl/certs/mssql.pem"));
    assert!(report.findings[0].message.contains("600"));

    let report = analyze_text(&evidence("mssql-notls.conf"), &[], None);
    assert_eq!(report.facts.force_encryption, Some(false));
    assert_eq!(
        ids_of(&report),
        [
            "server.force-encryption",
            "server.no-certificate-configured"
        ]
    );
}

#[test]
fn json_shape_of_kind_and_facts() {
    let report = analyze_text(&evidence("reg-2019-clean.utf16.reg"), &[], None);
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["kind"], "registry-export");
    assert_eq!(json["facts"]["version"], "2019");
    assert_eq!(json["facts"]["force_encryption"], false);
}

// ---------------------------------------------------------------- robustness

fn lcg_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as u8
        })
        .collect()
}

#[test]
fn random_bytes_and_odd_lines_never_panic() {
    let dropped = certs(&["good.pem"]);
    for seed in 0..64 {
        let bytes = lcg_bytes(seed, 4096);
        let text = String::from_utf8_lossy(&bytes);
        let _ = analyze_text(&text, &dropped, None);
        let _ = explain(&text);
        if let Some(t) = sqltls_core::input::text_of(&bytes) {
            let _ = analyze_text(&t, &dropped, None);
        }
    }
    let odd = [
        "Windows Registry Editor Version 5.00\n[",
        "Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\\\MSSQLServer\\SuperSocketNetLib]\n\"Certificate\"=\"\\",
        "Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL99.X\\MSSQLServer\\SuperSocketNetLib]\n\"Certificate\"=hex(2):zz,\\\n\"ForceEncryption\"=dword:\n\"\n@=\n\"\"=\"",
        "REGEDIT4\n[x]\n\"a\"=hex(1):ff,fe,\\",
        "2024-05-01 10:00:00.12 Server      Microsoft SQL Server - 99999999999999.0.0.0\n2024-05-01 10:00:00.12 Server      Error: 99999999999999999999, Severity",
        "2024-05-01 10:00:00.12 spid1 Cert Hash(sha1) \"",
        "0x 0x0 0xFFFFFFFFFFFFFFFFFFFF -0 -99999999999999999999 --2146893019 \u{200e}\u{feff}",
        "[network]\n=\n[",
        "é\u{0301}\u{10FFFF}\u{200e}Error: 26014\u{2028}",
        "Cert Hash(sha1)Cert Hash(sha1) \"43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED",
    ];
    for text in odd {
        let _ = analyze_text(text, &dropped, Some(SqlServerVersion::V2016));
        let _ = explain(text);
        let _ = parse_errorlog(text);
        let _ = parse_registry(text);
        let _ = parse_mssql_conf(text);
    }
}

#[test]
fn one_megabyte_of_text_is_handled_quickly() {
    let line = "2024-05-01 10:00:00.12 spid52      Error: 26014, Severity: 16 0x80090325 -2146893019 Cert Hash(sha1) \"43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED\" x509: certificate signed by unknown authority\n";
    let big: String = line.repeat(1_048_576 / line.len() + 1);
    let start = std::time::Instant::now();
    let report = analyze_text(&big, &certs(&["good.pem"]), None);
    assert_eq!(report.kind, EvidenceKind::Errorlog);
    let flat: String = "certificate SSL encryption 0x 1234 ".repeat(30_000);
    let report2 = analyze_text(&flat, &[], None);
    assert_eq!(ids_of(&report2), ["error.unrecognized"]);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn random_mixes_of_syntax_fragments_never_panic() {
    const PIECES: &[&str] = &[
        "Windows Registry Editor Version 5.00\n",
        "REGEDIT4\r\n",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL15.X\\MSSQLServer\\SuperSocketNetLib]\n",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSSQLServer\\Client\\SNI19.0\\GeneralFlags\\Flag1]\n",
        "\"Certificate\"=\"",
        "\"Value\"=dword:",
        "=hex(2):",
        "41,00,",
        "\\\n",
        "\"",
        "\\\\",
        "\n",
        "2024-05-01 10:00:00.12 Server      ",
        "2024-05-01 10:00:00.12 spid",
        "Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64)",
        "Error: 26014, Severity: 16, State: 1.",
        "Cert Hash(sha1) \"",
        "43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED",
        "was successfully loaded for encryption.",
        "A self-generated certificate",
        "TLS protocol versions are ['1.0 1.1 1.2 1.3']",
        "[network]\n",
        "tlscert = /x\n",
        "forceencryption = 1\n",
        "0x80090325",
        "-2146893019",
        "10054",
        "status code 0x",
        "fatal error code is ",
        "\u{200e}",
        "\u{feff}",
        "é",
        "\u{10FFFF}",
        " ",
        "\t",
        "-",
        ".",
        "0x",
        "9",
    ];
    let dropped = certs(&["good.pem"]);
    let bytes = lcg_bytes(7, 200_000);
    let mut k = 0;
    for _ in 0..1500 {
        let mut text = String::new();
        let len = usize::from(bytes[k % bytes.len()] % 40);
        k += 1;
        for _ in 0..len {
            text.push_str(PIECES[usize::from(bytes[k % bytes.len()]) % PIECES.len()]);
            k += 1;
        }
        let _ = analyze_text(&text, &dropped, None);
    }
}

#[test]
fn rule_families_are_well_formed_and_complete() {
    // The evidence families, straight from the rule registry.
    let all: Vec<&sqltls_core::RuleMeta> = sqltls_core::catalogue::all()
        .filter(|m| {
            m.id.starts_with("error.")
                || m.id.starts_with("server.")
                || m.id.starts_with("match.thumbprint")
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for m in &all {
        assert!(seen.insert(m.id), "duplicate {}", m.id);
        let (family, name) = m.id.split_once('.').expect("family");
        assert!(["error", "server", "match"].contains(&family), "{}", m.id);
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            m.id
        );
        assert!(!m.explanation.is_empty() && !m.fix.is_empty() && !m.source.reference.is_empty());
        let expected = match m.id {
            "error.unrecognized"
            | "error.not-sql-server"
            | "server.cert-loaded"
            | "server.tls-protocols"
            | "server.force-encryption"
            | "server.no-certificate-configured"
            | "server.client-encryption-registry"
            | "match.thumbprint-found" => Severity::Info,
            "server.self-generated-cert" | "match.thumbprint-not-dropped" => Severity::Warning,
            _ => Severity::Error,
        };
        assert_eq!(m.severity, expected, "{}", m.id);
    }
    // The contract ids.
    for id in [
        "error.untrusted-root",
        "error.name-mismatch",
        "error.no-san",
        "error.connection-forcibly-closed",
        "error.no-common-algorithm",
        "error.tls-client-credential",
        "error.user-cert-load-failed",
        "error.server-cert-not-found",
        "error.service-account-no-key-access",
        "error.thumbprint-invalid",
        "error.cert-no-private-key",
        "error.server-requires-encryption",
        "error.handshake-failed",
        "error.aad-on-vm",
        "error.unrecognized",
        "server.cert-loaded",
        "server.self-generated-cert",
        "server.tls-protocols",
        "server.force-encryption",
        "server.thumbprint-invalid-character",
        "server.no-certificate-configured",
        "match.thumbprint-found",
        "match.thumbprint-not-dropped",
    ] {
        assert!(seen.contains(id), "{id}");
    }
}
