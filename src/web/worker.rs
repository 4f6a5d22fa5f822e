//! The worker's side of a big check ([`crate::session::job`]): the loader (www/app.js) runs a
//! second instance of this module in a Web Worker and calls [`check_job`] there; the page's side
//! sends the session's jobs to it ([`send`]) and gives the replies back to the session.

use super::page::send as send_msg;
use crate::session::{job, pairing::Identity, Msg};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Runs one job (in the worker): the reply as JSON text (`session::job::run`).
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
) -> String {
    let input = match (&text, &bytes) {
        (Some(t), _) => job::Input::Text(t),
        (None, Some(b)) => job::Input::Bytes(b),
        (None, None) => job::Input::Text(""),
    };
    let id_prev = Identity {
        agency: prev_agency,
        year: prev_year,
    };
    job::run(
        id as u64,
        &name,
        &input,
        previous.as_deref().map(|b| (b, &id_prev)),
    )
}

fn loader_fn(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let w = web_sys::window()?;
    let loader = js_sys::Reflect::get(&w, &JsValue::from_str("nianbaoLoader")).ok()?;
    let f = js_sys::Reflect::get(&loader, &JsValue::from_str(name)).ok()?;
    Some((loader, f.dyn_into().ok()?))
}

/// Whether the loader can run checks in a worker.
pub fn available() -> bool {
    loader_fn("checkInWorker").is_some()
}

/// Sends a job to the worker (through the loader, which stops a worker still busy with an older
/// job); its reply, or its failure, comes back to the session as a message.
pub fn send(j: job::Job) {
    let id = j.id;
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set("id", &JsValue::from_f64(id as f64));
    set("name", &JsValue::from_str(&j.name));
    match &j.input {
        job::JobInput::Text(t) => set("text", &JsValue::from_str(t)),
        job::JobInput::Bytes(b) => set("bytes", &js_sys::Uint8Array::from(&b[..]).into()),
    }
    if let Some((b, idp)) = &j.previous {
        set("previous", &js_sys::Uint8Array::from(&b[..]).into());
        if let Some(a) = &idp.agency {
            set("prevAgency", &JsValue::from_str(a));
        }
        if let Some(y) = idp.year {
            set("prevYear", &JsValue::from_f64(f64::from(y)));
        }
    }
    let promise = loader_fn("checkInWorker")
        .and_then(|(l, f)| f.call1(&l, &o).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    spawn_local(async move {
        let reply = match promise {
            Some(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()),
            None => None,
        };
        send_msg(match reply {
            Some(r) => Msg::Checked(r),
            None => Msg::CheckFailed(id),
        });
    });
}
