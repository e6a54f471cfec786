//! The registry line that selects a certificate by thumbprint (facts A4):
//! needed for wildcard certificates (Configuration Manager does not offer
//! them), CNG keys on 2019+, failover cluster nodes, and to replace a value
//! holding invisible characters.

use super::{ascii_only, Artifact, Instance};
use crate::analyze::results::Analysis;
use crate::catalogue::Rule;
use crate::thumbprint;

/// The certificate to select: the one a wildcard or CNG finding concerns,
/// else the first server certificate, else the thumbprint the evidence names.
fn chosen(report: &Analysis) -> Option<(String, String)> {
    let flagged = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, Rule::CertWildcard | Rule::CertCngKeyProvider))
        .find_map(|f| f.certificate)
        .filter(|&i| {
            report
                .certificates
                .get(i)
                .is_some_and(|c| c.server_certificate)
        });
    let index = flagged.or_else(|| {
        report
            .certificates
            .iter()
            .position(|c| c.server_certificate)
    });
    if let Some(c) = index.and_then(|i| report.certificates.get(i)) {
        let names = if c.details.san_dns.is_empty() {
            c.details.common_name.clone().unwrap_or_default()
        } else {
            c.details.san_dns.join(", ")
        };
        return Some((c.details.thumbprint_sha1.clone(), names));
    }
    report
        .evidence
        .iter()
        .find_map(|e| e.facts.configured_thumbprint.clone())
        .map(|t| (t, "the certificate the server evidence names".to_string()))
}

/// The `reg add` line (cmd), with the restart.
pub(crate) fn thumbprint(
    report: &Analysis,
    instance: &Instance,
    fixes: Vec<crate::catalogue::Rule>,
) -> Option<Artifact> {
    let (raw, names) = chosen(report)?;
    let thumb = thumbprint::normalize(&raw)?.to_ascii_lowercase();
    let key_tail = "MSSQLServer\\SuperSocketNetLib";
    let mut s = String::new();
    s.push_str(&format!("rem Certificate {thumb} ({names}); from an elevated cmd on the SQL Server machine (every node of a cluster).\n"));
    match &instance.id {
        Some(id) => s.push_str(&format!(
            "reg add \"HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\{id}\\{key_tail}\" /v Certificate /t REG_SZ /d {thumb} /f\n"
        )),
        None => {
            s.push_str("rem The SQL Server version is unknown: the instance id (MSSQL<NN>.<instance>) is read from the registry.\n");
            s.push_str(&format!(
                "for /f \"tokens=3\" %i in ('reg query \"HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\Instance Names\\SQL\" /v {inst} ^| findstr REG_SZ') do reg add \"HKLM\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\%i\\{key_tail}\" /v Certificate /t REG_SZ /d {thumb} /f\n",
                inst = instance.name
            ));
        }
    }
    s.push_str(
        "rem The service account needs read access to the private key (see certreq-commands).\n",
    );
    s.push_str("rem /y also stops SQL Server Agent: start it again if it was running.\n");
    s.push_str(&format!("net stop {} /y\n", instance.service()));
    s.push_str(&format!("net start {}\n", instance.service()));
    Some(Artifact {
        id: super::REGISTRY_THUMBPRINT,
        title: format!("Select certificate {thumb} in the registry"),
        language: "cmd",
        content: ascii_only(&s),
        fixes,
    })
}
