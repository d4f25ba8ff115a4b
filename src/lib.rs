//! zmq-workbook: every statement of a popular article about ZeroMQ's three basic patterns,
//! turned into an experiment that runs on the reader's machine.
//!
//! - [`lab`]: sockets that cannot hang, fresh endpoints, evidence-based waits;
//! - [`claims`]: the registry of claims, verdicts and experiments;
//! - [`primer`]: the three patterns in plain `zmq` calls, as the book's primer shows them.

pub mod claims;
pub mod exercises;
pub mod i18n;
pub mod lab;
pub mod primer;
pub mod programs;
pub mod table;
