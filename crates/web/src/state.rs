//! The page's state, its actions and the reducer. Pure: the reducer is the one
//! place that runs the core (`bytes → Action → reducer → Report`).

use sqltls_core::{AnalysisRequest, InputFile, Report, SqlServerVersion};
use std::rc::Rc;

/// Finding ids that mean "a password would open this .pfx".
pub const PASSWORD_IDS: [&str; 2] = ["input.pfx-password-required", "input.pfx-wrong-password"];

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Files dropped, picked or pasted, in order.
    pub files: Rc<Vec<InputFile>>,
    /// The .pfx password (never shown in any output).
    pub password: String,
    /// The version chosen in the selector; `None` is "unknown".
    pub server_version: Option<SqlServerVersion>,
    /// The latest report, when there are files.
    pub report: Option<Rc<Report>>,
    /// The evaluation instant of `report`, Unix seconds.
    pub now_unix: i64,
    /// Bumped on every change that needs a new analysis.
    pub generation: u64,
    /// How long to wait before running (longer while typing a password).
    pub delay_ms: u32,
    /// An analysis is pending or running.
    pub working: bool,
    /// Files being read from disk.
    pub reading: usize,
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
    /// Forget all files and the password.
    Clear,
    /// The password box changed.
    SetPassword(String),
    /// The version selector changed.
    SetServerVersion(Option<SqlServerVersion>),
    /// Replace everything with the bundled sample.
    LoadSample(Vec<InputFile>, String),
    /// Run the analysis for `generation` at `now_unix` (ignored when stale).
    Run {
        /// The generation this run was scheduled for.
        generation: u64,
        /// Evaluation instant, Unix seconds.
        now_unix: i64,
    },
}

impl State {
    /// Does the report ask for a .pfx password (or is one typed already)?
    pub fn wants_password(&self) -> bool {
        !self.password.is_empty()
            || self.report.as_ref().is_some_and(|r| {
                r.findings.iter().any(|f| PASSWORD_IDS.contains(&f.id))
            })
    }

    fn changed(mut self, delay_ms: u32) -> Self {
        self.generation += 1;
        self.delay_ms = delay_ms;
        self.working = !self.files.is_empty();
        if self.files.is_empty() {
            self.report = None;
        }
        self
    }

    /// The request the core gets.
    pub fn request(&self, now_unix: i64) -> AnalysisRequest {
        AnalysisRequest {
            files: self.files.as_ref().clone(),
            password: (!self.password.is_empty()).then(|| self.password.clone()),
            now_unix,
            server_version: self.server_version,
            ..AnalysisRequest::default()
        }
    }
}

/// Delay before an analysis: long enough for "working…" to paint.
pub const PAINT_DELAY_MS: u32 = 30;
/// Delay after a password keystroke: wait for the typing to pause.
pub const TYPING_DELAY_MS: u32 = 400;

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
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
            Action::Clear => State {
                generation: s.generation + 1,
                ..State::default()
            },
            Action::SetPassword(p) => {
                s.password = p;
                s.changed(TYPING_DELAY_MS)
            }
            Action::SetServerVersion(v) => {
                s.server_version = v;
                s.changed(PAINT_DELAY_MS)
            }
            Action::LoadSample(files, password) => {
                s.files = Rc::new(files);
                s.password = password;
                s.changed(PAINT_DELAY_MS)
            }
            Action::Run { generation, now_unix } => {
                if generation != s.generation || s.files.is_empty() {
                    return self;
                }
                s.report = Some(Rc::new(sqltls_core::analyze(&s.request(now_unix))));
                s.now_unix = now_unix;
                s.working = false;
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

    #[test]
    fn adding_files_schedules_a_run_and_stale_runs_are_ignored() {
        let s = Rc::new(State::default());
        let s = s.reduce(Action::AddFiles(vec![file("x.bin", b"garbage")]));
        assert!(s.working);
        let stale = s.clone().reduce(Action::Run {
            generation: s.generation - 1,
            now_unix: 0,
        });
        assert!(stale.report.is_none());
        let done = s.clone().reduce(Action::Run {
            generation: s.generation,
            now_unix: 1_700_000_000,
        });
        assert!(!done.working);
        let report = done.report.as_ref().expect("report");
        assert!(report.findings.iter().any(|f| f.id == "input.unrecognized"));
    }

    #[test]
    fn password_box_appears_when_needed() {
        let s = Rc::new(State::default()).reduce(Action::AddFiles(vec![file(
            "good-aes.pfx",
            include_bytes!("../../../tests/fixtures/certs/good-aes.pfx"),
        )]));
        let g = s.generation;
        let s = s.reduce(Action::Run {
            generation: g,
            now_unix: 1_800_000_000,
        });
        assert!(s.wants_password());
        let s = s.reduce(Action::Clear);
        assert!(!s.wants_password() && s.files.is_empty() && s.report.is_none());
    }
}
