//! The core's modules form layers without cycles:
//!
//! ```text
//! base       interned (texts of reports read back from JSON)
//! leaves     catalogue (rule registry), version, thumbprint, extract
//! vocabulary verdict, finding
//! decode     cert, verify -> chain, input
//! model      connstr, evidence
//! rules      rules (server-certificate checks)
//! analysis   analyze
//! remedies   remedy
//! report     report
//! ```
//!
//! Every `crate::x` (and, in a top-level file, `super::x`) reference outside
//! comments and test modules must point to a strictly lower layer, which also
//! proves the module graph has no cycle. The test reads the sources, so a new
//! import that climbs a layer fails here with the file that made it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module -> layer rank (lower may be used by higher).
const LAYERS: &[(&str, u32)] = &[
    ("interned", 0),
    ("catalogue", 1),
    ("version", 1),
    ("thumbprint", 1),
    ("extract", 1),
    ("verdict", 2),
    ("finding", 2),
    ("cert", 3),
    ("verify", 4),
    ("chain", 5),
    ("input", 5),
    ("connstr", 6),
    ("evidence", 6),
    ("rules", 7),
    ("clients", 7),
    ("analyze", 8),
    ("remedy", 9),
    ("diagnosis", 10),
    ("report", 11),
];

fn rank(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// The identifiers that follow `prefix` in `code` (`crate::` -> `cert`, …).
fn references<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| {
            // Not part of a longer path such as `super::super::`.
            !code[..*at].ends_with("super::")
        })
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Top-level module -> the top-level modules it references, with a file for each.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let module = first.trim_end_matches(".rs").to_string();
            if module == "lib" || rel.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut deps = references(&code, "crate::");
            let depth = rel.components().count();
            if depth == 1 {
                deps.extend(references(&code, "super::"));
            } else if depth == 2 {
                deps.extend(references(&code, "super::super::"));
            }
            let edges = graph.entry(module.clone()).or_default();
            for dep in deps {
                if dep != module && rank(dep).is_some() {
                    edges
                        .entry(dep.to_string())
                        .or_insert_with(|| rel.display().to_string());
                }
            }
        }
    }
    graph
}

#[test]
fn modules_form_layers_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    let modules: BTreeSet<&str> = graph.keys().map(String::as_str).collect();
    for m in &modules {
        assert!(
            rank(m).is_some(),
            "module `{m}` has no layer: add it to LAYERS"
        );
    }
    assert_eq!(
        modules.len(),
        LAYERS.len(),
        "LAYERS names a module that is gone"
    );
    let mut climbs = Vec::new();
    for (module, edges) in &graph {
        for (dep, file) in edges {
            if rank(dep) >= rank(module) {
                climbs.push(format!("{module} -> {dep} (in src/{file})"));
            }
        }
    }
    assert!(
        climbs.is_empty(),
        "imports that climb a layer:\n{}",
        climbs.join("\n")
    );
    // Not vacuous: the top layer reaches down through the whole stack.
    assert!(graph["report"].contains_key("remedy") && graph["remedy"].contains_key("analyze"));
    assert!(graph["analyze"].contains_key("rules") && graph["rules"].contains_key("cert"));
}

#[test]
fn a_climbing_import_is_caught() {
    let dir = std::env::temp_dir().join(format!("sqltls-layers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(
        dir.join("cert.rs"),
        "use crate::report::Report;\n// crate::analyze in a comment\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("rules/mod.rs"),
        "use super::super::remedy;\nuse crate::cert;\n",
    )
    .unwrap();
    let graph = module_graph(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(graph["cert"].keys().collect::<Vec<_>>(), ["report"]);
    assert_eq!(
        graph["rules"].keys().collect::<Vec<_>>(),
        ["cert", "remedy"]
    );
}
