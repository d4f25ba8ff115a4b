//! Every include resolves to real code, every anchor is closed, and the code fits the page.

use std::fs;

use crate::{chapters, code_lines, rust_sources, translated_chapters};

/// In every edition: a translated page shows the same code.
#[test]
fn every_include_resolves_to_code() {
    let mut editions = vec![("en", chapters())];
    editions.extend(translated_chapters());
    for (language, chapters) in &editions {
        assert!(chapters.len() > 20, "only {} chapters", chapters.len());
        for chapter in chapters {
            included_code_is_whole(
                &format!("{language} {}", chapter.path.display()),
                chapter,
            );
        }
    }
}

fn included_code_is_whole(name: &str, chapter: &crate::Chapter) {
    assert!(
        !chapter.content.contains("{{#"),
        "chapter {name:?} has an include that did not resolve"
    );
    assert!(
        !chapter.content.contains("ANCHOR"),
        "chapter {name:?} shows anchor comments"
    );
    // A missing anchor expands to nothing: a code block with no code in it.
    let mut block: Option<String> = None;
    for line in chapter.content.lines() {
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

/// Code is code in every language: a translated page shows each code block of its English
/// page, line for line.
#[test]
fn a_translated_page_shows_the_code_of_its_english_page() {
    let english = chapters();
    let mut compared = 0;
    for (language, chapters) in translated_chapters() {
        assert_eq!(
            chapters.len(),
            english.len(),
            "{language}: another set of pages"
        );
        for (translated, original) in chapters.iter().zip(&english) {
            assert_eq!(translated.path, original.path);
            let code = code_lines(&translated.content);
            assert!(
                code == code_lines(&original.content),
                "{language} {}: its code differs from the English page's",
                translated.path.display()
            );
            compared += code.len();
        }
    }
    assert!(compared > 1000, "only {compared} lines of code compared");
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

/// What the book shows at 1280 px without scrolling sideways: about 90 columns of code.
pub const WIDEST_CODE: usize = 90;

#[test]
fn no_code_line_is_wider_than_the_page() {
    let mut wide = Vec::new();
    for chapter in chapters() {
        for (_, line) in code_lines(&chapter.content) {
            let width = line.chars().count();
            if width > WIDEST_CODE {
                wide.push(format!("{} ({width}): {line}", chapter.name));
            }
        }
    }
    assert!(
        wide.is_empty(),
        "code lines wider than {WIDEST_CODE} columns:\n{}",
        wide.join("\n")
    );
}
