//! A small "copy" button that says whether the copy worked, then resets.

use crate::dom;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// What the last copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// Nothing yet (or the message has reset).
    Idle,
    /// The text is on the clipboard.
    Yes,
    /// Neither the clipboard API nor the copy command worked.
    Failed,
}

/// How long "Copied" or the failure stays on the button, milliseconds.
pub const RESET_MS: u32 = 2000;

/// A state for a copy button (it resets after [`RESET_MS`]), whether the
/// last copy failed (it stays), and the callback that copies `text`.
#[hook]
pub fn use_copy() -> (
    UseStateHandle<Copied>,
    UseStateHandle<bool>,
    Callback<String>,
) {
    let state = use_state(|| Copied::Idle);
    let failed = use_state(|| false);
    let copy = {
        let state = state.clone();
        let failed = failed.clone();
        Callback::from(move |text: String| {
            let state = state.clone();
            let failed = failed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = dom::copy_text(&text).await;
                failed.set(!ok);
                state.set(if ok { Copied::Yes } else { Copied::Failed });
                let state = state.clone();
                Timeout::new(RESET_MS, move || state.set(Copied::Idle)).forget();
            });
        })
    };
    (state, failed, copy)
}

/// The caption for a copy state.
pub fn caption(state: Copied, idle: &str) -> String {
    match state {
        Copied::Idle => idle.to_string(),
        Copied::Yes => "Copied".to_string(),
        Copied::Failed => "Could not copy — select the text".to_string(),
    }
}

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Text to copy.
    pub text: String,
    /// Accessible name, e.g. "Copy SHA-1 thumbprint".
    pub label: String,
    /// Visible text.
    #[prop_or_else(|| "Copy".to_string())]
    pub caption: String,
}

/// Copies `text`; says "Copied" (or that it could not) for two seconds.
#[function_component(CopyButton)]
pub fn copy_button(props: &Props) -> Html {
    let (state, _, copy) = use_copy();
    let onclick = {
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| copy.emit(text.clone()))
    };
    let shown = caption(*state, &props.caption);
    // The accessible name holds the visible words (WCAG 2.5.3): the labels
    // given all start with the caption.
    let label = if *state == Copied::Idle {
        props.label.clone()
    } else {
        shown.clone()
    };
    html! {
        <button type="button" class={classes!("copy", (*state == Copied::Failed).then_some("failed"))}
            aria-label={label} {onclick}>
            { shown }
        </button>
    }
}
