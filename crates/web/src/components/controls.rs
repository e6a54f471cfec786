//! The SQL Server version selector (showing the version an ERRORLOG or
//! registry export names). The .pfx password box sits in the file list.

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
}

/// Options that change the analysis.
#[function_component(Controls)]
pub fn controls(props: &Props) -> Html {
    let onchange = props.on_server_version.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().ok()
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
        </section>
    }
}
