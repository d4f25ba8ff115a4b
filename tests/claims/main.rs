//! One test binary for every claim: one module per pattern, all claims in one parallel run.
//! Each test is named after its claim ID (`rr4_…`, `ps3_…`) so `cargo test rr4` runs one claim.

#[macro_use]
mod harness;
mod general;
mod network;
mod pipeline;
mod pubsub;
mod reqrep;
