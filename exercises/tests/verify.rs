//! CI's proof in both directions: every solution passes its check, every untouched stub and
//! every kept wrong answer fails it.

#[test]
fn every_solution_passes_and_every_stub_and_wrong_answer_fails() {
    zmq_exercises::runner::quiet_panics();
    let broken = zmq_exercises::catalogue::verify();
    assert!(broken.is_empty(), "{broken:#?}");
}
