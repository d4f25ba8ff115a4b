//! PUB/SUB: the article's publisher and two subscribers (its filter `123`, and the empty one
//! that receives everything), each side in Rust or in Python, either started first.
//!
//! The article's publisher has the slow-joiner problem: whatever it publishes before a
//! subscription reaches it is lost. So that the result does not depend on timing, the Rust
//! publisher waits for both subscriptions (`--wait-subscribers 2`), and the Python one, which
//! cannot, is fed numbered probes, one per prompt, until every subscriber has shown one: only
//! then are the messages typed. A subscriber must then have every probe from its first one on,
//! and every message its filter matches.

use std::time::Duration;

use super::{python_side, run_matrix, Cell, Lang, Peer, Python, LANGS};
use crate::process::{tcp_endpoint, Finished, Program, BOUND};

/// Typed into the publisher; both publishers strip the spaces, as the article's does.
const MESSAGES: [&str; 3] = ["123 first", "  123 padded  ", "0123"];
/// What each subscriber receives: its filter, and the messages it matches, stripped.
const FILTERS: [(&str, &[&str]); 2] = [
    ("123", &["123 first", "123 padded"]),
    ("", &["123 first", "123 padded", "0123"]),
];
const PROMPT: &str = "请输入要发布的信息:";
/// The article's publisher sleeps a second after each message: this many probes is ample.
const MOST_PROBES: usize = 15;

pub fn publisher(python: &Python, lang: Lang, endpoint: &str) -> Peer {
    match lang {
        Lang::Rust => Peer::rust(
            "ps-publisher",
            &[
                "--bind",
                endpoint,
                "--wait-subscribers",
                "2",
                "--timeout",
                "60",
            ],
            "publishing on",
        ),
        Lang::Python => {
            Peer::python(python, "pubsub/server.py", &[endpoint], Some(PROMPT))
        }
    }
}

pub fn subscriber(python: &Python, lang: Lang, endpoint: &str, filter: &str) -> Peer {
    match lang {
        Lang::Rust => Peer::rust(
            "ps-subscriber",
            &["--connect", endpoint, "--filter", filter, "--timeout", "60"],
            "subscribed to",
        ),
        Lang::Python => {
            Peer::python(python, "pubsub/client.py", &[endpoint, filter], None)
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum First {
    Publisher,
    Subscribers,
}

/// The article's broadcast to the two subscribers of `FILTERS`, checked as described above.
pub fn broadcast(
    publisher: Peer,
    subscribers: [Peer; 2],
    endpoint: &str,
    first: First,
    bound: Duration,
) -> Result<(), String> {
    let publisher_lang = publisher.lang;
    let langs = subscribers.each_ref().map(|s| s.lang);
    let start_subscribers = |subscribers: [Peer; 2]| -> Result<Vec<Program>, String> {
        subscribers.into_iter().map(|s| s.start()).collect()
    };
    let (mut publisher, mut subscribers) = match first {
        First::Publisher => {
            let publisher = publisher.start()?;
            (publisher, start_subscribers(subscribers)?)
        }
        First::Subscribers => {
            let subscribers = start_subscribers(subscribers)?;
            (publisher.start()?, subscribers)
        }
    };
    let probes = match publisher_lang {
        Lang::Rust => 0,
        Lang::Python => probe(&mut publisher, &subscribers, bound)?,
    };
    for message in MESSAGES {
        publisher.type_text(&format!("{message}\n"))?;
    }
    publisher.type_text("b\n")?;
    for (subscriber, (_, expected)) in subscribers.iter_mut().zip(FILTERS) {
        let last = expected.last().unwrap();
        subscriber.wait_for(&format!("response: {last}\n"), bound)?;
    }
    let publisher = publisher.end(bound)?;
    if !publisher.success {
        return Err(format!("the publisher failed: {publisher:?}"));
    }
    super::expect(
        "the publisher",
        &publisher,
        &publisher_transcript(publisher_lang, endpoint, probes),
    )?;
    for ((subscriber, lang), (filter, expected)) in
        subscribers.into_iter().zip(langs).zip(FILTERS)
    {
        let subscriber = subscriber.kill();
        check_subscriber(&subscriber, lang, endpoint, filter, expected, probes)?;
    }
    Ok(())
}

/// Feeds the Python publisher probes until every subscriber has shown one; returns how many
/// it sent. Each probe is typed at a prompt: the one before has been published.
fn probe(
    publisher: &mut Program,
    subscribers: &[Program],
    bound: Duration,
) -> Result<usize, String> {
    for sent in 1..=MOST_PROBES {
        publisher.type_text(&format!("123 probe {sent}\n"))?;
        publisher.wait_for(PROMPT, bound)?;
        if subscribers
            .iter()
            .all(|s| s.count("response: 123 probe") > 0)
        {
            return Ok(sent);
        }
    }
    Err(format!(
        "no probe reached every subscriber in {MOST_PROBES} tries"
    ))
}

fn publisher_transcript(lang: Lang, endpoint: &str, probes: usize) -> String {
    match lang {
        Lang::Rust => {
            let sent: String = MESSAGES
                .iter()
                .map(|m| format!("sent: {}\n", m.trim()))
                .collect();
            format!(
                "publishing on {endpoint}\n2 subscriber(s) ready\n{sent}{} message(s) sent; \
                 a PUB cannot tell who got them, and drops unseen what a full queue cannot \
                 take (see --no-drop)\n",
                MESSAGES.len()
            )
        }
        // One prompt before each line it reads: the probes, the messages and `b`.
        Lang::Python => PROMPT.repeat(1 + probes + MESSAGES.len()),
    }
}

/// A subscriber's transcript: its banner (Rust), the probes from the first it got to the
/// last one sent, then exactly the messages its filter matches.
fn check_subscriber(
    subscriber: &Finished,
    lang: Lang,
    endpoint: &str,
    filter: &str,
    expected: &[&str],
    probes: usize,
) -> Result<(), String> {
    let who = format!("the subscriber to {filter:?}");
    let mut lines: Vec<&str> = subscriber.stdout.lines().collect();
    if lang == Lang::Rust {
        let banner = format!("subscribed to {filter:?} at {endpoint}");
        if lines.first() != Some(&banner.as_str()) {
            return Err(format!(
                "{who} did not begin with {banner:?}: {subscriber:?}"
            ));
        }
        lines.remove(0);
    }
    let got_probes: Vec<&str> = lines
        .iter()
        .copied()
        .take_while(|line| line.starts_with("response: 123 probe "))
        .collect();
    if probes > 0 {
        let from = probes + 1 - got_probes.len();
        let wanted: Vec<String> = (from..=probes)
            .map(|n| format!("response: 123 probe {n}"))
            .collect();
        if got_probes.is_empty() || got_probes != wanted {
            return Err(format!(
                "{who} got probes {got_probes:?} of {probes}: it lost one after its first"
            ));
        }
    }
    let messages: Vec<String> = lines[got_probes.len()..]
        .iter()
        .map(|l| l.to_string())
        .collect();
    let wanted: Vec<String> = expected.iter().map(|m| format!("response: {m}")).collect();
    if messages != wanted || !subscriber.stderr.is_empty() {
        return Err(format!(
            "{who} received {messages:?} instead of {wanted:?}: {subscriber:?}"
        ));
    }
    Ok(())
}

#[test]
fn interop_publish_subscribe() {
    let Some(python) = super::python() else {
        return;
    };
    let mut cells = Vec::new();
    for publisher_lang in LANGS {
        for subscriber_lang in LANGS {
            for first in [First::Publisher, First::Subscribers] {
                let endpoint = tcp_endpoint();
                let publisher = publisher(python, publisher_lang, &endpoint);
                let subscribers = FILTERS.map(|(filter, _)| {
                    subscriber(python, subscriber_lang, &endpoint, filter)
                });
                cells.push(Cell {
                    python_side: python_side(&[
                        ("publisher", publisher_lang),
                        ("subscribers", subscriber_lang),
                    ]),
                    first: match first {
                        First::Publisher => "publisher",
                        First::Subscribers => "subscribers",
                    },
                    check: Box::new(move || {
                        broadcast(publisher, subscribers, &endpoint, first, BOUND)
                    }),
                });
            }
        }
    }
    let matrix = run_matrix(python, "PUB/SUB", cells);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("publish_subscribe", matrix);
    });
}
