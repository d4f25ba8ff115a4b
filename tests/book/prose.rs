//! The words around the code: the numbers the prose gives are the experiments' own, the
//! glossary covers what the book names, and the lab bench explains every helper the code uses.

use std::collections::BTreeSet;
use std::fs;

use zmq_workbook::claims::{self, pipeline, pubsub, reqrep};

use crate::{chapter, chapters, code_lines, prose, root};

/// For each claim, the things its experiments count and how many of each they use: where the
/// prose of the claim's page says "five clients", five must be one of these.
fn counted(id: &str) -> Vec<(&'static str, Vec<usize>)> {
    use pipeline::{pl1, pl2, pl3, pl5};
    use pubsub::{ps1, ps4, ps5, ps6};
    use reqrep::{rr1, rr2, rr3, rr7};
    match id {
        "RR1" => vec![("client", vec![rr1::CLIENTS])],
        "RR2" => vec![
            ("client", vec![rr1::CLIENTS]),
            ("server", vec![rr2::SERVERS]),
            ("request", vec![rr2::REQUESTS]),
        ],
        "RR3" => vec![
            ("client", vec![rr3::CLIENTS]),
            ("worker", vec![rr3::WORKERS]),
            ("round", vec![rr3::ROUNDS]),
        ],
        "RR7" => vec![
            ("send", vec![rr7::QUICK_SENDS]),
            ("message", vec![rr7::QUICK_SENDS]),
        ],
        "PS1" => vec![
            ("subscriber", vec![ps1::SUBSCRIBERS]),
            ("message", vec![ps1::MESSAGES]),
        ],
        "PS4" => vec![(
            "message",
            vec![
                ps4::TO_NOBODY,
                ps4::FLOOD,
                ps4::HWM as usize,
                2 * ps4::HWM as usize,
            ],
        )],
        "PS5" => vec![(
            "message",
            vec![ps5::everything().len(), ps5::WHILE_AWAY, ps5::AFTER_RETURN],
        )],
        "PS6" => vec![
            ("run", vec![ps6::RUNS, ps6::NAIVE_AT_MOST]),
            ("message", vec![ps6::BURST]),
        ],
        "PL1" => vec![
            ("puller", vec![pl1::PULLERS]),
            ("message", vec![pl1::MESSAGES]),
        ],
        "PL2" => vec![("puller", vec![pl2::PULLERS, pl2::LATE_PULLERS])],
        "PL3" => vec![("worker", vec![pl3::WORKERS]), ("task", vec![pl3::TASKS])],
        "PL5" => vec![("message", vec![pl5::IN_FLIGHT, pl5::WHILE_AWAY])],
        _ => vec![],
    }
}

fn number(word: &str) -> Option<usize> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve",
    ];
    match word {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => word
            .parse()
            .ok()
            .or_else(|| WORDS.iter().position(|w| *w == word)),
    }
}

/// Every "<number> <thing>" in `text`, also with a socket type or a describing word between
/// ("three REP servers", "3000 numbered messages"). A numeral right after a thing or another
/// numeral is a label or part of a list ("client 0", "servers 0, 1, 2"), not a count.
fn counts_in(text: &str, things: &[&str]) -> Vec<(usize, String)> {
    const DESCRIBING: [&str; 6] =
        ["numbered", "more", "other", "quick", "connected", "new"];
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let singular = |word: &str| word.to_lowercase().trim_end_matches('s').to_string();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        i += 1;
        let Some(mut n) = number(&word.to_lowercase()) else {
            continue;
        };
        // "three thousand", "a hundred": one number.
        while let Some(scale) = words.get(i).and_then(|w| number(&w.to_lowercase())) {
            if scale != 100 && scale != 1000 {
                break;
            }
            n *= scale;
            i += 1;
        }
        // "one" is "each … to one …" far more often than a count: only counts of two or
        // more are checked.
        if n < 2 {
            continue;
        }
        let labelled = i > 1 && {
            let before = words[i - 2].to_lowercase();
            word.chars().all(|c| c.is_ascii_digit())
                && (number(&before).is_some()
                    || things.contains(&singular(&before).as_str()))
        };
        if labelled {
            continue;
        }
        if let Some(next) = words.get(i) {
            found.push((n, singular(next)));
            let between = next.chars().all(|c| c.is_ascii_uppercase())
                || DESCRIBING.contains(&next.to_lowercase().as_str());
            if let (true, Some(after)) = (between, words.get(i + 1)) {
                found.push((n, singular(after)));
            }
        }
    }
    found
}

#[test]
fn the_numbers_in_the_prose_are_the_experiments_own() {
    let chapters = chapters();
    let mut checked = 0;
    for claim in claims::registry() {
        let text = prose(&chapter(&chapters, &claim.page()));
        let counted = counted(claim.id);
        let things: Vec<&str> = counted.iter().map(|(thing, _)| *thing).collect();
        for (thing, uses) in &counted {
            for (n, noun) in counts_in(&text, &things) {
                if noun == *thing {
                    assert!(
                        uses.contains(&n),
                        "{} says {n} {thing}(s); its experiments use {uses:?}",
                        claim.page()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 15, "only {checked} counts found in the prose");
}

#[test]
fn the_prose_checker_finds_counts() {
    let text =
        "Five clients ask three REP servers, each 9 times: client 0, servers 0, 1, 2. \
                Three thousand numbered messages.";
    let counts = counts_in(text, &["client", "server"]);
    assert!(counts.contains(&(5, "client".into())));
    assert!(counts.contains(&(3, "server".into())), "{counts:?}");
    assert!(counts.contains(&(9, "time".into())));
    assert!(
        !counts.iter().any(|(n, _)| *n == 0),
        "a label, not a count: {counts:?}"
    );
}

#[test]
fn the_glossary_names_every_socket_type_transport_and_idea_the_book_uses() {
    let glossary = chapter(&chapters(), "glossary.md");
    for term in [
        "**REQ / REP**",
        "**PUB / SUB**",
        "**XPUB / XSUB**",
        "**PUSH / PULL**",
        "**DEALER / ROUTER**",
        "**PAIR**",
        "**tcp**",
        "**ipc**",
        "**inproc**",
        "**handshake / ZMTP**",
        "**high-water mark (HWM)**",
        "**positive control**",
        "**slow joiner**",
        "**EFSM**",
    ] {
        assert!(glossary.contains(term), "the glossary lacks {term}");
    }
    for claim in claims::registry() {
        let mentions = glossary
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| *w == claim.id)
            .count();
        let links = glossary.matches(&format!("[{}](", claim.id)).count();
        assert_eq!(
            mentions, links,
            "the glossary names {} without a link",
            claim.id
        );
    }
}

/// The public helpers of the lab and of the patterns' shared modules.
fn helpers() -> BTreeSet<String> {
    [
        "src/lab.rs",
        "src/claims/pubsub/mod.rs",
        "src/claims/pipeline/mod.rs",
    ]
    .iter()
    .flat_map(|file| {
        let source = fs::read_to_string(root().join(file)).unwrap();
        source
            .lines()
            .filter_map(|line| line.trim().strip_prefix("pub fn "))
            .filter_map(|rest| rest.split(['(', '<']).next().map(str::to_string))
            .collect::<Vec<_>>()
    })
    .collect()
}

#[test]
fn the_lab_bench_explains_every_helper_the_books_code_uses() {
    let chapters = chapters();
    let bench = chapter(&chapters, "lab-bench.md");
    let helpers = helpers();
    assert!(helpers.len() > 20, "{helpers:?}");
    let mut used = BTreeSet::new();
    for chapter in &chapters {
        for (_, line) in code_lines(&chapter.content) {
            for helper in &helpers {
                if line.contains(&format!("{helper}(")) {
                    used.insert(helper.clone());
                }
            }
        }
    }
    assert!(used.len() > 10, "{used:?}");
    for helper in &used {
        assert!(
            bench.contains(&format!("{helper}(")),
            "the lab bench does not explain {helper}"
        );
    }
}
