//! The book in Chinese, the gettext way: every sentence a reader sees is a message of
//! `po/messages.pot`, extracted from the book as mdBook expands it (with the snapshots of the live
//! run it includes, its HTML blocks and its figures' labels; code stays code); `po/zh-CN.po` holds
//! the translations, and the zh-CN edition is the English book with each translated message
//! replaced. mdbook-i18n-helpers does the
//! extraction and the replacement in this process; no `mdbook-xgettext` or `msgmerge` binary is
//! needed.

mod figures;
mod html;
mod merge;
mod prepare;
mod report;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use mdbook_driver::MDBook;
use mdbook_i18n_helpers::gettext::{add_stripped_summary_translations, translate_book};
use mdbook_i18n_helpers::renderers::Xgettext;
use mdbook_renderer::RenderContext;
use polib::catalog::Catalog;
use polib::message::Message;

pub use figures::{figure_labels, translate_figures};
pub use html::{html_messages, translate_html};
pub use merge::merge;
pub use prepare::{prepare, Prepare};
pub use report::{page_of, render_report, report, PageCounts};

/// The languages the book is translated into, as mdBook and the PO file name them.
pub const LANGUAGES: [&str; 1] = ["zh-CN"];

/// The repository's root: this crate is `book/build/` in it.
pub fn root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        here.ancestors().nth(2).unwrap_or(here).to_path_buf()
    })
}

/// Where the catalogs live: `po/` at the repository's root.
pub fn po_dir() -> PathBuf {
    root().join("po")
}

pub fn template_path() -> PathBuf {
    po_dir().join("messages.pot")
}

pub fn catalog_path(language: &str) -> PathBuf {
    po_dir().join(format!("{language}.po"))
}

/// The English book, as `book/book.toml` describes it.
pub fn load_english() -> anyhow::Result<MDBook> {
    let dir = root().join("book");
    MDBook::load(&dir)
        .with_context(|| format!("cannot load the book in {}", dir.display()))
}

/// The book in `language`: the same sources, each message replaced by its translation in
/// `po/<language>.po` (never by a fuzzy one), built into `<English build dir>/<language>`.
pub fn load_translated(language: &str) -> anyhow::Result<MDBook> {
    let catalog = read_catalog(&catalog_path(language))?;
    load_with_catalog(language, catalog)
}

/// The book translated by `catalog`, which `language` names.
pub fn load_with_catalog(language: &str, catalog: Catalog) -> anyhow::Result<MDBook> {
    let mut book = load_english()?;
    let english_dir = book.root.join(&book.config.build.build_dir);
    book.config.build.build_dir = english_dir.join(language);
    book.config.book.language = Some(language.to_string());
    if let Some(title) = &book.config.book.title {
        book.config.book.title =
            Some(translated(&catalog, title).unwrap_or(title).to_string());
    }
    if let Some(description) = &book.config.book.description {
        let description = translated(&catalog, description).unwrap_or(description);
        book.config.book.description = Some(description.to_string());
    }
    // Registered here rather than in book.toml, where mdBook would look for programs of these
    // names; they run after `links`, so included snapshots are translated too, and included
    // code is marked to stay as it is.
    book.with_preprocessor(Prepare);
    book.with_preprocessor(Translate::new(catalog));
    Ok(book)
}

/// mdbook-i18n-helpers' gettext preprocessor, then the HTML blocks' text and the figures'
/// labels, all from one catalog. It is the body of the crate's `Gettext`, which reads its catalog
/// from a file itself: here the catalog is read once for the three, and a test can hand it a
/// made-up one.
pub struct Translate {
    catalog: Catalog,
}

impl Translate {
    pub fn new(mut catalog: Catalog) -> Self {
        add_stripped_summary_translations(&mut catalog);
        Self { catalog }
    }
}

impl mdbook_preprocessor::Preprocessor for Translate {
    fn name(&self) -> &str {
        "gettext"
    }

    fn run(
        &self,
        _: &mdbook_preprocessor::PreprocessorContext,
        mut book: mdbook_preprocessor::book::Book,
    ) -> anyhow::Result<mdbook_preprocessor::book::Book> {
        translate_book(&self.catalog, &mut book)?;
        book.for_each_mut(|item| {
            if let mdbook_preprocessor::book::BookItem::Chapter(chapter) = item {
                let html = translate_html(&chapter.content, &self.catalog);
                chapter.content = translate_figures(&html, &self.catalog);
            }
        });
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> anyhow::Result<bool> {
        Ok(renderer != "xgettext")
    }
}

/// Where `book`'s HTML lands.
pub fn html_dir(book: &MDBook) -> PathBuf {
    book.build_dir_for("html")
}

/// Builds the English book, then each translation inside it, in `<dir>/<language>` (the English
/// build empties its directory first, so the order matters). `dir` is book.toml's unless given.
/// Returns the English build's directory.
pub fn build_all(dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    let mut english = load_english()?;
    if let Some(dir) = dir {
        english.config.build.build_dir = dir.to_path_buf();
    }
    english.build().context("the English book did not build")?;
    let built = html_dir(&english);
    for language in LANGUAGES {
        let mut book = load_translated(language)?;
        book.config.build.build_dir = built.join(language);
        book.build()
            .with_context(|| format!("the {language} book did not build"))?;
    }
    Ok(built)
}

/// The translation of `msgid` in `catalog`, if it has one that is not fuzzy.
pub fn translated<'a>(catalog: &'a Catalog, msgid: &str) -> Option<&'a str> {
    catalog
        .find_message(None, msgid, None)
        .filter(|m| m.is_translated() && !m.is_fuzzy())
        .and_then(|m| m.msgstr().ok())
        .filter(|s| !s.is_empty())
}

pub fn read_catalog(path: &Path) -> anyhow::Result<Catalog> {
    polib::po_file::parse(path)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("cannot read {} as a PO file", path.display()))
}

/// Every message of the English book, afresh from its sources: the pages as mdBook expands them
/// (mdbook-i18n-helpers' extraction), the book's title and description, and the figures' labels.
pub fn extract() -> anyhow::Result<Catalog> {
    let book = load_english()?;
    let (mut expanded, _) = book
        .preprocess_book(&Xgettext)
        .context("the book's preprocessors did not run")?;
    prepare::prepare_book(&mut expanded);
    let context = RenderContext::new(
        book.root.clone(),
        expanded,
        book.config.clone(),
        book.root.join("xgettext"),
    );
    let mut catalogs = mdbook_i18n_helpers::xgettext::create_catalogs(&context, |path| {
        fs::read_to_string(path)
    })
    .context("extracting the book's messages")?;
    let mut catalog = catalogs
        .remove(Path::new("messages.pot"))
        .ok_or_else(|| anyhow!("the extraction made no messages.pot"))?;
    for item in expanded_items(&context.book) {
        let source = format!("src/{}", item.0.display());
        for (line, text) in html_messages(&item.1) {
            add(&mut catalog, &text, &format!("{source}:{line}"));
        }
    }
    let config = &book.config.book;
    for text in [&config.title, &config.description].into_iter().flatten() {
        add(&mut catalog, text, "book.toml");
    }
    for (file, labels) in figure_labels(&book.source_dir().join("diagrams"))? {
        let source = format!("src/diagrams/{file}");
        for (line, label) in labels {
            add(&mut catalog, &label, &format!("{source}:{line}"));
        }
    }
    // Code, a name or a sentence already in Chinese (the article's words) reads the same in
    // every language: not a message.
    let mut catalog = keep_words(catalog);
    // The date of extraction would change the file on every run.
    catalog.metadata.pot_creation_date.clear();
    Ok(catalog)
}

/// Every chapter of `book` with a file, and its content.
fn expanded_items(book: &mdbook_renderer::book::Book) -> Vec<(PathBuf, String)> {
    book.iter()
        .filter_map(|item| match item {
            mdbook_renderer::book::BookItem::Chapter(chapter) => chapter
                .path
                .clone()
                .map(|path| (path, chapter.content.clone())),
            _ => None,
        })
        .collect()
}

fn keep_words(catalog: Catalog) -> Catalog {
    let mut kept = Catalog::new(merge::copy_metadata(&catalog.metadata));
    for message in catalog.messages().filter(|m| figures::is_words(m.msgid())) {
        kept.append_or_update(
            Message::build_singular()
                .with_msgid(message.msgid().to_string())
                .with_source(message.source().to_string())
                .with_comments(message.comments().to_string())
                .done(),
        );
    }
    kept
}

fn add(catalog: &mut Catalog, msgid: &str, source: &str) {
    let source = match catalog.find_message(None, msgid, None) {
        Some(known) if known.source().split_whitespace().any(|s| s == source) => {
            known.source().to_string()
        }
        Some(known) => format!("{}\n{source}", known.source()),
        None => source.to_string(),
    };
    catalog.append_or_update(
        Message::build_singular()
            .with_msgid(msgid.to_string())
            .with_source(source)
            .done(),
    );
}

/// What `translations update` did to one language's catalog.
pub struct Updated {
    pub language: &'static str,
    pub added: usize,
    pub fuzzy: usize,
    pub removed: usize,
}

/// Writes `po/messages.pot` afresh, and brings each language's catalog up to it: new messages
/// untranslated, changed ones fuzzy with their old translation, gone ones removed.
pub fn update() -> anyhow::Result<Vec<Updated>> {
    let template = extract()?;
    fs::create_dir_all(po_dir())?;
    write_catalog(&template, &template_path())?;
    let mut updated = Vec::new();
    for language in LANGUAGES {
        let path = catalog_path(language);
        let old = if path.exists() {
            read_catalog(&path)?
        } else {
            Catalog::new(merge::copy_metadata(&template.metadata))
        };
        let (mut merged, counts) = merge(&template, &old);
        merged.metadata = merge::copy_metadata(&old.metadata);
        merged.metadata.language = language.to_string();
        merged.metadata.pot_creation_date.clear();
        if merged.metadata.content_type.is_empty() {
            merged.metadata.mime_version = "1.0".into();
            merged.metadata.content_type = "text/plain; charset=UTF-8".into();
            merged.metadata.content_transfer_encoding = "8bit".into();
        }
        if merged.metadata.project_id_version.is_empty() {
            merged.metadata.project_id_version =
                template.metadata.project_id_version.clone();
        }
        write_catalog(&merged, &path)?;
        updated.push(Updated {
            language,
            added: counts.added,
            fuzzy: counts.fuzzy,
            removed: counts.removed,
        });
    }
    Ok(updated)
}

/// Writes `catalog` to `path` whole or not at all: an interrupted update leaves the old file.
fn write_catalog(catalog: &Catalog, path: &Path) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let written = tempfile::NamedTempFile::new_in(dir)
        .and_then(|file| {
            polib::po_file::write(catalog, file.path())?;
            // A temporary file is private to its owner; the catalog is as readable as the rest.
            if let Ok(old) = fs::metadata(path) {
                fs::set_permissions(file.path(), old.permissions())?;
            } else {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    fs::set_permissions(file.path(), fs::Permissions::from_mode(0o644))?;
                }
            }
            Ok(file)
        })
        .with_context(|| format!("cannot write {}", path.display()))?;
    written
        .persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}
