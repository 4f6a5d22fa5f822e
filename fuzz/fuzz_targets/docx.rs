#![no_main]
// Raw .docx bytes: the zip container, inflate, then the parts.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::reader(data, nianbao::source::docx::read));
