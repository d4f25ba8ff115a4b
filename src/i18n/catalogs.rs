//! How far the terminal's text is translated: per catalog, its messages, how many the
//! Chinese has, and which it lacks (`cargo run -- translations report`); the test of the catalogs
//! reads the same figures.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast;

use crate::i18n::{Lang, CATALOGS, REGISTRY_ZH_CN};
use crate::tr;

/// A message of a catalog, as its source defines it.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    /// Its comment: in a translation, "same as English" allows a text that reads as the
    /// English does.
    pub comment: String,
    /// The arguments it uses (`$count` is `count`).
    pub variables: BTreeSet<String>,
}

/// The messages of a catalog's source, or why it does not parse.
pub fn messages(source: &str) -> Result<Vec<Message>, String> {
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| format!("{errors:?}"))?;
    Ok(resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => Some(Message {
                id: message.id.name.to_string(),
                comment: message
                    .comment
                    .as_ref()
                    .map(|c| c.content.join("\n"))
                    .unwrap_or_default(),
                variables: message.value.as_ref().map(variables_of).unwrap_or_default(),
            }),
            _ => None,
        })
        .collect())
}

fn variables_of(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(
    expression: &ast::Expression<&str>,
    found: &mut BTreeSet<String>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                found.extend(variables_of(&variant.value));
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, found)
        }
        _ => {}
    }
}

/// Whether a translation's comment allows it to read as the English does.
pub fn may_read_as_english(comment: &str) -> bool {
    comment.contains("same as English")
}

/// One catalog's state in the Chinese.
#[derive(Debug, Clone)]
pub struct Status {
    pub name: String,
    pub messages: usize,
    pub translated: usize,
    /// What the Chinese lacks, by name.
    pub missing: Vec<String>,
}

/// The state of every catalog: the terminal's messages, the registry's text, the hints.
pub fn statuses() -> Vec<Status> {
    let mut statuses = Vec::new();
    for catalog in CATALOGS {
        let english = messages(catalog.en).unwrap_or_default();
        let chinese: BTreeSet<String> = messages(catalog.zh_cn)
            .unwrap_or_default()
            .into_iter()
            .map(|m| m.id)
            .collect();
        let missing: Vec<String> = english
            .iter()
            .filter(|m| !chinese.contains(&m.id))
            .map(|m| m.id.clone())
            .collect();
        statuses.push(Status {
            name: format!("locales/{{en,zh-CN}}/{}.ftl", catalog.name),
            messages: english.len(),
            translated: english.len() - missing.len(),
            missing,
        });
    }
    let registry: BTreeSet<String> = messages(REGISTRY_ZH_CN)
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let due = registry_ids();
    let missing: Vec<String> = due
        .iter()
        .filter(|id| !registry.contains(*id))
        .cloned()
        .collect();
    statuses.push(Status {
        name: "locales/zh-CN/registry.ftl".into(),
        messages: due.len(),
        translated: due.len() - missing.len(),
        missing,
    });
    let hints = hints(Path::new(env!("CARGO_MANIFEST_DIR")));
    let missing: Vec<String> = hints
        .iter()
        .filter(|(_, translated)| !translated)
        .map(|(name, _)| name.clone())
        .collect();
    statuses.push(Status {
        name: "exercises/hints/zh-CN/".into(),
        messages: hints.len(),
        translated: hints.len() - missing.len(),
        missing,
    });
    statuses
}

/// The IDs the registry's Chinese must have: per claim, its verdict's condition or
/// correction, its conditions, what lies beyond it, and its advice, where the registry has
/// them.
pub fn registry_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for claim in crate::claims::registry() {
        let parts = [
            ("verdict", claim.verdict.detail().is_some()),
            ("conditions", !claim.conditions.is_empty()),
            ("beyond", claim.beyond.is_some()),
            ("advice", true),
        ];
        for (part, due) in parts {
            if due {
                ids.push(format!("{}-{part}", claim.id));
            }
        }
    }
    ids
}

/// Each hint's file name, and whether it has its Chinese beside it
/// (`exercises/hints/zh-CN/<name>.md`).
pub fn hints(root: &Path) -> Vec<(String, bool)> {
    let dir = root.join("exercises/hints");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let translated = dir.join("zh-CN").join(&name).is_file();
            (name, translated)
        })
        .collect()
}

/// The report `cargo run -- translations` prints.
pub fn report() -> String {
    let mut out = tr!("translations-heading") + "\n";
    for status in statuses() {
        out += &tr!(
            "translations-line",
            catalog = status.name,
            messages = status.messages,
            translated = status.translated,
            missing = status.missing.len()
        );
        out.push('\n');
        for id in &status.missing {
            out += &format!("    {id}\n");
        }
    }
    out += &(tr!("translations-untranslated") + "\n");
    out
}

/// What is wrong with a catalog's Chinese beside its English: a message missing or extra,
/// a message that takes other arguments than the English (a measured value left out, or
/// one the program never gives), or one that reads as the English without saying why
/// ("same as English" in its comment). Empty when the Chinese is complete.
pub fn problems(name: &str, english: &str, chinese: &str) -> Vec<String> {
    let (en, zh) = match (messages(english), messages(chinese)) {
        (Ok(en), Ok(zh)) => (en, zh),
        (Err(e), _) => return vec![format!("{name}: the English does not parse: {e}")],
        (_, Err(e)) => return vec![format!("{name}: the Chinese does not parse: {e}")],
    };
    let mut problems = Vec::new();
    if en.is_empty() {
        problems.push(format!("{name}: the English has no message"));
    }
    for message in &en {
        let Some(translated) = zh.iter().find(|m| m.id == message.id) else {
            problems.push(format!("{name}: {} has no Chinese", message.id));
            continue;
        };
        if translated.variables != message.variables {
            problems.push(format!(
                "{name}: {} takes {:?} in English, {:?} in Chinese",
                message.id, message.variables, translated.variables
            ));
        }
        let same = rendered(english, &message.id) == rendered(chinese, &message.id);
        if same && !may_read_as_english(&translated.comment) {
            problems.push(format!(
                "{name}: {} reads as the English (say \"same as English\" in its comment if it must)",
                message.id
            ));
        }
    }
    for message in &zh {
        if !en.iter().any(|m| m.id == message.id) {
            problems.push(format!("{name}: {} is not in the English", message.id));
        }
    }
    problems
}

/// Message `id` of `source` as it reads without arguments (each argument as its name).
fn rendered(source: &str, id: &str) -> Option<String> {
    let resource = fluent_bundle::FluentResource::try_new(source.to_string()).ok()?;
    let mut bundle =
        fluent_bundle::FluentBundle::new(vec![Lang::En.tag().parse().ok()?]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).ok()?;
    let pattern = bundle.get_message(id)?.value()?;
    Some(
        bundle
            .format_pattern(pattern, None, &mut Vec::new())
            .into_owned(),
    )
}
