//! `dist/sqltls.html`: the whole page in one file that opens from `file://`.
//!
//! The app's wasm is stored gzip-compressed (deflate level 9) and base64-encoded once,
//! inside the one inline module script after the wasm-bindgen glue; the loader
//! (`single_loader.js`) inflates it with `DecompressionStream('gzip')` and instantiates
//! it from the bytes. The glue stays plain text: running compressed script would need
//! `eval` or a `blob:` script, which the page's policy forbids.

use crate::budgets::gzip9;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The loader, with `{{WASM_GZ_BASE64}}` where the payload goes.
const LOADER: &str = include_str!("single_loader.js");
const PAYLOAD: &str = "{{WASM_GZ_BASE64}}";

/// The inline module script: the wasm-bindgen glue `app_js`, then the loader carrying
/// `wasm` gzip-compressed and base64-encoded.
pub fn inline_script(app_js: &str, wasm: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(gzip9(wasm));
    format!("\n{app_js}\n{}\n", LOADER.replacen(PAYLOAD, &b64, 1))
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

    #[test]
    fn the_payload_is_gzip_of_the_wasm_stored_once() {
        let wasm = sample_wasm();
        let script = inline_script("let __wbg_init;", &wasm);
        let runs = base64_runs(&script, 200);
        assert_eq!(runs.len(), 1, "one large base64 string");
        let gz = base64::engine::general_purpose::STANDARD
            .decode(runs[0])
            .unwrap();
        assert!(
            gz.len() < wasm.len() / 4,
            "compressed: {} of {}",
            gz.len(),
            wasm.len()
        );
        let mut back = Vec::new();
        GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, wasm);
        assert!(!script.contains(PAYLOAD));
        assert!(script.starts_with("\nlet __wbg_init;\n"));
    }

    #[test]
    fn the_loader_inflates_in_memory_and_never_fetches() {
        assert_eq!(LOADER.matches(PAYLOAD).count(), 1);
        assert!(LOADER.contains("new DecompressionStream(\"gzip\")"));
        assert!(LOADER.contains("__wbg_init({ module_or_path:"));
        for banned in [
            "fetch(",
            "createObjectURL",
            "data:",
            "eval(",
            "new Function",
        ] {
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
