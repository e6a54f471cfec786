//! The page's analysis runs off the main thread: the request goes to the analysis
//! worker (`web/worker/`, started by the page's script before the wasm) as JSON,
//! with the files' bytes beside it, and the report comes back as its JSON, read
//! back into a [`Report`]. The worker runs `sqltls-wasm`'s `analyzeRequest`: the
//! light module for text, the full one once a file needs it.

use sqltls_core::{AnalysisRequest, Report};

#[cfg(target_arch = "wasm32")]
mod bridge {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// Defined by the page's script (`web/worker/bridge.js`): posts the
        /// request to the worker; resolves to the report's JSON text.
        #[wasm_bindgen(js_name = sqltlsAnalyze, catch)]
        pub fn post(request: &str, files: js_sys::Array) -> Result<js_sys::Promise, JsValue>;
    }
}

/// Analyse `request` in the worker: the report and its JSON text (what the
/// page's download offers). `Err` carries a sentence for the page.
#[cfg(target_arch = "wasm32")]
pub async fn analyze(request: &AnalysisRequest) -> Result<(Report, String), String> {
    use wasm_bindgen::JsValue;
    let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let files = js_sys::Array::new();
    for f in &request.files {
        let file = js_sys::Object::new();
        let bytes = js_sys::Uint8Array::from(f.bytes.as_slice());
        let _ = js_sys::Reflect::set(&file, &"name".into(), &f.name.as_str().into());
        let _ = js_sys::Reflect::set(&file, &"bytes".into(), &bytes);
        files.push(&file);
    }
    let describe = |e: JsValue| {
        e.as_string()
            .or_else(|| js_sys::Error::from(e).message().as_string())
            .unwrap_or_else(|| "unknown error".into())
    };
    let promise = bridge::post(&json, files).map_err(describe)?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(describe)?;
    let text = answer
        .as_string()
        .ok_or_else(|| "the worker's answer is not text".to_string())?;
    Ok((read_back(&text)?, text))
}

/// Outside a browser there is no worker (the page is only built for wasm32).
#[cfg(not(target_arch = "wasm32"))]
pub async fn analyze(_request: &AnalysisRequest) -> Result<(Report, String), String> {
    Err("the analysis worker runs in a browser only".into())
}

/// The report from the worker's JSON text.
pub fn read_back(json: &str) -> Result<Report, String> {
    serde_json::from_str(json).map_err(|e| format!("the report could not be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqltls_core::InputFile;

    /// What the worker does with the page's request: its JSON (files beside it)
    /// read back, analysed, the report written as JSON and read back by the page.
    #[test]
    fn a_request_crosses_to_the_worker_and_the_report_back() {
        let request = AnalysisRequest {
            files: vec![InputFile {
                name: "good-aes.pfx".into(),
                bytes: include_bytes!("../../../tests/fixtures/certs/good-aes.pfx").to_vec(),
            }],
            password: Some("Pa55w0rd!".into()),
            now_unix: 1_780_272_000,
            connections: vec!["Server=sql01;Encrypt=True".into()],
            errors: vec![
                "The certificate chain was issued by an authority that is not trusted.".into(),
            ],
            client: Some(sqltls_core::clients::ClientId::Ssms20),
            symptoms: vec![sqltls_core::clients::Symptom::NotListed],
            ..AnalysisRequest::default()
        };
        let json = serde_json::to_string(&request).unwrap();
        assert!(
            !json.contains("good-aes.pfx"),
            "files travel beside the JSON"
        );
        let mut received: AnalysisRequest = serde_json::from_str(&json).unwrap();
        received.files = request.files.clone();
        assert_eq!(received, request);
        let report = sqltls_core::analyze(&received);
        let back = read_back(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&report).unwrap()
        );
        assert!(read_back("{\"schema_version\": 1}").is_err());
    }
}
