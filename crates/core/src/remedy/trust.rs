//! Trusting the server certificate's root on clients: the commands, naming
//! the CA as Windows shows it (its common name), never a file the person does
//! not have.

use super::{ascii_only, Artifact};
use crate::analyze::results::Analysis;
use crate::catalogue::Rule;
pub(crate) use crate::verdict::display_name;
use crate::verdict::Answer;

/// The certificate clients must trust, as far as the analysis knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TrustTarget {
    /// The name Windows shows for it ("Issued To"): its CN, else OU or O.
    pub display: String,
    /// Whether it is the server certificate itself (self-signed).
    pub self_signed_leaf: bool,
    /// Whether the certificate itself was among the dropped files.
    pub given: bool,
}

/// What clients must trust: the trust anchor of the first server certificate
/// clients may validate, or `None` when no server certificate was dropped.
pub(crate) fn target(report: &Analysis) -> Option<TrustTarget> {
    let (index, cert) = report
        .certificates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.server_certificate)
        .find(|(_, c)| {
            c.verdict
                .as_ref()
                .is_none_or(|v| v.server_loads.answer != Answer::No)
        })
        .or_else(|| {
            report
                .certificates
                .iter()
                .enumerate()
                .find(|(_, c)| c.server_certificate)
        })?;
    let anchor = cert
        .verdict
        .as_ref()
        .and_then(|v| v.trust_root.clone())
        .unwrap_or_else(|| cert.details.issuer.clone());
    let self_signed_leaf = cert.details.subject == cert.details.issuer;
    let given = self_signed_leaf
        || report
            .certificates
            .iter()
            .enumerate()
            .any(|(i, c)| i != index && c.details.subject == anchor);
    Some(TrustTarget {
        display: display_name(&anchor),
        self_signed_leaf,
        given,
    })
}

/// A file name for the CA certificate: its display name, letters and digits.
fn file_name(display: &str) -> String {
    let mut stem: String = display
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    let stem = stem.trim_matches(|c| c == '-' || c == '.');
    if stem.is_empty() {
        "server-root.cer".to_string()
    } else {
        format!("{stem}.cer")
    }
}

/// The commands that make clients trust `target` (or, with no target, the CA
/// that issued the server's certificate), for the findings in `fixes`.
pub(crate) fn trust_root(target: Option<&TrustTarget>, fixes: Vec<Rule>) -> Artifact {
    let (display, file) = match target {
        Some(t) => (t.display.clone(), file_name(&t.display)),
        None => (
            "the CA that issued the server's certificate".to_string(),
            "server-root.cer".to_string(),
        ),
    };
    let mut s = String::new();
    match target {
        Some(t) if t.self_signed_leaf => s.push_str(&format!(
            "# The server certificate \"{display}\" is self-signed: clients trust it only by importing it (without its private key).\n# Export it: certlm.msc on the server -> Personal -> Certificates -> \"{display}\" -> All Tasks -> Export -> No, do not export the private key -> DER (.cer) -> {file}\n"
        )),
        Some(t) if t.given => s.push_str(&format!(
            "# {file}: the CA certificate \"{display}\" (dropped here; save it as DER .cer).\n"
        )),
        _ => s.push_str(&format!(
            "# Get {file}, the root CA certificate \"{display}\": from your CA's administrators, or on any computer that trusts it: open the server certificate -> Certification Path -> select the top certificate -> View Certificate -> Details -> Copy to File (DER .cer).\n"
        )),
    }
    s.push_str(&format!(
        "# On each client computer, in an elevated PowerShell (or deploy it to many computers by Group Policy: Computer Configuration -> Windows Settings -> Security Settings -> Public Key Policies -> Trusted Root Certification Authorities):\nImport-Certificate -FilePath .\\{file} -CertStoreLocation Cert:\\LocalMachine\\Root\n# or, from an elevated cmd: certutil -addstore Root {file}\n"
    ));
    let stem = file.trim_end_matches(".cer");
    s.push_str(&format!("# Linux clients (ODBC, FreeTDS, Go): sudo openssl x509 -inform der -in {file} -out /usr/local/share/ca-certificates/{stem}.crt && sudo update-ca-certificates\n"));
    s.push_str(&format!("# Node clients (tedious): openssl x509 -inform der -in {file} -out {stem}.pem, then NODE_EXTRA_CA_CERTS={stem}.pem\n"));
    s.push_str(&format!("# Java clients (JDBC, DBeaver, DataGrip): keytool -importcert -cacerts -alias {stem} -file {file}\n"));
    Artifact {
        id: super::TRUST_ROOT_COMMANDS,
        title: format!("Trust \"{display}\" on clients"),
        language: "powershell",
        content: ascii_only(&s),
        fixes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_shows_the_common_name() {
        assert_eq!(
            display_name("O=sqltls tests, CN=sqltls Test Issuing CA"),
            "sqltls Test Issuing CA"
        );
        assert_eq!(display_name("C=US, O=Contoso, OU=PKI"), "PKI");
        assert_eq!(display_name("O=Contoso"), "Contoso");
        assert_eq!(
            file_name("sqltls Test Issuing CA"),
            "sqltls-Test-Issuing-CA.cer"
        );
        assert_eq!(file_name("***"), "server-root.cer");
    }
}
