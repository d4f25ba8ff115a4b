//! The article's programs, ported, run as real processes: start orders, transcripts, bad input.

mod cli;
mod endpoints;
mod input;
mod interop;
mod output;
mod pipeline;
mod process;
mod pubsub;
mod reqrep;
mod table;
mod translations;
