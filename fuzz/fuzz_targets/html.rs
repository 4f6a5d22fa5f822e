#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::text_reader(
    data,
    nianbao::source::html::read
));
