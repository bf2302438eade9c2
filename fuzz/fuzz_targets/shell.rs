#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| istio2asm_fuzz::shell(data));
