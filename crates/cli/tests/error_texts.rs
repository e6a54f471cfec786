//! `sqltls check --error … --json` on real error texts: a TLS error of
//! another system is reported as not SQL Server's, with no SQL Server advice;
//! a translated driver message and a not-yet-valid certificate get their
//! SQL Server findings.

use std::process::Command;

fn check_error_json(text: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sqltls"))
        .args([
            "check",
            "--error",
            text,
            "--json",
            "--at",
            "2026-06-01T00:00:00Z",
        ])
        .output()
        .expect("sqltls runs");
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

fn finding_ids(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_python_https_error_is_not_a_sql_server_error() {
    // https://github.com/AsyncFuncAI/deepwiki-open/issues/228
    let v = check_error_json("requests.exceptions.SSLError: HTTPSConnectionPool(host='openaipublic.blob.core.windows.net', port=443): Max retries exceeded with url: /encodings/cl100k_base.tiktoken (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1028)')))");
    assert_eq!(finding_ids(&v), ["error.not-sql-server"]);
    assert_eq!(v["findings"][0]["severity"], "info");
    assert_eq!(v["diagnosis"][0]["id"], "diag.not-sql-server");
    assert_eq!(v["diagnosis"].as_array().map(Vec::len), Some(1));
    let artifacts = v["remedies"]["artifacts"].as_array().map_or(0, Vec::len);
    assert_eq!(artifacts, 0, "{v}");
    assert!(!v
        .to_string()
        .to_ascii_lowercase()
        .contains("trustservercertificate"));
}

#[test]
fn a_translated_message_and_a_not_yet_valid_certificate_are_sql_servers() {
    // https://github.com/trimble-oss/dba-dash/issues/1664
    let v = check_error_json("已成功与服务器建立连接，但是在登录过程中发生错误。 (provider: SSL 提供程序, error: 0 - 证书链是由不受信任的颁发机构颁发的。)");
    assert_eq!(finding_ids(&v), ["error.untrusted-root"]);
    assert_eq!(v["diagnosis"][0]["id"], "diag.untrusted-root");
    // tedious socketError with Node's CERT_NOT_YET_VALID reason (tests/fixtures/errors/texts.txt).
    let v = check_error_json("ConnectionError: Failed to connect to sql01.contoso.com:1433 - certificate is not yet valid");
    assert_eq!(finding_ids(&v), ["error.certificate-not-yet-valid"]);
    assert_eq!(v["diagnosis"][0]["id"], "diag.certificate-expired");
    let first = v["diagnosis"][0]["actions"][0]["text"]
        .as_str()
        .unwrap_or_default();
    assert!(first.contains("date, time and time zone"), "{first}");
}
