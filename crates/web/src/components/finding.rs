//! One finding: id, title, message, what it is about, a link to its remedy, and
//! an expandable explanation, fix and source.

use crate::present::remedy_anchor;
use sqltls_core::Finding;
use yew::prelude::*;

/// Props of [`FindingItem`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The finding.
    pub finding: Finding,
    /// What it is about: a file, "connection #1", "error #1".
    pub about: Option<String>,
}

/// "Fix: copy this", linking to the remedy block (opened and focused). The
/// accessible name starts with the visible words.
fn fix_link(remedy: &str, id: &str) -> Html {
    let anchor = remedy_anchor(remedy);
    let target = anchor.clone();
    let onclick = Callback::from(move |_: MouseEvent| crate::dom::reveal(&target));
    html! {
        <a class="fix-link" href={format!("#{anchor}")} data-remedy={remedy.to_string()} {onclick}>
            { "Fix: copy this" }<span class="visually-hidden">{ format!(" ({remedy}, for {id})") }</span>
        </a>
    }
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
                if let Some(r) = &f.remedy {
                    { fix_link(r, f.id) }
                }
            </div>
            <p class="message">{ &f.message }
                if let Some(about) = &props.about { <span class="about">{ format!(" ({about})") }</span> }
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
