//! The exercise checker. Run it from the project root as `cargo run -- exercises`:
//!
//!   exercises            progress, and the next exercise to do, checked
//!   exercises hint N     the hint for exercise N
//!   exercises verify     every solution passes, every stub and wrong answer fails (CI)

use std::process::ExitCode;

use zmq_exercises::catalogue::{self, Exercise, EXERCISES};
use zmq_exercises::runner::{self, Outcome};

fn main() -> ExitCode {
    runner::quiet_panics();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => progress(),
        ["hint", n] => hint(n),
        ["verify"] => verify(),
        ["hint"] => fail("which exercise? e.g. `cargo run -- exercises hint 3`"),
        _ => fail(&format!(
            "unknown request {:?}; use `exercises`, `exercises hint N` or `exercises verify`",
            args.join(" ")
        )),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn progress() -> ExitCode {
    let outcomes =
        runner::run_all(&EXERCISES.iter().map(|e| e.check).collect::<Vec<_>>());
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
    let exercise = &EXERCISES[next];
    report_next(exercise, &outcomes[next]);
    ExitCode::FAILURE
}

fn report_next(exercise: &Exercise, outcome: &Outcome) {
    println!("\nNext: exercise {} — {}", exercise.number, exercise.title);
    println!("  file:  {}", exercise.file());
    match outcome {
        Outcome::NotDone => println!("  state: not started (it still reaches todo!())"),
        other => println!("  ✘ {}", other.describe()),
    }
    println!(
        "  hint:  cargo run -- exercises hint {}   ({})",
        exercise.number,
        exercise.hint_file()
    );
    println!(
        "  the book: chapter sections {}",
        exercise.claims.join(", ")
    );
    println!("\nEdit the file, save, and run `cargo run -- exercises` again.");
}

fn hint(n: &str) -> ExitCode {
    let total = EXERCISES.len();
    let Some(exercise) = n
        .parse::<usize>()
        .ok()
        .and_then(|n| EXERCISES.iter().find(|e| e.number == n))
    else {
        return fail(&format!(
            "there is no exercise {n:?}; the exercises are numbered 1 to {total}"
        ));
    };
    println!(
        "Hint for exercise {} — {} ({}):\n",
        exercise.number,
        exercise.title,
        exercise.hint_file()
    );
    print!("{}", exercise.hint());
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
