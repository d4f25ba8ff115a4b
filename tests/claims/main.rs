//! One test binary for every claim: one module per pattern and one file per claim, all
//! claims in one parallel run. Each test is named after its claim ID (`rr4_…`, `ps3_…`)
//! so that `cargo test rr4_` runs one claim.

#[macro_use]
mod harness;
mod evidence;
mod general;
mod lab;
mod network;
mod pipeline;
mod primer;
mod pubsub;
mod reqrep;
