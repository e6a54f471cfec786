//! Report actions: Copy report (Markdown), Download JSON, Load sample.

use yew::prelude::*;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// There is a report to copy or download.
    pub has_report: bool,
    /// Copy the Markdown report.
    pub on_copy: Callback<()>,
    /// Download the JSON report.
    pub on_download: Callback<()>,
    /// Load the bundled sample.
    pub on_sample: Callback<()>,
}

/// The button row.
#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let copied = use_state(|| false);
    let on_copy = {
        let cb = props.on_copy.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(());
            copied.set(true);
        })
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Report actions">
            <button type="button" id="load-sample" onclick={props.on_sample.reform(|_: MouseEvent| ())}>{ "Load sample" }</button>
            <button type="button" id="copy-report" disabled={!props.has_report} onclick={on_copy}
                aria-label="Copy report as Markdown (verdicts, findings, connections and fixes; never a password)">
                { if *copied { "Copied" } else { "Copy report" } }
            </button>
            <button type="button" id="download-json" disabled={!props.has_report}
                onclick={props.on_download.reform(|_: MouseEvent| ())}>{ "Download JSON" }</button>
        </div>
    }
}
