//! The text of the book's HTML blocks. gettext extraction skips an HTML block whole; the book
//! has pages of them: "Verdicts at a glance" (a table that `cargo run -- claims --markdown`
//! renders), the chart of "Nothing arrives?", the folds of each claim page. Each run of text
//! between two block tags (a cell, a paragraph, an item, a caption) is a message of its own,
//! its inline markup (links, code, emphasis) kept in the message as it is written.

use std::ops::Range;

use polib::catalog::Catalog;
use pulldown_cmark::{DefaultBrokenLinkCallback, Event};

use super::figures::is_words;
use super::translated;

/// Tags that end one run of text and begin another.
const BLOCK_TAGS: [&str; 24] = [
    "p",
    "div",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "details",
    "summary",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "section",
    "figure",
    "figcaption",
    "hr",
];

/// The byte ranges of `content`'s HTML blocks, as the book's Markdown parser sees them.
fn html_blocks(content: &str) -> Vec<Range<usize>> {
    let parser =
        mdbook_i18n_helpers::new_cmark_parser::<DefaultBrokenLinkCallback>(content, None);
    let mut blocks: Vec<Range<usize>> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        if let Event::Html(_) = event {
            match blocks.last_mut() {
                Some(last) if last.end >= range.start => {
                    last.end = last.end.max(range.end)
                }
                _ => blocks.push(range),
            }
        }
    }
    blocks
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The runs of text of one HTML block that a reader reads, as byte ranges of `html`; figures
/// are left to their own labels.
fn runs(html: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let close = |start: usize, end: usize, found: &mut Vec<Range<usize>>| {
        let text = &html[start..end];
        let trimmed = text.trim();
        if is_words(trimmed) {
            let lead = text.len() - text.trim_start().len();
            found.push(start + lead..start + lead + trimmed.len());
        }
    };
    while let Some(lt) = html[at..].find('<') {
        let tag_start = at + lt;
        if html[tag_start..].starts_with("<!--") {
            let end = html[tag_start..]
                .find("-->")
                .map_or(html.len(), |e| tag_start + e + 3);
            close(start, tag_start, &mut found);
            start = end;
            at = end;
            continue;
        }
        let Some(gt) = html[tag_start..].find('>') else {
            break;
        };
        let tag_end = tag_start + gt + 1;
        let name = tag_name(&html[tag_start..tag_end]);
        if name == "svg" {
            close(start, tag_start, &mut found);
            let end = html[tag_start..]
                .find("</svg>")
                .map_or(html.len(), |e| tag_start + e + "</svg>".len());
            start = end;
            at = end;
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            close(start, tag_start, &mut found);
            start = tag_end;
            at = tag_end;
        } else {
            at = tag_end;
        }
    }
    close(start, html.len(), &mut found);
    found
}

/// The runs of text of every HTML block of `content`, each with its line.
pub fn html_messages(content: &str) -> Vec<(usize, String)> {
    let mut messages = Vec::new();
    for block in html_blocks(content) {
        for run in runs(&content[block.clone()]) {
            let start = block.start + run.start;
            let line = content[..start].matches('\n').count() + 1;
            messages.push((line, content[start..block.start + run.end].to_string()));
        }
    }
    messages
}

/// `content` with the runs of text of its HTML blocks translated by `catalog`.
pub fn translate_html(content: &str, catalog: &Catalog) -> String {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for block in html_blocks(content) {
        for run in runs(&content[block.clone()]) {
            let (start, end) = (block.start + run.start, block.start + run.end);
            let text = &content[start..end];
            out.push_str(&content[last..start]);
            out.push_str(translated(catalog, text).unwrap_or(text));
            last = end;
        }
    }
    out.push_str(&content[last..]);
    out
}
