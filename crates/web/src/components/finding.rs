//! One finding: id, title, message, and an expandable explanation, fix and source.

use sqltls_core::Finding;
use yew::prelude::*;

/// Props of [`FindingItem`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The finding.
    pub finding: Finding,
    /// The file it is about, if any.
    pub input: Option<String>,
}

/// A list item.
#[function_component(FindingItem)]
pub fn finding_item(props: &Props) -> Html {
    let f = &props.finding;
    html! {
        <li class={format!("finding sev-{}", f.severity.as_str())}>
            <div class="finding-head">
                <span class="sev" aria-label={format!("severity {}", f.severity.as_str())}>{ f.severity.as_str() }</span>
                <strong>{ f.title }</strong>
                <code class="finding-id">{ f.id }</code>
            </div>
            <p class="message">{ &f.message }
                if let Some(name) = &props.input { <span class="about">{ format!(" ({name})") }</span> }
                if let Some(v) = &f.versions { <span class="about">{ format!(" SQL Server {v}.") }</span> }
            </p>
            <details>
                <summary>{ "Why, and how to fix it" }</summary>
                <p>{ f.explanation }</p>
                <p><b>{ "Fix: " }</b>{ f.fix }</p>
                <p class="source"><b>{ "Source: " }</b>{ f.source.title }{ " — " }<span>{ f.source.reference }</span></p>
            </details>
        </li>
    }
}
