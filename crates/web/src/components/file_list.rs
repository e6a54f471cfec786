//! The inputs as the report saw them, each with a remove button.

use crate::present::json_name;
use sqltls_core::report::InputReport;
use yew::prelude::*;

/// Props of [`FileList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// File names in order.
    pub names: Vec<String>,
    /// The report's view of them, when analysed.
    pub inputs: Option<Vec<InputReport>>,
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
    html! {
        <section class="files" aria-label="Files">
            <ul>
            { for props.names.iter().enumerate().map(|(i, name)| {
                let info = props.inputs.as_ref().and_then(|v| v.get(i));
                let remove = props.on_remove.reform(move |_: MouseEvent| i);
                html! {
                    <li>
                        <span class="file-name">{ name }</span>
                        if let Some(info) = info {
                            <span class="file-meta">
                                { format!("{} · {} bytes · {} certificate(s)", json_name(&info.format), info.size, info.certificates.len()) }
                                if !info.protection.is_empty() {
                                    { format!(" · {}", info.protection.join(", ")) }
                                }
                            </span>
                        }
                        <button type="button" class="icon" aria-label={format!("Remove {name}")} onclick={remove}>{ "×" }</button>
                    </li>
                }
            }) }
            </ul>
            <button type="button" class="link" onclick={on_clear}>{ "Remove all" }</button>
        </section>
    }
}
