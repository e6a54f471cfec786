//! The inputs as the report saw them, each with a remove button; a locked
//! .pfx gets its own row with the password box right there.

use crate::present::json_name;
use sqltls_core::report::InputReport;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The HTML id of the password box (focused after a locked .pfx is dropped).
pub const PASSWORD_ID: &str = "pfx-password";

/// Props of [`FileList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// File names in order.
    pub names: Vec<String>,
    /// The report's view of them, when analysed.
    pub inputs: Option<Vec<InputReport>>,
    /// Inputs waiting for a password, with whether the one given is wrong.
    #[prop_or_default]
    pub locked: Vec<(usize, bool)>,
    /// The password typed so far.
    #[prop_or_default]
    pub password: String,
    /// Password changed.
    pub on_password: Callback<String>,
    /// Remove file `i`.
    pub on_remove: Callback<usize>,
    /// Remove everything.
    pub on_clear: Callback<()>,
}

/// The list of inputs.
#[function_component(FileList)]
pub fn file_list(props: &Props) -> Html {
    if props.names.is_empty() {
        return html! {};
    }
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    // The first locked file carries the box; one password opens them all.
    let first_locked = props.locked.first().map(|(i, _)| *i);
    html! {
        <section class="files" aria-label="Files">
            <ul>
            { for props.names.iter().enumerate().map(|(i, name)| {
                let info = props.inputs.as_ref().and_then(|v| v.get(i));
                let remove = props.on_remove.reform(move |_: MouseEvent| i);
                let locked = props.locked.iter().find(|(j, _)| *j == i).map(|(_, wrong)| *wrong);
                let meta = match (info, locked) {
                    (_, Some(true)) => html! { <span class="file-meta locked">{ "locked: this password does not open it" }</span> },
                    (_, Some(false)) => html! { <span class="file-meta locked">{ "locked: enter its password" }</span> },
                    (Some(info), None) => html! {
                        <span class="file-meta">
                            { format!("{} · {} bytes · {} certificate(s)", json_name(&info.format), info.size, info.certificates.len()) }
                            if !info.protection.is_empty() {
                                { format!(" · {}", info.protection.join(", ")) }
                            }
                        </span>
                    },
                    (None, None) => html! {},
                };
                html! {
                    <li class={classes!(locked.is_some().then_some("locked-row"))}>
                        <span class="file-name">{ name }</span>
                        { meta }
                        <button type="button" class="icon" aria-label={format!("Remove {name}")} onclick={remove}>{ "×" }</button>
                        if first_locked == Some(i) {
                            { password_box(props, locked == Some(true)) }
                        }
                    </li>
                }
            }) }
            </ul>
            <button type="button" class="link" onclick={on_clear}>{ "Remove all" }</button>
        </section>
    }
}

fn password_box(props: &Props, wrong: bool) -> Html {
    let oninput = props.on_password.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    html! {
        <div class="field password-field">
            <label for={PASSWORD_ID}>{ ".pfx password" }</label>
            <input id={PASSWORD_ID} type="password" autocomplete="off"
                value={props.password.clone()} {oninput}
                aria-invalid={wrong.to_string()}
                aria-describedby="pfx-password-hint" />
            <small id="pfx-password-hint">
                if wrong { { "This password does not open the .pfx. " } }
                { "Used only in this page to open the file; never copied into any report." }
            </small>
        </div>
    }
}
