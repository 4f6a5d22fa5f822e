//! The WebAssembly face (wasm32 only): the JavaScript API of output.md ([`api`]) and the page
//! controller ([`page`]) that wires paste, files, typing and clicks to the engine and the HTML
//! renderer. The JavaScript loader (www/app.js) only instantiates the module, calls
//! [`boot_page`], and re-instantiates the module if it ever panics.

pub mod api;
mod dom;
mod page;
mod readers;
mod wire;
mod worker;

use wasm_bindgen::prelude::*;

pub use page::boot_page;
pub use worker::check_job;

/// Reports a panic to the console and to the loader (`window.nianbaoLoader.panicked`), which
/// shows a message and re-instantiates the module; the trap that follows unwinds to JavaScript.
/// Also registers the readers module as the reader of PDF and .doc files ([`readers`]).
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        crate::source::set_external_reader(readers::extract);
        std::panic::set_hook(Box::new(|info| {
            let msg = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!("nianbao panic: {msg}")));
            if let Some((loader, f)) = dom::loader_fn("panicked") {
                let _ = f.call1(&loader, &JsValue::from_str(&msg));
            }
        }));
    });
}
