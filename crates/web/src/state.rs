//! The page's state, its actions and the reducer. Pure: the reducer builds the
//! request ([`State::request`]) and takes the report the worker answered
//! ([`Action::Report`]); the analysis itself runs in the worker
//! ([`crate::analyzer`]).

use sqltls_core::clients::{ClientId, Symptom};
use sqltls_core::{AnalysisRequest, InputFile, Report, SqlServerVersion};
use std::rc::Rc;

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Files dropped, picked or pasted, in order.
    pub files: Rc<Vec<InputFile>>,
    /// The .pfx password (never shown in any output).
    pub password: String,
    /// The version chosen in the selector; `None` is "unknown".
    pub server_version: Option<SqlServerVersion>,
    /// The connection-string box: one string per line (may hold secrets: only
    /// the core's redacted form is ever shown or exported).
    pub connections: String,
    /// The driver selector: `""` (infer from the string) or `ID[@VERSION]`.
    pub driver: String,
    /// The ForceEncryption selector; `None` is "unknown".
    pub force_encryption: Option<bool>,
    /// The client selector: `""` (infer, from a pasted error) or a client id (`ssms-20`).
    pub client: String,
    /// "The certificate is missing from Configuration Manager's list" is ticked.
    pub not_listed: bool,
    /// The error-text box: error messages, separated by blank lines.
    pub errors: String,
    /// The latest report, when there is input.
    pub report: Option<Rc<Report>>,
    /// Its JSON text, as the worker wrote it (the download).
    pub report_json: Option<Rc<str>>,
    /// The evaluation instant of `report`, Unix seconds.
    pub now_unix: i64,
    /// Bumped on every change that needs a new analysis.
    pub generation: u64,
    /// How long to wait before running (longer while typing).
    pub delay_ms: u32,
    /// An analysis is pending or running.
    pub working: bool,
    /// Files being read from disk.
    pub reading: usize,
    /// The next report takes focus (it follows a drop, a pick, a paste or the
    /// sample, not typing in a box or a selector).
    pub focus_lead: bool,
    /// Bumped each time a report arrives.
    pub report_seq: u64,
    /// Why the last analysis could not run (the worker failed to start, say).
    pub failure: Option<String>,
}

/// The bundled example: files, the .pfx password, connection strings and errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Files.
    pub files: Vec<InputFile>,
    /// The .pfx password.
    pub password: String,
    /// The connection-string box.
    pub connections: String,
    /// The error box.
    pub errors: String,
}

/// What can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `n` files are being read.
    Reading(usize),
    /// Files were read (dropped, picked or pasted).
    AddFiles(Vec<InputFile>),
    /// Forget one file.
    RemoveFile(usize),
    /// Forget all files and the password (the text boxes stay).
    Clear,
    /// The password box changed.
    SetPassword(String),
    /// The version selector changed.
    SetServerVersion(Option<SqlServerVersion>),
    /// The connection-string box changed.
    SetConnections(String),
    /// A connection string was pasted outside the boxes: append it.
    AddConnection(String),
    /// The driver selector changed (`""` = infer).
    SetDriver(String),
    /// The ForceEncryption selector changed.
    SetForceEncryption(Option<bool>),
    /// The client selector changed (`""` = infer).
    SetClient(String),
    /// The "missing from Configuration Manager" box changed.
    SetNotListed(bool),
    /// The error box changed.
    SetErrors(String),
    /// An error text was pasted outside the boxes: append it.
    AddError(String),
    /// Replace everything with the bundled sample.
    LoadSample(Box<Sample>),
    /// The report of the analysis run for `generation` at `now_unix` (ignored
    /// when stale).
    Report {
        /// The generation the analysis was run for.
        generation: u64,
        /// Its evaluation instant, Unix seconds.
        now_unix: i64,
        /// What the worker answered.
        report: Rc<Report>,
        /// The report's JSON text, as the worker wrote it.
        json: Rc<str>,
    },
    /// The analysis for `generation` could not run.
    Failed {
        /// The generation the analysis was run for.
        generation: u64,
        /// Why, as a sentence.
        why: String,
    },
}

/// The non-blank lines of the connection box, trimmed: one string each.
pub fn connection_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The error box split into error texts: at blank lines, except that one
/// program's dump (an SSMS "Copy message text" dialog, a stack trace) stays
/// one error (the core decides: [`sqltls_core::evidence::split_error_texts`]).
pub fn error_texts(text: &str) -> Vec<String> {
    sqltls_core::evidence::split_error_texts(text)
}

/// `existing` with `added` appended after `separator` (none when empty).
fn append(existing: &str, added: &str, separator: &str) -> String {
    let existing = existing.trim_end();
    let added = added.trim();
    if existing.is_empty() {
        added.to_string()
    } else {
        format!("{existing}{separator}{added}")
    }
}

impl State {
    /// Is there anything to analyse?
    pub fn has_input(&self) -> bool {
        !self.files.is_empty()
            || !connection_lines(&self.connections).is_empty()
            || !error_texts(&self.errors).is_empty()
    }

    fn changed(mut self, delay_ms: u32) -> Self {
        self.generation += 1;
        self.failure = None;
        self.delay_ms = delay_ms;
        self.working = self.has_input();
        if !self.working {
            self.report = None;
            self.report_json = None;
        }
        self
    }

    /// The request the core gets.
    pub fn request(&self, now_unix: i64) -> AnalysisRequest {
        let driver = self.driver.trim();
        AnalysisRequest {
            files: self.files.as_ref().clone(),
            password: (!self.password.is_empty()).then(|| self.password.clone()),
            now_unix,
            server_version: self.server_version,
            connections: connection_lines(&self.connections),
            driver: (!driver.is_empty()).then(|| driver.to_string()),
            server_force_encryption: self.force_encryption,
            errors: error_texts(&self.errors),
            client: ClientId::parse(&self.client).ok(),
            symptoms: if self.not_listed {
                vec![Symptom::NotListed]
            } else {
                Vec::new()
            },
            ..AnalysisRequest::default()
        }
    }
}

/// Delay before an analysis: long enough for "working…" to paint.
pub const PAINT_DELAY_MS: u32 = 30;
/// Delay after a keystroke in a text box: wait for the typing to pause.
pub const TYPING_DELAY_MS: u32 = 400;

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // A drop, a pick, a paste outside the boxes or the sample moves focus
        // to the answer; typing in a box or choosing in a selector does not.
        match &action {
            Action::AddFiles(_)
            | Action::RemoveFile(_)
            | Action::AddConnection(_)
            | Action::AddError(_)
            | Action::LoadSample(_) => s.focus_lead = true,
            Action::Reading(_) | Action::Report { .. } | Action::Failed { .. } => {}
            _ => s.focus_lead = false,
        }
        let s = match action {
            Action::Reading(n) => {
                s.reading += n;
                s
            }
            Action::AddFiles(files) => {
                s.reading = s.reading.saturating_sub(files.len());
                Rc::make_mut(&mut s.files).extend(files);
                s.changed(PAINT_DELAY_MS)
            }
            Action::RemoveFile(i) => {
                if i < s.files.len() {
                    Rc::make_mut(&mut s.files).remove(i);
                }
                s.changed(PAINT_DELAY_MS)
            }
            Action::Clear => {
                s.files = Rc::default();
                s.password.clear();
                s.reading = 0;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetPassword(p) => {
                s.password = p;
                s.changed(TYPING_DELAY_MS)
            }
            Action::SetServerVersion(v) => {
                s.server_version = v;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetConnections(text) => {
                s.connections = text;
                s.changed(TYPING_DELAY_MS)
            }
            Action::AddConnection(text) => {
                s.connections = append(&s.connections, &text, "\n");
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetDriver(d) => {
                s.driver = d;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetForceEncryption(f) => {
                s.force_encryption = f;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetClient(c) => {
                s.client = c;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetNotListed(on) => {
                s.not_listed = on;
                s.changed(PAINT_DELAY_MS)
            }
            Action::SetErrors(text) => {
                s.errors = text;
                s.changed(TYPING_DELAY_MS)
            }
            Action::AddError(text) => {
                s.errors = append(&s.errors, &text, "\n\n");
                s.changed(PAINT_DELAY_MS)
            }
            Action::LoadSample(sample) => {
                let Sample {
                    files,
                    password,
                    connections,
                    errors,
                } = *sample;
                s.files = Rc::new(files);
                s.password = password;
                s.connections = connections;
                s.errors = errors;
                s.changed(PAINT_DELAY_MS)
            }
            Action::Report {
                generation,
                now_unix,
                report,
                json,
            } => {
                if generation != s.generation || !s.has_input() {
                    return self;
                }
                s.report = Some(report);
                s.report_json = Some(json);
                s.now_unix = now_unix;
                s.working = false;
                s.failure = None;
                s.report_seq += 1;
                s
            }
            Action::Failed { generation, why } => {
                if generation != s.generation {
                    return self;
                }
                // The last report no longer answers the input: it is not shown
                // as if it did.
                s.working = false;
                s.report = None;
                s.report_json = None;
                s.failure = Some(why);
                s
            }
        };
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::Reducible;

    fn file(name: &str, bytes: &[u8]) -> InputFile {
        InputFile {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    /// What the page does when a run is due: the request analysed (here in the
    /// test, in the worker on the page) and the report handed to the reducer.
    fn run_at(s: Rc<State>, generation: u64, now_unix: i64) -> Rc<State> {
        let report = sqltls_core::analyze(&s.request(now_unix));
        let json = serde_json::to_string(&report).unwrap();
        s.reduce(Action::Report {
            generation,
            now_unix,
            report: Rc::new(report),
            json: json.into(),
        })
    }

    fn run(s: Rc<State>) -> Rc<State> {
        let g = s.generation;
        run_at(s, g, 1_800_000_000)
    }

    #[test]
    fn adding_files_schedules_a_run_and_stale_runs_are_ignored() {
        let s = Rc::new(State::default());
        let s = s.reduce(Action::AddFiles(vec![file("x.bin", b"garbage")]));
        assert!(s.working);
        let stale = run_at(s.clone(), s.generation - 1, 0);
        assert!(stale.report.is_none());
        let failed = s.clone().reduce(Action::Failed {
            generation: s.generation,
            why: "the worker did not start".into(),
        });
        assert!(!failed.working && failed.report.is_none());
        assert_eq!(failed.failure.as_deref(), Some("the worker did not start"));
        // A report shown before a failure is not kept as the answer.
        let shown = run(s.clone());
        let failed_after = shown.clone().reduce(Action::Failed {
            generation: shown.generation,
            why: "the analysis stopped".into(),
        });
        assert!(failed_after.report.is_none() && failed_after.report_json.is_none());
        // Any change clears the failure.
        let cleared = failed_after.reduce(Action::Clear);
        assert!(cleared.failure.is_none());
        let done = run_at(failed, s.generation, 1_700_000_000);
        assert!(!done.working && done.failure.is_none());
        let report = done.report.as_ref().expect("report");
        assert!(report.findings.iter().any(|f| f.id == "input.unrecognized"));
    }

    #[test]
    fn a_drop_moves_focus_typing_does_not() {
        let s = Rc::new(State::default()).reduce(Action::AddFiles(vec![file("x.bin", b"x")]));
        assert!(s.focus_lead);
        let s = run(s);
        assert_eq!(s.report_seq, 1);
        let s = s.reduce(Action::SetErrors("0x80090325".into()));
        assert!(!s.focus_lead);
        let s = run(s).reduce(Action::AddError("26014".into()));
        assert!(s.focus_lead);
    }

    #[test]
    fn password_box_appears_when_needed() {
        let s = Rc::new(State::default()).reduce(Action::AddFiles(vec![file(
            "good-aes.pfx",
            include_bytes!("../../../tests/fixtures/certs/good-aes.pfx"),
        )]));
        let s = run(s);
        let report = s.report.as_ref().expect("report");
        assert_eq!(crate::words::locked_inputs(report), vec![(0, false)]);
        let s = s.reduce(Action::Clear);
        assert!(s.files.is_empty() && s.report.is_none());
    }

    #[test]
    fn boxes_split_into_strings_and_errors() {
        assert_eq!(
            connection_lines("  Server=a;Encrypt=no \n\n\r\nServer=b\n"),
            vec!["Server=a;Encrypt=no", "Server=b"]
        );
        assert_eq!(
            error_texts("first line\nsecond line\n\n  \nother\n"),
            vec!["first line\nsecond line", "other"]
        );
        assert!(error_texts(" \n\n").is_empty());
        let dialog = include_str!("../../../tests/fixtures/evidence/ssms20-untrusted-root.txt");
        assert_eq!(error_texts(dialog).len(), 1, "a copied dialog is one error");
        let s = Rc::new(State::default()).reduce(Action::SetClient("ssms-20".into()));
        assert_eq!(s.request(0).client, Some(ClientId::Ssms20));
        let s = s.reduce(Action::SetClient(String::new()));
        assert_eq!(s.request(0).client, None);
    }

    #[test]
    fn a_connection_string_alone_is_analysed_with_driver_and_force() {
        let s = Rc::new(State::default())
            .reduce(Action::SetDriver("odbc@17".into()))
            .reduce(Action::SetForceEncryption(Some(true)));
        assert!(!s.working, "nothing to analyse yet");
        let s = s.reduce(Action::AddConnection("Server=sql01;Encrypt=no".into()));
        assert!(s.working);
        let req = s.request(0);
        assert_eq!(req.driver.as_deref(), Some("odbc@17"));
        assert_eq!(req.server_force_encryption, Some(true));
        let s = run(s);
        let r = s.report.as_ref().expect("report");
        assert_eq!(r.connections.len(), 1);
        let c = &r.connections[0];
        assert_eq!(c.driver.as_str(), "odbc");
        assert!(!c.driver_inferred);
        assert!(c.outcome.server_force_encryption);
        // Pasted errors are appended as their own text.
        let s = s
            .reduce(Action::AddError(
                "The target principal name is incorrect.".into(),
            ))
            .reduce(Action::AddError("0x80090325".into()));
        assert_eq!(s.request(0).errors.len(), 2);
        // Removing all files keeps the boxes.
        let s = s.reduce(Action::Clear);
        assert!(s.has_input() && !s.connections.is_empty());
    }
}
