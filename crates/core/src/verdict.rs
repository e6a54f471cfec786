//! The verdict vocabulary: the questions sqltls answers and its answers
//! (yes / no / depends, with the rules behind them). A leaf module: rules
//! produce effects in these terms, the analysis folds them, the report and the
//! page show them.

use crate::catalogue::Rule;
use serde::{Deserialize, Serialize};

/// One of the three questions every server certificate is answered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// Will SQL Server Configuration Manager offer it in its certificate list?
    SscmLists,
    /// Will SQL Server start with it configured by thumbprint?
    ServerLoads,
    /// Will a validating client accept it?
    ClientsValidate,
}

/// An answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Yes.
    Yes,
    /// It depends: on the version, the client, or what the client trusts.
    Depends,
    /// No.
    No,
}

/// An answer with the finding ids behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictAnswer {
    /// yes / no / depends.
    pub answer: Answer,
    /// Ids of the findings that decided it.
    pub because: Vec<Rule>,
}

impl VerdictAnswer {
    fn yes() -> Self {
        VerdictAnswer {
            answer: Answer::Yes,
            because: Vec::new(),
        }
    }

    /// Fold one finding's effect in: the worst answer wins and collects the reasons.
    pub fn apply(&mut self, answer: Answer, id: Rule) {
        if answer > self.answer {
            self.answer = answer;
            self.because.clear();
        }
        if answer == self.answer && answer != Answer::Yes && !self.because.contains(&id) {
            self.because.push(id);
        }
    }
}

/// The three answers for one server certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Will Configuration Manager list it?
    pub sscm_lists: VerdictAnswer,
    /// Will SQL Server load it?
    pub server_loads: VerdictAnswer,
    /// Will validating clients accept it?
    pub clients_validate: VerdictAnswer,
    /// The root (or the certificate itself, when self-signed) clients must trust.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trust_root: Option<String>,
}

impl Verdict {
    /// All "yes", before any finding is applied.
    pub fn new() -> Self {
        Verdict {
            sscm_lists: VerdictAnswer::yes(),
            server_loads: VerdictAnswer::yes(),
            clients_validate: VerdictAnswer::yes(),
            trust_root: None,
        }
    }

    /// The trust root by the name Windows shows for it ("Issued To"), e.g.
    /// `sqltls Test Root CA` for `O=sqltls tests, CN=sqltls Test Root CA`.
    pub fn trust_root_name(&self) -> Option<String> {
        self.trust_root.as_deref().map(display_name)
    }

    /// The answer for one question.
    pub fn get_mut(&mut self, kind: VerdictKind) -> &mut VerdictAnswer {
        match kind {
            VerdictKind::SscmLists => &mut self.sscm_lists,
            VerdictKind::ServerLoads => &mut self.server_loads,
            VerdictKind::ClientsValidate => &mut self.clients_validate,
        }
    }
}

impl Default for Verdict {
    fn default() -> Self {
        Self::new()
    }
}

/// The answer for one connection string: will its clients get an encrypted
/// connection to the right server? `yes` when the whole connection is
/// encrypted and the certificate is validated (or pinned) and nothing dropped
/// alongside says clients will refuse it; `no` when it is not encrypted, fails,
/// or clients will refuse the certificate; `depends` when the certificate is
/// not validated, or when acceptance depends on what the client trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionVerdict {
    /// yes / no / depends.
    pub answer: Answer,
    /// Ids of the findings that decided it.
    pub because: Vec<Rule>,
    /// The answer in one sentence, naming the client, e.g. "Clients using
    /// ODBC 18 will refuse this server: the name 10.0.0.5 is not in it."
    pub summary: String,
}

impl ConnectionVerdict {
    /// A verdict.
    pub fn new(answer: Answer, because: Vec<Rule>, summary: impl Into<String>) -> Self {
        ConnectionVerdict {
            answer,
            because,
            summary: summary.into(),
        }
    }
}

impl Default for ConnectionVerdict {
    /// "depends", before the analysis has judged the connection.
    fn default() -> Self {
        ConnectionVerdict::new(Answer::Depends, Vec::new(), String::new())
    }
}

/// The name Windows' certificate dialogs show for a distinguished name
/// written `O=…, CN=…`: the last CN, else OU, else O, else the whole name.
pub fn display_name(dn: &str) -> String {
    let parts: Vec<&str> = dn.split(", ").collect();
    for key in ["CN=", "OU=", "O="] {
        if let Some(v) = parts.iter().rev().find_map(|p| p.strip_prefix(key)) {
            if !v.trim().is_empty() {
                return v.trim().to_string();
            }
        }
    }
    dn.trim().to_string()
}
