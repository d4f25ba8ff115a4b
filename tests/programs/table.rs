//! The verdict table as a reader meets it: it fits 80 columns through a pipe (counted in bytes,
//! as `awk 'length > 80'` counts them), is coloured only when asked to be, speaks of one
//! experiment in the singular, and tells where a single claim's tests and page are.

use std::process::Output;

fn workbook(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = assert_cmd::Command::cargo_bin("workbook").unwrap();
    command.args(args).timeout(crate::process::BOUND);
    command
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        // English, whatever the machine's locale: these tests read the English table.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn table_through_a_pipe_fits_80_bytes_a_line_without_colour() {
    let output = workbook(&["claims", "PS7", "RR5", "PL5"], &[]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() > 20, "{stdout}");
    for line in stdout.lines() {
        assert!(line.len() <= 80, "{} bytes: {line}", line.len());
    }
    assert!(
        !stdout.contains('\u{1b}'),
        "colour codes in a pipe:\n{stdout}"
    );
}

#[test]
fn table_is_coloured_when_asked_and_not_under_no_color() {
    let coloured = workbook(&["claims", "G2"], &[("CLICOLOR_FORCE", "1")]);
    let stdout = String::from_utf8(coloured.stdout).unwrap();
    assert!(stdout.contains("\u{1b}[32mholds\u{1b}[0m"), "{stdout:?}");
    let plain = workbook(
        &["claims", "G2"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!String::from_utf8(plain.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn table_of_one_claim_says_where_its_tests_and_page_are() {
    let output = workbook(&["claims", "rr1"], &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("Running 1 experiment on"), "{stdout}");
    assert!(
        stdout.contains("1 claim: 1 holds, 0 hold only when…"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "RR1: its tests `cargo test rr1_`; its page book/src/reqrep/rr1.md"
        ),
        "{stdout}"
    );
}

/// Lines as one text again, each break read as a space: equal to the text wrapped if every
/// break fell between two words.
fn rejoined(lines: &[String]) -> String {
    lines.join(" ")
}

#[test]
fn table_at_60_columns_breaks_lines_only_between_words() {
    let output = workbook(&["claims", "G2", "RR1"], &[("COLUMNS", "60")]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for line in stdout.lines() {
        assert!(line.len() <= 60, "{} bytes: {line}", line.len());
    }
    // Each entry of the legend whole on one line, each closing hint whole once rejoined.
    for entry in zmq_workbook::table::legend() {
        assert!(
            stdout.lines().any(|line| line.contains(&entry)),
            "{entry:?} is split:\n{stdout}"
        );
    }
    let flowing = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for hint in [
        "G2: its tests `cargo test g2_`; its page book/src/general/g2.md",
        "RR1: its tests `cargo test rr1_`; its page book/src/reqrep/rr1.md",
    ] {
        assert!(flowing.contains(hint), "{hint:?} is split:\n{stdout}");
    }
}

#[test]
fn closing_hint_of_every_claim_wraps_between_words_at_60_columns() {
    use zmq_workbook::table::{closing, heading, Layout};
    let narrow = Layout {
        width: 60,
        by_bytes: false,
    };
    let hint = closing(&[], true, narrow);
    assert!(hint.len() > 1, "{hint:?}");
    assert!(
        hint.iter().all(|line| line.chars().count() <= 60),
        "{hint:?}"
    );
    assert_eq!(
        rejoined(&hint),
        "Each claim is asserted by `cargo test <id>_` (e.g. `cargo test rr4_`); the book \
         explains each one: `cargo run -- book`."
    );
    let head = heading(24, "4.3.4", narrow);
    assert!(
        head.lines().all(|line| line.chars().count() <= 60),
        "{head}"
    );
    assert!(
        head.contains(
            "✔ as the verdict says  ✘ not so  ⚖ condition  ⏱ figures\n★ key claim\n"
        ),
        "{head}"
    );
}

/// Claims made up to show how the table reads a row: their experiments return what they
/// are told to.
mod made_up {
    use zmq_workbook::claims::{Beyond, Claim, Finding, Glance, Verdict};

    pub fn as_stated() -> anyhow::Result<Finding> {
        let mut finding = Finding::new();
        finding.observe(true, "as stated");
        Ok(finding)
    }

    pub fn not_as_stated() -> anyhow::Result<Finding> {
        let mut finding = Finding::new();
        finding.observe(false, "not as stated: <b> & \"c\"");
        Ok(finding)
    }

    /// Observed as stated, on a set-up the run could not prove.
    pub fn set_up_unproven() -> anyhow::Result<Finding> {
        let mut finding = Finding::new();
        finding.observe(true, "as stated");
        finding.set_up(false, "the transport was not the one asked for");
        Ok(finding)
    }

    pub fn broken() -> anyhow::Result<Finding> {
        anyhow::bail!("broken")
    }

    pub const fn claim(
        id: &'static str,
        experiment: fn() -> anyhow::Result<Finding>,
        beyond: Option<fn() -> anyhow::Result<Finding>>,
    ) -> Claim {
        Claim {
            id,
            star: false,
            summary: "A made-up claim",
            zh: "中文",
            en: "English",
            glance: Glance {
                zh: "中文",
                en: "A made-up claim",
                advice: "Do this with `code` & <care>.",
            },
            verdict: Verdict::Holds,
            conditions: "",
            experiment,
            beyond: match beyond {
                Some(experiment) => Some(Beyond {
                    about: "something else",
                    experiment,
                }),
                None => None,
            },
        }
    }

    pub static BEYOND_WRONG: Claim = claim("X1", as_stated, Some(not_as_stated));
    pub static BEYOND_BROKEN: Claim = claim("X2", as_stated, Some(broken));
    pub static VERDICT_WRONG: Claim = claim("X3", not_as_stated, Some(as_stated));
    pub static NOTHING_BEYOND: Claim = claim("X4", as_stated, None);
    pub static SET_UP_UNPROVEN: Claim = claim("X5", set_up_unproven, None);
}

/// The rule of a verdict, as the table holds it: the verdict's agreement is read from the
/// main promise's experiment alone, whatever was measured beyond the claim; and what was
/// measured beyond it is judged all the same, so a broken experiment there fails the run.
#[test]
fn a_verdict_agrees_from_its_own_evidence_and_what_lies_beyond_is_judged_apart() {
    use made_up::*;
    use zmq_workbook::table::{self, Layout};
    let rows = table::run(&[
        &BEYOND_WRONG,
        &BEYOND_BROKEN,
        &VERDICT_WRONG,
        &NOTHING_BEYOND,
    ]);
    let agreement: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.claim.id,
                r.verdict_agrees(),
                r.beyond_agrees(),
                r.agrees(),
            )
        })
        .collect();
    assert_eq!(
        agreement,
        [
            ("X1", true, false, false),
            ("X2", true, false, false),
            ("X3", false, true, false),
            ("X4", true, true, true),
        ]
    );
    assert!(rows[3].beyond.is_none());
    let tally = table::summary(&rows, std::time::Duration::ZERO);
    assert!(
        tally.ends_with(
            "This run DISAGREED on: X1 (beyond the claim), X2 (beyond the claim), X3."
        ),
        "{tally}"
    );

    // In the terminal, what lies beyond follows the evidence, as a group of its own.
    let wide = Layout {
        width: 100,
        by_bytes: false,
    };
    let text = anstream::adapter::strip_str(&table::render_text(&rows[..2], wide, true))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "X1   holds — A made-up claim",
            "     ✔ as stated",
            "     Beyond the claim: something else",
            "     ✘ not as stated: <b> & \"c\"",
            "X2   holds — A made-up claim",
            "     ✔ as stated",
            "     Beyond the claim: something else",
            "     ✘ the experiment failed: broken",
        ],
        "{text}"
    );

    // On "Verdicts at a glance", a claim is a <tbody>: its row, then the fold with its
    // evidence. The badge is the same whatever lies beyond; what lies beyond is in the
    // fold, after the verdict's evidence, under its own heading. A run that disagreed says
    // so beside the verdict and opens the fold. The text is HTML, escaped, in one block
    // (no blank line, after which Markdown would take over).
    let page = table::render_markdown(&rows);
    assert!(page.starts_with(
        "<table class=\"verdicts\">\n<thead><tr><th>ID</th><th>The claim</th>\
         <th>Verdict</th><th>Do this</th></tr></thead>\n"
    ));
    assert!(!page.contains("\n\n"), "{page}");
    let claim = |id: &str| {
        page.split("<tbody ")
            .find(|part| part.contains(&format!(">{id}</a>")))
            .unwrap()
            .to_string()
    };
    for id in ["X1", "X2", "X3", "X4"] {
        let row = claim(id);
        assert!(row.contains("<td class=\"verdict\" data-label=\"Verdict\"><span class=\"badge holds\">holds</span>"), "{row}");
        assert!(row.contains("<td class=\"advice\" data-label=\"Do this\">Do this with <code>code</code> &amp; &lt;care&gt;.</td>"), "{row}");
        assert!(
            row.contains("<span lang=\"zh-CN\">中文</span><br>A made-up claim"),
            "{row}"
        );
    }
    let x1 = claim("X1");
    assert!(x1.contains("</span> <strong class=\"disagreed\">✘ this run disagreed beyond the claim</strong></td>"), "{x1}");
    assert!(x1.contains("<details open>"), "{x1}");
    let (main, beyond) = x1
        .split_once("<p><strong>Beyond the claim: something else</strong></p>")
        .unwrap();
    assert!(main.contains("<li>✔ as stated</li>"), "{x1}");
    assert!(
        beyond.contains(
            "<li>✘ <strong>not as stated: &lt;b&gt; &amp; &quot;c&quot;</strong></li>"
        ),
        "{x1}"
    );
    assert!(
        claim("X2").contains("<li>✘ <strong>the experiment failed: broken</strong></li>")
    );
    let x3 = claim("X3");
    assert!(
        x3.contains("<strong class=\"disagreed\">✘ this run disagreed</strong>"),
        "{x3}"
    );
    assert!(x3.contains("<details open>"), "{x3}");
    let x4 = claim("X4");
    assert!(
        !x4.contains("disagreed") && !x4.contains("Beyond the claim"),
        "{x4}"
    );
    assert!(
        x4.contains("<details><summary>The evidence of a live run</summary>"),
        "{x4}"
    );
}

/// A verdict's badge says its verdict in words (its colour is a class the book's style
/// sheet gives it), then the condition or what happens instead.
#[test]
fn a_verdict_badge_says_its_verdict_in_words_then_its_condition() {
    use zmq_workbook::claims::Verdict;
    use zmq_workbook::table::verdict_badge;
    assert_eq!(
        verdict_badge(&Verdict::Holds),
        "<span class=\"badge holds\">holds</span>"
    );
    assert_eq!(
        verdict_badge(&Verdict::HoldsOnlyWhen("no `RCVTIMEO` is set")),
        "<span class=\"badge holds-only-when\">holds only when</span> no <code>RCVTIMEO</code> is set"
    );
    assert_eq!(
        verdict_badge(&Verdict::DoesNotHold("a < b")),
        "<span class=\"badge does-not-hold\">does not hold</span>: a &lt; b"
    );
}

/// The reference runs the book keeps: each figure stays under its claim, and what lies
/// beyond a claim under "beyond" (never pooled with the verdict's figures, nor with another
/// claim's of the same wording), and a number keeps its decimals.
#[test]
fn reference_runs_keep_each_figure_under_its_own_claim_with_its_decimals() {
    use made_up::*;
    use zmq_workbook::claims::Finding;
    use zmq_workbook::table::{self, Row};
    assert_eq!(
        table::figure_template("tcp: took 12.5 ms, 3 of 10"),
        (
            "tcp: took # ms, # of #".to_string(),
            vec!["12.5".to_string(), "3".to_string(), "10".to_string()]
        )
    );
    let finding = |figures: &[&str]| -> Result<Finding, String> {
        let mut finding = Finding::new();
        for figure in figures {
            finding.figure(*figure);
        }
        Ok(finding)
    };
    let run = |main: &str, beyond: &str, other: &str| {
        vec![
            Row {
                claim: &BEYOND_WRONG,
                outcome: finding(&[main]),
                beyond: Some(finding(&[beyond])),
                took: std::time::Duration::ZERO,
            },
            Row {
                claim: &NOTHING_BEYOND,
                outcome: finding(&[other]),
                beyond: None,
                took: std::time::Duration::ZERO,
            },
        ]
    };
    let runs = [
        run("took 12.5 ms", "took 3.25 ms", "took 7.5 ms"),
        run("took 13.5 ms", "took 4.25 ms", "took 8.5 ms"),
    ];
    assert_eq!(
        table::render_figures(&runs[0]),
        "X1\ttook 12.5 ms\nX1 beyond\ttook 3.25 ms\nX4\ttook 7.5 ms\n"
    );
    let reference = table::render_reference(&runs);
    let lines: Vec<&str> = reference.lines().collect();
    assert_eq!(
        lines,
        [
            "X1 took # ms",
            "    12.5, 13.5",
            "X1 beyond took # ms",
            "    3.25, 4.25",
            "X4 took # ms",
            "    7.5, 8.5",
        ],
        "{reference}"
    );
}

/// A run that could not prove its set-up disagrees, and the terminal says why, in a line
/// of its own: not only ✔ lines under a summary that says it disagreed.
#[test]
fn a_run_that_could_not_prove_its_set_up_says_so_in_the_table() {
    use made_up::*;
    use zmq_workbook::table::{self, Layout};
    let rows = table::run(&[&SET_UP_UNPROVEN]);
    assert!(!rows[0].agrees());
    let wide = Layout {
        width: 100,
        by_bytes: false,
    };
    let text =
        anstream::adapter::strip_str(&table::render_text(&rows, wide, true)).to_string();
    assert!(
        text.contains("✘ set-up not proven: the transport was not the one asked for"),
        "{text}"
    );
}
