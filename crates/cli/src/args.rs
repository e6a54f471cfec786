//! Command-line arguments (clap derive), validated into [`CheckOptions`].

use clap::{Parser, Subcommand, ValueEnum};
use sqltls_core::clients::{ClientId, Symptom};
use sqltls_core::connstr::DriverSpec;
use sqltls_core::SqlServerVersion;
use std::path::PathBuf;

/// sqltls — offline SQL Server TLS doctor.
#[derive(Debug, Parser)]
#[command(name = "sqltls", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check certificate files (.cer/.crt/.pem/.der/.p7b/.pfx) and connection strings for SQL Server.
    Check(CheckArgs),
    /// Scan folders and files for connection strings (config files, source code) and
    /// certificates, and report findings with file, line and column.
    Scan(ScanArgs),
    /// Print the catalogue of finding ids, or explain one.
    Rules {
        /// A finding id such as cert.expired.
        id: Option<String>,
    },
}

/// When to colour the text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `sqltls check` arguments.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to analyse together (a certificate, its chain, a .pfx...).
    pub files: Vec<PathBuf>,
    /// A connection string in any driver's dialect (repeatable; `-` reads one string per line from stdin).
    #[arg(long = "conn", value_name = "STRING")]
    pub connections: Vec<String>,
    /// An error message to explain (any driver's wording, a code such as 0x80090325,
    /// ERRORLOG lines); repeatable.
    #[arg(long = "error", value_name = "TEXT")]
    pub errors: Vec<String>,
    /// A name the certificate must also carry (FCI virtual network name, AG listener);
    /// repeatable. Used for the generated certificate request.
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<String>,
    /// The program you connect with, so the advice uses its words and its
    /// driver: ssms-18, ssms-19, ssms-20, ssms-21, sqlcmd-odbc17, sqlcmd-odbc18,
    /// go-sqlcmd, azure-data-studio, ef-core-6, ef-core-7, power-bi-desktop,
    /// power-bi-gateway, ssis-linked-server, jdbc-tool.
    #[arg(long, value_name = "CLIENT", value_parser = ClientId::parse)]
    pub client: Option<ClientId>,
    /// What you see that the files cannot show; `not-listed`: the certificate
    /// is missing from SQL Server Configuration Manager's list.
    #[arg(long = "symptom", value_name = "SYMPTOM", value_parser = Symptom::parse)]
    pub symptoms: Vec<Symptom>,
    /// Flags shared with `scan`.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Days before expiry that count as "expires soon".
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub warn_days: u32,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the findings as SARIF 2.1.0 (for GitHub code scanning and other tools).
    #[arg(long, conflicts_with = "json")]
    pub sarif: bool,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with status 1 when a finding of this kind is found.
    #[arg(long, value_enum, default_value_t = CheckFailOn::Error)]
    pub fail_on: CheckFailOn,
}

/// Which findings make `sqltls check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFailOn {
    /// Any error finding.
    Error,
    /// Any warning or error finding.
    Warning,
    /// Any error finding, or any input.* finding (an input that could not be
    /// read: not a file, too large, damaged, wrong password...).
    Input,
    /// Never: always exit 0 (unless the command line is wrong).
    Never,
}

/// Which findings make `sqltls scan` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any error finding.
    Error,
    /// Any warning or error finding.
    Warning,
    /// Any error finding, any input.* finding, or a file skipped because it
    /// could not be read (too large, unreadable, not a regular file).
    Input,
    /// Any error finding, or any skipped file (including binary files and
    /// symbolic links given as paths).
    Skipped,
    /// Never: always exit 0 (unless the command line is wrong).
    Never,
}

/// `sqltls scan` arguments.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("driver", |a| a.help("Driver of the connection strings found, ID[@VERSION]; inferred from each string when absent")),
    mut_arg("force_encryption", |a| a.help("The server's ForceEncryption setting. When absent, \"no\" is assumed"))
)]
pub struct ScanArgs {
    /// Files and folders to scan (folders recursively, honouring .gitignore and .ignore).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the results as SARIF 2.1.0 (for GitHub code scanning and other tools).
    #[arg(long, conflicts_with = "json")]
    pub sarif: bool,
    /// Exit with status 1 when a finding of this severity or worse is found
    /// (or, with input/skipped, when a file could not be read or was skipped).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Follow a symbolic link given as PATH (links met inside folders are
    /// never followed). Without it such a link is skipped and reported.
    #[arg(long)]
    pub follow: bool,
    /// Flags shared with `check`.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Flags `check` and `scan` share. The help texts are `check`'s; `scan`
/// words `--driver` and `--force-encryption` for itself.
#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// Driver of the connection strings: sqlclient, system.data.sqlclient, odbc, oledb, jdbc,
    /// go-mssqldb, tedious or freetds, optionally with @VERSION (odbc@17, sqlclient@3.1).
    /// Inferred from each string when absent.
    #[arg(long, value_name = "ID[@VERSION]", value_parser = parse_driver)]
    pub driver: Option<DriverArg>,
    /// The server's ForceEncryption setting. When absent, "no" is assumed and both are shown.
    #[arg(long, value_name = "yes|no", value_parser = parse_yes_no)]
    pub force_encryption: Option<bool>,
    /// Password of .pfx/.p12 files (or set SQLTLS_PASSWORD). Never printed.
    #[arg(
        long,
        env = "SQLTLS_PASSWORD",
        hide_env_values = true,
        allow_hyphen_values = true
    )]
    pub password: Option<String>,
    /// Evaluate at this instant (RFC 3339, e.g. 2026-06-01T00:00:00Z) instead of now.
    #[arg(long, value_name = "RFC3339-TIME", value_parser = parse_time)]
    pub at: Option<i64>,
    /// SQL Server version to narrow version-dependent findings (2016, 2017, 2019, 2022, 2025...).
    #[arg(long, value_name = "V", value_parser = parse_version)]
    pub server_version: Option<SqlServerVersion>,
}

/// A `--driver` value, checked with [`DriverSpec::parse`] and kept as given
/// (the core takes the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverArg {
    /// The text as given, e.g. `odbc@17`.
    pub text: String,
    /// What it names.
    pub spec: DriverSpec,
}

fn parse_driver(s: &str) -> Result<DriverArg, String> {
    DriverSpec::parse(s).map(|spec| DriverArg {
        text: s.to_string(),
        spec,
    })
}

fn parse_time(s: &str) -> Result<i64, String> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(s, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|e| format!("'{s}' is not an RFC 3339 time such as 2026-06-01T00:00:00Z ({e})"))
}

fn parse_yes_no(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" | "on" => Ok(true),
        "no" | "false" | "0" | "off" => Ok(false),
        _ => Err(format!("'{s}' is not yes or no")),
    }
}

fn parse_version(s: &str) -> Result<SqlServerVersion, String> {
    s.parse()
}
