//! The figures' labels. A figure is an SVG included into its page as HTML, which gettext
//! extraction skips; its labels (each `<text>`, its `<title>` and its `aria-label`) are messages
//! of their own, and the translated edition gets them from the catalog. The SVG stays the one
//! source of the figure in every language.

use std::fs;
use std::path::Path;

use anyhow::Context;
use polib::catalog::Catalog;

use super::translated;

/// A label as it stands in the SVG, markup and entities as written, with where it sits.
struct Label {
    /// Byte range of the label's text in the SVG.
    start: usize,
    end: usize,
}

/// The labels of one SVG, in order.
fn labels(svg: &str) -> Vec<Label> {
    let mut found = Vec::new();
    // The accessible name, read out in place of the picture.
    if let Some(at) = svg.find(" aria-label=\"") {
        let start = at + " aria-label=\"".len();
        if let Some(len) = svg[start..].find('"') {
            found.push(Label {
                start,
                end: start + len,
            });
        }
    }
    for (open, close) in [("<title>", "</title>"), ("<text", "</text>")] {
        let mut from = 0;
        while let Some(at) = svg[from..].find(open) {
            let tag = from + at;
            let Some(gt) = svg[tag..].find('>') else {
                break;
            };
            let start = tag + gt + 1;
            let Some(len) = svg[start..].find(close) else {
                break;
            };
            found.push(Label {
                start,
                end: start + len,
            });
            from = start + len;
        }
    }
    found.sort_by_key(|l| l.start);
    found
        .into_iter()
        .filter(|l| is_words(&svg[l.start..l.end]))
        .collect()
}

/// Names that stand as they are in every language: the tabs of code in Rust and in Python.
const NAMES: [&str; 2] = ["Rust", "Python"];

/// Whether a label is words a reader reads, rather than a name that stays as it is in every
/// language: a socket type, a libzmq constant, a number, an arrow.
pub(super) fn is_words(label: &str) -> bool {
    // Code stays code in every language, and a link's target is no word.
    let text = without(label, "<code", "</code>");
    let text = without(&text, "`", "`");
    let text = without(&text, "](", ")");
    let mut words = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => words.push(c),
            _ => {}
        }
    }
    words
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| !NAMES.contains(word))
        .any(|word| word.chars().any(|c| c.is_ascii_lowercase()) && word.len() > 1)
}

/// `text` without each part from `open` to the next `close`.
fn without(text: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        kept.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        rest = after.split_once(close).map_or("", |(_, after)| after);
    }
    kept.push_str(rest);
    kept
}

/// A figure's file name and its labels, each with its line.
pub type FigureLabels = (String, Vec<(usize, String)>);

/// Every figure under `dir` (by file name, sorted) with its labels.
pub fn figure_labels(dir: &Path) -> anyhow::Result<Vec<FigureLabels>> {
    let mut figures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    entries.sort();
    for path in entries {
        let svg = fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let found = labels(&svg)
            .into_iter()
            .map(|l| {
                let line = svg[..l.start].matches('\n').count() + 1;
                (line, svg[l.start..l.end].to_string())
            })
            .collect();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        figures.push((name.to_string(), found));
    }
    Ok(figures)
}

/// `content` with the labels of every inline SVG in it translated by `catalog`.
pub fn translate_figures(content: &str, catalog: &Catalog) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find("<svg") {
        let Some(len) = rest[start..].find("</svg>") else {
            break;
        };
        let end = start + len + "</svg>".len();
        out.push_str(&rest[..start]);
        let svg = &rest[start..end];
        let mut last = 0;
        for label in labels(svg) {
            let text = &svg[label.start..label.end];
            out.push_str(&svg[last..label.start]);
            out.push_str(translated(catalog, text).unwrap_or(text));
            last = label.end;
        }
        out.push_str(&svg[last..]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
