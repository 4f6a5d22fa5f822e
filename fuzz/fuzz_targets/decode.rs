#![no_main]
// Bytes → text in any supported encoding, then the text reader (source::read without the zip).
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::reader(data, |b| {
    let text = nianbao::source::decode::decode(b)?;
    nianbao::source::read_str(&text)
}));
