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

/// A piece of a page's prose, in reading order: plain text, code, or a link's text and target.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Code(String),
    Link { text: String, target: String },
}

/// The prose a reader reads, in pieces: no code block, no include, no quote of the article, no
/// heading, no folded caption (a `<summary>`, which cannot hold a link), no tag. Markdown
/// links and HTML `<a href>` links both count as links; a code span and `<code>` as code.
fn pieces(source: &str) -> Vec<Piece> {
    let mut kept = String::new();
    let mut in_code = false;
    let mut in_summary = false;
    for line in source.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if trimmed.contains("<summary") {
            in_summary = true;
        }
        let skip = in_code
            || in_summary
            || trimmed.starts_with("{{#")
            || trimmed.starts_with('>')
            || trimmed.starts_with('#');
        if in_summary && trimmed.contains("</summary>") {
            in_summary = false;
        }
        if !skip {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = kept.as_str();
    let flush = |text: &mut String, pieces: &mut Vec<Piece>| {
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Code(rest[1..1 + end].to_string()));
                rest = &rest[end + 2..];
                continue;
            }
        }
        if rest.starts_with("<code") {
            if let (Some(open), Some(close)) = (rest.find('>'), rest.find("</code>")) {
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Code(rest[open + 1..close].to_string()));
                rest = &rest[close + "</code>".len()..];
                continue;
            }
        }
        if c == '[' {
            if let Some((link, length)) = markdown_link(rest) {
                flush(&mut text, &mut pieces);
                pieces.push(link);
                rest = &rest[length..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("<a href=\"") {
            let target = after.split('"').next().unwrap();
            let inner_start = after.find('>').unwrap() + 1;
            let inner_end = after.find("</a>").unwrap();
            flush(&mut text, &mut pieces);
            pieces.push(Piece::Link {
                text: strip_tags(&after[inner_start..inner_end]),
                target: target.to_string(),
            });
            rest = &after[inner_end + "</a>".len()..];
            continue;
        }
        if c == '<'
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            if let Some(end) = rest.find('>') {
                text.push(' ');
                rest = &rest[end + 1..];
                continue;
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut pieces);
    pieces
}

/// `[text](target)` at the start of `source`: the link, and how long it is.
fn markdown_link(source: &str) -> Option<(Piece, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (i, c) in source.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            '\n' if source[..i].ends_with('\n') => return None,
            _ => {}
        }
    }
    let close = close?;
    let after = source[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let target = &after[..end];
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some((
        Piece::Link {
            text: source[1..close].replace('`', ""),
            target: target.to_string(),
        },
        close + 2 + end + 1,
    ))
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Whether `text` uses `term` as a word (a plural "s" or "es" allowed), across line breaks.
fn uses(text: &str, term: &str) -> bool {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.match_indices(term).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + term.len()..];
        let after = after
            .strip_prefix("es")
            .or_else(|| after.strip_prefix('s'))
            .filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
            .unwrap_or(after);
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// The first piece of `pieces` that uses `term`, leaving out the links for which `counts` is
/// false (a link to a claim's page that names a socket type is not the place to define it).
fn first_use<'a>(
    pieces: &'a [Piece],
    term: &str,
    counts: impl Fn(&str) -> bool,
) -> Option<&'a Piece> {
    pieces.iter().find(|piece| match piece {
        Piece::Text(text) => uses(text, term),
        Piece::Code(code) => code == term || code == &format!("{term}s"),
        Piece::Link { text, target } => {
            (uses(text, term) || text == term) && counts(target)
        }
    })
}

/// A piece as a failure shows it: the words around `term`.
fn shown(piece: &Piece, term: &str) -> String {
    match piece {
        Piece::Text(text) => {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let at = text.find(term).unwrap_or(0);
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i);
            let end = text[at..]
                .char_indices()
                .nth(40)
                .map_or(text.len(), |(i, _)| at + i);
            format!("\"…{}…\"", &text[start..end])
        }
        other => format!("{other:?}"),
    }
}

/// The jargon a reader may not know, each with its entry in the glossary.
const JARGON: [(&str, &str); 43] = [
    ("REQ", "req-rep"),
    ("REP", "req-rep"),
    ("PUB", "pub-sub"),
    ("SUB", "pub-sub"),
    ("XPUB", "xpub-xsub"),
    ("XSUB", "xpub-xsub"),
    ("PUSH", "push-pull"),
    ("PULL", "push-pull"),
    ("DEALER", "dealer-router"),
    ("ROUTER", "dealer-router"),
    ("PAIR", "pair"),
    ("envelope", "envelope"),
    ("tcp", "tcp"),
    ("ipc", "ipc"),
    ("inproc", "inproc"),
    ("endpoint", "endpoint"),
    ("context", "context"),
    ("handshake", "handshake"),
    ("ZMTP", "handshake"),
    ("reconnect interval", "reconnect-interval"),
    ("housekeeping", "housekeeping"),
    ("heartbeat", "heartbeats"),
    ("monitor", "monitor"),
    ("frame", "frame"),
    ("multipart", "frame"),
    ("subscription", "subscription"),
    ("high-water mark", "high-water-mark"),
    ("HWM", "high-water-mark"),
    ("linger", "linger"),
    ("LINGER", "linger"),
    ("round robin", "round-robin"),
    ("fair queueing", "round-robin"),
    ("proxy", "proxy"),
    ("device", "proxy"),
    ("last-value cache", "last-value-cache"),
    ("Lazy Pirate", "lazy-pirate"),
    ("slow joiner", "slow-joiner"),
    ("slow-joiner", "slow-joiner"),
    ("EAGAIN", "eagain"),
    ("EFSM", "efsm"),
    ("ENOTSUP", "enotsup"),
    ("zguide", "zguide"),
    ("positive control", "positive-control"),
];

/// Pages the jargon rule leaves out: the glossary itself, and the verdict table's page, which
/// is rebuilt apart.
const JARGON_FREE: [&str; 1] = ["glossary.md"];

/// Jargon is linked to the glossary where a page first uses it: the first use of each term on
/// each reader page (outside code blocks, headings, captions and links to other pages) is a
/// link to the term's entry.
#[test]
fn jargon_is_linked_to_the_glossary_on_first_use_per_page() {
    let glossary = source("glossary.md");
    for (_, anchor) in JARGON {
        assert!(
            glossary.contains(&format!("<a id=\"{anchor}\"></a>**")),
            "the glossary has no entry #{anchor}"
        );
    }
    let mut linked = 0;
    let mut unlinked = Vec::new();
    for page in reader_pages() {
        if JARGON_FREE.contains(&page.as_str()) {
            continue;
        }
        let pieces = pieces(&source(&page));
        for (term, anchor) in JARGON {
            let entry = format!("glossary.md#{anchor}");
            let first = first_use(&pieces, term, |target| target.contains("glossary.md"));
            match first {
                None => {}
                Some(Piece::Link { target, .. }) if target.ends_with(&entry) => {
                    linked += 1
                }
                Some(other) => {
                    unlinked.push(format!("{page}: {term} in {}", shown(other, term)))
                }
            }
        }
    }
    assert!(
        unlinked.is_empty(),
        "link the first use to the glossary:\n{}",
        unlinked.join("\n")
    );
    assert!(linked > 200, "only {linked} first uses linked");
}

/// libzmq 4.3's manual, as api.zeromq.org publishes it: each option's and each socket type's
/// section is `#toc<N>`, N counting the page's headings from 0. The numbers are those of the
/// manual's source at libzmq 4.3.1 (`doc/zmq_setsockopt.txt`, `zmq_getsockopt.txt`,
/// `zmq_socket.txt`), whose `4-3` pages api.zeromq.org shows.
const MANUAL: [(&str, &str, u32); 45] = [
    ("ZMQ_CONFLATE", "zmq-setsockopt", 8),
    ("ZMQ_HEARTBEAT_IVL", "zmq-setsockopt", 21),
    ("ZMQ_HEARTBEAT_TIMEOUT", "zmq-setsockopt", 22),
    ("ZMQ_HEARTBEAT_TTL", "zmq-setsockopt", 23),
    ("ZMQ_IMMEDIATE", "zmq-setsockopt", 25),
    ("ZMQ_IPV6", "zmq-setsockopt", 27),
    ("ZMQ_LINGER", "zmq-setsockopt", 28),
    ("ZMQ_RCVBUF", "zmq-setsockopt", 39),
    ("ZMQ_RCVHWM", "zmq-setsockopt", 40),
    ("ZMQ_RCVTIMEO", "zmq-setsockopt", 41),
    ("ZMQ_RECONNECT_IVL", "zmq-setsockopt", 42),
    ("ZMQ_RECONNECT_IVL_MAX", "zmq-setsockopt", 43),
    ("ZMQ_REQ_CORRELATE", "zmq-setsockopt", 45),
    ("ZMQ_REQ_RELAXED", "zmq-setsockopt", 46),
    ("ZMQ_ROUTER_MANDATORY", "zmq-setsockopt", 48),
    ("ZMQ_SNDBUF", "zmq-setsockopt", 51),
    ("ZMQ_SNDHWM", "zmq-setsockopt", 52),
    ("ZMQ_SNDTIMEO", "zmq-setsockopt", 53),
    ("ZMQ_SUBSCRIBE", "zmq-setsockopt", 56),
    ("ZMQ_TCP_KEEPALIVE", "zmq-setsockopt", 57),
    ("ZMQ_TCP_KEEPALIVE_CNT", "zmq-setsockopt", 58),
    ("ZMQ_TCP_KEEPALIVE_IDLE", "zmq-setsockopt", 59),
    ("ZMQ_TCP_KEEPALIVE_INTVL", "zmq-setsockopt", 60),
    ("ZMQ_TCP_MAXRT", "zmq-setsockopt", 61),
    ("ZMQ_UNSUBSCRIBE", "zmq-setsockopt", 63),
    ("ZMQ_XPUB_VERBOSE", "zmq-setsockopt", 64),
    ("ZMQ_XPUB_VERBOSER", "zmq-setsockopt", 65),
    ("ZMQ_XPUB_NODROP", "zmq-setsockopt", 67),
    ("ZMQ_EVENTS", "zmq-getsockopt", 10),
    ("ZMQ_LAST_ENDPOINT", "zmq-getsockopt", 24),
    ("ZMQ_TYPE", "zmq-getsockopt", 54),
    ("publish-subscribe pattern", "zmq-socket", 9),
    ("ZMQ_PUB", "zmq-socket", 10),
    ("ZMQ_SUB", "zmq-socket", 11),
    ("ZMQ_XPUB", "zmq-socket", 12),
    ("ZMQ_XSUB", "zmq-socket", 13),
    ("pipeline pattern", "zmq-socket", 14),
    ("ZMQ_PUSH", "zmq-socket", 15),
    ("ZMQ_PULL", "zmq-socket", 16),
    ("ZMQ_PAIR", "zmq-socket", 18),
    ("request-reply pattern", "zmq-socket", 21),
    ("ZMQ_REQ", "zmq-socket", 22),
    ("ZMQ_REP", "zmq-socket", 23),
    ("ZMQ_DEALER", "zmq-socket", 24),
    ("ZMQ_ROUTER", "zmq-socket", 25),
];

fn manual(name: &str) -> Option<String> {
    MANUAL
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(_, page, toc)| format!("http://api.zeromq.org/4-3:{page}#toc{toc}"))
}

/// Every `ZMQ_` name a page gives, in its prose or as a code span of its own.
fn zmq_names(pieces: &[Piece]) -> Vec<String> {
    let mut names = Vec::new();
    for piece in pieces {
        let text = match piece {
            Piece::Text(text) => text.as_str(),
            Piece::Code(code) if code.starts_with("ZMQ_") && !code.contains(' ') => {
                code.as_str()
            }
            Piece::Link { text, .. } => text.as_str(),
            Piece::Code(_) => continue,
        };
        for (at, _) in text.match_indices("ZMQ_") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Each option and socket type a page names leads, where the page first names it, to its
/// section of libzmq's manual.
#[test]
fn every_option_and_socket_type_named_is_linked_to_libzmqs_manual() {
    let mut linked = 0;
    let mut wrong = Vec::new();
    for page in reader_pages() {
        let pieces = pieces(&source(&page));
        for name in zmq_names(&pieces) {
            let Some(address) = manual(&name) else {
                wrong.push(format!(
                    "{page}: {name} is not in MANUAL (add its section from libzmq 4.3.1's manual)"
                ));
                continue;
            };
            match first_use(&pieces, &name, |target| target.contains("api.zeromq.org")) {
                Some(Piece::Link { target, .. }) if *target == address => linked += 1,
                Some(other) => wrong.push(format!(
                    "{page}: {name} first named in {}, not linked to {address}",
                    shown(other, &name)
                )),
                None => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(linked >= 40, "only {linked} names linked");
}

/// The zguide's sections the book links to, as the zguide's source names them
/// (`site/content/docs/chapterN.md`, `{#Anchor}`).
const ZGUIDE: [(u32, &str); 11] = [
    (1, "Ask-and-Ye-Shall-Receive"),
    (1, "Getting-the-Message-Out"),
    (1, "Divide-and-Conquer"),
    (2, "Messaging-Patterns"),
    (2, "Node-Coordination"),
    (2, "High-Water-Marks"),
    (2, "Missing-Message-Problem-Solver"),
    (3, "The-Load-Balancing-Pattern"),
    (4, "Client-Side-Reliability-Lazy-Pirate-Pattern"),
    (4, "Heartbeating"),
    (5, "Last-Value-Caching"),
];

/// Every link out of the book to libzmq's manual, the zguide or the ZeroMQ RFCs has a form
/// that leads somewhere: a manual page of libzmq 4.3 at the section its text names, a zguide
/// section that exists, the RFC of the pattern its text names. Checked offline, on the address.
#[test]
fn every_link_out_to_zeromqs_documents_has_a_form_that_leads_somewhere() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for page in reader_pages() {
        for piece in pieces(&source(&page)) {
            let Piece::Link { text, target } = piece else {
                continue;
            };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let ok = if let Some(rest) = target.strip_prefix("http://api.zeromq.org/") {
                let named = MANUAL.iter().find(|(name, _, _)| text == *name);
                match (named, rest.split_once('#')) {
                    (Some(_), _) => manual(&text).as_deref() == Some(target.as_str()),
                    (None, None) => {
                        ["4-3:zmq-socket", "4-3:zmq-socket-monitor"].contains(&rest)
                    }
                    (None, Some(_)) => false,
                }
            } else if let Some(rest) = target.strip_prefix("https://zguide.zeromq.org/") {
                rest.is_empty()
                    || ZGUIDE
                        .iter()
                        .any(|(n, anchor)| rest == format!("docs/chapter{n}/#{anchor}"))
            } else if target.contains("zeromq.org") {
                let rfc = [("28", "REQREP"), ("29", "PUBSUB"), ("30", "PIPELINE")]
                    .iter()
                    .find(|(n, _)| target == format!("https://rfc.zeromq.org/spec/{n}/"));
                rfc.is_some_and(|(n, name)| text == format!("RFC {n}/{name}"))
            } else {
                continue;
            };
            checked += 1;
            if !ok {
                wrong.push(format!("{page}: [{text}]({target})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "links of the wrong form:\n{}",
        wrong.join("\n")
    );
    assert!(checked >= 60, "only {checked} links out checked");
}

/// Each pattern's page leads out to what ZeroMQ itself says of the pattern: its section of
/// the zguide, its RFC, and libzmq's manual on the pattern and each of its socket types.
#[test]
fn each_pattern_page_links_its_zguide_section_rfc_and_manual() {
    let patterns = [
        (
            "reqrep.md",
            "chapter1/#Ask-and-Ye-Shall-Receive",
            "28",
            &["request-reply pattern", "ZMQ_REQ", "ZMQ_REP"][..],
        ),
        (
            "pubsub.md",
            "chapter1/#Getting-the-Message-Out",
            "29",
            &[
                "publish-subscribe pattern",
                "ZMQ_PUB",
                "ZMQ_SUB",
                "ZMQ_XPUB",
            ][..],
        ),
        (
            "pipeline.md",
            "chapter1/#Divide-and-Conquer",
            "30",
            &["pipeline pattern", "ZMQ_PUSH", "ZMQ_PULL"][..],
        ),
    ];
    for (page, zguide, rfc, manual_names) in patterns {
        let targets: Vec<String> = pieces(&source(page))
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Link { target, .. } => Some(target),
                _ => None,
            })
            .collect();
        let mut wanted = vec![
            format!("https://zguide.zeromq.org/docs/{zguide}"),
            format!("https://rfc.zeromq.org/spec/{rfc}/"),
        ];
        wanted.extend(manual_names.iter().map(|name| manual(name).unwrap()));
        for address in wanted {
            assert!(targets.contains(&address), "{page} does not link {address}");
        }
    }
}

/// The article is named where the book begins: its title, in Chinese and in English, and its
/// date, as the article itself gives them.
#[test]
fn the_introduction_names_the_article_with_its_title_and_date() {
    let introduction = source("introduction.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "python中zmq的基础三种模式",
        "The three basic ZeroMQ patterns in Python",
        "16 May 2023",
    ] {
        assert!(
            introduction.contains(words),
            "the introduction lacks {words:?}"
        );
    }
}

#[test]
fn the_reading_checks_read_links_code_and_words_as_a_reader_does() {
    let page = "# REQ in a heading\n\n> SUB in a quote\n\nA [REQ/REP](glossary.md#req-rep) pair, \
                `ZMQ_IMMEDIATE`, [G1](general/g1.md \"x\") and <a href=\"x.md\">a <b>PUSH</b></a>.\n\
                ```rust\nlet push = 1;\n```\n\
                <details>\n<summary>The PULL\nin a caption</summary>\n</details>\n";
    let pieces = pieces(page);
    assert_eq!(
        pieces
            .iter()
            .filter(|p| matches!(p, Piece::Link { .. }))
            .count(),
        2,
        "{pieces:?}"
    );
    assert!(matches!(
        first_use(&pieces, "REP", |t| t.contains("glossary")),
        Some(Piece::Link { target, .. }) if target == "glossary.md#req-rep"
    ));
    assert!(
        first_use(&pieces, "SUB", |_| true).is_none(),
        "a quote is not prose"
    );
    assert!(
        first_use(&pieces, "PULL", |_| true).is_none(),
        "a caption is left out"
    );
    assert!(matches!(
        first_use(&pieces, "PUSH", |_| true),
        Some(Piece::Link { target, .. }) if target == "x.md"
    ));
    assert_eq!(zmq_names(&pieces), ["ZMQ_IMMEDIATE"]);
    assert!(uses("the PULLs and a\nhigh-water\nmark", "high-water mark"));
    assert!(
        uses("two PULLs", "PULL") && !uses("XPUB", "PUB") && !uses("SUBSCRIBE", "SUB")
    );
}
