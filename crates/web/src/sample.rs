//! The bundled example set behind "Load sample": every section of the page shows.

use crate::state::Sample;
use sqltls_core::InputFile;

/// The sample's .pfx password (a test fixture's, not a secret).
pub const PASSWORD: &str = "Pa55w0rd!";

/// The sample connection string. Its password is a made-up one that the page
/// must never show (the core redacts it).
pub const CONNECTION: &str = "Server=tcp:sql01.corp.example.com,1433;Encrypt=True;TrustServerCertificate=True;User ID=app;Password=Sample-Pa55";

/// The password inside [`CONNECTION`] (tests check it never shows).
#[cfg(test)]
pub const CONNECTION_PASSWORD: &str = "Sample-Pa55";

/// The sample error text, as a SqlClient / ODBC client on Windows prints it.
pub const ERROR: &str = "A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)";

/// A `certutil -user -store My` listing (what an administrator pastes from
/// the server): a certificate in the user's store, which Configuration
/// Manager does not look at. From a public post (see tests/fixtures/store).
pub const STORE_LISTING: &str =
    include_str!("../../../tests/fixtures/store/certutil-user-enhanced-csp.txt");

/// A server .pfx with its root, an expired certificate, a CNG-key .pfx,
/// the server's ERRORLOG and a certificate-store listing.
pub fn files() -> Vec<InputFile> {
    [
        (
            "good-aes.pfx",
            &include_bytes!("../../../tests/fixtures/certs/good-aes.pfx")[..],
        ),
        (
            "root-ca.pem",
            &include_bytes!("../../../tests/fixtures/certs/root-ca.pem")[..],
        ),
        (
            "expired.pem",
            &include_bytes!("../../../tests/fixtures/certs/expired.pem")[..],
        ),
        (
            "cng.pfx",
            &include_bytes!("../../../tests/fixtures/certs/cng.pfx")[..],
        ),
        (
            "ERRORLOG",
            &include_bytes!("../../../tests/fixtures/evidence/errorlog-2019-loaded.utf8.log")[..],
        ),
        ("certutil-user-store-my.txt", STORE_LISTING.as_bytes()),
    ]
    .into_iter()
    .map(|(name, bytes)| InputFile {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    })
    .collect()
}

/// Everything "Load sample" puts in the page.
pub fn sample() -> Box<Sample> {
    Box::new(Sample {
        files: files(),
        password: PASSWORD.into(),
        connections: CONNECTION.into(),
        errors: ERROR.into(),
    })
}
