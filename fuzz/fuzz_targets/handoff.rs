#![no_main]
// The readers module's hand-off to the start module (source::external): any bytes decode to a
// document or a read error; a document read from the input crosses encode → decode unchanged.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::handoff(data));
