//! Size budgets of the browser deliverables: each file's raw and gzip -9 size, checked
//! against its budget and printed as a table at the end of `cargo xtask dist`.
//!
//! The budgets hold the page to a light download: widget wasm <= 150 KB gz, app wasm
//! <= 300 KB gz, `sqltls.html` <= 450 KB on disk. The build fails on a budget only when
//! [`ENFORCE_ENV`] enforces it: `1` enforces all, a comma-separated list of labels
//! (`app wasm`) the ones that already hold, so that they keep holding.

use flate2::{write::GzEncoder, Compression};
use std::io::Write as _;
use std::path::PathBuf;

/// The environment variable that turns an exceeded budget into a failed build.
pub const ENFORCE_ENV: &str = "SQLTLS_ENFORCE_BUDGETS";

/// One KB in the table and in the budgets.
const KB: u64 = 1024;

/// What a budget limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The gzip -9 size: what a server sends.
    Gzip,
    /// The size on disk: what is e-mailed or downloaded as a file.
    Disk,
}

/// The largest size a deliverable may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Which size is limited.
    pub measure: Measure,
    /// The limit in bytes (inclusive).
    pub bytes: u64,
}

impl Budget {
    /// A limit on the gzip -9 size, in KB.
    pub const fn gzip_kb(kb: u64) -> Self {
        Budget {
            measure: Measure::Gzip,
            bytes: kb * KB,
        }
    }

    /// A limit on the size on disk, in KB.
    pub const fn disk_kb(kb: u64) -> Self {
        Budget {
            measure: Measure::Disk,
            bytes: kb * KB,
        }
    }
}

/// The widget's light wasm (`dist/embed/sqltls_wasm_bg.wasm`): all a documentation page
/// downloads for the connection-string and error modes.
pub const WIDGET_WASM: Budget = Budget::gzip_kb(150);
/// The app's wasm (`dist/sqltls-<hash>.wasm`).
pub const APP_WASM: Budget = Budget::gzip_kb(300);
/// The single file (`dist/sqltls.html`).
pub const SINGLE_FILE: Budget = Budget::disk_kb(450);

/// A file of `dist/` and its budget, if it has one.
#[derive(Clone, Debug)]
pub struct Deliverable {
    /// What the file is, e.g. "app wasm".
    pub label: &'static str,
    /// The file.
    pub path: PathBuf,
    /// Its budget; `None` for a file listed for information only.
    pub budget: Option<Budget>,
}

/// A deliverable's measured sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes after gzip at level 9.
    pub gz: u64,
}

impl Sizes {
    /// The sizes of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Sizes {
            raw: bytes.len() as u64,
            gz: gzip9(bytes).len() as u64,
        }
    }
}

/// Whether a deliverable keeps to its budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Within the budget.
    Ok,
    /// Over the budget.
    Over,
    /// No budget.
    Unbudgeted,
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// What the file is.
    pub label: String,
    /// The file, relative to `dist/`.
    pub file: String,
    /// Its sizes.
    pub sizes: Sizes,
    /// Its budget.
    pub budget: Option<Budget>,
}

impl Row {
    /// Whether the row keeps to its budget.
    pub fn status(&self) -> Status {
        match self.budget {
            None => Status::Unbudgeted,
            Some(b) => {
                let size = match b.measure {
                    Measure::Gzip => self.sizes.gz,
                    Measure::Disk => self.sizes.raw,
                };
                if size <= b.bytes {
                    Status::Ok
                } else {
                    Status::Over
                }
            }
        }
    }
}

/// `bytes` compressed with gzip at level 9 (deflate, best compression).
pub fn gzip9(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Whether the value of [`ENFORCE_ENV`] asks for the budgets to be enforced.
pub fn enforced(value: Option<&str>) -> Enforced {
    match value.map(str::trim) {
        None | Some("") | Some("0") => Enforced::None,
        Some("1") => Enforced::All,
        Some(labels) => Enforced::Only(
            labels
                .split(',')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        ),
    }
}

/// Which budgets fail the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Enforced {
    /// None: the table only reports.
    None,
    /// Every budget.
    All,
    /// The budgets of these deliverables (by label).
    Only(Vec<String>),
}

impl Enforced {
    /// Does an exceeded budget of `label` fail the build?
    pub fn covers(&self, label: &str) -> bool {
        match self {
            Enforced::None => false,
            Enforced::All => true,
            Enforced::Only(labels) => labels.iter().any(|l| l == label),
        }
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / KB as f64)
}

/// The table: one line per row, raw and gzip -9 size, the budget and `ok` / `OVER`.
pub fn table(rows: &[Row]) -> String {
    let width = rows
        .iter()
        .map(|r| r.label.len() + r.file.len() + 3)
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "  {:<width$}  {:>10}  {:>10}  budget\n",
        "deliverable", "raw", "gzip -9"
    );
    for r in rows {
        let name = format!("{} ({})", r.label, r.file);
        let budget = match r.budget {
            None => String::new(),
            Some(b) => {
                let what = match b.measure {
                    Measure::Gzip => "gz",
                    Measure::Disk => "on disk",
                };
                let mark = if r.status() == Status::Over {
                    "OVER"
                } else {
                    "ok"
                };
                format!("{mark:<4}  <= {} {what}", kb(b.bytes))
            }
        };
        out.push_str(
            format!(
                "  {name:<width$}  {:>10}  {:>10}  {budget}",
                kb(r.sizes.raw),
                kb(r.sizes.gz)
            )
            .trim_end(),
        );
        out.push('\n');
    }
    out
}

/// The closing line, and an error when a budget is exceeded and `enforce` is set.
pub fn verdict(rows: &[Row], enforce: &Enforced) -> Result<String, String> {
    if let Enforced::Only(labels) = enforce {
        let budgeted: Vec<&str> = rows
            .iter()
            .filter(|r| r.budget.is_some())
            .map(|r| r.label.as_str())
            .collect();
        if let Some(unknown) = labels.iter().find(|l| !budgeted.contains(&l.as_str())) {
            return Err(format!(
                "{ENFORCE_ENV} names '{unknown}', which has no budget; budgets: {}",
                budgeted.join(", ")
            ));
        }
    }
    let over: Vec<&str> = rows
        .iter()
        .filter(|r| r.status() == Status::Over)
        .map(|r| r.label.as_str())
        .collect();
    if over.is_empty() {
        return Ok("budgets: all within".into());
    }
    let list = over.join(", ");
    let failing: Vec<&str> = over.iter().copied().filter(|l| enforce.covers(l)).collect();
    if !failing.is_empty() {
        Err(format!(
            "budgets: {} over ({list}); enforced by {ENFORCE_ENV}: {}",
            over.len(),
            failing.join(", ")
        ))
    } else {
        Ok(format!(
            "budgets: {} over ({list}); not enforced ({ENFORCE_ENV} enforces only the budgets that hold)",
            over.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read as _;

    fn row(label: &str, raw: u64, gz: u64, budget: Option<Budget>) -> Row {
        Row {
            label: label.into(),
            file: format!("{label}.bin"),
            sizes: Sizes { raw, gz },
            budget,
        }
    }

    #[test]
    fn a_gzip_budget_limits_the_gzip_size_inclusively() {
        let at = row("app wasm", 9_999_999, 300 * 1024, Some(APP_WASM));
        assert_eq!(at.status(), Status::Ok);
        let over = row("app wasm", 1, 300 * 1024 + 1, Some(APP_WASM));
        assert_eq!(over.status(), Status::Over);
    }

    #[test]
    fn a_disk_budget_limits_the_raw_size() {
        // The single file's measured size before compression of its payload: 1.81 MB.
        let big = row("single file", 1_810_000, 705_000, Some(SINGLE_FILE));
        assert_eq!(big.status(), Status::Over);
        let small = row("single file", 450 * 1024, 450 * 1024 + 7, Some(SINGLE_FILE));
        assert_eq!(small.status(), Status::Ok);
        assert_eq!(row("css", 5, 5, None).status(), Status::Unbudgeted);
    }

    #[test]
    fn the_table_marks_each_budgeted_row() {
        let rows = [
            row("widget wasm", 1_225 * 1024, 470 * 1024, Some(WIDGET_WASM)),
            row("app wasm", 280 * 1024, 100 * 1024, Some(APP_WASM)),
            row("app css", 9 * 1024, 2 * 1024, None),
        ];
        let t = table(&rows);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert!(lines[1].contains("OVER  <= 150.0 KB gz"), "{t}");
        assert!(
            lines[1].contains("1225.0 KB") && lines[1].contains("470.0 KB"),
            "{t}"
        );
        assert!(lines[2].contains("ok    <= 300.0 KB gz"), "{t}");
        assert!(lines[3].ends_with("2.0 KB"), "{t}");
    }

    #[test]
    fn an_exceeded_budget_fails_only_when_enforced() {
        let rows = [
            row("widget wasm", 1, 151 * 1024, Some(WIDGET_WASM)),
            row("app wasm", 1, 10, Some(APP_WASM)),
        ];
        let relaxed = verdict(&rows, &Enforced::None).unwrap();
        assert!(relaxed.contains("1 over (widget wasm)"), "{relaxed}");
        assert!(relaxed.contains("not enforced"), "{relaxed}");
        let err = verdict(&rows, &Enforced::All).unwrap_err();
        assert!(err.contains("widget wasm"), "{err}");
        assert!(verdict(&rows[1..], &Enforced::All).is_ok());
        let held = enforced(Some("app wasm"));
        assert!(
            verdict(&rows, &held).is_ok(),
            "the widget's budget is not enforced"
        );
        let err = verdict(&rows, &enforced(Some("app wasm, widget wasm"))).unwrap_err();
        assert!(err.contains("enforced by"), "{err}");
        let err = verdict(&rows, &enforced(Some("true"))).unwrap_err();
        assert!(err.contains("names 'true', which has no budget"), "{err}");
    }

    #[test]
    fn one_enforces_all_a_list_enforces_those() {
        assert_eq!(enforced(Some("1")), Enforced::All);
        assert_eq!(enforced(None), Enforced::None);
        assert_eq!(enforced(Some("0")), Enforced::None);
        assert_eq!(enforced(Some("")), Enforced::None);
        assert_eq!(
            enforced(Some(" app wasm ,single file")),
            Enforced::Only(vec!["app wasm".into(), "single file".into()])
        );
    }

    #[test]
    fn gzip9_round_trips_and_compresses() {
        let text = "SQL Server TLS doctor ".repeat(500);
        let gz = gzip9(text.as_bytes());
        assert!(gz.len() < text.len() / 10);
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
        let mut back = String::new();
        GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        assert_eq!(Sizes::of(text.as_bytes()).gz, gz.len() as u64);
    }
}
