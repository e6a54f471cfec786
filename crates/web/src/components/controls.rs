//! The password box (when a .pfx needs one) and the SQL Server version selector
//! (showing the version an ERRORLOG or registry export names).

use sqltls_core::SqlServerVersion;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Versions offered in the selector.
const VERSIONS: [&str; 5] = ["2016", "2017", "2019", "2022", "2025"];

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Show the password box.
    pub show_password: bool,
    /// The password typed so far.
    pub password: String,
    /// The report says the password is wrong.
    pub wrong_password: bool,
    /// Selected version.
    pub server_version: Option<SqlServerVersion>,
    /// Password changed.
    pub on_password: Callback<String>,
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
    let oninput = props.on_password.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
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
            if props.show_password {
                <div class="field">
                    <label for="pfx-password">{ ".pfx password" }</label>
                    <input id="pfx-password" type="password" autocomplete="off"
                        value={props.password.clone()} {oninput}
                        aria-invalid={props.wrong_password.to_string()}
                        aria-describedby="pfx-password-hint" />
                    <small id="pfx-password-hint">
                        if props.wrong_password { { "This password does not open the .pfx. " } }
                        { "Used only in this page to open the file; never copied into any report." }
                    </small>
                </div>
            }
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
