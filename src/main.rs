//! `workbook`: runs the article's claims live (the default), builds the book, and runs the
//! exercise checker.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use zmq_workbook::i18n::{self, Lang};
use zmq_workbook::{claims, table};

mod workspace_tool;

#[derive(Parser)]
#[command(
    name = "workbook",
    version,
    about = "Checks, claim by claim, what an article says about ZeroMQ's three basic patterns"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The language of the table and the hints: `en` or `zh-CN`; without it, the locale's
    /// (LC_ALL, LC_MESSAGES, LANG: Chinese if it starts with `zh`)
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
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
    /// Run the experiments across two hosts in network namespaces (root or CAP_NET_ADMIN,
    /// and iproute2 and nftables), beside the relay, and print their figures
    Hosts {
        /// Run each scenario this many times, side by side, and print min/median/max
        #[arg(long, default_value_t = 1)]
        runs: usize,
    },
    /// Build the HTML book, in English and in each translation, and print where it is
    Book,
    /// The translations: `update` the book's catalogs (po/) from the book, or `report` how
    /// far each catalog has come, the book's and the terminal's
    Translations {
        #[command(subcommand)]
        action: Translations,
    },
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

#[derive(Subcommand)]
enum Translations {
    /// Extract every message of the book afresh into po/messages.pot, and bring each
    /// language's catalog up to it (new messages untranslated, changed ones fuzzy, gone ones
    /// removed)
    Update,
    /// Print, page by page, the book's messages and how many are translated and fuzzy; then
    /// each terminal catalog's messages, translated and missing
    Report,
}

fn main() -> ExitCode {
    zmq_workbook::programs::stop_quietly_when_stdout_fails();
    let mut cli = Cli::parse();
    // `exercises` passes its words on as they come, `--lang` among them: take it out.
    if let Some(Command::Exercises { request }) = &mut cli.command {
        match lang_among(request) {
            Ok(Some(lang)) => cli.lang = Some(lang),
            Ok(None) => {}
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    // What the book keeps (`--markdown`, `--figures`) is English unless asked otherwise: a
    // contributor's Chinese locale must not change the book's reference runs.
    let for_the_book = matches!(
        cli.command,
        Some(
            Command::Claims { markdown: true, .. }
                | Command::Claims { figures: true, .. }
        )
    );
    let lang = match cli.lang.as_deref().map(Lang::parse) {
        None if for_the_book => Lang::En,
        None => Lang::from_environment(),
        Some(Ok(lang)) => lang,
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    i18n::set(lang);
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
        Some(Command::Hosts { runs }) => run_hosts(runs),
        Some(Command::Book) => build_book(),
        Some(Command::Translations { action }) => translations(action),
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

/// `--lang X` or `--lang=X` taken out of `words`, if it is there.
fn lang_among(words: &mut Vec<String>) -> Result<Option<String>, String> {
    let Some(at) = words
        .iter()
        .position(|w| w == "--lang" || w.starts_with("--lang="))
    else {
        return Ok(None);
    };
    let word = words.remove(at);
    match word.strip_prefix("--lang=") {
        Some(value) => Ok(Some(value.to_string())),
        None if at < words.len() => Ok(Some(words.remove(at))),
        None => Err("--lang needs a language: `--lang en` or `--lang zh-CN`".into()),
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

/// The matrix lives in a crate of its own (see [`workspace_tool`]).
fn run_implementations(arguments: &[String]) -> Result<ExitCode, String> {
    let status = workspace_tool::MATRIX
        .command(arguments)
        .status()
        .map_err(|e| {
            format!("cannot run cargo to build the matrix (is cargo installed?): {e}")
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
    let printed = run_book_tool(&["build"], "build the book")?;
    let mut lines = printed.lines();
    let built = PathBuf::from(lines.next().ok_or("the book's builder said nothing")?);
    // After every edition is built: building an edition empties what it is built in.
    index_for_search(&built)?;
    println!(
        "The book is built: open {}",
        built.join("index.html").display()
    );
    for line in lines {
        if let Some((language, dir)) = line.split_once('\t') {
            let index = Path::new(dir).join("index.html");
            println!("In {language}: open {}", index.display());
        }
    }
    // A page opened from a file may not fetch the index beside it (book/search.js says so too).
    println!(
        "To search it, serve it: python3 -m http.server -d {}",
        built.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn translations(action: Translations) -> Result<ExitCode, String> {
    match action {
        Translations::Update => {
            print!("{}", run_book_tool(&["update"], "update the catalogs")?)
        }
        Translations::Report => {
            print!(
                "{}",
                run_book_tool(&["report"], "report on the translation")?
            );
            // And the terminal's catalogs (locales/).
            println!();
            print!("{}", i18n::catalogs::report());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the book's own tool (book/build/, see [`workspace_tool`]) and returns what it
/// printed. Its errors reach the terminal as they come.
fn run_book_tool(args: &[&str], what: &str) -> Result<String, String> {
    let output = workspace_tool::BOOK_BUILDER
        .command(args)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo to {what}: {e}"))?;
    if !output.status.success() {
        return Err(format!("could not {what}: see the message above"));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("the book's builder printed no text while asked to {what}"))
}

/// Writes the search index of each edition of the built book with `book-search` (book/search/,
/// see [`workspace_tool`]).
fn index_for_search(built: &Path) -> Result<(), String> {
    let status = workspace_tool::SEARCH_INDEXER
        .command([built])
        .status()
        .map_err(|e| format!("cannot run cargo to index the book for search: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the book's search index was not written ({status})"
        ))
    }
}

/// The figures of the experiments across hosts, one line per scenario.
fn run_hosts(runs: usize) -> Result<ExitCode, String> {
    use zmq_workbook::claims::network::dead_host;
    if let Some(why) = zmq_workbook::lab::hosts::unavailable() {
        return Err(format!(
            "cannot make hosts: {why}; they need root (or CAP_NET_ADMIN), iproute2 and nftables"
        ));
    }
    dead_host::figures(runs, |line| println!("{line}")).map_err(|e| format!("{e:#}"))?;
    Ok(ExitCode::SUCCESS)
}
