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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_split_into_words_and_the_rest_is_left_alone() {
        let html =
            "<p>PUB/SUB 订阅发布模式，设置一个过滤值 <code>zmq.SUBSCRIBE</code></p>";
        let apart = cjk_words_apart(html);
        let words: Vec<&str> = apart.split(|c: char| !c.is_alphanumeric()).collect();
        for word in ["订阅", "发布", "模式", "过滤"] {
            assert!(words.contains(&word), "{word} is not a word of {apart:?}");
        }
        assert!(apart.starts_with("<p>PUB/SUB 订阅 "), "{apart:?}");
        assert!(
            apart.ends_with("<code>zmq.SUBSCRIBE</code></p>"),
            "{apart:?}"
        );
        // What Pagefind splits itself is left to it.
        assert!(pagefind_segments("zh-CN") && pagefind_segments("ja"));
        assert!(!pagefind_segments("en"));
    }
}
