//! `input::pkcs7::decode` on arbitrary bytes (DER SignedData / certs-only).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sqltls_core::input::pkcs7::decode("fuzz.p7b", data);
});
