//! Findings grouped by severity: errors, warnings, information.

use crate::components::finding::FindingItem;
use crate::present::{finding_about, SEVERITIES};
use sqltls_core::{Finding, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Findings`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report (findings, errors first, and what they are about).
    pub report: Rc<Report>,
}

/// The grouped list.
#[function_component(Findings)]
pub fn findings(props: &Props) -> Html {
    let r = &props.report;
    if r.findings.is_empty() {
        return html! { <p class="no-findings">{ "No findings." }</p> };
    }
    html! {
        <section class="findings" aria-labelledby="findings-h">
            <h2 id="findings-h">{ "Findings" }</h2>
            { for SEVERITIES.iter().map(|(sev, heading)| {
                let group: Vec<&Finding> = r.findings.iter().filter(|f| f.severity == *sev).collect();
                if group.is_empty() {
                    return html! {};
                }
                html! {
                    <div class={format!("group group-{}", sev.as_str())}>
                        <h3>{ format!("{heading} ({})", group.len()) }</h3>
                        <ul>
                        { for group.into_iter().map(|f| {
                            html! { <FindingItem finding={f.clone()} about={finding_about(r, f)} /> }
                        }) }
                        </ul>
                    </div>
                }
            }) }
        </section>
    }
}
