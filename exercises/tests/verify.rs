//! CI's proof in both directions: every solution passes its check, every untouched stub and
//! every kept wrong answer fails it.

#[allow(dead_code)]
#[path = "../src/catalogue.rs"]
mod catalogue;
#[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
#[path = "../src/exercises/mod.rs"]
mod exercises;

#[test]
fn every_solution_passes_and_every_stub_and_wrong_answer_fails() {
    zmq_exercises::runner::quiet_panics();
    let broken = catalogue::verify();
    assert!(broken.is_empty(), "{broken:#?}");
}
