//! SQL Server on Linux: an `openssl req` configuration, the commands that make
//! the key and certificate, and the `mssql-conf` lines (facts A1).

use super::{ascii_only, Artifact, CertSpec};

/// Where the files go: a directory owned by mssql under its own data root
/// (`/etc/ssl/private` is not traversable by mssql on Debian and Ubuntu).
const DIR: &str = "/var/opt/mssql/tls";

/// The `openssl req` configuration file.
pub(crate) fn config(spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    let mut s = String::new();
    s.push_str("# sqltls-openssl.cnf - SQL Server TLS certificate (openssl req -config sqltls-openssl.cnf)\n");
    s.push_str("[req]\n");
    s.push_str("prompt = no\n");
    s.push_str("default_md = sha256\n");
    s.push_str("distinguished_name = dn\n");
    s.push_str("x509_extensions = v3\n");
    s.push_str("req_extensions = v3\n\n");
    s.push_str("[dn]\n");
    s.push_str(&format!("CN = {}\n\n", spec.common_name));
    s.push_str("[v3]\n");
    s.push_str("basicConstraints = critical,CA:FALSE\n");
    s.push_str("keyUsage = critical,digitalSignature,keyEncipherment\n");
    s.push_str("extendedKeyUsage = serverAuth\n");
    s.push_str("subjectAltName = @alt\n\n");
    s.push_str("[alt]\n");
    for (i, n) in spec.names.iter().enumerate() {
        s.push_str(&format!("DNS.{} = {n}\n", i + 1));
    }
    for (i, ip) in spec.ips.iter().enumerate() {
        s.push_str(&format!("IP.{} = {ip}\n", i + 1));
    }
    Artifact {
        id: super::OPENSSL_CONFIG,
        title: format!(
            "OpenSSL configuration for {}, save as sqltls-openssl.cnf",
            spec.common_name
        ),
        language: "ini",
        content: ascii_only(&s),
        fixes,
    }
}

/// Key, certificate (lab) or request (CA), and file ownership.
pub(crate) fn commands(spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    let len = spec.key_length;
    let mut s = String::new();
    s.push_str("# Lab: a self-signed certificate (clients must trust mssql.pem itself):\n");
    s.push_str(&format!("openssl req -x509 -nodes -newkey rsa:{len} -sha256 -days 1095 -config sqltls-openssl.cnf -keyout mssql.key -out mssql.pem\n"));
    s.push_str(
        "# Or, for your CA: a request; save the certificate the CA returns (PEM) as mssql.pem:\n",
    );
    s.push_str(&format!("# openssl req -new -nodes -newkey rsa:{len} -sha256 -config sqltls-openssl.cnf -keyout mssql.key -out mssql.csr\n"));
    s.push_str(&format!("sudo install -d -o mssql -g mssql -m 755 {DIR}\n"));
    s.push_str(&format!("sudo mv mssql.pem mssql.key {DIR}/\n"));
    s.push_str(&format!(
        "sudo chown mssql:mssql {DIR}/mssql.pem {DIR}/mssql.key\n"
    ));
    s.push_str(&format!("sudo chmod 644 {DIR}/mssql.pem\n"));
    s.push_str(&format!("sudo chmod 600 {DIR}/mssql.key\n"));
    Artifact {
        id: super::OPENSSL_COMMANDS,
        title: "Make the key and certificate (SQL Server on Linux)".into(),
        language: "bash",
        content: ascii_only(&s),
        fixes,
    }
}

/// Point SQL Server on Linux at the files and restart it.
pub(crate) fn mssql_conf(_spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    let mut s = String::new();
    s.push_str(&format!(
        "sudo /opt/mssql/bin/mssql-conf set network.tlscert {DIR}/mssql.pem\n"
    ));
    s.push_str(&format!(
        "sudo /opt/mssql/bin/mssql-conf set network.tlskey {DIR}/mssql.key\n"
    ));
    s.push_str("sudo /opt/mssql/bin/mssql-conf set network.tlsprotocols 1.2\n");
    s.push_str("# Every client must then encrypt and trust the certificate (or its CA):\n");
    s.push_str("sudo /opt/mssql/bin/mssql-conf set network.forceencryption 1\n");
    s.push_str("sudo systemctl restart mssql-server\n");
    Artifact {
        id: super::MSSQL_CONF,
        title: "Configure SQL Server on Linux to use the certificate".into(),
        language: "bash",
        content: s,
        fixes,
    }
}
