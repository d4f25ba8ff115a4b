//! The checker as a learner meets it: progress on untouched stubs, one exercise checked, bad
//! requests, seeds that repeat a run; and the files it reads: stubs, hints, signatures.

#[allow(dead_code)]
#[path = "../src/catalogue.rs"]
mod catalogue;
#[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
#[path = "../src/exercises/mod.rs"]
mod exercises;

use std::path::Path;
use std::process::{Command, Output};

use catalogue::{Mistake, EXERCISES};
use zmq_workbook::exercises::{hint, signature, Project};

fn check(args: &[&str]) -> Output {
    check_with_seed(args, None)
}

fn check_with_seed(args: &[&str], seed: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_check"));
    command.args(args).env_remove("EXERCISE_SEED");
    if let Some(seed) = seed {
        command.env("EXERCISE_SEED", seed);
    }
    command.output().expect("the checker runs")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn project() -> Project {
    Project {
        root: root().parent().unwrap().to_path_buf(),
        target_dir: None,
    }
}

#[test]
fn untouched_stubs_show_no_progress_and_point_to_exercise_one() {
    let output = check(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(stdout.contains("0/14 done"), "{stdout}");
    assert!(
        stdout.contains("Exercise 1 — The hello-world server"),
        "{stdout}"
    );
    assert!(
        stdout.contains("exercises/src/exercises/e01_hello_server.rs"),
        "{stdout}"
    );
    assert!(stdout.contains("cargo run -- exercises hint 1"), "{stdout}");
}

#[test]
fn any_exercise_can_be_checked_whatever_the_progress() {
    let output = check(&["check", "7"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(
        stdout.starts_with("Exercise 7 — The filtering rule"),
        "{stdout}"
    );
    assert!(stdout.contains("not started"), "{stdout}");
}

#[test]
fn bad_requests_get_one_line() {
    for args in [
        &["check", "15"][..],
        &["check", "x"],
        &["check"],
        &["wrong", "0"],
        &["frobnicate"],
    ] {
        let output = check(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
    let output = check_with_seed(&["check", "1"], Some("soon"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("EXERCISE_SEED=\"soon\" is not a seed"),
        "{stderr}"
    );
}

/// A failure names its seed, and the same seed gives the same values again.
#[test]
fn a_seed_repeats_the_values_of_a_run() {
    let said = |seed: &str| {
        let output = check_with_seed(&["wrong", "6"], Some(seed));
        assert!(
            output.status.success(),
            "every wrong answer of exercise 6 is rejected"
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let (first, again, other) = (said("42"), said("42"), said("43"));
    assert!(
        first.contains("the values came from seed 42; EXERCISE_SEED=42 repeats them"),
        "{first}"
    );
    let topics = |said: &str| {
        said.lines()
            .filter(|l| l.contains("asked to subscribe to"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert!(!topics(&first).is_empty(), "{first}");
    assert_eq!(topics(&first), topics(&again));
    assert_ne!(topics(&first), topics(&other));
}

#[test]
fn every_kind_of_mistake_has_a_kept_wrong_answer() {
    let by_mistake = catalogue::wrong_answers_by_mistake();
    assert_eq!(by_mistake.len(), Mistake::ALL.len());
    for (mistake, kept) in by_mistake {
        assert!(!kept.is_empty(), "no wrong answer makes {mistake:?}");
    }
}

/// The contributor notes count the kept wrong answers as the catalogue does.
#[test]
fn the_contributor_notes_count_the_wrong_answers_of_the_catalogue() {
    let notes = std::fs::read_to_string(root().join("../CONTRIBUTING.md")).unwrap();
    let total = catalogue::wrong_answers();
    assert!(
        notes.contains(&format!("{total} are kept now")),
        "not {total}"
    );
    for (mistake, kept) in catalogue::wrong_answers_by_mistake() {
        let row = format!("| {} | {} |", mistake.describe(), kept.len());
        assert!(notes.contains(&row), "no row {row:?}");
    }
}

#[test]
fn every_stub_says_what_to_do_and_what_it_practises() {
    for exercise in &EXERCISES {
        let stub = std::fs::read_to_string(
            root().join(format!("src/exercises/{}.rs", exercise.name)),
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

/// The front end finds the exercises from their files, without the checker: the same numbers,
/// names and titles as the catalogue.
#[test]
fn the_front_end_lists_the_exercises_of_the_catalogue() {
    let listed = project().exercises().unwrap();
    assert_eq!(listed.len(), EXERCISES.len());
    for (found, exercise) in listed.iter().zip(&EXERCISES) {
        assert_eq!(found.number, exercise.number);
        assert_eq!(found.name, exercise.name);
        let claims = format!(" ({})", exercise.claims.join(", "));
        assert_eq!(
            found.title.to_lowercase(),
            format!("{}{claims}", exercise.title).to_lowercase(),
            "{}",
            exercise.name
        );
    }
}

/// The learner's file and the solution have the same signatures: the book shows both, and the
/// front end shows the solution's when a learner's no longer compiles.
#[test]
fn stubs_and_solutions_have_the_same_signatures() {
    let read = |dir: &str, name: &str| {
        std::fs::read_to_string(root().join(format!("src/{dir}/{name}.rs"))).unwrap()
    };
    let mut compared = 0;
    for exercise in &EXERCISES {
        let (stub, solution) = (
            read("exercises", exercise.name),
            read("solutions", exercise.name),
        );
        let names: Vec<&str> = stub
            .lines()
            .filter_map(|l| l.strip_prefix("pub fn "))
            .filter_map(|rest| rest.split('(').next())
            .collect();
        assert!(!names.is_empty(), "{}", exercise.name);
        for name in names {
            let (_, expected) = signature(&stub, name).unwrap();
            let (_, solved) = signature(&solution, name).unwrap();
            assert!(
                expected.starts_with(&format!("pub fn {name}(")),
                "{expected}"
            );
            assert_eq!(expected, solved, "{}", exercise.name);
            compared += 1;
        }
    }
    assert_eq!(compared, 15);
}

/// Each hint has a nudge and a second level naming the API, and neither holds a line of the
/// solution.
#[test]
fn hints_come_in_two_levels_and_give_no_solution_away() {
    let project = project();
    for exercise in project.exercises().unwrap() {
        let solution =
            std::fs::read_to_string(project.root.join(exercise.solution_file())).unwrap();
        let solution_lines: Vec<&str> = solution
            .lines()
            .map(str::trim)
            // Whole statements, not the opening of a call spread over several lines.
            .filter(|l| l.len() > 12 && !l.starts_with("//") && !l.starts_with("pub fn"))
            .filter(|l| !l.ends_with(['(', '{', ',']))
            .collect();
        assert!(!solution_lines.is_empty(), "{}", exercise.name);
        for more in [false, true] {
            let text = hint(&project, &exercise, more).unwrap();
            assert!(text.lines().count() >= 2, "{}: {text}", exercise.name);
            for line in &solution_lines {
                assert!(
                    !text.contains(line),
                    "{} (more: {more}) gives away {line:?}",
                    exercise.name
                );
            }
        }
    }
}
