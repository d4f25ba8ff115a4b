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
    assert!(
        stdout.contains("This run agreed with every verdict"),
        "{stdout}"
    );
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
