//! A small "copy" button that confirms with "copied".

use crate::dom;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

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

/// Copies `text`; says "Copied" for a moment.
#[function_component(CopyButton)]
pub fn copy_button(props: &Props) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let text = props.text.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            dom::copy_text(&text);
            copied.set(true);
            let copied = copied.clone();
            Timeout::new(1500, move || copied.set(false)).forget();
        })
    };
    html! {
        <button type="button" class="copy" aria-label={props.label.clone()} {onclick}>
            { if *copied { "Copied".to_string() } else { props.caption.clone() } }
        </button>
    }
}
