#![no_main]
// Rich Text Format: groups, control words, \uN and \'hh, tables by \cellx, merged cells.
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::reader(data, nianbao::source::rtf::read));
