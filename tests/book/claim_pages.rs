//! Every claim has a page of the book's shape, the old anchors still lead to it, and a test is
//! named after it.

use std::fs;

use zmq_workbook::claims;

use crate::{chapter, chapters, root, rust_sources};

/// The heading of what a page shows beyond its claim.
const BEYOND: &str = "## Beyond the claim";

/// The parts of a claim's page, in the order a reader meets them.
fn shape(claim: &claims::Claim) -> Vec<String> {
    let mut parts = vec![
        format!("# {}", claim.id),
        claim.zh.to_string(),
        format!("**Verdict: {}", claim.verdict.label().trim_end_matches('…')),
        "## What a run measured".into(),
    ];
    if claim.beyond.is_some() {
        parts.push(BEYOND.into());
    }
    parts.extend([
        "## In your own program".into(),
        "```rust".into(),
        "## How it was measured".into(),
        "<details>\n<summary>The experiment".into(),
        "<summary>The test".into(),
        "</details>".into(),
    ]);
    parts
}

/// Text as a reader sees it: without emphasis, code marks or link targets, its lines
/// joined by single spaces.
fn plain(markdown: &str) -> String {
    let mut text = String::new();
    let mut rest = markdown;
    // [words](target) → words
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
        };
        text.push_str(&rest[..open]);
        text.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    text.replace(['*', '`'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The paragraphs of a page's source after the article's quote: the first is the
/// verdict's, the second its conditions.
fn after_the_quote(source: &str) -> Vec<String> {
    let body: Vec<&str> = source
        .lines()
        .skip(1) // the title
        .skip_while(|line| line.trim().is_empty() || line.starts_with('>'))
        .collect();
    body.split(|line| line.trim().is_empty())
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| paragraph.join("\n"))
        .collect()
}

/// The rule of a verdict, held where a test can hold it: the page opens, after the
/// article's words, with the registry's verdict in one line of at most
/// `VERDICT_WORDS` words, and then with the registry's conditions.
#[test]
fn every_claim_page_opens_with_its_verdict_in_one_short_line_then_its_conditions() {
    for claim in claims::registry() {
        let line = claim.verdict_line();
        let words = line.split_whitespace().count();
        assert!(
            words <= claims::VERDICT_WORDS,
            "{}: {words} words: {line}",
            claim.id
        );
        let source =
            fs::read_to_string(root().join("book/src").join(claim.page())).unwrap();
        let paragraphs = after_the_quote(&source);
        let verdict = &paragraphs[0];
        assert!(
            verdict.starts_with("**Verdict:") && !verdict.contains('\n'),
            "{}: the page does not open with its verdict in one line: {verdict:?}",
            claim.page()
        );
        assert_eq!(plain(verdict), line, "{}", claim.page());
        if !claim.conditions.is_empty() {
            assert_eq!(
                plain(&paragraphs[1]),
                claim.conditions,
                "{}: the conditions after the verdict",
                claim.page()
            );
        }
    }
}

#[test]
fn the_verdict_checker_reads_markdown_as_a_reader_does() {
    assert_eq!(
        plain("**Verdict: holds only when** `ZMQ_X` is\nset ([PS6](ps6.md))."),
        "Verdict: holds only when ZMQ_X is set (PS6)."
    );
    let page = "# PS9 — x\n\n> 中文\n>\n> *English*\n\n**Verdict: holds.**\n\nOne\ntwo.\n\n## What";
    assert_eq!(
        after_the_quote(page),
        ["**Verdict: holds.**", "One\ntwo.", "## What"]
    );
}

/// A claim's page has a "Beyond the claim" section exactly when the registry measures
/// something beyond the claim.
#[test]
fn a_claim_page_goes_beyond_its_claim_exactly_when_the_registry_does() {
    let chapters = chapters();
    for claim in claims::registry() {
        let page = chapter(&chapters, &claim.page());
        assert_eq!(
            page.contains(BEYOND),
            claim.beyond.is_some(),
            "{}: {BEYOND:?} on the page, against the registry",
            claim.page()
        );
    }
}

#[test]
fn every_claim_has_a_page_of_the_books_shape() {
    let chapters = chapters();
    for claim in claims::registry() {
        let page = chapter(&chapters, &claim.page());
        let mut from = 0;
        for part in shape(claim) {
            let found = page[from..].find(&part).unwrap_or_else(|| {
                panic!("{}: {part:?} missing or out of order", claim.page())
            });
            from += found + part.len();
        }
        // The code under "In your own program" is the claim's own lines, from its source.
        let source =
            fs::read_to_string(root().join("book/src").join(claim.page())).unwrap();
        let own = format!(
            "src/claims/{}/{}.rs:own}}}}",
            claim.pattern(),
            claim.id.to_lowercase()
        );
        assert!(
            source.contains(&own),
            "{} does not include {own}",
            claim.page()
        );
    }
}

/// The sidebar calls each claim's page what the page calls itself.
#[test]
fn every_claim_is_named_alike_in_the_sidebar_and_on_its_page() {
    let summary = fs::read_to_string(root().join("book/src/SUMMARY.md")).unwrap();
    for claim in claims::registry() {
        let source =
            fs::read_to_string(root().join("book/src").join(claim.page())).unwrap();
        let heading = source.lines().next().unwrap().trim_start_matches("# ");
        let entry = format!("[{heading}]({})", claim.page());
        assert!(summary.contains(&entry), "SUMMARY.md lacks {entry}");
    }
}

/// The evidence a snapshot holds, as the page includes it.
fn snapshot(name: &str) -> String {
    let path = root().join(format!("tests/snapshots/{name}.snap"));
    let snapshot = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("the snapshot {}", path.display()));
    snapshot.lines().skip(3).collect::<Vec<_>>().join("\n")
}

/// The part of a page under `heading`, up to the next heading of its level.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let Some(start) = page.find(heading) else {
        return "";
    };
    let rest = &page[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn every_claim_page_shows_its_evidence_from_a_live_run() {
    let chapters = chapters();
    for claim in claims::registry() {
        let id = claim.id.to_lowercase();
        let page = chapter(&chapters, &claim.page());
        let evidence = snapshot(&format!("book__evidence_{id}"));
        assert!(evidence.starts_with("- ✔"), "{}: {evidence}", claim.id);
        assert!(
            section(&page, "## What a run measured").contains(evidence.trim()),
            "{} does not show its evidence under \"What a run measured\"",
            claim.page()
        );
        if claim.beyond.is_some() {
            let beyond = snapshot(&format!("book__beyond_{id}"));
            assert!(beyond.starts_with("- ✔"), "{}: {beyond}", claim.id);
            assert!(
                section(&page, BEYOND).contains(beyond.trim()),
                "{} does not show what it measured beyond the claim under {BEYOND:?}",
                claim.page()
            );
        }
    }
}

#[test]
fn every_old_anchor_of_a_claim_is_on_its_patterns_page() {
    let chapters = chapters();
    for claim in claims::registry() {
        let overview = chapter(&chapters, &format!("{}.md", claim.pattern()));
        let anchor = format!("<a id=\"{}\"></a>[{}", claim.id.to_lowercase(), claim.id);
        assert!(
            overview.contains(&anchor),
            "{}.md lacks {anchor}",
            claim.pattern()
        );
        let link = format!("]({})", claim.page());
        assert!(
            overview.contains(&link),
            "{}.md does not link {link}",
            claim.pattern()
        );
    }
}

#[test]
fn every_claim_has_a_test_named_after_it() {
    let tests: String = rust_sources()
        .iter()
        .filter(|p| p.starts_with(root().join("tests/claims")))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    for claim in claims::registry() {
        let name = format!("fn {}", claim.test_filter());
        assert!(tests.contains(&name), "{} has no test `{name}…`", claim.id);
        let own = format!("fn {}in_your_own_program", claim.test_filter());
        assert!(
            tests.contains(&own),
            "{}'s own-program lines are not run",
            claim.id
        );
    }
}
