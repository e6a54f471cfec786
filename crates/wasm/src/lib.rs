//! JavaScript bindings for sqltls-core: the custom element (`dist/embed/sqltls.js`)
//! and JS embedders use these. No analysis logic lives here: inputs are mapped onto
//! [`AnalysisRequest`], the [`Report`](sqltls_core::Report) crosses back as JSON text
//! (serde_json, as the CLI writes it) read by `JSON.parse`, so JS sees exactly the
//! CLI's `--json`.
//!
//! Two builds share this API: the full module (default feature `full`) and the
//! light one (`--no-default-features`), which leaves out PKCS#12, PKCS#7, private
//! keys and signature checks (those inputs get `input.needs-full-module`) and is
//! what the element loads for connection strings and error texts. The sqltls
//! page's analysis worker (`web/worker/`) runs the same two modules through
//! [`analyze_request`].
//!
//! ```js
//! import init, { analyze } from "./sqltls_wasm.js";
//! await init();
//! const report = analyze({ files: [{ name: "a.pfx", bytes }], password: "…", now: Date.now() });
//! // The same, with the sqltls page's words: the lead answer and labelled verdicts.
//! const { report: r, lead, verdicts, locked } = present({ files: [{ name: "a.pfx", bytes }] });
//! ```

/// The page's words (verdict sentences, the lead answer): the same file the
/// page compiles, so the element and the page say the same thing.
#[path = "../../web/src/words.rs"]
pub mod words;

use serde::{Deserialize, Serialize};
use sqltls_core::clients::ClientId;
use sqltls_core::{AnalysisRequest, InputFile, SqlServerVersion};
use wasm_bindgen::prelude::*;

/// Install the panic hook so a Rust panic shows in the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The options of an analysis, as JS passes them (files are read separately).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Options {
    password: Option<String>,
    server_version: Option<String>,
    warn_days: Option<u32>,
    /// Evaluation instant in milliseconds since the epoch (`Date.now()`).
    now: Option<f64>,
    /// Connection strings, any dialect.
    connections: Vec<String>,
    /// Driver id, `ID[@VERSION]`.
    driver: Option<String>,
    /// The server's ForceEncryption setting.
    force_encryption: Option<bool>,
    /// Pasted error messages.
    errors: Vec<String>,
    /// Extra names for the certificate request (FCI, AG listeners).
    names: Vec<String>,
    /// Keep secrets in the corrected connection strings (they stay in the page).
    keep_secrets: bool,
    /// The program the person connects with, as `--client` takes it (`ssms-20`).
    client: Option<String>,
}

/// Analyse `{ files: [{ name, bytes }], password?, serverVersion?, warnDays?, now?,
/// connections?: string[], driver?, forceEncryption?: boolean, errors?: string[], names?: string[],
/// keepSecrets?: boolean, client? }` (`client`: the program, `ssms-20`, as `--client` takes it).
///
/// `bytes` may be a `Uint8Array`, an `ArrayBuffer` or a string (pasted PEM text);
/// `serverVersion` is `"2016"` … `"2025"` or `"unknown"`; `now` is `Date.now()`
/// (the current time when absent). Returns the report as a plain JS object.
#[wasm_bindgen]
pub fn analyze(input: JsValue) -> Result<JsValue, JsError> {
    let options: Options = serde_wasm_bindgen::from_value(input.clone()).map_err(into_error)?;
    let files = read_files(&input)?;
    let request = build_request(files, options)?;
    let report = sqltls_core::analyze(&request);
    to_js(&report)
}

/// What [`analyze_request`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answered {
    /// The report's JSON text, exactly as the CLI's `--json` writes it.
    json: String,
    /// This module left a file unopened (`input.needs-full-module`): the full
    /// module answers it.
    needs_full: bool,
}

/// The sqltls page's analysis worker calls this: `request` is an
/// [`AnalysisRequest`]'s JSON (as the page serialises it; files left out) and
/// `files` is `[{ name, bytes }]` as [`analyze`] takes them. Returns `{ json,
/// needsFull }`: the report as JSON text, which the page reads back into a
/// [`Report`](sqltls_core::Report), and whether the full module must answer instead.
#[wasm_bindgen(js_name = analyzeRequest)]
pub fn analyze_request(request: &str, files: JsValue) -> Result<JsValue, JsError> {
    // Read through the browser's JSON parser and serde-wasm-bindgen, which the
    // module has for `analyze`'s options anyway: no JSON reader of its own.
    let value =
        js_sys::JSON::parse(request).map_err(|_| JsError::new("the request is not valid JSON"))?;
    let mut request: AnalysisRequest = serde_wasm_bindgen::from_value(value).map_err(into_error)?;
    request.files = read_file_list(&files)?;
    let report = sqltls_core::analyze(&request);
    let needs_full = report.needs_full_module();
    let json = serde_json::to_string(&report).map_err(into_error)?;
    to_js(&Answered { json, needs_full })
}

/// The report with the page's words, for the `<sqltls-check>` element.
#[derive(Serialize)]
struct Presented<'a> {
    /// The report, exactly as [`analyze`] returns it.
    report: &'a sqltls_core::Report,
    /// The lead answer, certificate verdicts labelled with file and
    /// thumbprint, locked inputs.
    #[serde(flatten)]
    words: words::Words,
}

/// Like [`analyze`], and with the words the page shows: `{ report, lead?,
/// verdicts: [{ certificate, file, name, thumbprint, label, answer, sentence }],
/// locked: [[input, wrongPassword]] }`.
#[wasm_bindgen]
pub fn present(input: JsValue) -> Result<JsValue, JsError> {
    let options: Options = serde_wasm_bindgen::from_value(input.clone()).map_err(into_error)?;
    let files = read_files(&input)?;
    let request = build_request(files, options)?;
    let report = sqltls_core::analyze(&request);
    let words = words::words(&report);
    to_js(&Presented {
        report: &report,
        words,
    })
}

/// The sqltls version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// One catalogue entry as JS sees it.
#[derive(Debug, Serialize)]
struct RuleEntry {
    id: &'static str,
    severity: &'static str,
    title: &'static str,
    /// The rule asks for a .pfx password.
    prompts_password: bool,
}

/// The finding catalogue: `[{ id, severity, title, prompts_password }]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&rule_entries())
}

fn rule_entries() -> Vec<RuleEntry> {
    sqltls_core::rules::catalogue::all()
        .map(|m| RuleEntry {
            id: m.id,
            severity: m.severity.as_str(),
            title: m.title,
            prompts_password: m.prompts_password,
        })
        .collect()
}

/// The value as a plain JS object: serialised to JSON text (exactly as the
/// CLI's `--json` does, with serde_json) and read with `JSON.parse`. Smaller
/// than serde-wasm-bindgen's serializer, which is generated anew for every type.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(into_error)?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the report is not valid JSON"))
}

fn into_error<E: std::fmt::Display>(err: E) -> JsError {
    JsError::new(&err.to_string())
}

/// `input.files`, read by [`read_file_list`].
fn read_files(input: &JsValue) -> Result<Vec<InputFile>, JsError> {
    let files = js_sys::Reflect::get(input, &JsValue::from_str("files"))
        .map_err(|_| JsError::new("input.files could not be read"))?;
    read_file_list(&files)
}

/// `[{ name, bytes }]`, read by hand: serde would want `Uint8Array` as a sequence
/// of numbers.
fn read_file_list(files: &JsValue) -> Result<Vec<InputFile>, JsError> {
    if files.is_undefined() || files.is_null() {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(files) {
        return Err(JsError::new("input.files must be an array"));
    }
    let mut out = Vec::new();
    for (index, file) in js_sys::Array::from(files).iter().enumerate() {
        let name = js_sys::Reflect::get(&file, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| format!("file-{}", index + 1));
        let bytes = js_sys::Reflect::get(&file, &JsValue::from_str("bytes"))
            .map_err(|_| JsError::new("input.files[].bytes could not be read"))?;
        let bytes = if let Some(text) = bytes.as_string() {
            text.into_bytes()
        } else if bytes.is_instance_of::<js_sys::Uint8Array>()
            || bytes.is_instance_of::<js_sys::ArrayBuffer>()
        {
            js_sys::Uint8Array::new(&bytes).to_vec()
        } else {
            return Err(JsError::new(&format!(
                "input.files[{index}].bytes must be a Uint8Array, an ArrayBuffer or a string"
            )));
        };
        out.push(InputFile { name, bytes });
    }
    Ok(out)
}

fn build_request(files: Vec<InputFile>, options: Options) -> Result<AnalysisRequest, JsError> {
    let now_ms = options.now.unwrap_or_else(js_sys::Date::now);
    let mut request = AnalysisRequest {
        files,
        password: options.password.filter(|p| !p.is_empty()),
        now_unix: now_unix(now_ms),
        server_version: parse_server_version(options.server_version.as_deref())
            .map_err(|e| JsError::new(&e))?,
        connections: options.connections,
        driver: options.driver.filter(|d| !d.is_empty()),
        server_force_encryption: options.force_encryption,
        errors: options.errors,
        names: options.names,
        keep_secrets: options.keep_secrets,
        client: match options.client.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => Some(ClientId::parse(c).map_err(|e| JsError::new(&e))?),
        },
        ..AnalysisRequest::default()
    };
    if let Some(days) = options.warn_days {
        request.warn_days = days;
    }
    Ok(request)
}

/// Milliseconds since the epoch to whole Unix seconds.
fn now_unix(ms: f64) -> i64 {
    (ms / 1000.0).floor() as i64
}

/// `"2019"` → 2019 (anything the CLI's `--server-version` takes); `""`, `"unknown"` or absent → none.
fn parse_server_version(text: Option<&str>) -> Result<Option<SqlServerVersion>, String> {
    match text.map(str::trim) {
        None | Some("") | Some("unknown") => Ok(None),
        Some(v) => v.parse().map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse() {
        assert_eq!(parse_server_version(None), Ok(None));
        assert_eq!(parse_server_version(Some("unknown")), Ok(None));
        assert_eq!(
            parse_server_version(Some("2019")),
            Ok(Some(SqlServerVersion::V2019))
        );
        assert_eq!(
            parse_server_version(Some("2025")),
            Ok(Some(SqlServerVersion::V2025))
        );
        assert!(parse_server_version(Some("1999")).is_err());
    }

    #[test]
    fn milliseconds_to_seconds() {
        assert_eq!(now_unix(1_700_000_000_999.0), 1_700_000_000);
    }

    #[test]
    fn catalogue_has_ids() {
        let rules = rule_entries();
        assert!(rules
            .iter()
            .any(|r| r.id == "cert.expired" && r.severity == "error"));
    }
}
