//! The terminal in two languages: every English message has its Chinese with the same
//! arguments, every hint its Chinese, and the table run in Chinese is Chinese, still shows
//! what the run measured, and fits 80 columns through a pipe with a CJK character counted as
//! two.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use zmq_workbook::i18n::catalogs::{self as translations, messages};
use zmq_workbook::i18n::{self, Lang, CATALOGS, REGISTRY_ZH_CN};

fn workbook(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = assert_cmd::Command::cargo_bin("workbook").unwrap();
    command.args(args).timeout(crate::process::BOUND);
    for key in [
        "CLICOLOR_FORCE",
        "NO_COLOR",
        "COLUMNS",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_english_message_has_its_chinese_with_the_same_arguments() {
    let mut problems = Vec::new();
    for catalog in CATALOGS {
        problems.extend(translations::problems(
            catalog.name,
            catalog.en,
            catalog.zh_cn,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check above refuses each way a translation falls short, and passes a complete one.
#[test]
fn an_incomplete_translation_is_refused() {
    let english = "greeting = hello\ncount = { $n ->\n    [one] { $n } message\n   *[other] { $n } messages\n}\n";
    let complete = "greeting = 你好\ncount = { $n } 条消息\n";
    assert_eq!(
        translations::problems("t", english, complete),
        Vec::<String>::new()
    );
    for (chinese, wrong) in [
        ("greeting = 你好\n", "count has no Chinese"),
        ("greeting = 你好\ncount = 一些消息\n", "count takes"),
        (
            "greeting = hello\ncount = { $n } 条消息\n",
            "greeting reads as the English",
        ),
        (
            "greeting = 你好\ncount = { $n } 条消息\nextra = 多余\n",
            "extra is not in the English",
        ),
        ("greeting = 你好\ncount = { $n 条消息\n", "does not parse"),
    ] {
        let problems = translations::problems("t", english, chinese);
        assert!(
            problems.iter().any(|p| p.contains(wrong)),
            "{chinese:?} should be refused with {wrong:?}: {problems:?}"
        );
    }
    let allowed = "# same as English: the bytes on the wire\ngreeting = hello\ncount = { $n } 条消息\n";
    assert_eq!(
        translations::problems("t", english, allowed),
        Vec::<String>::new()
    );
}

#[test]
fn every_claim_has_its_chinese_verdict_conditions_and_advice() {
    let translated: BTreeSet<String> = messages(REGISTRY_ZH_CN)
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let due: BTreeSet<String> = translations::registry_ids().into_iter().collect();
    assert_eq!(translated, due);
    for id in &due {
        let text = i18n::text_in(Lang::ZhCn, id, Vec::new());
        assert!(has_chinese(&text), "{id} is not Chinese: {text}");
    }
}

#[test]
fn every_hint_has_its_chinese_in_both_parts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hints = translations::hints(root);
    assert!(hints.len() >= 14, "{hints:?}");
    for (name, _) in hints {
        let path = root.join("exercises/hints/zh-CN").join(&name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{name} has no Chinese ({}): {e}", path.display())
        });
        let (nudge, more) = text
            .split_once(zmq_workbook::exercises::MORE)
            .unwrap_or_else(|| {
                panic!(
                    "{name}'s Chinese has no {:?} part",
                    zmq_workbook::exercises::MORE
                )
            });
        assert!(
            has_chinese(nudge) && has_chinese(more),
            "{name}'s Chinese is not Chinese"
        );
    }
}

/// Every message the code asks for by name is in the English catalogs, and every English
/// message is asked for somewhere.
#[test]
fn the_code_and_the_catalogs_name_the_same_messages() {
    let mut sources = String::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // Comments may show the macro; only code asks for messages.
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    if !line.trim_start().starts_with("//") {
                        sources += line;
                        sources.push('\n');
                    }
                }
            }
        }
    }
    let mut asked = BTreeSet::new();
    for (i, _) in sources.match_indices("tr!(") {
        if sources[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // include_str!( and the like
        }
        let rest = sources[i + 4..].trim_start();
        if let Some(rest) = rest.strip_prefix('"') {
            asked.insert(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    asked.insert("list-separator".into()); // asked for by `i18n::join`
    let defined: BTreeSet<String> = CATALOGS
        .iter()
        .flat_map(|c| messages(c.en).unwrap())
        .map(|m| m.id)
        .collect();
    let undefined: Vec<_> = asked.difference(&defined).collect();
    let unused: Vec<_> = defined.difference(&asked).collect();
    assert!(
        undefined.is_empty(),
        "asked for, not in English: {undefined:?}"
    );
    assert!(unused.is_empty(), "in English, never asked for: {unused:?}");
}

#[test]
fn the_locale_chooses_the_language_in_posix_order() {
    assert_eq!(Lang::from_locale(None, None, None), Lang::En);
    assert_eq!(
        Lang::from_locale(None, None, Some("zh_CN.UTF-8")),
        Lang::ZhCn
    );
    assert_eq!(
        Lang::from_locale(None, Some("zh_TW.UTF-8"), Some("en_US.UTF-8")),
        Lang::ZhCn
    );
    assert_eq!(
        Lang::from_locale(Some("C"), None, Some("zh_CN.UTF-8")),
        Lang::En
    );
    assert_eq!(
        Lang::from_locale(Some(""), None, Some("zh_CN.UTF-8")),
        Lang::ZhCn
    );
    assert_eq!(Lang::parse("zh-CN"), Ok(Lang::ZhCn));
    assert_eq!(Lang::parse("EN"), Ok(Lang::En));
    assert!(Lang::parse("fr").is_err());
}

/// The error names and numbers of the evidence lines (✔ and ✘, and the lines they wrap
/// onto): what the run measured.
fn measured(stdout: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut evidence = false;
    let lines = stdout.lines().filter(|line| {
        let mark = line.trim_start().chars().next();
        let wrapped =
            line.starts_with("       ") && !line.trim_start().starts_with(['⚖', '⏱']);
        evidence = matches!(mark, Some('✔' | '✘')) || (evidence && wrapped);
        evidence
    });
    for line in lines {
        for token in line.split(|c: char| !c.is_ascii_alphanumeric()) {
            let error = token.len() > 2
                && token.starts_with('E')
                && token.chars().all(|c| c.is_ascii_uppercase());
            if error || (!token.is_empty() && token.chars().all(|c| c.is_ascii_digit())) {
                values.push(token.to_string());
            }
        }
    }
    values
}

fn assert_chinese_table(output: &Output, english: &str) {
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(stdout.starts_with("正在本机运行"), "{stdout}");
    for word in [
        "✔ 与结论相符",
        "G2   成立 — ",
        "RR5  有条件成立 — ",
        "⚖ 未设置接收超时",
        "本次运行与每条结论都相符",
    ] {
        assert!(stdout.contains(word), "no {word:?} in:\n{stdout}");
    }
    let english_words = ["holds", "connected", "where", "took", "the socket"];
    for word in english_words {
        assert!(!stdout.contains(word), "English {word:?} in:\n{stdout}");
    }
    let (chinese_values, english_values) = (measured(&stdout), measured(english));
    assert!(
        chinese_values.contains(&"ENOTSUP".to_string()),
        "{chinese_values:?}"
    );
    assert!(
        chinese_values.contains(&"EAGAIN".to_string()),
        "{chinese_values:?}"
    );
    let errors = |values: &[String]| -> BTreeSet<String> {
        values
            .iter()
            .filter(|v| v.starts_with('E'))
            .cloned()
            .collect()
    };
    assert_eq!(errors(&chinese_values), errors(&english_values));
    for line in stdout.lines() {
        let width = textwrap::core::display_width(line);
        assert!(width <= 80, "{width} columns: {line}");
    }
}

#[test]
fn the_table_in_chinese_is_chinese_shows_what_was_measured_and_fits_80_columns() {
    let claims = ["claims", "G2", "RR5", "PS2"];
    let english = workbook(&claims, &[]);
    assert!(english.status.success(), "{english:?}");
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(english.starts_with("Running 3 experiments"), "{english}");

    let mut asked: Vec<&str> = claims.to_vec();
    asked.extend(["--lang", "zh-CN"]);
    assert_chinese_table(&workbook(&asked, &[]), &english);
    assert_chinese_table(&workbook(&claims, &[("LANG", "zh_CN.UTF-8")]), &english);
    // --lang en wins over the locale.
    let mut forced: Vec<&str> = claims.to_vec();
    forced.extend(["--lang", "en"]);
    let output = workbook(&forced, &[("LC_ALL", "zh_CN.UTF-8")]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("Running 3 experiments"));
}

/// What the book keeps (`--figures`, `--markdown`) stays English under a Chinese locale, and
/// turns Chinese only when asked.
#[test]
fn the_books_figures_are_english_unless_asked_otherwise() {
    let zh = [("LANG", "zh_CN.UTF-8")];
    let figures = workbook(&["claims", "RR5", "--figures"], &zh);
    let figures = String::from_utf8(figures.stdout).unwrap();
    assert!(figures.contains("RR5\ttcp: no client "), "{figures}");
    let asked = workbook(&["--lang", "zh-CN", "claims", "RR5", "--figures"], &zh);
    let asked = String::from_utf8(asked.stdout).unwrap();
    assert!(asked.contains("RR5\ttcp：没有客户端 "), "{asked}");
}

#[test]
fn an_unknown_language_is_one_line_and_a_failure() {
    let output = workbook(&["--lang", "fr"], &[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unknown language \"fr\""), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_hint_in_chinese_reads_the_chinese_file() {
    let output = workbook(&["--lang", "zh-CN", "exercises", "hint", "1"], &[]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("exercises/hints/zh-CN/e01_"), "{stdout}");
    assert!(stdout.contains("还是卡住了"), "{stdout}");
    // After the request too: `exercises` takes its words as they come.
    let after = workbook(&["exercises", "hint", "1", "--lang", "zh-CN"], &[]);
    assert_eq!(after.stdout, stdout.as_bytes());
    let more = workbook(
        &["exercises", "hint", "1", "more"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    let more = String::from_utf8(more.stdout).unwrap();
    assert!(has_chinese(&more) && more.contains("recv_bytes"), "{more}");
}

/// Claims of every pattern, with what lies beyond three of them, a star and figures: the
/// wrapping is the table's, not a claim's, and these run in a second or two, where the whole
/// table on a machine busy with two suites once took longer than a program may in a test.
#[test]
fn every_line_of_the_chinese_table_fits_80_columns_through_a_pipe() {
    let claims = ["G1", "RR6", "RR7", "PS2", "PS3", "PL1", "PL4"];
    let output = workbook(
        &["--lang", "zh-CN", "claims"]
            .iter()
            .chain(&claims)
            .copied()
            .collect::<Vec<_>>(),
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() > 40, "{stdout}");
    for id in claims {
        assert!(stdout.contains(id), "{id} missing:\n{stdout}");
    }
    assert!(
        !stdout.contains('\u{1b}'),
        "colour codes in a pipe:\n{stdout}"
    );
    for line in stdout.lines() {
        let width = textwrap::core::display_width(line);
        assert!(width <= 80, "{width} columns: {line}");
    }
}

/// Chinese has no spaces: a line breaks between two characters, never before a closing
/// mark, and nothing is added or lost.
#[test]
fn chinese_wraps_between_characters_within_the_width() {
    use zmq_workbook::table::Layout;
    let text = "在 tcp 和 ipc 上，connect 返回后订阅才在后台传送，立即发布的一批消息在部分运行中丢了开头。\
                在 inproc 上，connect 返回时订阅已在发布者的管道里（PS6）。";
    for width in [40, 57, 80] {
        let layout = Layout {
            width,
            by_bytes: false,
        };
        let lines = layout.wrap_plain(text);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(textwrap::core::display_width(line) <= width, "{line}");
            assert!(!line.starts_with(['，', '。', '）']), "{lines:#?}");
        }
        let rejoined: String = lines.concat();
        assert_eq!(rejoined.replace(' ', ""), text.replace(' ', ""));
    }
    // English still breaks only at spaces.
    let layout = Layout {
        width: 40,
        by_bytes: true,
    };
    let english =
        "the first messages lost in some runs; what arrived was the tail of the burst";
    assert_eq!(layout.wrap_plain(english).join(" "), english);
}
