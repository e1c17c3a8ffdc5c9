//! Structured calls of every API module of the mock wiki (`mwcheck_mock::fuzzing::module_calls`):
//! each answer keeps the invariant of `mwcheck_mock::fuzzing::check_answer`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = mwcheck_mock::fuzzing::check_module_calls(data) {
        panic!("{violation}");
    }
});
