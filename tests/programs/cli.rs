//! The `workbook` CLI: the live table, and one clear line for bad input.

use crate::process::assert_refused;

#[test]
fn cli_runs_chosen_claims_and_prints_their_verdicts() {
    let output = assert_cmd::Command::cargo_bin("workbook")
        .unwrap()
        .args(["claims", "rr6", "G2"])
        .timeout(crate::process::BOUND)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("RR6★") && stdout.contains("G2 "),
        "{stdout}"
    );
    assert!(stdout.contains("This run agreed with every"), "{stdout}");
}

#[test]
fn cli_bad_input_is_refused_with_one_line() {
    assert_refused("workbook", &["claims", "RR99"], "", "no claim \"RR99\"");
    assert_refused("workbook", &["frobnicate"], "", "unrecognized subcommand");
    assert_refused(
        "workbook",
        &["claims", "--colour"],
        "",
        "unexpected argument",
    );
}

#[test]
fn a_broken_exercise_is_reported_in_its_first_errors_only() {
    // What `cargo build --message-format short` prints for an exercise with three mistakes.
    let cargo_stderr = "\
warning: unused variable: `x`
exercises/src/exercises/e01_hello_server.rs:14:9: warning: unused variable: `x`
exercises/src/exercises/e01_hello_server.rs:15:5: error[E0425]: cannot find value `sockt` in this scope
exercises/src/exercises/e01_hello_server.rs:16:18: error[E0308]: mismatched types
exercises/src/exercises/e02_ask_in_turn.rs:9:5: error: expected `;`, found `}`
exercises/src/exercises/e02_ask_in_turn.rs:11:5: error[E0425]: cannot find value `y` in this scope
error: could not compile `zmq-exercises` (lib) due to 4 previous errors; 1 warning emitted
";
    assert_eq!(
        zmq_workbook::exercises::first_errors(cargo_stderr),
        [
            "exercises/src/exercises/e01_hello_server.rs:15:5: error[E0425]: cannot find value `sockt` in this scope",
            "exercises/src/exercises/e01_hello_server.rs:16:18: error[E0308]: mismatched types",
            "exercises/src/exercises/e02_ask_in_turn.rs:9:5: error: expected `;`, found `}`",
        ]
    );
}

#[test]
fn a_timeout_that_is_not_a_positive_number_is_refused_with_one_line() {
    for (value, expected) in [
        ("soon", "\"soon\" is not a number of seconds"),
        ("0", "a timeout is at least 0.001 seconds"),
        ("-1", "a timeout is at least 0.001 seconds"),
        // libzmq counts milliseconds: this would round to 0, and fail at once.
        ("0.0001", "a timeout is at least 0.001 seconds"),
        ("NaN", "a timeout is at least 0.001 seconds"),
        ("99999999999", "at most 2000000 seconds"),
    ] {
        let timeout = format!("--timeout={value}");
        assert_refused(
            "rr-client",
            &["--connect", "ipc:///nowhere", &timeout],
            "",
            expected,
        );
    }
}

#[test]
fn a_timeout_of_one_millisecond_is_accepted() {
    assert_refused(
        "rr-client",
        &["--connect", "ipc:///nowhere", "--timeout=0.001"],
        "hello\n",
        "no reply from ipc:///nowhere within 0.001 s",
    );
}

/// Asking for help anywhere in an exercises request gets the requests, not "no exercise".
#[test]
fn exercises_help_is_help_wherever_it_is_asked() {
    for request in [&["check", "--help"][..], &["hint", "-h"], &["help"]] {
        let output = assert_cmd::Command::cargo_bin("workbook")
            .unwrap()
            .arg("exercises")
            .args(request)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{request:?}: {output:?}");
        assert!(
            stdout.contains("exercises check N"),
            "{request:?}: {stdout}"
        );
    }
}
