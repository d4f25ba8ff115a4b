//! The book's search, without a browser: mdBook's own search (an index that drops Chinese
//! words) is gone from the built HTML, every page wires its search bar to Pagefind's index
//! (book/search.js), and the table of queries the browser check runs names pages that exist.
//! That each query finds its page is the browser check's (scripts/search-in-browser).

use std::fs;

use mdbook_driver::MDBook;

use crate::{files, root};

/// The built HTML book, in a directory of its own.
fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut book = MDBook::load(root().join("book")).expect("the book loads");
    book.config.build.build_dir = out.path().to_path_buf();
    book.build().expect("the book builds");
    out
}

/// What mdBook's built-in search loads: its index and its scripts.
const MDBOOK_SEARCH: [&str; 4] = ["searchindex", "elasticlunr", "searcher", "mark.min"];

#[test]
fn every_page_searches_pagefinds_index_and_none_loads_mdbooks() {
    let out = built();
    let everything = files(out.path(), "js")
        .into_iter()
        .chain(files(out.path(), "json"))
        .collect::<Vec<_>>();
    for file in &everything {
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(
            !MDBOOK_SEARCH.iter().any(|script| name.starts_with(script)),
            "the build still holds mdBook's search: {name}"
        );
    }
    let script = everything
        .iter()
        .find(|f| {
            let name = f.file_name().unwrap().to_string_lossy();
            name.starts_with("search-") && name.ends_with(".js")
        })
        .expect("the build holds book/search.js (as search-<hash>.js)");
    let code = fs::read_to_string(script).unwrap();
    for needed in [
        "pagefind/pagefind.js",
        "mdbook-search-toggle",
        "mdbook-searchbar",
        "mdbook-searchresults",
    ] {
        assert!(code.contains(needed), "book/search.js names no {needed}");
    }
    let script_name = script.file_name().unwrap().to_string_lossy().into_owned();

    let pages = files(out.path(), "html");
    assert!(pages.len() > 25, "only {} pages were built", pages.len());
    for page in &pages {
        let name = page.strip_prefix(out.path()).unwrap().display().to_string();
        if name == "toc.html" {
            continue; // the sidebar's frame for readers without scripts: no menu bar
        }
        let html = fs::read_to_string(page).unwrap();
        for script in MDBOOK_SEARCH {
            assert!(
                !html.contains(script),
                "{name} loads mdBook's search ({script})"
            );
        }
        for id in [
            "mdbook-search-toggle",
            "mdbook-searchbar",
            "mdbook-searchresults-header",
            "mdbook-searchresults",
        ] {
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "{name} has no #{id} for the search"
            );
        }
        assert!(
            html.contains(&format!("{script_name}\"></script>")),
            "{name} does not load book/search.js ({script_name})"
        );
        assert!(
            html.contains("const path_to_root"),
            "{name} tells no script where its root is"
        );
    }
}

/// A row of book/search-queries.tsv.
struct Query {
    edition: String,
    query: String,
    first: Vec<String>,
}

fn queries() -> Vec<Query> {
    let table = fs::read_to_string(root().join("book/search-queries.tsv")).unwrap();
    let mut rows = Vec::new();
    for (number, line) in table.lines().enumerate() {
        if line.trim().is_empty()
            || line.starts_with('#')
            || line.starts_with("edition\t")
        {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        assert!(
            fields.len() == 3 && fields.iter().all(|f| !f.is_empty()),
            "search-queries.tsv:{}: want three fields split by tabs: {line:?}",
            number + 1
        );
        rows.push(Query {
            edition: fields[0].to_string(),
            query: fields[1].to_string(),
            first: fields[2].split_whitespace().map(String::from).collect(),
        });
    }
    rows
}

#[test]
fn the_search_queries_name_pages_of_the_book_and_words_its_pages_quote() {
    let out = built();
    let rows = queries();
    let english_pages: Vec<String> = files(out.path(), "html")
        .iter()
        .map(|p| {
            p.strip_prefix(out.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let english_text: String = english_pages
        .iter()
        .filter(|p| *p != "print.html")
        .map(|p| fs::read_to_string(out.path().join(p)).unwrap())
        .collect();
    for row in &rows {
        let what = format!("{} {:?}", row.edition, row.query);
        match row.first.as_slice() {
            [none] if none == "none" => assert!(
                !english_text
                    .to_lowercase()
                    .contains(&row.query.to_lowercase()),
                "{what} should find nothing, but the book holds it"
            ),
            [quoted] if quoted == "quoted" => {
                assert_eq!(
                    row.edition, ".",
                    "{what}: \"quoted\" is for the English book"
                );
                assert!(
                    row.query.chars().all(|c| !c.is_ascii()),
                    "{what}: \"quoted\" is for the article's Chinese"
                );
                assert!(
                    english_text.contains(&row.query),
                    "{what}: no English page quotes it"
                );
            }
            pages => {
                for page in pages {
                    // A zh-CN page has the path of the English page it translates.
                    assert!(
                        english_pages.contains(page),
                        "{what} wants {page}, which the book does not have"
                    );
                }
            }
        }
    }
    // Each edition is asked the same: each page the zh-CN rows want, an English row wants too,
    // and each edition has a query that must find nothing.
    let wanted = |edition: &str| -> Vec<Vec<String>> {
        rows.iter()
            .filter(|r| r.edition == edition && r.first != ["quoted"])
            .map(|r| r.first.clone())
            .collect()
    };
    let english = wanted(".");
    for pages in wanted("zh-CN") {
        assert!(
            english.contains(&pages),
            "the zh-CN rows want {pages:?} first, and no English row does"
        );
    }
    for edition in [".", "zh-CN"] {
        assert!(
            rows.iter()
                .any(|r| r.edition == edition && r.first == ["none"]),
            "the {edition} rows ask nothing that must find nothing"
        );
    }
}
