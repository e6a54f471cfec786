//! The lead answer at the top of the page: the one thing to know, then at most
//! three next steps, each with a link to its script. Announced politely to
//! screen readers; focused after a drop, a pick, a paste or the sample.

use crate::dom;
use crate::present::remedy_anchor;
use crate::words::Lead;
use yew::prelude::*;

/// The HTML id of the panel (focused and scrolled to after an input).
pub const ID: &str = "answer";

/// Props of [`LeadPanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The lead answer, when there is a report.
    pub lead: Option<Lead>,
    /// Titles of the scripts the steps point at: (remedy id, title).
    pub titles: Vec<(String, String)>,
    /// An analysis is pending: the answer is about to change.
    pub busy: bool,
}

/// Steps longer than this show their first words; the rest opens on demand.
const SHORT: usize = 160;

/// A step's text: whole when short, else its start with the rest in a
/// disclosure (the first screen keeps room for the other steps).
fn action_text(text: &str) -> Html {
    if text.chars().count() <= SHORT {
        return html! { <span class="action-text">{ text }</span> };
    }
    let cut: String = text.chars().take(SHORT).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => cut[..i].to_string(),
        None => cut,
    };
    html! {
        <details class="action-text action-long">
            <summary>{ format!("{cut}… ") }<span class="more">{ "more" }</span></summary>
            <span>{ text }</span>
        </details>
    }
}

/// The panel. Always in the page (empty before any input) so that its live
/// line is announced when the answer arrives.
#[function_component(LeadPanel)]
pub fn lead_panel(props: &Props) -> Html {
    let Some(lead) = &props.lead else {
        return html! {
            <section id={ID} class="lead lead-empty" tabindex="-1" aria-labelledby="answer-h">
                <h2 id="answer-h" class="visually-hidden">{ "Answer" }</h2>
                <p id="answer-summary" class="lead-summary" aria-live="polite"></p>
            </section>
        };
    };
    let title = |id: &str| {
        props
            .titles
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| id.to_string())
    };
    html! {
        <section id={ID} class={classes!("lead", format!("lead-{}", lead.tone), props.busy.then_some("stale"))}
            tabindex="-1" aria-labelledby="answer-h" data-source={lead.source}>
            <h2 id="answer-h" class="visually-hidden">{ "Answer" }</h2>
            <p id="answer-summary" class="lead-summary" aria-live="polite">{ &lead.summary }</p>
            if let Some(about) = &lead.about {
                <p class="lead-about">{ about }</p>
            }
            if !lead.actions.is_empty() {
                <ol class="lead-actions" aria-label="Next steps">
                { for lead.actions.iter().map(|a| {
                    let link = a.remedy.as_ref().map(|r| {
                        let anchor = remedy_anchor(r);
                        let target = anchor.clone();
                        let onclick = Callback::from(move |_: MouseEvent| dom::reveal(&target));
                        html! {
                            <a class="remedy-link" href={format!("#{anchor}")} data-remedy={r.clone()} {onclick}>
                                { format!("Script: {}", title(r)) }
                            </a>
                        }
                    });
                    html! {
                        <li class={format!("action action-{}", a.kind)}>
                            <strong class="action-kind">{ format!("{}: ", a.label()) }</strong>
                            { action_text(&a.text) }
                            { for link }
                        </li>
                    }
                }) }
                </ol>
            }
            if !lead.also.is_empty() {
                <ul class="lead-also">
                { for lead.also.iter().map(|s| html! { <li>{ format!("Also: {s}") }</li> }) }
                </ul>
            }
        </section>
    }
}
