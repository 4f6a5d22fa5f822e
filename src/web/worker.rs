//! The worker's side of a big check ([`crate::session::job`]): the loader (www/app.js) runs a
//! second instance of this module in a Web Worker and calls [`check_job`] there; the page's side
//! sends the session's jobs to it ([`send`]) and gives the replies back to the session.
//!
//! The input text travels as UTF-8 bytes whose buffer is handed over, not copied (`postMessage`'s
//! transfer list; a JavaScript string would cost the page's thread ~22 ms per 10 MB to make);
//! the text the engine read comes back apart from the reply's JSON, when it is not the input's,
//! and is taken into the module in steps.

use super::dom::{loader_fn, string_in_steps, yield_now};
use super::page::send as send_msg;
use crate::session::{job, pairing::Identity, Msg};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Runs one job (in the worker): `[reply, text]`, the reply as JSON text and the text the
/// engine read, or null (`session::job::run`).
#[wasm_bindgen(js_name = checkJob, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn check_job(
    id: f64,
    name: String,
    text: Option<String>,
    bytes: Option<Vec<u8>>,
    previous: Option<Vec<u8>>,
    prev_agency: Option<String>,
    prev_year: Option<i32>,
) -> js_sys::Array {
    let input = match (&text, &bytes) {
        (Some(t), _) => job::Input::Text(t),
        (None, Some(b)) => job::Input::Bytes(b),
        (None, None) => job::Input::Text(""),
    };
    let id_prev = Identity {
        agency: prev_agency,
        year: prev_year,
    };
    let (reply, read) = job::run(
        id as u64,
        &name,
        &input,
        previous.as_deref().map(|b| (b, &id_prev)),
    );
    let read = read.map_or(JsValue::NULL, |t| JsValue::from_str(&t));
    js_sys::Array::of2(&JsValue::from_str(&reply), &read)
}

/// Whether the loader can run checks in a worker.
pub fn available() -> bool {
    loader_fn("checkInWorker").is_some()
}

/// Sends a job to the worker (through the loader, which stops a worker still busy with an older
/// job); its reply, or its failure, comes back to the session as a message. The job's bytes are
/// copied out of the module in a task of their own, and the text of the reply is taken in steps.
pub fn send(j: job::Job) {
    spawn_local(async move {
        yield_now().await;
        let id = j.id;
        let reply = match ask(j) {
            Some(p) => JsFuture::from(p).await.ok(),
            None => None,
        };
        let get = |k: &str| {
            reply
                .as_ref()
                .and_then(|r| js_sys::Reflect::get(r, &JsValue::from_str(k)).ok())
        };
        let text = match get("text").and_then(|t| t.dyn_into::<js_sys::JsString>().ok()) {
            Some(t) => Some(string_in_steps(&t).await),
            None => None,
        };
        // A reply that does not parse is a failed job: the session then checks by itself
        // rather than wait for it. (Parsing it and drawing it in two tasks measured no better.)
        let reply = get("out")
            .and_then(|o| o.as_string())
            .and_then(|r| job::parse(&r));
        send_msg(match reply {
            Some(reply) => Msg::Checked { reply, text },
            None => Msg::CheckFailed(id),
        });
    });
}

/// Hands the job to the loader: the promise of the worker's message.
fn ask(j: job::Job) -> Option<js_sys::Promise> {
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set("id", &JsValue::from_f64(j.id as f64));
    set("name", &JsValue::from_str(&j.name));
    match &j.input {
        job::JobInput::Text(t) => set("text", &Uint8Array::from(t.as_bytes()).into()),
        job::JobInput::Bytes(b) => set("bytes", &Uint8Array::from(&b[..]).into()),
    }
    if let Some((b, idp)) = &j.previous {
        set("previous", &Uint8Array::from(&b[..]).into());
        if let Some(a) = &idp.agency {
            set("prevAgency", &JsValue::from_str(a));
        }
        if let Some(y) = idp.year {
            set("prevYear", &JsValue::from_f64(f64::from(y)));
        }
    }
    let (l, f) = loader_fn("checkInWorker")?;
    f.call1(&l, &o).ok()?.dyn_into().ok()
}
