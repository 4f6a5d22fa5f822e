//! Markup shared by the HTML and DOCX readers: one forgiving tokenizer for HTML and for the XML
//! parts of a .docx, and character references.

pub mod entities;
pub mod tokenize;

pub use tokenize::{Attrs, Token, Tokenizer};
