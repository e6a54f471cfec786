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
