//! Which files `sqltls scan` reads: every file under the given paths,
//! honouring `.gitignore`, `.ignore` and `.git/info/exclude` (in a git
//! repository or not), skipping `.git/`, `target/`, `node_modules/` and
//! symbolic links (none is followed, so nothing outside the tree is read).

use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// Folders never entered.
const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "target", "node_modules"];

/// A file to scan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileEntry {
    /// The path as shown in output (as walked, without a leading `./`).
    pub display: String,
    /// The path to read.
    pub path: PathBuf,
}

/// The path as shown: forward slashes are kept as the OS gives them; a
/// leading `./` is dropped.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    #[cfg(windows)]
    let s = s.strip_prefix(".\\").unwrap_or(s);
    s.to_string()
}

/// Every regular file under `paths`, sorted by display path, without
/// duplicates. Walk errors (unreadable folders) are returned as warnings.
pub fn collect(paths: &[PathBuf]) -> (Vec<FileEntry>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for root in paths {
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(false)
            .parents(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                !(is_dir
                    && e.depth() > 0
                    && SKIPPED_DIRS
                        .iter()
                        .any(|d| e.file_name().to_str() == Some(*d)))
            });
        for entry in builder.build() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) {
                        files.push(FileEntry {
                            display: display(e.path()),
                            path: e.path().to_path_buf(),
                        });
                    }
                }
                Err(err) => warnings.push(err.to_string()),
            }
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.display == b.display);
    (files, warnings)
}
