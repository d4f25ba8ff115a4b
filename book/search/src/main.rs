//! `book-search BOOK_DIR`: writes a Pagefind index for each edition of the built HTML book.
//!
//! An edition is `BOOK_DIR` itself and each directory right under it that holds a book of
//! another language (its own `index.html` with another `<html lang>`, e.g. `zh-CN/`). Each gets
//! its own index, in `<edition>/pagefind/`, in its own language, so that a search on a page of
//! that edition finds that edition's pages. Only a page's `<main>` is indexed: not the sidebar,
//! not the menu bar. mdBook's print page (every chapter at once), its 404 page and its
//! table-of-contents page are left out: they would match every query.

mod editions;
mod segment;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use editions::Edition;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(book), None) = (args.next(), args.next()) else {
        eprintln!("usage: book-search BOOK_DIR (the built HTML book, e.g. target/book)");
        return ExitCode::FAILURE;
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the indexer's runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(index_book(Path::new(&book))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn index_book(book: &Path) -> Result<()> {
    if !book.join("index.html").is_file() {
        bail!("{} holds no built book (no index.html)", book.display());
    }
    for edition in editions::find(book)? {
        let start = Instant::now();
        let pages = index_edition(&edition).await?;
        println!(
            "Search index of the {} edition: {pages} pages in {:.1} s ({})",
            edition.language,
            start.elapsed().as_secs_f64(),
            edition.bundle().display()
        );
    }
    Ok(())
}

/// Indexes one edition's pages and writes its bundle; returns how many pages it holds.
async fn index_edition(edition: &Edition) -> Result<usize> {
    let options = PagefindServiceConfig::builder()
        // mdBook's pages keep their `.html`, and a book opened from disk has no server to
        // find `index.html` in a directory: links must name the file.
        .keep_index_url(true)
        .force_language(edition.language.clone())
        .root_selector("main".to_string())
        .build();
    let mut index =
        PagefindIndex::new(Some(options)).context("Pagefind refused its options")?;
    let pages = edition.pages()?;
    let words_apart = !segment::pagefind_segments(&edition.language);
    for page in &pages {
        let html =
            std::fs::read_to_string(edition.root.join(page)).with_context(|| {
                format!("cannot read {}", edition.root.join(page).display())
            })?;
        // Pagefind splits Chinese into words only on a page in Chinese; the English pages
        // quote the article, and their quotes must be found by a Chinese word too.
        let html = if words_apart {
            segment::cjk_words_apart(&html)
        } else {
            html
        };
        let url = format!("/{}", slashed(page));
        index
            .add_html_file(Some(slashed(page)), Some(url), html)
            .await
            .with_context(|| format!("Pagefind could not index {}", page.display()))?;
    }
    let bundle = edition.bundle();
    if bundle.exists() {
        std::fs::remove_dir_all(&bundle).with_context(|| {
            format!("cannot remove the old index {}", bundle.display())
        })?;
    }
    index
        .write_files(Some(bundle.to_string_lossy().into_owned()))
        .await
        .with_context(|| format!("Pagefind could not write {}", bundle.display()))?;
    Ok(pages.len())
}

/// A relative path with `/` between its parts, as a URL has.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
