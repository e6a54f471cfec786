//! What to paste: each artifact (certificate request, commands, registry line)
//! and each corrected connection string as a small diff.

use crate::components::copy_button::CopyButton;
use crate::present::{change_text, has_remedies, remedy_anchor};
use sqltls_core::remedy::{Artifact, ConnectionFix, Remedies};
use yew::prelude::*;

/// Props of [`RemedyList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report's remedies.
    pub remedies: Remedies,
    /// Remedy ids the answer's steps point at, first step first: shown first.
    #[prop_or_default]
    pub first: Vec<String>,
}

fn artifact(a: &Artifact) -> Html {
    let anchor = remedy_anchor(a.id);
    html! {
        <article class="remedy artifact" id={anchor.clone()} data-remedy={a.id} aria-labelledby={format!("{anchor}-h")}>
            <div class="remedy-head">
                <h3 id={format!("{anchor}-h")}>{ &a.title }</h3>
                <CopyButton text={a.content.clone()} label={format!("Copy: {}", a.title)} />
            </div>
            <p class="remedy-meta"><span class="lang">{ a.language }</span>
                if !a.fixes.is_empty() {
                    { " · fixes " }
                    { for a.fixes.iter().map(|id| html! { <><code class="because">{ id.id() }</code>{ " " }</> }) }
                }
            </p>
            <pre class="code" tabindex="0" aria-label={a.title.clone()}><code>{ &a.content }</code></pre>
        </article>
    }
}

fn connection_fix(f: &ConnectionFix) -> Html {
    let id = format!("connection-fix#{}", f.connection);
    let anchor = remedy_anchor(&id);
    let n = f.connection + 1;
    html! {
        <article class="remedy conn-fix" id={anchor.clone()} data-remedy={id} aria-labelledby={format!("{anchor}-h")}>
            <div class="remedy-head">
                <h3 id={format!("{anchor}-h")}>{ format!("Connection #{n}, corrected") }</h3>
                <CopyButton text={f.corrected.clone()} label={format!("Copy corrected connection string #{n}")} caption="Copy corrected" />
            </div>
            <pre class="diff" tabindex="0" aria-label={format!("Connection #{n} before and after")}><code>
                <del><span aria-hidden="true">{ "-\u{a0}" }</span><span class="visually-hidden">{ "before: " }</span>{ &f.original }</del>
                <ins><span aria-hidden="true">{ "+\u{a0}" }</span><span class="visually-hidden">{ "after: " }</span>{ &f.corrected }</ins>
            </code></pre>
            <ul class="changes">
            { for f.changes.iter().map(|ch| html! {
                <li class={format!("change change-{}", ch.action)}>{ change_text(ch) }</li>
            }) }
            </ul>
            if let Some(strict) = &f.strict {
                <p class="strict">{ "With SQL Server 2022 or later, strict encryption (TDS 8.0): " }
                    <code>{ strict }</code>
                    <CopyButton text={strict.clone()} label={format!("Copy strict connection string #{n}")} /></p>
            }
            if f.corrected.contains("<redacted>") {
                <p class="hint">{ "Secrets are shown as <redacted>: put yours back after pasting." }</p>
            }
        </article>
    }
}

/// The section (nothing when there is nothing to paste): the scripts the
/// answer's steps point at first, in step order, then the rest.
#[function_component(RemedyList)]
pub fn remedy_list(props: &Props) -> Html {
    let r = &props.remedies;
    if !has_remedies(r) {
        return html! {};
    }
    // (position among the steps' remedies or after them, original order, block)
    let mut blocks: Vec<(usize, usize, Html)> = Vec::new();
    let rank = |id: &str| {
        props
            .first
            .iter()
            .position(|x| x == id)
            .unwrap_or(props.first.len())
    };
    for (k, f) in r.connections.iter().enumerate() {
        let id = format!("connection-fix#{}", f.connection);
        blocks.push((rank(&id), k, connection_fix(f)));
    }
    for (k, a) in r.artifacts.iter().enumerate() {
        blocks.push((rank(a.id), r.connections.len() + k, artifact(a)));
    }
    blocks.sort_by_key(|(rank, k, _)| (*rank, *k));
    html! {
        <section class="remedies" aria-labelledby="remedies-h">
            <h2 id="remedies-h">{ "Fixes to copy" }</h2>
            if !r.names.is_empty() {
                <p class="remedy-names">{ "Names the certificate must carry: " }
                    { for r.names.iter().chain(r.ip_addresses.iter()).map(|n| html! { <><code>{ n }</code>{ " " }</> }) }</p>
            }
            { for blocks.into_iter().map(|(_, _, b)| b) }
        </section>
    }
}
