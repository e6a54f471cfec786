//! The verdict line for one server certificate: one sentence, then the three answers.

use crate::present::{answer_name, overall, short_name, verdict_rows, verdict_sentence};
use sqltls_core::report::CertificateReport;
use yew::prelude::*;

/// Props of [`VerdictLine`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The server certificate (it has a verdict).
    pub certificate: CertificateReport,
    /// Its index in the report (for the anchor to its details).
    pub index: usize,
    /// What it is: "file · name · SHA-1 …".
    pub label: String,
}

/// "SQL Server will load this certificate; …".
#[function_component(VerdictLine)]
pub fn verdict_line(props: &Props) -> Html {
    let Some(v) = &props.certificate.verdict else {
        return html! {};
    };
    let worst = answer_name(overall(v));
    html! {
        <article class={classes!("verdict", format!("verdict-{worst}"))} aria-label={format!("Verdict for {}", short_name(&props.certificate))}>
            <h3><a href={format!("#cert-{}", props.index)}>{ &props.label }</a></h3>
            <p class="verdict-line">{ verdict_sentence(v) }</p>
            <ul class="answers">
            { for verdict_rows(v).into_iter().map(|(label, a)| html! {
                <li class={format!("answer-{}", answer_name(a.answer))}>
                    <span class="badge">{ answer_name(a.answer) }</span>
                    { format!(" {label}") }
                    { for a.because.iter().map(|id| html! { <>{" "}<code class="because">{ id.id() }</code></> }) }
                </li>
            }) }
            </ul>
        </article>
    }
}
