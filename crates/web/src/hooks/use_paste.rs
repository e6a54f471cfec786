//! Ctrl+V anywhere on the page (outside text fields) hands the pasted text to
//! the page, which routes it (certificate, connection string or error text).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Listen for `paste` on the document; `on_text` gets the pasted text.
#[hook]
pub fn use_paste(on_text: Callback<String>) {
    use_effect_with((), move |_| {
        let listener =
            Closure::<dyn Fn(web_sys::ClipboardEvent)>::new(move |e: web_sys::ClipboardEvent| {
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if in_field {
                    return;
                }
                let text = e
                    .clipboard_data()
                    .and_then(|d| d.get_data("text").ok())
                    .unwrap_or_default();
                if !text.trim().is_empty() {
                    e.prevent_default();
                    on_text.emit(text);
                }
            });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback("paste", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback(
                    "paste",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
