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
    use pubsub::{ps1, ps3, ps4, ps5, ps6};
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
        "PS3" => vec![("message", vec![ps3::PS3_MESSAGES.len()])],
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
        "src/lab/pubsub.rs",
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

/// A reference run, as `scripts/reference-run` keeps it in `book/src/reference/<id>.txt`:
/// its header (the command, the commit, the machine, the load), and each figure's text
/// (`#` for its numbers, after the claim's ID) with the numbers each run measured.
struct Reference {
    header: Vec<String>,
    figures: Vec<(String, Vec<Vec<f64>>)>,
}

fn reference(id: &str) -> Reference {
    let path = root().join(format!("book/src/reference/{}.txt", id.to_lowercase()));
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no reference run {}", path.display()));
    let mut reference = Reference {
        header: Vec::new(),
        figures: Vec::new(),
    };
    let mut values = String::new();
    let finish = |reference: &mut Reference, values: &mut String| {
        if let Some((_, runs)) = reference.figures.last_mut() {
            if runs.is_empty() {
                *runs = parse_runs(values);
            }
        }
        values.clear();
    };
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("# ") {
            reference.header.push(header.to_string());
        } else if let Some(value_line) = line.strip_prefix("    ") {
            values.push_str(value_line);
            values.push(' ');
        } else if let Some(more) = line.strip_prefix("  ") {
            let (figure, _) = reference.figures.last_mut().expect("a figure first");
            figure.push(' ');
            figure.push_str(more);
        } else {
            finish(&mut reference, &mut values);
            reference.figures.push((line.to_string(), Vec::new()));
        }
    }
    finish(&mut reference, &mut values);
    reference
}

/// "1.5, 2.0" → [[1.5], [2.0]]; "[10 5], [9 4]" → [[10, 5], [9, 4]].
fn parse_runs(values: &str) -> Vec<Vec<f64>> {
    values
        .trim()
        .split(", ")
        .map(|run| {
            run.trim_matches(['[', ']'])
                .split_whitespace()
                .map(|n| n.parse().unwrap_or_else(|_| panic!("not a number: {n:?}")))
                .collect()
        })
        .collect()
}

impl Reference {
    /// What each run measured of `figure`.
    fn runs(&self, figure: &str) -> &[Vec<f64>] {
        let known: Vec<&str> = self.figures.iter().map(|(f, _)| f.as_str()).collect();
        self.figures
            .iter()
            .find(|(f, _)| f == figure)
            .map(|(_, runs)| runs.as_slice())
            .unwrap_or_else(|| {
                panic!("the reference run has no {figure:?}; it has {known:#?}")
            })
    }
}

type Runs<'a> = &'a [Vec<f64>];

/// A number the prose gives, and the reference run that bears it out: `page` says
/// `phrase`, includes the reference run of `id`, and `holds` of what the runs measured of
/// each of `figures`.
struct Backed {
    page: &'static str,
    phrase: &'static str,
    id: &'static str,
    figures: &'static [&'static str],
    holds: fn(Runs) -> bool,
}

/// Every number of every run within `range` ("about 100–200 ms": a tenth more at most).
fn all_within(runs: Runs, range: std::ops::RangeInclusive<f64>) -> bool {
    !runs.is_empty() && runs.iter().flatten().all(|n| range.contains(n))
}

/// In at least eight runs of ten ("typically", "usually"), `holds` of the run's numbers.
fn typically(runs: Runs, holds: fn(&[f64]) -> bool) -> bool {
    runs.len() >= 10
        && runs.iter().filter(|run| holds(run)).count() * 10 >= runs.len() * 8
}

const BACKED: [Backed; 21] = [
    Backed {
        page: "reqrep/rr4.md",
        phrase: "so it takes about 100–200 ms on tcp and ipc",
        id: "RR4",
        figures: &["RR4 tcp: ClientFirst # ms", "RR4 ipc: ClientFirst # ms"],
        holds: |runs| all_within(runs, 100.0..=220.0),
    },
    Backed {
        page: "reqrep/rr4.md",
        phrase: "instead of a few milliseconds",
        id: "RR4",
        figures: &["RR4 tcp: ServerFirst # ms", "RR4 ipc: ServerFirst # ms"],
        holds: |runs| all_within(runs, 0.0..=20.0),
    },
    // RR4's figure says it again, in its own words.
    Backed {
        page: "reqrep/rr4.md",
        phrase: "On tcp and ipc, client first took about 100–200 ms",
        id: "RR4",
        figures: &["RR4 tcp: ClientFirst # ms", "RR4 ipc: ClientFirst # ms"],
        holds: |runs| all_within(runs, 100.0..=220.0),
    },
    Backed {
        page: "reqrep/rr4.md",
        phrase: "server first a few ms",
        id: "RR4",
        figures: &["RR4 tcp: ServerFirst # ms", "RR4 ipc: ServerFirst # ms"],
        holds: |runs| all_within(runs, 0.0..=20.0),
    },
    Backed {
        page: "pubsub/ps7.md",
        phrase: "sees the resubscription after about 100–200 ms",
        id: "PS7",
        figures: &[
            "PS7 tcp: resubscribed after # ms",
            "PS7 ipc: resubscribed after # ms",
        ],
        holds: |runs| all_within(runs, 100.0..=220.0),
    },
    Backed {
        page: "pubsub/ps7.md",
        phrase: "it notices within about a tenth of a second",
        id: "PS7",
        figures: &["PS7 beyond tcp: silent link: noticed by the subscriber # ms, the publisher # ms"],
        holds: |runs| all_within(runs, 80.0..=150.0),
    },
    Backed {
        page: "pubsub/ps6.md",
        phrase: "a burst of a thousand messages, which takes well under a millisecond",
        id: "PS6",
        figures: &[
            "PS6 tcp: connect-then-publish: the burst took #/#/# µs, min/median/max",
            "PS6 ipc: connect-then-publish: the burst took #/#/# µs, min/median/max",
            "PS6 inproc: connect-then-publish: the burst took #/#/# µs, min/median/max",
        ],
        holds: |runs| typically(runs, |run| run[1] < 1000.0),
    },
    Backed {
        page: "pubsub/ps6.md",
        phrase: "typically all 1000 are lost",
        id: "PS6",
        figures: &[
            "PS6 tcp: connect-then-publish: lost something in # of # runs; lost of #, min/median/max: #/#/#",
            "PS6 ipc: connect-then-publish: lost something in # of # runs; lost of #, min/median/max: #/#/#",
        ],
        holds: |runs| typically(runs, |run| run[4] == run[2]),
    },
    Backed {
        page: "slow-joiner.md",
        phrase: "which takes well under a millisecond to send, typically fits in it whole",
        id: "PS6",
        figures: &[
            "PS6 tcp: connect-then-publish: lost something in # of # runs; lost of #, min/median/max: #/#/#",
            "PS6 ipc: connect-then-publish: lost something in # of # runs; lost of #, min/median/max: #/#/#",
        ],
        holds: |runs| typically(runs, |run| run[4] == run[2]),
    },
    Backed {
        page: "slow-joiner.md",
        phrase: "typically the whole burst lost without a fix over tcp and ipc, and none with either fix",
        id: "PS6",
        figures: &[
            "PS6 tcp: lost of #, min/median/max over # runs: XPUB wait #/#/#, probe handshake #/#/#",
            "PS6 ipc: lost of #, min/median/max over # runs: XPUB wait #/#/#, probe handshake #/#/#",
        ],
        holds: |runs| runs.len() >= 10 && runs.iter().all(|run| run[2..].iter().all(|&n| n == 0.0)),
    },
    // The figure of the fixes: each run of the reference run is ten runs of the burst with
    // each fix, and none lost anything.
    Backed {
        page: "slow-joiner.md",
        phrase: "10 runs of 1000 each, on tcp, ipc and inproc: 0 lost with either fix, in every run",
        id: "PS6",
        figures: &[
            "PS6 tcp: lost of #, min/median/max over # runs: XPUB wait #/#/#, probe handshake #/#/#",
            "PS6 ipc: lost of #, min/median/max over # runs: XPUB wait #/#/#, probe handshake #/#/#",
            "PS6 inproc: lost of #, min/median/max over # runs: XPUB wait #/#/#, probe handshake #/#/#",
        ],
        holds: |runs| {
            runs.len() >= 10
                && runs.iter().all(|run| {
                    run[..2] == [1000.0, 10.0] && run[2..].iter().all(|&n| n == 0.0)
                })
        },
    },
    Backed {
        page: "pipeline/pl5.md",
        phrase: "usually all of them",
        id: "PL5",
        figures: &["PL5 tcp: pushed as the puller left: lost of #, min/median/max over # runs: #/#/#"],
        holds: |runs| typically(runs, |run| run[3] == run[0]),
    },
    Backed {
        page: "network.md",
        phrase: "so that they notice within about a tenth of a second",
        id: "PL5",
        figures: &["PL5 tcp: cut for good: noticed by the PUSH # ms, the puller # ms"],
        holds: |runs| all_within(runs, 80.0..=150.0),
    },
    Backed {
        page: "network.md",
        phrase: "is noticed by both ends without heartbeats, within milliseconds",
        id: "PL5",
        figures: &["PL5 tcp: reset: noticed by the PUSH # ms, the puller # ms"],
        holds: |runs| all_within(runs, 0.0..=10.0),
    },
    Backed {
        page: "network.md",
        phrase: "About 120 ms: DISCONNECTED at both ends",
        id: "PL5",
        figures: &["PL5 beyond tcp: cut that healed: noticed by the PUSH # ms, the puller # ms"],
        holds: |runs| all_within(runs, 100.0..=140.0),
    },
    Backed {
        page: "network.md",
        phrase: "About 120 ms: DISCONNECTED at both ends",
        id: "PS7",
        figures: &["PS7 beyond tcp: silent link: noticed by the subscriber # ms, the publisher # ms"],
        holds: |runs| all_within(runs, 100.0..=140.0),
    },
    // The swallowed reply's figure: the REQ has the same heartbeats as the PUSH whose
    // cut link the reference run times (RR6's run notices only once its recv gives up).
    Backed {
        page: "network.md",
        phrase: "with heartbeats, about 120 ms: DISCONNECTED",
        id: "PL5",
        figures: &["PL5 tcp: cut for good: noticed by the PUSH # ms, the puller # ms"],
        holds: |runs| all_within(runs, 100.0..=140.0),
    },
    Backed {
        page: "network.md",
        phrase: "see a socket connect again 100–200 ms after it lost its connection",
        id: "PS7",
        figures: &[
            "PS7 tcp: resubscribed after # ms",
            "PS7 ipc: resubscribed after # ms",
        ],
        holds: |runs| all_within(runs, 100.0..=220.0),
    },
    Backed {
        page: "network.md",
        phrase: "About 20–40 ms later the far PULL connects",
        id: "PL5",
        figures: &["PL5 beyond tcp: reconnected # ms after the link came back"],
        holds: |runs| all_within(runs, 20.0..=44.0),
    },
    Backed {
        page: "network.md",
        phrase: "About 20–40 ms later the far SUB connects",
        id: "PS7",
        figures: &["PS7 beyond tcp: resubscribed # ms after the link came back"],
        holds: |runs| all_within(runs, 20.0..=44.0),
    },
    Backed {
        page: "network.md",
        phrase: "Here it is set to 20 ms, and the \"20–40 ms\" of the figures below",
        id: "PL5",
        figures: &["PL5 beyond tcp: reconnected # ms after the link came back"],
        holds: |runs| all_within(runs, 20.0..=44.0),
    },
];

/// The numbers the prose gives from what runs measure ("about 100–200 ms", "typically the
/// whole burst") are a reference run's, on the page beside them: the page includes the
/// run, the run names its machine, and what each run measured bears the words out.
#[test]
fn the_numbers_the_prose_gives_are_a_reference_runs_own() {
    let chapters = chapters();
    for backed in &BACKED {
        let page = chapter(&chapters, backed.page);
        let words = prose(&page)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains(backed.phrase),
            "{} no longer says {:?}: change the check with the words",
            backed.page,
            backed.phrase
        );
        let source =
            fs::read_to_string(root().join("book/src").join(backed.page)).unwrap();
        let include = format!("reference/{}.txt}}}}", backed.id.to_lowercase());
        assert!(
            source.contains(&include),
            "{} gives {:?} without the reference run beside it",
            backed.page,
            backed.phrase
        );
        let reference = reference(backed.id);
        for figure in backed.figures {
            assert!(
                (backed.holds)(reference.runs(figure)),
                "{}: {:?} is not what the reference run of {} measured: {figure}: {:?}",
                backed.page,
                backed.phrase,
                backed.id,
                reference.runs(figure)
            );
        }
    }
}

/// A reference run says what it ran, at which commit, and on which machine, and has ten
/// runs at least.
#[test]
fn every_reference_run_names_its_command_commit_and_machine() {
    let mut ids: Vec<&str> = BACKED.iter().map(|b| b.id).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let reference = reference(id);
        let header = &reference.header;
        let command = format!("cargo run -- claims {id} --figures --runs ");
        let runs: usize = header[0]
            .strip_prefix(&command)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| {
                panic!("{id}: the first line is not {command:?}N: {header:?}")
            });
        assert!(runs >= 10, "{id}: {runs} runs");
        assert!(header[1].starts_with("commit "), "{id}: {header:?}");
        assert!(
            header[2].starts_with("machine: ") && header[2].contains(" cores, "),
            "{id}: {header:?}"
        );
        assert!(header[3].starts_with("load average"), "{id}: {header:?}");
        for (figure, measured) in &reference.figures {
            assert_eq!(measured.len(), runs, "{id}: {figure}");
        }
    }
}

#[test]
fn a_reference_run_is_read_figure_by_figure() {
    let runs = parse_runs("[10 5 10], [9 4 1.5] ");
    assert_eq!(runs, [vec![10.0, 5.0, 10.0], vec![9.0, 4.0, 1.5]]);
    assert!(all_within(&[vec![100.0], vec![220.0]], 100.0..=220.0));
    assert!(!all_within(&[vec![99.9]], 100.0..=220.0));
    assert!(!all_within(&[], 100.0..=220.0), "no run is no evidence");
    let nine_of_ten: Vec<Vec<f64>> = (0..10).map(|i| vec![f64::from(i.min(1))]).collect();
    assert!(typically(&nine_of_ten, |run| run[0] == 1.0));
    assert!(
        !typically(&nine_of_ten[..5], |run| run[0] == 1.0),
        "too few runs"
    );
    let seven_of_ten: Vec<Vec<f64>> =
        (0..10).map(|i| vec![f64::from(i / 3).min(1.0)]).collect();
    assert!(!typically(&seven_of_ten, |run| run[0] == 1.0));
}
