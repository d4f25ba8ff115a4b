//! The checker as a learner meets it: progress on untouched stubs, hints, bad requests.

use std::process::{Command, Output};

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_check"))
        .args(args)
        .output()
        .expect("the checker runs")
}

#[test]
fn untouched_stubs_show_no_progress_and_point_to_exercise_one() {
    let output = check(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(stdout.contains("0/12 done"), "{stdout}");
    assert!(stdout.contains("Next: exercise 1"), "{stdout}");
    assert!(
        stdout.contains("exercises/src/exercises/e01_hello_server.rs"),
        "{stdout}"
    );
    assert!(stdout.contains("cargo run -- exercises hint 1"), "{stdout}");
}

#[test]
fn every_exercise_has_a_hint() {
    for n in 1..=12 {
        let output = check(&["hint", &n.to_string()]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "hint {n}");
        assert!(
            !stdout.contains("missing") && stdout.lines().count() > 2,
            "hint {n}: {stdout}"
        );
    }
}

#[test]
fn bad_requests_get_one_line() {
    for args in [
        &["hint", "13"][..],
        &["hint", "x"],
        &["hint"],
        &["frobnicate"],
    ] {
        let output = check(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

#[test]
fn every_stub_says_what_to_do_and_what_it_practises() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for exercise in &zmq_exercises::catalogue::EXERCISES {
        let stub = std::fs::read_to_string(
            root.join(format!("src/exercises/{}.rs", exercise.name)),
        )
        .unwrap();
        assert!(stub.contains("// TODO"), "{}: no TODO", exercise.name);
        assert!(stub.contains("todo!()"), "{}: no todo!()", exercise.name);
        assert!(
            stub.contains("Edit only"),
            "{}: does not say what may be edited",
            exercise.name
        );
        for claim in exercise.claims {
            assert!(
                stub.contains(claim),
                "{}: does not name the claim {claim}",
                exercise.name
            );
        }
    }
}
