//! One test per driver generation: the capability row's key values as stated
//! in facts B1–B8 / D, checked against the outcome for sample strings.

use sqltls_core::connstr::capabilities::{ForcedOptional, TscDefault};
use sqltls_core::connstr::{
    analyze_connection, ConnectionRequest, EncryptMode, Encryption, Generation, Outcome, Version,
};

/// What a row must say, and three strings of the driver's dialect.
struct Row {
    gen: Generation,
    /// No Encrypt setting.
    plain: &'static str,
    /// Encrypt=strict in the driver's spelling.
    strict: &'static str,
    /// Encrypt set to the row's Optional (or Off, for tedious) value.
    optional: &'static str,
    default: EncryptMode,
    tsc_default: TscDefault,
    forced: ForcedOptional,
    strict_since: Option<&'static str>,
    on: &'static str,
}

fn run(text: &str, spec: &str, force: bool) -> Outcome {
    analyze_connection(
        &ConnectionRequest {
            text,
            driver: Some(spec),
            server_force_encryption: Some(force),
        },
        &[],
    )
    .outcome
}

fn check(row: Row) {
    let gen = row.gen;
    let caps = gen.capabilities();
    let ctx = format!("{gen:?}");
    // The row states what the facts say.
    assert_eq!(caps.generation, gen, "{ctx}");
    assert_eq!(caps.default_encrypt, row.default, "{ctx}");
    assert_eq!(caps.tsc_default, row.tsc_default, "{ctx}");
    assert_eq!(caps.forced_optional, row.forced, "{ctx}");
    assert_eq!(
        caps.strict_since,
        row.strict_since.map(|v| Version::parse(v).unwrap()),
        "{ctx}"
    );
    assert_eq!(caps.encrypt.on, row.on, "{ctx}");
    assert_eq!(
        caps.encrypt.mode(row.on),
        Some(EncryptMode::Mandatory),
        "{ctx}"
    );

    // A version inside the generation that has every feature of the row.
    let v = caps.strict_since.unwrap_or_else(|| gen.first_version());
    let spec = format!("{}@{v}", gen.driver());
    assert_eq!(
        gen.driver().generation_for(v),
        gen,
        "{ctx}: {spec} is in the generation"
    );

    // No Encrypt, server not forcing: the default mode.
    let o = run(row.plain, &spec, false);
    assert_eq!(o.driver, gen.driver(), "{ctx}");
    assert_eq!(o.version, gen, "{ctx}");
    let tsc_on_plain = match row.tsc_default {
        TscDefault::Off => false,
        TscDefault::On | TscDefault::OnWhenEncryptAbsent => true,
    };
    match row.default {
        EncryptMode::Mandatory => {
            assert_eq!(o.encryption, Encryption::Full, "{ctx}");
            assert_eq!(o.certificate_validated, !tsc_on_plain, "{ctx}: TSC default");
        }
        EncryptMode::Optional => assert_eq!(o.encryption, Encryption::LoginOnly, "{ctx}"),
        EncryptMode::Off => assert_eq!(o.encryption, Encryption::None, "{ctx}"),
        EncryptMode::Strict => unreachable!("no driver defaults to strict"),
    }

    // No Encrypt, server forcing.
    let o = run(row.plain, &spec, true);
    match row.default {
        EncryptMode::Mandatory => {
            assert_eq!(
                o.certificate_validated, !tsc_on_plain,
                "{ctx}: forced, default"
            )
        }
        EncryptMode::Optional => {
            assert_eq!(o.encryption, Encryption::Full, "{ctx}: forced, default");
            let validated = row.forced == ForcedOptional::Validates && !tsc_on_plain;
            assert_eq!(o.certificate_validated, validated, "{ctx}: forced, default");
        }
        _ => assert_eq!(o.encryption, Encryption::Fails, "{ctx}: forced, default"),
    }

    // Explicit Optional (tedious: false), server forcing.
    let o = run(row.optional, &spec, true);
    match row.forced {
        ForcedOptional::Validates => {
            assert_eq!(o.encryption, Encryption::Full, "{ctx}: forced optional");
            assert!(o.certificate_validated, "{ctx}: forced optional");
        }
        ForcedOptional::DoesNotValidate | ForcedOptional::WithCaFile => {
            assert_eq!(o.encryption, Encryption::Full, "{ctx}: forced optional");
            assert!(!o.certificate_validated, "{ctx}: forced optional");
        }
        ForcedOptional::Fails => {
            assert_eq!(o.encryption, Encryption::Fails, "{ctx}: forced optional")
        }
    }

    // Encrypt=strict: strict where the row has it; otherwise rejected
    // (FreeTDS logs an error and uses require).
    let o = run(row.strict, &spec, false);
    if row.strict_since.is_some() {
        assert_eq!(o.encryption, Encryption::Strict, "{ctx}: strict");
        assert!(o.certificate_validated, "{ctx}: strict validates");
    } else if gen == Generation::FreeTdsTo1_4 {
        assert_eq!(o.encryption, Encryption::Full, "{ctx}: strict tolerated");
    } else {
        assert_eq!(o.encryption, Encryption::Fails, "{ctx}: strict rejected");
    }
}

const ADO: &str = "Server=sql01.corp.example.com";
const ADO_STRICT: &str = "Server=sql01.corp.example.com;Encrypt=Strict";
const ADO_FALSE: &str = "Server=sql01.corp.example.com;Encrypt=false";
const ODBC: &str = "Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com";
const ODBC_STRICT: &str =
    "Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=strict";
const ODBC_NO: &str =
    "Driver={ODBC Driver 18 for SQL Server};Server=sql01.corp.example.com;Encrypt=no";
const OLEDB: &str = "Provider=MSOLEDBSQL19;Server=sql01.corp.example.com";
const OLEDB_STRICT: &str = "Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=Strict";
const OLEDB_NO: &str = "Provider=MSOLEDBSQL19;Server=sql01.corp.example.com;Encrypt=no";
const JDBC: &str = "jdbc:sqlserver://sql01.corp.example.com";
const JDBC_STRICT: &str = "jdbc:sqlserver://sql01.corp.example.com;encrypt=strict";
const JDBC_FALSE: &str = "jdbc:sqlserver://sql01.corp.example.com;encrypt=false";
const FREETDS: &str = "[s]\n\thost = sql01.corp.example.com\n";
const FREETDS_STRICT: &str = "[s]\n\thost = sql01.corp.example.com\n\tencryption = strict\n";
const FREETDS_REQUEST: &str = "[s]\n\thost = sql01.corp.example.com\n\tencryption = request\n";

use EncryptMode::{Mandatory, Off, Optional};
use ForcedOptional::{DoesNotValidate, Fails, Validates, WithCaFile};

#[test]
fn mds_1() {
    // B1: Encrypt false by default; 1.x encrypts a forced connection unchecked.
    check(Row {
        gen: Generation::Mds1,
        plain: ADO,
        strict: ADO_STRICT,
        optional: ADO_FALSE,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: DoesNotValidate,
        strict_since: None,
        on: "True",
    });
}

#[test]
fn mds_2_to_3() {
    // B1: 2.0 validates whenever the server forces encryption.
    check(Row {
        gen: Generation::Mds2To3,
        plain: ADO,
        strict: ADO_STRICT,
        optional: ADO_FALSE,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: None,
        on: "True",
    });
}

#[test]
fn mds_4() {
    // B1: Encrypt=Mandatory by default from 4.0; no strict before 5.0.
    check(Row {
        gen: Generation::Mds4,
        plain: ADO,
        strict: ADO_STRICT,
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: None,
        on: "True",
    });
}

#[test]
fn mds_5_plus() {
    // B1, mds release-notes/5.0/5.0.0.md: Strict from 5.0.0.
    check(Row {
        gen: Generation::Mds5Plus,
        plain: ADO,
        strict: ADO_STRICT,
        optional: "Server=sql01.corp.example.com;Encrypt=Optional",
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: Some("5.0.0"),
        on: "True",
    });
}

#[test]
fn system_data_sqlclient() {
    // B2: booleans only, default false, forced connections unchecked, no strict.
    check(Row {
        gen: Generation::Sds,
        plain: ADO,
        strict: ADO_STRICT,
        optional: ADO_FALSE,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: DoesNotValidate,
        strict_since: None,
        on: "True",
    });
}

#[test]
fn odbc_17() {
    // B3: yes|no, default no, never checks a forced connection's certificate.
    check(Row {
        gen: Generation::Odbc17,
        plain: ODBC,
        strict: ODBC_STRICT,
        optional: ODBC_NO,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: DoesNotValidate,
        strict_since: None,
        on: "yes",
    });
}

#[test]
fn odbc_18() {
    // B3, D: default yes; strict from 18.1.2.1.
    check(Row {
        gen: Generation::Odbc18,
        plain: ODBC,
        strict: ODBC_STRICT,
        optional: ODBC_NO,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: Some("18.1.2"),
        on: "yes",
    });
    // Below 18.1.2 strict is rejected.
    assert_eq!(
        run(ODBC_STRICT, "odbc@18.1", false).encryption,
        Encryption::Fails
    );
}

#[test]
fn oledb_18() {
    // B4: provider yes|no (IDataInitialize true|false), default no; TSC ignored when forced.
    check(Row {
        gen: Generation::OleDb18,
        plain: OLEDB,
        strict: OLEDB_STRICT,
        optional: OLEDB_NO,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: DoesNotValidate,
        strict_since: None,
        on: "yes",
    });
    let idi = Generation::OleDb18
        .capabilities()
        .encrypt_idatainit
        .unwrap();
    assert_eq!(idi.on, "true");
    assert_eq!(idi.mode("yes"), None);
}

#[test]
fn oledb_19() {
    // B4, sql-docs oledb/major-version-differences.md: Strict added in 19.0.0.
    check(Row {
        gen: Generation::OleDb19,
        plain: OLEDB,
        strict: OLEDB_STRICT,
        optional: OLEDB_NO,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: Some("19.0.0"),
        on: "yes",
    });
}

#[test]
fn jdbc_to_10_1() {
    // B5: true|false, default false, forced connections unchecked.
    check(Row {
        gen: Generation::JdbcTo10_1,
        plain: JDBC,
        strict: JDBC_STRICT,
        optional: JDBC_FALSE,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: DoesNotValidate,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn jdbc_10_2_to_11_0() {
    // B5: default true from 10.2 (#1697); validates whenever encryption is negotiated (#1731).
    check(Row {
        gen: Generation::Jdbc10_2To11_0,
        plain: JDBC,
        strict: JDBC_STRICT,
        optional: JDBC_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn jdbc_11_2_plus() {
    // B5, D: strict from 11.2; "yes" is still rejected.
    check(Row {
        gen: Generation::Jdbc11_2Plus,
        plain: JDBC,
        strict: JDBC_STRICT,
        optional: JDBC_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Validates,
        strict_since: Some("11.2"),
        on: "true",
    });
    assert_eq!(
        Generation::Jdbc11_2Plus.capabilities().encrypt.mode("yes"),
        None
    );
}

#[test]
fn go_mssqldb() {
    // B6: encrypt absent = Optional with TrustServerCertificate true; strict in every 1.x.
    check(Row {
        gen: Generation::Go,
        plain: "sqlserver://sql01.corp.example.com",
        strict: "sqlserver://sql01.corp.example.com?encrypt=strict",
        optional: "sqlserver://sql01.corp.example.com?encrypt=false",
        default: Optional,
        tsc_default: TscDefault::OnWhenEncryptAbsent,
        forced: Validates,
        strict_since: Some("1.0"),
        on: "true",
    });
    assert_eq!(
        Generation::Go.capabilities().encrypt.mode("disable"),
        Some(Off)
    );
}

#[test]
fn tedious_to_6() {
    // B7: encrypt false by default (no TLS; a forcing server makes it fail); TSC true.
    check(Row {
        gen: Generation::TediousTo6,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Off,
        tsc_default: TscDefault::On,
        forced: Fails,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn tedious_7_to_8() {
    // B7: encrypt true from 7.0.0; TSC still true.
    check(Row {
        gen: Generation::Tedious7To8,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::On,
        forced: Fails,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn tedious_9_to_11() {
    // B7: TSC false in 9–11.
    check(Row {
        gen: Generation::Tedious9To11,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Fails,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn tedious_12_to_14() {
    // B7: TSC true again in 12–14.
    check(Row {
        gen: Generation::Tedious12To14,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::On,
        forced: Fails,
        strict_since: None,
        on: "true",
    });
}

#[test]
fn tedious_15_plus() {
    // B7: TSC false from 15.0.0; encrypt: 'strict'.
    check(Row {
        gen: Generation::Tedious15Plus,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Fails,
        strict_since: Some("15.0"),
        on: "true",
    });
}

#[test]
fn freetds_to_1_4() {
    // B8: encryption = request by default; validated only with a ca file; no strict.
    check(Row {
        gen: Generation::FreeTdsTo1_4,
        plain: FREETDS,
        strict: FREETDS_STRICT,
        optional: FREETDS_REQUEST,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: WithCaFile,
        strict_since: None,
        on: "yes",
    });
    assert_eq!(
        Generation::FreeTdsTo1_4
            .capabilities()
            .encrypt_conf
            .unwrap()
            .on,
        "require"
    );
}

#[test]
fn freetds_1_5_plus() {
    // B8: strict new in 1.5 (NEWS.md).
    check(Row {
        gen: Generation::FreeTds1_5Plus,
        plain: FREETDS,
        strict: FREETDS_STRICT,
        optional: FREETDS_REQUEST,
        default: Optional,
        tsc_default: TscDefault::Off,
        forced: WithCaFile,
        strict_since: Some("1.5"),
        on: "yes",
    });
}
