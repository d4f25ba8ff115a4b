//! The article's programs, ported, run as real processes: start orders, transcripts, bad input.

mod pipeline;
mod process;
mod pubsub;
mod reqrep;
