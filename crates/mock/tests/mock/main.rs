//! The mock's integration tests over HTTP, one test binary (each file below is a module):
//! responses compared with captures from real MediaWiki 1.39 (`api`), hostile requests
//! (`hostile_input`), concurrency (`concurrency`, with `race_client`), connection limits
//! (`connections`), bulk import (`import`), the password policy (`policy`) and the committed fuzz
//! corpora replayed (`fuzz_corpora`). `common`, `race_client` and `served` hold the helpers they
//! share.

mod common;
mod race_client;
mod served;

mod api;
mod concurrency;
mod connections;
mod cookie_order;
mod fuzz_corpora;
mod hostile_input;
mod import;
mod options;
mod policy;
