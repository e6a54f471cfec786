//! A `certreq` INF for an enterprise CA, and the commands around it (facts A1, A4).

use super::{ascii_only, Artifact, CertSpec};

/// The request file: legacy RSA SChannel CSP, AT_KEYEXCHANGE, machine key,
/// serverAuth, DS+KE, SAN with every name.
pub(crate) fn inf(spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    let mut s = String::new();
    s.push_str(
        "; sqltls.inf - certificate request for SQL Server (certreq -new sqltls.inf sqltls.req)\n",
    );
    s.push_str(
        "; Legacy CSP with KeySpec 1 (AT_KEYEXCHANGE): SQL Server does not support CNG keys.\n",
    );
    s.push_str("[Version]\n");
    s.push_str("Signature=\"$Windows NT$\"\n\n");
    s.push_str("[NewRequest]\n");
    s.push_str(&format!("Subject = \"CN={}\"\n", spec.common_name));
    s.push_str("KeySpec = 1\n");
    s.push_str(&format!("KeyLength = {}\n", spec.key_length));
    s.push_str("HashAlgorithm = sha256\n");
    s.push_str("Exportable = TRUE\n");
    s.push_str("MachineKeySet = TRUE\n");
    s.push_str("SMIME = FALSE\n");
    s.push_str("PrivateKeyArchive = FALSE\n");
    s.push_str("UserProtected = FALSE\n");
    s.push_str("UseExistingKeySet = FALSE\n");
    s.push_str("ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\n");
    s.push_str("ProviderType = 12\n");
    s.push_str("RequestType = PKCS10\n");
    s.push_str("KeyUsage = 0xa0\n\n");
    s.push_str("[EnhancedKeyUsageExtension]\n");
    s.push_str("; Server Authentication\n");
    s.push_str("OID=1.3.6.1.5.5.7.3.1\n\n");
    s.push_str("[Extensions]\n");
    s.push_str("; Subject Alternative Name: every name clients use\n");
    s.push_str("2.5.29.17 = \"{text}\"\n");
    for n in spec.names {
        s.push_str(&format!("_continue_ = \"dns={n}&\"\n"));
    }
    for ip in spec.ips {
        s.push_str(&format!("_continue_ = \"ipaddress={ip}&\"\n"));
    }
    s.push('\n');
    s.push_str("[RequestAttributes]\n");
    s.push_str("; An enterprise CA needs a template; WebServer is present by default.\n");
    s.push_str("CertificateTemplate = WebServer\n");
    Artifact {
        id: super::CERTREQ_INF,
        title: format!(
            "certreq request file for {} (enterprise CA), save as sqltls.inf",
            spec.common_name
        ),
        language: "ini",
        content: ascii_only(&s),
        fixes,
    }
}

/// Create, submit and accept the request, then let SQL Server use the certificate.
pub(crate) fn commands(spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    let mut s = String::new();
    s.push_str("# On the SQL Server machine, in an elevated PowerShell, next to sqltls.inf:\n");
    s.push_str("certreq -new sqltls.inf sqltls.req\n");
    s.push_str("# Replace <CA host>\\<CA name> with your CA (certutil -dump lists it), or omit -config to pick it:\n");
    s.push_str("certreq -submit -config \"<CA host>\\<CA name>\" sqltls.req sqltls.cer\n");
    s.push_str("certreq -accept sqltls.cer\n");
    s.push_str(&follow_ups(spec));
    Artifact {
        id: super::CERTREQ_COMMANDS,
        title: "Request, install and select the certificate (Windows)".into(),
        language: "powershell",
        content: ascii_only(&s),
        fixes,
    }
}

/// After the certificate is in LocalMachine\My: key permission, selection, restart.
pub(crate) fn follow_ups(spec: &CertSpec<'_>) -> String {
    let inst = spec.instance;
    let mut s = String::new();
    s.push_str(&format!(
        "$cert = Get-ChildItem Cert:\\LocalMachine\\My | Where-Object {{ $_.Subject -eq 'CN={}' }} | Sort-Object NotAfter | Select-Object -Last 1\n",
        spec.common_name
    ));
    s.push_str("# Let the SQL Server service account read the private key (use the account the service runs as):\n");
    s.push_str("$keyFile = Join-Path $env:ProgramData ('Microsoft\\Crypto\\RSA\\MachineKeys\\' + $cert.PrivateKey.CspKeyContainerInfo.UniqueKeyContainerName)\n");
    s.push_str(&format!("icacls $keyFile /grant '{}:R'\n", inst.account()));
    s.push_str(&format!(
        "# Select it: SQL Server Configuration Manager > SQL Server Network Configuration > Protocols for {} > Certificate, or:\n",
        inst.name
    ));
    let path = match &inst.id {
        Some(id) => format!("'HKLM:\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\{id}\\MSSQLServer\\SuperSocketNetLib'"),
        None => {
            s.push_str(&format!(
                "$id = (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\Instance Names\\SQL').'{}'\n",
                inst.name
            ));
            "\"HKLM:\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\$id\\MSSQLServer\\SuperSocketNetLib\"".to_string()
        }
    };
    s.push_str(&format!(
        "Set-ItemProperty -Path {path} -Name Certificate -Value $cert.Thumbprint.ToLower()\n"
    ));
    s.push_str("# On a failover cluster instance or availability group, import the certificate with its key on every node and set it there too.\n");
    s.push_str(&format!(
        "Restart-Service -Name '{}' -Force\n",
        inst.service()
    ));
    s
}
