//! The registry line that selects a certificate by thumbprint (facts A4):
//! needed for wildcard certificates (Configuration Manager does not offer
//! them), CNG keys on 2019+, failover cluster nodes, and to replace a value
//! holding invisible characters.

use super::{ascii_only, Artifact, Instance};
use crate::analyze::results::Analysis;
use crate::catalogue::Rule;
use crate::thumbprint;
use crate::verdict::Answer;

/// Can SQL Server be pointed at certificate `i`? Not when it will not load
/// it or when the private key is missing: selecting it would stop the
/// service from starting.
fn selectable(report: &Analysis, i: usize) -> bool {
    let Some(c) = report.certificates.get(i) else {
        return false;
    };
    let loads = c
        .verdict
        .as_ref()
        .is_none_or(|v| v.server_loads.answer != Answer::No);
    let keyless = report.findings.iter().any(|f| {
        f.certificate == Some(i)
            && matches!(
                f.rule,
                Rule::CertPrivateKeyMissing | Rule::CertPrivateKeyMismatch
            )
    });
    c.server_certificate && loads && !keyless
}

/// The certificate to select: the one a wildcard or CNG finding concerns,
/// else the first server certificate, else the thumbprint the evidence names;
/// never a certificate SQL Server will not load (then `None`).
fn chosen(report: &Analysis) -> Option<(String, String)> {
    if report.certificates.iter().any(|c| c.server_certificate)
        && !(0..report.certificates.len()).any(|i| selectable(report, i))
    {
        return None;
    }
    let flagged = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, Rule::CertWildcard | Rule::CertCngKeyProvider))
        .find_map(|f| f.certificate)
        .filter(|&i| selectable(report, i));
    let index = flagged.or_else(|| (0..report.certificates.len()).find(|&i| selectable(report, i)));
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
