//! nianbao (年报校验): validates Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告) against the national format and their own arithmetic.
//!
//! The pipeline is a straight line of pure stages: [`source`] (bytes → document) →
//! [`report`] (document → recognised report) → [`rules`] (report → diagnostics) → [`render`].
//! [`check`] runs it for one input.

pub mod assets;
pub mod base64;
pub mod check;
pub mod clock;
pub mod decimal;
pub mod diagnostic;
pub mod jsonvalue;
pub mod normalize;
#[cfg(any(target_arch = "wasm32", test))]
mod pool;
#[cfg(all(target_arch = "wasm32", feature = "readers"))]
pub mod readers;
pub mod render;
pub mod report;
pub mod rules;
pub mod session;
pub mod source;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use check::{check, check_str, Options, Outcome};

/// The version reported in JSON output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
