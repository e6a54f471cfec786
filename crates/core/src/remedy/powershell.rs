//! Lab certificates on Windows: one `New-SelfSignedCertificate` line with the
//! shape of Microsoft's template (facts A1), its export, and trusting it on clients.

use super::certreq::follow_ups;
use super::{ascii_only, Artifact, CertSpec};

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(",")
}

/// The `New-SelfSignedCertificate` line, the export of its public part, and
/// the same follow-ups as for a CA-issued certificate.
pub(crate) fn self_signed(spec: &CertSpec<'_>, fixes: Vec<crate::catalogue::Rule>) -> Artifact {
    // -DnsName takes DNS names only: with IP addresses the SAN is given as a
    // text extension instead.
    let (names_param, san_ext) = if spec.ips.is_empty() {
        (
            format!(" -DnsName {}", quoted_list(spec.names)),
            String::new(),
        )
    } else {
        let mut parts: Vec<String> = spec.names.iter().map(|n| format!("DNS={n}")).collect();
        parts.extend(spec.ips.iter().map(|ip| format!("IPAddress={ip}")));
        (
            String::new(),
            format!(",\"2.5.29.17={{text}}{}\"", parts.join("&")),
        )
    };
    let line = format!(
        "$cert = New-SelfSignedCertificate -Subject \"CN={cn}\"{names_param} -KeyAlgorithm RSA -KeyLength {len} -HashAlgorithm SHA256 -KeySpec KeyExchange -Provider \"Microsoft RSA SChannel Cryptographic Provider\" -KeyUsage DigitalSignature,KeyEncipherment -KeyExportPolicy Exportable -TextExtension @(\"2.5.29.37={{text}}1.3.6.1.5.5.7.3.1\"{san_ext}) -CertStoreLocation \"Cert:\\LocalMachine\\My\" -NotAfter (Get-Date).AddMonths(36)\n",
        cn = spec.common_name,
        len = spec.key_length,
    );
    let mut s = String::new();
    s.push_str("# Lab only: a self-signed certificate, for a server with no CA to issue one; every client must import it.\n");
    s.push_str("# On the SQL Server machine, in an elevated Windows PowerShell:\n");
    s.push_str(&line);
    s.push_str("Export-Certificate -Cert $cert -FilePath .\\sqltls-root.cer\n");
    s.push_str("# On each client computer (elevated), with sqltls-root.cer copied from the server:\n# Import-Certificate -FilePath .\\sqltls-root.cer -CertStoreLocation Cert:\\LocalMachine\\Root\n");
    s.push_str(&follow_ups(spec));
    Artifact {
        id: super::NEW_SELFSIGNEDCERTIFICATE,
        title: format!(
            "Lab only: self-signed certificate for {} (Windows)",
            spec.common_name
        ),
        language: "powershell",
        content: ascii_only(&s),
        fixes,
    }
}
