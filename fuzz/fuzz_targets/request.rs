//! Raw HTTP requests to the mock wiki: whatever the bytes say (request line, query string,
//! headers, cookies, urlencoded or multipart body), the answer keeps the invariant of
//! `mwcheck_mock::fuzzing::check_answer`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = mwcheck_mock::fuzzing::check_http_request(data) {
        panic!("{violation}");
    }
});
