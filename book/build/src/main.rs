//! `workbook-book`: what `workbook book` and `workbook translations` run, so that only the book
//! compiles mdBook and the gettext machinery.
//!
//!   workbook-book build      both editions, into target/book and target/book/<language>
//!   workbook-book update     po/messages.pot afresh, and each catalog brought up to it
//!   workbook-book report     messages, translated and fuzzy, page by page

use std::process::ExitCode;

use workbook_book as book;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["build"] => build(),
        ["update"] => update(),
        ["report"] => report(),
        _ => Err("usage: workbook-book build | update | report".to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds every edition and prints where each is, the English one first.
fn build() -> Result<(), String> {
    let built = book::build_all(None).map_err(|e| format!("{e:#}"))?;
    let built = built.canonicalize().unwrap_or(built);
    println!("{}", built.display());
    for language in book::LANGUAGES {
        println!("{language}\t{}", built.join(language).display());
    }
    Ok(())
}

fn update() -> Result<(), String> {
    for updated in book::update().map_err(|e| format!("{e:#}"))? {
        println!(
            "{}: {} new untranslated, {} changed and now fuzzy, {} removed",
            book::catalog_path(updated.language).display(),
            updated.added,
            updated.fuzzy,
            updated.removed
        );
    }
    println!("{} written", book::template_path().display());
    Ok(())
}

fn report() -> Result<(), String> {
    let template = book::extract().map_err(|e| format!("{e:#}"))?;
    for language in book::LANGUAGES {
        let catalog = book::read_catalog(&book::catalog_path(language))
            .map_err(|e| format!("{e:#}"))?;
        print!("{}", book::render_report(language, &template, &catalog));
    }
    Ok(())
}
