//! The JavaScript API of output.md: `check(input, options)`, `rules()`, `render(result)`.

use crate::check::{read_error, Options, Outcome};
use crate::render::{html, Named};
use crate::source::{ReadError, MAX_INPUT_BYTES};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options of `check()`. */
export interface CheckOptions {
  /** The name shown for the input (default "input"). */
  fileName?: string;
  /** Last year's report of the same agency: enables the X rules. */
  previous?: string | Uint8Array;
  /** Rule codes to drop, e.g. ["K002", "S003"]. */
  ignore?: string[];
}

export type Severity = "error" | "warning" | "info";

/** Where a diagnostic points; every field may be null. */
export interface DiagnosticLocation {
  /** 1-based line of `CheckResult.text`. */
  line: number | null;
  column: number | null;
  part: number | null;
  table: "table2" | "table3" | "table4" | null;
  row: string | null;
  col: string | null;
  /** Page of a PDF the line came from (present only for PDF input). */
  page?: number;
}

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  location: DiagnosticLocation;
  expected: string | null;
  actual: string | null;
  /** Diagnostics sharing a number belong to one most likely fix (T300): the T300 entries are the
   *  cells to change, the others the errors that change removes. */
  fix: number | null;
  /** What a text does not mention (K001, K002). */
  missing: string[] | null;
  /** Set by the web page when a person dismissed the problem: the reason given. */
  dismissed?: string;
}

export interface Summary { errors: number; warnings: number; infos: number; }

/** A table cell: a number when one was read, null when blank, else the text as written. */
export type Cell = number | string | null;

export interface ReportInfo {
  agency: string | null;
  year: number | null;
  format_version: "2021" | "2019" | "hybrid" | "unknown";
  period: { start: string; end: string; line: number } | null;
  parts: { number: number; title: string; line: number }[];
  table2?: Record<string, Cell | Record<string, Cell>> | null;
  table2_2019?: Record<string, Record<string, Cell>>;
  table3: { columns: string[]; rows: Record<string, Cell[]>; subtotal_column?: Record<string, Cell> } | null;
  table4: { columns: string[]; review?: Cell[]; litigation_direct?: Cell[]; litigation_after_review?: Cell[] } | null;
}

/** The result of `check()`: one entry of output.md's `reports`, plus `tool` and `text`. */
export interface CheckResult {
  tool: { name: "nianbao"; version: string };
  /** When the check ran: ISO 8601 in Beijing time, e.g. "2026-12-07T02:04:30+08:00". */
  checked_at: string | null;
  file: string;
  input_format: "text" | "html" | "docx" | "doc" | "pdf" | "rtf" | "wordxml" | null;
  report: ReportInfo | null;
  /** Sorted by location, then code. */
  diagnostics: Diagnostic[];
  summary: Summary;
  /** The text the engine read (for .docx/.doc/.html: the extracted text); locations refer to its lines. */
  text: string | null;
  /** PDF only: where each page starts, as [first line of `text`, page number] pairs. */
  pages?: [number, number][];
}

/**
 * Checks one report. A string is checked as text; pass files (.docx, .doc, .pdf, .html, GBK text)
 * as a Uint8Array so that their kind and encoding are detected. PDF and .doc files are read only
 * once `loadReaders()` of `readers.js` has resolved (before that: a P001 saying so).
 */
export function check(input: string | Uint8Array, options?: CheckOptions): CheckResult;

/** One rule of the catalogue. */
export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  summary: string;
  doc: string;
}
"#;

/// Turns serde JSON into a JavaScript value (through JSON.parse, which is small and fast).
/// Serialising a `Value` cannot fail, so its error is not formatted.
pub fn to_js(v: &Json) -> Result<JsValue, JsError> {
    let s = serde_json::to_string(v).map_err(|_| JsError::new("JSON"))?;
    js_sys::JSON::parse(&s).map_err(|_| JsError::new("JSON"))
}

/// Bytes of a string, Uint8Array or ArrayBuffer; None for anything else.
fn bytes_of(v: &JsValue) -> Option<Vec<u8>> {
    if let Some(s) = v.as_string() {
        return Some(s.into_bytes());
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Some(a.to_vec());
    }
    v.dyn_ref::<js_sys::ArrayBuffer>()
        .map(|b| js_sys::Uint8Array::new(b).to_vec())
}

/// The length of an input in bytes (or UTF-16 units for strings, which never exceed the UTF-8
/// length), known before copying it into the module.
fn input_len(v: &JsValue) -> Option<usize> {
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        return Some(s.length() as usize);
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Some(a.length() as usize);
    }
    v.dyn_ref::<js_sys::ArrayBuffer>()
        .map(|b| b.byte_length() as usize)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Reads `CheckOptions`.
fn options(o: &JsValue) -> Result<(String, Options), JsError> {
    let name = get(o, "fileName")
        .as_string()
        .unwrap_or_else(|| "input".into());
    let prev = get(o, "previous");
    let previous = if prev.is_undefined() || prev.is_null() {
        None
    } else {
        if input_len(&prev).is_some_and(|n| n > MAX_INPUT_BYTES) {
            return Err(JsError::new("previous：上一年度报告超过 50 MB 的上限"));
        }
        Some(bytes_of(&prev).ok_or_else(|| JsError::new("previous 应为字符串或 Uint8Array"))?)
    };
    let ignore = get(o, "ignore");
    let ignore = if js_sys::Array::is_array(&ignore) {
        js_sys::Array::from(&ignore)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    } else {
        Vec::new()
    };
    Ok((name, Options { previous, ignore }))
}

/// Checks input given as a JavaScript value; a string input comes back too (copied in once).
fn check_value(input: &JsValue, opts: &Options) -> Result<(Outcome, Option<String>), JsError> {
    if let Some(n) = input_len(input).filter(|&n| n > MAX_INPUT_BYTES) {
        let outcome = Outcome {
            input_format: None,
            document: None,
            report: None,
            diagnostics: vec![read_error(&ReadError::TooLarge(n))],
        };
        return Ok((outcome, None));
    }
    if let Some(s) = input.as_string() {
        // A string is text the user already has (pasted or typed).
        return Ok((crate::check_str(&s, opts), Some(s)));
    }
    let bytes = bytes_of(input)
        .ok_or_else(|| JsError::new("input 应为字符串（报告文字）或 Uint8Array（文件内容）"))?;
    Ok((crate::check(&bytes, opts), None))
}

/// Checks one report. A string is checked as text; pass files (.docx, .doc, .html, GBK text) as a
/// Uint8Array so that their kind and encoding are detected. (Its TypeScript declaration is in
/// TS_TYPES, where `options` can be optional.)
#[wasm_bindgen(skip_typescript)]
pub fn check(input: JsValue, options: Option<js_sys::Object>) -> Result<JsValue, JsError> {
    super::install_panic_hook();
    let (name, opts) = self::options(&options.map_or(JsValue::UNDEFINED, JsValue::from))?;
    let (outcome, string) = check_value(&input, &opts)?;
    let named = Named {
        file: &name,
        outcome: &outcome,
    };
    // The text read from a string is most often that very string: then the caller's own string
    // is handed back as `text` (the last key, as html::result puts it) rather than copied out
    // through the JSON (serialised, decoded and parsed again: ~5% of the call).
    let text = outcome.document.as_ref().map(|d| d.text.as_str());
    if text.is_some() && string.as_deref() == text {
        let v = to_js(&crate::render::json::single(&named))?;
        js_sys::Reflect::set(&v, &JsValue::from_str("text"), &input)
            .map_err(|_| JsError::new("text"))?;
        return Ok(v);
    }
    to_js(&html::result(&named))
}

/// The rule catalogue.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsError> {
    super::install_panic_hook();
    let v = serde_json::to_value(crate::rules::catalogue()).map_err(|_| JsError::new("JSON"))?;
    to_js(&v)
}

/// The HTML fragment the page shows for a result of `check()`. Style it with the stylesheet
/// that ships with the page (report.css); every piece of the user's text is escaped.
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "CheckResult")] result: JsValue,
) -> Result<String, JsError> {
    super::install_panic_hook();
    let s = js_sys::JSON::stringify(&result)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("render(result)：result 应为 check() 返回的对象"))?;
    let v: Json = crate::jsonvalue::parse(&s)
        .ok_or_else(|| JsError::new("render(result)：result 应为 check() 返回的对象"))?;
    Ok(html::fragment(&v, &html::Options::default()))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
