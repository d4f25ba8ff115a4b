//! How far a translation has come, page by page.

use std::collections::BTreeMap;

use polib::catalog::Catalog;

/// One page's messages, and how many of them a catalog translates.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageCounts {
    pub messages: usize,
    pub translated: usize,
    pub fuzzy: usize,
}

/// The pages (or figures, or `book.toml`) a message's source names: its `#:` lines without
/// their line numbers, each once.
pub fn page_of(source: &str) -> Vec<String> {
    let mut pages: Vec<String> = source
        .split_whitespace()
        .map(|place| match place.rsplit_once(':') {
            Some((file, line)) if line.chars().all(|c| c.is_ascii_digit()) => {
                file.to_string()
            }
            _ => place.to_string(),
        })
        .map(|file| file.strip_prefix("src/").unwrap_or(&file).to_string())
        .collect();
    pages.dedup();
    pages
}

/// For every page of `template`, its messages and how many of them `catalog` translates (not
/// fuzzy) and has fuzzy. A message on several pages counts on each.
pub fn report(template: &Catalog, catalog: &Catalog) -> BTreeMap<String, PageCounts> {
    let mut pages: BTreeMap<String, PageCounts> = BTreeMap::new();
    for message in template.messages() {
        let found = catalog.find_message(None, message.msgid(), None);
        let fuzzy = found.is_some_and(|m| m.is_fuzzy() && m.is_translated());
        let translated = found.is_some_and(|m| m.is_translated() && !m.is_fuzzy());
        for page in page_of(message.source()) {
            let counts = pages.entry(page).or_default();
            counts.messages += 1;
            counts.translated += usize::from(translated);
            counts.fuzzy += usize::from(fuzzy);
        }
    }
    pages
}

/// The report as `translations report` prints it: a line a page, then the whole book.
pub fn render_report(language: &str, template: &Catalog, catalog: &Catalog) -> String {
    let pages = report(template, catalog);
    let width = pages
        .keys()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!(
        "{language}\n{:width$}  {:>8}  {:>10}  {:>5}\n",
        "page", "messages", "translated", "fuzzy"
    );
    for (page, counts) in &pages {
        out.push_str(&format!(
            "{page:width$}  {:>8}  {:>10}  {:>5}\n",
            counts.messages, counts.translated, counts.fuzzy
        ));
    }
    let messages = template.messages().count();
    let (translated, fuzzy) = template.messages().fold((0, 0), |(t, f), m| match catalog
        .find_message(None, m.msgid(), None)
    {
        Some(found) if found.is_translated() && !found.is_fuzzy() => (t + 1, f),
        Some(found) if found.is_translated() => (t, f + 1),
        _ => (t, f),
    });
    out.push_str(&format!(
        "{:width$}  {messages:>8}  {translated:>10}  {fuzzy:>5}  (each message once)\n",
        "the whole book"
    ));
    out
}
