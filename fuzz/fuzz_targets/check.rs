#![no_main]
// The whole pipeline (read, recognise, judge, JSON) on bytes and as pasted text.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::whole(data));
