//! Small helpers over web-sys: element lookup, listeners tied to an AbortSignal, timers, local
//! storage and downloads. Every listener and timer first checks the signal, so that a module
//! instance the loader has replaced (after a panic) never runs again.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortSignal, AddEventListenerOptions, Document, Event, EventTarget, Storage, Window,
};

pub fn window() -> Window {
    web_sys::window().expect("no window")
}

pub fn document() -> Document {
    window().document().expect("no document")
}

pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// Listens for `kind` on `target` until `signal` aborts.
pub fn listen<E: JsCast>(
    target: &EventTarget,
    kind: &str,
    signal: &AbortSignal,
    mut f: impl FnMut(E) + 'static,
) {
    listen_boxed(
        target,
        kind,
        signal,
        Box::new(move |e: Event| {
            if let Ok(e) = e.dyn_into::<E>() {
                f(e);
            }
        }),
    );
}

/// [`listen`]'s body, once in the module rather than once per listener (with its own
/// JavaScript closure shim each).
fn listen_boxed(
    target: &EventTarget,
    kind: &str,
    signal: &AbortSignal,
    mut f: Box<dyn FnMut(Event)>,
) {
    let guard = signal.clone();
    let cb = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        if !guard.aborted() {
            f(e);
        }
    });
    let opts = AddEventListenerOptions::new();
    opts.set_signal(signal);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        kind,
        cb.as_ref().unchecked_ref(),
        &opts,
    );
    // The browser owns the listener from now on; the signal removes it.
    cb.forget();
}

/// Runs `f` once after `ms` milliseconds unless `signal` has aborted by then. (Boxed: one copy
/// of the timer's code in the module for every caller.)
pub fn set_timeout(ms: i32, signal: &AbortSignal, f: Box<dyn FnOnce()>) -> i32 {
    let guard = signal.clone();
    let cb = Closure::once_into_js(move || {
        if !guard.aborted() {
            f();
        }
    });
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms)
        .unwrap_or(0)
}

/// Runs `f` in a task after the next frame is drawn (a task run by `set_timeout` alone can fall
/// before it, and a frame waits for every such task: a keystroke then waits for all of them).
pub fn after_frame(signal: &AbortSignal, f: Box<dyn FnOnce()>) {
    let signal2 = signal.clone();
    let cb = Closure::once_into_js(move || {
        set_timeout(0, &signal2, f);
    });
    let _ = window().request_animation_frame(cb.unchecked_ref());
}

/// Lets the browser run what waits (input, drawing) before the rest of a long job.
pub async fn yield_now() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// A big JavaScript string as a Rust one, taken in steps of about a million UTF-16 units (~6 ms
/// each; 10 MB in one piece is ~22 ms), each in a task of its own.
pub async fn string_in_steps(v: &js_sys::JsString) -> String {
    const STEP: u32 = 1 << 20;
    let n = v.length();
    let mut out = String::new();
    let mut a = 0;
    while a < n {
        yield_now().await;
        let mut b = n.min(a + STEP);
        // Not between the two halves of a surrogate pair.
        if b < n && (0xD800..0xDC00).contains(&(v.char_code_at(b - 1) as u32)) {
            b -= 1;
        }
        out.push_str(&String::from(v.slice(a, b)));
        a = b;
    }
    out
}

pub fn clear_timeout(id: i32) {
    window().clear_timeout_with_handle(id);
}

pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn storage() -> Option<Storage> {
    window().local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves a value; false when the browser refused (quota, private mode).
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// A function of the loader (`window.nianbaoLoader`, www/app.js), with the loader.
pub fn loader_fn(name: &str) -> Option<(JsValue, js_sys::Function)> {
    // (No window in a worker, nor panic here: the panic hook calls this.)
    let w: JsValue = web_sys::window()?.into();
    let loader = js_sys::Reflect::get(&w, &JsValue::from_str("nianbaoLoader")).ok()?;
    let f = js_sys::Reflect::get(&loader, &JsValue::from_str(name)).ok()?;
    Some((loader, f.dyn_into().ok()?))
}

/// Offers `data` as a file download (a blob: URL, no network) through the loader; false when
/// the browser refused.
pub fn download(name: &str, mime: &str, data: &str) -> bool {
    loader_fn("download").is_some_and(|(l, f)| {
        f.call3(&l, &name.into(), &mime.into(), &data.into())
            .is_ok()
    })
}

/// True when the user asked the system for less motion.
pub fn reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
