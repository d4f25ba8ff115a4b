//! The book's promises, checked: every include resolves to real code and every anchor is
//! closed (mdBook itself renders a missing anchor as nothing and a missing file as raw text);
//! every claim has a page of the book's shape and a test named after it; the evidence the book
//! shows is a live run's; the prose, the figures and the code fit what runs and what a reader sees;
//! the reading path (short sentences, jargon and names linked, "Nothing arrives?") holds.

mod claim_pages;
mod figures;
mod includes;
mod links;
mod nothing_arrives;
mod prose;
mod python;
mod reading;
mod search;
mod sentences;
mod translations;
mod verdicts;

use std::fs;
use std::path::{Path, PathBuf};

use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::MDBook;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A chapter of the book with `{{#include}}` expanded, as the HTML build sees it.
pub struct Chapter {
    pub name: String,
    /// Relative to `book/src/`.
    pub path: PathBuf,
    pub content: String,
}

/// Every chapter, expanded.
pub fn chapters() -> Vec<Chapter> {
    expanded(&MDBook::load(root().join("book")).expect("the book loads"))
}

/// Every chapter of each translated edition, expanded and translated, with its language.
pub fn translated_chapters() -> Vec<(&'static str, Vec<Chapter>)> {
    workbook_book::LANGUAGES
        .iter()
        .map(|language| {
            let book = workbook_book::load_translated(language)
                .expect("the translated book loads");
            (*language, expanded(&book))
        })
        .collect()
}

fn expanded(book: &MDBook) -> Vec<Chapter> {
    let (book, _) = book
        .preprocess_book(&MarkdownRenderer::new())
        .expect("the book's preprocessors run");
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => Some(Chapter {
                name: chapter.name.clone(),
                path: chapter.path.clone().unwrap_or_default(),
                content: chapter.content.clone(),
            }),
            _ => None,
        })
        .collect()
}

pub fn chapter(chapters: &[Chapter], path: &str) -> String {
    chapters
        .iter()
        .find(|c| c.path == Path::new(path))
        .map(|c| c.content.clone())
        .unwrap_or_else(|| panic!("the book has no page {path}"))
}

/// The lines of the fenced code blocks of a chapter, each with the language of its block.
pub fn code_lines(content: &str) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let mut language: Option<String> = None;
    for line in content.lines() {
        let fence = line.trim_start();
        if let Some(info) = fence.strip_prefix("```") {
            language = match language {
                None => Some(info.to_string()),
                Some(_) => None,
            };
        } else if let Some(language) = &language {
            lines.push((language.clone(), line.to_string()));
        }
    }
    lines
}

/// The prose of a chapter: everything outside fenced code blocks and outside quotes of the
/// article, without HTML tags (the text of an inline figure stays; its markup goes).
pub fn prose(content: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in content.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && !line.starts_with('>') {
            out.push_str(line);
            out.push('\n');
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Every file under `dir` whose name ends with `extension`.
pub fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, extension, found);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, extension, &mut found);
    found.sort();
    found
}

/// Every page of the book's sidebar: all of them are for readers.
pub fn reader_pages() -> Vec<String> {
    let summary = fs::read_to_string(root().join("book/src/SUMMARY.md")).unwrap();
    summary
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|path| path.ends_with(".md"))
        .map(str::to_string)
        .collect()
}

pub fn rust_sources() -> Vec<PathBuf> {
    ["src", "tests", "exercises"]
        .iter()
        .flat_map(|dir| files(&root().join(dir), "rs"))
        .collect()
}
