//! The editions of a built book: the book itself, and a book of another language in a
//! directory right under it (`zh-CN/`), each a site of its own with the same page paths.
//! Such a directory is told from one of chapters by its `<html lang>`, or, should it name
//! the book's own language, by the table of contents every mdBook build writes (`toc.html`).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where each edition's index goes, beside its pages.
pub const BUNDLE: &str = "pagefind";

/// mdBook's pages that are not a chapter: the print page holds every chapter at once, so it
/// would come first for every query; the 404 page and the table of contents hold none.
const NOT_A_CHAPTER: [&str; 3] = ["print.html", "404.html", "toc.html"];

pub struct Edition {
    pub root: PathBuf,
    /// The `<html lang>` of its pages, e.g. `en` or `zh-CN`.
    pub language: String,
    /// The directories under `root` that are editions of their own, to leave out.
    others: Vec<PathBuf>,
}

impl Edition {
    pub fn bundle(&self) -> PathBuf {
        self.root.join(BUNDLE)
    }

    /// Every chapter's page, relative to `root`, in a stable order.
    pub fn pages(&self) -> Result<Vec<PathBuf>> {
        let mut pages = Vec::new();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)
                .with_context(|| format!("cannot list {}", dir.display()))?
            {
                let path = entry?.path();
                if path.is_dir() {
                    if path != self.bundle() && !self.others.contains(&path) {
                        stack.push(path);
                    }
                } else if path.extension().is_some_and(|e| e == "html") {
                    let page = path
                        .strip_prefix(&self.root)
                        .expect("under the root")
                        .to_path_buf();
                    if !NOT_A_CHAPTER.iter().any(|name| page == Path::new(name)) {
                        pages.push(page);
                    }
                }
            }
        }
        pages.sort();
        Ok(pages)
    }
}

/// The book at `book`, then each edition right under it.
pub fn find(book: &Path) -> Result<Vec<Edition>> {
    let language = language_of(&book.join("index.html"))?;
    let mut others = Vec::new();
    for entry in
        fs::read_dir(book).with_context(|| format!("cannot list {}", book.display()))?
    {
        let dir = entry?.path();
        let index = dir.join("index.html");
        if dir.is_dir() && index.is_file() {
            let theirs = language_of(&index)?;
            // A book of its own: another language, or a whole mdBook build (its own table of
            // contents) even if it names the same language.
            if theirs != language || dir.join("toc.html").is_file() {
                others.push(Edition {
                    root: dir,
                    language: theirs,
                    others: Vec::new(),
                });
            }
        }
    }
    others.sort_by(|a, b| a.root.cmp(&b.root));
    let dirs = others.iter().map(|o| o.root.clone()).collect();
    let mut editions = vec![Edition {
        root: book.to_path_buf(),
        language,
        others: dirs,
    }];
    editions.extend(others);
    Ok(editions)
}

/// The `lang` of a page's `<html>` element, as mdBook writes it (`<html lang="en" …>`).
fn language_of(page: &Path) -> Result<String> {
    let html = fs::read_to_string(page)
        .with_context(|| format!("cannot read {}", page.display()))?;
    let tag = html
        .find("<html")
        .map(|start| &html[start..])
        .and_then(|rest| rest.find('>').map(|end| &rest[..end]))
        .with_context(|| format!("{} has no <html> element", page.display()))?;
    tag.split_once("lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(lang, _)| lang.to_string())
        .filter(|lang| !lang.is_empty())
        .with_context(|| format!("{}'s <html> names no language", page.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &Path, lang: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, format!("<!DOCTYPE html>\n<html lang=\"{lang}\" class=\"light\"><main><h1>x</h1></main></html>")).unwrap();
    }

    #[test]
    fn an_edition_is_a_directory_of_another_language_and_holds_only_its_chapters() {
        let book = tempfile::tempdir().unwrap();
        let root = book.path();
        for name in [
            "index.html",
            "print.html",
            "404.html",
            "toc.html",
            "pubsub/ps2.html",
        ] {
            page(&root.join(name), "en");
        }
        // A directory of chapters with an index.html of the same language is not an edition.
        page(&root.join("reference/index.html"), "en");
        for name in ["index.html", "pubsub/ps2.html", "print.html"] {
            page(&root.join("zh-CN").join(name), "zh-CN");
        }
        fs::create_dir_all(root.join(BUNDLE)).unwrap();
        page(&root.join(BUNDLE).join("playground.html"), "en");

        let editions = find(root).unwrap();
        let found: Vec<(&Path, &str)> = editions
            .iter()
            .map(|e| (e.root.as_path(), e.language.as_str()))
            .collect();
        assert_eq!(
            found,
            [(root, "en"), (root.join("zh-CN").as_path(), "zh-CN")]
        );
        let pages = |e: &Edition| -> Vec<String> {
            e.pages()
                .unwrap()
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect()
        };
        assert_eq!(
            pages(&editions[0]),
            ["index.html", "pubsub/ps2.html", "reference/index.html"]
        );
        assert_eq!(pages(&editions[1]), ["index.html", "pubsub/ps2.html"]);
    }

    #[test]
    fn a_whole_book_under_the_book_is_an_edition_even_in_the_same_language() {
        let book = tempfile::tempdir().unwrap();
        let root = book.path();
        for name in [
            "index.html",
            "toc.html",
            "zh-CN/index.html",
            "zh-CN/toc.html",
        ] {
            page(&root.join(name), "en");
        }
        let editions = find(root).unwrap();
        assert_eq!(editions.len(), 2);
        assert_eq!(editions[1].root, root.join("zh-CN"));
        assert_eq!(editions[0].pages().unwrap(), [PathBuf::from("index.html")]);
    }

    #[test]
    fn a_page_without_a_language_is_refused() {
        let book = tempfile::tempdir().unwrap();
        fs::write(book.path().join("index.html"), "<html><body></body></html>").unwrap();
        let error = find(book.path()).err().expect("refused").to_string();
        assert!(error.contains("names no language"), "{error}");
    }
}
