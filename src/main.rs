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
        /// Print the table as Markdown, without the figures that vary from run to run
        #[arg(long)]
        markdown: bool,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => run_claims(&[], false),
        Some(Command::Claims { ids, markdown }) => run_claims(&ids, markdown),
        Some(Command::Book) => build_book(),
        Some(Command::Exercises { request }) => zmq_workbook::exercises::check(&request),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_claims(ids: &[String], markdown: bool) -> Result<ExitCode, String> {
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
    if !markdown {
        println!(
            "Running {} experiments on this machine (libzmq {})…\n",
            selected.len(),
            libzmq_version()
        );
    }
    let started = Instant::now();
    let rows = table::run(&selected);
    if markdown {
        print!("{}", table::render_markdown(&rows));
    } else {
        print!("{}", table::render_text(&rows, true));
        println!("\n{}", table::summary(&rows, started.elapsed()));
        println!("Every claim is asserted by `cargo test <id>`; the book explains each one: `cargo run -- book`.");
    }
    Ok(if rows.iter().all(table::Row::agrees) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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
