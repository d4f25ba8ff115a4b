//! Exercises for the ZeroMQ workbook: stubs to complete (`src/exercises/`), their checks, hints
//! (`hints/`), solutions (`src/solutions/`) and wrong answers the checks must reject
//! (`src/wrong/`). Run the checker from the project root: `cargo run -- exercises`.

pub mod catalogue;
pub mod checks;
pub mod runner;

// The stubs are unfinished on purpose: their parameters are unused until they are solved.
#[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
pub mod exercises;
pub mod solutions;
pub mod wrong;
