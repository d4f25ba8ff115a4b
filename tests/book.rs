//! The book's promises, checked: every include resolves to real code, every anchor is closed,
//! and every claim of the registry has a section in the book and a test named after it.
//! (mdBook itself renders a missing anchor as nothing and a missing file as raw text.)

use std::fs;
use std::path::{Path, PathBuf};

use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::MDBook;
use zmq_workbook::claims;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every chapter's name and Markdown, with `{{#include}}` expanded as the HTML build sees it.
fn expanded_chapters() -> Vec<(String, String)> {
    let book = MDBook::load(root().join("book")).expect("the book loads");
    let (book, _) = book
        .preprocess_book(&MarkdownRenderer::new())
        .expect("the book's preprocessors run");
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => {
                Some((chapter.name.clone(), chapter.content.clone()))
            }
            _ => None,
        })
        .collect()
}

fn rust_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for dir in ["src", "tests", "exercises"] {
        walk(&root().join(dir), &mut found);
    }
    found
}

#[test]
fn every_include_resolves_to_code() {
    let chapters = expanded_chapters();
    assert!(!chapters.is_empty());
    for (name, content) in &chapters {
        assert!(
            !content.contains("{{#"),
            "chapter {name:?} has an include that did not resolve"
        );
        assert!(
            !content.contains("ANCHOR"),
            "chapter {name:?} shows anchor comments"
        );
        // A missing anchor expands to nothing: a code block with no code in it.
        let mut block: Option<String> = None;
        for line in content.lines() {
            let fence = line.trim_start().starts_with("```");
            match (&mut block, fence) {
                (None, true) => block = Some(String::new()),
                (Some(code), true) => {
                    assert!(
                        !code.trim().is_empty(),
                        "chapter {name:?} has an empty code block: an anchor is missing"
                    );
                    block = None;
                }
                (Some(code), false) => code.push_str(line),
                (None, false) => {}
            }
        }
    }
}

#[test]
fn every_anchor_is_closed() {
    for path in rust_sources() {
        let text = fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            if let Some(name) = line.trim().strip_prefix("// ANCHOR: ") {
                assert!(
                    text.contains(&format!("// ANCHOR_END: {name}")),
                    "{}: ANCHOR {name} has no ANCHOR_END",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn every_claim_has_a_section_and_a_test() {
    let chapters = expanded_chapters();
    let tests: String = rust_sources()
        .iter()
        .filter(|p| p.starts_with(root().join("tests")))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    for claim in claims::registry() {
        let heading = format!("## {} ", claim.id);
        let section = chapters
            .iter()
            .find(|(_, content)| content.lines().any(|line| line.starts_with(&heading)));
        let (_, content) = section.unwrap_or_else(|| {
            panic!("{} has no section (`{heading}…`) in the book", claim.id)
        });
        let verdict =
            format!("**Verdict: {}", claim.verdict.label().trim_end_matches('…'));
        assert!(
            content.contains(&verdict),
            "{}'s section does not state its verdict {verdict:?}",
            claim.id
        );
        assert!(
            content.contains(claim.zh),
            "{}'s section does not quote the article",
            claim.id
        );

        let lower = claim.id.to_lowercase();
        assert!(
            tests.contains(&format!("fn {lower}_")),
            "{} has no test whose name starts with {lower}_",
            claim.id
        );
    }
}

/// The "Verdicts at a glance" page is this snapshot of a live run's table: a change of behaviour
/// (a new libzmq, a changed experiment) fails here until the new table is reviewed
/// (`cargo insta review`). Every experiment must also agree with its verdict.
#[test]
fn verdicts_page_matches_a_live_run() {
    let rows = zmq_workbook::table::run(&claims::registry());
    let disagreeing: Vec<String> = rows
        .iter()
        .filter(|row| !row.agrees())
        .map(|row| format!("{}: {:?}", row.claim.id, row.outcome))
        .collect();
    assert!(
        disagreeing.is_empty(),
        "live runs disagree with their verdicts: {disagreeing:#?}"
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("verdicts", zmq_workbook::table::render_markdown(&rows));
        // Each claim's section shows its own evidence line, from the same run.
        for row in &rows {
            let evidence = zmq_workbook::table::evidence_markdown(&row.outcome);
            insta::assert_snapshot!(format!("evidence_{}", row.claim.id.to_lowercase()), evidence);
        }
    });
}

/// The built HTML: every link to another page of the book, and every `#fragment` it names,
/// exists. (mdBook does not check links; a renamed heading breaks them silently.)
#[test]
fn every_internal_link_resolves() {
    let out = tempfile::tempdir().unwrap();
    let mut book = MDBook::load(root().join("book")).expect("the book loads");
    book.config.build.build_dir = out.path().to_path_buf();
    book.build().expect("the book builds");

    let pages: Vec<PathBuf> = fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() > 5, "only {} pages were built", pages.len());
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        for link in html
            .split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
        {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            if !file.ends_with(".html") {
                continue; // stylesheets, scripts, fonts: mdBook's own
            }
            let target = out.path().join(file);
            let name = page.file_name().unwrap().to_string_lossy();
            assert!(target.exists(), "{name} links to a missing page {link}");
            if !fragment.is_empty() {
                let target_html = fs::read_to_string(&target).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{name} links to {link}, but that page has no #{fragment}"
                );
            }
        }
    }
}

/// Every exercise is in the book: its stub in the Exercises chapter, its solution in Solutions.
#[test]
fn every_exercise_is_in_the_book() {
    let chapters = expanded_chapters();
    let chapter = |name: &str| {
        chapters
            .iter()
            .find(|(title, _)| title == name)
            .map(|(_, content)| content.clone())
            .unwrap_or_else(|| panic!("no chapter {name:?}"))
    };
    let (exercises, solutions) = (chapter("Exercises"), chapter("Solutions"));
    let stubs = fs::read_dir(root().join("exercises/src/exercises")).unwrap();
    let mut count = 0;
    for stub in stubs.flatten() {
        let name = stub
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if name == "mod" {
            continue;
        }
        count += 1;
        let signature = fs::read_to_string(stub.path()).unwrap();
        let signature = signature
            .lines()
            .find(|l| l.starts_with("pub fn"))
            .unwrap()
            .to_string();
        assert!(
            exercises.contains(&signature),
            "the Exercises chapter does not show {name}"
        );
        assert!(
            solutions.contains(&signature),
            "the Solutions chapter does not show {name}'s solution"
        );
    }
    assert!(count >= 12, "only {count} exercises");
}
