//! Exercises for the ZeroMQ workbook: their checks, solutions (`src/solutions/`) and
//! wrong answers the checks must reject (`src/wrong/`); hints are in `hints/`. Run the
//! checker from the project root: `cargo run -- exercises`.
//!
//! The learner's files (`src/exercises/`) and the catalogue that ties each to its check
//! (`src/catalogue.rs`) are not part of this library: the checker binary and the tests
//! compile them in, so that a save rebuilds only them and not the checks.

pub mod checks;
pub mod runner;
pub mod solutions;
pub mod wrong;
