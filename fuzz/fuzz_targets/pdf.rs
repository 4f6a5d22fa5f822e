#![no_main]
// Raw PDF bytes: file structure, filters, decryption, fonts, content streams, layout.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::reader(data, nianbao::source::pdf::read));
