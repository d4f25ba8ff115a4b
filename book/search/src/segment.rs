//! Chinese words on pages of a language that puts spaces between its words.

use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::WordSegmenter;
use regex::Regex;

/// The languages whose pages Pagefind itself splits into words (its `extended` feature).
pub fn pagefind_segments(language: &str) -> bool {
    matches!(language.split('-').next(), Some("zh" | "ja" | "th"))
}

/// `html` with a space between each two words of every run of Chinese or Japanese text, as
/// ICU4X's dictionary splits it (the segmenter Pagefind uses on a page in Chinese). Pagefind
/// splits other pages at white space only, so an English page's quote of the article would
/// otherwise be one long word that no search for one of its words finds.
pub fn cjk_words_apart(html: &str) -> String {
    static RUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[\p{Han}\p{Hiragana}\p{Katakana}]+").expect("a valid pattern")
    });
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    RUN.replace_all(html, |run: &regex::Captures| {
        let run = &run[0];
        let mut words = Vec::new();
        let mut start = 0;
        for end in segmenter.segment_str(run).skip(1) {
            words.push(&run[start..end]);
            start = end;
        }
        words.join(" ")
    })
    .into_owned()
}
