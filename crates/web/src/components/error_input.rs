//! The error-text box: pasted error messages or codes, separated by blank lines
//! (a dialog copied whole stays one error).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`ErrorInput`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The box's text.
    pub text: String,
    /// The box changed.
    pub on_text: Callback<String>,
}

/// The error box.
#[function_component(ErrorInput)]
pub fn error_input(props: &Props) -> Html {
    let oninput = props.on_text.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    html! {
        <div class="field wide error-input">
            <label for="error-text">{ "Error messages" }</label>
            <textarea id="error-text" rows="3" spellcheck="false" autocomplete="off"
                aria-describedby="error-text-hint"
                placeholder="The target principal name is incorrect."
                value={props.text.clone()} {oninput} />
            <small id="error-text-hint">{ "Any driver's wording, a code (0x80090325, 26014), ERRORLOG lines, or a whole dialog copied from SSMS. Separate several errors with a blank line." }</small>
        </div>
    }
}
