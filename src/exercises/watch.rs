//! `exercises watch`: checks an exercise again each time its file is saved. File-system
//! events wake it (no polling); between saves it waits on a channel and uses no CPU. The
//! screen shows the progress and the verdict of the file saved last.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::build::{self, Built};
use super::{Listed, Project};

/// What the watch waits for.
#[derive(Debug)]
pub enum Event {
    /// Files in the exercises' folder were written, created, renamed or removed.
    Saved(Vec<PathBuf>),
    Quit,
}

/// A save is often several events close together (a write, then a rename, …): those that
/// come within this of each other are one save.
const ONE_SAVE: Duration = Duration::from_millis(30);

/// Clears the terminal and puts the cursor at its top left.
pub const CLEAR: &str = "\x1b[2J\x1b[H";

/// Watches in the terminal: `q` and Enter, or Ctrl-C, end it.
pub fn run_in_terminal(project: &Project) -> Result<ExitCode, String> {
    let (events, inbox) = mpsc::channel();
    let on_interrupt = events.clone();
    ctrlc::set_handler(move || {
        let _ = on_interrupt.send(Event::Quit);
    })
    .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let from_keyboard = events.clone();
    std::thread::spawn(move || quit_on_q(std::io::stdin().lock(), from_keyboard));
    let mut screen = std::io::stdout();
    watch(project, &mut screen, events, inbox)?;
    Ok(ExitCode::SUCCESS)
}

/// Sends `Quit` when a line reads `q` (or `quit`). At the end of the input it stops
/// reading, and leaves the watch running.
pub fn quit_on_q(input: impl BufRead, events: Sender<Event>) {
    for line in input.lines() {
        let Ok(line) = line else { return };
        if matches!(line.trim().to_lowercase().as_str(), "q" | "quit") {
            let _ = events.send(Event::Quit);
            return;
        }
    }
}

/// Watches the project's exercises until `Quit` comes, drawing each verdict on `screen`.
/// `events` is the sending side of `inbox`: the file-system watcher sends into it.
pub fn watch(
    project: &Project,
    screen: &mut dyn Write,
    events: Sender<Event>,
    inbox: Receiver<Event>,
) -> Result<(), String> {
    let mut watcher =
        notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                if is_a_save(&event) {
                    let _ = events.send(Event::Saved(event.paths));
                }
            }
        })
        .map_err(|e| format!("cannot watch the exercises' files: {e}"))?;
    watcher
        .watch(&project.stubs(), RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", project.stubs().display()))?;

    let mut state = State::new(project)?;
    state.check_everything(screen, Instant::now())?;
    // Anything but a save (Quit, or every sender gone) ends the watch.
    while let Ok(Event::Saved(mut saved)) = inbox.recv() {
        let saved_at = Instant::now();
        loop {
            match inbox.recv_timeout(ONE_SAVE) {
                Ok(Event::Saved(more)) => saved.extend(more),
                Ok(Event::Quit) | Err(RecvTimeoutError::Disconnected) => {
                    return state.stop(screen)
                }
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        state.on_save(&saved, screen, saved_at)?;
    }
    state.stop(screen)
}

/// Whether a file-system event may have changed an exercise: not a read, not a change of
/// permissions or times, and a Rust file.
fn is_a_save(event: &notify::Event) -> bool {
    let changes = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(notify::event::ModifyKind::Data(_))
            | EventKind::Modify(notify::event::ModifyKind::Name(_))
            | EventKind::Modify(notify::event::ModifyKind::Any)
            | EventKind::Access(notify::event::AccessKind::Close(
                notify::event::AccessMode::Write
            ))
    );
    changes
        && event
            .paths
            .iter()
            .any(|path| path.extension().is_some_and(|e| e == "rs"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Passed,
    NotDone,
    Failed,
    /// Not known: the exercises did not compile when it was last checked.
    Unknown,
}

struct State<'a> {
    project: &'a Project,
    exercises: Vec<Listed>,
    status: BTreeMap<usize, Status>,
    /// Whether a save has come yet: the first verdict comes from starting the watch.
    saved: bool,
}

impl<'a> State<'a> {
    fn new(project: &'a Project) -> Result<Self, String> {
        let exercises = project.exercises()?;
        let status = exercises
            .iter()
            .map(|e| (e.number, Status::Unknown))
            .collect();
        Ok(State {
            project,
            exercises,
            status,
            saved: false,
        })
    }

    /// The exercises a save touched: one file's, or all of them for anything else.
    fn touched(&self, saved: &[PathBuf]) -> Vec<usize> {
        let mut touched = Vec::new();
        for path in saved {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            match self.exercises.iter().find(|e| e.name == name) {
                Some(exercise) => touched.push(exercise.number),
                None => return self.exercises.iter().map(|e| e.number).collect(),
            }
        }
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    fn on_save(
        &mut self,
        saved: &[PathBuf],
        screen: &mut dyn Write,
        at: Instant,
    ) -> Result<(), String> {
        match self.touched(saved).as_slice() {
            [one] => {
                let one = *one;
                self.check_one(one, screen, at)
            }
            _ => self.check_everything(screen, at),
        }
    }

    fn check_everything(
        &mut self,
        screen: &mut dyn Write,
        at: Instant,
    ) -> Result<(), String> {
        let checker = match build::build(self.project)? {
            Built::Checker(checker) => checker,
            Built::Broken(report) => return self.draw(screen, None, &report, at),
        };
        let output = run(&checker, &["status"], &self.project.root)?;
        for line in output.text.lines() {
            let mut words = line.split_whitespace();
            let (Some(n), Some(state)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse() else { continue };
            let status = match state {
                "passed" => Status::Passed,
                "not-done" => Status::NotDone,
                _ => Status::Failed,
            };
            self.status.insert(n, status);
        }
        match self.next() {
            Some(next) => self.verdict(&checker, next, screen, at),
            None => self.draw(
                screen,
                None,
                "All the exercises pass. Well done! The solutions are in \
                 exercises/src/solutions/ to compare.\n",
                at,
            ),
        }
    }

    fn check_one(
        &mut self,
        n: usize,
        screen: &mut dyn Write,
        at: Instant,
    ) -> Result<(), String> {
        match build::build(self.project)? {
            Built::Checker(checker) => {
                if self.status.values().any(|s| *s == Status::Unknown) {
                    return self.check_everything(screen, at);
                }
                self.verdict(&checker, n, screen, at)
            }
            Built::Broken(report) => self.draw(screen, Some(n), &report, at),
        }
    }

    /// Checks exercise `n` and draws its verdict.
    fn verdict(
        &mut self,
        checker: &Path,
        n: usize,
        screen: &mut dyn Write,
        at: Instant,
    ) -> Result<(), String> {
        let output = run(checker, &["check", &n.to_string()], &self.project.root)?;
        let status = if output.passed {
            Status::Passed
        } else if output.text.contains("todo!()") {
            Status::NotDone
        } else {
            Status::Failed
        };
        self.status.insert(n, status);
        self.draw(screen, Some(n), &output.text, at)
    }

    /// The first exercise not passed.
    fn next(&self) -> Option<usize> {
        self.status
            .iter()
            .find(|(_, s)| **s != Status::Passed)
            .map(|(n, _)| *n)
    }

    fn draw(
        &self,
        screen: &mut dyn Write,
        current: Option<usize>,
        verdict: &str,
        at: Instant,
    ) -> Result<(), String> {
        let done = self
            .status
            .values()
            .filter(|s| **s == Status::Passed)
            .count();
        let total = self.exercises.len();
        let bar: String = (0..total)
            .map(|i| if i < done { '#' } else { '-' })
            .collect();
        let mut text = format!(
            "{CLEAR}Exercises: [{bar}] {done}/{total} done    (watching {})\n\n",
            Project::STUBS
        );
        let next = self.next();
        for exercise in &self.exercises {
            let status = self.status.get(&exercise.number).copied();
            let mark = match status {
                Some(Status::Passed) => "✔",
                Some(Status::Failed) => "✘",
                _ if Some(exercise.number) == next => "➜",
                Some(Status::Unknown) => "?",
                _ => "·",
            };
            let saved = if Some(exercise.number) == current {
                "   ← saved"
            } else {
                ""
            };
            text.push_str(&format!(
                "{mark} {:>2}. {}{saved}\n",
                exercise.number, exercise.title
            ));
        }
        text.push('\n');
        text.push_str(verdict);
        let since = if self.saved { "the save" } else { "the start" };
        text.push_str(&format!(
            "\nVerdict {:.2} s after {since}. Edit a file and save to check it again; q and \
             Enter, or Ctrl-C, to stop.\n",
            at.elapsed().as_secs_f64()
        ));
        screen
            .write_all(text.as_bytes())
            .and_then(|()| screen.flush())
            .map_err(|e| format!("cannot write to the screen: {e}"))
    }

    fn stop(&self, screen: &mut dyn Write) -> Result<(), String> {
        let done = self
            .status
            .values()
            .filter(|s| **s == Status::Passed)
            .count();
        writeln!(
            screen,
            "\nStopped watching: {done}/{} exercises done.",
            self.exercises.len()
        )
        .map_err(|e| format!("cannot write to the screen: {e}"))
    }
}

struct Output {
    passed: bool,
    text: String,
}

/// Runs the checker and gathers what it says.
fn run(checker: &Path, args: &[&str], root: &Path) -> Result<Output, String> {
    let output = Command::new(checker)
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run the exercise checker: {e}"))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    if let Some(why) = build::abnormal_end(&output.status) {
        text.push_str(&format!("✘ {why}\n"));
    }
    let passed = output.status.success() && text.contains(build::PASSED);
    if output.status.success() && !passed && args.first() == Some(&"check") {
        text.push_str(&format!("✘ {}\n", build::NO_VERDICT));
    }
    Ok(Output { passed, text })
}
