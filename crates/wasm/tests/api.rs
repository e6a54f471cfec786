//! The JS shape of the bindings (run with `wasm-bindgen-test-runner` on wasm32;
//! the browser tests in tests/browser cover the same through the custom element).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

#[wasm_bindgen_test]
fn garbage_gives_a_plain_report() {
    let file = js_sys::Object::new();
    js_sys::Reflect::set(&file, &"name".into(), &"x.bin".into()).unwrap();
    let bytes = js_sys::Uint8Array::from(&[0xffu8, 1, 2, 3][..]);
    js_sys::Reflect::set(&file, &"bytes".into(), &bytes).unwrap();
    let input = js_sys::Object::new();
    js_sys::Reflect::set(&input, &"files".into(), &js_sys::Array::of1(&file)).unwrap();
    js_sys::Reflect::set(&input, &"now".into(), &JsValue::from_f64(1.7e12)).unwrap();
    let report = sqltls_wasm::analyze(input.into()).expect("report");
    assert_eq!(get(&report, "schema_version").as_f64(), Some(1.0));
    let findings = js_sys::Array::from(&get(&report, "findings"));
    assert_eq!(
        get(&findings.get(0), "id").as_string().as_deref(),
        Some("input.unrecognized")
    );
}

#[wasm_bindgen_test]
fn rules_lists_the_catalogue() {
    let rules = js_sys::Array::from(&sqltls_wasm::rules().expect("rules"));
    assert!(rules.length() > 10);
    assert!(!sqltls_wasm::version().is_empty());
}

#[wasm_bindgen_test]
fn present_adds_the_page_words() {
    let file = js_sys::Object::new();
    js_sys::Reflect::set(&file, &"name".into(), &"x.bin".into()).unwrap();
    let bytes = js_sys::Uint8Array::from(&[0xffu8, 1, 2, 3][..]);
    js_sys::Reflect::set(&file, &"bytes".into(), &bytes).unwrap();
    let input = js_sys::Object::new();
    js_sys::Reflect::set(&input, &"files".into(), &js_sys::Array::of1(&file)).unwrap();
    let out = sqltls_wasm::present(input.into()).expect("presented");
    assert_eq!(
        get(&get(&out, "report"), "schema_version").as_f64(),
        Some(1.0)
    );
    assert!(get(&get(&out, "lead"), "summary").as_string().is_some());
    assert!(js_sys::Array::is_array(&get(&out, "verdicts")));
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn file(name: &str, bytes: &[u8]) -> JsValue {
    object(&[
        ("name", name.into()),
        ("bytes", js_sys::Uint8Array::from(bytes).into()),
    ])
}

fn strings(items: &[&str]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

fn finding_ids(report: &JsValue) -> Vec<String> {
    js_sys::Array::from(&get(report, "findings"))
        .iter()
        .map(|f| get(&f, "id").as_string().unwrap())
        .collect()
}

/// 2026-06-01T00:00:00Z, in milliseconds.
const NOW_MS: f64 = 1_780_272_000_000.0;
const CONNECTION: &str =
    "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=yes;TrustServerCertificate=yes";
const ERROR: &str = "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:certificate has expired]";

/// What JS gets is exactly the core's report as the CLI's `--json` writes
/// it: the same values, plain objects all the way down.
#[wasm_bindgen_test]
fn the_report_is_the_clis_json() {
    let pem = include_bytes!("../../../tests/fixtures/certs/good-with-ca.pem");
    let input = object(&[
        (
            "files",
            js_sys::Array::of1(&file("good-with-ca.pem", pem)).into(),
        ),
        ("connections", strings(&[CONNECTION])),
        ("errors", strings(&[ERROR])),
        ("now", JsValue::from_f64(NOW_MS)),
    ]);
    let report = sqltls_wasm::analyze(input).expect("report");
    let from_js: serde_json::Value =
        serde_json::from_str(&String::from(js_sys::JSON::stringify(&report).unwrap())).unwrap();
    let core = sqltls_core::analyze(&sqltls_core::AnalysisRequest {
        files: vec![sqltls_core::InputFile {
            name: "good-with-ca.pem".into(),
            bytes: pem.to_vec(),
        }],
        connections: vec![CONNECTION.into()],
        errors: vec![ERROR.into()],
        now_unix: 1_780_272_000,
        ..Default::default()
    });
    assert_eq!(from_js, serde_json::to_value(&core).unwrap());
    let proto = js_sys::Object::get_prototype_of(&get(&report, "connections"));
    assert!(
        js_sys::Array::is_array(&get(&report, "connections")),
        "{proto:?}"
    );
    let first = js_sys::Array::from(&get(&report, "findings")).get(0);
    assert_eq!(
        js_sys::Object::get_prototype_of(&first),
        js_sys::Object::get_prototype_of(&js_sys::Object::new().into())
    );
}

/// Connection strings and error texts need nothing of the full module: both
/// builds give the same verdict.
#[wasm_bindgen_test]
fn connection_and_error_verdicts() {
    let input = object(&[
        ("connections", strings(&[CONNECTION])),
        ("errors", strings(&[ERROR])),
        ("now", JsValue::from_f64(NOW_MS)),
    ]);
    let out = sqltls_wasm::present(input).expect("presented");
    let report = get(&out, "report");
    let connection = js_sys::Array::from(&get(&report, "connections")).get(0);
    let verdict = get(&connection, "verdict");
    assert_eq!(
        get(&verdict, "answer").as_string().as_deref(),
        Some("depends")
    );
    let ids = finding_ids(&report);
    assert!(
        ids.iter().any(|id| id == "error.certificate-expired"),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|id| id == "input.needs-full-module"),
        "{ids:?}"
    );
}

/// A .pfx with its password: opened by the full module, named as needing it
/// by the light one.
#[wasm_bindgen_test]
fn a_pfx_with_its_password() {
    let pfx = include_bytes!("../../../tests/fixtures/certs/good-aes.pfx");
    let input = object(&[
        (
            "files",
            js_sys::Array::of1(&file("good-aes.pfx", pfx)).into(),
        ),
        ("password", "Pa55w0rd!".into()),
        ("now", JsValue::from_f64(NOW_MS)),
    ]);
    let report = sqltls_wasm::analyze(input).expect("report");
    let ids = finding_ids(&report);
    let certificates = js_sys::Array::from(&get(&report, "certificates")).length();
    if cfg!(feature = "full") {
        assert!(certificates >= 1);
        assert!(
            !ids.iter().any(|id| id == "input.needs-full-module"),
            "{ids:?}"
        );
    } else {
        assert_eq!(certificates, 0);
        assert_eq!(ids, ["input.needs-full-module"]);
    }
}

/// The page's worker: a request's JSON with files beside it; the report's JSON
/// back, and whether the full module must answer (the light build cannot open a
/// .pfx; the full one can).
#[wasm_bindgen_test]
fn analyze_request_answers_the_pages_worker() {
    let request = r#"{"password":"Pa55w0rd!","now_unix":1780272000,"connections":["Server=sql01;Encrypt=True"]}"#;
    let pfx = include_bytes!("../../../tests/fixtures/certs/good-aes.pfx");
    let file = object(&[
        ("name", "good-aes.pfx".into()),
        ("bytes", js_sys::Uint8Array::from(&pfx[..]).into()),
    ]);
    let answer =
        sqltls_wasm::analyze_request(request, js_sys::Array::of1(&file).into()).expect("answer");
    let json = get(&answer, "json").as_string().expect("JSON text");
    let report = js_sys::JSON::parse(&json).expect("valid JSON");
    assert_eq!(
        get(&report, "evaluated_at").as_string().as_deref(),
        Some("2026-06-01T00:00:00Z")
    );
    assert_eq!(
        js_sys::Array::from(&get(&report, "connections")).length(),
        1
    );
    let needs_full = get(&answer, "needsFull").as_bool().expect("needsFull");
    assert_eq!(needs_full, cfg!(not(feature = "full")));
    assert!(sqltls_wasm::analyze_request("{not json", JsValue::UNDEFINED).is_err());
}
