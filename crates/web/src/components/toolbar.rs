//! Report actions: Copy report (Markdown), Download JSON, Load sample.

use crate::components::copy_button::{caption, use_copy, Copied};
use yew::prelude::*;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// There is a report to copy or download.
    pub has_report: bool,
    /// The Markdown report, built when asked.
    pub markdown: Callback<(), Option<String>>,
    /// Download the JSON report.
    pub on_download: Callback<()>,
    /// Load the bundled sample.
    pub on_sample: Callback<()>,
}

/// The button row. When the copy fails (no clipboard on a plain-http page, a
/// refused permission), the report shows in a box to select by hand.
#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let (state, failed, copy) = use_copy();
    let shown = use_state(|| None::<String>);
    let on_copy = {
        let markdown = props.markdown.clone();
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(md) = markdown.emit(()) {
                shown.set(Some(md.clone()));
                copy.emit(md);
            }
        })
    };
    let label = match *state {
        Copied::Idle => "Copy report".to_string(),
        other => caption(other, ""),
    };
    html! {
        <>
        <div class="toolbar" role="toolbar" aria-label="Report actions">
            <button type="button" id="load-sample" onclick={props.on_sample.reform(|_: MouseEvent| ())}>{ "Load sample" }</button>
            <button type="button" id="copy-report" disabled={!props.has_report} onclick={on_copy}
                class={classes!((*state == Copied::Failed).then_some("failed"))}
                aria-describedby="copy-report-hint">
                { label }
            </button>
            <span id="copy-report-hint" class="visually-hidden">{ "Markdown: the answer, next steps, the error quoted, details; never a password" }</span>
            <button type="button" id="download-json" disabled={!props.has_report}
                onclick={props.on_download.reform(|_: MouseEvent| ())}>{ "Download JSON" }</button>
        </div>
        if *failed {
            if let Some(md) = &*shown {
                <div class="field wide copy-fallback">
                    <label for="report-text">{ "The report: select it and copy" }</label>
                    <textarea id="report-text" readonly=true rows="8" value={md.clone()} />
                </div>
            }
        }
        </>
    }
}
