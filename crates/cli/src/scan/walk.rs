//! Which files `sqltls scan` reads: every file under the given paths,
//! honouring `.gitignore`, `.ignore` and `.git/info/exclude` (in a git
//! repository or not), skipping `.git/`, `target/`, `node_modules/` and
//! symbolic links (none is followed, so nothing outside the tree is read;
//! a link given as a path is followed only with `--follow`).

use super::{Skip, Skipped};
use crate::read;
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// Folders never entered.
const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "target", "node_modules"];

/// A file to scan. Its identity is the raw path (two names that look alike
/// once shown are still two files).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileEntry {
    /// The identity: the raw path without a leading `./`.
    pub key: PathBuf,
    /// The path to read.
    pub path: PathBuf,
    /// The path as shown in output (as walked, without a leading `./`,
    /// control characters and bytes that are not UTF-8 escaped).
    pub display: String,
}

impl FileEntry {
    pub fn new(path: &Path) -> Self {
        FileEntry {
            key: key(path).to_path_buf(),
            path: path.to_path_buf(),
            display: display(path),
        }
    }
}

/// `path` without a leading `./`.
pub fn key(path: &Path) -> &Path {
    match path.strip_prefix(".") {
        Ok(p) if !p.as_os_str().is_empty() => p,
        _ => path,
    }
}

/// The path as shown: separators are kept as the OS gives them; a leading
/// `./` is dropped; see [`read::display_path`] for the escaping.
pub fn display(path: &Path) -> String {
    read::display_path(key(path))
}

/// The path an `ignore` error is about, if it names one.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// Every regular file under `paths`, sorted by path, without duplicates;
/// paths not walked (a symbolic link without `follow`, a FIFO or device,
/// an unreadable folder) are returned as skipped. Walk errors that name no
/// path are returned as warnings.
pub fn collect(paths: &[PathBuf], follow: bool) -> (Vec<FileEntry>, Vec<Skipped>, Vec<String>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    for root in paths {
        let meta = match std::fs::symlink_metadata(root) {
            Ok(m) if m.file_type().is_symlink() && !follow => {
                skipped.push(Skipped::new(
                    root,
                    Skip::Symlink,
                    "a symbolic link given as a path is not followed without --follow".into(),
                ));
                continue;
            }
            Ok(_) => std::fs::metadata(root),
            Err(e) => Err(e),
        };
        match meta {
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.is_file() => {
                files.push(FileEntry::new(root));
                continue;
            }
            Ok(m) => {
                skipped.push(Skipped::new(
                    root,
                    Skip::NotAFile,
                    format!("{}, not a file; it was not opened", read::kind(&m)),
                ));
                continue;
            }
            Err(e) => {
                skipped.push(Skipped::new(root, Skip::Unreadable, e.to_string()));
                continue;
            }
        }
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
                Ok(e) => match e.file_type() {
                    Some(t) if t.is_file() => files.push(FileEntry::new(e.path())),
                    Some(t) if t.is_dir() || t.is_symlink() => {}
                    _ => skipped.push(Skipped::new(
                        e.path(),
                        Skip::NotAFile,
                        match e.metadata() {
                            Ok(m) => format!("{}, not a file; it was not opened", read::kind(&m)),
                            Err(_) => "not a file; it was not opened".into(),
                        },
                    )),
                },
                Err(err) => match error_path(&err) {
                    Some(path) => {
                        skipped.push(Skipped::new(path, Skip::Unreadable, err.to_string()))
                    }
                    None => warnings.push(read::escape(&err.to_string())),
                },
            }
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.key == b.key);
    skipped.sort_by(|a, b| a.key.cmp(&b.key));
    skipped.dedup_by(|a, b| a.key == b.key);
    (files, skipped, warnings)
}
