//! The exercise checker. A learner runs it through the workbook (`cargo run -- exercises
//! …`), which builds it first and reads the hints itself:
//!
//! check              progress, and the next exercise to do, checked check check N
//! exercise N checked, whatever the progress check status       one line per exercise:
//! its number and passed, not-done or failed check verify       every solution passes,
//! every stub and wrong answer fails (CI) check wrong [N]    what the check says to each
//! kept wrong answer (of exercise N) check mistakes     the kept wrong answers, by the
//! kind of mistake they make check timing [R]   how long each exercise's check takes on
//! its solution, over R runs
//!
//! `EXERCISE_SEED=<n>` repeats the values of an earlier run.

use std::process::ExitCode;
use std::time::{Duration, Instant};

// The learner's files are compiled in here rather than into the library, so that a save
// rebuilds only this small crate.
#[path = "../catalogue.rs"]
mod catalogue;
// The stubs are unfinished on purpose: their parameters are unused until they are solved.
#[allow(unused_variables, unreachable_code, clippy::diverging_sub_expression)]
#[path = "../exercises/mod.rs"]
mod exercises;

use catalogue::{Exercise, EXERCISES};
use zmq_exercises::checks::values;
use zmq_exercises::runner::{self, Outcome};

fn main() -> ExitCode {
    runner::quiet_panics();
    if let Err(why) = values::seed_from_environment() {
        return fail(&why);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => progress(),
        ["check", n] => match exercise(n) {
            Ok(exercise) => check_one(exercise),
            Err(why) => fail(&why),
        },
        ["status"] => status(),
        ["verify"] => verify(),
        ["wrong"] => wrong_answers(None),
        ["wrong", n] => match exercise(n) {
            Ok(exercise) => wrong_answers(Some(exercise)),
            Err(why) => fail(&why),
        },
        ["mistakes"] => mistakes(),
        ["timing"] => timing(10),
        ["timing", runs] => match runs.parse() {
            Ok(runs) if runs > 0 => timing(runs),
            _ => fail(&format!("{runs:?} is not a number of runs")),
        },
        ["check"] => fail("which exercise? e.g. `cargo run -- exercises check 3`"),
        _ => fail(&format!(
            "unknown request {:?}; use `check`, `check N`, `status`, `verify`, `wrong [N]` or \
             `mistakes` or `timing [runs]`",
            args.join(" ")
        )),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn exercise(n: &str) -> Result<&'static Exercise, String> {
    n.parse().ok().and_then(catalogue::find).ok_or_else(|| {
        format!(
            "there is no exercise {n:?}; the exercises are numbered 1 to {}",
            EXERCISES.len()
        )
    })
}

fn all_outcomes() -> Vec<Outcome> {
    runner::run_all(&EXERCISES.iter().map(|e| e.check).collect::<Vec<_>>())
}

fn progress() -> ExitCode {
    let outcomes = all_outcomes();
    let done = outcomes.iter().filter(|o| o.passed()).count();
    let total = EXERCISES.len();
    let bar: String = (0..total)
        .map(|i| if i < done { '#' } else { '-' })
        .collect();
    println!("Exercises: [{bar}] {done}/{total} done\n");

    let next = outcomes.iter().position(|o| !o.passed());
    for (exercise, outcome) in EXERCISES.iter().zip(&outcomes) {
        let mark = if outcome.passed() {
            "✔"
        } else if Some(exercise.number - 1) == next {
            "➜"
        } else {
            "·"
        };
        println!(
            "{mark} {:>2}. {} ({})",
            exercise.number,
            exercise.title,
            exercise.claims.join(", ")
        );
    }
    let Some(next) = next else {
        println!("\nAll {total} exercises pass. Well done! The solutions are in exercises/src/solutions/ to compare.");
        return ExitCode::SUCCESS;
    };
    println!("\nNext:");
    report(&EXERCISES[next], &outcomes[next]);
    println!(
        "\nEdit the file and save; `cargo run -- exercises watch` checks it again on every save."
    );
    ExitCode::FAILURE
}

/// An exercise's verdict, as the learner reads it.
fn report(exercise: &Exercise, outcome: &Outcome) {
    println!(
        "Exercise {} — {} ({})",
        exercise.number,
        exercise.title,
        exercise.claims.join(", ")
    );
    println!("  file:  {}", exercise.file());
    match outcome {
        Outcome::Passed => println!("  ✔ passed"),
        Outcome::NotDone => println!("  · not started: the code still reaches todo!()"),
        other => {
            let described = other.describe();
            let mut lines = described.lines();
            println!("  ✘ {}", lines.next().unwrap_or_default());
            for line in lines {
                println!("    {line}");
            }
        }
    }
    if !outcome.passed() {
        println!(
            "  hint:  cargo run -- exercises hint {n}   (the API to use: hint {n} more)",
            n = exercise.number
        );
    }
}

fn check_one(exercise: &Exercise) -> ExitCode {
    let outcome = runner::run(exercise.check);
    report(exercise, &outcome);
    if outcome.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn status() -> ExitCode {
    for (exercise, outcome) in EXERCISES.iter().zip(all_outcomes()) {
        let state = match outcome {
            Outcome::Passed => "passed",
            Outcome::NotDone => "not-done",
            _ => "failed",
        };
        println!("{} {state}", exercise.number);
    }
    ExitCode::SUCCESS
}

fn verify() -> ExitCode {
    let broken = catalogue::verify();
    println!(
        "{} exercises: solutions checked, untouched stubs and {} wrong answers checked to fail",
        EXERCISES.len(),
        catalogue::wrong_answers()
    );
    for problem in &broken {
        println!("✘ {problem}");
    }
    if broken.is_empty() {
        println!("all as they should be");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn wrong_answers(only: Option<&Exercise>) -> ExitCode {
    let chosen: Vec<&Exercise> = match only {
        Some(exercise) => vec![exercise],
        None => EXERCISES.iter().collect(),
    };
    let checks: Vec<_> = chosen
        .iter()
        .flat_map(|e| e.wrong.iter().map(|w| w.check))
        .collect();
    let mut outcomes = runner::run_all(&checks).into_iter();
    let mut all_rejected = true;
    for exercise in chosen {
        for wrong in exercise.wrong {
            let outcome = outcomes.next().unwrap_or(Outcome::Hung);
            all_rejected &= !outcome.passed();
            println!("exercise {}, \"{}\":", exercise.number, wrong.what);
            for line in outcome.describe().lines() {
                println!("    {line}");
            }
        }
    }
    if all_rejected {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn mistakes() -> ExitCode {
    let by_mistake = catalogue::wrong_answers_by_mistake();
    println!("{} kept wrong answers:", catalogue::wrong_answers());
    for (mistake, kept) in by_mistake {
        let listed: Vec<String> = kept
            .iter()
            .map(|(n, what)| format!("{n}: {what}"))
            .collect();
        println!(
            "- {} ({}): {}",
            mistake.describe(),
            kept.len(),
            listed.join("; ")
        );
    }
    ExitCode::SUCCESS
}

/// Each exercise's check on its solution, one run at a time: min, median and max.
fn timing(runs: usize) -> ExitCode {
    println!(
        "the check of each solution, {runs} runs one after another, each with values of its \
         own (min / median / max):"
    );
    let mut all_passed = true;
    for exercise in &EXERCISES {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                values::reseed(fastrand::u64(..1_000_000));
                let started = Instant::now();
                all_passed &= runner::run(exercise.solution).passed();
                started.elapsed()
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_millis();
        println!(
            "{:>2}. {:<44} {:>5} / {:>5} / {:>5} ms",
            exercise.number,
            exercise.title,
            ms(times[0]),
            ms(times[runs / 2]),
            ms(times[runs - 1])
        );
    }
    if all_passed {
        ExitCode::SUCCESS
    } else {
        println!("✘ a solution failed its check in one of the runs");
        ExitCode::FAILURE
    }
}
