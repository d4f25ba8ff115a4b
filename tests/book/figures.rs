//! The figures: every one is in the book, readable at a phone's width, and fit for the light
//! and the dark themes; every ★ claim and the slow joiner's fixes have one of their own.

use std::fs;

use workbook_book as translations;
use zmq_workbook::claims;

use crate::{chapter, chapters, files, root};

/// The narrowest column the book gives a figure: a 390 px phone, less mdBook's padding.
const PHONE_COLUMN: f64 = 350.0;
/// The smallest text a figure may show there, in pixels.
const SMALLEST_TEXT: f64 = 10.0;

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..].split('"').next()?.to_string())
}

#[test]
fn every_figure_is_in_the_book_and_readable_on_a_phone() {
    let book: String = chapters().iter().map(|c| c.content.clone()).collect();
    let figures = files(&root().join("book/src/diagrams"), "svg");
    assert!(figures.len() >= 20, "only {} figures", figures.len());
    let mut ids = Vec::new();
    for figure in &figures {
        let name = figure.file_name().unwrap().to_string_lossy().to_string();
        let svg = fs::read_to_string(figure).unwrap();
        assert!(svg.starts_with("<svg"), "{name}: not an inline SVG");
        let head = &svg[..svg.find('>').unwrap()];
        let title = attribute(head, "aria-label").unwrap_or_default();
        assert!(
            !title.is_empty() && svg.contains("<title>"),
            "{name}: no title or label"
        );
        assert!(book.contains(&title), "{name} is not in the book");
        assert_eq!(
            attribute(head, "width").as_deref(),
            Some("100%"),
            "{name}: fixed width"
        );
        assert!(
            head.contains("currentColor") || head.contains("var(--fg)"),
            "{name}: colour"
        );

        let view_box = attribute(head, "viewBox").expect("a viewBox");
        let width: f64 = view_box.split(' ').nth(2).unwrap().parse().unwrap();
        let mut smallest = f64::MAX;
        for part in svg.split("font-size").skip(1) {
            let value: String = part
                .trim_start_matches(['=', '"', ':'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            if let Ok(size) = value.parse::<f64>() {
                smallest = smallest.min(size);
            }
        }
        let rendered = smallest * PHONE_COLUMN / width;
        assert!(
            rendered >= SMALLEST_TEXT,
            "{name}: text of {rendered:.1} px on a phone"
        );
        for part in svg.split(" id=\"").skip(1) {
            ids.push(part.split('"').next().unwrap().to_string());
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        count,
        "two figures share an id: a page showing both breaks"
    );
}

/// The `<title>` of every inline figure a page shows.
fn figure_titles(page: &str) -> Vec<String> {
    page.split("<svg ")
        .skip(1)
        .filter(|svg| svg[..svg.find('>').unwrap_or(0)].contains("role=\"img\""))
        .filter_map(|svg| {
            let svg = &svg[..svg.find("</svg>")?];
            let start = svg.find("<title>")? + "<title>".len();
            Some(svg[start..start + svg[start..].find("</title>")?].to_string())
        })
        .collect()
}

/// The claims the article stars, the ones a reader most needs to see, each have a figure
/// of their own on their page (its title names the claim), and so does the page that
/// fixes the slow joiner.
#[test]
fn every_starred_claim_and_the_slow_joiners_fixes_have_a_figure() {
    let chapters = chapters();
    let starred: Vec<_> = claims::registry().into_iter().filter(|c| c.star).collect();
    assert!(starred.len() >= 4, "only {} starred claims", starred.len());
    for claim in starred {
        let titles = figure_titles(&chapter(&chapters, &claim.page()));
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with(&format!("{}:", claim.id))),
            "{} has no figure of its own; its figures: {titles:?}",
            claim.page()
        );
    }
    let titles = figure_titles(&chapter(&chapters, "slow-joiner.md"));
    assert!(
        titles.iter().any(|t| t.contains("slow joiner")),
        "slow-joiner.md has no figure of the fixes; its figures: {titles:?}"
    );
}

/// The text of the first `<text>` of `svg` that begins with `start`.
fn text_starting(svg: &str, start: &str) -> String {
    svg.split("<text")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string())
        .find(|t| t.starts_with(start))
        .unwrap_or_else(|| panic!("no text beginning {start:?}"))
}

/// The monitor's event names in a line of text: the words in capitals and underscores.
fn event_names(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter(|w| w.len() > 2)
        .map(str::to_string)
        .collect()
}

/// RR4's figure names the events a client that starts first reports before the server
/// binds, in the order its monitor reported them in a run of the experiment, on tcp and on
/// ipc (up to its first CONNECT_RETRIED: a slow machine may see a second attempt).
#[test]
fn rr4_figure_names_the_events_a_client_first_reported() {
    use zmq_workbook::claims::reqrep::rr4::{self, StartOrder};
    use zmq_workbook::lab::Transport;
    let svg =
        fs::read_to_string(root().join("book/src/diagrams/rr4-start-order.svg")).unwrap();
    let on_every = event_names(&text_starting(&svg, "monitor: "));
    let on_tcp_first = event_names(&text_starting(&svg, "(on tcp, "));
    for transport in [Transport::Tcp, Transport::Ipc] {
        let started = rr4::exchange_in_order(transport, StartOrder::ClientFirst).unwrap();
        let retried = started
            .before_bind
            .iter()
            .position(|&e| e == zmq::SocketEvent::CONNECT_RETRIED)
            .expect("a retry before the bind");
        let reported: Vec<String> = started.before_bind[..=retried]
            .iter()
            .map(|e| format!("{e:?}"))
            .collect();
        let mut shown = Vec::new();
        if transport == Transport::Tcp {
            shown.extend(on_tcp_first.iter().cloned());
        }
        shown.extend(on_every.iter().cloned());
        assert_eq!(shown, reported, "RR4's figure, on {transport:?}");
    }
}

/// PS3's figure shows, message by message, what the experiment publishes: the control's
/// column is the list of messages, the empty one and the one that starts with a NUL byte
/// written as a reader would type them.
#[test]
fn ps3_figure_shows_the_messages_the_experiment_publishes() {
    use zmq_workbook::claims::pubsub::ps3::PS3_MESSAGES;
    let svg =
        fs::read_to_string(root().join("book/src/diagrams/ps3-no-filter.svg")).unwrap();
    let shown: Vec<String> = PS3_MESSAGES
        .iter()
        .map(|m| match *m {
            "" => "\"\" (empty)".to_string(),
            m => m.replace('\0', "\\0"),
        })
        .collect();
    let first = svg
        .find(&format!(">{}</text>", shown[0]))
        .expect("the first message");
    let column: Vec<String> = svg[first..]
        .split("</text>")
        .take(shown.len())
        .map(|t| t[t.rfind('>').unwrap() + 1..].to_string())
        .collect();
    assert_eq!(column, shown, "PS3's figure");
}

/// Every inline figure of a page: its SVG, from `<svg` to `</svg>`.
fn svgs(page: &str) -> Vec<&str> {
    page.match_indices("<svg ")
        .filter_map(|(at, _)| Some(&page[at..at + page[at..].find("</svg>")? + 6]))
        .collect()
}

/// Each label of `svg` (a `<text>`'s content, its `<title>`, its `aria-label`) as written.
fn labels(svg: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(label) = attribute(&svg[..svg.find('>').unwrap_or(0)], "aria-label") {
        found.push(label);
    }
    for (open, close) in [("<title>", "</title>"), ("<text", "</text>")] {
        for part in svg.split(open).skip(1) {
            let inner = &part[part.find('>').map_or(0, |gt| gt + 1)..];
            let inner = if open == "<title>" { part } else { inner };
            found.push(inner[..inner.find(close).unwrap_or(inner.len())].to_string());
        }
    }
    found
}

/// The zh-CN edition shows every figure of its English page, and no label of any figure there
/// is still an English label the catalog translates: the figure's Chinese version is the same
/// SVG with its labels from the catalog. A made-up catalog that translates every label shows
/// that each label a reader sees is replaced.
#[test]
fn every_figure_in_zh_cn_shows_the_labels_the_catalog_translates() {
    let language = "zh-CN";
    let catalog =
        translations::read_catalog(&translations::catalog_path(language)).unwrap();
    let english = chapters();
    let (_, zh) = crate::translated_chapters()
        .into_iter()
        .find(|(l, _)| *l == language)
        .unwrap();
    let mut checked = 0;
    let mut left = Vec::new();
    for (original, translated) in english.iter().zip(&zh) {
        let page = original.path.display();
        let (before, after) = (svgs(&original.content), svgs(&translated.content));
        assert_eq!(
            before.len(),
            after.len(),
            "{language} {page}: a figure is missing"
        );
        for svg in after {
            for label in labels(svg) {
                // A label the catalog keeps as it is ("hello", a payload) may stay.
                if translations::translated(&catalog, &label)
                    .is_some_and(|zh| zh != label)
                {
                    left.push(format!("{page}: {label:?}"));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} labels checked");
    assert!(
        left.is_empty(),
        "English labels left in {language} figures:\n{}",
        left.join("\n")
    );
    assert!(
        translations::translated(
            &catalog,
            "Dealt in turn: each puller gets 1000 of the 3000."
        )
        .is_some(),
        "the control: the primer's figure is translated"
    );

    // Every label translated: no figure keeps an English one.
    let template = translations::extract().unwrap();
    let mut all = polib::catalog::Catalog::new(Default::default());
    for message in template.messages() {
        all.append_or_update(
            polib::message::Message::build_singular()
                .with_msgid(message.msgid().to_string())
                .with_msgstr("图".to_string())
                .done(),
        );
    }
    let book = translations::load_with_catalog(language, all).unwrap();
    for chapter in crate::expanded(&book) {
        for svg in svgs(&chapter.content) {
            for label in labels(svg) {
                assert!(
                    label == "图" || template.find_message(None, &label, None).is_none(),
                    "{}: the label {label:?} is not replaced",
                    chapter.path.display()
                );
            }
        }
    }
}

/// Every label of every figure has its Chinese translation, not fuzzy. Run on request until the
/// translation is complete (see "Translating the book" in CONTRIBUTING.md).
#[test]
fn every_figure_has_all_its_labels_in_zh_cn() {
    let catalog =
        translations::read_catalog(&translations::catalog_path("zh-CN")).unwrap();
    let mut left = Vec::new();
    for (figure, labels) in
        translations::figure_labels(&root().join("book/src/diagrams")).unwrap()
    {
        for (line, label) in labels {
            if translations::translated(&catalog, &label).is_none() {
                left.push(format!("{figure}:{line}: {label:?}"));
            }
        }
    }
    assert!(
        left.is_empty(),
        "figure labels without a zh-CN translation:\n{}",
        left.join("\n")
    );
}
