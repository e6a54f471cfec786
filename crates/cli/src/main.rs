//! The `sqltls` binary: parse arguments, read files, call the core, print.

mod args;
mod output;
mod read;
mod scan;

use args::{CheckArgs, CheckFailOn, Cli, ColorChoice, Command};
use clap::Parser;
use read::FileRead;
use sqltls_core::catalogue::Diag;
use sqltls_core::diagnosis::diagnose;
use sqltls_core::input::{InputFormat, MAX_INPUT_BYTES};
use sqltls_core::report::InputReport;
use sqltls_core::rules::catalogue;
use sqltls_core::{analyze, AnalysisRequest, Finding, InputFile, Report, Rule, Severity};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Largest number of bytes read from standard input by `--conn -`.
const MAX_STDIN_BYTES: u64 = 1024 * 1024;
/// Largest number of connection strings read from standard input by `--conn -`.
const MAX_STDIN_STRINGS: usize = 10_000;

/// Exit status: no error finding.
const EXIT_CLEAN: u8 = 0;
/// Exit status: at least one error finding.
const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage or I/O error.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Scan(args) => scan::run(args),
        Command::Rules { id } => rules(id.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("sqltls: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    if args.files.is_empty() && args.connections.is_empty() && args.errors.is_empty() {
        return Err("nothing to check: give files (certificates, .pfx, ERRORLOG, .reg), --conn STRING or --error TEXT".into());
    }
    let (connections, mut unread) = read_connections(&args.connections)?;
    let mut files = Vec::new();
    for path in &args.files {
        let name = read::display_path(path);
        let read = read::read_file(path, MAX_INPUT_BYTES as u64, true)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        match read {
            FileRead::Bytes(bytes) => files.push(InputFile { name, bytes }),
            FileRead::TooLarge(size) => {
                let message = format!(
                    "'{name}' is {size} bytes; inputs above {MAX_INPUT_BYTES} bytes are not read."
                );
                unread.push(Unread {
                    size: usize::try_from(size).unwrap_or(usize::MAX),
                    format: InputFormat::Unknown,
                    finding: Finding::new(Rule::InputTooLarge, message),
                    name,
                });
            }
            FileRead::NotAFile(kind) => {
                let message = format!("'{name}' is {kind}, not a file; it was not opened.");
                unread.push(Unread {
                    size: 0,
                    format: InputFormat::Unknown,
                    finding: Finding::new(Rule::InputNotAFile, message),
                    name,
                });
            }
        }
    }
    let now = args
        .common
        .at
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
    let mut request = AnalysisRequest {
        files,
        password: args.common.password,
        now_unix: now,
        server_version: args.common.server_version,
        warn_days: args.warn_days,
        connections,
        driver: args.common.driver.map(|d| d.text),
        server_force_encryption: args.common.force_encryption,
        errors: args.errors,
        names: args.names,
        keep_secrets: false,
        client: args.client,
        symptoms: args.symptoms,
    };
    let mut report = analyze(&request);
    let symptoms = std::mem::take(&mut request.symptoms);
    drop(request);
    if !unread.is_empty() {
        for u in unread {
            add_unread(&mut report, u);
        }
        if let Some(remedies) = &report.remedies {
            report.diagnosis = diagnose(&report.analysis, remedies, &symptoms);
        }
    }
    let text = if args.json {
        output::json::render(&report)
    } else if args.sarif {
        output::sarif::render_report(&report)
    } else {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        output::text::render(&report, color)
    };
    write_stdout(&text)?;
    let fail = match args.fail_on {
        CheckFailOn::Error => report.has_errors(),
        CheckFailOn::Warning => report.summary.errors + report.summary.warnings > 0,
        CheckFailOn::Input => {
            report.has_errors() || report.findings.iter().any(|f| f.id.starts_with("input."))
        }
        CheckFailOn::Never => false,
    };
    Ok(if fail { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// An input the CLI did not hand to the core (not a file, too large, cut),
/// reported as an input with its `input.*` finding.
struct Unread {
    name: String,
    size: usize,
    format: InputFormat,
    finding: Finding,
}

/// Add `u` to the report: an input entry, its finding (after the findings of
/// its severity or worse) and the summary count.
fn add_unread(report: &mut Report, u: Unread) {
    let index = report.inputs.len();
    report.inputs.push(InputReport {
        name: u.name,
        format: u.format,
        size: u.size,
        certificates: Vec::new(),
        keys: Vec::new(),
        protection: Vec::new(),
    });
    let finding = u.finding.for_input(index);
    match finding.severity {
        Severity::Error => report.summary.errors += 1,
        Severity::Warning => report.summary.warnings += 1,
        Severity::Info => report.summary.infos += 1,
    }
    let at = report
        .findings
        .iter()
        .position(|f| f.severity > finding.severity)
        .unwrap_or(report.findings.len());
    report.findings.insert(at, finding);
}

/// `--conn` values; `-` stands for the lines of standard input (blank lines
/// skipped), at most [`MAX_STDIN_BYTES`] bytes and [`MAX_STDIN_STRINGS`]
/// strings. What was cut is returned as an `input.too-large` input.
fn read_connections(values: &[String]) -> Result<(Vec<String>, Vec<Unread>), String> {
    let mut out = Vec::new();
    let mut unread = Vec::new();
    let mut stdin_read = false;
    for value in values {
        if value != "-" {
            out.push(value.clone());
            continue;
        }
        if stdin_read {
            continue;
        }
        stdin_read = true;
        let (bytes, more) = read::read_bounded(std::io::stdin().lock(), MAX_STDIN_BYTES)
            .map_err(|e| format!("cannot read connection strings from stdin: {e}"))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines: Vec<&str> = text.lines().collect();
        if more && !text.ends_with('\n') {
            // The last line was cut in the middle: it is not a whole string.
            lines.pop();
        }
        let strings: Vec<&str> = lines
            .into_iter()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let kept = strings.len().min(MAX_STDIN_STRINGS);
        let mut cut = Vec::new();
        if more {
            cut.push(format!(
                "standard input holds more than {MAX_STDIN_BYTES} bytes; only the whole lines of the first {MAX_STDIN_BYTES} bytes were read"
            ));
        }
        if strings.len() > MAX_STDIN_STRINGS {
            cut.push(format!(
                "only the first {MAX_STDIN_STRINGS} of {} connection strings were read",
                strings.len()
            ));
        }
        out.extend(strings.into_iter().take(kept).map(String::from));
        if !cut.is_empty() {
            unread.push(Unread {
                name: "stdin".into(),
                size: bytes.len(),
                format: InputFormat::Text,
                finding: Finding::new(
                    Rule::InputTooLarge,
                    format!("--conn -: {}.", cut.join("; ")),
                ),
            });
        }
    }
    Ok((out, unread))
}

fn rules(id: Option<&str>) -> Result<u8, String> {
    match id {
        None => {
            let mut out = String::new();
            for m in catalogue::all() {
                out.push_str(&format!(
                    "{:<40} {:<8} {}\n",
                    m.id,
                    m.severity.as_str(),
                    m.title
                ));
            }
            for d in Diag::ALL {
                let m = d.meta();
                out.push_str(&format!("{:<40} {:<8} {}\n", m.id, "diagnosis", m.title));
            }
            write_stdout(&out)?;
        }
        Some(id) => {
            if let Some(d) = Diag::ALL.iter().find(|d| d.id() == id) {
                let m = d.meta();
                write_stdout(&format!("{}\n{}\n\n{}\n", m.id, m.title, m.meaning))?;
                return Ok(EXIT_CLEAN);
            }
            let m = catalogue::by_id(id)
                .ok_or_else(|| format!("unknown finding id '{id}' (see `sqltls rules`)"))?;
            write_stdout(&m.plain_text())?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// Write to stdout; a closed pipe (`sqltls ... | head`) is not an error,
/// any other failure (a full disk, `> /dev/full`) is.
fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}
