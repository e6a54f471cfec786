//! Whole batches keep their order and their deduplication at sizes where a
//! scan per item would show (the work counts themselves are unit tests in
//! analyze/results.rs, remedy/names.rs, evidence/mod.rs, evidence/reg_export.rs
//! and the CLI's output/text.rs).

use sqltls_core::evidence::analyze_text;
use sqltls_core::{analyze, AnalysisRequest, InputFile, Rule};

fn file(name: &str, rel: &str) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: sqltls_fixtures::bytes(rel),
    }
}

#[test]
fn one_certificate_in_many_inputs_is_one_certificate_listing_every_input() {
    let n = 2_000;
    let mut files: Vec<InputFile> = (0..n)
        .map(|i| file(&format!("copy{i}.pem"), "certs/good.pem"))
        .collect();
    files.push(file("expired.pem", "certs/expired.pem"));
    let report = analyze(&AnalysisRequest {
        files,
        now_unix: 1_780_000_000,
        ..AnalysisRequest::default()
    });
    assert_eq!(report.certificates.len(), 2);
    assert_eq!(
        report.certificates[0].inputs,
        (0..n).collect::<Vec<usize>>()
    );
    assert_eq!(report.certificates[1].inputs, [n]);
    assert!(report.inputs[..n].iter().all(|i| i.certificates == [0]));
    assert_eq!(report.inputs[n].certificates, [1]);
}

#[test]
fn a_certificate_twice_in_one_input_lists_the_input_once() {
    let mut twice = file("twice.pem", "certs/good.pem");
    twice.bytes.extend(sqltls_fixtures::bytes("certs/good.pem"));
    let report = analyze(&AnalysisRequest {
        files: vec![twice, file("again.pem", "certs/good.pem")],
        ..AnalysisRequest::default()
    });
    assert_eq!(report.certificates.len(), 1);
    assert_eq!(report.certificates[0].inputs, [0, 1]);
    assert_eq!(report.inputs[0].certificates, [0, 0]);
}

#[test]
fn registry_export_with_thousands_of_instances_matches_in_order() {
    let good = analyze(&AnalysisRequest {
        files: vec![file("good.pem", "certs/good.pem")],
        ..AnalysisRequest::default()
    });
    let certs: Vec<_> = good
        .certificates
        .iter()
        .map(|c| c.details.clone())
        .collect();
    let n = 3_000;
    let mut reg = "Windows Registry Editor Version 5.00\r\n\r\n".to_string();
    for i in 0..n {
        let t = if i == 1_234 {
            certs[0].thumbprint_sha1.to_ascii_lowercase()
        } else {
            format!("{:040x}", i % 1_000)
        };
        reg.push_str(&format!(
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL15.I{i}\\MSSQLServer\\SuperSocketNetLib]\r\n\"Certificate\"=\"{t}\"\r\n\r\n"
        ));
    }
    let r = analyze_text(&reg, &certs, None);
    let found: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == Rule::MatchThumbprintFound)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].certificate, Some(0));
    let not_dropped: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == Rule::MatchThumbprintNotDropped)
        .map(|f| f.message.as_str())
        .collect();
    // 1,000 distinct thumbprints besides the dropped one, each reported once,
    // in the order the instances name them.
    assert_eq!(not_dropped.len(), 1_000);
    for (k, m) in not_dropped.iter().enumerate() {
        let t = format!("{k:040X}");
        assert!(
            m.starts_with(&format!("Thumbprint {t} (Instance MSSQL15.I{k} ")),
            "{m}"
        );
    }
}
