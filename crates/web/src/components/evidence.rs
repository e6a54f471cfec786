//! Server evidence (ERRORLOG, registry export, mssql.conf) and pasted errors,
//! with the facts read from them.

use crate::present::evidence_facts;
use sqltls_core::report::EvidenceEntry;
use yew::prelude::*;

/// Props of [`Evidence`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Each entry with the ids of the findings it raised.
    pub entries: Vec<(EvidenceEntry, Vec<&'static str>)>,
}

/// The section.
#[function_component(Evidence)]
pub fn evidence(props: &Props) -> Html {
    if props.entries.is_empty() {
        return html! {};
    }
    html! {
        <section class="evidence" aria-labelledby="evidence-h">
            <h2 id="evidence-h">{ "Server evidence and errors" }</h2>
            <ul>
            { for props.entries.iter().enumerate().map(|(i, (e, ids))| html! {
                <li class="evidence-entry" id={format!("evidence-{i}")}>
                    <div class="evidence-head">
                        <strong class="file-name">{ &e.name }</strong>
                        <span class="role">{ e.kind.label() }</span>
                    </div>
                    <dl>
                        { for evidence_facts(e).into_iter().map(|(label, value)| html! {
                            <><dt>{ label }</dt><dd>{ value }</dd></>
                        }) }
                        if !ids.is_empty() {
                            <dt>{ "Findings" }</dt>
                            <dd>{ for ids.iter().map(|id| html! { <><code class="because">{ *id }</code>{ " " }</> }) }</dd>
                        }
                    </dl>
                </li>
            }) }
            </ul>
        </section>
    }
}
