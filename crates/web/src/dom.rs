//! Browser side effects the components need: clipboard, downloads, reading files.

use sqltls_core::InputFile;
use wasm_bindgen::{JsCast, JsValue};

/// Copy `text` to the clipboard (`navigator.clipboard.writeText`), best effort.
pub fn copy_text(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return;
    };
    if clipboard.is_undefined() {
        return;
    }
    if let Ok(f) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            if let Ok(p) = f.call1(&clipboard, &JsValue::from_str(text)) {
                // A refused permission is not an error worth a console line.
                if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                    });
                }
            }
        }
    }
}

/// Offer `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Read browser `File`s into [`InputFile`]s and hand them to `done` in one batch.
pub fn read_files(files: Vec<web_sys::File>, done: impl FnOnce(Vec<InputFile>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let file = gloo_file::File::from(file);
            let name = file.name();
            // A file that cannot be read is analysed as empty: the core says so.
            let bytes = gloo_file::futures::read_as_bytes(&file)
                .await
                .unwrap_or_default();
            out.push(InputFile { name, bytes });
        }
        done(out);
    });
}

/// The files of a `FileList`.
pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
