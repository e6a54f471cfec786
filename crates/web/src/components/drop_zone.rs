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
}

/// A keyboard-reachable drop target with a file picker.
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
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            open();
        }
    });

    html! {
        <div
            class={classes!("drop-zone", (*over).then_some("over"))}
            role="button"
            tabindex="0"
            aria-label="Add files (certificates, ERRORLOG, registry export, mssql.conf): drop them here, press Enter to choose, or paste text"
            {ondragover} {ondragleave} {ondrop} {onclick} {onkeydown}
        >
            <p class="drop-title">{ "Drop certificate files and server logs here" }</p>
            <p class="drop-hint">
                { ".cer .crt .pem .der .p7b .pfx, ERRORLOG, .reg exports, mssql.conf: many at once. Or " }
                <span class="pick">{ "choose files" }</span>
                { ", or paste (Ctrl+V) anywhere: PEM text, connection strings and error messages each find their place." }
            </p>
            <input
                ref={picker}
                id="file-input"
                class="visually-hidden"
                type="file"
                multiple=true
                tabindex="-1"
                aria-hidden="true"
                {onchange}
            />
        </div>
    }
}
