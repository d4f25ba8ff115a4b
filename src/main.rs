//! `workbook`: runs the article's claims live (the default), builds the book, and runs the
//! exercise checker.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use zmq_workbook::{claims, table};

#[derive(Parser)]
#[command(
    name = "workbook",
    version,
    about = "Checks, claim by claim, what an article says about ZeroMQ's three basic patterns"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the experiments live and print the verdict table (the default)
    Claims {
        /// Only these claims (e.g. RR4 PS3); all of them if none is given
        ids: Vec<String>,
        /// Print the verdicts as the book's "Verdicts at a glance" shows them (an HTML
        /// table, for Markdown), without the figures that vary from run to run
        #[arg(long, conflicts_with = "figures")]
        markdown: bool,
        /// Print only the figures that vary from run to run, one a line after the claim's
        /// ID ("RR4 beyond" for what lies beyond it), unwrapped
        #[arg(long)]
        figures: bool,
        /// With --figures: run the claims this many times, one after the other, and print
        /// each figure once, with what each run measured
        #[arg(long, default_value_t = 1, requires = "figures")]
        runs: usize,
    },
    /// Build the HTML book and print where it is
    Book,
    /// Check your exercises: progress and the next one; `check N`, `hint N [more]`, `watch`
    Exercises {
        /// Nothing (progress), `check N`, `hint N`, `hint N more`, `watch` (check on every
        /// save), or `verify` (every solution passes, every stub and wrong answer fails)
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        request: Vec<String>,
    },
    /// The claims on libzmq, on zmq.rs (the `zeromq` crate) and mixed both ways: the matrix
    /// (builds the `implementations/` crate, with zmq.rs and tokio, on first use)
    Implementations {
        /// `--markdown` for the book's table; claim IDs (e.g. RR1 PL1) for only those
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        arguments: Vec<String>,
    },
}

fn main() -> ExitCode {
    zmq_workbook::programs::stop_quietly_when_stdout_fails();
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => run_claims(&[], Output::Table),
        Some(Command::Claims {
            ids,
            markdown,
            figures,
            runs,
        }) => run_claims(
            &ids,
            match (markdown, figures) {
                (true, _) => Output::Markdown,
                (_, true) => Output::Figures(runs),
                _ => Output::Table,
            },
        ),
        Some(Command::Book) => build_book(),
        Some(Command::Exercises { request }) => zmq_workbook::exercises::check(&request),
        Some(Command::Implementations { arguments }) => run_implementations(&arguments),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// How `claims` shows what it ran.
enum Output {
    Table,
    Markdown,
    /// The figures of this many runs.
    Figures(usize),
}

fn run_claims(ids: &[String], output: Output) -> Result<ExitCode, String> {
    let selected = if ids.is_empty() {
        claims::registry()
    } else {
        ids.iter()
            .map(|id| {
                claims::find(id).ok_or_else(|| {
                    let known: Vec<_> = claims::registry().iter().map(|c| c.id).collect();
                    format!("no claim {id:?}; the claims are {}", known.join(" "))
                })
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    build_the_crash_subjects()?;
    let started = Instant::now();
    match output {
        Output::Markdown => {
            let rows = table::run(&selected);
            print!("{}", table::render_markdown(&rows));
            return Ok(exit_code(&rows));
        }
        Output::Figures(1) => {
            let rows = table::run(&selected);
            print!("{}", table::render_figures(&rows));
            return Ok(exit_code(&rows));
        }
        Output::Figures(runs) => {
            let runs: Vec<_> = (0..runs).map(|_| table::run(&selected)).collect();
            print!("{}", table::render_reference(&runs));
            let failed = runs
                .iter()
                .map(|rows| exit_code(rows))
                .find(|code| *code != ExitCode::SUCCESS);
            return Ok(failed.unwrap_or(ExitCode::SUCCESS));
        }
        Output::Table => {}
    }
    let layout = table::Layout::for_stdout();
    anstream::println!(
        "{}",
        table::heading(selected.len(), &libzmq_version(), layout)
    );
    let rows = table::run(&selected);
    anstream::print!("{}", table::render_text(&rows, layout, true));
    anstream::println!();
    for line in layout.wrap_plain(&table::summary(&rows, started.elapsed())) {
        anstream::println!("{line}");
    }
    for line in table::closing(&selected, ids.is_empty(), layout) {
        anstream::println!("{line}");
    }
    Ok(exit_code(&rows))
}

/// The crash experiments kill two of the article's ported programs, which `cargo run` builds
/// only when asked: when this program runs under cargo and they are not beside it, build them.
fn build_the_crash_subjects() -> Result<(), String> {
    const SUBJECTS: [&str; 2] = ["rr-server", "pl-worker"];
    let Ok(cargo) = std::env::var("CARGO") else {
        return Ok(()); // not run by cargo: the experiments say what they miss
    };
    let here =
        std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let dir = here.parent().unwrap_or(Path::new("."));
    let exe = |name: &str| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if SUBJECTS.iter().all(|name| exe(name).is_file()) {
        return Ok(());
    }
    eprintln!("building the article's programs that the crash experiments stop…");
    let mut build = std::process::Command::new(cargo);
    build.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "build",
        "--quiet",
        "--bin",
        SUBJECTS[0],
        "--bin",
        SUBJECTS[1],
    ]);
    if dir.ends_with("release") {
        build.arg("--release");
    }
    match build.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(_) => {
            Err("cannot build the article's programs: see cargo's message above".into())
        }
        Err(e) => Err(format!(
            "cannot run cargo to build the article's programs: {e}"
        )),
    }
}

/// The matrix lives in a crate of its own, so that zmq.rs and tokio are compiled only for
/// it: cargo builds and runs it from the workspace this program was built in.
fn run_implementations(arguments: &[String]) -> Result<ExitCode, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--quiet", "-p", "zmq-implementations", "--"])
        .args(arguments)
        .status()
        .map_err(|e| {
            format!("cannot run {cargo} to build the matrix (is cargo installed?): {e}")
        })?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn exit_code(rows: &[table::Row]) -> ExitCode {
    if rows.iter().all(table::Row::agrees) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn libzmq_version() -> String {
    let (major, minor, patch) = zmq::version();
    format!("{major}.{minor}.{patch}")
}

fn build_book() -> Result<ExitCode, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let book = mdbook_driver::MDBook::load(&root)
        .map_err(|e| format!("cannot load the book in {}: {e:#}", root.display()))?;
    book.build()
        .map_err(|e| format!("the book did not build: {e:#}"))?;
    let built = book.build_dir_for("html");
    let index: PathBuf = built.canonicalize().unwrap_or(built).join("index.html");
    println!("The book is built: open {}", index.display());
    Ok(ExitCode::SUCCESS)
}
