//! Who the advice speaks to: the program the person chose (or a pasted error
//! named), else the driver of the first connection string, else nobody in
//! particular. Its name, where it keeps trusted CAs, and the words of its own
//! settings.

use crate::analyze::results::Analysis;
use crate::clients::{Client, TrustStore};
use crate::connstr::capabilities::TlsStack;
use crate::connstr::describe::outcome_client;

/// The client the advice is phrased for.
#[derive(Debug, Clone)]
pub(crate) struct Voice {
    /// "SSMS 20", "clients using ODBC 18", or "the client".
    pub name: String,
    /// The program's row, when one is known.
    pub client: Option<&'static Client>,
    /// Where it keeps trusted CAs, when known.
    pub trust_store: Option<TrustStore>,
}

impl Voice {
    /// The voice for `report`.
    pub fn of(report: &Analysis) -> Voice {
        if let Some(id) = report.client {
            let client = id.client();
            return Voice {
                name: client.label.to_string(),
                client: Some(client),
                trust_store: Some(client.trust_store),
            };
        }
        if let Some(conn) = report.connections.first() {
            let stack = conn.outcome.version.capabilities().tls_stack;
            return Voice {
                name: outcome_client(&conn.outcome),
                client: None,
                trust_store: Some(match stack {
                    TlsStack::Schannel | TlsStack::DotNet => TrustStore::Windows,
                    TlsStack::OpenSsl | TlsStack::GnuTls | TlsStack::GoX509 => TrustStore::System,
                    TlsStack::Java => TrustStore::Java,
                    TlsStack::NodeTls => TrustStore::Node,
                }),
            };
        }
        Voice {
            name: "the client".to_string(),
            client: None,
            trust_store: None,
        }
    }

    /// How to make the client trust `root`.
    pub fn how_to_trust(&self, root: &str) -> String {
        match self.trust_store {
            Some(store) => store.how_to_trust(root),
            None => format!(
                "Import the CA certificate \"{root}\" into the trust store of every client computer: on Windows, Trusted Root Certification Authorities of the computer (certlm.msc, or Group Policy for many computers); for Java clients the JVM's cacerts; for Node NODE_EXTRA_CA_CERTS; on Linux update-ca-certificates."
            ),
        }
    }

    /// After a fix: how to connect so the certificate is validated, in the
    /// program's words.
    pub fn reconnect(&self) -> Option<String> {
        self.client.map(|c| {
            let clear = if c.trust_setting.starts_with("no such option") {
                String::new()
            } else {
                format!(", with {} not set", c.trust_setting)
            };
            format!(
                "Connect again from {} with {}{clear}.",
                c.label, c.encrypt_setting
            )
        })
    }

    /// The workaround that turns validation off, and what it gives up; `None`
    /// when the program has no such switch.
    pub fn trust_workaround(&self) -> Option<String> {
        const GIVES_UP: &str = "It gives up server authentication: the client no longer checks who it is talking to, so anyone on the network path can pose as the server and read the login and the data. Use it only until the fix is in place.";
        match self.client {
            Some(c) if c.trust_setting.starts_with("no such option") => None,
            Some(c) => {
                let verb = if c.trust_setting.starts_with("Connect") {
                    "tick"
                } else {
                    "set"
                };
                Some(format!(
                    "Workaround: in {}, {verb} {}. {GIVES_UP}",
                    c.label, c.trust_setting
                ))
            }
            None => Some(format!(
                "Workaround: TrustServerCertificate=True (SSMS: \"Trust server certificate\"). {GIVES_UP}"
            )),
        }
    }

    /// Where the program is told another name to validate, if it can be.
    pub fn host_name_setting(&self) -> Option<&'static str> {
        self.client.and_then(|c| c.host_name_setting)
    }
}
