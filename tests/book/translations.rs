//! The zh-CN edition: every sentence a reader sees is a message of the catalog, each message is
//! translated (once the translators are done), the figures carry their labels in Chinese, and the
//! term table is followed.

use polib::catalog::Catalog;
use polib::message::Message;

use zmq_workbook::translations;

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
