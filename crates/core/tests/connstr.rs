//! Connection-string engine: every row of facts B1–B8, each grammar's quoting
//! rules, every finding raised and not raised, name matching against the
//! fixture certificates, robustness on hostile input, and secret redaction.

use sqltls_core::cert::CertificateInfo;
use sqltls_core::connstr::{
    analyze_connection, match_name, matrix, outcome, parse, redact, ConnectionReport,
    ConnectionRequest, Dialect, DriverId, Encryption, Generation, NameMatch,
};

// ------------------------------------------------------------------ helpers

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

fn run_certs(text: &str, driver: Option<&str>, certs: &[CertificateInfo]) -> ConnectionReport {
    analyze_connection(
        &ConnectionRequest {
            text,
            driver,
            server_force_encryption: None,
        },
        certs,
    )
}

fn ids(r: &ConnectionReport) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id).collect()
}

fn has(r: &ConnectionReport, id: &str) -> bool {
    r.findings.iter().any(|f| f.id == id)
}

fn msg<'a>(r: &'a ConnectionReport, id: &str) -> &'a str {
    r.findings
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.message.as_str())
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(r)))
}

fn cert(name: &str) -> CertificateInfo {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/certs")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let decoded = sqltls_core::input::decode(name, &bytes, None);
    decoded
        .certificates
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{name} holds no certificate"))
}

use Encryption::{Fails, Full, LoginOnly, None as NoTls, Strict};

/// (connection string, driver spec, server forces encryption, encryption,
/// certificate validated, validated name)
type Row = (
    &'static str,
    &'static str,
    bool,
    Encryption,
    bool,
    Option<&'static str>,
);

fn check_rows(rows: &[Row]) {
    for (i, (text, driver, force, enc, validated, name)) in rows.iter().enumerate() {
        let r = run(text, Some(driver), Some(*force));
        let o = &r.outcome;
        let ctx = format!(
            "row {i}: {text} [{driver}, force={force}] -> {o:?} findings {:?}",
            ids(&r)
        );
        assert_eq!(o.encryption, *enc, "{ctx}");
        assert_eq!(o.certificate_validated, *validated, "{ctx}");
        assert_eq!(o.validated_name.as_deref(), *name, "{ctx}");
        assert_eq!(o.server_force_encryption, *force, "{ctx}");
        assert_eq!(
            o.driver.as_str(),
            driver.split('@').next().unwrap(),
            "{ctx}"
        );
    }
}

const H: Option<&str> = Some("sql01.corp.example.com");

// ------------------------------------------------------------------ B1 Microsoft.Data.SqlClient

#[test]
fn b1_microsoft_data_sqlclient() {
    // Connection strings in the style of sql-docs docs/connect/ado-net/connection-string-syntax.md
    // ("Data Source=MySqlServer;Initial Catalog=AdventureWorks;Integrated Security=true") and
    // encryption-and-certificate-validation.md (Encrypt / TrustServerCertificate table).
    let rows: &[Row] = &[
        // 1.x: Encrypt default false; Optional + force = full, NOT validated.
        ("Data Source=sql01.corp.example.com;Initial Catalog=AdventureWorks;Integrated Security=true", "sqlclient@1.1", false, LoginOnly, false, None),
        ("Data Source=sql01.corp.example.com;Initial Catalog=AdventureWorks;Integrated Security=true", "sqlclient@1.1", true, Full, false, None),
        ("Data Source=sql01.corp.example.com;Encrypt=true", "sqlclient@1.1", false, Full, true, H),
        ("Data Source=sql01.corp.example.com;Encrypt=true;TrustServerCertificate=true", "sqlclient@1.1", true, Full, false, None),
        // 2.x-3.x: Optional + force = full, validated (unless TSC).
        ("Server=sql01.corp.example.com;Encrypt=false", "sqlclient@2.1", false, LoginOnly, false, None),
        ("Server=sql01.corp.example.com;Encrypt=false", "sqlclient@2.1", true, Full, true, H),
        ("Server=sql01.corp.example.com;Encrypt=false;TrustServerCertificate=true", "sqlclient@3.1", true, Full, false, None),
        ("Server=sql01.corp.example.com", "sqlclient@3.1", false, LoginOnly, false, None),
        ("Server=sql01.corp.example.com;Encrypt=yes", "sqlclient@3.1", false, Full, true, H),
        // 4.x: Encrypt defaults to Mandatory.
        ("Server=sql01.corp.example.com", "sqlclient@4.0", false, Full, true, H),
        ("Server=sql01.corp.example.com;Encrypt=True;TrustServerCertificate=True", "sqlclient@4.1", false, Full, false, None),
        ("Server=sql01.corp.example.com;Encrypt=false", "sqlclient@4.1", true, Full, true, H),
        ("Server=sql01.corp.example.com;Encrypt=Strict", "sqlclient@4.1", false, Fails, false, None),
        ("Server=sql01.corp.example.com;HostNameInCertificate=sql01.corp.example.com", "sqlclient@4.1", false, Fails, false, None),
        // 5.x: Strict, Mandatory/Optional spellings, HostNameInCertificate, ServerCertificate (5.1).
        ("Server=sql01.corp.example.com;Encrypt=Strict;TrustServerCertificate=true", "sqlclient@5.1", false, Strict, true, H),
        ("Server=sql01.corp.example.com;Encrypt=Strict", "sqlclient@5.1", true, Strict, true, H),
        ("Server=sql01.corp.example.com;Encrypt=Optional", "sqlclient@5.1", false, LoginOnly, false, None),
        ("Server=sql01.corp.example.com;Encrypt=Optional", "sqlclient@5.1", true, Full, true, H),
        ("Server=sql01.corp.example.com;Encrypt=Mandatory;TrustServerCertificate=true", "sqlclient@5.1", true, Full, false, None),
        ("Server=10.0.0.5;Encrypt=Mandatory;HostNameInCertificate=sql01.corp.example.com", "sqlclient@5.1", false, Full, true, H),
        ("Server=tcp:sql01.corp.example.com\\INST,1433;Encrypt=Mandatory", "sqlclient@5.2", false, Full, true, H),
        ("Server=np:\\\\sql01.corp.example.com\\pipe\\sql\\query", "sqlclient@5.2", false, Full, true, H),
        ("Server=sql01.corp.example.com;Encrypt=Mandatory;ServerCertificate=C:\\certs\\sql01.cer", "sqlclient@5.1", false, Full, true, None),
        ("Server=sql01.corp.example.com;Encrypt=Mandatory;ServerCertificate=C:\\certs\\sql01.cer", "sqlclient@5.0", false, Fails, false, None),
        // LocalDB: 4.0+ turns encryption off; before, ordinary rules.
        ("Server=(localdb)\\MSSQLLocalDB;Integrated Security=true", "sqlclient@5.1", false, NoTls, false, None),
        ("Server=(localdb)\\MSSQLLocalDB;Integrated Security=true", "sqlclient@4.0", true, NoTls, false, None),
        ("Server=(localdb)\\MSSQLLocalDB;Integrated Security=true", "sqlclient@3.1", false, LoginOnly, false, None),
        // Invalid spellings.
        ("Server=sql01.corp.example.com;Encrypt=maybe", "sqlclient@5.1", false, Fails, false, None),
        ("Server=sql01.corp.example.com;Encrypt=Mandatory", "sqlclient@3.1", false, Fails, false, None),
        ("Server=sql01.corp.example.com;TrustServerCertificate=sure", "sqlclient", false, Fails, false, None),
    ];
    check_rows(rows);
    let r = run(
        "Server=sql01.corp.example.com;Encrypt=Mandatory;ServerCertificate=C:\\certs\\sql01.cer",
        Some("sqlclient@5.1"),
        None,
    );
    assert!(r.outcome.pinned);
}

// ------------------------------------------------------------------ B2 System.Data.SqlClient

#[test]
fn b2_system_data_sqlclient() {
    // dotnet API docs SqlConnectionStringBuilder.Encrypt / TrustServerCertificate.
    let rows: &[Row] = &[
        (
            "Data Source=sql01.corp.example.com;Initial Catalog=Northwind;Integrated Security=SSPI",
            "system.data.sqlclient",
            false,
            LoginOnly,
            false,
            None,
        ),
        (
            "Data Source=sql01.corp.example.com;Initial Catalog=Northwind;Integrated Security=SSPI",
            "system.data.sqlclient",
            true,
            Full,
            false,
            None,
        ),
        (
            "Data Source=sql01.corp.example.com;Encrypt=false",
            "system.data.sqlclient",
            true,
            Full,
            false,
            None,
        ),
        (
            "Data Source=sql01.corp.example.com;Encrypt=true",
            "system.data.sqlclient",
            false,
            Full,
            true,
            H,
        ),
        (
            "Data Source=sql01.corp.example.com;Encrypt=yes;TrustServerCertificate=yes",
            "system.data.sqlclient",
            true,
            Full,
            false,
            None,
        ),
        (
            "Data Source=sql01.corp.example.com;Encrypt=Strict",
            "system.data.sqlclient",
            false,
            Fails,
            false,
            None,
        ),
        (
            "Data Source=sql01.corp.example.com;Encrypt=true;HostNameInCertificate=x",
            "system.data.sqlclient",
            false,
            Fails,
            false,
            None,
        ),
    ];
    check_rows(rows);
}

// ------------------------------------------------------------------ B3 ODBC 17 / 18

#[test]
fn b3_odbc() {
    // docs/connect/odbc/dsn-connection-string-attribute.md and major-version-differences.md;
    // the Azure portal's ODBC string shape "Driver={ODBC Driver 18 for SQL Server};Server=tcp:…,1433;…;Encrypt=yes;TrustServerCertificate=no;Connection Timeout=30;".
    let rows: &[Row] = &[
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Database=db;UID=u;PWD=p", "odbc@17", false, LoginOnly, false, None),
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=no", "odbc@17", true, Full, false, None),
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=no;TrustServerCertificate=no", "odbc@17", true, Full, false, None),
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=yes", "odbc@17", false, Full, true, H),
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=yes;TrustServerCertificate=yes", "odbc@17", true, Full, false, None),
        ("Driver={ODBC Driver 17 for SQL Server};Server=sql01.corp.example.com;Encrypt=strict", "odbc@17", false, Fails, false, None),
        ("Driver={ODBC Driver 17 for SQL Server};Server=10.0.0.5;Encrypt=yes;HostnameInCertificate=sql01.corp.example.com", "odbc@17", false, Full, true, Some("10.0.0.5")),
        ("Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql01.corp.example.com,1433;Database=db;Uid=u;Pwd={p};Encrypt=yes;TrustServerCertificate=no;Connection Timeout=30;", "odbc@18", false, Full, true, H),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com", "odbc@18", false, Full, true, H),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=no", "odbc@18", false, LoginOnly, false, None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=Optional", "odbc@18", true, Full, true, H),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=no;TrustServerCertificate=yes", "odbc@18", true, Full, false, None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=Mandatory;TrustServerCertificate=yes", "odbc@18", false, Full, false, None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=strict;TrustServerCertificate=yes", "odbc@18", false, Strict, true, H),
        ("Driver={ODBC Driver 18 for SQL Server};Server=10.0.0.5;HostnameInCertificate=sql01.corp.example.com", "odbc@18", false, Full, true, H),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=strict;ServerCertificate=/etc/sql01.pem", "odbc@18.1.2", false, Strict, true, None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=sometimes", "odbc@18", false, Fails, false, None),
    ];
    check_rows(rows);
}

// ------------------------------------------------------------------ B4 OLE DB 18 / 19

#[test]
fn b4_oledb() {
    // docs/connect/oledb/major-version-differences.md and features/encryption-and-certificate-validation.md:
    // provider-string keywords (Encrypt yes/no) and IDataInitialize keywords (Use Encryption for Data true/false).
    let rows: &[Row] = &[
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Integrated Security=SSPI", "oledb@18", false, LoginOnly, false, None),
        ("Provider=MSOLEDBSQL;Server=sql01.corp.example.com;Encrypt=no", "oledb@18", true, Full, false, None),
        ("Provider=MSOLEDBSQL;Server=sql01.corp.example.com;Encrypt=no;TrustServerCertificate=no", "oledb@18", true, Full, false, None),
        ("Provider=MSOLEDBSQL;Server=sql01.corp.example.com;Encrypt=yes", "oledb@18", false, Full, true, H),
        ("Provider=MSOLEDBSQL;Server=sql01.corp.example.com;Encrypt=yes;TrustServerCertificate=yes", "oledb@18", false, Full, false, None),
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Use Encryption for Data=true", "oledb@18", false, Full, true, H),
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Use Encryption for Data=yes", "oledb@18", false, Fails, false, None),
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Encrypt=Mandatory", "oledb@18", false, Fails, false, None),
        // With Authentication / Access Token, OLE DB 18 validates "independently of the client
        // encryption setting" (features/encryption-and-certificate-validation.md); an
        // initialization string (Provider=…, IDataInitialize) keeps Encrypt=no: "the Core
        // Component implementing the interface explicitly sets encryption to its default value
        // of `no`" (features/using-azure-active-directory.md), so only the login is encrypted,
        // and only with a verifiable certificate.
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Access Token=eyJ0eXAi", "oledb@18", false, LoginOnly, true, H),
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Access Token=eyJ0eXAi", "oledb@18", true, Full, true, H),
        ("Provider=MSOLEDBSQL;Data Source=sql01.corp.example.com;Access Token=eyJ0eXAi;Use Encryption for Data=true", "oledb@18", false, Full, true, H),
        // A provider string (no Provider=): the default turns to yes; TrustServerCertificate in
        // the string alone does not stop validation (the registry's is 0 by default).
        ("Server=sql01.corp.example.com;Authentication=ActiveDirectoryIntegrated;TrustServerCertificate=yes", "oledb@18", false, Full, true, H),
        ("Provider=MSOLEDBSQL19;Data Source=sql01.corp.example.com;Integrated Security=SSPI", "oledb@19", false, Full, true, H),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=Optional", "oledb@19", false, LoginOnly, false, None),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=Optional", "oledb@19", true, Full, true, H),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=no;TrustServerCertificate=yes", "oledb@19", true, Full, false, None),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Use Encryption for Data=Strict;Trust Server Certificate=true", "oledb@19", false, Strict, true, H),
        ("Provider=MSOLEDBSQL19;Server=10.0.0.5;Host Name In Certificate=sql01.corp.example.com", "oledb@19", false, Full, true, H),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;ServerCertificate=c:\\sql01.cer", "oledb@19", false, Fails, false, None),
        ("Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=Strict;ServerCertificate=c:\\sql01.cer", "oledb@19", false, Strict, true, None),
    ];
    check_rows(rows);
}

// ------------------------------------------------------------------ B5 JDBC

#[test]
fn b5_jdbc() {
    // docs/connect/jdbc/building-the-connection-url.md shape
    // "jdbc:sqlserver://localhost:1433;databaseName=AdventureWorks;integratedSecurity=true;" and
    // understanding-ssl-support.md (encrypt / trustServerCertificate / hostNameInCertificate).
    let rows: &[Row] = &[
        ("jdbc:sqlserver://sql01.corp.example.com:1433;databaseName=AdventureWorks;integratedSecurity=true;", "jdbc@10.1", false, LoginOnly, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com:1433;databaseName=AdventureWorks;integratedSecurity=true;", "jdbc@10.1", true, Full, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=true", "jdbc@9.4", false, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=true;trustServerCertificate=true", "jdbc@10.1", true, Full, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;databaseName=db", "jdbc@10.2", false, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=false", "jdbc@10.2", false, LoginOnly, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=false", "jdbc@10.2", true, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=false;trustServerCertificate=true", "jdbc@11.0", true, Full, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=strict", "jdbc@10.2", false, Fails, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=strict;trustServerCertificate=true", "jdbc@12.4", false, Strict, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=strict;serverCertificate=/etc/sql01.cer", "jdbc@12.4", false, Strict, true, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=yes", "jdbc@12.4", false, Fails, false, None),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=Mandatory", "jdbc@12.4", true, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=optional", "jdbc@12.4", false, LoginOnly, false, None),
        ("jdbc:sqlserver://10.0.0.5;encrypt=true;hostNameInCertificate=SQL01.corp.example.com", "jdbc@12.4", false, Full, true, H),
        ("jdbc:sqlserver://;serverName=SQL01.Corp.Example.com;instanceName=INST;encrypt=true", "jdbc", false, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com\\INST:1433;encrypt=true", "jdbc", false, Full, true, H),
        ("jdbc:sqlserver://sql01.corp.example.com;encrypt=true;trustServerCertificate=yes", "jdbc", false, Fails, false, None),
    ];
    check_rows(rows);
    let r = run(
        "jdbc:sqlserver://sql01.corp.example.com\\INST:1433;encrypt=true",
        None,
        None,
    );
    assert_eq!(r.server.instance.as_deref(), Some("INST"));
    assert_eq!(r.server.port, Some(1433));
}

// ------------------------------------------------------------------ B6 go-mssqldb

#[test]
fn b6_go_mssqldb() {
    // microsoft/go-mssqldb README.md: "sqlserver://username:password@host/instance?param1=value&param2=value",
    // "sqlserver://sa:mypass@localhost?database=master&connection+timeout=30",
    // ADO form "server=localhost\\SQLExpress;user id=sa;database=master;app name=MyAppName".
    let rows: &[Row] = &[
        ("sqlserver://sa:mypass@sql01.corp.example.com?database=master&connection+timeout=30", "go-mssqldb", false, LoginOnly, false, None),
        ("sqlserver://sa:mypass@sql01.corp.example.com?database=master&connection+timeout=30", "go-mssqldb", true, Full, false, None),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=disable", "go-mssqldb", false, NoTls, false, None),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=disable", "go-mssqldb", true, Fails, false, None),
        // encrypt given ⇒ TrustServerCertificate false, and the login-only
        // handshake uses the validating tls.Config (ServerName = host):
        // go msdsn/conn_str.go@46b5c6a parseTLS L294-351 and tds.go L1264-1305;
        // the same in denisenkom/go-mssqldb tds.go@8fccfc8 L1028-1042, L1252-1267.
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=false", "go-mssqldb", false, LoginOnly, true, H),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=false&TrustServerCertificate=true", "go-mssqldb", false, LoginOnly, false, None),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=false", "go-mssqldb", true, Full, true, H),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=true", "go-mssqldb", false, Full, true, H),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=1&TrustServerCertificate=t", "go-mssqldb", false, Full, false, None),
        ("sqlserver://sa:mypass@sql01.corp.example.com?encrypt=strict&TrustServerCertificate=true", "go-mssqldb", false, Strict, true, H),
        ("sqlserver://sa:mypass@10.0.0.5:1433/INST?encrypt=true&hostNameInCertificate=sql01.corp.example.com", "go-mssqldb", false, Full, true, H),
        ("sqlserver://sa@sql01.corp.example.com?encrypt=true&certificate=%2Fetc%2Fca.pem", "go-mssqldb", false, Full, true, H),
        ("sqlserver://sa@sql01.corp.example.com?encrypt=true&serverCertificate=%2Fetc%2Fsql01.pem", "go-mssqldb", false, Full, true, None),
        ("sqlserver://sa@sql01.corp.example.com?encrypt=true&serverCertificate=a.pem&certificate=b.pem", "go-mssqldb", false, Fails, false, None),
        ("sqlserver://sa@sql01.corp.example.com?encrypt=perhaps", "go-mssqldb", false, Fails, false, None),
        ("sqlserver://sa@sql01.corp.example.com?encrypt=true&TrustServerCertificate=maybe", "go-mssqldb", false, Fails, false, None),
        // ADO form: ADO.NET grammar, go-mssqldb rules.
        ("server=sql01.corp.example.com\\SQLExpress;user id=sa;database=master;app name=MyAppName", "go-mssqldb", true, Full, false, None),
        ("server=sql01.corp.example.com;user id=sa;password=x;encrypt=true", "go-mssqldb", false, Full, true, H),
    ];
    check_rows(rows);
    let r = run(
        "sqlserver://sa:mypass@10.0.0.5:1433/INST?encrypt=true",
        None,
        None,
    );
    assert_eq!(r.dialect, Dialect::GoUrl);
    assert_eq!(r.driver, DriverId::GoMssqldb);
    assert_eq!(
        (
            r.server.host.as_deref(),
            r.server.port,
            r.server.instance.as_deref()
        ),
        (Some("10.0.0.5"), Some(1433), Some("INST"))
    );
    let ado = run("server=h;encrypt=true", Some("go-mssqldb"), None);
    assert_eq!(ado.dialect, Dialect::AdoNet);
}

// ------------------------------------------------------------------ B7 tedious

#[test]
fn b7_tedious() {
    // node-mssql README connection string form "Server=localhost,1433;Database=database;User Id=username;Password=password;Encrypt=true";
    // tedious defaults: encrypt true from 6.0.0 (src/connection.js@v6.0.0
    // L425; false at v5.0.3 L423); trustServerCertificate true up to 8.x,
    // false 9.0.0–11.0.8 (src/connection.ts@v9.0.0 L541, @v11.0.8 L1250), true
    // 11.0.9–14.x (@v11.0.9 L1272, @v14.7.0 L1292), false from 15.0.0 (L1266).
    let s =
        "Server=sql01.corp.example.com,1433;Database=database;User Id=username;Password=password";
    let rows: &[Row] = &[
        (s, "tedious@5", false, NoTls, false, None),
        (s, "tedious@5.0.3", true, Fails, false, None),
        (s, "tedious@6", false, Full, false, None),
        (s, "tedious@6.0.0", true, Full, false, None),
        (s, "tedious@7", false, Full, false, None),
        (s, "tedious@8", true, Full, false, None),
        (s, "tedious@10", false, Full, true, H),
        (s, "tedious@11.0.8", false, Full, true, H),
        (s, "tedious@11.0.9", false, Full, false, None),
        (s, "tedious@12", false, Full, false, None),
        (s, "tedious@14", false, Full, false, None),
        (s, "tedious@15", false, Full, true, H),
        (s, "tedious@18", true, Full, true, H),
        (
            "Server=sql01.corp.example.com;Encrypt=false",
            "tedious@18",
            false,
            NoTls,
            false,
            None,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=false",
            "tedious@18",
            true,
            Fails,
            false,
            None,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=true;TrustServerCertificate=true",
            "tedious@18",
            false,
            Full,
            false,
            None,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=true;TrustServerCertificate=false",
            "tedious@13",
            false,
            Full,
            true,
            H,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=yes",
            "tedious@18",
            false,
            Fails,
            false,
            None,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=strict",
            "tedious@18",
            false,
            Strict,
            true,
            H,
        ),
        (
            "Server=sql01.corp.example.com;Encrypt=strict",
            "tedious@14",
            false,
            Fails,
            false,
            None,
        ),
        (
            "Server=10.0.0.5;Encrypt=true;serverName=sql01.corp.example.com",
            "tedious@18",
            false,
            Full,
            true,
            H,
        ),
    ];
    check_rows(rows);
}

// ------------------------------------------------------------------ B8 FreeTDS

#[test]
fn b8_freetds() {
    // FreeTDS doc/userguide.xml freetds.conf examples ("[egServer73]\n\thost = ntmachine.domain.com\n\tport = 1433\n\ttds version = 7.3").
    let base =
        "[egServer74]\n\thost = sql01.corp.example.com\n\tport = 1433\n\ttds version = 7.4\n";
    let with =
        |extra: &str| -> &'static str { Box::leak(format!("{base}{extra}").into_boxed_str()) };
    let rows: Vec<Row> = vec![
        (with(""), "freetds", false, LoginOnly, false, None),
        (with(""), "freetds", true, Full, false, None),
        (with("\tencryption = request\n"), "freetds", true, Full, false, None),
        (with("\tencryption = require\n"), "freetds", false, Full, false, None),
        (with("\tencryption = require\n\tca file = /etc/ssl/certs/ca-certificates.crt\n"), "freetds", false, Full, true, H),
        // The login-only handshake is the same tds_ssl_init as the full one
        // (src/tds/login.c@v1.3.17 L1360, src/tds/tls.c L480-496 / L985-994):
        // with a ca file it validates too.
        (with("\tca file = /etc/ssl/certs/ca-certificates.crt\n"), "freetds@1.3", false, LoginOnly, true, H),
        (with("\tencryption = require\n\tca file = system\n\tcertificate hostname = SQL01.corp.example.com\n"), "freetds", false, Full, true, Some("SQL01.corp.example.com")),
        (with("\tencryption = require\n\tca file = system\n\tcheck certificate hostname = no\n"), "freetds", false, Full, true, None),
        (with("\tencryption = off\n"), "freetds", false, NoTls, false, None),
        (with("\tencryption = off\n"), "freetds", true, Fails, false, None),
        (with("\tencryption = strict\n"), "freetds@1.5", false, Strict, true, H),
        // strict unknown before 1.5: FreeTDS logs an error and uses require.
        (with("\tencryption = strict\n"), "freetds@1.4", false, Full, false, None),
        ("[old]\n host = sql01.corp.example.com\n tds version = 7.1\n", "freetds", false, NoTls, false, None),
        // FreeTDS ODBC driver.
        ("Driver=FreeTDS;Server=sql01.corp.example.com;Port=1433;TDS_Version=7.4;Encrypt=yes", "freetds", false, Full, false, None),
        ("Driver=FreeTDS;Server=sql01.corp.example.com;Port=1433;TDS_Version=7.4;Encrypt=no", "freetds", false, LoginOnly, false, None),
    ];
    check_rows(&rows);
    let r = run(with("\tencryption = strict\n"), Some("freetds@1.4"), None);
    assert!(has(&r, "conn.invalid-value"), "{:?}", ids(&r));
    let r = run("Driver={FreeTDS};Server=h;Encrypt=yes", None, None);
    assert_eq!((r.driver.as_str(), r.dialect), ("freetds", Dialect::Odbc));
}

// ------------------------------------------------------------------ drivers, inference, matrix

#[test]
fn driver_inference() {
    let cases: &[(&str, &str, Option<&str>, Dialect, &str)] = &[
        (
            "Server=h;Encrypt=true",
            "sqlclient",
            None,
            Dialect::AdoNet,
            "5.0+",
        ),
        (
            "Driver={ODBC Driver 17 for SQL Server};Server=h",
            "odbc",
            Some("17"),
            Dialect::Odbc,
            "17",
        ),
        (
            "Driver={ODBC Driver 18 for SQL Server};Server=h",
            "odbc",
            Some("18"),
            Dialect::Odbc,
            "18",
        ),
        (
            "Driver={SQL Server Native Client 11.0};Server=h",
            "odbc",
            Some("17"),
            Dialect::Odbc,
            "17",
        ),
        (
            "Driver={SQL Server};Server=h",
            "odbc",
            Some("17"),
            Dialect::Odbc,
            "17",
        ),
        (
            "Provider=MSOLEDBSQL;Data Source=h",
            "oledb",
            Some("18"),
            Dialect::OleDb,
            "18",
        ),
        (
            "Provider=MSOLEDBSQL19;Data Source=h",
            "oledb",
            Some("19"),
            Dialect::OleDb,
            "19",
        ),
        (
            "Provider=SQLOLEDB.1;Data Source=h",
            "oledb",
            Some("18"),
            Dialect::OleDb,
            "18",
        ),
        (
            "Provider=SQLNCLI11;Data Source=h",
            "oledb",
            Some("18"),
            Dialect::OleDb,
            "18",
        ),
        (
            "jdbc:sqlserver://h;encrypt=true",
            "jdbc",
            None,
            Dialect::Jdbc,
            "11.2+",
        ),
        (
            "sqlserver://h?encrypt=true",
            "go-mssqldb",
            None,
            Dialect::GoUrl,
            "1.6+",
        ),
        (
            "mssql://u:p@h/db?encrypt=true",
            "tedious",
            None,
            Dialect::GoUrl,
            "15+",
        ),
        (
            "host = h\nencryption = require\n",
            "freetds",
            None,
            Dialect::Freetds,
            "1.5+",
        ),
    ];
    for (text, driver, version, dialect, label) in cases {
        let r = run(text, None, None);
        assert!(r.driver_inferred, "{text}");
        assert_eq!(r.driver.as_str(), *driver, "{text}");
        assert_eq!(r.driver_version.as_deref(), *version, "{text}");
        assert_eq!(r.dialect, *dialect, "{text}");
        assert_eq!(r.outcome.version.label(), *label, "{text}");
    }
    let r = run("Server=h", Some("sqlclient@3.1"), None);
    assert!(!r.driver_inferred);
    assert_eq!(r.driver_version.as_deref(), Some("3.1"));
    assert_eq!(r.outcome.version, Generation::Mds2To3);
    // Driver id given: the dialect follows it.
    assert_eq!(
        run("Server=h;Encrypt=yes", Some("odbc@18"), None).dialect,
        Dialect::Odbc
    );
    assert_eq!(
        run("Server=h;Encrypt=yes", Some("oledb@18"), None).dialect,
        Dialect::OleDb
    );
}

#[test]
fn unknown_driver_is_a_finding_not_a_panic() {
    let r = run("Server=h", Some("mysql@8"), None);
    let m = msg(&r, "conn.invalid-value");
    for id in [
        "sqlclient",
        "system.data.sqlclient",
        "odbc",
        "oledb",
        "jdbc",
        "go-mssqldb",
        "tedious",
        "freetds",
    ] {
        assert!(m.contains(id), "{m}");
    }
    assert!(r.driver_inferred);
    assert_eq!(r.driver, DriverId::SqlClient);
    let r = run("Server=h", Some("odbc@banana"), None);
    assert!(has(&r, "conn.invalid-value"));
}

#[test]
fn matrix_covers_every_generation_and_force() {
    let counts = [
        (DriverId::SqlClient, 4),
        (DriverId::SystemDataSqlClient, 1),
        (DriverId::Odbc, 2),
        (DriverId::OleDb, 2),
        (DriverId::Jdbc, 3),
        (DriverId::GoMssqldb, 2),
        (DriverId::Tedious, 5),
        (DriverId::FreeTds, 2),
    ];
    for (d, n) in counts {
        let p = parse("Server=sql01;Encrypt=false", Some(d));
        let m = matrix(&p.conn, d);
        assert_eq!(m.len(), n * 2, "{d}");
        assert!(m.iter().all(|o| o.driver == d));
        assert_eq!(m.iter().filter(|o| o.server_force_encryption).count(), n);
    }
    // The upgrade trap, MDS: Optional+force is unvalidated in 1.x and validated from 2.0.
    let p = parse("Server=sql01;Encrypt=false", None);
    let m = matrix(&p.conn, DriverId::SqlClient);
    let forced: Vec<(String, bool)> = m
        .iter()
        .filter(|o| o.server_force_encryption)
        .map(|o| (o.version.label().to_string(), o.certificate_validated))
        .collect();
    assert_eq!(
        forced,
        vec![
            ("1.x".into(), false),
            ("2.x-3.x".into(), true),
            ("4.x".into(), true),
            ("5.0+".into(), true)
        ]
    );
    // outcome() with a generation of another driver falls back to the driver's newest.
    let o = outcome(&p.conn, DriverId::Odbc, Generation::Mds1, false);
    assert_eq!(o.version, Generation::Odbc18);
    // Report carries the full matrix.
    assert_eq!(run("Server=h", None, None).outcomes.len(), 8);
}

#[test]
fn outcome_json_field_names() {
    let r = run(
        "Server=sql01;Encrypt=Mandatory;ServerCertificate=c:\\a.cer;Password=hunter2",
        Some("sqlclient@5.1"),
        Some(true),
    );
    let v = serde_json::to_value(&r).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "dialect",
        "driver",
        "driver_version",
        "driver_inferred",
        "server",
        "redacted",
        "outcome",
        "outcomes",
        "findings",
    ] {
        assert!(keys.contains(&k), "{k} missing in {keys:?}");
    }
    let server = v["server"].as_object().unwrap();
    let mut sk: Vec<&str> = server.keys().map(String::as_str).collect();
    sk.sort();
    assert_eq!(sk, vec!["host", "instance", "port", "protocol"]);
    assert_eq!(v["dialect"], "ado-net");
    let o = &v["outcome"];
    assert_eq!(o["driver"], "sqlclient");
    assert_eq!(o["version"], "5.0+");
    assert_eq!(o["server_force_encryption"], true);
    assert_eq!(o["encryption"], "full");
    assert_eq!(o["certificate_validated"], true);
    assert!(o["validated_name"].is_null());
    assert_eq!(o["pinned"], true);
    assert!(o["note"].is_string());
    let plain = serde_json::to_value(
        run("Server=sql01;Encrypt=Optional", Some("sqlclient@5.1"), None).outcome,
    )
    .unwrap();
    assert!(plain.get("pinned").is_none());
    assert_eq!(plain["encryption"], "login-only");
    for (text, d) in [
        ("Driver={x};Server=h", "odbc"),
        ("Provider=MSOLEDBSQL;Server=h", "ole-db"),
        ("jdbc:sqlserver://h", "jdbc"),
        ("sqlserver://h", "go-url"),
        ("[s]\nhost = h\n", "freetds"),
    ] {
        assert_eq!(
            serde_json::to_value(run(text, None, None).dialect).unwrap(),
            d
        );
    }
}

// ------------------------------------------------------------------ grammars

#[test]
fn ado_net_grammar() {
    // docs/connect/ado-net/connection-string-syntax.md: quotes, doubled quotes, "==" in keywords, last duplicate wins.
    let r = run("Data Source = sql01.corp.example.com ; Trust Server Certificate = true ;;  Encrypt=\"Mandatory\";", Some("sqlclient"), None);
    assert!(
        r.findings
            .iter()
            .all(|f| f.id != "conn.syntax-error" && f.id != "conn.unknown-keyword"),
        "{:?}",
        ids(&r)
    );
    assert_eq!(r.server.host.as_deref(), Some("sql01.corp.example.com"));
    assert!(
        !r.outcome.certificate_validated,
        "Trust Server Certificate with spaces is TSC"
    );
    // Synonyms.
    for k in [
        "Server",
        "Data Source",
        "Address",
        "Addr",
        "Network Address",
        "data source",
        "SERVER",
    ] {
        let r = run(&format!("{k}=sql01;Encrypt=true"), None, None);
        assert_eq!(r.server.host.as_deref(), Some("sql01"), "{k}");
    }
    // Last duplicate wins.
    let r = run(
        "Server=a;Encrypt=false;Encrypt=true;Server=b",
        Some("sqlclient@3.1"),
        None,
    );
    assert_eq!(
        (r.server.host.as_deref(), r.outcome.encryption),
        (Some("b"), Full)
    );
    // Quoted values with ';' and '=' and doubled quotes.
    let p = parse(
        "Server='sql;01';Application Name=\"a=b\"\"c\";Key==Name=v",
        Some(DriverId::SqlClient),
    );
    assert_eq!(p.conn.server.host.as_deref(), Some("sql;01"));
    assert_eq!(p.conn.settings[1].value.as_deref(), Some("a=b\"c"));
    assert!(p.conn.unknown.iter().any(|u| u.keyword == "Key=Name"));
    // Errors with positions.
    let r = run("Server=a;Encrypt", None, None);
    assert!(
        msg(&r, "conn.syntax-error").contains("character 10"),
        "{}",
        msg(&r, "conn.syntax-error")
    );
    let r = run("Server=a;Application Name='x", None, None);
    assert!(msg(&r, "conn.syntax-error").contains("character 27"));
    let r = run("Server='a'b;Encrypt=true", None, None);
    assert!(msg(&r, "conn.syntax-error").contains("character 11"));
    let r = run("=x;Server=a", None, None);
    assert!(has(&r, "conn.syntax-error"));
    let r = run("just some words", None, None);
    assert!(has(&r, "conn.syntax-error"));
    let r = run("", None, None);
    assert!(has(&r, "conn.syntax-error"));
}

#[test]
fn odbc_grammar() {
    // dsn-connection-string-attribute.md: braces, "}}" escapes.
    let p = parse(
        "Driver={ODBC Driver 18 for SQL Server};Server={tcp:sql01,1433};App={a}};b=c}",
        None,
    );
    assert!(p.conn.errors.is_empty(), "{:?}", p.conn.errors);
    assert_eq!(
        p.conn.odbc_driver.as_deref(),
        Some("ODBC Driver 18 for SQL Server")
    );
    assert_eq!(p.conn.server.host.as_deref(), Some("sql01"));
    assert_eq!(p.conn.server.port, Some(1433));
    assert_eq!(p.conn.settings[2].value.as_deref(), Some("a};b=c"));
    // Quotes are literal in ODBC.
    let p = parse("Driver={ODBC Driver 18 for SQL Server};Server='x'", None);
    assert_eq!(p.conn.server.host.as_deref(), Some("'x'"));
    let r = run("Driver={ODBC Driver 18 for SQL Server;Server=x", None, None);
    assert!(msg(&r, "conn.syntax-error").contains("character 8"));
    let r = run(
        "Driver={ODBC Driver 18 for SQL Server};Server=x;UID",
        None,
        None,
    );
    assert!(has(&r, "conn.syntax-error"));
}

#[test]
fn oledb_grammar() {
    let p = parse(
        "Provider=MSOLEDBSQL19;Data Source=\"sql01\";Password='a;b''c';Extended Properties={x;y}",
        None,
    );
    assert!(p.conn.errors.is_empty(), "{:?}", p.conn.errors);
    assert_eq!(p.conn.provider.as_deref(), Some("MSOLEDBSQL19"));
    assert_eq!(p.conn.server.host.as_deref(), Some("sql01"));
    assert!(p.conn.secret_present);
}

#[test]
fn jdbc_grammar() {
    // building-the-connection-url.md: braces protect ';' — "databaseName={a;b}".
    let p = parse(
        "jdbc:sqlserver://[::1]:1433;databaseName={a;b}};c};encrypt=true",
        None,
    );
    assert!(p.conn.errors.is_empty(), "{:?}", p.conn.errors);
    assert_eq!(p.conn.server.host.as_deref(), Some("::1"));
    assert_eq!(p.conn.server.port, Some(1433));
    assert_eq!(p.conn.settings[0].value.as_deref(), Some("a;b};c"));
    let p = parse(
        "jdbc:sqlserver://;serverName=sql01;portNumber=1444;instanceName=I",
        None,
    );
    assert_eq!(
        (
            p.conn.server.host.as_deref(),
            p.conn.server.port,
            p.conn.server.instance.as_deref()
        ),
        (Some("sql01"), Some(1444), Some("I"))
    );
    let r = run("jdbc:mysql://h", None, None);
    assert!(msg(&r, "conn.syntax-error").contains("character 1"));
    let r = run("jdbc:sqlserver://h;password={abc", None, None);
    assert!(has(&r, "conn.syntax-error"));
}

#[test]
fn go_url_grammar() {
    let p = parse("sqlserver://us%65r:p%40ss@sql01.corp.example.com:1433/SQLEXPRESS?app+name=My%20App&encrypt=true", None);
    assert!(p.conn.errors.is_empty());
    assert_eq!(p.conn.server.instance.as_deref(), Some("SQLEXPRESS"));
    assert_eq!(
        p.conn
            .settings
            .iter()
            .find(|s| s.keyword == "app name")
            .and_then(|s| s.value.clone())
            .as_deref(),
        Some("My App")
    );
    assert!(p.conn.secret_present);
    let r = run("sqlserver://h?encrypt=%zz", None, None);
    assert!(has(&r, "conn.syntax-error"));
    let r = run("sqlserver:h", None, None);
    assert!(has(&r, "conn.syntax-error"));
}

#[test]
fn freetds_grammar() {
    let text = "; comment\n# other\n[global]\n\ttds version = auto\n[sql01]\n\thost = sql01.corp.example.com\n\tinstance = INST\n\tencryption = require\n[sql02]\n\thost = other\n";
    let r = run(text, None, None);
    assert_eq!(r.dialect, Dialect::Freetds);
    assert_eq!(r.server.host.as_deref(), Some("sql01.corp.example.com"));
    assert_eq!(r.server.instance.as_deref(), Some("INST"));
    assert!(
        !has(&r, "conn.syntax-error") && !has(&r, "conn.unknown-keyword"),
        "{:?}",
        ids(&r)
    );
    let r = run("[s]\nhost = h\nthis line is broken\n", None, None);
    assert!(
        msg(&r, "conn.syntax-error").contains("character 14"),
        "{}",
        msg(&r, "conn.syntax-error")
    );
}

// ------------------------------------------------------------------ findings raised / not raised

#[test]
fn finding_unknown_keyword() {
    let r = run("Server=sql01;TrustServerCertficate=true", None, None);
    assert!(
        msg(&r, "conn.unknown-keyword").contains("Did you mean 'TrustServerCertificate'"),
        "{}",
        msg(&r, "conn.unknown-keyword")
    );
    // A typo right after a password is still reported (not mistaken for the password's tail).
    let r = run(
        "Server=sql01;Password='a;b';TrustServerCertficate=true",
        None,
        None,
    );
    assert!(msg(&r, "conn.unknown-keyword").contains("Did you mean 'TrustServerCertificate'"));
    assert!(r.redacted.contains("TrustServerCertficate=true"));
    let r = run("jdbc:sqlserver://h;encrpyt=true", None, None);
    assert!(msg(&r, "conn.unknown-keyword").contains("encrypt"));
    let r = run("Server=sql01;Encrypt=true;Application Name=x", None, None);
    assert!(!has(&r, "conn.unknown-keyword"));
    // Version-gated keywords.
    let r = run(
        "Driver={ODBC Driver 17 for SQL Server};Server=h;Encrypt=yes;HostnameInCertificate=x",
        None,
        None,
    );
    assert!(msg(&r, "conn.unknown-keyword").contains("18.0"));
}

#[test]
fn finding_invalid_value() {
    for (text, driver) in [
        ("jdbc:sqlserver://h;encrypt=yes", None),
        (
            "Driver={ODBC Driver 17 for SQL Server};Server=h;Encrypt=strict",
            None,
        ),
        ("Server=h;Encrypt=yes", Some("tedious")),
        ("Server=h;Encrypt=1", Some("sqlclient")),
    ] {
        let r = run(text, driver, None);
        assert!(has(&r, "conn.invalid-value"), "{text}: {:?}", ids(&r));
        assert_eq!(r.outcome.encryption, Fails, "{text}");
    }
    assert!(msg(
        &run("jdbc:sqlserver://h;encrypt=yes", None, None),
        "conn.invalid-value"
    )
    .contains("yes"));
    assert!(!has(
        &run("jdbc:sqlserver://h;encrypt=true", None, None),
        "conn.invalid-value"
    ));
}

#[test]
fn finding_encrypt_disabled() {
    let r = run("Server=h;Encrypt=false", Some("sqlclient"), None);
    let m = msg(&r, "conn.encrypt-disabled");
    assert!(
        m.contains("login-only")
            && m.contains("If the server forces encryption: full (certificate validated)"),
        "{m}"
    );
    assert!(has(
        &run("sqlserver://h?encrypt=disable", None, Some(false)),
        "conn.encrypt-disabled"
    ));
    assert!(!has(
        &run("Server=h;Encrypt=false", Some("sqlclient"), Some(true)),
        "conn.encrypt-disabled"
    ));
    assert!(!has(&run("Server=h", None, None), "conn.encrypt-disabled"));
    // tedious with encrypt=false against a forcing server fails, and says why.
    let r = run("Server=h;Encrypt=false", Some("tedious"), Some(true));
    assert_eq!(
        r.outcome.encryption,
        sqltls_core::connstr::Encryption::Fails
    );
    assert!(msg(&r, "conn.encrypt-disabled").contains("connection fails"));
    // LocalDB gets its own info, not the warning.
    let r = run("Server=(localdb)\\MSSQLLocalDB", None, None);
    assert!(
        has(&r, "conn.localdb-unencrypted") && !has(&r, "conn.encrypt-disabled"),
        "{:?}",
        ids(&r)
    );
    assert!(!has(
        &run("Server=sql01", None, None),
        "conn.localdb-unencrypted"
    ));
}

#[test]
fn finding_trust_server_certificate() {
    let r = run(
        "Server=h;Encrypt=true;TrustServerCertificate=true",
        None,
        None,
    );
    let m = msg(&r, "conn.trust-server-certificate");
    assert!(
        m.contains("impersonate") && m.contains("credentials"),
        "{m}"
    );
    // go-mssqldb default TSC=true matters once the server forces encryption.
    let r = run("sqlserver://sa@h?database=db", None, Some(false));
    assert!(
        msg(&r, "conn.trust-server-certificate").contains("defaults"),
        "{:?}",
        ids(&r)
    );
    // Strict ignores TSC; TSC=false; no TSC at all.
    assert!(!has(
        &run(
            "Server=h;Encrypt=Strict;TrustServerCertificate=true",
            None,
            None
        ),
        "conn.trust-server-certificate"
    ));
    assert!(!has(
        &run(
            "Server=h;Encrypt=true;TrustServerCertificate=false",
            None,
            None
        ),
        "conn.trust-server-certificate"
    ));
    assert!(!has(
        &run("Server=h", None, None),
        "conn.trust-server-certificate"
    ));
    // OLE DB 18 ignores TSC when encryption only comes from the server: TSC does not matter there.
    assert!(!has(
        &run(
            "Provider=MSOLEDBSQL;Server=h;Encrypt=no;TrustServerCertificate=yes",
            None,
            Some(true)
        ),
        "conn.trust-server-certificate"
    ));
}

#[test]
fn finding_host_is_ip() {
    let r = run("Server=10.0.0.5;Encrypt=true", None, None);
    assert!(msg(&r, "conn.host-is-ip").contains("10.0.0.5"));
    assert!(has(
        &run("jdbc:sqlserver://[fe80::1];encrypt=true", None, None),
        "conn.host-is-ip"
    ));
    assert!(!has(
        &run(
            "Server=10.0.0.5;Encrypt=true;HostNameInCertificate=sql01",
            None,
            None
        ),
        "conn.host-is-ip"
    ));
    assert!(!has(
        &run("Server=sql01;Encrypt=true", None, None),
        "conn.host-is-ip"
    ));
}

#[test]
fn finding_default_changed() {
    let r = run("Server=sql01", None, None);
    let m = msg(&r, "conn.default-changed");
    assert!(
        m.contains("1.x login-only") && m.contains("4.x full (certificate validated)"),
        "{m}"
    );
    let r = run("jdbc:sqlserver://h", None, None);
    assert!(msg(&r, "conn.default-changed").contains("<=10.1"));
    // Same everywhere: Strict on a single-generation driver / explicit everywhere-equal outcome.
    assert!(!has(
        &run("sqlserver://h?encrypt=true", None, None),
        "conn.default-changed"
    ));
    assert!(!has(
        &run("Server=h;Encrypt=true", Some("system.data.sqlclient"), None),
        "conn.default-changed"
    ));
}

#[test]
fn finding_strict_requirements() {
    let r = run("Server=h;Encrypt=Strict", None, None);
    let m = msg(&r, "conn.strict-requirements");
    // Strict (SqlConnectionEncryptOption.Strict) shipped in Microsoft.Data.SqlClient
    // 5.0.0 (dotnet/SqlClient release-notes/5.0/5.0.0.md, "TDS 8 enhanced security").
    assert!(m.contains("2022") && m.contains("5.0"), "{m}");
    assert!(msg(
        &run(
            "Driver={ODBC Driver 18 for SQL Server};Server=h;Encrypt=strict",
            None,
            None
        ),
        "conn.strict-requirements"
    )
    .contains("18.1.2"));
    assert!(msg(
        &run("Provider=MSOLEDBSQL19;Server=h;Encrypt=Strict", None, None),
        "conn.strict-requirements"
    )
    // "Strict is a new value added in version 19.0.0" (sql-docs
    // docs/connect/oledb/major-version-differences.md); 19.2 added TLS 1.3.
    .contains("19.0"));
    assert!(msg(
        &run("jdbc:sqlserver://h;encrypt=strict", None, None),
        "conn.strict-requirements"
    )
    .contains("11.2"));
    assert!(!has(
        &run("Server=h;Encrypt=Mandatory", None, None),
        "conn.strict-requirements"
    ));
}

#[test]
fn finding_server_certificate_pin() {
    let r = run(
        "Server=h;Encrypt=Mandatory;ServerCertificate=c:\\sql01.cer",
        None,
        None,
    );
    assert!(msg(&r, "conn.server-certificate-pin").contains("renewed"));
    assert!(r.outcome.pinned && r.outcome.validated_name.is_none());
    // JDBC reads serverCertificate only with strict: still reported, as unused.
    let r = run(
        "jdbc:sqlserver://h;encrypt=true;serverCertificate=/a.cer",
        None,
        None,
    );
    assert!(msg(&r, "conn.server-certificate-pin").contains("does not use it"));
    assert!(!r.outcome.pinned);
    assert!(!has(
        &run("Server=h;Encrypt=Mandatory", None, None),
        "conn.server-certificate-pin"
    ));
}

#[test]
fn finding_secret_present() {
    for text in [
        "Server=h;Password=x",
        "Server=h;PWD=x",
        "Driver={ODBC Driver 18 for SQL Server};Server=h;PWD={x}",
        "Provider=MSOLEDBSQL19;Server=h;Access Token=abc",
        "jdbc:sqlserver://h;password=x",
        "sqlserver://sa:x@h",
        "[s]\nhost = h\npassword = x\n",
    ] {
        assert!(has(&run(text, None, None), "conn.secret-present"), "{text}");
    }
    assert!(!has(
        &run("Server=h;Integrated Security=true", None, None),
        "conn.secret-present"
    ));
    assert!(!has(
        &run("sqlserver://sa@h", None, None),
        "conn.secret-present"
    ));
}

// ------------------------------------------------------------------ name matching

#[test]
fn name_matching_fixture_certificates() {
    let good = cert("good.pem");
    let wild = cert("wildcard.pem");
    let ip = cert("ip-san.pem");
    let nosan = cert("no-san.pem");
    let ok = |m: NameMatch| matches!(m, NameMatch::Matches { .. });
    // good.pem: SAN sql01.corp.example.com + sql01.
    assert!(ok(match_name(
        "sql01.corp.example.com",
        &good,
        DriverId::GoMssqldb
    )));
    assert!(
        ok(match_name(
            "SQL01.Corp.Example.COM.",
            &good,
            DriverId::Tedious
        )),
        "case and trailing dot"
    );
    assert!(ok(match_name("sql01", &good, DriverId::Jdbc)));
    assert!(!ok(match_name(
        "sql02.corp.example.com",
        &good,
        DriverId::Odbc
    )));
    // Wildcard: one label only, never the bare domain; Go whole label only.
    assert!(ok(match_name(
        "sql09.corp.example.com",
        &wild,
        DriverId::GoMssqldb
    )));
    assert!(ok(match_name(
        "sql09.corp.example.com",
        &wild,
        DriverId::Jdbc
    )));
    assert!(!ok(match_name(
        "a.sql09.corp.example.com",
        &wild,
        DriverId::SqlClient
    )));
    assert!(!ok(match_name(
        "corp.example.com",
        &wild,
        DriverId::SqlClient
    )));
    // mssql-jdbc's glob covers an A-label host too (validateServerName only
    // refuses names that start with xn--); Go's whole-label `*` as well.
    assert!(ok(match_name(
        "xn--bcher-kva.corp.example.com",
        &wild,
        DriverId::Jdbc
    )));
    assert!(!ok(match_name("sql09", &wild, DriverId::Odbc)));
    // IP: only IP SANs match.
    assert!(ok(match_name("10.0.0.5", &ip, DriverId::GoMssqldb)));
    assert!(!ok(match_name("10.0.0.6", &ip, DriverId::GoMssqldb)));
    assert!(!ok(match_name("10.0.0.5", &good, DriverId::Odbc)));
    // CN fallback: every stack but Go reads it when there is no DNS SAN
    // (Node too: tls.checkServerIdentity, checked against Node itself in
    // tests/name_stacks.rs).
    for d in [
        DriverId::SqlClient,
        DriverId::SystemDataSqlClient,
        DriverId::Odbc,
        DriverId::OleDb,
        DriverId::Jdbc,
        DriverId::FreeTds,
        DriverId::Tedious,
    ] {
        assert!(ok(match_name("sql01.corp.example.com", &nosan, d)), "{d}");
    }
    {
        let d = DriverId::GoMssqldb;
        assert_eq!(
            match_name("sql01.corp.example.com", &nosan, d),
            NameMatch::Mismatch {
                presented: vec!["CN=sql01.corp.example.com".into()],
                common_name_ignored: true
            },
            "{d}"
        );
    }
    // localhost and friends: not guessed.
    for n in ["localhost", ".", "(local)", "LOCALHOST."] {
        assert!(
            matches!(
                match_name(n, &good, DriverId::Odbc),
                NameMatch::LocalAlias { .. }
            ),
            "{n}"
        );
    }
}

#[test]
fn name_match_findings() {
    let good = cert("good.pem");
    let r = run_certs(
        "Server=sql01.corp.example.com;Encrypt=true",
        None,
        std::slice::from_ref(&good),
    );
    let m = msg(&r, "match.host-name-ok");
    assert!(
        m.contains("43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED") || m.contains(&good.thumbprint_sha1),
        "{m}"
    );
    let r = run_certs(
        "Server=sql02.corp.example.com;Encrypt=true",
        None,
        std::slice::from_ref(&good),
    );
    let m = msg(&r, "match.host-name-mismatch");
    assert!(
        m.contains("DNS:sql01.corp.example.com")
            && m.contains(&good.thumbprint_sha1)
            && m.contains("HostNameInCertificate"),
        "{m}"
    );
    assert!(r
        .findings
        .iter()
        .filter(|f| f.id.starts_with("match."))
        .all(|f| f.certificate == Some(0)));
    assert!(r
        .findings
        .iter()
        .filter(|f| !f.id.starts_with("match."))
        .all(|f| f.certificate.is_none()));
    // HostNameInCertificate fixes it.
    let r = run_certs(
        "Server=10.0.0.5;Encrypt=true;HostNameInCertificate=sql01.corp.example.com",
        None,
        std::slice::from_ref(&good),
    );
    assert!(has(&r, "match.host-name-ok") && !has(&r, "match.host-name-mismatch"));
    // No validation -> no mismatch reported.
    for text in [
        "Server=sql02;Encrypt=true;TrustServerCertificate=true",
        "Server=sql02;Encrypt=false",
        "Server=sql02;Encrypt=Mandatory;ServerCertificate=c:\\x.cer",
    ] {
        let r = run_certs(text, None, std::slice::from_ref(&good));
        assert!(
            !r.findings.iter().any(|f| f.id.starts_with("match.")),
            "{text}: {:?}",
            ids(&r)
        );
    }
    let r = run_certs(
        "Server=localhost;Encrypt=true",
        None,
        std::slice::from_ref(&good),
    );
    assert!(has(&r, "match.local-name"));
    // Several certificates: one finding each.
    let r = run_certs(
        "Server=sql01.corp.example.com",
        None,
        &[good.clone(), cert("wildcard.pem"), cert("self-signed.pem")],
    );
    let idx: Vec<Option<usize>> = r
        .findings
        .iter()
        .filter(|f| f.id.starts_with("match."))
        .map(|f| f.certificate)
        .collect();
    assert_eq!(idx, vec![Some(0), Some(1), Some(2)]);
    assert!(has(&r, "match.host-name-mismatch"));
}

// ------------------------------------------------------------------ secrets

#[test]
fn secrets_never_leak() {
    const PW: &str = "Zq9;x}}y'\"w=Secret";
    let cases: Vec<(String, Option<&str>)> = vec![
        ("Server=h;User ID=sa;Password='Zq9;x}}y''\"w=Secret';Encrypt=true".into(), None),
        ("Server=h;User ID=sa;Password=\"Zq9;x}}y'\"\"w=Secret\";Encrypt=true".into(), None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=h;UID=sa;PWD={Zq9;x}}}}y'\"w=Secret};Encrypt=yes".into(), None),
        ("Provider=MSOLEDBSQL19;Data Source=h;Password='Zq9;x}}y''\"w=Secret';Access Token=Zq9;x}}y'\"w=Secret".into(), None),
        ("jdbc:sqlserver://h;user=sa;password={Zq9;x}}}}y'\"w=Secret};encrypt=true".into(), None),
        ("sqlserver://sa:Zq9%3Bx%7D%7Dy%27%22w%3DSecret@h?encrypt=true&password=Zq9%3Bx%7D%7Dy%27%22w%3DSecret".into(), None),
        ("server=h;user id=sa;password='Zq9;x}}y''\"w=Secret';encrypt=true".into(), Some("go-mssqldb")),
        ("Server=h;Password='Zq9;x}}y''\"w=Secret';Encrypt=true".into(), Some("tedious")),
        ("[s]\nhost = h\npassword = Zq9;x}}y'\"w=Secret\nencryption = require\n".into(), None),
        // Broken strings: unterminated quote / brace around the secret.
        ("Server=h;Password='Zq9;x}}y\"w=Secret".into(), None),
        ("Driver={ODBC Driver 18 for SQL Server};Server=h;PWD={Zq9;x}}y'\"w=Secret".into(), None),
    ];
    for (text, driver) in &cases {
        let r = run(text, *driver, Some(true));
        let json = serde_json::to_string(&r).unwrap();
        for needle in [PW, "Zq9", "Secret", "Zq9%3B"] {
            assert!(
                !r.redacted.contains(needle),
                "{needle} in redacted {:?}",
                r.redacted
            );
            assert!(!json.contains(needle), "{needle} in JSON of {text}: {json}");
            assert!(!redact(text).contains(needle), "{needle} in redact({text})");
        }
        assert!(r.redacted.contains("<redacted>"), "{}", r.redacted);
        let p = parse(text, None);
        assert!(
            !format!("{:?}", p.conn).contains("Zq9"),
            "model keeps the secret: {text}"
        );
    }
    // Layout is kept.
    assert_eq!(
        redact("Server=h;User ID=sa;Password='a;b';Encrypt=true"),
        "Server=h;User ID=sa;Password='<redacted>';Encrypt=true"
    );
    assert_eq!(
        redact("sqlserver://sa:pw@h:1433?encrypt=true"),
        "sqlserver://sa:<redacted>@h:1433?encrypt=true"
    );
    assert_eq!(redact("Server=h;Encrypt=true"), "Server=h;Encrypt=true");
}

// ------------------------------------------------------------------ robustness

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn all_drivers() -> [Option<&'static str>; 10] {
    [
        None,
        Some("sqlclient@1"),
        Some("system.data.sqlclient"),
        Some("odbc@17"),
        Some("oledb@18"),
        Some("jdbc@10.1"),
        Some("go-mssqldb"),
        Some("tedious@6"),
        Some("freetds@1.4"),
        Some("nonsense"),
    ]
}

#[test]
fn random_input_never_panics() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let alphabet: Vec<char> = "=;'\"{}[]\\,:/@?&%+ \t\nabcSERVRpwdPassword.*01éх\u{0}"
        .chars()
        .collect();
    let certs = [cert("good.pem"), cert("no-san.pem")];
    for round in 0..400 {
        let len = rng.below(200);
        let text: String = if round % 2 == 0 {
            (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect()
        } else {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let prefix = [
            "",
            "jdbc:sqlserver://",
            "sqlserver://",
            "[s]\n",
            "Driver={",
            "Provider=MSOLEDBSQL;",
        ][rng.below(6)];
        let text = format!("{prefix}{text}");
        for d in all_drivers() {
            for f in [None, Some(true)] {
                let r = analyze_connection(
                    &ConnectionRequest {
                        text: &text,
                        driver: d,
                        server_force_encryption: f,
                    },
                    &certs,
                );
                serde_json::to_string(&r).unwrap();
            }
        }
        let _ = redact(&text);
    }
}

#[test]
fn large_and_nested_inputs_are_linear() {
    // 50 KB strings, 10k nested quotes and braces: each must finish quickly
    // because every scanner is a single forward pass.
    let mut big = String::from("Server=h;");
    while big.len() < 50_000 {
        big.push_str("Application Name='a;b''c';");
    }
    let quotes = format!("Server=h;Password={}", "'".repeat(10_000));
    let braces = format!(
        "Driver={};Server=h",
        "{".repeat(10_000) + &"}".repeat(10_000)
    );
    let jdbc = format!("jdbc:sqlserver://h;password={}", "{}}".repeat(10_000));
    let url = format!(
        "sqlserver://{}@h?{}",
        "%".repeat(10_000),
        "a=b&".repeat(10_000)
    );
    let tds = "[s]\n".repeat(5_000) + &"host = h\n".repeat(5_000);
    let equals = "=".repeat(50_000);
    let semis = ";".repeat(50_000);
    let long_key = format!("{}=x", "k".repeat(50_000));
    for text in [big, quotes, braces, jdbc, url, tds, equals, semis, long_key] {
        for d in all_drivers() {
            let r = analyze_connection(
                &ConnectionRequest {
                    text: &text,
                    driver: d,
                    server_force_encryption: Some(true),
                },
                &[],
            );
            assert!(!r.redacted.is_empty() || text.is_empty());
        }
    }
}

#[test]
fn finding_certificate_not_validated() {
    const ID: &str = "conn.certificate-not-validated";
    // OLE DB 18: Encrypt=no against a forcing server encrypts without checking.
    let r = run(
        "Provider=MSOLEDBSQL;Server=sql01;Encrypt=no",
        Some("oledb@18"),
        Some(true),
    );
    assert!(has(&r, ID), "{:?}", ids(&r));
    assert!(msg(&r, ID).contains("not validated"));
    // ODBC 17 likewise; ODBC 18 validates instead.
    let odbc = "Driver={ODBC Driver 17 for SQL Server};Server=sql01;Encrypt=no";
    assert!(has(&run(odbc, None, Some(true)), ID));
    let odbc18 = "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=no";
    assert!(!has(&run(odbc18, None, Some(true)), ID));
    // FreeTDS without `ca file` accepts any certificate; with it, it validates.
    let freetds = "[sql01]\n\thost = sql01.corp.example.com\n\tencryption = require\n";
    assert!(has(&run(freetds, None, Some(false)), ID));
    let with_ca = "[sql01]\n\thost = sql01.corp.example.com\n\tencryption = require\n\tca file = /etc/ssl/certs/ca-certificates.crt\n";
    assert!(!has(&run(with_ca, None, Some(false)), ID));
    // TrustServerCertificate has its own finding, not this one.
    let tsc = run(
        "Server=sql01;Encrypt=True;TrustServerCertificate=True",
        Some("sqlclient"),
        None,
    );
    assert!(has(&tsc, "conn.trust-server-certificate") && !has(&tsc, ID));
    // Not encrypted at all: encrypt-disabled, not this one.
    assert!(!has(
        &run(
            "Provider=MSOLEDBSQL;Server=sql01;Encrypt=no",
            Some("oledb@18"),
            Some(false)
        ),
        ID
    ));
}
