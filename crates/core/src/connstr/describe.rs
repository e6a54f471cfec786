//! Outcomes in words, once: the short form the CLI and the matrix use
//! ("full, validated as 'sql01'") and the sentence the page and the reports use.

use super::driver::{DriverId, Generation};
use super::outcome::{Encryption, Outcome};
use crate::verdict::Answer;

/// A driver's short name for sentences: "ODBC", "JDBC", "Microsoft.Data.SqlClient".
pub fn driver_short(id: DriverId) -> &'static str {
    match id {
        DriverId::SqlClient => "Microsoft.Data.SqlClient",
        DriverId::SystemDataSqlClient => "System.Data.SqlClient",
        DriverId::Odbc => "ODBC",
        DriverId::OleDb => "OLE DB",
        DriverId::Jdbc => "JDBC",
        DriverId::GoMssqldb => "go-mssqldb",
        DriverId::Tedious => "tedious",
        DriverId::FreeTds => "FreeTDS",
    }
}

/// "ODBC 18", "Microsoft.Data.SqlClient 5.0+", "go-mssqldb" (no generation,
/// or the generation labelled "all", is left out).
pub fn client_name(driver: DriverId, generation: Option<Generation>) -> String {
    let name = driver_short(driver);
    match generation.map(Generation::label) {
        None | Some("all") => name.to_string(),
        Some(label) => format!("{name} {label}"),
    }
}

/// The client an outcome is about, e.g. "ODBC 18".
pub fn outcome_client(o: &Outcome) -> String {
    client_name(o.driver, Some(o.version))
}

/// The short form: "none", "login-only", "login-only (certificate
/// validated)", "fails", "full (certificate validated)", "full (certificate
/// not validated)", "strict (pinned certificate)".
/// The validated name is not part of it: see [`Outcome::validated_name`].
pub fn describe(o: &Outcome) -> String {
    let check = match o.encryption {
        Encryption::Full | Encryption::Strict if o.pinned => " (pinned certificate)",
        Encryption::Full | Encryption::Strict if o.certificate_validated => {
            " (certificate validated)"
        }
        Encryption::Full | Encryption::Strict => " (certificate not validated)",
        Encryption::LoginOnly if o.certificate_validated => " (certificate validated)",
        Encryption::None | Encryption::LoginOnly | Encryption::Fails => "",
    };
    format!("{}{check}", o.encryption.as_str())
}

/// What the outcome means, e.g. "With a server that does not force
/// encryption, ODBC 18 clients encrypt the whole connection and validate the
/// certificate against the name 'sql01'."
pub fn sentence(o: &Outcome) -> String {
    let who = outcome_client(o);
    let server = if o.server_force_encryption {
        "a server that forces encryption"
    } else {
        "a server that does not force encryption"
    };
    let what = match o.encryption {
        Encryption::None => "send everything unencrypted, the login included".to_string(),
        Encryption::LoginOnly if o.pinned => {
            "encrypt only the login, accepting only the pinned certificate for it; queries and results are not encrypted".to_string()
        }
        Encryption::LoginOnly if o.certificate_validated => {
            let against = match &o.validated_name {
                Some(n) => format!(" against the name '{n}'"),
                None => String::new(),
            };
            format!("encrypt only the login and validate the certificate{against} for it (a certificate they cannot validate makes the connection fail); queries and results are not encrypted")
        }
        Encryption::LoginOnly => {
            "encrypt only the login; queries and results are not encrypted".to_string()
        }
        Encryption::Fails => "cannot connect with these settings".to_string(),
        Encryption::Full | Encryption::Strict => {
            let kind = if o.encryption == Encryption::Strict {
                "encrypt the whole connection (strict, TDS 8.0)"
            } else {
                "encrypt the whole connection"
            };
            if o.pinned {
                format!("{kind} and accept only the pinned certificate")
            } else if o.certificate_validated {
                match &o.validated_name {
                    Some(n) => {
                        format!("{kind} and validate the certificate against the name '{n}'")
                    }
                    None => format!("{kind} and validate the certificate"),
                }
            } else {
                format!("{kind} but do not validate the certificate: any certificate is accepted")
            }
        }
    };
    let mut s = format!("With {server}, {who} clients {what}.");
    if let Some(note) = o.note.as_deref().filter(|n| !n.trim().is_empty()) {
        s.push(' ');
        s.push_str(note.trim());
    }
    s
}

/// How good an outcome is on its own: yes (encrypted, certificate validated or
/// pinned), depends (encrypted, any certificate accepted), no (unencrypted,
/// login only, or failing). The outcome matrix colours its cells with it.
pub fn outcome_answer(o: &Outcome) -> Answer {
    match o.encryption {
        Encryption::Full | Encryption::Strict if o.pinned || o.certificate_validated => Answer::Yes,
        Encryption::Full | Encryption::Strict => Answer::Depends,
        Encryption::None | Encryption::LoginOnly | Encryption::Fails => Answer::No,
    }
}
