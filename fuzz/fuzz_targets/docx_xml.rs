#![no_main]
// WordprocessingML packed into a .docx: the fuzzer mutates the XML, not deflate streams.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::reader(
        &nianbao_fuzz::docx_with_document(data),
        nianbao::source::docx::read,
    )
});
