//! The bundled example set behind "Load sample".

use sqltls_core::InputFile;

/// The sample's .pfx password (a test fixture's, not a secret).
pub const PASSWORD: &str = "Pa55w0rd!";

/// A server .pfx with its root, an expired certificate and a CNG-key .pfx.
pub fn files() -> Vec<InputFile> {
    [
        ("good-aes.pfx", &include_bytes!("../../../tests/fixtures/certs/good-aes.pfx")[..]),
        ("root-ca.pem", &include_bytes!("../../../tests/fixtures/certs/root-ca.pem")[..]),
        ("expired.pem", &include_bytes!("../../../tests/fixtures/certs/expired.pem")[..]),
        ("cng.pfx", &include_bytes!("../../../tests/fixtures/certs/cng.pfx")[..]),
    ]
    .into_iter()
    .map(|(name, bytes)| InputFile {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    })
    .collect()
}
