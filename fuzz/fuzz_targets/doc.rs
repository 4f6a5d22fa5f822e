#![no_main]
// Raw Word 97–2003 bytes: the compound file, the FIB, the piece table, tables, list numbering.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::reader(data, nianbao::source::doc::read));
