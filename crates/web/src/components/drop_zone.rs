//! The drop zone: drop many files (certificates and server evidence) or pick them.

use crate::dom;
use sqltls_core::InputFile;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`DropZone`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// `n` files started reading.
    pub on_reading: Callback<usize>,
    /// Files read.
    pub on_files: Callback<Vec<InputFile>>,
    /// Files are listed already: one line instead of the full hint.
    #[prop_or_default]
    pub compact: bool,
}

/// A drop target with a "Choose files" button for the keyboard and the picker.
#[function_component(DropZone)]
pub fn drop_zone(props: &Props) -> Html {
    let over = use_state(|| false);
    let picker = use_node_ref();

    let take = {
        let on_reading = props.on_reading.clone();
        let on_files = props.on_files.clone();
        move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            on_reading.emit(files.len());
            let on_files = on_files.clone();
            dom::read_files(files, move |read| on_files.emit(read));
        }
    };

    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        let take = take.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            take(dom::file_list(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let onchange = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            take(dom::file_list(input.files()));
            input.set_value("");
        })
    };
    let open = {
        let picker = picker.clone();
        move || {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        }
    };
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open())
    };

    // The zone itself is a plain drop target; the one control inside is a real
    // button (no interactive element nested in another, and its name is its text).
    html! {
        <div class={classes!("drop-zone", (*over).then_some("over"), props.compact.then_some("compact"))}
            {ondragover} {ondragleave} {ondrop}>
            <p class="drop-title">{ "Drop certificate files and server logs here" }</p>
            <p class="drop-hint">
                if !props.compact {
                    { ".cer .crt .pem .der .p7b .pfx, ERRORLOG, .reg exports, mssql.conf: many at once. " }
                }
                <button type="button" id="choose-files" class="pick" {onclick}>{ "Choose files" }</button>
                if props.compact {
                    { " or paste (Ctrl+V) anywhere." }
                } else {
                    { " or paste (Ctrl+V) anywhere: PEM text, connection strings and error messages each find their place." }
                }
            </p>
            <input
                ref={picker}
                id="file-input"
                type="file"
                multiple=true
                hidden=true
                {onchange}
            />
        </div>
    }
}
