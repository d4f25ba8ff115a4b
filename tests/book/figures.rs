//! The figures: every one is in the book, readable at a phone's width, and fit for the light
//! and the dark themes.

use std::fs;

use crate::{chapters, files, root};

/// The narrowest column the book gives a figure: a 390 px phone, less mdBook's padding.
const PHONE_COLUMN: f64 = 350.0;
/// The smallest text a figure may show there, in pixels.
const SMALLEST_TEXT: f64 = 10.0;

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..].split('"').next()?.to_string())
}

#[test]
fn every_figure_is_in_the_book_and_readable_on_a_phone() {
    let book: String = chapters().iter().map(|c| c.content.clone()).collect();
    let figures = files(&root().join("book/src/diagrams"), "svg");
    assert!(figures.len() >= 11, "only {} figures", figures.len());
    let mut ids = Vec::new();
    for figure in &figures {
        let name = figure.file_name().unwrap().to_string_lossy().to_string();
        let svg = fs::read_to_string(figure).unwrap();
        assert!(svg.starts_with("<svg"), "{name}: not an inline SVG");
        let head = &svg[..svg.find('>').unwrap()];
        let title = attribute(head, "aria-label").unwrap_or_default();
        assert!(
            !title.is_empty() && svg.contains("<title>"),
            "{name}: no title or label"
        );
        assert!(book.contains(&title), "{name} is not in the book");
        assert_eq!(
            attribute(head, "width").as_deref(),
            Some("100%"),
            "{name}: fixed width"
        );
        assert!(
            head.contains("currentColor") || head.contains("var(--fg)"),
            "{name}: colour"
        );

        let view_box = attribute(head, "viewBox").expect("a viewBox");
        let width: f64 = view_box.split(' ').nth(2).unwrap().parse().unwrap();
        let mut smallest = f64::MAX;
        for part in svg.split("font-size").skip(1) {
            let value: String = part
                .trim_start_matches(['=', '"', ':'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            if let Ok(size) = value.parse::<f64>() {
                smallest = smallest.min(size);
            }
        }
        let rendered = smallest * PHONE_COLUMN / width;
        assert!(
            rendered >= SMALLEST_TEXT,
            "{name}: text of {rendered:.1} px on a phone"
        );
        for part in svg.split(" id=\"").skip(1) {
            ids.push(part.split('"').next().unwrap().to_string());
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        count,
        "two figures share an id: a page showing both breaks"
    );
}
