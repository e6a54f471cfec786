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
        EncryptMode::Optional => {
            assert_eq!(o.encryption, Encryption::LoginOnly, "{ctx}");
            assert_eq!(
                o.certificate_validated,
                caps.login_only_validates
                    && !tsc_on_plain
                    && row.forced != ForcedOptional::WithCaFile,
                "{ctx}: login-only validation, default"
            );
        }
        EncryptMode::Off => assert_eq!(o.encryption, Encryption::None, "{ctx}"),
        EncryptMode::Strict => unreachable!("no driver defaults to strict"),
    }

    // Explicit Optional, server not forcing: login-only, validated where the
    // row's login-only handshake validates (TSC is off in every explicit
    // form: go-mssqldb turns it off once encrypt is given).
    if caps
        .encrypt
        .optional
        .iter()
        .any(|v| row.optional.ends_with(v))
    {
        let o = run(row.optional, &spec, false);
        assert_eq!(o.encryption, Encryption::LoginOnly, "{ctx}: optional");
        // FreeTDS validates only with a ca file, which these strings lack.
        let validated = caps.login_only_validates
            && row.tsc_default != TscDefault::On
            && row.forced != ForcedOptional::WithCaFile;
        assert_eq!(o.certificate_validated, validated, "{ctx}: optional");
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
fn go_mssqldb_before_1_6() {
    // B6: denisenkom/go-mssqldb tds.go@8fccfc8 (Debian's 0.0~git20170717
    // snapshot) L1028-1042 and microsoft/go-mssqldb msdsn/conn_str.go@v1.5.0
    // L131-147: encrypt is "disable" or strconv.ParseBool, no strict; absent
    // ⇒ TSC true; given ⇒ TSC false and the login-only TLS validates
    // (tds.go@8fccfc8 L1252-1267: InsecureSkipVerify only with TSC).
    check(Row {
        gen: Generation::GoTo1_5,
        plain: "sqlserver://sql01.corp.example.com",
        strict: "sqlserver://sql01.corp.example.com?encrypt=strict",
        optional: "sqlserver://sql01.corp.example.com?encrypt=false",
        default: Optional,
        tsc_default: TscDefault::OnWhenEncryptAbsent,
        forced: Validates,
        strict_since: None,
        on: "true",
    });
    let caps = Generation::GoTo1_5.capabilities();
    assert_eq!(caps.encrypt.mode("disable"), Some(Off));
    assert_eq!(caps.encrypt.mode("yes"), None, "ParseBool rejects yes");
    assert!(caps.login_only_validates);
}

#[test]
fn go_mssqldb() {
    // B6: encrypt absent = Optional with TrustServerCertificate true; strict
    // and mandatory/optional/yes/no from v1.6.0 (microsoft/go-mssqldb 3cc2463
    // "Accept additional values for encrypt"); the login-only TLS validates
    // once encrypt is given (msdsn/conn_str.go parseTLS, tds.go).
    check(Row {
        gen: Generation::Go,
        plain: "sqlserver://sql01.corp.example.com",
        strict: "sqlserver://sql01.corp.example.com?encrypt=strict",
        optional: "sqlserver://sql01.corp.example.com?encrypt=false",
        default: Optional,
        tsc_default: TscDefault::OnWhenEncryptAbsent,
        forced: Validates,
        strict_since: Some("1.6"),
        on: "true",
    });
    assert_eq!(
        Generation::Go.capabilities().encrypt.mode("disable"),
        Some(Off)
    );
}

#[test]
fn tedious_to_5() {
    // B7: encrypt false by default (no TLS; a forcing server makes it fail);
    // TSC true (tedious src/connection.js@v5.0.3 L178, L194, L423).
    check(Row {
        gen: Generation::TediousTo5,
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
fn tedious_6_to_8() {
    // B7: encrypt true from 6.0.0 (src/connection.js@v6.0.0 L425, commit
    // 70ffe4ab "feat: enable connection encryption by default"); TSC still
    // true (src/connection.ts@v8.3.1 L541).
    check(Row {
        gen: Generation::Tedious6To8,
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
fn tedious_9_to_11_0_8() {
    // B7: TSC false from 9.0.0 up to 11.0.8 (src/connection.ts@v9.0.0 L541,
    // @v11.0.8 L1250).
    check(Row {
        gen: Generation::Tedious9To11_0_8,
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
fn tedious_11_0_9_to_14() {
    // B7: TSC true again from 11.0.9 (src/connection.ts@v11.0.9 L1272,
    // commit 19948ee9) to 14.x (@v14.7.0 L1292).
    check(Row {
        gen: Generation::Tedious11_0_9To14,
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
    // B7: TSC false from 15.0.0 (src/connection.ts@v15.0.0 L1266); encrypt:
    // 'strict' from 16.3.0 (commit c02e30f0, src/connection.ts@v16.3.0 L1510;
    // the conformance harness sees 15.0.0 throw a TypeError for it).
    check(Row {
        gen: Generation::Tedious15Plus,
        plain: ADO,
        strict: "Server=sql01.corp.example.com;Encrypt=strict",
        optional: ADO_FALSE,
        default: Mandatory,
        tsc_default: TscDefault::Off,
        forced: Fails,
        strict_since: Some("16.3"),
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
