//! The programs people actually connect with (SSMS, sqlcmd, Azure Data Studio,
//! EF Core, Power BI, SSIS, DBeaver …), one row each: the driver and generation
//! underneath, what the program does by default, and the names its own UI
//! gives to the settings, so that advice reads in the words on the person's
//! screen. A program can be chosen (`--client`, the page's selector) or
//! recognised from a pasted error text.
//!
//! Sources, per row: the programs' release notes and connection dialogs as
//! documented in sql-docs (`ssms/release-notes-ssms*.md`,
//! `tools/sqlcmd/sqlcmd-utility.md`, `azure-data-studio/release-notes*.md`),
//! EF Core's breaking changes for 7.0 (`Encrypt` defaults to true through
//! Microsoft.Data.SqlClient 4+), SMO's move to Microsoft.Data.SqlClient 5
//! (microsoft/sqlmanagementobjects#85), and the drivers' rows in
//! [`crate::connstr::capabilities`]; `docs/facts.md` (facts B10) lists them.

use crate::connstr::{DriverId, DriverSpec};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a client looks for the CAs it trusts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustStore {
    /// Windows: Trusted Root Certification Authorities of the computer.
    Windows,
    /// The Java runtime's `cacerts` (or the driver's `trustStore=`).
    Java,
    /// The operating system's bundle on Linux/macOS (OpenSSL, Go).
    System,
    /// Node.js: its bundled roots plus `NODE_EXTRA_CA_CERTS`.
    Node,
}

impl TrustStore {
    /// Where and how to add a root, in one sentence.
    pub fn how_to_trust(self, root: &str) -> String {
        match self {
            TrustStore::Windows => format!(
                "Import the CA certificate \"{root}\" into Trusted Root Certification Authorities of the client computer (certlm.msc → Trusted Root Certification Authorities → Certificates → All Tasks → Import; for many computers, deploy it by Group Policy)."
            ),
            TrustStore::Java => format!(
                "Import the CA certificate \"{root}\" into the Java trust store the client runs with (keytool -importcert -cacerts), or point the driver's trustStore= at a store that holds it."
            ),
            TrustStore::System => format!(
                "Add the CA certificate \"{root}\" to the client's system trust store (Debian/Ubuntu: copy it to /usr/local/share/ca-certificates/ as .crt and run update-ca-certificates; RHEL: /etc/pki/ca-trust/source/anchors/ and update-ca-trust)."
            ),
            TrustStore::Node => format!(
                "Give Node the CA certificate \"{root}\": set NODE_EXTRA_CA_CERTS to its PEM file (or pass it as options.cryptoCredentialsDetails.ca)."
            ),
        }
    }
}

/// A program people connect with. Serialised as its id (`ssms-20`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientId {
    /// SQL Server Management Studio 18.
    Ssms18,
    /// SQL Server Management Studio 19.
    Ssms19,
    /// SQL Server Management Studio 20.
    Ssms20,
    /// SQL Server Management Studio 21.
    Ssms21,
    /// sqlcmd on ODBC Driver 17.
    Sqlcmd17,
    /// sqlcmd on ODBC Driver 18.
    Sqlcmd18,
    /// go-sqlcmd (the Go rewrite of sqlcmd).
    GoSqlcmd,
    /// Azure Data Studio.
    AzureDataStudio,
    /// EF Core 6 (Microsoft.Data.SqlClient 2.x).
    EfCore6,
    /// EF Core 7 and later (Microsoft.Data.SqlClient 5.x).
    EfCore7,
    /// Power BI Desktop's SQL Server connector.
    PowerBiDesktop,
    /// The on-premises data gateway.
    PowerBiGateway,
    /// SSIS packages and linked servers through MSOLEDBSQL.
    SsisLinkedServer,
    /// DBeaver, DataGrip and other JDBC tools.
    JdbcTool,
}

/// One client's row.
#[derive(Debug, Clone, Copy)]
pub struct Client {
    /// The client.
    pub id: ClientId,
    /// Stable id, as `--client` takes it: `ssms-20`.
    pub key: &'static str,
    /// Its name for people: `SSMS 20`.
    pub label: &'static str,
    /// The driver underneath, `ID@VERSION` as `--driver` takes it.
    pub driver: &'static str,
    /// Whether it encrypts and validates by default, in its own words.
    pub default_behaviour: &'static str,
    /// Where its UI (or command line) sets encryption, and the value that
    /// validates the certificate.
    pub encrypt_setting: &'static str,
    /// Where its UI sets "trust the server certificate" (the workaround).
    pub trust_setting: &'static str,
    /// Where it is told another name to check in the certificate, if it can be.
    pub host_name_setting: Option<&'static str>,
    /// Where it looks for trusted CAs.
    pub trust_store: TrustStore,
    /// Whether it validates the certificate when left at its defaults.
    pub validates_by_default: bool,
}

/// Every client, in the order a selector lists them.
pub const CLIENTS: &[Client] = &[
    Client {
        id: ClientId::Ssms18,
        key: "ssms-18",
        label: "SSMS 18",
        driver: "system.data.sqlclient",
        default_behaviour: "SSMS 18 does not ask for encryption unless \"Encrypt connection\" is ticked, and then validates the certificate.",
        encrypt_setting: "Connect → Options » → Connection Properties → \"Encrypt connection\" ticked",
        trust_setting: "Connect → Options » → Connection Properties → \"Trust server certificate\"",
        host_name_setting: None,
        trust_store: TrustStore::Windows,
        validates_by_default: false,
    },
    Client {
        id: ClientId::Ssms19,
        key: "ssms-19",
        label: "SSMS 19",
        driver: "sqlclient@5.0",
        default_behaviour: "SSMS 19 ticks \"Encrypt connection\" by default and validates the server's certificate.",
        encrypt_setting: "Connect → Options » → Connection Properties → \"Encrypt connection\" ticked",
        trust_setting: "Connect → Options » → Connection Properties → \"Trust server certificate\"",
        host_name_setting: None,
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::Ssms20,
        key: "ssms-20",
        label: "SSMS 20",
        driver: "sqlclient@5.1",
        default_behaviour: "SSMS 20 connects with Encryption \"Mandatory\" by default and validates the server's certificate.",
        encrypt_setting: "Connect → Login → Encryption: \"Mandatory\" (or \"Strict\" for SQL Server 2022+)",
        trust_setting: "Connect → Login → \"Trust server certificate\"",
        host_name_setting: Some("Connect → Options » → Connection Properties → \"Host name in certificate\""),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::Ssms21,
        key: "ssms-21",
        label: "SSMS 21",
        driver: "sqlclient@5.1",
        default_behaviour: "SSMS 21 connects with Encryption \"Mandatory\" by default and validates the server's certificate.",
        encrypt_setting: "Connect → Encryption: \"Mandatory\" (or \"Strict\" for SQL Server 2022+)",
        trust_setting: "Connect → \"Trust server certificate\"",
        host_name_setting: Some("Connect → Advanced → \"Host name in certificate\""),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::Sqlcmd17,
        key: "sqlcmd-odbc17",
        label: "sqlcmd (ODBC 17)",
        driver: "odbc@17",
        default_behaviour: "sqlcmd on ODBC Driver 17 does not encrypt unless given -N, and then validates the certificate.",
        encrypt_setting: "sqlcmd -N",
        trust_setting: "sqlcmd -C",
        host_name_setting: None,
        trust_store: TrustStore::Windows,
        validates_by_default: false,
    },
    Client {
        id: ClientId::Sqlcmd18,
        key: "sqlcmd-odbc18",
        label: "sqlcmd (ODBC 18)",
        driver: "odbc@18",
        default_behaviour: "sqlcmd on ODBC Driver 18 encrypts (mandatory) by default and validates the certificate.",
        encrypt_setting: "sqlcmd -N m (mandatory, the default) or -N s (strict)",
        trust_setting: "sqlcmd -C",
        host_name_setting: Some("sqlcmd -F <name> (HostNameInCertificate)"),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::GoSqlcmd,
        key: "go-sqlcmd",
        label: "go-sqlcmd",
        driver: "go-mssqldb",
        default_behaviour: "go-sqlcmd encrypts only the login unless told to encrypt; with -N true (or strict) it validates the certificate.",
        encrypt_setting: "sqlcmd -N true (or -N strict)",
        trust_setting: "sqlcmd -C",
        host_name_setting: None,
        trust_store: TrustStore::System,
        validates_by_default: false,
    },
    Client {
        id: ClientId::AzureDataStudio,
        key: "azure-data-studio",
        label: "Azure Data Studio",
        driver: "sqlclient@5.1",
        default_behaviour: "Azure Data Studio (1.40 and later) connects with Encrypt \"Mandatory (True)\" by default and validates the certificate.",
        encrypt_setting: "Connection → Encrypt: \"Mandatory (True)\" (or \"Strict\")",
        trust_setting: "Connection → Trust server certificate: \"True\"",
        host_name_setting: Some("Connection → Advanced → \"Host name in certificate\""),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::EfCore6,
        key: "ef-core-6",
        label: "EF Core 6",
        driver: "sqlclient@2.1",
        default_behaviour: "EF Core 6 (Microsoft.Data.SqlClient 2.x) does not ask for encryption unless the connection string says Encrypt=True.",
        encrypt_setting: "the connection string's Encrypt=True",
        trust_setting: "the connection string's TrustServerCertificate=True",
        host_name_setting: Some("the connection string's HostNameInCertificate= (Microsoft.Data.SqlClient 5.0+)"),
        trust_store: TrustStore::Windows,
        validates_by_default: false,
    },
    Client {
        id: ClientId::EfCore7,
        key: "ef-core-7",
        label: "EF Core 7+",
        driver: "sqlclient@5.1",
        default_behaviour: "EF Core 7 and later (Microsoft.Data.SqlClient 5.x) encrypt by default and validate the certificate: a string that worked with EF Core 6 can fail after the upgrade.",
        encrypt_setting: "the connection string's Encrypt=True (the default) or Encrypt=Strict",
        trust_setting: "the connection string's TrustServerCertificate=True",
        host_name_setting: Some("the connection string's HostNameInCertificate="),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::PowerBiDesktop,
        key: "power-bi-desktop",
        label: "Power BI Desktop",
        driver: "sqlclient@5.1",
        default_behaviour: "Power BI Desktop's SQL Server connector tries an encrypted, validated connection first and offers an unencrypted one when it fails.",
        encrypt_setting: "File → Options and settings → Data source settings → Edit Permissions → \"Encrypt connections\" ticked",
        trust_setting: "no such option: the certificate must be trusted (the alternative it offers is an unencrypted connection)",
        host_name_setting: None,
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::PowerBiGateway,
        key: "power-bi-gateway",
        label: "On-premises data gateway",
        driver: "sqlclient@5.1",
        default_behaviour: "The on-premises data gateway encrypts SQL Server connections and validates the certificate on the gateway computer.",
        encrypt_setting: "the data source's \"Encrypted connection\" setting in the gateway connection",
        trust_setting: "no such option: the certificate must be trusted by the gateway computer",
        host_name_setting: None,
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::SsisLinkedServer,
        key: "ssis-linked-server",
        label: "SSIS / linked server (MSOLEDBSQL)",
        driver: "oledb@19",
        default_behaviour: "The OLE DB Driver 19 (MSOLEDBSQL19) that SSIS and SQL Server 2022+ linked servers use encrypts by default and validates the certificate.",
        encrypt_setting: "the provider string's Encrypt=Mandatory (or Use Encryption for Data=Mandatory)",
        trust_setting: "the provider string's TrustServerCertificate=Yes",
        host_name_setting: Some("the provider string's HostNameInCertificate="),
        trust_store: TrustStore::Windows,
        validates_by_default: true,
    },
    Client {
        id: ClientId::JdbcTool,
        key: "jdbc-tool",
        label: "DBeaver / DataGrip (JDBC)",
        driver: "jdbc@12.8",
        default_behaviour: "DBeaver, DataGrip and other tools on the Microsoft JDBC driver 10.2+ encrypt by default and validate the certificate against the Java trust store.",
        encrypt_setting: "driver property encrypt=true (or strict)",
        trust_setting: "driver property trustServerCertificate=true",
        host_name_setting: Some("driver property hostNameInCertificate="),
        trust_store: TrustStore::Java,
        validates_by_default: true,
    },
];

impl ClientId {
    /// The client's row.
    pub fn client(self) -> &'static Client {
        CLIENTS
            .iter()
            .find(|c| c.id == self)
            .expect("every client has a row")
    }

    /// The stable id (`ssms-20`).
    pub fn key(self) -> &'static str {
        self.client().key
    }

    /// The name for people (`SSMS 20`).
    pub fn label(self) -> &'static str {
        self.client().label
    }

    /// Parse a stable id; errors list the valid ones.
    pub fn parse(text: &str) -> Result<ClientId, String> {
        let wanted = text.trim();
        CLIENTS
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(wanted))
            .map(|c| c.id)
            .ok_or_else(|| {
                let keys: Vec<&str> = CLIENTS.iter().map(|c| c.key).collect();
                format!(
                    "unknown client '{wanted}'; expected one of: {}",
                    keys.join(", ")
                )
            })
    }
}

impl Serialize for ClientId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for ClientId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClientId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// What the person sees that no dropped file can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Symptom {
    /// The certificate is missing from SQL Server Configuration Manager's
    /// certificate list (`not-listed`).
    #[serde(rename = "not-listed")]
    NotListed,
}

impl Symptom {
    /// Every symptom.
    pub const ALL: &'static [Symptom] = &[Symptom::NotListed];

    /// The stable id, as `--symptom` takes it.
    pub fn key(self) -> &'static str {
        match self {
            Symptom::NotListed => "not-listed",
        }
    }

    /// In the person's words.
    pub fn label(self) -> &'static str {
        match self {
            Symptom::NotListed => "The certificate is missing from Configuration Manager's list",
        }
    }

    /// Parse a stable id; errors list the valid ones.
    pub fn parse(text: &str) -> Result<Symptom, String> {
        Symptom::ALL
            .iter()
            .copied()
            .find(|s| s.key().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("unknown symptom '{}'; expected: not-listed", text.trim()))
    }
}

impl Client {
    /// The driver underneath, parsed.
    pub fn driver_spec(&self) -> DriverSpec {
        DriverSpec::parse(self.driver).expect("every client's driver is a valid spec")
    }

    /// The driver underneath.
    pub fn driver_id(&self) -> DriverId {
        self.driver_spec().id
    }
}

/// Every client, in selector order.
pub fn clients() -> &'static [Client] {
    CLIENTS
}

/// The client a pasted error text names, when it says so: SSMS's dialog
/// ("Cannot connect to …" with "Program Location"), sqlcmd's prefix, Power BI's
/// "DataSource.Error", a JDBC or tedious exception. Matching is literal (lower
/// case, substring); `None` when the text names only a driver.
pub fn recognise(text: &str) -> Option<ClientId> {
    let lower = text.to_ascii_lowercase();
    let has = |needle: &str| lower.contains(needle);
    let ssms_dialog = has("cannot connect to") && (has("program location") || has("===="));
    if ssms_dialog || has("microsoft sql server management studio") {
        // SSMS 18 runs on System.Data.SqlClient (".Net SqlClient Data
        // Provider"); 19+ on Microsoft.Data.SqlClient ("Framework Microsoft
        // SqlClient Data Provider"). The dialog does not say which of 19–21.
        if has(".net sqlclient data provider") {
            return Some(ClientId::Ssms18);
        }
        return Some(ClientId::Ssms20);
    }
    if has("sqlcmd: error") {
        if has("odbc driver 18") {
            return Some(ClientId::Sqlcmd18);
        }
        if has("odbc driver 17") || has("odbc driver 13") {
            return Some(ClientId::Sqlcmd17);
        }
    }
    if has("datasource.error") && has("microsoft sql") {
        return Some(ClientId::PowerBiDesktop);
    }
    if has("ole db provider \"msoledbsql") && has("linked server") {
        return Some(ClientId::SsisLinkedServer);
    }
    if has("dbeaver") || has("datagrip") {
        return Some(ClientId::JdbcTool);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_client_has_a_unique_key_and_a_valid_driver() {
        let mut keys: Vec<&str> = CLIENTS.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CLIENTS.len());
        for c in CLIENTS {
            assert_eq!(c.id.client().key, c.key);
            assert_eq!(ClientId::parse(c.key), Ok(c.id));
            let _ = c.driver_spec();
        }
        assert!(ClientId::parse("ssms-99").unwrap_err().contains("ssms-20"));
    }

    #[test]
    fn the_ssms_dialog_names_ssms() {
        let dialog = sqltls_fixtures::text("evidence/ssms20-untrusted-root.txt");
        assert_eq!(recognise(&dialog), Some(ClientId::Ssms20));
        let old = dialog.replace(
            "Framework Microsoft SqlClient Data Provider",
            ".Net SqlClient Data Provider",
        );
        assert_eq!(recognise(&old), Some(ClientId::Ssms18));
        // A driver's exception alone names no program.
        assert_eq!(
            recognise("Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established"),
            None
        );
        // sqlcmd's prefix with the driver it runs on.
        assert_eq!(
            recognise("Sqlcmd: Error: Microsoft ODBC Driver 18 for SQL Server : SSL Provider: The certificate chain was issued by an authority that is not trusted."),
            Some(ClientId::Sqlcmd18)
        );
    }
}
