//! Python beside Rust: wherever a reader copies code (the primer, the pattern overviews, every
//! "In your own program"), the book shows the same lines in pyzmq, from a snippet in
//! `book/python/` that `cargo test interop` runs. Here: that each such Rust block has its
//! Python beside it, that every snippet is shown somewhere, and that the two define the same
//! functions.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{files, root};

/// The pages a reader copies from, beyond the "In your own program" blocks: every Rust block
/// on them that is not folded away in a `<details>` has its Python beside it.
const COPIED_FROM: [&str; 5] = [
    "primer.md",
    "general.md",
    "reqrep.md",
    "pubsub.md",
    "pipeline.md",
];

const TABS: &str = "<div class=\"code-tabs\">";

#[derive(Debug)]
struct Block {
    page: PathBuf,
    line: usize,
    language: String,
    /// The `{{#include …}}` line, when the block is one.
    include: Option<String>,
    folded: bool,
    group: Option<usize>,
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.page.display(), self.line)
    }
}

/// Every fenced block of every page, with the code-tabs group it stands in, if any.
fn blocks() -> Vec<Block> {
    let src = root().join("book/src");
    let mut found = Vec::new();
    let mut groups = 0;
    for page in files(&src, "md") {
        let text = fs::read_to_string(&page).unwrap();
        let page = page.strip_prefix(&src).unwrap().to_path_buf();
        let (mut folded, mut group, mut open): (usize, Option<usize>, Option<Block>) =
            (0, None, None);
        for (i, line) in text.lines().enumerate() {
            if let Some(block) = open.as_mut() {
                if line.trim_start().starts_with("```") {
                    found.push(open.take().unwrap());
                } else if block.include.is_none() && line.starts_with("{{#include ") {
                    block.include = Some(line.to_string());
                }
                continue;
            }
            if let Some(info) = line.trim_start().strip_prefix("```") {
                open = Some(Block {
                    page: page.clone(),
                    line: i + 1,
                    language: info.split(',').next().unwrap_or("").to_string(),
                    include: None,
                    folded: folded > 0,
                    group,
                });
            } else if line.trim() == TABS {
                assert!(
                    group.is_none(),
                    "{}:{}: code tabs within code tabs",
                    page.display(),
                    i + 1
                );
                group = Some(groups);
                groups += 1;
            } else if line.trim() == "</div>" && group.is_some() {
                group = None;
            }
            folded += line.matches("<details").count();
            folded -= line.matches("</details>").count().min(folded);
        }
        assert!(
            open.is_none(),
            "{}: a code block is never closed",
            page.display()
        );
        assert!(
            group.is_none(),
            "{}: code tabs never closed",
            page.display()
        );
    }
    found
}

/// `{{#include path:anchor}}` of a block on `page`: the file (from the root) and the anchor.
fn included(page: &Path, include: &str) -> (PathBuf, String) {
    let target = include
        .strip_prefix("{{#include ")
        .and_then(|rest| rest.strip_suffix("}}"))
        .unwrap_or_else(|| panic!("{page:?}: not an include: {include}"));
    let (path, anchor) = target
        .rsplit_once(':')
        .unwrap_or_else(|| panic!("{page:?}: {include} names no anchor"));
    let dir = root()
        .join("book/src")
        .join(page)
        .parent()
        .unwrap()
        .to_path_buf();
    let file = dir.join(path);
    let file = file
        .canonicalize()
        .unwrap_or_else(|_| panic!("{page:?}: {include}: no file {}", file.display()));
    (file, anchor.to_string())
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` in `file` (either language).
fn region(file: &Path, anchor: &str) -> String {
    let text = fs::read_to_string(file).unwrap();
    let mut lines = text.lines();
    let start = format!("ANCHOR: {anchor}");
    let end = format!("ANCHOR_END: {anchor}");
    assert!(
        lines.any(|line| line.trim_end().ends_with(&start)),
        "{}: no {start}",
        file.display()
    );
    let body: Vec<&str> = lines
        .take_while(|line| !line.trim_end().ends_with(&end))
        .collect();
    body.join("\n")
}

/// The functions a Rust region defines (`fn name`).
fn rust_functions(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("pub ").unwrap_or(line);
            line.strip_prefix("fn ")
        })
        .filter_map(|rest| rest.split(['(', '<']).next().map(str::to_string))
        .collect()
}

/// The functions and classes a Python region defines, classes by their lowercase name (a
/// Rust constructor `fn ventilator` is Python's `class Ventilator`).
fn python_definitions(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            line.strip_prefix("def ")
                .map(str::to_string)
                .or_else(|| line.strip_prefix("class ").map(str::to_lowercase))
        })
        .filter_map(|rest| rest.split(['(', ':']).next().map(str::to_string))
        .collect()
}

fn python_dir() -> PathBuf {
    root().join("book/python").canonicalize().unwrap()
}

#[test]
fn every_rust_block_a_reader_copies_has_its_python_beside_it() {
    let blocks = blocks();
    let mut missing = Vec::new();
    for block in blocks.iter().filter(|b| b.language == "rust") {
        let own = block
            .include
            .as_deref()
            .is_some_and(|i| i.ends_with(":own}}"));
        let copied = COPIED_FROM.contains(&block.page.to_str().unwrap()) && !block.folded;
        if (own || copied) && block.group.is_none() {
            missing.push(block.at());
        }
    }
    assert!(
        missing.is_empty(),
        "Rust blocks a reader copies, without Python beside them in a {TABS}:\n{}",
        missing.join("\n")
    );
    let own = blocks
        .iter()
        .filter(|b| b.include.as_deref().is_some_and(|i| i.ends_with(":own}}")))
        .count();
    assert!(own >= 23, "only {own} \"own\" blocks found");
}

#[test]
fn each_pair_of_tabs_is_one_rust_block_and_the_same_functions_in_python() {
    let blocks = blocks();
    let groups: BTreeSet<usize> = blocks.iter().filter_map(|b| b.group).collect();
    assert!(groups.len() >= 30, "only {} pairs", groups.len());
    for group in groups {
        let pair: Vec<&Block> =
            blocks.iter().filter(|b| b.group == Some(group)).collect();
        let languages: Vec<&str> = pair.iter().map(|b| b.language.as_str()).collect();
        let at = pair[0].at();
        assert_eq!(
            languages,
            ["rust", "python"],
            "{at}: a pair is Rust, then Python"
        );
        let [rust, python] = [pair[0], pair[1]].map(|b| {
            let include = b
                .include
                .as_deref()
                .unwrap_or_else(|| panic!("{}: typed by hand", b.at()));
            included(&b.page, include)
        });
        assert!(
            python.0.starts_with(python_dir()),
            "{at}: the Python is not a snippet of book/python/: {}",
            python.0.display()
        );
        let defined = python_definitions(&region(&python.0, &python.1));
        for function in rust_functions(&region(&rust.0, &rust.1)) {
            assert!(
                defined.contains(&function),
                "{at}: the Rust defines {function}, the Python beside it does not ({defined:?})"
            );
        }
    }
    for block in blocks.iter().filter(|b| b.language == "python") {
        assert!(
            block.group.is_some(),
            "{}: Python outside a pair of tabs",
            block.at()
        );
    }
}

#[test]
fn every_python_snippet_is_in_the_book_and_every_anchor_closed() {
    let shown: BTreeSet<(PathBuf, String)> = blocks()
        .iter()
        .filter(|b| b.language == "python")
        .filter_map(|b| b.include.as_deref().map(|i| included(&b.page, i)))
        .collect();
    let mut snippets = 0;
    for file in files(&python_dir(), "py") {
        let text = fs::read_to_string(&file).unwrap();
        let anchors: Vec<&str> = text
            .lines()
            .filter_map(|line| line.trim().strip_prefix("# ANCHOR: "))
            .collect();
        if file.ends_with("bench.py") {
            assert!(anchors.is_empty(), "bench.py is never shown");
            continue;
        }
        snippets += 1;
        assert!(
            !anchors.is_empty(),
            "{}: no ANCHOR: nothing is shown",
            file.display()
        );
        for anchor in anchors {
            assert!(
                text.contains(&format!("# ANCHOR_END: {anchor}")),
                "{}: ANCHOR {anchor} has no ANCHOR_END",
                file.display()
            );
            assert!(
                shown.contains(&(file.clone(), anchor.to_string())),
                "{}: {anchor} is in no page of the book",
                file.display()
            );
        }
    }
    assert!(snippets >= 25, "only {snippets} snippets");
}

#[test]
fn the_pairing_check_finds_what_it_looks_for() {
    let rust = "/// Doc\npub fn ask(\n    x: i32,\n) {}\nfn helper<T>(t: T) {}\nimpl A {\n    pub fn wait_for(&self) {}\n}";
    assert_eq!(
        rust_functions(rust),
        ["ask", "helper", "wait_for"].map(String::from).into()
    );
    let python = "def ask(context):\n    pass\nclass Ventilator:\n    def wait_for(self):\n        pass";
    assert_eq!(
        python_definitions(python),
        ["ask", "ventilator", "wait_for"].map(String::from).into()
    );
}
