//! One analysed connection string: redacted text, dialect, driver, outcome and matrix.

use crate::components::outcome_matrix::OutcomeMatrix;
use crate::present::{client_name, outcome_sentence};
use sqltls_core::connstr::ConnectionReport;
use yew::prelude::*;

/// Props of [`ConnectionDetails`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The connection (secrets already redacted by the core).
    pub connection: ConnectionReport,
    /// Its index in the report.
    pub index: usize,
}

/// An article per string.
#[function_component(ConnectionDetails)]
pub fn connection_details(props: &Props) -> Html {
    let c = &props.connection;
    let s = &c.server;
    let mut server = s.host.clone().unwrap_or_else(|| "(no server)".into());
    if let Some(i) = &s.instance {
        server.push_str(&format!("\\{i}"));
    }
    if let Some(p) = s.port {
        server.push_str(&format!(", port {p}"));
    }
    if let Some(p) = &s.protocol {
        server.push_str(&format!(" ({p})"));
    }
    let driver = match &c.driver_version {
        Some(v) => format!(
            "{} (version {v})",
            client_name(c.driver, Some(c.outcome.version))
        ),
        None => client_name(c.driver, Some(c.outcome.version)),
    };
    html! {
        <article class="connection" id={format!("conn-{}", props.index)}
            aria-labelledby={format!("conn-{}-h", props.index)}>
            <h3 id={format!("conn-{}-h", props.index)}>{ format!("Connection #{}", props.index + 1) }</h3>
            <p><code class="redacted">{ &c.redacted }</code></p>
            <dl>
                <dt>{ "Dialect" }</dt><dd>{ c.dialect.label() }</dd>
                <dt>{ "Driver" }</dt>
                <dd>{ driver }
                    if c.driver_inferred { { " " }<span class="inferred">{ "inferred from the string" }</span> }
                </dd>
                <dt>{ "Server" }</dt><dd>{ server }</dd>
                <dt>{ "Outcome" }</dt><dd class="outcome-sentence">{ outcome_sentence(&c.outcome) }</dd>
                if !c.findings.is_empty() {
                    <dt>{ "Findings" }</dt>
                    <dd>{ for c.findings.iter().map(|f| html! { <><code class="because">{ f.id }</code>{ " " }</> }) }</dd>
                }
            </dl>
            <OutcomeMatrix connection={c.clone()} index={props.index} />
        </article>
    }
}
