//! The terminal's two languages: every line the verdict table prints, and every evidence line
//! an experiment renders, is a message of a Project Fluent catalog (`locales/<lang>/*.ftl`),
//! looked up with the values the run measured as its arguments ([`tr!`](crate::tr)).
//!
//! The language is chosen once, as the program starts ([`set`]); until then, and in the
//! tests and the book, it is English. Each catalog is compiled in, so the program needs no
//! file beside it.

pub mod catalogs;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the terminal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    /// Its tag, as `--lang` takes it and the catalogs' directories are named.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language a `--lang` value names: `en`, or `zh-CN` (also `zh`, `zh_CN`, in any
    /// case).
    pub fn parse(value: &str) -> Result<Lang, String> {
        match value.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Ok(Lang::ZhCn),
            _ => Err(format!(
                "unknown language {value:?} for --lang; use `--lang en` or `--lang zh-CN`"
            )),
        }
    }

    /// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and not empty decides, as POSIX orders them; Chinese if it starts with
    /// `zh`, English otherwise.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("zh") => Lang::ZhCn,
            _ => Lang::En,
        }
    }

    /// The language this process's environment asks for (see [`Lang::from_locale`]).
    pub fn from_environment() -> Lang {
        let var = |name| std::env::var(name).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `lang` the language of every message from now on. The program calls it once, before
/// it runs anything; the tests and the book never do, and read English.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are rendered in.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        0 => Lang::En,
        _ => Lang::ZhCn,
    }
}

/// A catalog: its file's name and its text, for each language.
pub struct Catalog {
    pub name: &'static str,
    pub en: &'static str,
    pub zh_cn: &'static str,
}

macro_rules! catalogs {
    ($($name:literal),* $(,)?) => {
        /// Every catalog, as compiled in.
        pub const CATALOGS: &[Catalog] = &[$(Catalog {
            name: $name,
            en: include_str!(concat!("../locales/en/", $name, ".ftl")),
            zh_cn: include_str!(concat!("../locales/zh-CN/", $name, ".ftl")),
        }),*];
    };
}

catalogs![
    "table", "evidence", "general", "reqrep", "pubsub", "pipeline", "network", "cli"
];

/// The Chinese of the registry's own text (verdicts' conditions, advice, what lies beyond a
/// claim): its English is the registry itself, so it has no English catalog.
pub const REGISTRY_ZH_CN: &str = include_str!("../locales/zh-CN/registry.ftl");

impl Catalog {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::ZhCn => self.zh_cn,
        }
    }
}

/// A language's messages, all its catalogs in one bundle. A catalog that does not parse, or
/// a message defined twice, stops the program at its first message: the catalogs' test
/// (`tests/programs/translations.rs`) catches it first.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang.tag().parse().expect("a language tag of our own");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Without the isolation marks Fluent puts around each argument, the English reads byte
    // for byte as the book's snapshots show it; the terminal lays the text out itself.
    bundle.set_use_isolating(false);
    let mut texts: Vec<(&str, &str)> =
        CATALOGS.iter().map(|c| (c.name, c.text(lang))).collect();
    if lang == Lang::ZhCn {
        texts.push(("registry", REGISTRY_ZH_CN));
    }
    for (name, text) in texts {
        let resource =
            FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, errors)| {
                panic!(
                    "the {} catalog {name} does not parse: {errors:?}",
                    lang.tag()
                )
            });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!(
                "the {} catalog {name} defines a message twice: {errors:?}",
                lang.tag()
            )
        });
    }
    bundle
}

static ENGLISH: LazyLock<FluentBundle<FluentResource>> =
    LazyLock::new(|| bundle(Lang::En));
static CHINESE: LazyLock<FluentBundle<FluentResource>> =
    LazyLock::new(|| bundle(Lang::ZhCn));

fn bundle_of(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::En => &ENGLISH,
        Lang::ZhCn => &CHINESE,
    }
}

/// A value a message takes: a number (which also chooses a plural form) or a text.
pub struct Arg(FluentValue<'static>);

macro_rules! numbers {
    ($($type:ty),*) => {$(
        impl From<$type> for Arg {
            fn from(n: $type) -> Arg {
                Arg(FluentValue::from(n as f64))
            }
        }
    )*};
}

numbers!(usize, u8, u16, u32, u64, u128, i32, i64, isize);

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg(FluentValue::from(text.to_string()))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg(FluentValue::from(text))
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg(FluentValue::from(text.clone()))
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Arg {
        Arg(FluentValue::from(text.into_owned()))
    }
}

impl From<crate::lab::Transport> for Arg {
    fn from(transport: crate::lab::Transport) -> Arg {
        Arg::from(transport.name())
    }
}

/// Message `id` in the current language, with `args`.
pub fn text(id: &str, args: Vec<(&'static str, Arg)>) -> String {
    text_in(current(), id, args)
}

/// Message `id` in `lang`, with `args`. A message the language lacks is looked up in English;
/// one English lacks reads as its ID, which the catalogs' test refuses.
pub fn text_in(lang: Lang, id: &str, args: Vec<(&'static str, Arg)>) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, Arg(value)) in args {
        fluent_args.set(name, value);
    }
    for bundle in [bundle_of(lang), bundle_of(Lang::En)] {
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
    }
    id.to_string()
}

/// Items as a list in the current language: "tcp, ipc" in English, "tcp、ipc" in Chinese.
pub fn join<T: AsRef<str>>(items: &[T]) -> String {
    let separator = text("list-separator", Vec::new());
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(&separator)
}

/// Whether message `id` exists in `lang`'s catalogs.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle_of(lang).has_message(id)
}

/// A message in the current language: `tr!("id")`, or `tr!("id", name = value, …)` with the
/// measured values as its arguments (numbers, texts, transports).
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text(
            $id,
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
}
