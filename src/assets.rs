//! Cold text: the rules' summaries and documentation, the sample report and the report
//! stylesheet. None is needed to check a report, so in the WebAssembly module they are not
//! compiled in (which keeps the module loaded at start within its size budget): the JavaScript
//! side hands them over as `globalThis.NIANBAO_ASSETS = { sample, reportCss, rules: { CODE:
//! [summary, doc] } }` (scripts/bundle.mjs puts it in the page and in `dist/pkg/nianbao.js`; the
//! rule texts come from www/rules.json, generated from the registry). Natively they are compiled
//! in, as before.

/// A rule's one-line summary and its documentation ("" when unknown). Natively
/// `Rule::summary`/`Rule::doc` read the registry itself.
#[cfg(target_arch = "wasm32")]
pub fn rule_text(code: &str) -> (&'static str, &'static str) {
    imp::rule_text(code)
}

/// The sample report of the page's 示例 button (www/sample/sample.txt).
pub fn sample() -> &'static str {
    imp::sample()
}

/// The stylesheet of the results (src/render/report.css), inlined in standalone reports.
pub fn report_css() -> &'static str {
    imp::report_css()
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn sample() -> &'static str {
        include_str!("../www/sample/sample.txt")
    }

    pub fn report_css() -> &'static str {
        include_str!("render/report.css")
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::sync::OnceLock;
    use wasm_bindgen::JsValue;

    struct Assets {
        sample: String,
        css: String,
        /// (code, summary, doc)
        rules: Vec<(String, String, String)>,
    }

    static ASSETS: OnceLock<Assets> = OnceLock::new();

    fn field(obj: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// Read once from the global, when it is there (else "" now, and again on the next call).
    fn assets() -> Option<&'static Assets> {
        if let Some(a) = ASSETS.get() {
            return Some(a);
        }
        let obj = field(&js_sys::global(), "NIANBAO_ASSETS");
        if !obj.is_object() {
            return None;
        }
        let text = |v: JsValue| v.as_string().unwrap_or_default();
        let rules_obj = field(&obj, "rules");
        let mut rules = Vec::new();
        if rules_obj.is_object() {
            for entry in js_sys::Object::entries(&rules_obj.into()).iter() {
                let pair = js_sys::Array::from(&entry);
                let texts = js_sys::Array::from(&pair.get(1));
                rules.push((text(pair.get(0)), text(texts.get(0)), text(texts.get(1))));
            }
        }
        let a = Assets {
            sample: text(field(&obj, "sample")),
            css: text(field(&obj, "reportCss")),
            rules,
        };
        Some(ASSETS.get_or_init(|| a))
    }

    pub fn rule_text(code: &str) -> (&'static str, &'static str) {
        assets()
            .and_then(|a| a.rules.iter().find(|(c, ..)| c == code))
            .map_or(("", ""), |(_, s, d)| (s.as_str(), d.as_str()))
    }

    pub fn sample() -> &'static str {
        assets().map_or("", |a| a.sample.as_str())
    }

    pub fn report_css() -> &'static str {
        assets().map_or("", |a| a.css.as_str())
    }
}
