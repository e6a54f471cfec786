//! `input::pkcs12::decode` with the fixtures' password: BER normalisation,
//! MAC check, PBES2 / legacy PBE decryption, bag walking, key parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sqltls_core::input::pkcs12::decode(data, Some("Pa55w0rd!"));
});
