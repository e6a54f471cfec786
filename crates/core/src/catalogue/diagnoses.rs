//! Every diagnosis sqltls can lead with, declared once: the `diag.*` ids the
//! report's `diagnosis` list uses, with what each means. A diagnosis is built
//! from findings (its `because`); it never replaces them.

use serde::{Serialize, Serializer};

/// Static metadata of one diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiagnosisMeta {
    /// The diagnosis.
    pub diag: Diag,
    /// Stable id, e.g. `diag.untrusted-root`.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// When it is given.
    pub meaning: &'static str,
}

macro_rules! declare_diagnoses {
    ($( $(#[$attr:meta])* $variant:ident { id: $id:literal, title: $title:literal, meaning: $meaning:literal, } )*) => {
        /// A diagnosis sqltls can lead with. Serialised as its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Diag {
            $($(#[$attr])* $variant,)*
        }

        // `static` for the reason given at `METAS`: one copy of the prose per build.
        static DIAG_METAS: &[DiagnosisMeta] = &[$(
            DiagnosisMeta { diag: Diag::$variant, id: $id, title: $title, meaning: $meaning },
        )*];

        impl Diag {
            /// Every diagnosis, in catalogue order.
            pub const ALL: &'static [Diag] = &[$(Diag::$variant,)*];

            /// Its metadata.
            pub const fn meta(self) -> &'static DiagnosisMeta {
                &DIAG_METAS[self as usize]
            }
        }
    };
}

declare_diagnoses! {
    /// `diag.untrusted-root`.
    UntrustedRoot {
        id: "diag.untrusted-root",
        title: "The client does not trust the certificate's issuer",
        meaning: "A pasted error proves it (error.untrusted-root), or a validating client meets a self-signed certificate or one from a CA it must be given.",
    }
    /// `diag.name-mismatch`.
    NameMismatch {
        id: "diag.name-mismatch",
        title: "The name the client connects with is not in the certificate",
        meaning: "A pasted error proves it, or a connection string names a host the server certificate does not carry.",
    }
    /// `diag.certificate-expired`.
    CertificateExpired {
        id: "diag.certificate-expired",
        title: "The server's certificate has expired or is not valid yet",
        meaning: "A dropped certificate is outside its validity period at the evaluation instant, or a pasted error says the client refused it for that.",
    }
    /// `diag.server-will-not-load`.
    ServerWillNotLoad {
        id: "diag.server-will-not-load",
        title: "SQL Server will not load this certificate",
        meaning: "A server certificate breaks a requirement SQL Server checks at startup (key spec, provider, private key, EKU, validity, …), or the server's log says it failed to load one. Selecting it would stop the service.",
    }
    /// `diag.not-listed`.
    NotListed {
        id: "diag.not-listed",
        title: "Configuration Manager will not list this certificate",
        meaning: "SQL Server would load the certificate, but Configuration Manager's certificate list leaves it out (a wildcard, a CNG key, …): select it by thumbprint in the registry.",
    }
    /// `diag.not-listed-checklist`.
    NotListedChecklist {
        id: "diag.not-listed-checklist",
        title: "The certificate is fine: check why Configuration Manager does not show it",
        meaning: "The person says the certificate is missing from Configuration Manager's list and nothing in the certificate explains it: the causes outside the file, to check one by one.",
    }
    /// `diag.pfx-locked`.
    PfxLocked {
        id: "diag.pfx-locked",
        title: "A .pfx is locked: enter its password",
        meaning: "A PKCS#12 file needs a password (or the one given does not open it), so its certificate and key could not be checked.",
    }
    /// `diag.not-encrypted`.
    NotEncrypted {
        id: "diag.not-encrypted",
        title: "The connection is not encrypted (or only the login is)",
        meaning: "A connection string's settings leave queries and results in clear text.",
    }
    /// `diag.not-validated`.
    NotValidated {
        id: "diag.not-validated",
        title: "The connection is encrypted but the certificate is not checked",
        meaning: "TrustServerCertificate (or a driver default) makes the client accept any certificate: nothing proves it talks to the right server.",
    }
    /// `diag.connection-fails`.
    ConnectionFails {
        id: "diag.connection-fails",
        title: "The client cannot connect with this connection string",
        meaning: "A connection string has a value the driver rejects, or settings that cannot work together with the server's.",
    }
    /// `diag.server-error`.
    ServerError {
        id: "diag.server-error",
        title: "The server reports a certificate problem",
        meaning: "A pasted error or the server's log names a server-side failure (the certificate cannot be found, its key cannot be read, the thumbprint is invalid, …).",
    }
    /// `diag.handshake-failed`.
    HandshakeFailed {
        id: "diag.handshake-failed",
        title: "The TLS handshake failed",
        meaning: "A pasted error says the client and server could not agree on TLS (protocol versions, cipher suites, a closed connection).",
    }
    /// `diag.unreadable-input`.
    UnreadableInput {
        id: "diag.unreadable-input",
        title: "An input could not be read",
        meaning: "A dropped file is empty, damaged, too large or not a certificate, bundle, key, log, registry export or error text.",
    }
    /// `diag.not-sql-server`.
    NotSqlServer {
        id: "diag.not-sql-server",
        title: "The pasted error is not a SQL Server connection error",
        meaning: "A pasted TLS error comes from another system (error.not-sql-server): an HTTPS request, gRPC, MySQL, PostgreSQL. No SQL Server change fixes it.",
    }
    /// `diag.error-unrecognized`.
    ErrorUnrecognized {
        id: "diag.error-unrecognized",
        title: "The pasted text holds no known error",
        meaning: "Nothing in the pasted text matches a known driver message or code.",
    }
    /// `diag.other-findings`.
    OtherFindings {
        id: "diag.other-findings",
        title: "Other problems found",
        meaning: "Errors and warnings no diagnosis above explains, most severe first.",
    }
    /// `diag.certificate-ok`.
    CertificateOk {
        id: "diag.certificate-ok",
        title: "The certificate is ready for SQL Server",
        meaning: "A server certificate passes every check: SQL Server loads it, Configuration Manager lists it, and validating clients that trust its root accept it.",
    }
}

impl Diag {
    /// The stable id, e.g. `diag.untrusted-root`.
    pub fn id(self) -> &'static str {
        self.meta().id
    }
}

crate::interned::deserialize_by_name!(Diag, "diagnosis id", |id| Diag::ALL
    .iter()
    .copied()
    .find(|d| d.id() == id));

impl Serialize for Diag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
