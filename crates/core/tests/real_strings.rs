//! Real connection strings from the drivers' READMEs, tests and docs
//! (tests/fixtures/connstr/real-strings.tsv names the source of each), and
//! the outcomes the drivers' sources prove for them.

use sqltls_core::connstr::describe::{describe, sentence};
use sqltls_core::connstr::{
    analyze_connection, ConnectionReport, ConnectionRequest, Dialect, DriverId, Encryption,
    Generation,
};

/// The corpus: source, `--driver` argument (`-`: inferred), expected driver, string.
const CORPUS: &str = include_str!("../../../tests/fixtures/connstr/real-strings.tsv");

fn run(text: &str, driver: Option<&str>, force: Option<bool>) -> ConnectionReport {
    analyze_connection(
        &ConnectionRequest {
            text,
            driver,
            server_force_encryption: force,
        },
        &[],
    )
}

fn ids(r: &ConnectionReport) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.rule.id()).collect()
}

fn messages(r: &ConnectionReport, id: &str) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.rule.id() == id)
        .map(|f| f.message.clone())
        .collect()
}

/// Every string of the corpus reads without a syntax error, an unknown
/// keyword or a rejected value, and names the driver it was written for.
#[test]
fn corpus_reads_cleanly_with_the_right_driver() {
    let mut count = 0;
    for line in CORPUS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "malformed corpus line: {line}");
        let (source, arg, expected, text) = (cols[0], cols[1], cols[2], cols[3]);
        let driver = (arg != "-").then_some(arg);
        let r = run(text, driver, None);
        let ctx = format!("{text}\n  from {source}");
        assert_eq!(r.driver.as_str(), expected, "driver of {ctx}");
        assert_eq!(r.driver_inferred, driver.is_none(), "{ctx}");
        for id in [
            "conn.syntax-error",
            "conn.unknown-keyword",
            "conn.invalid-value",
        ] {
            assert!(
                messages(&r, id).is_empty(),
                "{id} for {ctx}: {:?}",
                messages(&r, id)
            );
        }
        count += 1;
    }
    assert!(count >= 70, "the corpus lost strings: {count}");
}

// ------------------------------------------------------------- problem 1

/// go-mssqldb: once `encrypt` is given, TrustServerCertificate is false and
/// the login-only handshake validates the certificate (msdsn/conn_str.go
/// parseTLS: `trustServerCert := false` unless encrypt is absent; tds.go
/// runs `tls.Client(…, p.TLSConfig)` whenever the server answers other than
/// ENCRYPT_NOT_SUP; `SetupTLS` sets `ServerName` = host and
/// `InsecureSkipVerify` = TSC).
#[test]
fn go_encrypt_false_validates_the_login_handshake() {
    // microsoft/go-mssqldb msdsn/conn_str_test.go: "encrypt=false;tlsmin=1.0".
    let r = run("encrypt=false;tlsmin=1.0", Some("go-mssqldb"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(r.outcome.certificate_validated, "{:?}", r.outcome);
    // No server: go-mssqldb connects to and validates "localhost"
    // (msdsn/conn_str.go L1111-1112).
    assert_eq!(r.outcome.validated_name.as_deref(), Some("localhost"));
    assert!(ids(&r).contains(&"conn.encrypt-disabled"));
    let said = sentence(&r.outcome);
    assert!(said.contains("validate the certificate"), "{said}");
    assert_eq!(describe(&r.outcome), "login-only (certificate validated)");
    let json = serde_json::to_value(&r.outcome).unwrap();
    assert_eq!(json["encryption"], "login-only");
    assert_eq!(json["certificate_validated"], true);
    // The same string with the server forcing encryption: full, validated.
    let r = run("encrypt=false;tlsmin=1.0", Some("go-mssqldb"), Some(true));
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(r.outcome.certificate_validated);
    // microsoft/go-mssqldb README.md: no encrypt ⇒ TrustServerCertificate
    // true, so the login handshake accepts any certificate.
    let r = run(
        "sqlserver://sa:mypass@localhost?database=master&connection+timeout=30",
        None,
        Some(false),
    );
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(!r.outcome.certificate_validated);
    assert_eq!(r.outcome.validated_name, None);
}

/// With SQL Server's self-generated certificate, go-mssqldb with
/// encrypt=false fails ("x509: certificate signed by unknown authority"):
/// the verdict says so and names the certificate, and the diagnosis leads to
/// a real certificate.
#[test]
fn go_encrypt_false_refuses_the_self_generated_certificate() {
    use sqltls_core::report::Answer;
    use sqltls_core::{analyze, AnalysisRequest, InputFile, Rule};
    let rel = "certs/fallback-sha256.pem";
    let report = analyze(&AnalysisRequest {
        files: vec![InputFile {
            name: "fallback-sha256.pem".into(),
            bytes: sqltls_fixtures::bytes(rel),
        }],
        now_unix: 1_780_272_000, // 2026-06-01T00:00:00Z
        // microsoft/go-mssqldb msdsn/conn_str_test.go: "encrypt=false;tlsmin=1.0".
        connections: vec!["encrypt=false;tlsmin=1.0".into()],
        driver: Some("go-mssqldb".into()),
        server_force_encryption: Some(false),
        ..AnalysisRequest::default()
    });
    let c = &report.connections[0];
    assert_eq!(c.outcome.encryption, Encryption::LoginOnly);
    assert_eq!(c.verdict.answer, Answer::No);
    assert!(
        c.verdict.because.contains(&Rule::CertSelfGeneratedFallback),
        "{:?}",
        c.verdict
    );
    assert!(
        c.verdict.summary.contains("will refuse this server"),
        "{}",
        c.verdict.summary
    );
}

/// The same in Debian's 2017 snapshot (denisenkom/go-mssqldb 8fccfc8,
/// golang-github-denisenkom-go-mssqldb 0.0~git20170717.0.8fccfc8): tds.go
/// L1041 `p.trustServerCertificate = true` only when encrypt is absent;
/// L1264-1267 `InsecureSkipVerify` only with TSC, `ServerName =
/// p.hostInCertificate` (default the host).
#[test]
fn debian_2017_go_mssqldb_validates_the_login_handshake() {
    // denisenkom/go-mssqldb tds_test.go@8fccfc8 L420: "encrypt=false".
    let r = run("encrypt=false", Some("go-mssqldb@0.0"), Some(false));
    assert_eq!(r.outcome.version, Generation::GoTo1_5);
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(r.outcome.certificate_validated);
    // That snapshot's `encrypt` is strconv.ParseBool or DISABLE: no strict
    // (tds.go@8fccfc8 L1028-1039).
    let r = run("encrypt=strict", Some("go-mssqldb@0.0"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::Fails);
}

/// The JSON the conformance harness compares (`encryption`,
/// `certificate_validated`, `validated_name`) for a go-mssqldb URL.
#[test]
fn go_json_names_the_validated_host() {
    // microsoft/go-mssqldb README.md: "sqlserver://username:password@host:1433?database=master&encrypt=true&certificate=/path/to/ca.pem"
    // with the server not forcing encryption: full, validated against "host".
    let r = run(
        "sqlserver://username:password@host:1433?database=master&encrypt=true&certificate=/path/to/ca.pem",
        None,
        Some(false),
    );
    let json = serde_json::to_value(&r.outcome).unwrap();
    assert_eq!(json["encryption"], "full");
    assert_eq!(json["certificate_validated"], true);
    assert_eq!(json["validated_name"], "host");
}

// ------------------------------------------------------------- problem 2

/// go-mssqldb's `odbc:` strings use ODBC quoting (README "Connection
/// parameters and DSN"): `{}` values, `}}` for `}`.
#[test]
fn go_odbc_strings_are_read_as_odbc() {
    // microsoft/go-mssqldb README.md: password is "foo;bar".
    let r = run(
        "odbc:server=localhost;user id=sa;password={foo;bar}",
        None,
        None,
    );
    assert_eq!(r.driver, DriverId::GoMssqldb);
    assert!(r.driver_inferred);
    assert_eq!(r.dialect, Dialect::Odbc);
    assert_eq!(r.server.host.as_deref(), Some("localhost"));
    assert!(ids(&r).contains(&"conn.secret-present"));
    assert!(!ids(&r).contains(&"conn.syntax-error"), "{:?}", ids(&r));
    assert!(!ids(&r).contains(&"conn.unknown-keyword"), "{:?}", ids(&r));
    assert!(!r.redacted.contains("foo") && !r.redacted.contains("bar"));
    assert_eq!(
        r.redacted,
        "odbc:server=localhost;user id=sa;password={<redacted>}"
    );
    // No encrypt: go-mssqldb's login-only with TrustServerCertificate true.
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(!r.outcome.certificate_validated);
    // README: "Escaped `} with`}}`, password is "foo}bar"".
    let r = run(
        "odbc:server=localhost;user id=sa;password={foo}}bar}",
        None,
        None,
    );
    assert_eq!(r.driver, DriverId::GoMssqldb);
    assert!(!r.redacted.contains("bar"), "{}", r.redacted);
    assert!(messages(&r, "conn.syntax-error").is_empty());
    // msdsn/conn_str_test.go: blanks around keys and values.
    let r = run(
        "odbc: server = somehost; user id =  someuser ; password = {some pass } ;",
        None,
        None,
    );
    assert_eq!(r.server.host.as_deref(), Some("somehost"));
    assert!(!r.redacted.contains("some pass"));
}

// ------------------------------------------------------------- problem 3

/// FreeTDS through ODBC: the driver library or `{FreeTDS}` names FreeTDS,
/// which requests encryption for the login only and validates nothing
/// without a `ca file` (facts B8).
#[test]
fn freetds_odbc_strings_are_freetds() {
    // FreeTDS/freetds src/odbc/unittests/connection_string_parse.c, simple_string.
    let s = "DRIVER=libtdsodbc.so;SERVER=127.0.0.1;PORT=1337;UID=test_username;PWD=test_password;DATABASE=test_db;ClientCharset=UTF-8;";
    let r = run(s, None, Some(false));
    assert_eq!(r.driver, DriverId::FreeTds);
    assert_eq!(r.server.port, Some(1337));
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(!r.outcome.certificate_validated);
    let r = run(s, Some("freetds@1.3"), Some(true));
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(!r.outcome.certificate_validated, "no ca file");
    // https://github.com/sfu-db/connector-x/issues/190 (TDS_version, Port).
    let r = run(
        "Driver={FreeTDS};Server=myserverlocation;Database=db;UID=name;PWD=password;TDS_version=1.1.6-1.1;Port=121212;",
        None,
        None,
    );
    assert_eq!(r.driver, DriverId::FreeTds);
    assert!(messages(&r, "conn.unknown-keyword").is_empty());
}

/// FreeTDS's ODBC driver reads `Encrypt` from 1.5 only (ODBC_PARAM_LIST at
/// v1.4.27 has `Encryption` but no `Encrypt`; NEWS.md 1.5 "Add `Encrypt` and
/// `HostNameInCertificate` settings"): 1.3 ignores it and stays login-only.
#[test]
fn freetds_before_1_5_ignores_odbc_encrypt() {
    // FreeTDS/freetds src/odbc/unittests/connection_string_parse.c,
    // password_bug_report, read by FreeTDS 1.3 (Debian tdsodbc 1.3.17).
    let s = "Driver=FreeTDS;Server=1.2.3.4;Port=1433;Database=test;uid=test_user;pwd={p@ssw0rd}";
    let plain = run(s, Some("freetds@1.3"), Some(false));
    assert_eq!(plain.outcome.encryption, Encryption::LoginOnly);
    // FreeTDS's `Encryption` ODBC keyword takes the freetds.conf values.
    let with = format!("{s};Encryption=require");
    let r = run(&with, Some("freetds@1.3"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(messages(&r, "conn.invalid-value").is_empty());
    let with = format!("{s};Encrypt=yes");
    let r = run(&with, Some("freetds@1.3"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(
        messages(&r, "conn.unknown-keyword")
            .iter()
            .any(|m| m.contains("1.5")),
        "{:?}",
        messages(&r, "conn.unknown-keyword")
    );
    let r = run(&with, Some("freetds@1.5"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::Full);
}

/// Every keyword of FreeTDS's ODBC_PARAM_LIST (freetds
/// include/freetds/odbc.h at v1.5.18) is a FreeTDS ODBC keyword.
#[test]
fn freetds_odbc_param_list_is_known() {
    const ODBC_PARAM_LIST: &[&str] = &[
        "Servername",
        "Server",
        "DSN",
        "UID",
        "PWD",
        "Address",
        "Port",
        "TDS_Version",
        "Language",
        "Database",
        "TextSize",
        "PacketSize",
        "ClientCharset",
        "DumpFile",
        "DumpFileAppend",
        "DebugFlags",
        "Encryption",
        "Trusted_Connection",
        "APP",
        "WSID",
        "UseNTLMv2",
        "MARS_Connection",
        "REALM",
        "ServerSPN",
        "AttachDbFilename",
        "ApplicationIntent",
        "Timeout",
        "Encrypt",
        "HostNameInCertificate",
    ];
    for kw in ODBC_PARAM_LIST {
        // The user guide's form: DRIVER={FreeTDS} (odbcinst.ini [FreeTDS]).
        let text = format!("DRIVER={{FreeTDS}};{kw}=1");
        let r = run(&text, Some("freetds@1.5"), None);
        assert!(
            messages(&r, "conn.unknown-keyword").is_empty(),
            "{kw}: {:?}",
            messages(&r, "conn.unknown-keyword")
        );
    }
}

// ------------------------------------------------------------- problem 4

/// ODBC Driver 17 with `Authentication`: Encrypt defaults to yes and the
/// certificate is validated whatever Encrypt says (sql-docs
/// docs/connect/odbc/using-azure-active-directory.md: "If the pre-attribute
/// value of the `Authentication` setting is not _none_ [...] the default is
/// `Yes`"; "Server certificate gets validated, regardless of the encryption
/// setting (unless `TrustServerCertificate` is set to `true`)").
#[test]
fn odbc17_with_authentication_validates() {
    // Example 5 of that page.
    let s = "server=Server;database=Database;UID=UserName;PWD=Password;Authentication=ActiveDirectoryPassword;";
    for force in [false, true] {
        let r = run(s, Some("odbc@17"), Some(force));
        assert_eq!(r.outcome.encryption, Encryption::Full, "force {force}");
        assert!(r.outcome.certificate_validated, "force {force}");
        assert_eq!(r.outcome.validated_name.as_deref(), Some("Server"));
    }
    // Example 2: Authentication=SqlPassword counts too.
    let r = run(
        "server=Server;database=Database;UID=UserName;PWD=Password;Authentication=SqlPassword;",
        Some("odbc@17"),
        Some(false),
    );
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(r.outcome.certificate_validated);
    // Example 1, legacy syntax: "Server certificate is not validated, and
    // encryption is used only if the server enforces it."
    let legacy = "server=Server;database=Database;UID=UserName;PWD=Password;";
    let r = run(legacy, Some("odbc@17"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(!r.outcome.certificate_validated);
    let r = run(legacy, Some("odbc@17"), Some(true));
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(!r.outcome.certificate_validated);
}

/// OLE DB Driver 18 with `Authentication` / `Access Token` validates
/// "independently of the client encryption setting" (sql-docs
/// docs/connect/oledb/features/encryption-and-certificate-validation.md);
/// an initialization string keeps Encrypt=no ("the Core Component
/// implementing the interface explicitly sets encryption to its default
/// value of `no`", oledb/features/using-azure-active-directory.md).
#[test]
fn oledb18_with_authentication_validates() {
    // oledb/features/using-azure-active-directory.md, access token example.
    let r = run(
        "Provider=MSOLEDBSQL;Data Source=[server];Initial Catalog=[database];Access Token=[access token];Use Encryption for Data=true",
        None,
        Some(false),
    );
    assert_eq!(r.outcome.version, Generation::OleDb18);
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(r.outcome.certificate_validated);
    // The provider-string form (DBPROP_INIT_PROVIDERSTRING) of the service
    // principal example, with a server that forces encryption.
    let r = run(
        "Server=[server];Database=[database];Authentication=ActiveDirectoryServicePrincipal;UID=[Application (client) ID];PWD=[Application (client) secret];Encrypt=yes",
        Some("oledb@18"),
        Some(true),
    );
    assert_eq!(r.outcome.encryption, Encryption::Full);
    assert!(r.outcome.certificate_validated);
    // The Data Link dialog's string with Authentication and Access Token
    // left empty ("(not set)"): the legacy rules (login only, not validated).
    let r = run(
        "Provider=SQLOLEDB.1;Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=Loginname;Data Source=your_data_source;Use Procedure for Prepare=1;Auto Translate=True;Packet Size=4096;Workstation ID=LOGINNAME01;Use Encryption for Data=False;Tag with column collation when possible=False",
        None,
        Some(false),
    );
    assert_eq!(r.outcome.encryption, Encryption::LoginOnly);
    assert!(!r.outcome.certificate_validated);
}

// ------------------------------------------------------------- problem 5

/// tedious generations at their real boundaries, on node-mssql's README
/// string: encrypt true from 6.0.0 (src/connection.js@v6.0.0 L425);
/// trustServerCertificate false 9.0.0–11.0.8, true 11.0.9–14.x
/// (src/connection.ts@v11.0.9 L1272), false from 15.0.0.
#[test]
fn tedious_boundaries() {
    // tediousjs/node-mssql README.md "Connection Strings".
    let s = "Server=localhost,1433;Database=database;User Id=username;Password=password";
    let cases: &[(&str, Encryption, bool)] = &[
        ("tedious@5.0.3", Encryption::None, false),
        ("tedious@6.0.0", Encryption::Full, false),
        ("tedious@6.7.1", Encryption::Full, false),
        ("tedious@8.3.1", Encryption::Full, false),
        ("tedious@9.0.0", Encryption::Full, true),
        ("tedious@11.0.8", Encryption::Full, true),
        ("tedious@11.0.9", Encryption::Full, false),
        ("tedious@12.0.0", Encryption::Full, false),
        ("tedious@14.7.0", Encryption::Full, false),
        ("tedious@15.0.0", Encryption::Full, true),
    ];
    for (spec, enc, validated) in cases {
        let r = run(s, Some(spec), Some(false));
        assert_eq!(r.outcome.encryption, *enc, "{spec}");
        assert_eq!(r.outcome.certificate_validated, *validated, "{spec}");
    }
    let labels: Vec<&str> = DriverId::Tedious
        .generations()
        .iter()
        .map(|g| g.label())
        .collect();
    assert_eq!(labels, ["<=5", "6-8", "9-11.0.8", "11.0.9-14", "15+"]);
}

// ------------------------------------------------------------- problem 6

/// go-mssqldb keys of msdsn/conn_str.go are keywords (conn_str_test.go strings).
#[test]
fn go_keywords_are_known() {
    for s in [
        "MultiSubnetFailover=true;NoTraceID=true",
        "timezone=Asia/Shanghai",
        "FailoverPartnerSPN=MSSQLSvc/mirror:1433",
        "Failover Partner SPN=MSSQLSvc/mirror:1433",
    ] {
        let r = run(s, Some("go-mssqldb"), None);
        assert!(
            messages(&r, "conn.unknown-keyword").is_empty(),
            "{s}: {:?}",
            messages(&r, "conn.unknown-keyword")
        );
    }
}

/// OLE DB initialization strings as the Data Link dialog writes them
/// (MicrosoftDocs/cpp-docs docs/data/oledb/using-dynamic-accessors.md).
#[test]
fn oledb_data_link_keywords_are_known() {
    let r = run(
        "Provider=SQLOLEDB.1;Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=Loginname;Data Source=your_data_source;Use Procedure for Prepare=1;Auto Translate=True;Packet Size=4096;Workstation ID=LOGINNAME01;Use Encryption for Data=False;Tag with column collation when possible=False",
        None,
        None,
    );
    assert_eq!(r.driver, DriverId::OleDb);
    assert!(
        messages(&r, "conn.unknown-keyword").is_empty(),
        "{:?}",
        messages(&r, "conn.unknown-keyword")
    );
}

/// node-mssql's Azure AD keys are keywords, the string is node-mssql's, and
/// nothing after `Client secret=` is swallowed as hidden text, while the
/// secret itself is never shown (tediousjs/node-mssql README.md "Connection
/// Strings", test/common/unit.js).
#[test]
fn node_mssql_keys_and_client_secret() {
    let s = "Server=*.database.windows.net;Database=database;Authentication=Active Directory Integrated;Client secret=clientsecret;Client Id=clientid;Tenant Id=tenantid;Encrypt=true";
    let r = run(s, None, None);
    assert_eq!(r.driver, DriverId::Tedious);
    assert!(r.driver_inferred);
    assert!(
        messages(&r, "conn.unknown-keyword").is_empty(),
        "{:?}",
        messages(&r, "conn.unknown-keyword")
    );
    assert!(!r.redacted.contains("clientsecret"), "{}", r.redacted);
    assert!(
        r.redacted.contains("Client Id=clientid;Tenant Id=tenantid"),
        "{}",
        r.redacted
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("clientsecret"));
    for s in [
        "Server=localhost;useUTC=False",
        "Server=localhost;parseJSON=True",
        "Server=*.database.windows.net;Database=database;Authentication=Active Directory Integrated;token=token;Encrypt=true",
        "Server=*.database.windows.net;Database=database;Authentication=Active Directory Integrated;msi endpoint=msiendpoint;Client Id=clientid;msi secret=msisecret;Encrypt=true",
    ] {
        let r = run(s, None, None);
        assert_eq!(r.driver, DriverId::Tedious, "{s}");
        assert!(messages(&r, "conn.unknown-keyword").is_empty(), "{s}");
        assert!(!r.redacted.contains("msisecret"), "{}", r.redacted);
    }
}

// ------------------------------------------------------------- problem 7

/// Inference on real strings of each syntax.
#[test]
fn inference_on_real_strings() {
    let cases: &[(&str, DriverId, Dialect)] = &[
        // microsoft/go-mssqldb README.md
        (
            "sqlserver://sa@localhost/SQLExpress?database=master&connection+timeout=30",
            DriverId::GoMssqldb,
            Dialect::GoUrl,
        ),
        (
            "odbc:server=localhost;user id=sa;database=master;app name=MyAppName",
            DriverId::GoMssqldb,
            Dialect::Odbc,
        ),
        (
            "server=localhost;user id=sa;database=master;app name=MyAppName",
            DriverId::GoMssqldb,
            Dialect::AdoNet,
        ),
        // FreeTDS/freetds src/odbc/unittests/connection_string_parse.c
        (
            "DRIVER={libtdsodbc.so};SERVER={127.0.0.1};PORT={1337};UID={test_username};PWD={test_password};DATABASE={test_db};ClientCharset={UTF-8};",
            DriverId::FreeTds,
            Dialect::Odbc,
        ),
        // tediousjs/node-mssql test/common/unit.js
        ("Server=localhost;stream=True", DriverId::Tedious, Dialect::AdoNet),
        // MicrosoftDocs/sql-docs docs/connect/jdbc/building-the-connection-url.md
        (
            "jdbc:sqlserver://localhost:1433;databaseName=AdventureWorks;integratedSecurity=true;",
            DriverId::Jdbc,
            Dialect::Jdbc,
        ),
    ];
    for (text, driver, dialect) in cases {
        let r = run(text, None, None);
        assert_eq!((r.driver, r.dialect), (*driver, *dialect), "{text}");
    }
}

/// The keyword tables of sql-docs
/// docs/connect/oledb/applications/using-connection-string-keywords-with-oledb-driver-for-sql-server.md
/// (DBPROP_INIT_PROVIDERSTRING and IDataInitialize::GetDataSource) are OLE DB keywords.
#[test]
fn oledb_documented_keywords_are_known() {
    const PROVIDER_STRING: &[&str] = &[
        "Addr",
        "Address",
        "APP",
        "ApplicationIntent",
        "AttachDBFileName",
        "Authentication",
        "Auto Translate",
        "AutoTranslate",
        "Database",
        "DataTypeCompatibility",
        "Encrypt",
        "FailoverPartner",
        "FailoverPartnerSPN",
        "Language",
        "MarsConn",
        "MultiSubnetFailover",
        "Net",
        "Network",
        "Network Library",
        "PacketSize",
        "PersistSensitive",
        "PWD",
        "Server",
        "ServerSPN",
        "Timeout",
        "TransparentNetworkIPResolution",
        "Trusted_Connection",
        "TrustServerCertificate",
        "UID",
        "UseFMTONLY",
        "UseProcForPrepare",
        "WSID",
    ];
    const IDATAINITIALIZE: &[&str] = &[
        "Access Token",
        "Application Name",
        "Application Intent",
        "Authentication",
        "Auto Translate",
        "AutoTranslate",
        "Connect Timeout",
        "Current Language",
        "Data Source",
        "DataTypeCompatibility",
        "Failover Partner",
        "Failover Partner SPN",
        "Initial Catalog",
        "Initial File Name",
        "Integrated Security",
        "MARS Connection",
        "MultiSubnetFailover",
        "Network Address",
        "Network Library",
        "Packet Size",
        "Password",
        "Persist Security Info",
        "Provider",
        "Server SPN",
        "TransparentNetworkIPResolution",
        "Trust Server Certificate",
        "Use Encryption for Data",
        "Use FMTONLY",
        "User ID",
        "Workstation ID",
        "Old Password",
    ];
    for kw in PROVIDER_STRING.iter().chain(IDATAINITIALIZE) {
        let text = format!("Provider=MSOLEDBSQL;{kw}=1");
        let r = run(&text, Some("oledb@18"), None);
        assert!(
            messages(&r, "conn.unknown-keyword").is_empty(),
            "{kw}: {:?}",
            messages(&r, "conn.unknown-keyword")
        );
    }
}

/// go-mssqldb's key constants and ADO synonyms (msdsn/conn_str.go@46b5c6a)
/// are go-mssqldb keywords.
#[test]
fn go_conn_str_keys_are_known() {
    const KEYS: &[&str] = &[
        "database",
        "encrypt",
        "password",
        "change password",
        "user id",
        "port",
        "trustservercertificate",
        "certificate",
        "servercertificate",
        "tlsmin",
        "packet size",
        "log",
        "connection timeout",
        "hostnameincertificate",
        "keepalive",
        "serverspn",
        "workstation id",
        "app name",
        "applicationintent",
        "failoverpartner",
        "failoverport",
        "failoverpartnerspn",
        "disableretry",
        "server",
        "protocol",
        "dial timeout",
        "pipe",
        "multisubnetfailover",
        "notraceid",
        "guid conversion",
        "timezone",
        "epa enabled",
        // adoSynonyms
        "app",
        "application name",
        "data source",
        "address",
        "network address",
        "addr",
        "user",
        "uid",
        "pwd",
        "initial catalog",
        "connect timeout",
        "timeout",
        "failover partner",
        "failover partner spn",
        "application intent",
        "trust server certificate",
        "multi subnet failover",
        "host name in certificate",
        "server spn",
        "server certificate",
        "wsid",
        "column encryption setting",
    ];
    for kw in KEYS {
        let text = format!("server=h;{kw}=1");
        let r = run(&text, Some("go-mssqldb"), None);
        assert!(
            messages(&r, "conn.unknown-keyword").is_empty(),
            "{kw}: {:?}",
            messages(&r, "conn.unknown-keyword")
        );
    }
}

/// The keys node-mssql's `_parseConnectionString` handles
/// (lib/base/connection-pool.js@797a838, the `case` labels) are keywords of
/// the tedious (node-mssql) table.
#[test]
fn node_mssql_keys_are_known() {
    const KEYS: &[&str] = &[
        "application name",
        "applicationintent",
        "asynchronous processing",
        "attachdbfilename",
        "authentication",
        "client id",
        "client secret",
        "column encryption setting",
        "connection timeout",
        "connection lifetime",
        "connectretrycount",
        "connectretryinterval",
        "context connection",
        "current language",
        "data source",
        "encrypt",
        "enlist",
        "failover partner",
        "initial catalog",
        "integrated security",
        "max pool size",
        "min pool size",
        "msi endpoint",
        "msi secret",
        "multipleactiveresultsets",
        "multisubnetfailover",
        "network library",
        "packet size",
        "parsejson",
        "password",
        "persist security info",
        "poolblockingperiod",
        "pooling",
        "replication",
        "request timeout",
        "stream",
        "tenant id",
        "token",
        "transaction binding",
        "transparentnetworkipresolution",
        "trustservercertificate",
        "type system version",
        "user id",
        "user instance",
        "useutc",
        "workstation id",
    ];
    for kw in KEYS {
        let text = format!("Server=h;{kw}=1");
        let r = run(&text, Some("tedious"), None);
        assert!(
            messages(&r, "conn.unknown-keyword").is_empty(),
            "{kw}: {:?}",
            messages(&r, "conn.unknown-keyword")
        );
    }
}

// ------------------------------------------- corrections from the conformance harness

/// `encrypt: 'strict'` and `options.serverName` arrived in tedious 16.3.0
/// (commit c02e30f0 "feat: add TDS8.0 Support for tedious (#1522)";
/// src/connection.ts@v16.3.0 L1510 and L1672, absent at v16.2.0). The
/// conformance harness (tests/conformance) saw 15.0.0 throw a TypeError for
/// 'strict' and match the host whatever serverName said; 16.7.1 honours both.
#[test]
fn tedious_strict_and_server_name_from_16_3() {
    // Strings as node-mssql writes them (node-mssql README "Connection Strings").
    let strict = "Server=localhost,1433;User Id=sa;Password=x;Encrypt=strict";
    let r = run(strict, Some("tedious@15.0.0"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::Fails);
    let r = run(strict, Some("tedious@16.3.0"), Some(false));
    assert_eq!(r.outcome.encryption, Encryption::Strict);

    let named = "Server=127.0.0.1,1433;User Id=sa;Password=x;Encrypt=true;serverName=sql.example";
    let r = run(named, Some("tedious@15.0.0"), Some(false));
    assert_eq!(r.outcome.validated_name.as_deref(), Some("127.0.0.1"));
    assert!(
        messages(&r, "conn.unknown-keyword")
            .iter()
            .any(|m| m.contains("serverName needs tedious 16.3")),
        "{:?}",
        r.findings
    );
    // The matrix row of the generation the exact version falls in is decided
    // at that version, for both server settings.
    let row: Vec<_> = r
        .outcomes
        .iter()
        .filter(|o| o.version == Generation::Tedious15Plus)
        .collect();
    assert_eq!(row.len(), 2);
    assert!(row
        .iter()
        .all(|o| o.validated_name.as_deref() == Some("127.0.0.1")));
    let r = run(named, Some("tedious@16.7.1"), Some(false));
    assert_eq!(r.outcome.validated_name.as_deref(), Some("sql.example"));
}

/// freetds.conf `certificate hostname` is new in FreeTDS 1.5
/// (include/freetds/tds.h@v1.5.1 TDS_STR_SSLHOSTNAME; absent at v1.4.27 and
/// v1.3.17). The harness saw Debian's 1.3.17 tsql and pymssql match the host.
#[test]
fn freetds_certificate_hostname_from_1_5() {
    let conf = "[sql]\n\thost = 127.0.0.1\n\tport = 1433\n\ttds version = 7.4\n\tencryption = require\n\tca file = /etc/ssl/certs/ca-certificates.crt\n\tcertificate hostname = sql.example\n";
    let r = run(conf, Some("freetds@1.3.17"), Some(false));
    assert_eq!(r.outcome.validated_name.as_deref(), Some("127.0.0.1"));
    let r = run(conf, Some("freetds@1.5.1"), Some(false));
    assert_eq!(r.outcome.validated_name.as_deref(), Some("sql.example"));
}
