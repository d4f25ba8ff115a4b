//! What `msgmerge` does, in Rust: a language's catalog brought up to a fresh template.

use std::collections::HashMap;

use polib::catalog::Catalog;
use polib::message::{Message, MessageFlags, MessageView};
use polib::metadata::CatalogMetadata;

/// How alike (Sørensen–Dice over pairs of characters) an old message must be to a new one for
/// its translation to be kept, marked fuzzy: a sentence reworded or a figure corrected, not a
/// paragraph that merely shares words.
const SIMILAR: f64 = 0.7;

/// What a merge changed.
#[derive(Debug, Default, PartialEq)]
pub struct Merged {
    /// Messages new to the catalog with no similar old one: untranslated.
    pub added: usize,
    /// Messages new to the catalog given a similar old one's translation, marked fuzzy.
    pub fuzzy: usize,
    /// Messages of the old catalog that the template no longer has.
    pub removed: usize,
}

/// `old` brought up to `template`: its messages in the template's order with the template's
/// sources and comments; a message the template still has keeps its translation and its fuzzy
/// mark; a new message takes the translation of the most similar message that went away, if
/// one is similar enough, marked fuzzy for a translator to check; the rest is removed.
pub fn merge(template: &Catalog, old: &Catalog) -> (Catalog, Merged) {
    let old_messages: HashMap<&str, &dyn MessageView> =
        old.messages().map(|m| (m.msgid(), m)).collect();
    let in_template: HashMap<&str, ()> =
        template.messages().map(|m| (m.msgid(), ())).collect();
    let gone: Vec<&dyn MessageView> = old
        .messages()
        .filter(|m| !m.msgid().is_empty() && !in_template.contains_key(m.msgid()))
        .collect();

    let mut merged = Catalog::new(copy_metadata(&template.metadata));
    let mut counts = Merged {
        removed: gone.len(),
        ..Merged::default()
    };
    for new in template.messages() {
        let (msgstr, fuzzy) = match old_messages.get(new.msgid()) {
            Some(kept) => (
                kept.msgstr().unwrap_or_default().to_string(),
                kept.is_fuzzy(),
            ),
            None => match most_similar(new.msgid(), &gone) {
                Some(similar) => {
                    counts.fuzzy += 1;
                    (similar.msgstr().unwrap_or_default().to_string(), true)
                }
                None => {
                    counts.added += 1;
                    (String::new(), false)
                }
            },
        };
        let mut flags = MessageFlags::new();
        if fuzzy && !msgstr.is_empty() {
            flags.add_flag("fuzzy");
        }
        merged.append_or_update(
            Message::build_singular()
                .with_msgid(new.msgid().to_string())
                .with_msgstr(msgstr)
                .with_source(new.source().to_string())
                .with_comments(new.comments().to_string())
                .with_flags(flags)
                .done(),
        );
    }
    (merged, counts)
}

fn most_similar<'a>(
    msgid: &str,
    candidates: &[&'a dyn MessageView],
) -> Option<&'a dyn MessageView> {
    candidates
        .iter()
        .filter(|old| old.is_translated())
        .map(|old| (strsim::sorensen_dice(msgid, old.msgid()), *old))
        .filter(|(score, _)| *score >= SIMILAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, old)| old)
}

/// polib's metadata has no `Clone`; its own text round-trips it.
pub fn copy_metadata(metadata: &CatalogMetadata) -> CatalogMetadata {
    CatalogMetadata::parse(&metadata.export_for_po()).unwrap_or_default()
}
