//! Every rule, declared once. See the module above for the fields; the
//! order here is the catalogue's (families in `Family::ALL` order).
//!
//! Client-side fixes of `error.*` rules follow one order: trust the CA → fix the
//! name/SAN → HostNameInCertificate → TrustServerCertificate last. Server-side
//! fixes: thumbprint → key permissions for the service account → provider →
//! clear the Certificate value.

use super::sources::*;
use super::{declare_rules, RemedyKind};

/// The order of client-side fixes for certificate errors.
const CLIENT_FIX_ORDER: &str = "Work in this order: (1) trust the CA — install the issuing CA chain (root and intermediates) in the client's trust store (Windows: Trusted Root Certification Authorities of the machine; Linux: /usr/local/share/ca-certificates + update-ca-certificates; Java: the JVM truststore or trustStore=; Node: NODE_EXTRA_CA_CERTS or options.cryptoCredentialsDetails.ca; Go: system pool or certificate=); (2) fix the name — the name in Server/Data Source must be in the certificate's SAN; (3) only if you must connect by another name (IP, alias, listener), set HostNameInCertificate / hostNameInCertificate / serverName to a name the certificate holds; (4) TrustServerCertificate=True is the last resort: it turns off validation and is ignored under Encrypt=Strict.";

declare_rules! {
    // ------------------------------------------------------------ input.*
    /// `input.unrecognized`.
    InputUnrecognized {
        id: "input.unrecognized",
        severity: Warning,
        title: "Input not recognised",
        explanation: "The input is not a certificate (PEM, DER or base64), a PKCS#7 bundle (.p7b) or a PKCS#12 file (.pfx/.p12), so nothing in it could be checked.",
        fix: "Export the certificate again: from the Windows certificate dialog use \"Copy to File\" with DER or Base-64 X.509 (.CER), or export a .pfx with its private key.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.needs-full-module`.
    InputNeedsFullModule {
        id: "input.needs-full-module",
        severity: Info,
        title: "This file needs the full module",
        explanation: "The input is a certificate (PEM or DER), a PKCS#12 file (.pfx/.p12), a PKCS#7 bundle (.p7b/.p7c) or a private key, and this build of sqltls leaves out the code that opens them (X.509 decoding, decryption, CMS and signature checks) to stay small. Nothing in the file was checked.",
        fix: "Run the analysis again with the full module: the <sqltls-check> element loads it by itself for such files, and the sqltls page and command line always have it.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.empty`.
    InputEmpty {
        id: "input.empty",
        severity: Warning,
        title: "Input is empty",
        explanation: "The file has no content at all; an export or a copy did not complete.",
        fix: "Export or copy the file again and check that its size is not zero.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.malformed`.
    InputMalformed {
        id: "input.malformed",
        severity: Warning,
        title: "Input is damaged",
        explanation: "The input looks like a certificate, bundle or key file but its structure is broken: it was truncated, a line of a PEM block was lost, or it was converted as text when it is binary.",
        fix: "Copy the file in binary mode (not as text, not through e-mail bodies) or export it again.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.too-large`.
    InputTooLarge {
        id: "input.too-large",
        severity: Warning,
        title: "Input too large",
        explanation: "The input is far larger than any certificate, bundle or key file, so it was not read (this keeps the analysis fast and the page responsive).",
        fix: "Drop only the certificate, .p7b or .pfx files; extract the certificate from a larger archive first.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.not-a-file`.
    InputNotAFile {
        id: "input.not-a-file",
        severity: Warning,
        title: "Input is not a regular file",
        explanation: "The path names a folder, a named pipe (FIFO), a socket or a device such as /dev/zero, not a file. It was not opened: reading it could block forever or never end.",
        fix: "Give the path of the certificate, .p7b, .pfx or text file itself; to read a pipe, save its content to a file first.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.pfx-password-required`.
    InputPfxPasswordRequired {
        id: "input.pfx-password-required",
        severity: Warning,
        title: "The .pfx needs its password",
        explanation: "The PKCS#12 file is protected by a password and the empty password does not open it. Without it neither the certificate nor the key can be read.",
        fix: "Give the export password (--password, or the password box on the page). The password is used only to open the file and never appears in any output.",
        source: SQLTLS_INPUT,
        side: Input,
        prompts_password: true,
    }
    /// `input.pfx-wrong-password`.
    InputPfxWrongPassword {
        id: "input.pfx-wrong-password",
        severity: Warning,
        title: "Wrong .pfx password",
        explanation: "The password does not open the PKCS#12 file: its integrity check (MAC) or decryption fails with it.",
        fix: "Use the password chosen when the .pfx was exported; if it is lost, export the certificate with its private key again from the server's certificate store.",
        source: SQLTLS_INPUT,
        side: Input,
        prompts_password: true,
    }
    /// `input.pfx-unsupported-algorithm`.
    InputPfxUnsupportedAlgorithm {
        id: "input.pfx-unsupported-algorithm",
        severity: Warning,
        title: ".pfx protection algorithm not supported",
        explanation: "The PKCS#12 file uses a protection scheme sqltls cannot open (for example RC4, PBMAC1 or public-key integrity mode). Windows and OpenSSL exports use AES-256 (PBES2) or 3DES, which are supported.",
        fix: "Export again with AES-256 (Windows: \"TripleDES-SHA1\" or \"AES256-SHA256\" in the export wizard; OpenSSL 3: the default, or -legacy for 3DES).",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.pfx-iteration-limit`.
    InputPfxIterationLimit {
        id: "input.pfx-iteration-limit",
        severity: Warning,
        title: ".pfx iteration count too high to open here",
        explanation: "The PKCS#12 file asks for more password-hashing iterations than sqltls runs (1,000,000), which would freeze a browser tab for a long time. Normal exports use 2,000 to 600,000.",
        fix: "Export the .pfx again with the default settings of Windows or OpenSSL.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.key-too-large`.
    InputKeyTooLarge {
        id: "input.key-too-large",
        severity: Warning,
        title: "RSA key too large to verify signatures with",
        explanation: "The certificate's RSA key is larger than 8,192 bits. No CA uses such keys, and each signature check with one costs as much as hundreds of normal ones, so signatures are not verified with it: the chain through this certificate is linked by name only, and its signature shows as not checked.",
        fix: "Use the real CA certificate (RSA 2048 to 4096 bits, or ECDSA); a certificate with a larger key is not from a CA clients trust.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.chain-limited`.
    InputChainLimited {
        id: "input.chain-limited",
        severity: Warning,
        title: "Chain building stopped early",
        explanation: "Chain building checks a bounded number of signatures: at most 8 certificates sharing an issuer's name are tried as that issuer, and one analysis checks at most the work of 4,096 RSA-2048 signatures. The certificates given exceeded that (many look-alike CA certificates under one name), so some candidates were not tried and the chain may be shown incomplete or checked by name only.",
        fix: "Give only the certificates of the chain in question (server certificate, intermediates, root), not a collection of same-named CA certificates.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.pfx-bag-limit`.
    InputPfxBagLimit {
        id: "input.pfx-bag-limit",
        severity: Warning,
        title: ".pfx holds too many keys or certificates",
        explanation: "The PKCS#12 file holds more private keys or certificates than sqltls opens from one file (32 keys, 500 certificates); a SQL Server export holds one key and its chain. The ones beyond the limit were not read.",
        fix: "Export only the SQL Server certificate with its private key (and its chain) into the .pfx.",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `input.pfx-work-limit`.
    InputPfxWorkLimit {
        id: "input.pfx-work-limit",
        severity: Warning,
        title: ".pfx needs too much password hashing to open fully",
        explanation: "Every key and encrypted container in a PKCS#12 file is opened by hashing the password many times. sqltls spends at most 8,000,000 such iterations on one file (a normal export needs a few thousand); the parts of the file beyond that budget were not opened.",
        fix: "Export the .pfx again with the default settings of Windows or OpenSSL, holding only the SQL Server certificate, its key and its chain.",
        source: SQLTLS_INPUT,
        side: Input,
    }

    // ------------------------------------------------------------ cert.*
    /// `cert.expired`.
    CertExpired {
        id: "cert.expired",
        severity: Error,
        title: "Certificate has expired",
        explanation: "SQL Server checks validity when it starts or when the certificate is configured: an expired certificate stops the service from starting with it after the next restart (error 26014/17182), Configuration Manager 2019 and later no longer lists it, and validating clients (ODBC 18, Microsoft.Data.SqlClient 4+, JDBC, Go, Node) refuse the connection. A server that is already running keeps using it until it restarts.",
        fix: "Issue a new certificate with the same names, import it into LocalMachine\\My, grant the service account read access to its private key, select it (or set its thumbprint in the registry) and restart SQL Server.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate has expired",
    }
    /// `cert.not-yet-valid`.
    CertNotYetValid {
        id: "cert.not-yet-valid",
        severity: Error,
        title: "Certificate is not valid yet",
        explanation: "The certificate's notBefore date lies in the future. SQL Server will not load it and validating clients refuse it until that date. Usually the issuing machine's clock or time zone is wrong, or the certificate was issued with a future start date.",
        fix: "Wait until the start date, or issue the certificate again with a start date in the past; check the clocks of the CA, the server and the clients.",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate is not valid yet",
    }
    /// `cert.expires-soon`.
    CertExpiresSoon {
        id: "cert.expires-soon",
        severity: Warning,
        title: "Certificate expires soon",
        explanation: "The certificate expires within the warning window (30 days unless set with --warn-days). After that date SQL Server will not start with it at its next restart and validating clients refuse it.",
        fix: "Renew it now with the same names, install it, grant key access to the service account, select it and plan the SQL Server restart.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.eku-no-server-auth`.
    CertEkuNoServerAuth {
        id: "cert.eku-no-server-auth",
        severity: Error,
        title: "Not valid for server authentication (EKU)",
        explanation: "The Enhanced Key Usage extension does not include Server Authentication (1.3.6.1.5.5.7.3.1). SQL Server requires it: Configuration Manager does not list the certificate, SQL Server refuses it, and TLS clients reject it for a server.",
        fix: "Request a certificate from a template that includes Server Authentication (e.g. the \"Web Server\" or \"Computer\" template), or add the serverAuth EKU to the request.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate is not valid for server authentication",
    }
    /// `cert.key-usage-no-key-encipherment`.
    CertKeyUsageNoKeyEncipherment {
        id: "cert.key-usage-no-key-encipherment",
        severity: Warning,
        title: "Key usage lacks keyEncipherment",
        explanation: "SQL Server's certificate requirements expect the key usage to include key encipherment (and digital signature). Without it, TLS cipher suites that use RSA key transport cannot be used, older Windows clients fail the handshake, and Configuration Manager's checks (2019 and later) may reject the certificate.",
        fix: "Issue the certificate with key usage digitalSignature and keyEncipherment (the \"Web Server\" template does this).",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.key-usage-no-digital-signature`.
    CertKeyUsageNoDigitalSignature {
        id: "cert.key-usage-no-digital-signature",
        severity: Warning,
        title: "Key usage lacks digitalSignature",
        explanation: "Without the digitalSignature key usage the key cannot sign the ephemeral (ECDHE) key exchange that TLS 1.2 prefers and TLS 1.3 requires. Clients that enforce key usage (OpenSSL, Go, Java, Node) then fail the handshake unless an RSA key-transport suite is used; strict encryption (TLS 1.3) cannot work.",
        fix: "Issue the certificate with key usage digitalSignature and keyEncipherment.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.is-ca`.
    CertIsCa {
        id: "cert.is-ca",
        severity: Warning,
        title: "Server certificate is a CA certificate",
        explanation: "The certificate SQL Server would present has basic constraints cA=TRUE. Whoever holds its private key — here, the database server — can issue certificates that every client trusting it will accept for any name. Some TLS clients also refuse a CA certificate as a server certificate. It usually means the wrong certificate was picked.",
        fix: "Use an end-entity certificate (basic constraints cA=FALSE) issued for the server, and keep CA keys off servers.",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.self-signed`.
    CertSelfSigned {
        id: "cert.self-signed",
        severity: Warning,
        title: "Self-signed certificate",
        explanation: "The server certificate is its own issuer. Validating clients accept it only if this exact certificate is in each client's trusted root store (or Java trust store, or the OpenSSL CA bundle on Linux). It is fine for a lab; in production every new client must be set up by hand and there is no revocation.",
        fix: "Either install this certificate (without its key) in the Trusted Root Certification Authorities store of every client, or replace it with a certificate issued by your enterprise CA, whose root the clients already trust.",
        source: RFC5280,
        side: Client,
        remedies: &[RemedyKind::NewCertificate, RemedyKind::TrustRoot],
        concerns_trust_root: true,
    }
    /// `cert.self-generated-fallback`.
    CertSelfGeneratedFallback {
        id: "cert.self-generated-fallback",
        severity: Warning,
        title: "SQL Server's self-generated certificate",
        explanation: "CN=SSL_Self_Signed_Fallback is the certificate SQL Server generates at every startup when no certificate is configured. It encrypts the login (or everything, with ForceEncryption), but no client can ever validate it: it is new at each restart, self-signed and carries no server name. Clients connect only with TrustServerCertificate=True or with login-only encryption from a driver that does not validate the login handshake (go-mssqldb with encrypt given, and ODBC 17 / OLE DB 18 with Authentication, do validate it and fail), which leaves them open to an attacker on the network path. Its signature changed with SQL Server 2017: up to 2016 it is signed with SHA-1 (RSA 1024 on older builds), which OpenSSL clients at security level 2 (Linux ODBC, recent distributions) and vulnerability scanners reject; from 2017 it is signed with SHA-256 (2022: RSA 3072).",
        fix: "Configure a real certificate: issue one from your CA (or a lab self-signed one) with the server's FQDN in the SAN, Server Authentication EKU, RSA 2048+ in a legacy CSP with KeySpec AT_KEYEXCHANGE; select it in Configuration Manager (or set its thumbprint in the registry), restart SQL Server, and remove TrustServerCertificate=True from connection strings.",
        source: FALLBACK_HASH_CHANGE,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate is not trusted (it is SQL Server's self-generated one)",
    }
    /// `cert.weak-signature-sha1`.
    CertWeakSignatureSha1 {
        id: "cert.weak-signature-sha1",
        severity: Warning,
        title: "Signed with SHA-1",
        explanation: "The certificate is signed with SHA-1. SQL Server loads it, but clients using OpenSSL at security level 2 (ODBC and pymssql on current Linux distributions, SQL Server on Linux peers) refuse it, and vulnerability scanners flag it. SQL Server's own self-generated certificate was SHA-1 up to SQL Server 2016.",
        fix: "Issue a new certificate signed with SHA-256 (or stronger); on an enterprise CA, set the CA's hash algorithm to SHA256.",
        source: LINUX_ENCRYPTION,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.weak-signature-md5`.
    CertWeakSignatureMd5 {
        id: "cert.weak-signature-md5",
        severity: Error,
        title: "Signed with MD5",
        explanation: "The certificate is signed with MD5 (or MD2). Under TLS 1.2 Windows refuses MD5 signatures, so connections fail with \"An existing connection was forcibly closed by the remote host\" (10054) or \"no common algorithm\"; OpenSSL and Java clients reject it outright.",
        fix: "Issue a new certificate signed with SHA-256 (or stronger).",
        source: TLS_CONNECTION_CLOSED,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate is signed with MD5",
    }
    /// `cert.rsa-key-too-small`.
    CertRsaKeyTooSmall {
        id: "cert.rsa-key-too-small",
        severity: Warning,
        title: "RSA key smaller than 2048 bits",
        explanation: "The RSA key has fewer than 2048 bits. SQL Server loads it, but clients using OpenSSL at security level 2 (Linux ODBC and pymssql, SQL Server on Linux) reject keys below 2048 bits, and Microsoft's own certificate template uses 2048.",
        fix: "Issue a new certificate with an RSA key of 2048 bits or more (KeyLength = 2048 in the certreq INF, -KeyLength 2048 in New-SelfSignedCertificate).",
        source: LINUX_ENCRYPTION,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.ecdsa-key`.
    CertEcdsaKey {
        id: "cert.ecdsa-key",
        severity: Error,
        title: "Key is not RSA (SQL Server on Windows needs RSA)",
        explanation: "SQL Server on Windows needs an RSA key held in a legacy CryptoAPI provider with KeySpec AT_KEYEXCHANGE. ECDSA (and other non-RSA) keys can only live in CNG providers, so Configuration Manager does not list the certificate and SQL Server will not load it. SQL Server on Linux reads PEM files through OpenSSL and is not bound by this.",
        fix: "Issue an RSA 2048 (or larger) certificate for the server; keep ECDSA certificates for other services.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.private-key-missing`.
    CertPrivateKeyMissing {
        id: "cert.private-key-missing",
        severity: Error,
        title: "The certificate has no private key",
        explanation: "This PKCS#12 file carries the certificate but not its private key, or the server's certificate store shows it without one (certutil: \"No key provider information\", \"Missing stored keyset\"; PowerShell: HasPrivateKey False). On the server the certificate has no key: Configuration Manager does not list it and SQL Server cannot use it (error 33566, \"certificate has no private key\").",
        fix: "Export again from the machine that holds the key with \"Yes, export the private key\" (Export-PfxCertificate, or openssl pkcs12 -export -inkey), or complete the request on the machine where it was created (certreq -accept).",
        source: CERT_REQUIREMENTS,
        side: Server,
    }
    /// `cert.private-key-mismatch`.
    CertPrivateKeyMismatch {
        id: "cert.private-key-mismatch",
        severity: Error,
        title: "The private key belongs to no certificate given",
        explanation: "The PKCS#12 file holds a private key, but its public half matches none of the certificates in the file; or the private-key files given with the certificate (SQL Server on Linux: network.tlskey) are the keys of other certificates. The server certificate then has no usable key, so SQL Server cannot use it.",
        fix: "Export the certificate together with its own key from the machine where the request was created; check that the thumbprint of the exported certificate is the one configured.",
        source: CERT_REQUIREMENTS,
        side: Server,
    }
    /// `cert.keyspec-signature`.
    CertKeyspecSignature {
        id: "cert.keyspec-signature",
        severity: Error,
        title: "Key was created for signatures only (AT_SIGNATURE)",
        explanation: "The .pfx marks the private key with KeySpec AT_SIGNATURE (key usage attribute 0x80). SQL Server requires AT_KEYEXCHANGE: Configuration Manager does not offer such a certificate and SQL Server fails to load it.",
        fix: "Create the key with KeySpec = 1 (AT_KEYEXCHANGE): certreq INF \"KeySpec = 1\" with ProviderName \"Microsoft RSA SChannel Cryptographic Provider\", New-SelfSignedCertificate -KeySpec KeyExchange, or re-export with openssl pkcs12 -export -keyex -CSP \"Microsoft RSA SChannel Cryptographic Provider\" and import again.",
        source: PKCS12_MS_ATTRIBUTES,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.cng-key-provider`.
    CertCngKeyProvider {
        id: "cert.cng-key-provider",
        severity: Warning,
        title: "Private key is in a CNG key storage provider",
        explanation: "The .pfx names a CNG key storage provider (KSP) for the private key. SQL Server's documentation requires a legacy CryptoAPI provider (such as \"Microsoft RSA SChannel Cryptographic Provider\"). SQL Server 2016 Configuration Manager hides such certificates and 2016 and earlier fail to load them; 2019 and later have been seen loading them when the thumbprint is set in the registry, which is not documented.",
        fix: "Re-create the key in the legacy provider: certreq INF ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\" with KeySpec = 1, or convert the existing .pfx with openssl (pkcs12 -export -CSP \"Microsoft RSA SChannel Cryptographic Provider\" -keyex) and import it again.",
        source: CNG_REPORTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.store-current-user`.
    CertStoreCurrentUser {
        id: "cert.store-current-user",
        severity: Error,
        title: "The certificate is in a user's store, not the computer's",
        explanation: "The store dump shows the certificate in CurrentUser\\My (certutil -user, Cert:\\CurrentUser). SQL Server Configuration Manager lists only certificates of the computer's store LocalMachine\\My, so this one is not offered. SQL Server itself takes a certificate from the computer's store or from the store of its own service account: unless the user who ran the command is that account, a thumbprint pointing at this certificate fails at startup.",
        fix: "Import the certificate with its private key into the computer's Personal store: export it from the user's store as a .pfx and run `certutil -importPFX My file.pfx` (or Import-PfxCertificate -CertStoreLocation Cert:\\LocalMachine\\My) as an administrator; then give the service account read access to its key.",
        source: CERT_REQUIREMENTS,
        side: Server,
        remedies: &[RemedyKind::KeyAccess],
    }
    /// `cert.store-not-personal`.
    CertStoreNotPersonal {
        id: "cert.store-not-personal",
        severity: Error,
        title: "The certificate is not in the Personal (My) store",
        explanation: "The store dump lists the certificate in a store other than Personal (My), for example Trusted Root Certification Authorities or Web Hosting. Configuration Manager and SQL Server look for the server certificate only in LocalMachine\\My.",
        fix: "Import the certificate with its private key into LocalMachine\\My (`certutil -importPFX My file.pfx`, or the Certificates snap-in of the computer account, Personal > All Tasks > Import).",
        source: CERT_REQUIREMENTS,
        side: Server,
        remedies: &[RemedyKind::KeyAccess],
    }
    /// `cert.store-key-test-failed`.
    CertStoreKeyTestFailed {
        id: "cert.store-key-test-failed",
        severity: Error,
        title: "certutil could not use the private key",
        explanation: "certutil's encryption or signature test with the certificate's private key failed: the key is damaged, belongs to another certificate, or cannot be opened by the account that ran certutil. SQL Server cannot use a key that does not work.",
        fix: "Run `certutil -repairstore My <thumbprint>` as an administrator and test again; if the test still fails, import the certificate again from a .pfx that holds its own key.",
        source: CERT_REQUIREMENTS,
        side: Server,
        remedies: &[RemedyKind::KeyAccess],
    }
    /// `cert.store-key-not-exportable`.
    CertStoreKeyNotExportable {
        id: "cert.store-key-not-exportable",
        severity: Info,
        title: "The private key is marked not exportable",
        explanation: "The store dump says the private key cannot be exported. That does not stop SQL Server from using it, but the key cannot be moved to another provider or machine: changing its provider or KeySpec means a new key and a new certificate.",
        fix: "Nothing to do for SQL Server itself. To move the certificate (another node of a cluster, a new server) request a new certificate there, or re-issue this one with an exportable key.",
        source: CERT_REQUIREMENTS,
        side: Server,
    }
    /// `cert.store-facts-unknown`.
    CertStoreFactsUnknown {
        id: "cert.store-facts-unknown",
        severity: Info,
        title: "The store dump does not show everything the verdict needs",
        explanation: "A plain `certutil -store` listing shows names, validity, thumbprint and the private key, but no extensions (EKU, SAN, key usage); PowerShell's listing shows names and EKU but not the key's provider or KeySpec. Where a fact is missing the answer is \"depends\", and the message names the command whose output shows it.",
        fix: "Run the command named in the message on the server and paste its output too (or export the certificate with `certutil -store My <thumbprint> sql.cer` and drop sql.cer).",
        source: SQLTLS_INPUT,
        side: Input,
    }
    /// `cert.name-not-fqdn`.
    CertNameNotFqdn {
        id: "cert.name-not-fqdn",
        severity: Warning,
        title: "No fully qualified name in the certificate",
        explanation: "Neither the common name nor a SAN DNS entry contains a dot. SQL Server expects the subject to be the server's FQDN (a short host name works only when clients connect with exactly that short name), and clients that connect by FQDN fail with \"The target principal name is incorrect\".",
        fix: "Issue the certificate with CN = the server's FQDN and a SAN listing the FQDN, the short name and every alias, listener or virtual name clients use.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.no-san`.
    CertNoSan {
        id: "cert.no-san",
        severity: Warning,
        title: "No Subject Alternative Name",
        explanation: "The certificate has no SAN DNS or IP entries, only a common name. Modern clients ignore the common name: Go (go-mssqldb, \"relies on legacy Common Name field\"), Node (tedious) and browsers refuse it, and mssql-jdbc and Microsoft.Data.SqlClient's managed SNI read SAN first. A SAN is also where aliases, AG listeners and FCI virtual names go.",
        fix: "Issue the certificate with a SAN extension listing every name clients use (FQDN, short name, aliases, listener names; IP addresses only if clients connect by IP).",
        source: CLIENT_NAME_CHECKS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `cert.wildcard`.
    CertWildcard {
        id: "cert.wildcard",
        severity: Warning,
        title: "Wildcard certificate: not selectable in Configuration Manager",
        explanation: "SQL Server accepts wildcard certificates (since 2008 R2), but SQL Server Configuration Manager does not offer them in its certificate list. Client support varies: the wildcard covers exactly one left-most label, so *.corp.example.com matches sql01.corp.example.com but not sql01 or a.b.corp.example.com, and mssql-jdbc applies stricter rules.",
        fix: "Set the certificate's thumbprint directly in the registry value HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL<NN>.<instance>\\MSSQLServer\\SuperSocketNetLib\\Certificate (40 hex digits, no spaces or invisible characters), grant the service account read access to the key and restart SQL Server.",
        source: ENABLE_ENCRYPTED,
        side: Certificate,
        remedies: &[RemedyKind::RegistryThumbprint, RemedyKind::NewCertificate],
    }
    /// `cert.chain-incomplete`.
    CertChainIncomplete {
        id: "cert.chain-incomplete",
        severity: Warning,
        title: "Chain does not link up: an intermediate is missing",
        explanation: "The certificates given together do not form a chain from the server certificate to a root: the certificate that issued one of them is not among them (or a certificate with that name is there but its key does not verify the signature). Clients that do not already have the missing intermediate cannot build the chain and report \"The certificate chain was issued by an authority that is not trusted\" or \"unable to verify the first certificate\".",
        fix: "Install the missing intermediate CA certificate in the server's Intermediate Certification Authorities store (SQL Server sends what Windows can build), and give clients the root; export the full chain (.p7b \"include all certificates in the path\") to check it here.",
        source: RFC5280,
        side: Server,
        concerns_trust_root: true,
    }
    /// `cert.chain-root-required`.
    CertChainRootRequired {
        id: "cert.chain-root-required",
        severity: Info,
        title: "Clients must trust this root",
        explanation: "Offline there is no trust store to check against: a validating client accepts the certificate only if the root CA named here is in its trusted roots (Windows Trusted Root Certification Authorities, the Java trust store, or the OpenSSL CA bundle on Linux). A private enterprise CA is normal; it just has to be distributed to clients.",
        fix: "Make sure every client trusts the named root: Group Policy or certutil -addstore Root on Windows, keytool -importcert into the trust store for Java, update-ca-certificates on Linux.",
        source: RFC5280,
        side: Client,
        remedies: &[RemedyKind::TrustRoot],
        concerns_trust_root: true,
    }
    /// `cert.intermediate-expired`.
    CertIntermediateExpired {
        id: "cert.intermediate-expired",
        severity: Error,
        title: "An intermediate CA certificate has expired",
        explanation: "A CA certificate between the server certificate and the root is past its end date at the evaluation instant. Every validating client (Schannel, OpenSSL, Java, Go, Node, .NET) checks the validity of each certificate of the chain and refuses the connection, even though the server certificate itself is still valid.",
        fix: "Install the renewed intermediate CA certificate (from the CA's publication point or the CA server) in the server's Intermediate Certification Authorities store and remove the expired one; if the CA itself was not renewed, the server certificate must be issued again by a valid CA.",
        source: RFC5280,
        side: Server,
        refusal: "an intermediate CA certificate of its chain has expired",
    }
    /// `cert.intermediate-not-yet-valid`.
    CertIntermediateNotYetValid {
        id: "cert.intermediate-not-yet-valid",
        severity: Error,
        title: "An intermediate CA certificate is not valid yet",
        explanation: "A CA certificate between the server certificate and the root starts its validity after the evaluation instant. Every validating client checks the validity of each certificate of the chain and refuses the connection until that date; a wrong clock on the CA or on the client is the usual cause.",
        fix: "Check the clocks of the CA and of the clients; if the intermediate was issued with a future start date, wait for it or issue it again with a correct one.",
        source: RFC5280,
        side: Server,
        refusal: "an intermediate CA certificate of its chain is not valid yet",
    }
    /// `cert.intermediate-not-ca`.
    CertIntermediateNotCa {
        id: "cert.intermediate-not-ca",
        severity: Error,
        title: "The issuer of a certificate in the chain is not a CA",
        explanation: "A certificate that signed another certificate of the chain lacks basic constraints cA=TRUE. Clients accept only CA certificates as issuers: an end-entity certificate cannot issue certificates, so every validating client refuses the chain.",
        fix: "Issue the server certificate from a real CA (an intermediate or root with basic constraints cA=TRUE), and install that CA's chain.",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "a certificate of its chain that issued another is not a CA",
    }
    /// `cert.intermediate-key-usage`.
    CertIntermediateKeyUsage {
        id: "cert.intermediate-key-usage",
        severity: Error,
        title: "An intermediate CA certificate may not sign certificates",
        explanation: "A CA certificate of the chain has a key usage extension without keyCertSign, so its key may not sign certificates. Validating clients refuse a certificate signed by it.",
        fix: "Reissue the intermediate CA certificate with keyCertSign in its key usage, then install it in the server's Intermediate Certification Authorities store.",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "an intermediate CA certificate of its chain may not sign certificates",
    }
    /// `cert.intermediate-path-length`.
    CertIntermediatePathLength {
        id: "cert.intermediate-path-length",
        severity: Error,
        title: "A CA certificate's path length constraint is exceeded",
        explanation: "A CA certificate of the chain limits, with basic constraints pathLenConstraint, how many intermediate CA certificates may follow it, and the chain has more below it. Validating clients refuse the chain.",
        fix: "Issue the server certificate from a CA closer to that one (fewer intermediates below it), or reissue the constraining CA certificate with a larger path length.",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "a CA certificate of its chain allows fewer intermediates below it",
    }
    /// `cert.intermediate-eku`.
    CertIntermediateEku {
        id: "cert.intermediate-eku",
        severity: Error,
        title: "An intermediate CA certificate is not for server authentication",
        explanation: "A CA certificate of the chain has an extended key usage extension without serverAuth (or anyExtendedKeyUsage). Schannel, OpenSSL and the clients built on them take a CA's extended key usage as a limit on what it may issue, and refuse its server certificates.",
        fix: "Issue the server certificate from a CA whose certificate allows serverAuth (or has no extended key usage extension).",
        source: RFC5280,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "an intermediate CA certificate of its chain is not for server authentication",
    }

    // ------------------------------------------------------------ conn.*
    /// `conn.syntax-error`.
    ConnSyntaxError {
        id: "conn.syntax-error",
        severity: Error,
        title: "Connection string does not parse",
        explanation: "The text does not follow the driver's connection-string grammar: a keyword without '=', an unterminated quote or brace, or text that fits no known format. The driver rejects such a string before it opens any connection, and the rest of this analysis may be based on a partial reading.",
        fix: "Correct the string at the given character position. Quote values that contain ';' with single or double quotes (ADO.NET, OLE DB; double a quote inside), or braces (ODBC, JDBC; double a '}' inside).",
        source: CONNECTION_STRING_SYNTAX,
        side: Client,
    }
    /// `conn.unknown-keyword`.
    ConnUnknownKeyword {
        id: "conn.unknown-keyword",
        severity: Warning,
        title: "Keyword the driver does not know",
        explanation: "The driver does not recognise this keyword, or not in this version. SqlClient throws 'Keyword not supported'; ODBC, JDBC and go-mssqldb silently ignore it, so a misspelled TrustServerCertificate or Encrypt quietly leaves the default in force.",
        fix: "Use the suggested spelling, or remove the keyword; for a keyword added in a later driver version, upgrade the driver or drop the keyword.",
        source: CONNECTION_STRING_SYNTAX,
        side: Client,
    }
    /// `conn.invalid-value`.
    ConnInvalidValue {
        id: "conn.invalid-value",
        severity: Error,
        title: "Value the driver rejects",
        explanation: "The driver does not accept this value (for example JDBC rejects encrypt=yes, ODBC Driver 17 knows no Encrypt=strict, tedious needs a boolean), or the driver id given to sqltls is unknown. The connection fails with a configuration error before any TLS happens.",
        fix: "Use one of the values listed in the message for this driver and version.",
        source: CONNECTION_STRING_SYNTAX,
        side: Client,
        remedies: &[RemedyKind::ConnectionFix],
    }
    /// `conn.encrypt-disabled`.
    ConnEncryptDisabled {
        id: "conn.encrypt-disabled",
        severity: Warning,
        title: "Connection is not (fully) encrypted",
        explanation: "With these settings, this driver and this server configuration, either nothing is encrypted or only the login packet is. Queries, results and (for login-only) everything after the login cross the network in clear text. Most drivers accept any certificate for the login-only handshake; go-mssqldb with encrypt given, ODBC Driver 17 and OLE DB Driver 18 with Authentication, and FreeTDS with a ca file validate it even then, so a certificate they cannot validate makes the connection fail although the data is not encrypted.",
        fix: "Make sure clients trust the CA that issued the server certificate and that the certificate names the host clients use, then set Encrypt=Mandatory/true (or Strict on SQL Server 2022+), or turn on Force Encryption on the server. Do not add TrustServerCertificate=true to make it work.",
        source: DRIVER_ENCRYPTION_BEHAVIOUR,
        side: Client,
        remedies: &[RemedyKind::ConnectionFix],
    }
    /// `conn.trust-server-certificate`.
    ConnTrustServerCertificate {
        id: "conn.trust-server-certificate",
        severity: Warning,
        title: "TrustServerCertificate turns off certificate validation",
        explanation: "The connection is encrypted but the server certificate is accepted without checking who issued it or which name it carries. An attacker on the network path can present any certificate, impersonate the server and read or alter all traffic, including the login credentials.",
        fix: "Trust the issuing CA on the client (install the root and intermediates, or use the driver's trust store option); make sure the certificate's SAN contains the name clients connect with; if clients must use another name, set HostNameInCertificate (serverName, hostNameInCertificate); then remove TrustServerCertificate (set it to false). Keep it only as a last resort on trusted networks.",
        source: TRUST_SERVER_CERTIFICATE,
        side: Client,
        remedies: &[RemedyKind::ConnectionFix],
    }
    /// `conn.certificate-not-validated`.
    ConnCertificateNotValidated {
        id: "conn.certificate-not-validated",
        severity: Warning,
        title: "Encrypted, but this driver does not validate the certificate",
        explanation: "The connection is encrypted, yet the driver accepts any server certificate without TrustServerCertificate being set: older generations (System.Data.SqlClient, Microsoft.Data.SqlClient 1.x, ODBC 17, OLE DB 18, JDBC 10.1 and older) encrypt without checking when only the server forces encryption, and FreeTDS checks only when a `ca file` is configured. An attacker on the network path can impersonate the server and read or alter the traffic, including the credentials.",
        fix: "Ask for encryption on the client (Encrypt=Mandatory/yes/true) so the certificate is validated, or move to a driver generation that validates when the server forces encryption (Microsoft.Data.SqlClient 2.0+, ODBC 18, OLE DB 19, JDBC 10.2+); for FreeTDS set `ca file` (a CA bundle or `system`). Make sure clients trust the issuing CA and that the certificate names the host they use.",
        source: TRUST_SERVER_CERTIFICATE,
        side: Client,
    }
    /// `conn.host-is-ip`.
    ConnHostIsIp {
        id: "conn.host-is-ip",
        severity: Warning,
        title: "Server is given by IP address",
        explanation: "The client validates the name it connected with. With an IP address that is the address itself, and server certificates rarely carry IP address SAN entries, so validation fails ('The target principal name is incorrect', 'Hostname/IP does not match certificate's altnames'). Some drivers (JDBC before 13.4) never match IP SANs at all.",
        fix: "Connect with the DNS name that is in the certificate; or keep the IP and set HostNameInCertificate (serverName, hostNameInCertificate) to a name the certificate carries; or issue the certificate with an IP SAN entry.",
        source: VALIDATED_NAME,
        side: Client,
        remedies: &[RemedyKind::ConnectionFix, RemedyKind::NewCertificate],
    }
    /// `conn.default-changed`.
    ConnDefaultChanged {
        id: "conn.default-changed",
        severity: Info,
        title: "This string behaves differently across driver versions",
        explanation: "Driver upgrades changed encryption defaults (SqlClient 4.0, ODBC 18, OLE DB 19 and JDBC 10.2 encrypt and validate by default; SqlClient 2.0 and JDBC 10.2 validate when the server forces encryption; tedious changed TrustServerCertificate's default several times). The same string can work unencrypted on one version and fail with 'certificate chain not trusted' after an upgrade.",
        fix: "Make the behaviour explicit and version-independent: trust the CA and fix the certificate's names first, then set Encrypt (and only if unavoidable TrustServerCertificate) explicitly in the string.",
        source: DRIVER_ENCRYPTION_BEHAVIOUR,
        side: Client,
    }
    /// `conn.strict-requirements`.
    ConnStrictRequirements {
        id: "conn.strict-requirements",
        severity: Info,
        title: "Strict encryption (TDS 8.0) has requirements",
        explanation: "Strict encryption runs TLS before any TDS traffic and always validates the certificate; TrustServerCertificate is ignored. It needs SQL Server 2022 or later (or Azure SQL) and a strict-capable driver version: the message names the first one for the driver in use. TLS 1.3 is available only with strict and on Windows Server 2022 or later. With Force Strict Encryption on the server, availability groups, failover cluster instances, replication, log shipping, sqlcmd, bcp, SQL Agent, Database Mail, linked servers and PolyBase do not work in SQL Server 2022.",
        fix: "Make sure the server is SQL Server 2022+ with a certificate clients trust and whose SAN contains the name they use, upgrade the drivers to the version the message names, and keep TLS 1.2 enabled for the services that cannot use strict.",
        source: TDS8_STRICT,
        side: Client,
    }
    /// `conn.server-certificate-pin`.
    ConnServerCertificatePin {
        id: "conn.server-certificate-pin",
        severity: Warning,
        title: "ServerCertificate pins one certificate",
        explanation: "With ServerCertificate the driver compares the server's certificate byte for byte with the given file and, when they are equal, skips the chain, name and expiry checks. The connection breaks the day the server certificate is renewed, and an expired or mis-issued certificate keeps being accepted.",
        fix: "Prefer trusting the issuing CA and a certificate whose SAN contains the host name (HostNameInCertificate if clients use another name); if you keep the pin, plan to update every client when the certificate is renewed.",
        source: DRIVER_ENCRYPTION_BEHAVIOUR,
        side: Client,
    }
    /// `conn.localdb-unencrypted`.
    ConnLocaldbUnencrypted {
        id: "conn.localdb-unencrypted",
        severity: Info,
        title: "LocalDB connections are not encrypted",
        explanation: "Microsoft.Data.SqlClient 4.0 and later turn encryption off for (localdb) instances: the connection stays on the local machine (shared memory / named pipes) and no certificate is involved.",
        fix: "Nothing to do for LocalDB. Connections to a real server use Encrypt=Mandatory by default and need a trusted certificate.",
        source: DRIVER_ENCRYPTION_BEHAVIOUR,
        side: Client,
    }
    /// `conn.secret-present`.
    ConnSecretPresent {
        id: "conn.secret-present",
        severity: Info,
        title: "Connection string carries a secret",
        explanation: "The string contains a password, access token or similar secret. sqltls never stores or prints it: it is replaced by <redacted> in every output.",
        fix: "Keep connection strings with secrets out of source control and logs; prefer integrated or Entra ID authentication, or a secret store.",
        source: CONNECTION_STRING_SYNTAX,
        side: Client,
    }

    // ------------------------------------------------------------ match.*
    /// `match.host-name-mismatch`.
    MatchHostNameMismatch {
        id: "match.host-name-mismatch",
        severity: Error,
        title: "Certificate does not cover the name the client validates",
        explanation: "The client validates the certificate against the name it connects with (or HostNameInCertificate), and this certificate carries no matching SAN entry (or CN, for drivers that still read it). The connection fails with 'The target principal name is incorrect' (0x80090322), JDBC 'Failed to validate the server name', Node 'Hostname/IP does not match certificate's altnames' or Go 'x509: certificate is valid for …, not …'.",
        fix: "Add the name clients use (FQDN, short name, alias, listener or cluster name) to the certificate's SAN and reissue it; or connect with a name the certificate already has; or set HostNameInCertificate (JDBC hostNameInCertificate, tedious serverName, FreeTDS certificate hostname) to a name in the certificate. TrustServerCertificate is not a fix.",
        source: NAME_MATCHING,
        side: Certificate,
        remedies: &[RemedyKind::ConnectionFix, RemedyKind::NewCertificate],
    }
    /// `match.host-name-ok`.
    MatchHostNameOk {
        id: "match.host-name-ok",
        severity: Info,
        title: "Certificate covers the name the client validates",
        explanation: "The name this driver validates matches an entry of the certificate under the driver's rules (SAN, CN fallback where the driver still reads it, wildcard rules). Name validation will pass; the chain must still be trusted by the client.",
        fix: "Nothing to do for the name. Make sure clients trust the issuing CA.",
        source: NAME_MATCHING,
        side: Client,
    }
    /// `match.local-name`.
    MatchLocalName {
        id: "match.local-name",
        severity: Warning,
        title: "localhost / '.' / (local): the validated name depends on the client stack",
        explanation: "For localhost, '.' and (local) the Windows native network layer (ODBC, OLE DB, System.Data.SqlClient, SqlClient on .NET Framework/Windows) validates the machine's own name, while managed SNI (SqlClient on Linux/macOS and optionally Windows) and other stacks validate the literal text. Whether this certificate passes therefore depends on where and how the client runs, and sqltls does not guess.",
        fix: "Connect with the machine's DNS name as it appears in the certificate's SAN, or set HostNameInCertificate to it; or add 'localhost' to the SAN for local tools.",
        source: LOCAL_NAMES,
        side: Client,
    }
    /// `match.thumbprint-found`.
    MatchThumbprintFound {
        id: "match.thumbprint-found",
        severity: Info,
        title: "The thumbprint SQL Server names is one of the dropped certificates",
        explanation: "A thumbprint from the ERRORLOG, the registry export or the error message (compared ignoring case, spaces and invisible characters) is the SHA-1 thumbprint of a dropped certificate. That certificate's own findings explain what is wrong with it — expiry, EKU, key provider, names, chain.",
        fix: "Read the findings of that certificate. If the server cannot load it, check as well that the service account can read its private key.",
        source: THUMBPRINT_NAMING,
        side: Server,
    }
    /// `match.thumbprint-not-dropped`.
    MatchThumbprintNotDropped {
        id: "match.thumbprint-not-dropped",
        severity: Warning,
        title: "SQL Server names a certificate that was not dropped",
        explanation: "The thumbprint SQL Server is configured with, loaded or failed to load matches none of the certificates given to sqltls, so that certificate cannot be checked — and if no such certificate exists in LocalMachine\\My on the server, that alone explains a load failure.",
        fix: "On the server run `certutil -store My <thumbprint>` (or `Get-ChildItem Cert:\\LocalMachine\\My\\<thumbprint>`): if it is not found, the configured thumbprint is wrong or the certificate was removed. If it is found, export it (`certutil -store My <thumbprint> sql.cer`, or `Export-Certificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath sql.cer`) and drop the file here.",
        source: THUMBPRINT_NAMING,
        side: Server,
    }

    // ------------------------------------------------------------ error.*
    /// `error.untrusted-root`.
    ErrorUntrustedRoot {
        id: "error.untrusted-root",
        severity: Error,
        title: "The client does not trust the certificate's issuer",
        explanation: "The client validated the server certificate and could not build a chain to a root it trusts (SEC_E_UNTRUSTED_ROOT 0x80090325, OpenSSL \"unable to get local issuer certificate\", Java PKIX, Go \"unknown authority\", Node \"self-signed certificate\" / \"unable to verify the first certificate\"). Typical causes: a certificate from an internal CA whose root is not on the client, a self-signed certificate, SQL Server's self-generated fallback certificate (no certificate configured), or a missing intermediate. It often appears right after upgrading to a driver that encrypts and validates by default (Microsoft.Data.SqlClient 4+, ODBC 18, OLE DB 19, JDBC 10.2+).",
        fix: CLIENT_FIX_ORDER,
        source: CHAIN_NOT_TRUSTED,
        side: Client,
        remedies: &[RemedyKind::TrustRoot],
        refusal: "the client does not trust the certificate's issuer",
    }
    /// `error.name-mismatch`.
    ErrorNameMismatch {
        id: "error.name-mismatch",
        severity: Error,
        title: "The name the client connected to is not in the certificate",
        explanation: "The chain is trusted but the name the client validated (the host part of Server/Data Source, or HostNameInCertificate) is not among the certificate's names (SEC_E_WRONG_PRINCIPAL 0x80090322 \"The target principal name is incorrect\", JDBC \"Failed to validate the server name\", Go \"certificate is valid for a, not b\", Node \"Hostname/IP does not match certificate's altnames\"). Typical: connecting by short name, IP address, alias/CNAME, AG listener or FCI network name, or localhost, to a certificate issued for another name.",
        fix: "Check which name the client validates (host part of the server name, without tcp:, \\instance and ,port). Then: (1) the CA must already be trusted; (2) reissue the certificate with every name clients use in its SAN (FQDN, short name, aliases, listener and FCI names, IPs if used); (3) or set HostNameInCertificate (ODBC/OLE DB/SqlClient), hostNameInCertificate (JDBC), HostNameInCertificate (Go) or options.serverName (tedious) to a name the certificate holds; (4) TrustServerCertificate=True only as a last resort.",
        source: NAME_VALIDATION,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the name the client connected with is not in the certificate",
    }
    /// `error.no-san`.
    ErrorNoSan {
        id: "error.no-san",
        severity: Error,
        title: "The certificate has no Subject Alternative Name (Go rejects CN-only certificates)",
        explanation: "Go 1.15 and later (go-mssqldb, sqlcmd go) ignore the Common Name and validate only the SAN extension: a certificate with the host name only in CN fails with \"x509: certificate relies on legacy Common Name field, use SANs instead\". Node and recent JDBC drivers behave the same way.",
        fix: "Reissue the certificate with a SAN listing every name clients use (FQDN, short name, aliases, listener names; IP addresses if clients connect by IP). Until then set HostNameInCertificate to a name in the SAN, or as a last resort TrustServerCertificate=true. (The old GODEBUG=x509ignoreCN=0 switch was removed in Go 1.17.)",
        source: GO_X509,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate has no SAN, which Go requires",
    }
    /// `error.certificate-expired`.
    ErrorCertificateExpired {
        id: "error.certificate-expired",
        severity: Error,
        title: "The server's certificate has expired (or is not valid yet)",
        explanation: "The client validated the certificate SQL Server presented and refused it because the evaluation date is outside its validity period: Schannel's SEC_E_CERT_EXPIRED (\"The received certificate has expired\"), OpenSSL's \"certificate has expired\", Go's \"x509: certificate has expired or is not yet valid\", Node's CERT_HAS_EXPIRED, Java's CertificateExpiredException. SQL Server keeps using a certificate that expired while it was running until it restarts, so this often appears weeks after the renewal date, on clients that validate (Encrypt=Mandatory/true, ODBC 18, Microsoft.Data.SqlClient 4+, JDBC 10.2+).",
        fix: "Renew the certificate with the same names, import it with its private key into LocalMachine\\My, grant the service account read access to the key, select it in Configuration Manager (or by thumbprint in the registry) and restart SQL Server; then drop the new certificate here to check it. If the certificate is not expired, check the client machine's clock. TrustServerCertificate=true is not a fix.",
        source: CERT_REQUIREMENTS,
        side: Certificate,
        remedies: &[RemedyKind::NewCertificate],
        refusal: "the certificate has expired",
    }
    /// `error.certificate-not-yet-valid`.
    ErrorCertificateNotYetValid {
        id: "error.certificate-not-yet-valid",
        severity: Error,
        title: "The server's certificate is not valid yet by the client's clock",
        explanation: "The client validated the certificate SQL Server presented and refused it because its validity starts after the client's current time: OpenSSL's and Node's \"certificate is not yet valid\" (CERT_NOT_YET_VALID), Go's \"x509: certificate has expired or is not yet valid: current time … is before …\", Java's CertificateNotYetValidException, GnuTLS's GNUTLS_CERT_NOT_ACTIVATED. Almost always the client's clock (or time zone) is wrong, or the certificate was installed minutes after it was issued with a NotBefore in the future.",
        fix: "Check the date, time and time zone of the client computer (and of the server, if it issued its own certificate) and correct them — for example resynchronise with w32tm /resync or timedatectl. If the clocks are right, wait until the certificate's NotBefore date or have it reissued with a validity that has started. TrustServerCertificate=true is not a fix.",
        source: CERT_REQUIREMENTS,
        side: Client,
        refusal: "the certificate is not valid yet by the client's clock",
    }
    /// `error.connection-forcibly-closed`.
    ErrorConnectionForciblyClosed {
        id: "error.connection-forcibly-closed",
        severity: Error,
        title: "The TLS handshake was cut off (connection forcibly closed, 10054)",
        explanation: "The server or the client reset the connection during the TLS handshake (WSAECONNRESET 10054, \"An existing connection was forcibly closed by the remote host\"; error 233 over named pipes). The usual causes: no TLS version in common (an old client, .NET or SQL Server build without TLS 1.2 after TLS 1.0/1.1 were disabled); no cipher suite in common; TLS_DHE cipher suites between Windows Server 2012 R2 and later versions (the DHE leading-zero bug); a server certificate signed with MD5, SHA-224 or SHA-512 used under TLS 1.2; a SHA-1 signed or RSA < 2048 certificate refused by OpenSSL security level 2 clients (Linux); a client asking for Encrypt=Strict against a server without TDS 8.0.",
        fix: "Check, in order: (1) both sides support TLS 1.2 — update SQL Server to a TLS 1.2 build (2014 SP2+, 2012 SP4+, 2008 R2 SP3 + update) and the client driver/.NET (ODBC 17+, OLE DB 18+, .NET 4.6+ or SystemDefaultTlsVersions); (2) a common cipher suite — compare the Schannel cipher order of both machines (IIS Crypto or Get-TlsCipherSuite) and remove TLS_DHE_* suites or install the Windows update for the DHE leading-zero issue; (3) the server certificate's signature — reissue it with SHA-256 and RSA 2048+; (4) with Encrypt=Strict, the server must be SQL Server 2022+. Look at the System event log (Schannel 36871/36874/36888) on both sides.",
        source: CONNECTION_CLOSED,
        side: Client,
    }
    /// `error.no-common-algorithm`.
    ErrorNoCommonAlgorithm {
        id: "error.no-common-algorithm",
        severity: Error,
        title: "Client and server have no TLS version or cipher suite in common",
        explanation: "\"The client and server cannot communicate, because they do not possess a common algorithm\" (SEC_E_ALGORITHM_MISMATCH 0x80090331; Schannel 36874 \"none of the cipher suites supported by the client application are supported by the server\", 36888 fatal alert 40 / state 1205; OpenSSL \"unsupported protocol\", \"sslv3 alert handshake failure\"; Java \"protocol version ... is not accepted by client preferences\" / \"No appropriate protocol\"). One side allows only protocols or suites the other has disabled — typically TLS 1.0/1.1 disabled on one side and an old SQL Server build or driver that cannot do TLS 1.2, or a hardened cipher list; an MD5-signed certificate has the same effect under TLS 1.2.",
        fix: "Make both sides speak TLS 1.2: update SQL Server to a build with TLS 1.2 support and the client driver/.NET/Java; on Windows compare the enabled protocols (SCHANNEL\\Protocols registry) and the cipher suite order on client and server and enable at least one common TLS 1.2 suite (e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384); on Linux check the OpenSSL MinProtocol/CipherString in openssl.cnf; for Java check jdk.tls.disabledAlgorithms. Reissue an MD5-signed certificate with SHA-256.",
        source: TLS12_SUPPORT,
        side: Client,
    }
    /// `error.tls-client-credential`.
    ErrorTlsClientCredential {
        id: "error.tls-client-credential",
        severity: Error,
        title: "Schannel could not create a TLS credential (36871, state 10013)",
        explanation: "Schannel event 36871 \"A fatal error occurred while creating a TLS client credential. The internal error state is 10013.\" means the process asked for protocols or cipher suites that the operating system policy has disabled — typically an old driver, SQL Server Native Client or .NET Framework application that only offers TLS 1.0/1.1 on a machine where those are turned off (or FIPS policy).",
        fix: "Update the client: ODBC Driver 17/18 or OLE DB 18/19 instead of SQLNCLI/SQLOLEDB; for .NET Framework set SchUseStrongCrypto and SystemDefaultTlsVersions (HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 and the WOW6432Node key) or target 4.7+; make sure TLS 1.2 is enabled for clients in SCHANNEL\\Protocols\\TLS 1.2\\Client. Re-enabling TLS 1.0/1.1 is a last resort.",
        source: TLS12_SUPPORT,
        side: Client,
    }
    /// `error.handshake-failed`.
    ErrorHandshakeFailed {
        id: "error.handshake-failed",
        severity: Error,
        title: "The TLS handshake during pre-login failed",
        explanation: "The driver reports that the TLS handshake inside the TDS pre-login failed without a more specific reason (\"error: 31 - Encryption(ssl/tls) handshake failed\", \"An error occurred during the pre-login handshake\", JDBC \"The driver could not establish a secure connection ... SQL Server did not return a response\"). Per the SqlClient troubleshooting guide the usual causes are a server that does not support TLS 1.2, or .NET 5+ on Linux whose OpenSSL policy restricts cipher suites the server does not offer; a strict (TDS 8.0) client against an older server also ends here.",
        fix: "Check, in order: (1) the SQL Server build supports TLS 1.2 (and TLS 1.2 is enabled on the server); (2) on Linux clients, the OpenSSL CipherString/MinProtocol in /etc/ssl/openssl.cnf leave a suite the server offers (and a SHA-256, RSA 2048+ server certificate for security level 2); (3) Encrypt=Strict only against SQL Server 2022+; (4) read the inner error of the exception and the Schannel events on the server — then follow the matching finding.",
        source: SQLCLIENT_TROUBLESHOOTING,
        side: Client,
    }
    /// `error.server-requires-encryption`.
    ErrorServerRequiresEncryption {
        id: "error.server-requires-encryption",
        severity: Error,
        title: "The server forces encryption but the client turned it off (tedious)",
        explanation: "tedious (Node.js, mssql) with encrypt: false refuses to continue when the server answers the pre-login with ENCRYPT_REQ (ForceEncryption=Yes): \"Server requires encryption, set 'encrypt' config option to true.\" Other drivers would silently encrypt; tedious does not.",
        fix: "Set options.encrypt = true (the default since tedious 7) and make the certificate validate: (1) trust the CA (NODE_EXTRA_CA_CERTS or cryptoCredentialsDetails.ca); (2) connect by a name in the SAN, or set options.serverName; (3) options.trustServerCertificate = true only as a last resort.",
        source: TEDIOUS,
        side: Client,
    }
    /// `error.user-cert-load-failed`.
    ErrorUserCertLoadFailed {
        id: "error.user-cert-load-failed",
        severity: Error,
        title: "SQL Server could not load the configured certificate (26014/26015)",
        explanation: "\"Unable to load user-specified certificate [Cert Hash(sha1) ...]. The server will not accept a connection.\" SQL Server found a thumbprint in its Certificate setting but could not use that certificate: it was deleted or moved out of LocalMachine\\My, it expired, the service account cannot read its private key, or the key sits in a provider SQL Server cannot use (e.g. \"Microsoft Enhanced Cryptographic Provider v1.0\" or a CNG key storage provider instead of \"Microsoft RSA SChannel Cryptographic Provider\"). With ForceEncryption or a required certificate the service does not start (followed by 17182, 17826, 17120).",
        fix: "(1) Check the thumbprint: `certutil -store My <thumbprint>` must find it in LocalMachine\\My and show \"Encryption test passed\"; compare it with the Certificate value under ...\\MSSQLServer\\SuperSocketNetLib; (2) grant the SQL Server service account Read on the private key (certlm.msc → All Tasks → Manage Private Keys); (3) make sure the key is an RSA key in a legacy CSP with KeySpec AT_KEYEXCHANGE — reimport the .pfx with the \"Microsoft RSA SChannel Cryptographic Provider\" (`certutil -csp \"Microsoft RSA SChannel Cryptographic Provider\" -importpfx`); (4) to get the service running meanwhile, clear the Certificate value (and ForceEncryption) and restart.",
        source: ERROR_26014,
        side: Server,
    }
    /// `error.server-cert-not-found`.
    ErrorServerCertNotFound {
        id: "error.server-cert-not-found",
        severity: Error,
        title: "SQL Server found no usable certificate at startup (17182 0x80092004 / 33555 / 17190)",
        explanation: "\"TDSSNIClient initialization failed with error 0x80092004, status code 0x80. Reason: Unable to initialize SSL support. Cannot find object or property.\" (CRYPT_E_NOT_FOUND; the service stops with error -2146885628). The configured certificate is not in the store SQL Server looks in (33555), or its private key cannot be found in the expected provider (KB928779); with no certificate configured, SQL Server could not create its self-generated one (17190 \"Initializing the FallBack certificate failed\", 26017), typically right after the service account was changed.",
        fix: "(1) Compare the thumbprint in the Certificate registry value with `certutil -store My` on this node (on a failover cluster, every node needs the certificate and its own Certificate value); (2) grant the service account Read on the private key; (3) reimport the certificate with its key in \"Microsoft RSA SChannel Cryptographic Provider\"; (4) to start the service, clear the Certificate value; for the fallback failure (17190/26017), make sure the service account's profile loads (change the account with SQL Server Configuration Manager, not services.msc) and restart.",
        source: STARTUP_TLS_FAILURES,
        side: Server,
    }
    /// `error.service-account-no-key-access`.
    ErrorServiceAccountNoKeyAccess {
        id: "error.service-account-no-key-access",
        severity: Error,
        title: "The SQL Server service account cannot read the certificate's private key (33565 / 26010 0x8009030d)",
        explanation: "\"Found the certificate [Cert Hash(sha1) ...] in the local computer store but the SQL Server service account does not have access to it.\" (33565), usually with 26010 \"The server could not load the certificate it needs to initiate an SSL connection. It returned the following error: 0x8009030d\" (SEC_E_UNKNOWN_CREDENTIALS). The certificate is installed but the private key's ACL does not include the service account (NT Service\\MSSQLSERVER or the domain account), so SQL Server does not start.",
        fix: "(1) Confirm the thumbprint is the intended certificate; (2) in certlm.msc → Personal → Certificates → the certificate → All Tasks → Manage Private Keys, grant Read to the SQL Server service account (or let SQL Server 2019+ Configuration Manager do it when you select the certificate); (3) if the key is a CNG key or in another provider, reimport it into \"Microsoft RSA SChannel Cryptographic Provider\"; (4) restart SQL Server, or clear the Certificate value to start without it.",
        source: EVENT_33565,
        side: Server,
        remedies: &[RemedyKind::KeyAccess],
    }
    /// `error.thumbprint-invalid`.
    ErrorThumbprintInvalid {
        id: "error.thumbprint-invalid",
        severity: Error,
        title: "The configured thumbprint is malformed (33556 invalid character / 33557 invalid length)",
        explanation: "SQL Server read the Certificate value and it is not 40 hex digits: it contains a character that is not a hex digit (33556) — very often the invisible left-to-right mark U+200E that copying the thumbprint from the certificate dialog adds, or spaces — or it has the wrong length (33557). SQL Server does not start.",
        fix: "Retype or clean the Certificate value under HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL<NN>.<instance>\\MSSQLServer\\SuperSocketNetLib so it holds exactly the 40 hex digits of the thumbprint (copy it from `certutil -store My` or `Get-ChildItem Cert:\\LocalMachine\\My`, not from the certificate dialog), or select the certificate in SQL Server Configuration Manager; drop the registry export into sqltls to see the bad characters. Then restart SQL Server.",
        source: EVENTS_33555,
        side: Server,
        remedies: &[RemedyKind::RegistryThumbprint],
    }
    /// `error.cert-no-private-key`.
    ErrorCertNoPrivateKey {
        id: "error.cert-no-private-key",
        severity: Error,
        title: "The configured certificate has no private key (33566)",
        explanation: "SQL Server found the certificate named by the Certificate value but it has no associated private key on this machine — it was imported from a .cer/.crt file instead of a .pfx, or the key was deleted. SQL Server cannot do TLS with it and does not start.",
        fix: "(1) Check with `certutil -store My <thumbprint>` that it reports a private key and \"Encryption test passed\"; (2) import the certificate together with its key from a .pfx (into \"Microsoft RSA SChannel Cryptographic Provider\", KeySpec AT_KEYEXCHANGE), or run `certutil -repairstore My <thumbprint>` if the key is present but unlinked; (3) grant the service account Read on the key; (4) or clear the Certificate value to start without it.",
        source: EVENTS_33555,
        side: Server,
    }
    /// `error.aad-on-vm`.
    ErrorAadOnVm {
        id: "error.aad-on-vm",
        severity: Error,
        title: "Microsoft Entra (Azure AD) sign-in to SQL Server on an Azure VM",
        explanation: "SQL Server on an Azure virtual machine is not Azure SQL Database: it accepts Microsoft Entra ID (Azure AD) logins only from SQL Server 2022 on, and only after Entra authentication has been enabled for the instance (a managed identity with Microsoft Graph read permissions, and logins created FROM EXTERNAL PROVIDER). On SQL Server 2019 and earlier, or when that is not set up, Entra sign-in fails (\"Login failed for user '<token-identified principal>'\", AADSTS errors). This is an authentication problem, not a certificate problem.",
        fix: "Sign in with a Windows domain account (Integrated/Windows authentication) or a SQL login. To use Entra ID, the instance must be SQL Server 2022+ with Microsoft Entra authentication enabled on the VM (Azure portal → SQL virtual machine → Security configuration) and a login created with CREATE LOGIN ... FROM EXTERNAL PROVIDER.",
        source: ENTRA_ON_VM,
        side: Server,
    }
    /// `error.not-sql-server`.
    ErrorNotSqlServer {
        id: "error.not-sql-server",
        severity: Info,
        title: "This is not a SQL Server connection error",
        explanation: "The text is a TLS error of another system — a Python requests or urllib3 call, a gRPC channel, a MySQL or PostgreSQL client, a Node.js, curl or Docker HTTPS request — and names no SQL Server driver or component (no SQL Server, ODBC Driver, SqlClient, JDBC, mssql, tedious, TDS, port 1433, pre-login, …). Its certificate words mean the same there, but nothing on the SQL Server or in a SQL Server connection string changes it.",
        fix: "Fix it where that program keeps its TLS trust (its CA bundle or trust store) or on the server it called (an HTTPS endpoint, a database that is not SQL Server). If the same program also fails to connect to SQL Server, paste that error instead.",
        source: SQLTLS_EXPLAINER,
        side: Input,
    }
    /// `error.unrecognized`.
    ErrorUnrecognized {
        id: "error.unrecognized",
        severity: Info,
        title: "No known SQL Server TLS error in this text",
        explanation: "The text contains none of the error messages or codes sqltls knows (SqlClient, ODBC, OLE DB, JDBC, Go, tedious, OpenSSL, Schannel events and SQL Server certificate errors). sqltls does not guess from words like \"certificate\" or \"SSL\" alone.",
        fix: "Paste the complete error including the inner exception, the provider part in parentheses (e.g. \"(provider: SSL Provider, error: 0 - ...)\") and any hex code; or drop the SQL Server ERRORLOG, the SuperSocketNetLib registry export and the certificate.",
        source: SQLTLS_EXPLAINER,
        side: Input,
    }

    // ------------------------------------------------------------ server.*
    /// `server.cert-loaded`.
    ServerCertLoaded {
        id: "server.cert-loaded",
        severity: Info,
        title: "SQL Server loaded a certificate for encryption",
        explanation: "The ERRORLOG line \"The certificate [Cert Hash(sha1) \\\"...\\\"] was successfully loaded for encryption.\" names the certificate SQL Server presents to clients since its last start — either the one configured in the Certificate value or one it picked itself from LocalMachine\\My (a certificate with Server Authentication and CN = the machine's FQDN) when none is configured. Drop that certificate (.cer/.pfx) to have it checked: a matching dropped certificate is reported as match.thumbprint-found and its own findings explain what clients will think of it.",
        fix: "Nothing to fix here. If clients fail, check this certificate: trusted CA on the clients, every client name in its SAN, SHA-256 and RSA 2048+.",
        source: CONFIGURE_ENCRYPTION_SQLCHECK,
        side: Server,
    }
    /// `server.self-generated-cert`.
    ServerSelfGeneratedCert {
        id: "server.self-generated-cert",
        severity: Warning,
        title: "SQL Server uses its self-generated certificate (no certificate configured)",
        explanation: "\"A self-generated certificate was successfully loaded for encryption.\" No certificate is configured (or none was usable), so SQL Server generated a self-signed certificate (CN=SSL_Self_Signed_Fallback) at startup; it changes at every restart and no client can validate it. Clients must use TrustServerCertificate=True (no protection against a man in the middle) or Encrypt=Optional/false with login-only encryption (go-mssqldb validates even that handshake once encrypt is given); validating drivers (Microsoft.Data.SqlClient 4+, ODBC 18, OLE DB 19, JDBC 10.2+, Go, tedious 7+) fail with \"certificate chain ... not trusted\". Up to SQL Server 2016 it is signed with SHA-1 (sha1WithRSAEncryption), from 2017 with SHA-256: with SHA-1, clients on OpenSSL security level 2 (Ubuntu 20.04+, Debian 10+, RHEL 8+ DEFAULT policy, .NET/ODBC on Linux) refuse the handshake even with TrustServerCertificate, and vulnerability scanners flag the weak signature.",
        fix: "Install a certificate from a CA the clients trust (SHA-256, RSA 2048+, Server Authentication EKU, every client name in the SAN, key in \"Microsoft RSA SChannel Cryptographic Provider\"), grant the service account Read on its key, select it in SQL Server Configuration Manager (or set its thumbprint in the Certificate value) and restart. As a stopgap on 2016 and earlier with SHA-1-refusing clients, lower the client's OpenSSL security level — better, configure a real certificate.",
        source: FALLBACK_HASH,
        side: Server,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `server.tls-protocols`.
    ServerTlsProtocols {
        id: "server.tls-protocols",
        severity: Info,
        title: "TLS protocol versions the server allows",
        explanation: "The server evidence names the TLS versions it accepts (SQL Server on Linux logs \"Successfully initialized the TLS configuration. Allowed TLS protocol versions are [...]\" and reads network.tlsprotocols from mssql.conf). A client must share at least one version with the server, or the handshake is cut off (10054) or fails with \"no common algorithm\". TLS 1.3 needs SQL Server 2022+ with strict (TDS 8.0) encryption.",
        fix: "Nothing to fix by itself. Allow TLS 1.2 (and 1.3 where used); remove TLS 1.0/1.1 only after every client supports TLS 1.2.",
        source: TLS_VERSIONS,
        side: Server,
    }
    /// `server.force-encryption`.
    ServerForceEncryption {
        id: "server.force-encryption",
        severity: Info,
        title: "Server ForceEncryption / Force Strict Encryption setting",
        explanation: "With ForceEncryption = 1 (Yes) the server answers every pre-login with ENCRYPT_REQ: clients that asked for Encrypt=Optional/false are upgraded to full TLS, and whether they then validate the certificate depends on the driver generation (validated: Microsoft.Data.SqlClient 2.0+, ODBC 18, OLE DB 19, JDBC 10.2+; not validated: System.Data.SqlClient, MDS 1.x, ODBC 17, OLE DB 18; tedious with encrypt=false fails instead). With 0 only clients that ask for encryption get it (the login packet is always encrypted). Force Strict Encryption (SQL Server 2022+, registry ForceStrict or ForceStrictEncryption) requires TDS 8.0 strict clients and a certificate they can validate.",
        fix: "Nothing to fix by itself. With ForceEncryption on, make sure the configured certificate validates on every client (trusted CA, names in SAN); with Force Strict, make sure every client (and AG, replication, Agent, linked servers) supports strict encryption.",
        source: CONFIGURE_ENCRYPTION_SQLCHECK,
        side: Server,
    }
    /// `server.thumbprint-invalid-character`.
    ServerThumbprintInvalidCharacter {
        id: "server.thumbprint-invalid-character",
        severity: Error,
        title: "The Certificate registry value is not 40 clean hex digits",
        explanation: "The Certificate value under ...\\MSSQLServer\\SuperSocketNetLib must hold exactly the 40 hex digits of the certificate's SHA-1 thumbprint. This one contains characters that are not hex digits — most often the invisible left-to-right mark U+200E that Windows' certificate dialog puts in front of the thumbprint when it is copied, a U+FEFF, or spaces — or it has the wrong length. SQL Server refuses it at startup (33556 invalid character, 33557 invalid length) and does not start.",
        fix: "Set the Certificate value to the cleaned 40-hex thumbprint shown in the message (type it, or copy it from `certutil -store My` / `(Get-ChildItem Cert:\\LocalMachine\\My).Thumbprint`, not from the certificate dialog), or select the certificate in SQL Server Configuration Manager; then restart SQL Server.",
        source: THUMBPRINT_PASTE,
        side: Server,
        remedies: &[RemedyKind::RegistryThumbprint],
    }
    /// `server.no-certificate-configured`.
    ServerNoCertificateConfigured {
        id: "server.no-certificate-configured",
        severity: Info,
        title: "No certificate is configured for SQL Server",
        explanation: "The Certificate value (Windows) or network.tlscert (Linux) is empty or absent. SQL Server on Windows then picks a certificate from LocalMachine\\My itself (Server Authentication EKU and CN = the machine's FQDN) or, failing that, generates a self-signed certificate at every start. Clients can validate neither unless the picked certificate chains to a CA they trust, so validating drivers need TrustServerCertificate or login-only encryption (which go-mssqldb with encrypt given still validates). On a failover cluster the value must be set by hand on every node.",
        fix: "To encrypt with validation, install a CA-issued certificate (SHA-256, RSA 2048+, Server Authentication, all client names in the SAN), grant the service account Read on its key, and select it in SQL Server Configuration Manager or set its thumbprint in the Certificate value (Linux: mssql-conf set network.tlscert / network.tlskey); restart SQL Server.",
        source: CONFIGURE_ENCRYPTION_SQLCHECK,
        side: Server,
        remedies: &[RemedyKind::NewCertificate],
    }
    /// `server.client-encryption-registry`.
    ServerClientEncryptionRegistry {
        id: "server.client-encryption-registry",
        severity: Info,
        title: "Client-side encryption settings in the registry",
        explanation: "The export holds machine-wide client settings: SQL Server Native Client's Client\\SuperSocketNetLib Encrypt (Force protocol encryption) and OLE DB Driver 19's Client\\SNI19.0\\GeneralFlags Flag1 (0 Optional, 1 Mandatory, 2 Strict) and Flag2 (Trust Server Certificate). The driver uses the more secure of the registry and the connection string, so these can turn on encryption — and certificate validation — for every application on the machine.",
        fix: "Nothing to fix by itself. If clients on this machine fail to validate the server certificate, remember these values apply in addition to the connection string.",
        source: CLIENT_REGISTRY,
        side: Server,
    }
    /// `server.linux-tls-files`.
    ServerLinuxTlsFiles {
        id: "server.linux-tls-files",
        severity: Error,
        title: "mssql.conf names TLS files that do not fit the files given",
        explanation: "SQL Server on Linux reads its certificate and key from the PEM files named by network.tlscert and network.tlskey in mssql.conf. The files dropped together with the mssql.conf do not fit what it names: a file it names was not dropped, the file named as the certificate holds no certificate, or the key named is not the key of that certificate.",
        fix: "Point mssql.conf at the certificate and its own key: `sudo /opt/mssql/bin/mssql-conf set network.tlscert <cert.pem>`, `sudo /opt/mssql/bin/mssql-conf set network.tlskey <key.pem>`, then `sudo systemctl restart mssql-server`.",
        source: LINUX_ENCRYPTION,
        side: Server,
    }
    /// `server.linux-key-permissions`.
    ServerLinuxKeyPermissions {
        id: "server.linux-key-permissions",
        severity: Error,
        title: "The mssql user cannot read the TLS certificate or key file",
        explanation: "The `ls -l` listing shows a certificate or key file that the mssql user (the account SQL Server on Linux runs as) cannot read: it is owned by another user and neither its group nor others may read it. SQL Server then cannot load the certificate and does not accept encrypted connections.",
        fix: "Give the files to mssql and keep the key private: `sudo chown mssql:mssql <cert.pem> <key.pem>`, `sudo chmod 600 <key.pem>`, then `sudo systemctl restart mssql-server`.",
        source: LINUX_ENCRYPTION,
        side: Server,
    }
}
