//! Parsing JSON text into a `serde_json::Value`. Natively serde_json's parser; in the
//! WebAssembly module the browser's `JSON.parse`, walked into a `Value`: serde_json's parser
//! would bring in core's float formatting (through serde's error messages), ~8 KB gzipped.

use serde_json::Value as Json;

/// The JSON text of a value. Through `serde_json::to_string`, never `Value`'s `Display`, which
/// gives the same text but instantiates the serialiser a second time (over std's I/O writer) in
/// the WebAssembly module. Serialising a `Value` cannot fail.
pub fn text(v: &Json) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The value of a JSON text; None when it is not JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(s: &str) -> Option<Json> {
    serde_json::from_str(s).ok()
}

/// The value of a JSON text; None when it is not JSON.
#[cfg(target_arch = "wasm32")]
pub fn parse(s: &str) -> Option<Json> {
    js_sys::JSON::parse(s).ok().map(|v| from_js(&v))
}

/// A value made by `JSON.parse` as serde_json would have read its JSON text: integers written
/// without a point or exponent become u64/i64 when they fit, other numbers f64.
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue) -> Json {
    if let Some(s) = v.as_string() {
        return Json::String(s);
    }
    if let Some(b) = v.as_bool() {
        return Json::Bool(b);
    }
    if let Some(n) = v.as_f64() {
        return number(n);
    }
    if js_sys::Array::is_array(v) {
        return Json::Array(js_sys::Array::from(v).iter().map(|x| from_js(&x)).collect());
    }
    if v.is_object() {
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(&v.clone().into()).iter() {
            let pair = js_sys::Array::from(&entry);
            map.insert(
                pair.get(0).as_string().unwrap_or_default(),
                from_js(&pair.get(1)),
            );
        }
        return Json::Object(map);
    }
    Json::Null
}

#[cfg(target_arch = "wasm32")]
fn number(n: f64) -> Json {
    // JavaScript writes an integer below 1e21 as digits alone, which serde_json reads as an
    // integer when it fits; beyond 2^53 the digits are JavaScript's, so read them.
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e21 {
        if n.abs() < 9_007_199_254_740_992.0 {
            return if n >= 0.0 {
                Json::from(n as u64)
            } else {
                Json::from(n as i64)
            };
        }
        let digits = js_sys::Number::from(n)
            .to_string_with_radix(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        if let Ok(u) = digits.parse::<u64>() {
            return Json::from(u);
        }
        if let Ok(i) = digits.parse::<i64>() {
            return Json::from(i);
        }
    }
    serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
}
