//! How long the book's sentences are: per reader page, the words, the median sentence and the
//! longest, counted in the prose a reader reads (not code, not included files, not the article's
//! quotes). `scripts/sentences` prints the table; the test holds every page to the limits.

use std::fs;
use std::path::Path;

use crate::{reader_pages, root};

/// The median sentence of a reader page, in words, at most.
const MEDIAN_WORDS: f64 = 18.0;
/// The longest sentence of a reader page, in words, at most.
const LONGEST_WORDS: usize = 40;
/// Pages measured but not held to the limits, each with the reason.
const NOT_HELD: [(&str, &str); 0] = [];

/// What is left of a page once code, includes, quotes and markup are gone: one unit (a
/// paragraph, a list item, a table cell, a caption) per line, links as their text and each
/// code span as its words.
fn readable_units(source: &str) -> Vec<String> {
    let mut blocks = String::new();
    let lines: Vec<&str> = source.lines().collect();
    let mut in_code = false;
    let mut in_style = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            blocks.push('\n');
            continue;
        }
        if in_code {
            continue;
        }
        if trimmed.starts_with("<style") {
            in_style = true;
        }
        if in_style {
            in_style = !trimmed.contains("</style>");
            continue;
        }
        let table_separator = |l: &str| {
            let l = l.trim();
            l.starts_with('|') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        };
        if trimmed.starts_with("{{#")
            || trimmed.starts_with('>')
            || trimmed.starts_with('#')
            || table_separator(trimmed)
            // A table's header row: its column names, not sentences.
            || lines.get(i + 1).is_some_and(|next| table_separator(next))
        {
            blocks.push('\n');
            continue;
        }
        if trimmed.is_empty() {
            blocks.push('\n');
        } else if let Some(row) = trimmed.strip_prefix('|') {
            for cell in row.split('|') {
                blocks.push_str("\n\n");
                blocks.push_str(cell);
            }
            blocks.push('\n');
        } else {
            let item = trimmed.starts_with("- ")
                || trimmed.starts_with("* ")
                || trimmed.split_once(". ").is_some_and(|(n, _)| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
                });
            if item {
                blocks.push_str("\n\n");
            }
            blocks.push_str(trimmed);
            blocks.push(' ');
        }
        blocks.push('\n');
    }
    // Join a block's lines, one unit per line.
    let mut units = Vec::new();
    let mut unit = String::new();
    for line in blocks.lines() {
        if line.trim().is_empty() {
            if !unit.trim().is_empty() {
                units.push(std::mem::take(&mut unit));
            }
            unit.clear();
        } else {
            unit.push_str(line);
            unit.push(' ');
        }
    }
    if !unit.trim().is_empty() {
        units.push(unit);
    }
    units
        .iter()
        .flat_map(|unit| html_units(unit))
        .map(|unit| inline_text(&unit))
        .filter(|unit| words(unit) > 0)
        .collect()
}

/// A unit split where an HTML block element begins or ends (a caption, a box of a chart), its
/// tags removed.
fn html_units(unit: &str) -> Vec<String> {
    const BLOCKS: [&str; 12] = [
        "p", "li", "div", "summary", "details", "ol", "ul", "td", "th", "tr", "br",
        "figure",
    ];
    let mut units = vec![String::new()];
    let mut rest = unit;
    while let Some(open) = rest.find('<') {
        units.last_mut().unwrap().push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>').map(|i| open + i) else {
            rest = &rest[open..];
            break;
        };
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCKS.contains(&name.to_lowercase().as_str()) {
            units.push(String::new());
        } else {
            units.last_mut().unwrap().push(' ');
        }
        rest = &rest[close + 1..];
    }
    units.last_mut().unwrap().push_str(rest);
    units.into_iter().filter(|u| !u.trim().is_empty()).collect()
}

/// Markdown's inline marks away: a link reads as its text, a code span as its words (with no
/// full stop a sentence could end at), emphasis as the words it marks.
fn inline_text(unit: &str) -> String {
    let mut text = String::new();
    let mut chars = unit.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                let mut code = String::new();
                for c in chars.by_ref() {
                    if c == '`' {
                        break;
                    }
                    code.push(c);
                }
                let tokens = code
                    .split_whitespace()
                    .filter(|t| t.chars().any(char::is_alphanumeric))
                    .count();
                for _ in 0..tokens {
                    text.push_str(" code ");
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                // Skip the link's target.
                let mut depth = 0;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            '[' | ']' | '*' => {}
            _ => text.push(c),
        }
    }
    text
}

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The sentences of a unit: each ends at a full stop, a question or an exclamation mark
/// followed by a space (after any closing quote or bracket), or at the unit's end.
fn split_sentences(unit: &str) -> Vec<String> {
    const NOT_AN_END: [&str; 4] = ["e.g.", "i.e.", "cf.", "vs."];
    let mut sentences = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = unit.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        current.push(c);
        i += 1;
        if matches!(c, '.' | '?' | '!') {
            while i < chars.len()
                && matches!(chars[i], ')' | '"' | '\'' | '”' | '’' | '_')
            {
                current.push(chars[i]);
                i += 1;
            }
            let at_space = i >= chars.len() || chars[i].is_whitespace();
            let last_word = current.split_whitespace().last().unwrap_or("");
            let abbreviation = NOT_AN_END
                .iter()
                .any(|a| last_word.trim_start_matches('(').eq_ignore_ascii_case(a));
            if at_space && !abbreviation {
                sentences.push(std::mem::take(&mut current));
            }
        }
    }
    sentences.push(current);
    sentences
        .into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| words(s) > 0)
        .collect()
}

/// A reader page's figures: its words, its sentences (each with its length), the median.
pub struct Measure {
    pub page: String,
    pub words: usize,
    pub sentences: Vec<(usize, String)>,
}

impl Measure {
    pub fn of(page: &str, source: &str) -> Measure {
        let sentences: Vec<(usize, String)> = readable_units(source)
            .iter()
            .flat_map(|unit| split_sentences(unit))
            .map(|s| (words(&s), s))
            .collect();
        Measure {
            page: page.to_string(),
            words: sentences.iter().map(|(n, _)| n).sum(),
            sentences,
        }
    }

    pub fn median(&self) -> f64 {
        let mut lengths: Vec<usize> = self.sentences.iter().map(|(n, _)| *n).collect();
        lengths.sort_unstable();
        match lengths.len() {
            0 => 0.0,
            n if n % 2 == 1 => lengths[n / 2] as f64,
            n => (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0,
        }
    }

    pub fn longest(&self) -> usize {
        self.sentences.iter().map(|(n, _)| *n).max().unwrap_or(0)
    }
}

fn measure_all() -> Vec<Measure> {
    reader_pages()
        .iter()
        .map(|page| {
            let source =
                fs::read_to_string(Path::new(&root().join("book/src")).join(page))
                    .unwrap_or_else(|_| {
                        panic!("SUMMARY.md lists {page}, which does not exist")
                    });
            Measure::of(page, &source)
        })
        .collect()
}

/// The table `scripts/sentences` prints; with `SENTENCES_OVER=N` set, also every sentence
/// longer than N words.
fn table(measures: &[Measure]) -> String {
    let over: Option<usize> = std::env::var("SENTENCES_OVER")
        .ok()
        .and_then(|n| n.parse().ok());
    let mut out = String::from(
        "| Page | Words | Sentences | Median | Longest |\n|---|---|---|---|---|\n",
    );
    let mut all: Vec<usize> = Vec::new();
    for m in measures {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            m.page,
            m.words,
            m.sentences.len(),
            m.median(),
            m.longest()
        ));
        all.extend(m.sentences.iter().map(|(n, _)| *n));
    }
    let whole = Measure {
        page: "all".into(),
        words: all.iter().sum(),
        sentences: all.iter().map(|n| (*n, String::new())).collect(),
    };
    out.push_str(&format!(
        "| **all** | {} | {} | {} | {} |\n",
        whole.words,
        whole.sentences.len(),
        whole.median(),
        whole.longest()
    ));
    if let Some(over) = over {
        for m in measures {
            for (n, sentence) in &m.sentences {
                if *n > over {
                    out.push_str(&format!("\n{} ({n}): {sentence}\n", m.page));
                }
            }
        }
    }
    out
}

#[test]
fn every_reader_page_keeps_its_sentences_short() {
    let measures = measure_all();
    assert!(measures.len() > 30, "only {} reader pages", measures.len());
    // scripts/sentences prints what stands between these lines.
    println!("--- sentences ---\n{}--- end ---", table(&measures));
    let mut too_long = Vec::new();
    for m in &measures {
        if NOT_HELD.iter().any(|(page, _)| *page == m.page) {
            continue;
        }
        if m.median() > MEDIAN_WORDS || m.longest() > LONGEST_WORDS {
            let longest = m.sentences.iter().max_by_key(|(n, _)| *n).unwrap();
            too_long.push(format!(
                "{}: median {} words, longest {} (at most {MEDIAN_WORDS} and {LONGEST_WORDS}): {}",
                m.page,
                m.median(),
                m.longest(),
                longest.1
            ));
        }
    }
    assert!(
        too_long.is_empty(),
        "sentences too long (scripts/sentences --over 40 lists them):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_sentence_measure_reads_what_a_reader_reads() {
    let page = "# Title of the page\n\
        \n\
        > 中文的引用。\n\
        >\n\
        > *The article's words, which are not ours to shorten.*\n\
        \n\
        One sentence of five words. A second one, with a [link to a page](other.md#anchor), \
        `zmq::Context::new()` and\n\
        e.g. an abbreviation, ends here!\n\
        \n\
        ```rust\n\
        let not = \"prose. at all\";\n\
        ```\n\
        {{#include ../../../tests/snapshots/x.snap:4:}}\n\
        \n\
        - A list item without a stop\n\
        - Another (with a stop.) Then more.\n\
        \n\
        | Name | Meaning |\n\
        |---|---|\n\
        | `a.b` | a cell of five words |\n\
        \n\
        <details>\n\
        <summary>The caption — <code>src/x.rs</code>: four</summary>\n\
        </details>\n";
    let m = Measure::of("x.md", page);
    let lengths: Vec<usize> = m.sentences.iter().map(|(n, _)| *n).collect();
    assert_eq!(lengths, [5, 16, 6, 4, 2, 1, 5, 4], "{:#?}", m.sentences);
    assert_eq!(m.words, 43);
    assert_eq!(m.median(), 4.5);
    assert_eq!(m.longest(), 16);
    assert_eq!(
        m.sentences[1].1,
        "A second one, with a link to a page, code and e.g. an abbreviation, ends here!"
    );
    let even = Measure::of("y.md", "One two. One two three four.\n");
    assert_eq!(even.median(), 3.0);
}
