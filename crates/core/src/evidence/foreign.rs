//! TLS errors that are not SQL Server's: a Python requests call to an HTTPS
//! blob store, a gRPC channel, a MySQL or PostgreSQL client, a Node.js or .NET
//! HTTPS request. They use the same OpenSSL / x509 words as SQL Server drivers on
//! Linux, so they would otherwise be read as SQL Server problems and get
//! SQL Server advice. A text is foreign only when it names no SQL Server
//! driver or component and carries another system's wording; genuine SQL
//! Server errors that merely contain an OpenSSL or x509 line (ODBC on Linux,
//! go-mssqldb, tedious) name their driver and stay SQL Server's.
//!
//! SQL Server signals are matched as whole words on the folded text's `words`
//! form (letters and digits, single spaces), so "tds" is not found in
//! "stdsomething" nor "sql server" in "MySQL server".

use super::messages::{skeleton, Folded};
use crate::catalogue::Rule;

/// Words that name a SQL Server driver, tool or component.
const SQL_SERVER_SIGNALS: &[&str] = &[
    "sql server",
    "sqlserver",
    "mssql",
    "mssqldb",
    "odbc driver",
    "sqlclient",
    "sqlexception",
    "sqlserverexception",
    "sqlncli",
    "sqlncli11",
    "msoledbsql",
    "msoledbsql19",
    "sqloledb",
    "dbnetlib",
    "tedious",
    "tds",
    "tdssniclient",
    "1433",
    "pre login",
    "prelogin",
    "jdbc",
    "sqlcmd",
    "ssms",
    "freetds",
    "adaptive server",
    "ssl provider",
    "tcp provider",
    "sni",
    "hostnameincertificate",
    "trustservercertificate",
    "azure sql",
    "database windows net",
];

/// Another system's wording: every word of `all` and at least one of `any`
/// (when given) occur.
struct Signature {
    all: &'static [&'static str],
    any: &'static [&'static str],
    /// What the text looks like instead ("a Python requests HTTPS error").
    looks_like: &'static str,
    /// Where that program's TLS trust is fixed.
    where_to_fix: &'static str,
}

static SIGNATURES: &[Signature] = &[
    Signature {
        all: &[],
        any: &[
            "httpsconnectionpool",
            "requests exceptions sslerror",
            "urllib3",
            "max retries exceeded with url",
        ],
        looks_like: "a Python requests / urllib3 HTTPS error",
        where_to_fix: "add the missing CA to the bundle Python's requests uses (certifi's, or the file REQUESTS_CA_BUNDLE or SSL_CERT_FILE names), or fix the HTTPS server's certificate",
    },
    Signature {
        all: &["transport", "authentication handshake failed"],
        any: &[],
        looks_like: "a gRPC channel error",
        where_to_fix: "give the gRPC client the CA of the server it calls (its transport credentials), or fix that server's certificate",
    },
    Signature {
        all: &[],
        any: &["mysql", "mariadb", "ssl connection error", "2026 hy000"],
        looks_like: "a MySQL / MariaDB client TLS error",
        where_to_fix: "change the MySQL client's TLS settings (ssl-ca, ssl-mode) or the MySQL server's certificate",
    },
    Signature {
        all: &[],
        any: &[
            "psql",
            "libpq",
            "postgres",
            "postgresql",
            "psycopg2",
            "pg hba conf",
            "server does not support ssl",
            "sslmode",
            "sslrootcert",
        ],
        looks_like: "a PostgreSQL (libpq) error",
        where_to_fix: "change the PostgreSQL connection's TLS settings (sslmode, sslrootcert) or the PostgreSQL server's certificate",
    },
    Signature {
        all: &["onconnectsecure"],
        any: &["https", "443", "websocket", "npm", "axios", "fetch"],
        looks_like: "a Node.js HTTPS request error",
        where_to_fix: "give Node.js the missing CA (NODE_EXTRA_CA_CERTS) or fix the HTTPS server's certificate chain",
    },
    Signature {
        all: &[],
        any: &["httprequestexception", "system net http", "webexception"],
        looks_like: "a .NET HTTP request error",
        where_to_fix: "fix the HTTPS endpoint the program calls, or the network path to it (proxy, firewall, TLS inspection)",
    },
    Signature {
        all: &[],
        any: &["curl"],
        looks_like: "a curl HTTPS error",
        where_to_fix: "give curl the CA (--cacert, or the system trust store) or fix the HTTPS server's certificate",
    },
    Signature {
        all: &[],
        any: &["error response from daemon", "docker"],
        looks_like: "a Docker registry error",
        where_to_fix: "add the registry's CA to Docker's trust (/etc/docker/certs.d/<registry>/ca.crt) or fix the registry's certificate",
    },
    Signature {
        all: &["443"],
        any: &["port", "https"],
        looks_like: "an HTTPS (port 443) error",
        where_to_fix: "fix the trust of the program that made the HTTPS request, or the HTTPS server's certificate",
    },
];

/// A text recognised as another system's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Foreign {
    /// What it looks like.
    pub looks_like: &'static str,
    /// Where to fix it instead.
    pub where_to_fix: &'static str,
}

impl Foreign {
    /// The finding's message; `meanings` are the rules the TLS words of the
    /// text map to (what the error says, in that program).
    pub fn message(&self, meanings: &[Rule]) -> String {
        let says = if meanings.is_empty() {
            String::new()
        } else {
            let titles: Vec<String> = meanings
                .iter()
                .map(|r| lower_first(r.meta().title))
                .collect();
            format!(" What it says, for that program: {}.", titles.join("; "))
        };
        format!(
            "This looks like {}, not a SQL Server connection: the text names no SQL Server driver or component.{says} To fix it, {}.",
            self.looks_like, self.where_to_fix
        )
    }
}

fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => {
            format!(
                "{}{}",
                a.to_lowercase(),
                title.get(a.len_utf8()..).unwrap_or("")
            )
        }
        _ => title.to_string(),
    }
}

/// Whether `padded` (a folded text's words form between two spaces) holds
/// `phrase` as whole words.
fn has_words(padded: &str, phrase: &str) -> bool {
    padded.contains(&format!(" {phrase} "))
}

/// Whether another system's wording occurs: a long one (8 letters or more)
/// anywhere in the skeleton, so a line broken inside a word does not hide it;
/// a short one ("psql", "curl", "443") only as whole words.
fn has_wording(folded: &Folded, padded: &str, phrase: &str) -> bool {
    let sk = skeleton(phrase);
    if sk.chars().count() >= 8 {
        folded.skeleton.contains(&sk)
    } else {
        has_words(padded, phrase)
    }
}

/// The other system a folded text comes from, when it names no SQL Server
/// component (as whole words: "sql server" is not in "mysql server") and
/// carries another system's wording.
pub(crate) fn classify(folded: &Folded) -> Option<Foreign> {
    let padded = format!(" {} ", folded.words);
    if SQL_SERVER_SIGNALS.iter().any(|s| has_words(&padded, s)) {
        return None;
    }
    SIGNATURES
        .iter()
        .find(|sig| {
            sig.all.iter().all(|w| has_wording(folded, &padded, w))
                && (sig.any.is_empty() || sig.any.iter().any(|w| has_wording(folded, &padded, w)))
        })
        .map(|sig| Foreign {
            looks_like: sig.looks_like,
            where_to_fix: sig.where_to_fix,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::messages::fold;

    #[test]
    fn signals_are_whole_words() {
        // "tds" inside another word is not a SQL Server signal.
        let f = fold(
            "curl: (60) SSL certificate problem: stdserr unable to get local issuer certificate",
        );
        assert!(classify(&f).is_some());
        let f = fold("curl via TDS proxy: unable to get local issuer certificate");
        assert!(classify(&f).is_none());
        // "SQL Server" is not in "MySQL server".
        let f = fold("ERROR 2026 (HY000): SSL connection error: can't connect to MySQL server");
        assert!(classify(&f).is_some());
    }

    #[test]
    fn no_signature_no_verdict() {
        let f = fold("certificate verify failed: unable to get local issuer certificate");
        assert_eq!(classify(&f), None);
    }
}
