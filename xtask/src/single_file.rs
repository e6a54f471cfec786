//! `dist/sqltls.html`: the whole page in one file that opens from `file://`.
//!
//! Two wasm modules are stored gzip-compressed (deflate level 9) and base64-encoded
//! once each, inside the one inline module script: the page's (after its
//! wasm-bindgen glue) and the analysis worker's (the full `sqltls-wasm` module).
//! The loader (`single_loader.js`) inflates the page's with
//! `DecompressionStream('gzip')`; the worker is a classic `blob:` worker made from
//! the worker's source, carried as a string, and inflates its own. The glue stays
//! plain text: running compressed script would need `eval` or a `blob:` script,
//! which the page's policy forbids (it allows `blob:` for the worker only).

use crate::budgets::gzip9;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The loader, with placeholders for the payloads and the worker's source.
const LOADER: &str = include_str!("single_loader.js");
const APP_PAYLOAD: &str = "{{APP_GZ_BASE64}}";
const ANALYSIS_PAYLOAD: &str = "{{ANALYSIS_GZ_BASE64}}";
const WORKER_SOURCE: &str = "{{WORKER_SOURCE}}";

/// The parts of the single file's script.
pub struct Parts<'a> {
    /// The page's script before the loader: the worker bridge and the wasm-bindgen glue.
    pub app_js: &'a str,
    /// The page's wasm.
    pub app_wasm: &'a [u8],
    /// The worker's source (the analysis module's glue and the worker's code).
    pub worker_js: &'a str,
    /// The analysis module's wasm.
    pub analysis_wasm: &'a [u8],
}

/// The inline module script: `app_js`, then the loader carrying both wasm modules
/// gzip-compressed and base64-encoded and the worker's source as a string literal.
pub fn inline_script(parts: &Parts<'_>) -> String {
    let b64 = |wasm: &[u8]| base64::engine::general_purpose::STANDARD.encode(gzip9(wasm));
    let loader = LOADER
        .replacen(APP_PAYLOAD, &b64(parts.app_wasm), 1)
        .replacen(ANALYSIS_PAYLOAD, &b64(parts.analysis_wasm), 1)
        .replacen(WORKER_SOURCE, &string_literal(parts.worker_js), 1);
    format!("\n{}\n{loader}\n", parts.app_js)
}

/// `text` as a JS string literal that is safe inside an HTML `<script>` element.
fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '<' => out.push_str("\\x3C"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `script-src` source that allows exactly `script` (a CSP hash source).
pub fn script_hash_source(script: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
    format!("'sha256-{hash}'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read as _;

    /// The longest run of base64 characters in `text`.
    fn base64_runs(text: &str, min: usize) -> Vec<&str> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
            .filter(|s| s.len() >= min)
            .collect()
    }

    /// A wasm-like input: the module header, then text that compresses well.
    fn sample_wasm() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for i in 0..20_000u32 {
            wasm.extend_from_slice(&(i % 251).to_le_bytes());
        }
        wasm
    }

    fn inflate(b64: &str) -> Vec<u8> {
        let gz = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let mut back = Vec::new();
        GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        back
    }

    #[test]
    fn each_payload_is_gzip_of_its_wasm_stored_once() {
        let app = sample_wasm();
        let analysis: Vec<u8> = sample_wasm().iter().map(|b| b ^ 0x5a).collect();
        let script = inline_script(&Parts {
            app_js: "let __wbg_init;",
            app_wasm: &app,
            worker_js: "export function analyzeRequest() {}\nconst s = \"</script>\";",
            analysis_wasm: &analysis,
        });
        let runs = base64_runs(&script, 200);
        assert_eq!(runs.len(), 2, "one large base64 string for each module");
        assert_eq!(inflate(runs[0]), app);
        assert_eq!(inflate(runs[1]), analysis);
        for run in &runs {
            assert!(
                run.len() < app.len() / 3,
                "compressed: {} of {}",
                run.len(),
                app.len()
            );
        }
        for placeholder in [APP_PAYLOAD, ANALYSIS_PAYLOAD, WORKER_SOURCE] {
            assert!(!script.contains(placeholder));
        }
        assert!(script.starts_with("\nlet __wbg_init;\n"));
        assert!(
            !script.contains("</script>"),
            "the worker's source cannot end the element"
        );
        assert!(script
            .contains(r#""export function analyzeRequest() {}\nconst s = \"\x3C/script>\";""#));
    }

    #[test]
    fn the_loader_inflates_in_memory_and_never_fetches() {
        for placeholder in [APP_PAYLOAD, ANALYSIS_PAYLOAD, WORKER_SOURCE] {
            assert_eq!(LOADER.matches(placeholder).count(), 1);
        }
        assert!(LOADER.contains("new DecompressionStream(\"gzip\")"));
        assert!(LOADER.contains("__wbg_init({ module_or_path:"));
        assert!(LOADER.contains("const worker = new Worker(source);"));
        for banned in ["fetch(", "data:", "eval(", "new Function"] {
            assert!(!LOADER.contains(banned), "the loader uses {banned}");
        }
    }

    #[test]
    fn the_hash_source_is_sha256_of_the_script() {
        // The SHA-256 of the empty string, base64: the value the CSP spec's examples use
        // for an empty script.
        assert_eq!(
            script_hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
