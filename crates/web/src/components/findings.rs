//! Findings grouped by severity: errors, warnings, information.

use crate::components::finding::FindingItem;
use crate::present::SEVERITIES;
use sqltls_core::report::InputReport;
use sqltls_core::Finding;
use yew::prelude::*;

/// Props of [`Findings`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// All findings, errors first.
    pub findings: Vec<Finding>,
    /// Inputs, to name the file a finding is about.
    pub inputs: Vec<InputReport>,
}

/// The grouped list.
#[function_component(Findings)]
pub fn findings(props: &Props) -> Html {
    if props.findings.is_empty() {
        return html! { <p class="no-findings">{ "No findings." }</p> };
    }
    html! {
        <section class="findings" aria-labelledby="findings-h">
            <h2 id="findings-h">{ "Findings" }</h2>
            { for SEVERITIES.iter().map(|(sev, heading)| {
                let group: Vec<&Finding> = props.findings.iter().filter(|f| f.severity == *sev).collect();
                if group.is_empty() {
                    return html! {};
                }
                html! {
                    <div class={format!("group group-{}", sev.as_str())}>
                        <h3>{ format!("{heading} ({})", group.len()) }</h3>
                        <ul>
                        { for group.into_iter().map(|f| {
                            let input = f.input.and_then(|i| props.inputs.get(i)).map(|i| i.name.clone());
                            html! { <FindingItem finding={f.clone()} {input} /> }
                        }) }
                        </ul>
                    </div>
                }
            }) }
        </section>
    }
}
