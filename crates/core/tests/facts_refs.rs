//! Every "facts X" citation in the repository names a section of docs/facts.md.
//!
//! Code comments, rule sources and docs cite the domain facts as `facts A1`,
//! `fact B9`, lists (`facts A1, A5`, `facts B5, B6, B9`) and ranges
//! (`facts B1–B8`). This test collects those citations from `crates/`,
//! `docs/`, `README.md` and the fixture READMEs, and checks that each cited
//! id is a heading of docs/facts.md with its stable anchor (`<a id="b5"></a>`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Section ids that docs/facts.md defines: headings of the form
/// `## <a id="b5"></a>B5. Title` (the anchor must be the lower-cased id).
fn sections(facts_md: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for line in facts_md.lines() {
        let Some(rest) = line.strip_prefix('#') else {
            continue;
        };
        let rest = rest.trim_start_matches('#').trim_start();
        let Some(rest) = rest.strip_prefix("<a id=\"") else {
            continue;
        };
        let Some((anchor, title)) = rest.split_once("\"></a>") else {
            continue;
        };
        let id: String = title
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert_eq!(
            anchor,
            id.to_ascii_lowercase(),
            "docs/facts.md: anchor does not match the section id in {line:?}"
        );
        ids.insert(id);
    }
    ids
}

/// Reads one section id (`A`, `B5`, `B12`) at the start of `s`: an upper-case
/// letter A–D, then digits, not followed by a letter or digit.
fn id_at(s: &str) -> Option<(String, &str)> {
    let mut chars = s.char_indices();
    let (_, letter) = chars.next()?;
    if !('A'..='D').contains(&letter) {
        return None;
    }
    let end = s[1..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(s.len(), |i| i + 1);
    let rest = &s[end..];
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some((s[..end].to_string(), rest))
}

fn split_id(id: &str) -> (char, Option<u32>) {
    let letter = id.chars().next().unwrap();
    (letter, id[1..].parse().ok())
}

/// The section ids cited in `text`, ranges expanded (`B1–B8` gives B1 … B8).
fn citations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("fact") {
        let start = from + pos;
        from = start + 4;
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut rest = &text[start + 4..];
        rest = rest.strip_prefix('s').unwrap_or(rest);
        let Some(mut rest) = rest.strip_prefix(' ') else {
            continue;
        };
        let Some((first, after)) = id_at(rest) else {
            continue;
        };
        out.push(first.clone());
        let mut last = first;
        rest = after;
        loop {
            // A range: B1–B8, B1-B8, B1 – B8.
            let trimmed = rest.trim_start_matches(' ');
            if let Some(r) = trimmed
                .strip_prefix('–')
                .or_else(|| trimmed.strip_prefix('-'))
            {
                if let Some((to, after)) = id_at(r.trim_start_matches(' ')) {
                    let (l1, n1) = split_id(&last);
                    let (l2, n2) = split_id(&to);
                    match (n1, n2) {
                        (Some(a), Some(b)) if l1 == l2 && a < b => {
                            out.extend((a + 1..=b).map(|n| format!("{l1}{n}")));
                        }
                        _ => panic!("unreadable facts range {last}–{to}"),
                    }
                    last = to;
                    rest = after;
                    continue;
                }
            }
            // A list: A1, A5 / B5, B6, B9.
            if let Some(r) = rest.strip_prefix(", ") {
                if let Some((next, after)) = id_at(r) {
                    out.push(next.clone());
                    last = next;
                    rest = after;
                    continue;
                }
            }
            break;
        }
    }
    out
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && !name.starts_with('.') {
                collect(&path, files);
            }
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "md" | "toml" | "sh" | "js" | "ts" | "html")
        ) {
            files.push(path);
        }
    }
}

#[test]
fn citation_parser_reads_lists_and_ranges() {
    assert_eq!(citations("see facts A3)"), ["A3"]);
    assert_eq!(citations("(facts A1, A5)"), ["A1", "A5"]);
    assert_eq!(citations("facts B5, B6, B9:"), ["B5", "B6", "B9"]);
    assert_eq!(
        citations("table (facts B1–B8)."),
        ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"]
    );
    assert_eq!(citations("fact D and facts C\""), ["D", "C"]);
    assert!(citations("key_facts A1; the facts about x; facts Available").is_empty());
}

#[test]
fn every_cited_section_exists_in_docs_facts_md() {
    let root = repo_root();
    let facts_md = std::fs::read_to_string(root.join("docs/facts.md"))
        .expect("docs/facts.md is the domain-facts reference the code cites");
    let defined = sections(&facts_md);
    for id in [
        "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "C",
        "D",
    ] {
        assert!(defined.contains(id), "docs/facts.md lacks section {id}");
    }

    let mut files = Vec::new();
    collect(&root.join("crates"), &mut files);
    collect(&root.join("docs"), &mut files);
    collect(&root.join("tests/fixtures"), &mut files);
    files.push(root.join("README.md"));

    let mut cited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut count = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            for id in citations(line) {
                count += 1;
                cited
                    .entry(id)
                    .or_default()
                    .push(format!("{shown}:{}", n + 1));
            }
        }
    }
    assert!(
        count >= 50,
        "only {count} facts citations found: is the scan looking in the right place?"
    );
    let missing: Vec<String> = cited
        .iter()
        .filter(|(id, _)| !defined.contains(*id))
        .map(|(id, at)| format!("facts {id} (cited at {})", at.join(", ")))
        .collect();
    assert!(
        missing.is_empty(),
        "citations of sections docs/facts.md does not have:\n{}",
        missing.join("\n")
    );
}
