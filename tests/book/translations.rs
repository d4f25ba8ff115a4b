//! The zh-CN edition: every sentence a reader sees is a message of the catalog, each message is
//! translated (once the translators are done), the figures carry their labels in Chinese, and the
//! term table is followed.

use polib::catalog::Catalog;
use polib::message::Message;

use workbook_book as translations;

use crate::Chapter;

/// A made-up translation: every message of the book becomes this.
const MARK: &str = "译文";

/// The chapters of the book translated by `catalog`, expanded as the HTML build sees them.
pub fn translated_chapters(catalog: Catalog) -> Vec<Chapter> {
    let book =
        translations::load_with_catalog("zh-CN", catalog).expect("the zh-CN book loads");
    crate::expanded(&book)
}

/// The words of `content` a reader reads as words: no code block or code span, no quote of the
/// article, no tag, no link target, no HTML comment.
fn reader_words(content: &str) -> Vec<String> {
    let prose = crate::prose(&strip(&strip(content, "<!--", "-->"), "<code", "</code>"));
    let prose = strip(&prose, "`", "`");
    let prose = strip(&prose, "](", ")");
    let prose = strip(&prose, "{#", "}");
    let prose = strip(&prose, "{ #", "}");
    prose
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| w.len() > 2 && w.chars().any(|c| c.is_ascii_lowercase()))
        // The tabs of code are named after their language in every language.
        .filter(|w| !["Rust", "Python"].contains(w))
        .map(str::to_string)
        .collect()
}

fn strip(text: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        kept.push_str(&rest[..at]);
        kept.push(' ');
        rest = rest[at + open.len()..]
            .split_once(close)
            .map_or("", |(_, after)| after);
    }
    kept.push_str(rest);
    kept
}

/// If every message were translated, no English word would be left on any page (outside code):
/// whatever a reader sees is a message, in Markdown, in an HTML block, in a figure.
#[test]
fn every_sentence_a_reader_sees_is_a_message() {
    let template = translations::extract().expect("the messages are extracted");
    let mut all = Catalog::new(Default::default());
    for message in template.messages() {
        all.append_or_update(
            Message::build_singular()
                .with_msgid(message.msgid().to_string())
                .with_msgstr(MARK.to_string())
                .done(),
        );
    }
    // The control: the same reading finds the English of the untranslated book.
    let english: usize = crate::chapters()
        .iter()
        .map(|c| reader_words(&c.content).len())
        .sum();
    assert!(
        english > 15_000,
        "only {english} English words read in the English book"
    );
    let mut left = Vec::new();
    for chapter in translated_chapters(all) {
        let words = reader_words(&chapter.content);
        if !words.is_empty() {
            left.push(format!("{}: {}", chapter.path.display(), words.join(" ")));
        }
    }
    assert!(
        left.is_empty(),
        "English no message carries:\n{}",
        left.join("\n")
    );
}

/// The language whose catalog the completeness test holds.
const LANGUAGE: &str = "zh-CN";

/// Every message of the English book, extracted afresh, has a translation in po/zh-CN.po that
/// is not fuzzy: an English page changed without its translation fails here, naming the page
/// and the message. Until the translation is complete this is run on request:
/// `cargo test --test book -- --ignored every_message_of_the_book_is_translated`.
#[test]
fn every_message_of_the_book_is_translated() {
    let template = translations::extract().expect("the messages are extracted");
    let catalog = translations::read_catalog(&translations::catalog_path(LANGUAGE))
        .expect("po/zh-CN.po reads");
    let left = missing(&template, &catalog);
    assert!(
        left.is_empty(),
        "{} of {} messages are not translated in po/{LANGUAGE}.po (run `cargo run -- \
         translations update`, then translate):\n{}",
        left.len(),
        template.messages().count(),
        left.join("\n")
    );
}

/// Each message of `template` that `catalog` leaves untranslated or fuzzy, as
/// "page: (what) message".
fn missing(template: &Catalog, catalog: &Catalog) -> Vec<String> {
    let mut left = Vec::new();
    for message in template.messages() {
        let found = catalog.find_message(None, message.msgid(), None);
        let what = match found {
            None => "not in the catalog",
            Some(m) if !m.is_translated() => "untranslated",
            Some(m) if m.is_fuzzy() => "fuzzy",
            Some(_) => continue,
        };
        let pages = translations::page_of(message.source()).join(", ");
        let shown: String = message.msgid().chars().take(100).collect();
        let more = if shown.len() < message.msgid().len() {
            "…"
        } else {
            ""
        };
        left.push(format!("{pages}: ({what}) {shown:?}{more}"));
    }
    left
}

fn message(msgid: &str, msgstr: &str, source: &str, fuzzy: bool) -> Message {
    let mut flags = polib::message::MessageFlags::new();
    if fuzzy {
        flags.add_flag("fuzzy");
    }
    Message::build_singular()
        .with_msgid(msgid.into())
        .with_msgstr(msgstr.into())
        .with_source(source.into())
        .with_flags(flags)
        .done()
}

fn catalog(messages: Vec<Message>) -> Catalog {
    let mut catalog = Catalog::new(Default::default());
    for m in messages {
        catalog.append_or_update(m);
    }
    catalog
}

/// The completeness check names the page and the message of each untranslated or fuzzy
/// message, and passes over a translated one.
#[test]
fn the_completeness_check_names_each_page_and_message_left() {
    let template = catalog(vec![
        message("Done.", "", "src/a.md:1", false),
        message("Reworded.", "", "src/a.md:3 src/b.md:9", false),
        message("New.", "", "src/b.md:2", false),
        message("Gone from the catalog.", "", "src/diagrams/c.svg:4", false),
    ]);
    let zh = catalog(vec![
        message("Done.", "完成。", "src/a.md:1", false),
        message("Reworded.", "旧译文。", "src/a.md:3 src/b.md:9", true),
        message("New.", "", "src/b.md:2", false),
    ]);
    assert_eq!(
        missing(&template, &zh),
        [
            "a.md, b.md: (fuzzy) \"Reworded.\"",
            "b.md: (untranslated) \"New.\"",
            "diagrams/c.svg: (not in the catalog) \"Gone from the catalog.\"",
        ]
    );
    let report = translations::report(&template, &zh);
    let counts = |page: &str| {
        let c = &report[page];
        (c.messages, c.translated, c.fuzzy)
    };
    assert_eq!(counts("a.md"), (2, 1, 1));
    assert_eq!(counts("b.md"), (2, 0, 1));
    assert_eq!(counts("diagrams/c.svg"), (1, 0, 0));
}

/// `translations update` merges as msgmerge does: a kept message keeps its translation and its
/// fuzzy mark, a reworded one takes the old translation marked fuzzy, a new one is
/// untranslated, and a gone one is removed.
#[test]
fn a_merge_keeps_marks_fuzzy_adds_and_removes() {
    let template = catalog(vec![
        message("The REQ waits for its reply.", "", "src/a.md:1", false),
        message("The REQ waits for its one reply.", "", "src/a.md:3", false),
        message(
            "Something else entirely, about PUB and SUB.",
            "",
            "src/a.md:5",
            false,
        ),
    ]);
    let old = catalog(vec![
        message(
            "The REQ waits for its reply.",
            "REQ 等待应答。",
            "src/a.md:1",
            false,
        ),
        message(
            "The REQ waits for the one reply.",
            "REQ 等待唯一的应答。",
            "src/a.md:3",
            false,
        ),
        message(
            "A paragraph that went away.",
            "一段已删除的话。",
            "src/a.md:9",
            false,
        ),
    ]);
    let (merged, counts) = translations::merge(&template, &old);
    assert_eq!(
        (counts.added, counts.fuzzy, counts.removed),
        (1, 1, 2),
        "one new, one reworded (fuzzy), two gone from the old catalog"
    );
    let found = |id: &str| merged.find_message(None, id, None).unwrap();
    let kept = found("The REQ waits for its reply.");
    assert_eq!(
        (kept.msgstr().unwrap(), kept.is_fuzzy()),
        ("REQ 等待应答。", false)
    );
    let reworded = found("The REQ waits for its one reply.");
    assert_eq!(
        (reworded.msgstr().unwrap(), reworded.is_fuzzy()),
        ("REQ 等待唯一的应答。", true)
    );
    let new = found("Something else entirely, about PUB and SUB.");
    assert!(!new.is_translated() && !new.is_fuzzy());
    assert!(merged
        .find_message(None, "A paragraph that went away.", None)
        .is_none());
    assert_eq!(merged.messages().count(), 3);
}

/// The language switch (book/language-switch.js) leads from each page to the same path in the
/// other edition: every page of each edition loads it, and has its copy in the other.
#[test]
fn every_page_has_its_copy_in_the_other_language_and_the_switch() {
    let out = tempfile::tempdir().unwrap();
    let english = translations::build_all(Some(out.path())).expect("both editions build");
    let translated = english.join(LANGUAGE);
    let pages_of = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        crate::files(dir, "html")
            .into_iter()
            .filter(|p| !p.starts_with(&translated) || dir == translated)
            .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
            .collect()
    };
    let (en, zh) = (pages_of(&english), pages_of(&translated));
    assert!(en.len() > 25, "only {} English pages", en.len());
    assert_eq!(en, zh, "the editions have different pages");
    for (dir, pages) in [(&english, &en), (&translated, &zh)] {
        // mdBook's own: the page served for any missing address, and the sidebar for readers
        // without scripts.
        let own =
            |p: &&std::path::PathBuf| p.ends_with("404.html") || p.ends_with("toc.html");
        for page in pages.iter().filter(|p| !own(p)) {
            let html = std::fs::read_to_string(dir.join(page)).unwrap();
            assert!(
                html.contains("language-switch") && html.contains("path_to_root = "),
                "{}: no language switch",
                dir.join(page).display()
            );
        }
    }
    let index = std::fs::read_to_string(translated.join("index.html")).unwrap();
    assert!(
        index.contains("<html lang=\"zh-CN\""),
        "the zh-CN edition is not zh-CN"
    );
}

/// A row of the term table in CONTRIBUTING.md: the English forms and the Chinese term.
struct Term {
    english: Vec<String>,
    chinese: String,
}

fn term_table() -> Vec<Term> {
    let notes = std::fs::read_to_string(crate::root().join("CONTRIBUTING.md")).unwrap();
    let table = notes
        .split("| English | 中文 |\n|---|---|\n")
        .nth(1)
        .expect("CONTRIBUTING.md has the term table");
    let terms: Vec<Term> = table
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> =
                row.trim_matches('|').split('|').map(str::trim).collect();
            Term {
                english: cells[0].split(", ").map(str::to_string).collect(),
                chinese: cells[1].to_string(),
            }
        })
        .collect();
    assert!(terms.len() >= 30, "only {} terms", terms.len());
    terms
}

/// The text of a translated message as a reader reads it: no code, no link target, no tag, no
/// English marked as such (`<span lang="en">`, the glossary's gloss of each entry's name), no
/// quote of the article (`<span lang="zh-CN">`: its own words, English terms and all), and no
/// message's text quoted as it was sent (`&quot;…&quot;`).
fn translated_prose(msgstr: &str) -> String {
    let text = strip(msgstr, "<span lang=\"en\">", "</span>");
    let text = strip(&text, "<span lang=\"zh-CN\">", "</span>");
    let text = strip(&text, "&quot;", "&quot;");
    let text = strip(&text, "<code", "</code>");
    let text = strip(&text, "`", "`");
    let text = strip(&text, "](", ")");
    let text = strip(&text, "{#", "}");
    strip(&text, "<", ">")
}

/// Each English form of a term that stands in `text` other than as a gloss right after its
/// Chinese term ("端点（endpoint）").
fn english_terms_in(text: &str, terms: &[Term]) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for term in terms {
        for form in &term.english {
            let mut from = 0;
            while let Some(at) = lower[from..].find(form.as_str()) {
                let start = from + at;
                let end = start + form.len();
                from = end;
                // A libzmq name such as CONNECT_RETRIED holds "connect" as part of a word.
                let word = |c: Option<char>| {
                    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                };
                if word(lower[..start].chars().next_back())
                    || word(lower[end..].chars().next())
                {
                    continue; // part of a longer word
                }
                let before = lower[..start].trim_end_matches(['（', '(', ' ', '*']);
                if !before.ends_with(&term.chinese) {
                    found.push(form.clone());
                }
            }
        }
    }
    found
}

/// A translation follows the term table: no English term the table translates stands in a
/// translated message outside code, links' targets and markup.
#[test]
fn no_term_the_table_translates_stands_in_english_in_a_translation() {
    let terms = term_table();
    // Positive control: the check finds a term left in English, and lets a gloss pass.
    assert_eq!(
        english_terms_in("每个 socket 都有端点（endpoint）", &terms),
        ["socket"]
    );
    assert!(english_terms_in("监视器：CONNECT_RETRIED", &terms).is_empty());
    let quoted = translated_prose(
        "文章原话：<span lang=\"zh-CN\">所谓的 Slow joiner</span>，收到 &quot;publisher&quot;，但 socket 不是",
    );
    assert_eq!(english_terms_in(&quoted, &terms), ["socket"]);
    let markup = translated_prose("`socket.connect()` 与 [套接字](glossary.md#socket)");
    assert!(english_terms_in(&markup, &terms).is_empty());
    let catalog =
        translations::read_catalog(&translations::catalog_path(LANGUAGE)).unwrap();
    let mut left = Vec::new();
    let mut checked = 0;
    for message in catalog.messages() {
        let Some(msgstr) = translations::translated(&catalog, message.msgid()) else {
            continue;
        };
        // Kept as it is on purpose: the article's own words, and the English rendering
        // under each quote of it.
        if msgstr == message.msgid() {
            continue;
        }
        checked += 1;
        let found = english_terms_in(&translated_prose(msgstr), &terms);
        if !found.is_empty() {
            let pages = translations::page_of(message.source()).join(", ");
            left.push(format!("{pages}: {} in {msgstr:?}", found.join(", ")));
        }
    }
    assert!(checked > 50, "only {checked} translated messages");
    assert!(
        left.is_empty(),
        "English terms in the translation:\n{}",
        left.join("\n")
    );
}

/// The glossary shows, beside each entry the term table names, its Chinese term.
#[test]
fn the_glossary_shows_the_chinese_term_of_each_entry_the_table_names() {
    let terms = term_table();
    let glossary =
        std::fs::read_to_string(crate::root().join("book/src/glossary.md")).unwrap();
    let mut matched = 0;
    for entry in glossary.split("<a id=\"").skip(1) {
        let Some(head) = entry.split("**").nth(1) else {
            continue;
        };
        let names: Vec<String> = head
            .split(" / ")
            .map(|n| n.split(" (").next().unwrap().trim().to_lowercase())
            .collect();
        let shown =
            entry
                .split_once("<span lang=\"zh-CN\">")
                .and_then(|(before, after)| {
                    (before.len() < head.len() + 40)
                        .then(|| after.split("</span>").next().unwrap())
                });
        for term in &terms {
            if !term.english.iter().any(|f| names.contains(f)) {
                continue;
            }
            matched += 1;
            assert!(
                shown.is_some_and(|s| s.contains(&term.chinese)),
                "glossary entry {head:?} does not show {} beside its name",
                term.chinese
            );
        }
    }
    assert!(
        matched >= 15,
        "only {matched} glossary entries matched the table"
    );
}

/// Each `_` of `prose` that Markdown shows as itself next to Chinese: one between two letters.
fn literal_underscores(prose: &str) -> Vec<usize> {
    let chinese =
        |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    prose
        .match_indices('_')
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = prose[..at].chars().next_back();
            let after = prose[at + 1..].chars().next();
            letter(before) && letter(after) && (chinese(before) || chinese(after))
        })
        .collect()
}

/// Emphasis survives translation. gettext writes emphasis back as `_…_`, and Markdown reads a `_`
/// between two letters (two Chinese characters) as itself: a translation writes `<em>` there.
#[test]
fn emphasis_in_a_translation_is_emphasis() {
    assert_eq!(literal_underscores("某件事_不会_发生").len(), 2);
    assert!(literal_underscores("一篇：_python中zmq的模式_，").is_empty());
    let mut literal = Vec::new();
    for (language, chapters) in crate::translated_chapters() {
        for chapter in chapters {
            let prose = strip(&crate::prose(&chapter.content), "`", "`");
            for at in literal_underscores(&prose) {
                let around: String = prose[..at].chars().rev().take(12).collect();
                let around: String = around.chars().rev().collect();
                literal
                    .push(format!("{language} {}: …{around}_", chapter.path.display()));
            }
        }
    }
    assert!(
        literal.is_empty(),
        "a _ that shows as itself:\n{}",
        literal.join("\n")
    );
}
