//! What a page needs before gettext translates it. Code stays code: mdbook-i18n-helpers would
//! make messages of the comments and string literals of every code block, and the book's code is
//! the code that runs, so each code block is marked for gettext to skip. Links keep their
//! targets: mdBook makes a heading's id from its text, so each heading without an id of its own
//! is given the one its English text makes, and a link to `page.md#what-a-run-measured` finds
//! it in every language.

use std::collections::HashSet;

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use pulldown_cmark::{DefaultBrokenLinkCallback, Event, Tag, TagEnd};

/// gettext's own directive: the next group (here, the code block) is not a message.
const SKIP: &str = "<!-- i18n:skip -->";

/// The id mdBook's HTML renderer gives a heading with this text (mdbook-html's
/// `id_from_content`, which is not public).
fn id_from_content(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect()
}

/// `content` with gettext's skip directive on the line before each code block (indented as its
/// fence is, so that it stays in the same list item) and an explicit id on each heading that has
/// none, the id mdBook would make of its English text.
pub fn prepare(content: &str) -> String {
    let parser =
        mdbook_i18n_helpers::new_cmark_parser::<DefaultBrokenLinkCallback>(content, None);
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut heading: Option<String> = None;
    let mut used = HashSet::new();
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                let line_start = content[..range.start].rfind('\n').map_or(0, |n| n + 1);
                let indent = &content[line_start..range.start];
                if indent.trim().is_empty() {
                    inserts.push((line_start, format!("{indent}{SKIP}\n")));
                }
            }
            Event::Start(Tag::Heading { id: None, .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some(text) = heading.take() else { continue };
                let line = &content[range.clone()];
                // An ATX heading on one line: the id goes at its end.
                if !line.starts_with('#') || line.trim_end().contains('\n') {
                    continue;
                }
                let mut id = id_from_content(&text);
                let mut counter = 1;
                let base = id.clone();
                while !used.insert(id.clone()) {
                    id = format!("{base}-{counter}");
                    counter += 1;
                }
                let end = range.start + line.trim_end().len();
                inserts.push((end, format!(" {{#{id}}}")));
            }
            _ => {}
        }
    }
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(content.len() + inserts.len() * 24);
    let mut last = 0;
    for (at, text) in inserts {
        out.push_str(&content[last..at]);
        out.push_str(&text);
        last = at;
    }
    out.push_str(&content[last..]);
    out
}

/// Every chapter of `book`, prepared.
pub fn prepare_book(book: &mut Book) {
    book.for_each_mut(|item| {
        if let BookItem::Chapter(chapter) = item {
            chapter.content = prepare(&chapter.content);
        }
    });
}

/// The preprocessor that prepares each page before gettext's runs.
pub struct Prepare;

impl Preprocessor for Prepare {
    fn name(&self) -> &str {
        "prepare-for-gettext"
    }

    fn run(&self, _: &PreprocessorContext, mut book: Book) -> anyhow::Result<Book> {
        prepare_book(&mut book);
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> anyhow::Result<bool> {
        Ok(renderer != "xgettext")
    }
}
