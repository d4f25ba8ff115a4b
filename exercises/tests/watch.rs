//! `exercises watch` end to end, on a copy of the exercises: a stub is solved, then broken, and
//! each save changes the verdict on the screen; `q` and Enter end it.
//!
//! The copy is a workspace of its own with a target directory of its own, so that its cargo
//! does not wait for the build directory of the `cargo test` running this. Both stay in
//! `target/tmp/` and are reused: only the first run builds libzmq for the copy.
//!
//! The save-to-verdict time, over ten saves:
//! `cargo test -p zmq-exercises --test watch -- --ignored --nocapture`.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use zmq_workbook::exercises::{quit_on_q, watch, Event, Project, CLEAR};

/// The first build of the copy compiles libzmq from source.
const FIRST_BUILD: Duration = Duration::from_secs(900);
/// A save, an incremental build and a check, on a loaded machine.
const ONE_SAVE: Duration = Duration::from_secs(120);

fn real_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the exercises crate is inside the project")
}

/// Writes `contents` to `path` unless it holds them already: unchanged files keep their times,
/// and cargo does not build them again.
fn write_if_changed(path: &Path, contents: &[u8]) {
    if fs::read(path).ok().as_deref() != Some(contents) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap().flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_tree(&source, &target);
        } else {
            write_if_changed(&target, &fs::read(&source).unwrap());
        }
    }
}

/// A copy of the exercises crate in a workspace of its own (without the dev-dependencies, which
/// point back at this project; with the lab's relay, which the checks compile in from its file),
/// and the lock that keeps two test runs from sharing it at once.
fn copy_of_the_exercises() -> (Project, File) {
    let place = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("watch");
    fs::create_dir_all(&place).unwrap();
    let lock = File::create(place.join("lock")).unwrap();
    lock.lock().unwrap();
    let root = place.join("project");
    let exercises = real_root().join("exercises");
    for dir in ["src", "hints"] {
        copy_tree(&exercises.join(dir), &root.join("exercises").join(dir));
    }
    let relay = "src/lab/relay.rs";
    write_if_changed(
        &root.join(relay),
        &fs::read(real_root().join(relay)).unwrap(),
    );
    let manifest = fs::read_to_string(exercises.join("Cargo.toml")).unwrap();
    let manifest = manifest.split("[dev-dependencies]").next().unwrap();
    write_if_changed(&root.join("exercises/Cargo.toml"), manifest.as_bytes());
    write_if_changed(
        &root.join("Cargo.toml"),
        b"[workspace]\nmembers = [\"exercises\"]\nresolver = \"2\"\n",
    );
    let lockfile = fs::read(real_root().join("Cargo.lock")).unwrap();
    if !root.join("Cargo.lock").exists() {
        write_if_changed(&root.join("Cargo.lock"), &lockfile);
    }
    let project = Project {
        root,
        target_dir: Some(place.join("target")),
    };
    (project, lock)
}

/// Everything the watch draws, and a way to wait for a screen.
#[derive(Clone, Default)]
struct Screen(Arc<(Mutex<String>, Condvar)>);

impl Write for Screen {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let (text, drawn) = &*self.0;
        text.lock()
            .unwrap()
            .push_str(&String::from_utf8_lossy(bytes));
        drawn.notify_all();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Screen {
    /// The last screen drawn that `wanted` accepts, waiting up to `bound` for it.
    fn wait_for(&self, bound: Duration, wanted: impl Fn(&str) -> bool) -> String {
        let (text, drawn) = &*self.0;
        let deadline = Instant::now() + bound;
        let mut all = text.lock().unwrap();
        loop {
            let last = all.rsplit(CLEAR).next().unwrap_or_default().to_string();
            if wanted(&last) {
                return last;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no such screen within {bound:?}; the last:\n{last}"
            );
            all = drawn.wait_timeout(all, left).unwrap().0;
        }
    }

    fn everything(&self) -> String {
        self.0 .0.lock().unwrap().clone()
    }
}

struct Watching {
    screen: Screen,
    keyboard: std::io::PipeWriter,
    watching: JoinHandle<Result<(), String>>,
}

fn start_watching(project: &Project) -> Watching {
    let (events, inbox): (Sender<Event>, _) = mpsc::channel();
    let (keys, keyboard) = std::io::pipe().unwrap();
    let from_keyboard = events.clone();
    thread::spawn(move || quit_on_q(std::io::BufReader::new(keys), from_keyboard));
    let screen = Screen::default();
    let (project, mut drawn) = (project.clone(), screen.clone());
    let watching = thread::spawn(move || watch(&project, &mut drawn, events, inbox));
    Watching {
        screen,
        keyboard,
        watching,
    }
}

fn solved_stub() -> String {
    fs::read_to_string(real_root().join("exercises/src/solutions/e01_hello_server.rs"))
        .unwrap()
}

fn untouched_stub() -> String {
    fs::read_to_string(real_root().join("exercises/src/exercises/e01_hello_server.rs"))
        .unwrap()
}

fn stop(mut watch: Watching) {
    writeln!(watch.keyboard, "q").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !watch.watching.is_finished() {
        assert!(
            Instant::now() < deadline,
            "q and Enter did not stop the watch"
        );
        thread::sleep(Duration::from_millis(20));
    }
    watch.watching.join().unwrap().unwrap();
    assert!(watch.screen.everything().contains("Stopped watching"));
}

#[test]
fn each_save_changes_the_verdict_and_q_stops_the_watch() {
    let (project, _lock) = copy_of_the_exercises();
    let stub = project
        .root
        .join("exercises/src/exercises/e01_hello_server.rs");
    let watch = start_watching(&project);
    let first = watch
        .screen
        .wait_for(FIRST_BUILD, |s| s.contains("Verdict"));
    assert!(first.contains("0/14 done"), "{first}");
    assert!(
        first.contains("Exercise 1 — The hello-world server"),
        "{first}"
    );
    assert!(first.contains("not started"), "{first}");

    fs::write(&stub, solved_stub()).unwrap();
    let solved = watch.screen.wait_for(ONE_SAVE, |s| s.contains("1/14 done"));
    assert!(solved.contains("✔  1. The hello-world server"), "{solved}");
    assert!(solved.contains("✔ passed"), "{solved}");

    // The file broken: `pub` removed.
    fs::write(
        &stub,
        solved_stub().replace("pub fn serve_one", "fn serve_one"),
    )
    .unwrap();
    let broken = watch
        .screen
        .wait_for(ONE_SAVE, |s| s.contains("do not compile"));
    assert!(
        broken.contains(
            "exercises/src/exercises/e01_hello_server.rs:4: the checker cannot call `serve_one`"
        ),
        "{broken}"
    );
    assert!(
        broken.contains(
            "expected: pub fn serve_one(server: &zmq::Socket) -> zmq::Result<()>"
        ),
        "{broken}"
    );

    fs::write(&stub, untouched_stub()).unwrap();
    let again = watch
        .screen
        .wait_for(ONE_SAVE, |s| s.contains("not started"));
    assert!(again.contains("0/14 done"), "{again}");
    stop(watch);
}

/// Ten saves, alternately solving and unsolving exercise 1: the time from writing the file to
/// the screen with the new verdict.
#[test]
#[ignore = "a measurement: run it with --ignored --nocapture"]
fn save_to_verdict_time() {
    let (project, _lock) = copy_of_the_exercises();
    let stub = project
        .root
        .join("exercises/src/exercises/e01_hello_server.rs");
    let watch = start_watching(&project);
    watch
        .screen
        .wait_for(FIRST_BUILD, |s| s.contains("Verdict"));
    let mut times = Vec::new();
    for save in 0..10 {
        let (contents, verdict) = if save % 2 == 0 {
            (solved_stub(), "✔ passed")
        } else {
            (untouched_stub(), "not started")
        };
        let saved = Instant::now();
        fs::write(&stub, contents).unwrap();
        watch.screen.wait_for(ONE_SAVE, |s| s.contains(verdict));
        times.push(saved.elapsed());
    }
    fs::write(&stub, untouched_stub()).unwrap();
    stop(watch);
    times.sort();
    println!(
        "save → verdict over {} saves: min {:?}, median {:?}, max {:?}",
        times.len(),
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
