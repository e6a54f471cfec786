//! `input::decode` on arbitrary bytes: format sniffing, PEM (many blocks,
//! text around them), bare base64, DER, and the PKCS#7 / PKCS#12 routes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = sqltls_core::input::decode("fuzz.bin", data, None);
    // Touch what the analysis reads afterwards.
    for c in &decoded.certificates {
        let _ = c.is_ca();
    }
});
