//! The connection-string box (one string per line), the driver selector and the
//! server's ForceEncryption selector.

use crate::present::driver_choices;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`ConnectionInput`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The box's text.
    pub text: String,
    /// The selected driver, `""` for "infer".
    pub driver: String,
    /// The selected ForceEncryption, `None` for "unknown".
    pub force_encryption: Option<bool>,
    /// ForceEncryption as the dropped evidence states it, with its source.
    pub force_from_evidence: Option<(bool, String)>,
    /// The box changed.
    pub on_text: Callback<String>,
    /// The driver changed.
    pub on_driver: Callback<String>,
    /// ForceEncryption changed.
    pub on_force: Callback<Option<bool>>,
    /// The selected client id, `""` for "infer".
    #[prop_or_default]
    pub client: String,
    /// The client the core inferred from a pasted error, when none is chosen.
    #[prop_or_default]
    pub client_inferred: Option<String>,
    /// The client changed.
    pub on_client: Callback<String>,
}

/// Inputs about the client side.
#[function_component(ConnectionInput)]
pub fn connection_input(props: &Props) -> Html {
    let oninput = props.on_text.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let on_driver = props.on_driver.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let on_force = props.on_force.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        match select.value().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    });
    let on_client = props.on_client.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let infer = match &props.client_inferred {
        Some(label) => format!("Client: infer ({label}, from the error)"),
        None => "Client: infer".to_string(),
    };
    let unknown_force = match &props.force_from_evidence {
        Some((f, from)) => format!("{} ({from})", if *f { "Yes" } else { "No" }),
        None => "Unknown (outcome assumes No)".to_string(),
    };
    html! {
        <fieldset class="connection-input">
            <legend>{ "Client side" }</legend>
            <div class="field wide">
                <label for="client">{ "The program you connect with" }</label>
                <select id="client" onchange={on_client} aria-describedby="client-hint">
                    <option value="" selected={props.client.is_empty()}>{ infer }</option>
                    { for sqltls_core::clients::clients().iter().map(|c| html! {
                        <option value={c.key} selected={props.client == c.key}>{ c.label }</option>
                    }) }
                </select>
                <small id="client-hint">{ "The answer and its steps use this program's own settings and words." }</small>
            </div>
            <div class="field wide">
                <label for="conn-strings">{ "Connection strings" }</label>
                <textarea id="conn-strings" rows="3" spellcheck="false" autocomplete="off"
                    aria-describedby="conn-strings-hint"
                    placeholder="Server=tcp:sql01.corp.example.com,1433;Encrypt=True"
                    value={props.text.clone()} {oninput} />
                <small id="conn-strings-hint">{ "One per line, any driver's dialect (ADO.NET, ODBC, OLE DB, JDBC URL, go-mssqldb URL). Passwords stay in this page and are shown as <redacted>." }</small>
            </div>
            <div class="field">
                <label for="driver">{ "Driver" }</label>
                <select id="driver" onchange={on_driver}>
                    <option value="" selected={props.driver.is_empty()}>{ "Infer from each string" }</option>
                    { for driver_choices().into_iter().map(|(group, choices)| html! {
                        <optgroup label={group}>
                        { for choices.into_iter().map(|c| html! {
                            <option selected={props.driver == c.value} value={c.value.clone()}>{ c.label }</option>
                        }) }
                        </optgroup>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="force-encryption">{ "Server ForceEncryption" }</label>
                <select id="force-encryption" onchange={on_force}>
                    <option value="unknown" selected={props.force_encryption.is_none()}>{ unknown_force }</option>
                    <option value="no" selected={props.force_encryption == Some(false)}>{ "No" }</option>
                    <option value="yes" selected={props.force_encryption == Some(true)}>{ "Yes" }</option>
                </select>
            </div>
        </fieldset>
    }
}
