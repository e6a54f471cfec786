//! The SQL Server version selector (showing the version an ERRORLOG or
//! registry export names) and the "missing from Configuration Manager" box. The .pfx password box sits in the file list.

use sqltls_core::clients::Symptom;
use sqltls_core::SqlServerVersion;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Versions offered in the selector.
const VERSIONS: [&str; 5] = ["2016", "2017", "2019", "2022", "2025"];

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Selected version.
    pub server_version: Option<SqlServerVersion>,
    /// Version changed.
    pub on_server_version: Callback<Option<SqlServerVersion>>,
    /// The version the dropped evidence names, with its source ("from ERRORLOG"),
    /// when no version was chosen.
    #[prop_or_default]
    pub version_from_evidence: Option<(SqlServerVersion, String)>,
    /// "The certificate is missing from Configuration Manager's list" is ticked.
    #[prop_or_default]
    pub not_listed: bool,
    /// That box changed.
    pub on_not_listed: Callback<bool>,
}

/// Options that change the analysis.
#[function_component(Controls)]
pub fn controls(props: &Props) -> Html {
    let onchange = props.on_server_version.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().ok()
    });
    let on_not_listed = props.on_not_listed.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });
    let selected = props.server_version.map(|v| v.to_string());
    let (unknown, hint) = match &props.version_from_evidence {
        Some((v, from)) => (
            format!("SQL Server {v} ({from})"),
            format!("Read {from}; choose a version to override it."),
        ),
        None => (
            "Unknown".to_string(),
            "An ERRORLOG or registry export dropped above sets it.".to_string(),
        ),
    };
    html! {
        <section class="controls" aria-label="Options">
            <div class="field">
                <label for="server-version">{ "SQL Server version" }</label>
                <select id="server-version" {onchange} aria-describedby="server-version-hint">
                    <option value="unknown" selected={selected.is_none()}>{ unknown }</option>
                    { for VERSIONS.iter().map(|v| html! {
                        <option value={*v} selected={selected.as_deref() == Some(*v)}>{ format!("SQL Server {v}") }</option>
                    }) }
                </select>
                <small id="server-version-hint">{ hint }</small>
            </div>
            <div class="field check">
                <input type="checkbox" id="not-listed" checked={props.not_listed} onchange={on_not_listed}
                    aria-describedby="not-listed-hint" />
                <label for="not-listed">{ Symptom::NotListed.label() }</label>
                <small id="not-listed-hint">{ "Tick it when the certificate does not appear in SQL Server Configuration Manager: the answer then checks the causes outside the file." }</small>
            </div>
        </section>
    }
}
