//! Browser side effects the components need: clipboard, downloads, reading files.

use sqltls_core::InputFile;
use wasm_bindgen::{JsCast, JsValue};

/// Copy `text` to the clipboard: `navigator.clipboard.writeText` first; when it
/// is missing (a page over plain http) or refuses, a hidden text area and
/// `document.execCommand("copy")`. Resolves to whether either worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    if let Some(clipboard) = clipboard {
        let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(write) = write {
            if let Ok(p) = write.call1(&clipboard, &JsValue::from_str(text)) {
                match p.dyn_into::<js_sys::Promise>() {
                    Ok(p) => {
                        if wasm_bindgen_futures::JsFuture::from(p).await.is_ok() {
                            return true;
                        }
                    }
                    Err(_) => return true,
                }
            }
        }
    }
    copy_with_text_area(text)
}

/// The older way: select `text` in a hidden text area and run the copy command.
fn copy_with_text_area(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    let _ = area.set_attribute(
        "style",
        "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;",
    );
    let active = document.active_element();
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = js_sys::Reflect::get(&document, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&document, &JsValue::from_str("copy")).ok())
        .and_then(|r| r.as_bool())
        .unwrap_or(false);
    area.remove();
    if let Some(el) = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    copied
}

/// The element with HTML id `id`.
pub fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Bring element `id` to the top of the window; when it sits in the first
/// third of the page, scroll the page to its very top instead (the title stays).
pub fn show_top(id: &str) {
    let (Some(window), Some(el)) = (web_sys::window(), by_id(id)) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let top = el.get_bounding_client_rect().top() + scrolled;
    if top < height / 3.0 {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    } else {
        el.scroll_into_view_with_bool(true);
    }
}

/// Focus element `id` (the browser scrolls only if it is out of view).
pub fn focus(id: &str) {
    if let Some(el) = by_id(id) {
        let _ = el.focus();
    }
}

/// Is the top of element `id` inside the window?
pub fn top_in_view(id: &str) -> bool {
    let Some(el) = by_id(id) else {
        return true;
    };
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    rect.top() >= 0.0 && rect.top() + 24.0 <= height
}

/// Scroll the least needed to show element `id` (focus stays where it is).
pub fn scroll_near(id: &str) {
    if let Some(el) = by_id(id) {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
        if let Ok(f) = js_sys::Reflect::get(&el, &JsValue::from_str("scrollIntoView")) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&el, &options);
            }
        }
    }
}

/// Is nothing focused (the focused element was removed, or focus is on the body)?
pub fn focus_is_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match document.active_element() {
        None => true,
        Some(el) => el.tag_name() == "BODY",
    }
}

/// Is a text box or a selector focused (someone is typing or choosing)? A file
/// picker is not: choosing files is how an answer is asked for.
pub fn focus_in_field() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => el.get_attribute("type").as_deref() != Some("file"),
        _ => false,
    }
}

/// Open every `<details>` around element `id`, show it and focus it (a link
/// to a script that sits in a closed section).
pub fn reveal(id: &str) {
    let Some(el) = by_id(id) else {
        return;
    };
    let mut node = el.parent_element();
    while let Some(parent) = node {
        if parent.tag_name() == "DETAILS" {
            let _ = parent.set_attribute("open", "");
        }
        node = parent.parent_element();
    }
    el.scroll_into_view_with_bool(true);
    if !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
}

/// JSON text indented by two spaces, as `sqltls check --json` writes it (the
/// browser's `JSON.stringify`; the page keeps no JSON writer of its own).
pub fn pretty_json(text: &str) -> Option<String> {
    let value = js_sys::JSON::parse(text).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
        .ok()?
        .as_string()
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
