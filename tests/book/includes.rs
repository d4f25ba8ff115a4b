//! Every include resolves to real code, every anchor is closed, and the code fits the page.

use std::fs;

use crate::{chapters, code_lines, rust_sources};

#[test]
fn every_include_resolves_to_code() {
    let chapters = chapters();
    assert!(chapters.len() > 20, "only {} chapters", chapters.len());
    for chapter in &chapters {
        let name = &chapter.name;
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
