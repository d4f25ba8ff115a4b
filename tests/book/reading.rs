//! The reading path: what a reader meets once is said once and linked, the jargon leads to the
//! glossary, the names of libzmq's options and sockets lead to libzmq's manual, and each pattern
//! to the zguide and its RFC. Every address is checked for its form here, offline.

use std::collections::BTreeMap;
use std::fs;

use zmq_workbook::claims;

use crate::{reader_pages, root};

fn source(page: &str) -> String {
    fs::read_to_string(root().join("book/src").join(page)).unwrap()
}

/// The paragraphs of a page's own prose: no code, no include, no quote, no heading.
fn paragraphs(source: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = Vec::new();
    let mut in_code = false;
    for line in source.lines().chain([""]) {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code
            || trimmed.starts_with("{{#")
            || trimmed.starts_with('>')
            || trimmed.starts_with('#')
        {
            continue;
        }
        if trimmed.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(trimmed);
        }
    }
    paragraphs
}

/// A paragraph a reader would meet again, word for word, on page after page is said once and
/// linked to: no paragraph of a dozen words or more stands on more than two reader pages.
#[test]
fn no_paragraph_stands_word_for_word_on_many_pages() {
    let mut pages_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in reader_pages() {
        for paragraph in paragraphs(&source(&page)) {
            if paragraph.split_whitespace().count() >= 12 {
                let key = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
                pages_of.entry(key).or_default().push(page.clone());
            }
        }
    }
    let repeated: Vec<String> = pages_of
        .iter()
        .filter(|(_, pages)| pages.len() > 2)
        .map(|(paragraph, pages)| {
            format!("{} pages ({}): {paragraph}", pages.len(), pages[0])
        })
        .collect();
    assert!(
        repeated.is_empty(),
        "say it once and link to it:\n{}",
        repeated.join("\n")
    );
}

/// The helpers in the folded code are explained once, on the lab bench, and every claim's page
/// links there.
#[test]
fn every_claim_page_links_the_lab_bench() {
    for claim in claims::registry() {
        assert!(
            source(&claim.page()).contains("](../lab-bench.md)"),
            "{} does not link the lab bench",
            claim.page()
        );
    }
}
