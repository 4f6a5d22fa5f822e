//! The start module's side of the readers module (Word, PDF, RTF). The loader (www/app.js,
//! or `loadReaders()` of the package) sets `globalThis.nianbaoReaders = { extract }` once the
//! readers module is instantiated; until then these files read as `ReadError::NeedsReader`,
//! and the page asks the loader for the module ([`request`]) and checks again when it is there.

use crate::source::{Document, ReadError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn prop(obj: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `nianbaoReaders.extract`, when the readers module is loaded.
fn extract_fn() -> Option<(JsValue, js_sys::Function)> {
    let readers = prop(&js_sys::global(), "nianbaoReaders")?;
    let f = prop(&readers, "extract")?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some((readers, f))
}

/// True once the readers module is loaded.
pub fn loaded() -> bool {
    extract_fn().is_some()
}

/// The external reader (source::set_external_reader): None while the module is not loaded.
pub fn extract(bytes: &[u8]) -> Option<Result<Document, ReadError>> {
    let (this, f) = extract_fn()?;
    let out = match f.call1(&this, &js_sys::Uint8Array::from(bytes)) {
        Ok(v) => v,
        Err(e) => {
            let why = js_sys::Error::from(e).message();
            return Some(Err(ReadError::Unsupported(format!(
                "读取模块出错（{why}）"
            ))));
        }
    };
    let bytes = out
        .dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    Some(crate::source::external::decode(&bytes))
}

/// Asks the loader to instantiate the readers module (`nianbaoLoader.loadReaders()`, which loads
/// it once); true when it is there.
pub async fn load() -> bool {
    let promise = super::dom::loader_fn("loadReaders")
        .and_then(|(l, f)| f.call0(&l).ok()?.dyn_into::<js_sys::Promise>().ok());
    match promise {
        Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok() && loaded(),
        None => false,
    }
}

/// Whether some of these files can be read only once the readers module is loaded.
pub fn needed(files: &[crate::session::FileIn]) -> bool {
    !loaded()
        && files.iter().any(|f| match &f.content {
            crate::session::FileContent::Bytes(b) => crate::source::missing_reader(b).is_some(),
            _ => false,
        })
}
