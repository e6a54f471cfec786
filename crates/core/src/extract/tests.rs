//! Realistic files of every format, with the exact positions expected.

use super::*;

/// (line, column, end_line, end_column, text, context)
type Row<'a> = (usize, usize, usize, usize, &'a str, &'a str);

fn rows(found: &[Located]) -> Vec<Row<'_>> {
    found
        .iter()
        .map(|l| {
            (
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                l.text.as_str(),
                l.context.as_str(),
            )
        })
        .collect()
}

#[test]
fn file_kinds() {
    assert_eq!(file_kind("appsettings.Development.json"), FileKind::Json);
    assert_eq!(file_kind("src/Web/web.config"), FileKind::XmlConfig);
    assert_eq!(file_kind("App.Config"), FileKind::XmlConfig);
    assert_eq!(file_kind(".env"), FileKind::DotEnv);
    assert_eq!(file_kind("deploy/.env.production"), FileKind::DotEnv);
    assert_eq!(file_kind("prod.env"), FileKind::DotEnv);
    assert_eq!(file_kind("application.properties"), FileKind::Properties);
    assert_eq!(file_kind("application.yml"), FileKind::Yaml);
    assert_eq!(file_kind("k8s/secret.yaml"), FileKind::Yaml);
    assert_eq!(file_kind("/etc/odbc.ini"), FileKind::Ini);
    assert_eq!(file_kind("C:\\conf\\freetds.conf"), FileKind::FreetdsConf);
    assert_eq!(file_kind("Program.cs"), FileKind::Source);
    assert_eq!(file_kind("Dockerfile"), FileKind::Source);
}

#[test]
fn looks_like() {
    for yes in [
        "Server=tcp:sql01.corp.example.com,1433;Encrypt=True",
        "Data Source=.\\SQLEXPRESS;Integrated Security=SSPI;",
        "Driver={ODBC Driver 18 for SQL Server};Server=h;Encrypt=no",
        "DRIVER={ODBC Driver 17 for SQL Server}",
        "jdbc:sqlserver://db.example.com:1433;encrypt=false",
        "sqlserver://app:pw@db.example.com?encrypt=disable",
        "Network Address=10.0.0.5,1433;Initial Catalog=x",
        "Initial Catalog=Shop;Server=h",
        "server = h; database = d",
    ] {
        assert!(looks_like_connection_string(yes), "{yes}");
    }
    for no in [
        "Set Server= to your host name",
        "Server=h",
        "see the Server=h;x docs", // does not start with a keyword
        "Host=pg;Database=x;Username=u",
        "",
        "jdbc:postgresql://h/db",
        "sqlserver:// and more",
        "if a == b; Server == c",
        "Driver={PostgreSQL Unicode};Database=x",
    ] {
        assert!(!looks_like_connection_string(no), "{no}");
    }
}

const APPSETTINGS: &str = r#"{
  // Comments are allowed in appsettings.json
  "Logging": { "LogLevel": { "Default": "Information" } },
  "ConnectionStrings": {
    "Default": "Server=tcp:sql01.corp.example.com,1433;Database=Shop;User ID=app;Password=Fake-P4ss;TrustServerCertificate=True",
    "Reporting": "Data Source=reports;Initial Catalog=R;Integrated Security=SSPI;Encrypt=False",
    "Redis": "localhost:6379"
  },
  "Jobs": [ { "Db": "Server=jobs\\SQL2019;Encrypt=Strict;Trusted_Connection=yes;" } ],
  "Note": "Set Server= to your host",
  "Escaped": "Server=esc;Application Name=\u0041pp \"quoted\";Encrypt=yes",
}
"#;

#[test]
fn appsettings_json() {
    let found = find_connection_strings("appsettings.json", APPSETTINGS);
    assert_eq!(
        rows(&found),
        vec![
            (5, 17, 5, 128, "Server=tcp:sql01.corp.example.com,1433;Database=Shop;User ID=app;Password=Fake-P4ss;TrustServerCertificate=True", "ConnectionStrings:Default"),
            (6, 19, 6, 95, "Data Source=reports;Initial Catalog=R;Integrated Security=SSPI;Encrypt=False", "ConnectionStrings:Reporting"),
            (9, 22, 9, 81, "Server=jobs\\SQL2019;Encrypt=Strict;Trusted_Connection=yes;", "Jobs:0:Db"),
            (11, 15, 11, 74, "Server=esc;Application Name=App \"quoted\";Encrypt=yes", "Escaped"),
        ]
    );
}

const WEB_CONFIG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <!-- <add name="Old" connectionString="Server=old;Encrypt=False;" /> -->
  <connectionStrings>
    <add name="ShopDb"
         connectionString="Data Source=sql01.corp.example.com;Initial Catalog=Shop;User ID=app;Password=Fake&amp;Pw;Encrypt=False"
         providerName="System.Data.SqlClient" />
    <add name="Entities" connectionString="metadata=res://*/Model.csdl;provider=System.Data.SqlClient;provider connection string=&quot;data source=ef01;initial catalog=E;integrated security=True;TrustServerCertificate=True&quot;" providerName="System.Data.EntityClient" />
  </connectionStrings>
  <appSettings>
    <add key="Audit" value="Server=audit01;Database=A;Encrypt=Optional" />
    <add key="Title" value="Server=" />
  </appSettings>
</configuration>
"#;

#[test]
fn web_config() {
    let found = find_connection_strings("web.config", WEB_CONFIG);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        (
            found[0].line,
            found[0].column,
            found[0].end_line,
            found[0].end_column
        ),
        (6, 28, 6, 130)
    );
    assert_eq!(
        found[0].text,
        "Data Source=sql01.corp.example.com;Initial Catalog=Shop;User ID=app;Password=Fake&Pw;Encrypt=False"
    );
    assert_eq!(found[0].context, "connectionStrings:ShopDb");
    assert_eq!(
        found[1].text,
        "data source=ef01;initial catalog=E;integrated security=True;TrustServerCertificate=True"
    );
    assert_eq!(found[1].context, "connectionStrings:Entities");
    assert_eq!((found[1].line, found[1].column), (8, 44));
    assert_eq!(found[2].text, "Server=audit01;Database=A;Encrypt=Optional");
    assert_eq!(found[2].context, "appSettings:Audit");
    assert_eq!((found[2].line, found[2].column), (11, 29));
}

#[test]
fn xml_text_nodes_and_cdata() {
    let xml = "<hibernate-configuration>\n  <property name=\"connection.connection_string\">Server=h1;Database=d;Encrypt=no</property>\n  <conn><![CDATA[Server=h2;Password=x<y;Encrypt=no]]></conn>\n</hibernate-configuration>\n";
    let found = find_connection_strings("hibernate.cfg.xml", xml);
    assert_eq!(
        rows(&found),
        vec![
            (2, 49, 2, 80, "Server=h1;Database=d;Encrypt=no", "property"),
            (3, 18, 3, 51, "Server=h2;Password=x<y;Encrypt=no", "conn"),
        ]
    );
}

const DOTENV: &str = "# local settings\nASPNETCORE_ENVIRONMENT=Development\nexport DB_CONN=\"Server=db;User Id=sa;Password=Fake\\\"Pw;Encrypt=false\"\nConnectionStrings__Default='Server=tcp:h,1433;Encrypt=True;TrustServerCertificate=True'\nJDBC_URL=jdbc:sqlserver://h:1433;encrypt=false # old\nPLAIN=Server=x\n";

#[test]
fn dotenv() {
    let found = find_connection_strings(".env", DOTENV);
    assert_eq!(
        rows(&found),
        vec![
            (
                3,
                17,
                3,
                69,
                "Server=db;User Id=sa;Password=Fake\"Pw;Encrypt=false",
                "DB_CONN"
            ),
            (
                4,
                29,
                4,
                87,
                "Server=tcp:h,1433;Encrypt=True;TrustServerCertificate=True",
                "ConnectionStrings__Default"
            ),
            (
                5,
                10,
                5,
                47,
                "jdbc:sqlserver://h:1433;encrypt=false",
                "JDBC_URL"
            ),
        ]
    );
}

const PROPERTIES: &str = "# Spring Boot\nspring.application.name=orders\nspring.datasource.url=jdbc:sqlserver://sql01.corp.example.com:1433;databaseName=orders;encrypt=true;trustServerCertificate=true\nspring.datasource.username=app\nspring.datasource.password=Fake-Pw-1\nlegacy.url : jdbc\\:sqlserver\\://legacy:1433;\\\n    encrypt=false\n! comment jdbc:sqlserver://commented\n";

#[test]
fn properties() {
    let found = find_connection_strings("application.properties", PROPERTIES);
    assert_eq!(
        rows(&found),
        vec![
            (3, 23, 3, 128, "jdbc:sqlserver://sql01.corp.example.com:1433;databaseName=orders;encrypt=true;trustServerCertificate=true", "spring.datasource.url"),
            (6, 14, 7, 18, "jdbc:sqlserver://legacy:1433;encrypt=false", "legacy.url"),
        ]
    );
}

const YAML: &str = "spring:\n  datasource:\n    url: jdbc:sqlserver://sql02.corp.example.com;encrypt=false # dev only\n    username: app\n  jpa:\n    show-sql: true\nConnectionStrings:\n  Orders: \"Server=orders;Encrypt=True;TrustServerCertificate=True\"\n  Quoted: 'Server=q;Password=''Fake'';Encrypt=no'\nservices:\n  api:\n    environment:\n      - ConnectionStrings__Api=Server=api-db;Encrypt=false;\n      - OTHER=1\n    script: |\n      echo start\n";

#[test]
fn yaml() {
    let found = find_connection_strings("application.yml", YAML);
    assert_eq!(
        rows(&found),
        vec![
            (
                3,
                10,
                3,
                63,
                "jdbc:sqlserver://sql02.corp.example.com;encrypt=false",
                "spring.datasource.url"
            ),
            (
                8,
                12,
                8,
                66,
                "Server=orders;Encrypt=True;TrustServerCertificate=True",
                "ConnectionStrings.Orders"
            ),
            (
                9,
                12,
                9,
                49,
                "Server=q;Password='Fake';Encrypt=no",
                "ConnectionStrings.Quoted"
            ),
            (
                13,
                32,
                13,
                60,
                "Server=api-db;Encrypt=false;",
                "ConnectionStrings__Api"
            ),
        ]
    );
}

#[test]
fn yaml_block_scalar() {
    let y = "data:\n  conn: >-\n    Server=blk;\n    Encrypt=no;\nother: 1\n";
    let found = find_connection_strings("cm.yaml", y);
    assert_eq!(
        rows(&found),
        vec![(3, 5, 4, 16, "Server=blk; Encrypt=no;", "data.conn")]
    );
}

const ODBC_INI: &str = "[ODBC Data Sources]\nShopDSN = ODBC Driver 18 for SQL Server\n\n[ShopDSN]\nDriver = ODBC Driver 18 for SQL Server\nDescription = Shop database\nServer = tcp:sql01.corp.example.com,1433\nDatabase = Shop\nEncrypt = no\nTrustServerCertificate = yes\n\n[Legacy]\nDriver=/opt/microsoft/msodbcsql17/lib64/libmsodbcsql-17.10.so.5.1\nServer=legacy01\n\n[Postgres]\nDriver=PostgreSQL Unicode\nServername=pg\n";

#[test]
fn odbc_ini() {
    let found = find_connection_strings("odbc.ini", ODBC_INI);
    assert_eq!(
        rows(&found),
        vec![
            (4, 1, 4, 10, "Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql01.corp.example.com,1433;Database=Shop;Encrypt=no;TrustServerCertificate=yes;", "[ShopDSN]"),
            (12, 1, 12, 9, "Driver={ODBC Driver 17 for SQL Server};Server=legacy01;", "[Legacy]"),
        ]
    );
}

const FREETDS: &str = "[global]\n\ttds version = 7.4\n\tencryption = request\n\n[sql01]\n\thost = sql01.corp.example.com\n\tport = 1433\n\tencryption = require\n\n[egServer73]\n\thost = ntmachine.domain.com\n";

#[test]
fn freetds_conf() {
    let found = find_connection_strings("freetds.conf", FREETDS);
    assert_eq!(
        rows(&found),
        vec![
            (5, 1, 5, 8, "[sql01]\n\ttds version = 7.4\n\thost = sql01.corp.example.com\n\tport = 1433\n\tencryption = require\n", "[sql01]"),
            (10, 1, 10, 13, "[egServer73]\n\ttds version = 7.4\n\tencryption = request\n\thost = ntmachine.domain.com\n", "[egServer73]"),
        ]
    );
}

const CSHARP: &str = r#"using Microsoft.Data.SqlClient;

// Don't ship this: it's a "Server=comment;Encrypt=False" example.
class Db
{
    const string Conn = "Server=tcp:sql03.corp.example.com;Database=Orders;User Id=app;Password=Fake-C#-Pw;Encrypt=False";
    static readonly string Verbatim = @"Data Source=.\SQLEXPRESS;Initial Catalog=Dev;Integrated Security=true;TrustServerCertificate=""true""";
    string Log = "Connecting to Server= the primary";
    char c = '"'; string After = "Server=after;Encrypt=Optional";
}
"#;

#[test]
fn csharp_literals() {
    let found = find_connection_strings("Db.cs", CSHARP);
    assert_eq!(
        rows(&found),
        vec![
            (3, 29, 3, 57, "Server=comment;Encrypt=False", ""),
            (6, 26, 6, 121, "Server=tcp:sql03.corp.example.com;Database=Orders;User Id=app;Password=Fake-C#-Pw;Encrypt=False", ""),
            (7, 41, 7, 142, "Data Source=.\\SQLEXPRESS;Initial Catalog=Dev;Integrated Security=true;TrustServerCertificate=\"true\"", ""),
            (9, 35, 9, 64, "Server=after;Encrypt=Optional", ""),
        ]
    );
}

const PYTHON: &str = "import pyodbc\n\nCONN = (\n    'DRIVER={ODBC Driver 18 for SQL Server};'\n)\nconn = pyodbc.connect(\"Driver={ODBC Driver 17 for SQL Server};Server=py01;UID=sa;PWD=Fake-Py-Pw;Encrypt=no\")\nraw = r\"Server=py02\\INST;Encrypt=yes;\"\ndoc = \"\"\"\nServer=doc01;Encrypt=False;\n\"\"\"\nname = 'it''s'\n";

#[test]
fn python_literals() {
    let found = find_connection_strings("app.py", PYTHON);
    assert_eq!(
        rows(&found),
        vec![
            (4, 6, 4, 45, "DRIVER={ODBC Driver 18 for SQL Server};", ""),
            (6, 24, 6, 107, "Driver={ODBC Driver 17 for SQL Server};Server=py01;UID=sa;PWD=Fake-Py-Pw;Encrypt=no", ""),
            (7, 9, 7, 38, "Server=py02\\INST;Encrypt=yes;", ""),
            (8, 10, 10, 1, "\nServer=doc01;Encrypt=False;\n", ""),
        ]
    );
}

#[test]
fn go_and_js_literals() {
    let go = "package main\n\nconst dsn = `sqlserver://app:Fake-Go@go01:1433?database=x&encrypt=disable`\nvar s = \"jdbc:sqlserver://not-go\" + x\n";
    let found = find_connection_strings("main.go", go);
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].line, found[0].column), (3, 14));
    assert_eq!(
        found[0].text,
        "sqlserver://app:Fake-Go@go01:1433?database=x&encrypt=disable"
    );
    let js = "const cfg = 'Server=js01;Database=d;Encrypt=false';\nconst t = `Server=${host};Encrypt=true`;\n";
    let found = find_connection_strings("db.js", js);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].text, "Server=${host};Encrypt=true");
}

#[test]
fn prose_is_not_a_connection_string() {
    let md = "Set Server= to your host and Encrypt= to true.\nThe 'Server' keyword; see \"Data Source\".\n";
    assert!(find_connection_strings("README.md", md).is_empty());
    assert!(find_connection_strings("notes.txt", "it's 'Server=' don't").is_empty());
}

#[test]
fn unicode_columns_are_in_chars() {
    let src = "let é = \"Server=ü;Encrypt=no\";\n";
    let found = find_connection_strings("x.rs", src);
    assert_eq!((found[0].column, found[0].end_column), (10, 29));
}

#[test]
fn never_panics_on_truncated_input() {
    let samples = [
        APPSETTINGS,
        WEB_CONFIG,
        DOTENV,
        PROPERTIES,
        YAML,
        ODBC_INI,
        FREETDS,
        CSHARP,
        PYTHON,
    ];
    let names = [
        "appsettings.json",
        "web.config",
        ".env",
        "a.properties",
        "a.yml",
        "odbc.ini",
        "freetds.conf",
        "a.cs",
        "a.py",
    ];
    for (text, own) in samples.iter().zip(names) {
        for name in [own, "a.cs"] {
            for cut in (0..text.len()).step_by(3) {
                if text.is_char_boundary(cut) {
                    let _ = find_connection_strings(name, &text[..cut]);
                }
            }
        }
    }
    for junk in [
        "\"", "'", "`", "@\"", "\"\"\"", "<", "<a b='", "[", "a=\"", "{\"", "\\", "-",
    ] {
        for name in names {
            let _ = find_connection_strings(name, junk);
        }
    }
}

#[test]
fn linear_on_pathological_input() {
    let big = "'a\"".repeat(200_000) + &"\"".repeat(100_000) + &"{[".repeat(100_000);
    for name in [
        "x.cs",
        "a.json",
        "a.yml",
        "a.config",
        ".env",
        "a.properties",
        "a.ini",
    ] {
        let _ = find_connection_strings(name, &big);
    }
}
