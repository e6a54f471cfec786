//! Keyword tables: every keyword each driver knows, mapped to what it means for
//! TLS (most map to [`Key::Other`]: known, irrelevant to TLS).

use super::driver::DriverId;
use super::Dialect;

/// What a keyword means, independent of its spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// Server / Data Source / Address / host.
    Server,
    /// Port number (JDBC, go, FreeTDS).
    Port,
    /// Instance name (JDBC, FreeTDS).
    Instance,
    /// Encrypt / Use Encryption for Data / encryption.
    Encrypt,
    /// TrustServerCertificate.
    TrustServerCertificate,
    /// HostNameInCertificate / serverName (tedious) / certificate hostname (FreeTDS).
    HostNameInCertificate,
    /// ServerCertificate pin.
    ServerCertificate,
    /// A CA file or trust store (`certificate` in go, `trustStore`, `ca file`).
    TrustedCa,
    /// FreeTDS `check certificate hostname`.
    CheckHostname,
    /// FreeTDS `tds version`.
    TdsVersion,
    /// Password / PWD and other secrets.
    Secret,
    /// Access Token (a secret that also changes OLE DB 18 defaults).
    AccessToken,
    /// Authentication (changes OLE DB 18 defaults).
    Authentication,
    /// ODBC Driver.
    Driver,
    /// OLE DB Provider.
    Provider,
    /// User name.
    User,
    /// Known, not TLS-related.
    Other,
}

type Table = &'static [(&'static str, Key)];

const ADO_SERVER: Table = &[
    ("Data Source", Key::Server),
    ("Server", Key::Server),
    ("Address", Key::Server),
    ("Addr", Key::Server),
    ("Network Address", Key::Server),
];

const SQLCLIENT: Table = &[
    ("Encrypt", Key::Encrypt),
    ("TrustServerCertificate", Key::TrustServerCertificate),
    ("Trust Server Certificate", Key::TrustServerCertificate),
    ("HostNameInCertificate", Key::HostNameInCertificate),
    ("Host Name In Certificate", Key::HostNameInCertificate),
    ("ServerCertificate", Key::ServerCertificate),
    ("Server Certificate", Key::ServerCertificate),
    ("Password", Key::Secret),
    ("PWD", Key::Secret),
    ("User ID", Key::User),
    ("UID", Key::User),
    ("User", Key::User),
    ("Initial Catalog", Key::Other),
    ("Database", Key::Other),
    ("Integrated Security", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("Authentication", Key::Authentication),
    ("Connect Timeout", Key::Other),
    ("Connection Timeout", Key::Other),
    ("Timeout", Key::Other),
    ("Command Timeout", Key::Other),
    ("Application Name", Key::Other),
    ("App", Key::Other),
    ("Workstation ID", Key::Other),
    ("WSID", Key::Other),
    ("MultipleActiveResultSets", Key::Other),
    ("Multiple Active Result Sets", Key::Other),
    ("MultiSubnetFailover", Key::Other),
    ("Multi Subnet Failover", Key::Other),
    ("Pooling", Key::Other),
    ("Max Pool Size", Key::Other),
    ("Min Pool Size", Key::Other),
    ("Persist Security Info", Key::Other),
    ("PersistSecurityInfo", Key::Other),
    ("Failover Partner", Key::Other),
    ("Failover Partner SPN", Key::Other),
    ("FailoverPartnerSPN", Key::Other),
    ("Server SPN", Key::Other),
    ("ServerSPN", Key::Other),
    ("AttachDbFilename", Key::Other),
    ("Extended Properties", Key::Other),
    ("Initial File Name", Key::Other),
    ("Column Encryption Setting", Key::Other),
    ("Application Intent", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("Connect Retry Count", Key::Other),
    ("ConnectRetryCount", Key::Other),
    ("Connect Retry Interval", Key::Other),
    ("ConnectRetryInterval", Key::Other),
    ("Load Balance Timeout", Key::Other),
    ("Connection Lifetime", Key::Other),
    ("Packet Size", Key::Other),
    ("Type System Version", Key::Other),
    ("User Instance", Key::Other),
    ("Enlist", Key::Other),
    ("Replication", Key::Other),
    ("Transaction Binding", Key::Other),
    ("Current Language", Key::Other),
    ("Language", Key::Other),
    ("Context Connection", Key::Other),
    ("IP Address Preference", Key::Other),
    ("IPAddressPreference", Key::Other),
    ("Attestation Protocol", Key::Other),
    ("Enclave Attestation Url", Key::Other),
    ("Pool Blocking Period", Key::Other),
    ("PoolBlockingPeriod", Key::Other),
    ("TransparentNetworkIPResolution", Key::Other),
    ("Transparent Network IP Resolution", Key::Other),
    ("Asynchronous Processing", Key::Other),
    ("Async", Key::Other),
    ("Network Library", Key::Other),
    ("Net", Key::Other),
    ("Network", Key::Other),
];

const ODBC: Table = &[
    ("Driver", Key::Driver),
    ("DSN", Key::Other),
    ("FileDSN", Key::Other),
    ("Server", Key::Server),
    ("Address", Key::Server),
    ("Addr", Key::Server),
    ("Encrypt", Key::Encrypt),
    ("TrustServerCertificate", Key::TrustServerCertificate),
    ("HostnameInCertificate", Key::HostNameInCertificate),
    ("ServerCertificate", Key::ServerCertificate),
    ("UID", Key::User),
    ("PWD", Key::Secret),
    ("Database", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("Authentication", Key::Authentication),
    ("APP", Key::Other),
    ("WSID", Key::Other),
    ("AnsiNPW", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("AttachDBFileName", Key::Other),
    ("AutoTranslate", Key::Other),
    ("ClientCertificate", Key::Other),
    ("ClientKey", Key::Other),
    ("ColumnEncryption", Key::Other),
    ("ConcatNullYieldsNull", Key::Other),
    ("ConnectRetryCount", Key::Other),
    ("ConnectRetryInterval", Key::Other),
    ("ConnectTimeout", Key::Other),
    ("Connection Timeout", Key::Other),
    ("Description", Key::Other),
    ("Failover_Partner", Key::Other),
    ("FailoverPartner", Key::Other),
    ("FailoverPartnerSPN", Key::Other),
    ("GetDataExtensions", Key::Other),
    ("IpAddressPreference", Key::Other),
    ("KeepAlive", Key::Other),
    ("KeepAliveInterval", Key::Other),
    ("KeystoreAuthentication", Key::Other),
    ("KeystorePrincipalId", Key::Other),
    ("KeystoreSecret", Key::Secret),
    ("Language", Key::Other),
    ("LongAsMax", Key::Other),
    ("MARS_Connection", Key::Other),
    ("MultipleActiveResultSets", Key::Other),
    ("MultiSubnetFailover", Key::Other),
    ("Network", Key::Other),
    ("Net", Key::Other),
    ("QuotedId", Key::Other),
    ("Regional", Key::Other),
    ("Replication", Key::Other),
    ("RetryExec", Key::Other),
    ("SaveFile", Key::Other),
    ("ServerSPN", Key::Other),
    ("StatsLog_On", Key::Other),
    ("StatsLogFile", Key::Other),
    ("TransparentNetworkIPResolution", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("UseFMTONLY", Key::Other),
    ("VectorTypeSupport", Key::Other),
    ("Query Log_On", Key::Other),
    ("QueryLogFile", Key::Other),
    ("QueryLogTime", Key::Other),
];

/// FreeTDS's ODBC driver: `ODBC_PARAM_LIST` (freetds
/// include/freetds/odbc.h) as `odbc_parse_connect_string` reads it
/// (src/odbc/connectparams.c), plus `client_charset` (its alias there) and
/// `Driver`; `ConnectionTimeout` and `ServerCertificate` are on master only
/// (commits b3058f45, 8aa7f615; in no tag up to v1.5.18). `Encrypt` and
/// `HostNameInCertificate` came in 1.5 (NEWS.md; the ODBC rules ignore them
/// before), `Encryption` takes the freetds.conf values.
const FREETDS_ODBC: Table = &[
    ("Driver", Key::Driver),
    ("DSN", Key::Other),
    ("Server", Key::Server),
    ("Servername", Key::Server),
    ("Address", Key::Server),
    ("Port", Key::Port),
    ("TDS_Version", Key::TdsVersion),
    ("Encrypt", Key::Encrypt),
    ("Encryption", Key::Encrypt),
    ("HostNameInCertificate", Key::HostNameInCertificate),
    ("UID", Key::User),
    ("PWD", Key::Secret),
    ("Database", Key::Other),
    ("ClientCharset", Key::Other),
    ("client_charset", Key::Other),
    ("APP", Key::Other),
    ("WSID", Key::Other),
    ("Language", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("AttachDbFilename", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("TextSize", Key::Other),
    ("PacketSize", Key::Other),
    ("DumpFile", Key::Other),
    ("DumpFileAppend", Key::Other),
    ("DebugFlags", Key::Other),
    ("UseNTLMv2", Key::Other),
    ("MARS_Connection", Key::Other),
    ("REALM", Key::Other),
    ("ServerSPN", Key::Other),
    ("Timeout", Key::Other),
    ("Domain", Key::Other),
];

const OLEDB: Table = &[
    ("Provider", Key::Provider),
    ("Encrypt", Key::Encrypt),
    ("Use Encryption for Data", Key::Encrypt),
    ("TrustServerCertificate", Key::TrustServerCertificate),
    ("Trust Server Certificate", Key::TrustServerCertificate),
    ("HostNameInCertificate", Key::HostNameInCertificate),
    ("Host Name In Certificate", Key::HostNameInCertificate),
    ("ServerCertificate", Key::ServerCertificate),
    ("Server Certificate", Key::ServerCertificate),
    ("Password", Key::Secret),
    ("PWD", Key::Secret),
    ("Access Token", Key::AccessToken),
    ("Authentication", Key::Authentication),
    ("User ID", Key::User),
    ("UID", Key::User),
    ("Initial Catalog", Key::Other),
    ("Database", Key::Other),
    ("Integrated Security", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("Persist Security Info", Key::Other),
    ("Application Name", Key::Other),
    ("APP", Key::Other),
    ("Workstation ID", Key::Other),
    ("WSID", Key::Other),
    ("Connect Timeout", Key::Other),
    ("Timeout", Key::Other),
    ("General Timeout", Key::Other),
    ("Auto Translate", Key::Other),
    ("AutoTranslate", Key::Other),
    ("Packet Size", Key::Other),
    ("MultiSubnetFailover", Key::Other),
    ("Application Intent", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("DataTypeCompatibility", Key::Other),
    ("MARS Connection", Key::Other),
    ("MarsConn", Key::Other),
    ("Language", Key::Other),
    ("Current Language", Key::Other),
    ("Network Library", Key::Other),
    ("Net", Key::Other),
    ("Network", Key::Other),
    ("Failover Partner", Key::Other),
    ("FailoverPartner", Key::Other),
    ("Initial File Name", Key::Other),
    ("AttachDBFileName", Key::Other),
    ("Extended Properties", Key::Other),
    ("ServerSPN", Key::Other),
    ("Server SPN", Key::Other),
    ("FailoverPartnerSPN", Key::Other),
    ("Connect Retry Count", Key::Other),
    ("ConnectRetryCount", Key::Other),
    ("Connect Retry Interval", Key::Other),
    ("ConnectRetryInterval", Key::Other),
    ("Mode", Key::Other),
    ("OLE DB Services", Key::Other),
    ("Column Encryption Setting", Key::Other),
    ("Use Procedure for Prepare", Key::Other),
    ("Locale Identifier", Key::Other),
    ("Prompt", Key::Other),
    ("Old Password", Key::Secret),
    ("Transparent Network IP Resolution", Key::Other),
    ("TransparentNetworkIPResolution", Key::Other),
    // sql-docs oledb/applications/using-connection-string-keywords-with-oledb-driver-for-sql-server.md
    // (provider-string and IDataInitialize tables) and the initialization
    // strings the Data Link dialog writes.
    ("Tag with column collation when possible", Key::Other),
    ("UseProcForPrepare", Key::Other),
    ("PacketSize", Key::Other),
    ("PersistSensitive", Key::Other),
    ("UseFMTONLY", Key::Other),
    ("Use FMTONLY", Key::Other),
    ("Failover Partner SPN", Key::Other),
];

const JDBC: Table = &[
    ("serverName", Key::Server),
    ("server", Key::Server),
    ("instanceName", Key::Instance),
    ("portNumber", Key::Port),
    ("port", Key::Port),
    ("encrypt", Key::Encrypt),
    ("trustServerCertificate", Key::TrustServerCertificate),
    ("hostNameInCertificate", Key::HostNameInCertificate),
    ("serverCertificate", Key::ServerCertificate),
    ("trustStore", Key::TrustedCa),
    ("trustStorePassword", Key::Secret),
    ("trustStoreType", Key::Other),
    ("trustManagerClass", Key::Other),
    ("trustManagerConstructorArg", Key::Other),
    ("sslProtocol", Key::Other),
    ("password", Key::Secret),
    ("user", Key::User),
    ("userName", Key::User),
    ("databaseName", Key::Other),
    ("database", Key::Other),
    ("integratedSecurity", Key::Other),
    ("authenticationScheme", Key::Other),
    ("authentication", Key::Authentication),
    ("accessToken", Key::AccessToken),
    ("accessTokenCallbackClass", Key::Other),
    ("applicationName", Key::Other),
    ("applicationIntent", Key::Other),
    ("loginTimeout", Key::Other),
    ("lockTimeout", Key::Other),
    ("queryTimeout", Key::Other),
    ("socketTimeout", Key::Other),
    ("cancelQueryTimeout", Key::Other),
    ("multiSubnetFailover", Key::Other),
    ("sendStringParametersAsUnicode", Key::Other),
    ("columnEncryptionSetting", Key::Other),
    ("keyStoreAuthentication", Key::Other),
    ("keyStoreLocation", Key::Other),
    ("keyStoreSecret", Key::Secret),
    ("keyStorePrincipalId", Key::Other),
    ("keyVaultProviderClientId", Key::Other),
    ("keyVaultProviderClientKey", Key::Secret),
    ("workstationID", Key::Other),
    ("selectMethod", Key::Other),
    ("responseBuffering", Key::Other),
    ("packetSize", Key::Other),
    ("failoverPartner", Key::Other),
    ("ipaddresspreference", Key::Other),
    ("domain", Key::Other),
    ("realm", Key::Other),
    ("serverSpn", Key::Other),
    ("xopenStates", Key::Other),
    ("disableStatementPooling", Key::Other),
    ("statementPoolingCacheSize", Key::Other),
    ("enablePrepareOnFirstPreparedStatementCall", Key::Other),
    ("serverPreparedStatementDiscardThreshold", Key::Other),
    ("lastUpdateCount", Key::Other),
    ("sendTimeAsDatetime", Key::Other),
    ("transparentNetworkIPResolution", Key::Other),
    ("useBulkCopyForBatchInsert", Key::Other),
    ("fips", Key::Other),
    ("msiClientId", Key::Other),
    ("clientCertificate", Key::Other),
    ("clientKey", Key::Other),
    ("clientKeyPassword", Key::Secret),
    ("connectRetryCount", Key::Other),
    ("connectRetryInterval", Key::Other),
    ("prepareMethod", Key::Other),
    ("replication", Key::Other),
    ("sendTemporalDataTypesAsStringForBulkCopy", Key::Other),
    ("delayLoadingLobs", Key::Other),
    ("maxResultBuffer", Key::Other),
    ("useFmtOnly", Key::Other),
    ("jaasConfigurationName", Key::Other),
    ("datetimeParameterType", Key::Other),
    ("quotedIdentifier", Key::Other),
    ("concatNullYieldsNull", Key::Other),
    ("calcBigDecimalPrecision", Key::Other),
    ("gsscredential", Key::Other),
    ("aadSecurePrincipalId", Key::Other),
    ("aadSecurePrincipalSecret", Key::Secret),
    ("enclaveAttestationUrl", Key::Other),
    ("enclaveAttestationProtocol", Key::Other),
    ("sslProtocol", Key::Other),
];

const GO: Table = &[
    ("server", Key::Server),
    ("data source", Key::Server),
    ("address", Key::Server),
    ("addr", Key::Server),
    ("network address", Key::Server),
    ("port", Key::Port),
    ("encrypt", Key::Encrypt),
    ("TrustServerCertificate", Key::TrustServerCertificate),
    ("trust server certificate", Key::TrustServerCertificate),
    ("hostNameInCertificate", Key::HostNameInCertificate),
    ("host name in certificate", Key::HostNameInCertificate),
    ("serverCertificate", Key::ServerCertificate),
    ("server certificate", Key::ServerCertificate),
    ("certificate", Key::TrustedCa),
    ("tlsmin", Key::Other),
    ("password", Key::Secret),
    ("pwd", Key::Secret),
    ("user id", Key::User),
    ("user", Key::User),
    ("uid", Key::User),
    ("database", Key::Other),
    ("initial catalog", Key::Other),
    ("app name", Key::Other),
    ("application name", Key::Other),
    ("ServerSPN", Key::Other),
    ("Workstation ID", Key::Other),
    ("connection timeout", Key::Other),
    ("dial timeout", Key::Other),
    ("keepAlive", Key::Other),
    ("failoverpartner", Key::Other),
    ("failoverport", Key::Other),
    ("packet size", Key::Other),
    ("log", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("protocol", Key::Other),
    ("columnencryption", Key::Other),
    ("column encryption setting", Key::Other),
    ("multisubnetfailover", Key::Other),
    ("disableretry", Key::Other),
    ("integrated security", Key::Other),
    ("authenticator", Key::Other),
    ("fedauth", Key::Other),
    ("krb5-configfile", Key::Other),
    ("krb5-keytabfile", Key::Other),
    ("krb5-realm", Key::Other),
    ("pipe", Key::Other),
    ("guid conversion", Key::Other),
    ("epa enabled", Key::Other),
    // go msdsn/conn_str.go key constants and adoSynonyms (46b5c6a).
    ("change password", Key::Secret),
    ("notraceid", Key::Other),
    ("timezone", Key::Other),
    ("failoverpartnerspn", Key::Other),
    ("failover partner spn", Key::Other),
    ("failover partner", Key::Other),
    ("app", Key::Other),
    ("connect timeout", Key::Other),
    ("timeout", Key::Other),
    ("application intent", Key::Other),
    ("multi subnet failover", Key::Other),
    ("server spn", Key::Other),
    ("wsid", Key::Other),
    // go azuread/configuration.go (fedauth workflows).
    ("applicationclientid", Key::Other),
    ("clientcertpath", Key::Other),
    ("resource id", Key::Other),
    ("serviceconnectionid", Key::Other),
    ("systemtoken", Key::Secret),
    ("clientassertion", Key::Secret),
    ("userassertion", Key::Secret),
    ("additionallyallowedtenants", Key::Other),
    ("disableinstancediscovery", Key::Other),
    ("sendcertificatechain", Key::Other),
    ("tokenfilepath", Key::Other),
    // go integratedauth/krb5 (krb5-configfile, krb5-realm and krb5-keytabfile above).
    ("krb5-credcachefile", Key::Other),
    ("krb5-dnslookupkdc", Key::Other),
    ("krb5-keytabcachefile", Key::Other),
    ("krb5-udppreferencelimit", Key::Other),
];

const TEDIOUS: Table = &[
    ("encrypt", Key::Encrypt),
    ("TrustServerCertificate", Key::TrustServerCertificate),
    ("Trust Server Certificate", Key::TrustServerCertificate),
    ("serverName", Key::HostNameInCertificate),
    ("password", Key::Secret),
    ("pwd", Key::Secret),
    ("User ID", Key::User),
    ("uid", Key::User),
    ("user", Key::User),
    ("Initial Catalog", Key::Other),
    ("database", Key::Other),
    ("domain", Key::Other),
    ("port", Key::Port),
    ("instanceName", Key::Instance),
    ("Connection Timeout", Key::Other),
    ("Connect Timeout", Key::Other),
    ("Request Timeout", Key::Other),
    ("Application Name", Key::Other),
    ("App", Key::Other),
    ("Integrated Security", Key::Other),
    ("Trusted_Connection", Key::Other),
    ("MultiSubnetFailover", Key::Other),
    ("Multiple Active Result Sets", Key::Other),
    ("Packet Size", Key::Other),
    ("Application Intent", Key::Other),
    ("ApplicationIntent", Key::Other),
    ("Workstation ID", Key::Other),
    ("Language", Key::Other),
    ("Max Pool Size", Key::Other),
    ("Min Pool Size", Key::Other),
    ("Pooling", Key::Other),
    ("Persist Security Info", Key::Other),
    ("Column Encryption Setting", Key::Other),
    ("Authentication", Key::Authentication),
    // node-mssql lib/base/connection-pool.js `_parseConnectionString`:
    // @tediousjs/connection-string src/schema/mssql-schema.ts (keys and
    // aliases), NODE_MSSQL_SCHEMA and the non-standard keys it passes on.
    ("Client Id", Key::Other),
    ("Client Secret", Key::Secret),
    ("Tenant Id", Key::Other),
    ("token", Key::Secret),
    ("msi endpoint", Key::Other),
    ("msi secret", Key::Secret),
    ("useUTC", Key::Other),
    ("parseJSON", Key::Other),
    ("stream", Key::Other),
    ("Asynchronous Processing", Key::Other),
    ("Async", Key::Other),
    ("AttachDbFilename", Key::Other),
    ("Extended Properties", Key::Other),
    ("Initial File Name", Key::Other),
    ("Timeout", Key::Other),
    ("Connection Lifetime", Key::Other),
    ("Load Balance Timeout", Key::Other),
    ("ConnectRetryCount", Key::Other),
    ("ConnectRetryInterval", Key::Other),
    ("Context Connection", Key::Other),
    ("Current Language", Key::Other),
    ("Enlist", Key::Other),
    ("Failover Partner", Key::Other),
    ("MultipleActiveResultSets", Key::Other),
    ("Network Library", Key::Other),
    ("Network", Key::Other),
    ("Net", Key::Other),
    ("PersistSecurityInfo", Key::Other),
    ("PoolBlockingPeriod", Key::Other),
    ("Replication", Key::Other),
    ("Transaction Binding", Key::Other),
    ("TransparentNetworkIPResolution", Key::Other),
    ("Type System Version", Key::Other),
    ("User Instance", Key::Other),
    ("WSID", Key::Other),
];

/// Keywords only node-mssql reads in a `key=value;` string (its
/// non-standard Azure AD keys and NODE_MSSQL_SCHEMA additions).
const NODE_MSSQL_ONLY: &[&str] = &[
    "client id",
    "client secret",
    "tenant id",
    "token",
    "msi endpoint",
    "msi secret",
    "useutc",
    "parsejson",
    "stream",
    "request timeout",
];

/// Keywords only go-mssqldb reads in a `key=value;` string.
const GO_ONLY: &[&str] = &[
    "app name",
    "dial timeout",
    "certificate",
    "tlsmin",
    "keepalive",
    "log",
    "disableretry",
    "protocol",
    "notraceid",
    "timezone",
    "epa enabled",
    "fedauth",
    "failoverport",
    "guid conversion",
    "krb5-configfile",
    "krb5-keytabfile",
    "krb5-realm",
    "krb5-credcachefile",
    "applicationclientid",
    "clientcertpath",
];

/// Is `key` a keyword only node-mssql reads (so a plain string holding it is
/// a node-mssql string)?
pub(crate) fn only_node_mssql(key: &str) -> bool {
    NODE_MSSQL_ONLY.contains(&normalize(key).as_str())
}

/// Is `key` a keyword only go-mssqldb reads?
pub(crate) fn only_go(key: &str) -> bool {
    GO_ONLY.contains(&normalize(key).as_str())
}

/// Is `key` read by FreeTDS's ODBC driver but not by Microsoft's
/// (`TDS_Version`, `Port`, `ClientCharset`, `Servername`…)?
pub(crate) fn only_freetds_odbc(key: &str) -> bool {
    lookup(FREETDS_ODBC, key).is_some() && lookup(ODBC, key).is_none()
}

const FREETDS_CONF: Table = &[
    ("host", Key::Server),
    ("port", Key::Port),
    ("instance", Key::Instance),
    ("encryption", Key::Encrypt),
    ("ca file", Key::TrustedCa),
    ("crl file", Key::Other),
    ("check certificate hostname", Key::CheckHostname),
    ("certificate hostname", Key::HostNameInCertificate),
    ("tds version", Key::TdsVersion),
    ("password", Key::Secret),
    ("user", Key::User),
    ("username", Key::User),
    ("database", Key::Other),
    ("client charset", Key::Other),
    ("dump file", Key::Other),
    ("dump file append", Key::Other),
    ("debug flags", Key::Other),
    ("timeout", Key::Other),
    ("connect timeout", Key::Other),
    ("text size", Key::Other),
    ("try server login", Key::Other),
    ("try domain login", Key::Other),
    ("nt domain", Key::Other),
    ("cross domain login", Key::Other),
    ("use ntlmv2", Key::Other),
    ("use lanman", Key::Other),
    ("enable gssapi delegation", Key::Other),
    ("realm", Key::Other),
    ("spn", Key::Other),
    ("initial block size", Key::Other),
    ("swap broken dates", Key::Other),
    ("use utc", Key::Other),
    ("emulate little endian", Key::Other),
    ("read-only intent", Key::Other),
    ("openssl ciphers", Key::Other),
    ("gnutls priority strings", Key::Other),
    ("enable tls v1", Key::Other),
    ("enable tls v1.1", Key::Other),
    ("tls min", Key::Other),
    ("hostname", Key::Other),
    ("asa database", Key::Other),
    ("server charset", Key::Other),
    ("language", Key::Other),
    ("string types", Key::Other),
    ("capabilities", Key::Other),
    ("mssql 2005 mars", Key::Other),
];

/// The keyword table of a driver in a dialect.
pub(crate) fn table(driver: DriverId, dialect: Dialect) -> Vec<(&'static str, Key)> {
    let parts: &[Table] = match (driver, dialect) {
        (DriverId::SqlClient | DriverId::SystemDataSqlClient, _) => &[ADO_SERVER, SQLCLIENT],
        (DriverId::Odbc, _) => &[ODBC],
        (DriverId::OleDb, _) => &[ADO_SERVER, OLEDB],
        (DriverId::Jdbc, _) => &[JDBC],
        (DriverId::GoMssqldb, _) => &[GO],
        (DriverId::Tedious, _) => &[ADO_SERVER, TEDIOUS],
        (DriverId::FreeTds, Dialect::Freetds) => &[FREETDS_CONF],
        (DriverId::FreeTds, _) => &[FREETDS_ODBC],
    };
    parts.iter().flat_map(|t| t.iter().copied()).collect()
}

/// Every keyword table, of every driver and dialect.
const EVERY_TABLE: [&[(&str, Key)]; 9] = [
    SQLCLIENT,
    ADO_SERVER,
    ODBC,
    FREETDS_ODBC,
    OLEDB,
    JDBC,
    GO,
    TEDIOUS,
    FREETDS_CONF,
];

/// Is `key` a keyword of any driver in any dialect?
pub(crate) fn known_anywhere(key: &str) -> bool {
    let k = normalize(key);
    EVERY_TABLE
        .iter()
        .any(|t| t.iter().any(|(name, _)| name.eq_ignore_ascii_case(&k)))
}

/// Is `key` a keyword of any driver, or a near-miss of one (a typo)? Text
/// after a secret that is neither is treated as part of the secret.
pub(crate) fn looks_like_keyword(key: &str) -> bool {
    if known_anywhere(key) {
        return true;
    }
    let all: Vec<(&'static str, Key)> =
        EVERY_TABLE.iter().flat_map(|t| t.iter().copied()).collect();
    suggest(&all, key).is_some()
}

/// Lower-case and collapse whitespace runs to one space.
pub(crate) fn normalize(key: &str) -> String {
    key.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Look a keyword up.
pub(crate) fn lookup(table: &[(&'static str, Key)], key: &str) -> Option<Key> {
    // Table names are ASCII with single spaces, so no normalisation is needed on their side.
    let k = normalize(key);
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(&k))
        .map(|(_, key)| *key)
}

/// Is this keyword (whatever the driver) a secret? Used by redaction, which
/// must hide secrets even under unknown or misspelled keywords: `Password`,
/// `PWD`, `PW`, `Pass`, `Passwd`, anything holding `secret`, `token` or
/// `passphrase`, keys that are secrets (`AccountKey`, `SharedAccessKey`,
/// `ApiKey`…), and near misspellings of `password` (`Pasword`, `Passw0rd`,
/// `Passowrd`: at most two edits, also at the end of a longer keyword such as
/// `trustStorePasword`).
pub(crate) fn is_secret_keyword(key: &str) -> bool {
    let k: String = key
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if k.chars().count() > 64 {
        // No keyword is that long; a long "keyword" is text to hide.
        return SECRET_WORDS.iter().any(|w| k.contains(w));
    }
    matches!(k.as_str(), "pw" | "pass" | "passwd" | "pwd")
        || k.ends_with("pwd")
        || k.ends_with("pass")
        || SECRET_WORDS.iter().any(|w| k.contains(w))
        || SECRET_KEYS.iter().any(|w| k.contains(w))
        || near_password(&k)
}

/// Parts of a keyword that make it a secret wherever they appear.
const SECRET_WORDS: &[&str] = &["password", "passwd", "secret", "token", "passphrase"];

/// `…key` keywords whose value is a secret (`key` alone is not one:
/// `KeyStoreAuthentication`, `Column Encryption Key…` are settings).
const SECRET_KEYS: &[&str] = &[
    "accountkey",
    "accesskey",
    "sharedkey",
    "clientkey",
    "apikey",
    "masterkey",
    "privatekey",
    "saskey",
];

/// Is the end of `k` (lower-case letters and digits) at most two edits away
/// from `password`? Digits stand for the letters they look like
/// (`passw0rd`).
fn near_password(k: &str) -> bool {
    const WORD: &str = "password";
    let k: Vec<char> = k
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            '4' => 'a',
            '5' => 's',
            c => c,
        })
        .collect();
    // Only suffixes as long as the word give or take two characters; with
    // fewer than six characters two edits reach too many words.
    (WORD.len() - 2..=WORD.len() + 2).any(|len| {
        k.len() >= len
            && k.get(k.len() - len..)
                .is_some_and(|tail| levenshtein_within(tail, WORD, 2).is_some())
    })
}

/// The closest known keyword to an unknown one ("did you mean").
pub(crate) fn suggest(table: &[(&'static str, Key)], key: &str) -> Option<&'static str> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect::<String>()
            .to_lowercase()
    };
    let k = squash(key);
    if k.is_empty() || k.chars().count() > 64 {
        return None;
    }
    let len = k.chars().count();
    let limit = (len / 3).clamp(1, 3);
    let k: Vec<char> = k.chars().collect();
    table
        .iter()
        .filter(|(name, _)| name.len().abs_diff(len) <= limit + 4)
        // The length difference bounds the distance from below; counted
        // without allocating (table names are ASCII, so lower-casing keeps it).
        .filter(|(name, _)| {
            let n = name
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_')
                .count();
            n.abs_diff(len) <= limit
        })
        .filter_map(|(name, _)| Some((*name, levenshtein_within(&k, &squash(name), limit)?)))
        .min_by_key(|(_, d)| *d)
        .map(|(n, _)| n)
}

/// [`levenshtein`] when it is at most `limit`, else `None`, without filling
/// the whole table: the length difference is a lower bound, and so is the
/// smallest value of a row (rows never decrease). `suggest` runs this against
/// every keyword of every driver for each pair after a secret, so it must be
/// cheap (fuzzing found it dominating connection-string analysis).
fn levenshtein_within(a: &[char], b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        if cur.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|&d| d <= limit)
}

/// Edit distance (two rows; inputs are short keywords). The reference for
/// [`levenshtein_within`].
#[cfg(test)]
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let t = table(DriverId::SqlClient, Dialect::AdoNet);
        assert_eq!(
            suggest(&t, "TrustServerCertficate"),
            Some("TrustServerCertificate")
        );
        assert_eq!(suggest(&t, "Encrpyt"), Some("Encrypt"));
        assert_eq!(suggest(&t, "Completely Different"), None);
        assert_eq!(
            lookup(&t, "trust   server certificate"),
            Some(Key::TrustServerCertificate)
        );
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        for (a, b) in [
            ("kitten", "sitting"),
            ("", "abc"),
            ("encrpyt", "encrypt"),
            ("abcdefgh", "x"),
        ] {
            let a_chars: Vec<char> = a.chars().collect();
            for limit in 0..6 {
                let full = levenshtein(a, b);
                assert_eq!(
                    levenshtein_within(&a_chars, b, limit),
                    (full <= limit).then_some(full),
                    "{a} {b} {limit}"
                );
            }
        }
    }

    #[test]
    fn secrets() {
        for k in [
            "Password",
            "PWD",
            "Access Token",
            "trustStorePassword",
            "keyStoreSecret",
            "password",
            "Pasword",
            "Passwrod",
            "Passw0rd",
            "Passowrd",
            "Pass",
            "PW",
            "Passwd",
            "DB_PASS",
            "AccountKey",
            "SharedAccessKey",
            "ClientSecret",
            "trustStorePasword",
        ] {
            assert!(is_secret_keyword(k), "{k}");
        }
        for k in [
            "Server",
            "Encrypt",
            "User ID",
            "TrustServerCertificate",
            "Persist Security Info",
            "Integrated Security",
            "Key",
            "KeyStoreAuthentication",
            "Column Encryption Setting",
            "Port",
            "Keyword",
        ] {
            assert!(!is_secret_keyword(k), "{k}");
        }
    }

    #[test]
    fn secret_detection_spares_settings() {
        // Every keyword of every driver that is flagged a secret means one,
        // except the path of a client key file, a callback class name and
        // go-mssqldb's token file path, hidden for their `clientkey` and `token`.
        let flagged: Vec<(&str, Key)> = EVERY_TABLE
            .iter()
            .flat_map(|t| t.iter().copied())
            .filter(|(name, key)| {
                is_secret_keyword(name) && !matches!(key, Key::Secret | Key::AccessToken)
            })
            .collect();
        assert_eq!(
            flagged,
            vec![
                ("ClientKey", Key::Other),
                ("accessTokenCallbackClass", Key::Other),
                ("clientKey", Key::Other),
                ("tokenfilepath", Key::Other)
            ],
            "settings read as secrets"
        );
    }
}
