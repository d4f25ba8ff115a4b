//! The built HTML: every link to another page of the book, and every `#fragment` it names,
//! exists. (mdBook does not check links; a renamed heading breaks them silently.)

use std::fs;
use std::path::{Component, Path, PathBuf};

use workbook_book as translations;

use crate::{files, root};

/// `relative` as seen from the directory `from`, with `..` resolved.
fn resolve(from: &Path, relative: &str) -> PathBuf {
    let mut path = from.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(part) => path.push(part),
            _ => {}
        }
    }
    path
}

/// In both editions: the English book and, inside it, each translation.
#[test]
fn every_internal_link_resolves() {
    let out = tempfile::tempdir().unwrap();
    translations::build_all(Some(out.path())).expect("the book builds in every language");

    let pages = files(out.path(), "html");
    let translated = files(&out.path().join("zh-CN"), "html").len();
    assert!(translated > 25, "only {translated} zh-CN pages were built");
    assert!(
        pages.len() > 2 * translated - 1,
        "only {} pages were built",
        pages.len()
    );
    let mut checked = 0;
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let name = page.strip_prefix(out.path()).unwrap().display().to_string();
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
            let target = resolve(page.parent().unwrap(), file);
            assert!(target.exists(), "{name} links to a missing page {link}");
            if !fragment.is_empty() {
                let target_html = fs::read_to_string(&target).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{name} links to {link}, but that page has no #{fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} links checked");
}

/// Every exercise is in the book: its stub in the Exercises chapter, its solution in Solutions.
#[test]
fn every_exercise_is_in_the_book() {
    let chapters = crate::chapters();
    let (exercises, solutions) = (
        crate::chapter(&chapters, "exercises.md"),
        crate::chapter(&chapters, "solutions.md"),
    );
    let mut count = 0;
    for stub in files(&root().join("exercises/src/exercises"), "rs") {
        if stub.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        count += 1;
        let source = fs::read_to_string(&stub).unwrap();
        let signature = source
            .lines()
            .find(|l| l.starts_with("pub fn"))
            .unwrap()
            .to_string();
        let name = stub.display();
        assert!(
            exercises.contains(&signature),
            "the Exercises chapter does not show {name}"
        );
        assert!(
            solutions.contains(&signature),
            "Solutions does not show {name}'s solution"
        );
    }
    assert!(count >= 12, "only {count} exercises");
}
