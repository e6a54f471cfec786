//! The `sqltls` binary: parse arguments, read files, call the core, print.

mod args;
mod output;
mod scan;

use args::{CheckArgs, Cli, ColorChoice, Command};
use clap::Parser;
use sqltls_core::rules::catalogue;
use sqltls_core::{analyze, AnalysisRequest, InputFile};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
    let connections = read_connections(&args.connections)?;
    let mut files = Vec::new();
    for path in &args.files {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        files.push(InputFile {
            name: path.display().to_string(),
            bytes,
        });
    }
    let now = args
        .common
        .at
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
    let request = AnalysisRequest {
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
    };
    let report = analyze(&request);
    drop(request);
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
    write_stdout(&text);
    Ok(if report.has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `--conn` values; `-` stands for the lines of standard input (blank lines skipped).
fn read_connections(values: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for value in values {
        if value == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| format!("cannot read connection strings from stdin: {e}"))?;
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
        } else {
            out.push(value.clone());
        }
    }
    Ok(out)
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
            write_stdout(&out);
        }
        Some(id) => {
            let m = catalogue::by_id(id)
                .ok_or_else(|| format!("unknown finding id '{id}' (see `sqltls rules`)"))?;
            write_stdout(&format!(
                "{} ({})\n{}\n\n{}\n\nFix: {}\nSource: {} ({})\n",
                m.id,
                m.severity.as_str(),
                m.title,
                m.explanation,
                m.fix,
                m.source.title,
                m.source.reference
            ));
        }
    }
    Ok(EXIT_CLEAN)
}

/// Write to stdout; a closed pipe (`sqltls ... | head`) is not an error.
fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}
