//! `sqltls scan`: walk files and folders, find certificates and connection
//! strings, analyse each with the core, and report findings located in their
//! files (text, JSON or SARIF).

mod walk;

use crate::args::{FailOn, ScanArgs};
use crate::output::sarif;
use crate::read::{self, FileRead};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Value};
use sqltls_core::extract::find_connection_strings;
// `scan` shows findings, never remedies: it runs the analysis alone
// (`analyze::run`), which is half the work per string of the full report.
use sqltls_core::analyze::run as analyze;
use sqltls_core::{AnalysisRequest, Finding, InputFile, Severity, SqlServerVersion};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use walk::FileEntry;

/// Files larger than this are skipped.
const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Connection strings analysed per file; a file with more is scanned in part
/// and listed as skipped (`too-many-strings`), so one generated config cannot
/// exhaust memory.
const MAX_STRINGS_PER_FILE: usize = 5_000;
/// Extensions read as certificates (analysed as a whole file, binary or not).
const CERT_EXTENSIONS: &[&str] = &["cer", "crt", "pem", "der", "p7b", "p7c", "pfx", "p12"];

/// Options every analysis in one scan shares.
struct Settings {
    password: Option<String>,
    now_unix: i64,
    server_version: Option<SqlServerVersion>,
    driver: Option<String>,
    force_encryption: Option<bool>,
}

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not text and not a certificate file.
    Binary,
    /// Could not be read (permissions, vanished, an unreadable folder).
    Unreadable,
    /// A FIFO, socket or device.
    NotAFile,
    /// A symbolic link given as a path, without `--follow`.
    Symlink,
    /// Scanned in part: more connection strings than [`MAX_STRINGS_PER_FILE`].
    TooManyStrings,
}

impl Skip {
    /// The `reason` written in JSON and SARIF.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::TooLarge => "too-large",
            Skip::Binary => "binary",
            Skip::Unreadable => "unreadable",
            Skip::NotAFile => "not-a-file",
            Skip::Symlink => "symlink",
            Skip::TooManyStrings => "too-many-strings",
        }
    }

    /// Does `--fail-on input` count it (a file that was meant to be read)?
    fn counts_as_input(self) -> bool {
        matches!(
            self,
            Skip::TooLarge | Skip::Unreadable | Skip::NotAFile | Skip::TooManyStrings
        )
    }
}

/// A file or path that was not scanned, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Identity (the raw path without a leading `./`).
    pub key: PathBuf,
    /// The path as shown (escaped).
    pub file: String,
    /// Why.
    pub reason: Skip,
    /// In words (escaped).
    pub detail: String,
}

impl Skipped {
    pub fn new(path: &Path, reason: Skip, detail: String) -> Self {
        Skipped {
            key: walk::key(path).to_path_buf(),
            file: walk::display(path),
            reason,
            detail: read::escape(&detail),
        }
    }
}

/// One finding located in a file.
#[derive(Debug, Clone)]
struct ScanResult {
    /// Identity of the file (raw path), for sorting and grouping.
    key: PathBuf,
    file: String,
    line: usize,
    column: usize,
    end_line: Option<usize>,
    end_column: Option<usize>,
    finding: Finding,
    /// The connection string with secrets redacted.
    redacted: Option<String>,
    /// Where the string sits in the file (`ConnectionStrings:Default`).
    context: Option<String>,
}

/// What happened to one file.
#[derive(Debug, Default)]
struct FileOutcome {
    results: Vec<ScanResult>,
    scanned: bool,
    certificate: bool,
    strings: usize,
    skipped: Option<Skipped>,
}

/// Run `sqltls scan`; returns the exit status, or a usage error.
pub fn run(args: ScanArgs) -> Result<u8, String> {
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(format!(
                "cannot read {}: no such file or folder",
                read::display_path(p)
            ));
        }
    }
    let common = &args.common;
    let settings = Settings {
        password: common.password.clone(),
        now_unix: common
            .at
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp()),
        server_version: common.server_version,
        // Already checked by clap (DriverSpec::parse); the core takes the text.
        driver: common.driver.as_ref().map(|d| d.text.clone()),
        force_encryption: common.force_encryption,
    };
    let (files, mut skipped, walk_warnings) = walk::collect(&args.paths, args.follow);
    for w in &walk_warnings {
        eprintln!("sqltls: warning: {w}");
    }
    let bar = progress(files.len() as u64);
    let outcomes: Vec<FileOutcome> = files
        .par_iter()
        .map(|entry| {
            let outcome = scan_file(entry, &settings);
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    drop(settings);

    let mut results: Vec<ScanResult> = Vec::new();
    let mut scanned = 0;
    let mut certificates = 0;
    let mut strings = 0;
    for o in outcomes {
        skipped.extend(o.skipped);
        scanned += usize::from(o.scanned);
        certificates += usize::from(o.certificate);
        strings += o.strings;
        results.extend(o.results);
    }
    skipped.sort_by(|a, b| a.key.cmp(&b.key));
    results.sort_by(|a, b| {
        (&a.key, a.line, a.column, a.finding.severity, a.finding.id).cmp(&(
            &b.key,
            b.line,
            b.column,
            b.finding.severity,
            b.finding.id,
        ))
    });
    let counts = Counts::of(&results, scanned, certificates, strings);
    let out = if args.json {
        render_json(&results, &skipped, &counts)
    } else if args.sarif {
        render_sarif(&results, &skipped)
    } else {
        render_text(&results, &skipped, &counts)
    };
    crate::write_stdout(&out)?;
    let input_findings = results.iter().any(|r| r.finding.id.starts_with("input."));
    let fail = match args.fail_on {
        FailOn::Error => counts.errors > 0,
        FailOn::Warning => counts.errors + counts.warnings > 0,
        FailOn::Input => {
            counts.errors > 0
                || input_findings
                || skipped.iter().any(|s| s.reason.counts_as_input())
        }
        FailOn::Skipped => counts.errors > 0 || !skipped.is_empty(),
        FailOn::Never => false,
    };
    Ok(u8::from(fail))
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("scanning {bar:30} {pos}/{len} files") {
        bar.set_style(style);
    }
    bar
}

fn extension(entry: &FileEntry) -> String {
    entry
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Read and analyse one file. Never fails: a file not scanned is recorded
/// as skipped, with why.
fn scan_file(entry: &FileEntry, settings: &Settings) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let skip = |reason, detail| Some(Skipped::new(&entry.path, reason, detail));
    // Links inside folders never reach here (the walk does not follow them);
    // a link given as a path does only with --follow.
    let bytes = match read::read_file(&entry.path, MAX_FILE_BYTES, true) {
        Ok(FileRead::Bytes(b)) => b,
        Ok(FileRead::TooLarge(size)) => {
            outcome.skipped = skip(
                Skip::TooLarge,
                format!("{size} bytes; files above {MAX_FILE_BYTES} bytes are not scanned"),
            );
            return outcome;
        }
        Ok(FileRead::NotAFile(kind)) => {
            outcome.skipped = skip(
                Skip::NotAFile,
                format!("{kind}, not a file; it was not opened"),
            );
            return outcome;
        }
        Err(e) => {
            outcome.skipped = skip(Skip::Unreadable, format!("cannot read: {e}"));
            return outcome;
        }
    };
    if CERT_EXTENSIONS.contains(&extension(entry).as_str()) {
        outcome.scanned = true;
        outcome.certificate = true;
        outcome.results = scan_certificate(entry, bytes, settings);
        return outcome;
    }
    let Some(text) = decode_text(&bytes) else {
        outcome.skipped = skip(
            Skip::Binary,
            "binary content (neither text nor a certificate file extension)".into(),
        );
        return outcome;
    };
    outcome.scanned = true;
    let found_strings = find_connection_strings(&entry.display, &text);
    if found_strings.len() > MAX_STRINGS_PER_FILE {
        outcome.skipped = skip(
            Skip::TooManyStrings,
            format!(
                "{} connection strings found; only the first {MAX_STRINGS_PER_FILE} were analysed",
                found_strings.len()
            ),
        );
    }
    for found in found_strings.into_iter().take(MAX_STRINGS_PER_FILE) {
        outcome.strings += 1;
        let report = analyze(&AnalysisRequest {
            connections: vec![found.text],
            driver: settings.driver.clone(),
            server_force_encryption: settings.force_encryption,
            now_unix: settings.now_unix,
            server_version: settings.server_version,
            ..AnalysisRequest::default()
        });
        let redacted = report.connections.first().map(|c| c.redacted.clone());
        outcome
            .results
            .extend(report.findings.into_iter().map(|finding| ScanResult {
                key: entry.key.clone(),
                file: entry.display.clone(),
                line: found.line,
                column: found.column,
                end_line: Some(found.end_line),
                end_column: Some(found.end_column),
                finding,
                redacted: redacted.clone(),
                context: Some(found.context.clone()).filter(|c| !c.is_empty()),
            }));
    }
    outcome
}

/// A certificate file on its own (a `.pfx` opened with `--password`).
fn scan_certificate(entry: &FileEntry, bytes: Vec<u8>, settings: &Settings) -> Vec<ScanResult> {
    let report = analyze(&AnalysisRequest {
        files: vec![InputFile {
            name: entry.display.clone(),
            bytes,
        }],
        password: settings.password.clone(),
        now_unix: settings.now_unix,
        server_version: settings.server_version,
        ..AnalysisRequest::default()
    });
    report
        .findings
        .into_iter()
        .map(|finding| ScanResult {
            key: entry.key.clone(),
            file: entry.display.clone(),
            line: 1,
            column: 1,
            end_line: None,
            end_column: None,
            finding,
            redacted: None,
            context: None,
        })
        .collect()
}

/// The text of a file, or `None` for a binary file: the core's decoder,
/// replacing invalid bytes so one stray byte does not hide a file.
fn decode_text(bytes: &[u8]) -> Option<String> {
    sqltls_core::input::text::decode(bytes, sqltls_core::input::text::Invalid::Replace)
}

/// Totals for the summary.
struct Counts {
    files: usize,
    certificates: usize,
    strings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of(results: &[ScanResult], files: usize, certificates: usize, strings: usize) -> Self {
        let n = |s: Severity| results.iter().filter(|r| r.finding.severity == s).count();
        Counts {
            files,
            certificates,
            strings,
            errors: n(Severity::Error),
            warnings: n(Severity::Warning),
            infos: n(Severity::Info),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `file:line:col severity id message`, grouped by file, then a summary.
/// Binary files are only counted in text (a tree holds many); every other
/// skipped path is listed with why. Control characters are escaped.
fn render_text(results: &[ScanResult], skipped: &[Skipped], counts: &Counts) -> String {
    let mut out = String::new();
    let mut current: Option<&Path> = None;
    let mut last_string: Option<(usize, usize)> = None;
    for r in results {
        if current != Some(r.key.as_path()) {
            if current.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", r.file);
            current = Some(&r.key);
            last_string = None;
        }
        if let Some(redacted) = &r.redacted {
            if last_string != Some((r.line, r.column)) {
                let ctx = r
                    .context
                    .as_deref()
                    .map(|c| format!(" ({})", read::escape(c)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}:{}:{} connection string{ctx}: {}",
                    r.file,
                    r.line,
                    r.column,
                    read::escape(redacted)
                );
                last_string = Some((r.line, r.column));
            }
        }
        let _ = writeln!(
            out,
            "{}:{}:{} {} {} {}",
            r.file,
            r.line,
            r.column,
            r.finding.severity.as_str(),
            r.finding.id,
            read::escape(&r.finding.message)
        );
    }
    if !results.is_empty() {
        out.push('\n');
    }
    let binary = skipped.iter().filter(|s| s.reason == Skip::Binary).count();
    let listed: Vec<&Skipped> = skipped
        .iter()
        .filter(|s| s.reason != Skip::Binary)
        .collect();
    for s in &listed {
        let _ = writeln!(
            out,
            "{}: skipped ({}): {}",
            s.file,
            s.reason.as_str(),
            s.detail
        );
    }
    if !listed.is_empty() || binary > 0 {
        let _ = writeln!(
            out,
            "Skipped {} ({} binary, listed with --json).",
            plural(skipped.len(), "path"),
            binary
        );
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Scanned {} ({}, {} found): {}, {}, {}.",
        plural(counts.files, "file"),
        plural(counts.certificates, "certificate file"),
        plural(counts.strings, "connection string"),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.infos, "info"),
    );
    out
}

/// `--json`: `schema_version`, `files_scanned`, `results`, `summary`.
fn render_json(results: &[ScanResult], skipped: &[Skipped], counts: &Counts) -> String {
    let results: Vec<Value> = results
        .iter()
        .map(|r| {
            json!({
                "file": r.file,
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
                "id": r.finding.id,
                "severity": r.finding.severity.as_str(),
                "title": r.finding.title,
                "message": r.finding.message,
                "fix": r.finding.fix,
                "redacted": r.redacted,
                "context": r.context,
            })
        })
        .collect();
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|s| json!({ "file": s.file, "reason": s.reason.as_str(), "detail": s.detail }))
        .collect();
    let doc = json!({
        "schema_version": 1,
        "files_scanned": counts.files,
        "certificate_files": counts.certificates,
        "connection_strings": counts.strings,
        "summary": {
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
        },
        "results": results,
        "skipped": skipped,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `--sarif`: one result per finding, located at the string (or the file).
fn render_sarif(results: &[ScanResult], skipped: &[Skipped]) -> String {
    let items: Vec<sarif::Item<'_>> = results
        .iter()
        .map(|r| sarif::Item {
            finding: &r.finding,
            file: Some(&r.file),
            region: match (&r.redacted, r.end_line, r.end_column) {
                (Some(snippet), Some(end_line), Some(end_column)) => Some(sarif::Region {
                    start_line: r.line,
                    start_column: r.column,
                    end_line,
                    end_column,
                    snippet: snippet.clone(),
                }),
                _ => None,
            },
            identity: r.redacted.clone().unwrap_or_default(),
        })
        .collect();
    let notes: Vec<sarif::Notification<'_>> = skipped
        .iter()
        .map(|s| sarif::Notification {
            file: &s.file,
            reason: s.reason.as_str(),
            message: format!("{} skipped ({}): {}", s.file, s.reason.as_str(), s.detail),
        })
        .collect();
    sarif::render_with_notifications(&items, &notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_text() {
        assert_eq!(decode_text(b"a\0b"), None);
        assert_eq!(decode_text(b"\xEF\xBB\xBFx=1").as_deref(), Some("x=1"));
        assert_eq!(decode_text(b"\xFF\xFEa\0b\0").as_deref(), Some("ab"));
    }
}
