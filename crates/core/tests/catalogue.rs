//! The finding catalogue against the sources and the generated docs page.

use sqltls_core::rules::catalogue::{all, by_id, markdown};

/// Every `id: "..."` literal in the crate's sources is a catalogued rule,
/// so no finding can be emitted without being documented.
#[test]
fn every_id_in_the_source_is_catalogued() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut found = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(rest) = line.trim().strip_prefix("id: \"") {
                    let id = rest.split('"').next().unwrap();
                    found += 1;
                    assert!(
                        by_id(id).is_some(),
                        "{id} in {} is not in the catalogue",
                        path.display()
                    );
                }
            }
        }
    }
    assert_eq!(
        found,
        all().count(),
        "catalogue and sources disagree on the number of rules"
    );
}

#[test]
fn docs_findings_md_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/findings.md");
    let expected = markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/findings.md is stale: run `UPDATE_DOCS=1 cargo test -p sqltls-core --test catalogue`"
    );
}
