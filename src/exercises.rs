//! `workbook exercises`: the learner's front end to the exercise checker. It builds the
//! checker (the learner's files are part of it) and runs it; a file that does not compile
//! gets its first errors in a few lines, and a changed signature is shown beside the one
//! expected. Hints are read here, from their files, so that they work while an exercise
//! does not compile.
//!
//! ```text
//! exercises              progress, and the next exercise checked
//! exercises check N      exercise N checked, whatever the progress
//! exercises hint N       a nudge; `hint N more` names the API to use
//! exercises watch        checks again on every save
//! exercises verify       every solution passes, every stub and wrong answer fails
//! ```

mod build;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

pub use build::{first_errors, signature, Built};
pub use watch::{quit_on_q, watch, Event, CLEAR};

/// The project whose exercises are checked: its root, and where cargo builds them.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    /// A target directory of its own, instead of cargo's default.
    pub target_dir: Option<PathBuf>,
}

impl Project {
    /// This project, as it was compiled.
    pub fn here() -> Self {
        Project {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            target_dir: None,
        }
    }

    /// Where the learner's files are, relative to the root.
    pub const STUBS: &'static str = "exercises/src/exercises";

    pub fn stubs(&self) -> PathBuf {
        self.root.join(Self::STUBS)
    }

    /// Every exercise, in order, as its files describe it.
    pub fn exercises(&self) -> Result<Vec<Listed>, String> {
        let entries = std::fs::read_dir(self.stubs())
            .map_err(|e| format!("cannot read {}: {e}", self.stubs().display()))?;
        let mut listed: Vec<Listed> = entries
            .flatten()
            .filter_map(|entry| Listed::from_file(&entry.path()))
            .collect();
        listed.sort_by_key(|e| e.number);
        Ok(listed)
    }

    /// The exercise numbered as `n` says, or a sentence saying there is none.
    pub fn exercise(&self, n: &str) -> Result<Listed, String> {
        let listed = self.exercises()?;
        n.parse::<usize>()
            .ok()
            .and_then(|n| listed.iter().find(|e| e.number == n).cloned())
            .ok_or_else(|| {
                format!(
                    "there is no exercise {n:?}; the exercises are numbered 1 to {}",
                    listed.len()
                )
            })
    }

    fn cargo(&self) -> Command {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(&self.root);
        if let Some(target) = &self.target_dir {
            command.env("CARGO_TARGET_DIR", target);
        }
        command
    }
}

/// An exercise as its files describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub number: usize,
    /// The file name without `.rs`, as in `e01_hello_server`.
    pub name: String,
    /// From the first line of the stub: `//! # Exercise 1 — the hello-world server (RR1,
    /// RR6)`.
    pub title: String,
}

impl Listed {
    fn from_file(path: &Path) -> Option<Listed> {
        let name = path.file_stem()?.to_str()?.to_string();
        if path.extension()? != "rs" || !name.starts_with('e') {
            return None;
        }
        let number = name.get(1..3)?.parse().ok()?;
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let title = text
            .lines()
            .next()
            .and_then(|line| line.split_once('—'))
            .map(|(_, title)| {
                let title = title.trim();
                let mut letters = title.chars();
                letters.next().map_or_else(String::new, |first| {
                    first.to_uppercase().chain(letters).collect()
                })
            })
            .unwrap_or_else(|| name.clone());
        Some(Listed {
            number,
            name,
            title,
        })
    }

    /// The learner's file, relative to the project root.
    pub fn file(&self) -> String {
        format!("{}/{}.rs", Project::STUBS, self.name)
    }

    pub fn solution_file(&self) -> String {
        format!("exercises/src/solutions/{}.rs", self.name)
    }

    pub fn hint_file(&self) -> String {
        format!("exercises/hints/{}.md", self.name)
    }

    /// The hint in the current language: the Chinese beside the English
    /// (`exercises/hints/zh-CN/`), or the English.
    pub fn hint_file_in(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.hint_file(),
            crate::i18n::Lang::ZhCn => format!("exercises/hints/zh-CN/{}.md", self.name),
        }
    }
}

/// The marker between a hint's nudge and its second level, which names the API.
pub const MORE: &str = "## More";

/// A hint: the nudge, or with `more` the API to use.
pub fn hint(project: &Project, exercise: &Listed, more: bool) -> Result<String, String> {
    let path = project
        .root
        .join(exercise.hint_file_in(crate::i18n::current()));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the hint {}: {e}", path.display()))?;
    let (nudge, api) = text
        .split_once(MORE)
        .ok_or_else(|| format!("the hint {} has no {MORE:?} part", path.display()))?;
    Ok(if more { api } else { nudge }.trim().to_string())
}

/// What `exercises --help`, or `help` anywhere in a request, prints.
pub const USAGE: &str = "\
cargo run -- exercises              progress, and the next exercise checked
cargo run -- exercises check N      exercise N checked, whatever the progress
cargo run -- exercises hint N       a nudge; `hint N more` names the API to use
cargo run -- exercises watch        checks again on every save
cargo run -- exercises verify       every solution passes, every stub and wrong answer fails";

/// Runs a request given on the command line.
pub fn check(request: &[String]) -> Result<ExitCode, String> {
    let project = Project::here();
    let request: Vec<&str> = request.iter().map(String::as_str).collect();
    if request
        .iter()
        .any(|word| matches!(*word, "-h" | "--help" | "help"))
    {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    match request.as_slice() {
        [] => run_checker(&project, &[], build::ALL_PASS),
        ["check", n] => {
            let exercise = project.exercise(n)?;
            let n = exercise.number.to_string();
            run_checker(&project, &["check", &n], build::PASSED)
        }
        ["verify"] => run_checker(&project, &["verify"], "all as they should be"),
        ["hint", n] => print_hint(&project, n, false),
        ["hint", n, "more"] => print_hint(&project, n, true),
        ["watch"] => watch::run_in_terminal(&project),
        ["check"] | ["hint"] => Err(format!(
            "which exercise? e.g. `cargo run -- exercises {} 3`",
            request[0]
        )),
        _ => Err(format!(
            "unknown request {:?}; use `exercises`, `exercises check N`, `exercises hint N`, \
             `exercises hint N more`, `exercises watch` or `exercises verify`",
            request.join(" ")
        )),
    }
}

fn print_hint(project: &Project, n: &str, more: bool) -> Result<ExitCode, String> {
    let exercise = project.exercise(n)?;
    let level = if more {
        crate::tr!("hint-level-api")
    } else {
        crate::tr!("hint-level-nudge")
    };
    let heading = crate::tr!(
        "hint-heading",
        number = exercise.number,
        title = &exercise.title,
        level = level,
        file = exercise.hint_file_in(crate::i18n::current())
    );
    println!("{heading}\n");
    println!("{}", hint(project, &exercise, more)?);
    if !more {
        let stuck = crate::tr!("hint-still-stuck", number = exercise.number);
        println!("\n{stuck}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the checker and runs it with `args`, and prints what it says. A run that ends
/// well says so in its last words (`verdict`): a learner's `std::process::exit(0)` cannot
/// pass for a verdict.
fn run_checker(
    project: &Project,
    args: &[&str],
    verdict: &str,
) -> Result<ExitCode, String> {
    match build::build(project)? {
        Built::Checker(checker) => {
            let output = Command::new(&checker)
                .args(args)
                .current_dir(&project.root)
                .stdin(Stdio::null())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|e| format!("cannot run the exercise checker: {e}"))?;
            let said = String::from_utf8_lossy(&output.stdout);
            print!("{said}");
            if let Some(why) = build::abnormal_end(&output.status) {
                eprintln!("✘ {why}");
            }
            let passed = output.status.success() && said.contains(verdict);
            if output.status.success() && !passed {
                eprintln!("✘ {}", build::NO_VERDICT);
            }
            Ok(if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Built::Broken(report) => {
            eprint!("{report}");
            Ok(ExitCode::FAILURE)
        }
    }
}
