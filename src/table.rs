//! The verdict table: run every experiment, and lay the claims, verdicts and evidence out for
//! a terminal (`cargo run`) or as the book's "Verdicts at a glance".

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Style};

use crate::claims::{Claim, Finding, Verdict};
use crate::i18n::{self, Lang};
use crate::tr;

/// A claim with the outcome of its live run.
pub struct Row {
    pub claim: &'static Claim,
    /// What the experiment on the claim's main promise saw: the verdict's evidence.
    pub outcome: Result<Finding, String>,
    /// What the experiment beyond the claim saw, for a claim that has one.
    pub beyond: Option<Result<Finding, String>>,
    pub took: Duration,
}

impl Row {
    /// Whether the live run saw what the verdict says: read from the main promise's
    /// experiment alone, never from what was measured beyond the claim.
    pub fn verdict_agrees(&self) -> bool {
        matches!(&self.outcome, Ok(finding) if finding.agrees())
    }

    /// Whether what was measured beyond the claim is as the claim's page states it (true
    /// where nothing is measured beyond the claim).
    pub fn beyond_agrees(&self) -> bool {
        match &self.beyond {
            None => true,
            Some(outcome) => matches!(outcome, Ok(finding) if finding.agrees()),
        }
    }

    /// Whether the live run saw everything the row states: the verdict's evidence, and
    /// what lies beyond the claim.
    pub fn agrees(&self) -> bool {
        self.verdict_agrees() && self.beyond_agrees()
    }
}

/// No experiment may run longer than this in the live table; each blocking call is bounded
/// already, so this only turns a bug into a row that says so.
pub const EXPERIMENT_LIMIT: Duration = Duration::from_secs(60);

type Outcome = (Result<Finding, String>, Duration);

/// Starts `experiment` on a thread of its own; its outcome and how long it took come back
/// on the receiver.
fn start(experiment: fn() -> anyhow::Result<Finding>) -> mpsc::Receiver<Outcome> {
    let (done, outcome) = mpsc::channel();
    thread::spawn(move || {
        let started = Instant::now();
        let outcome = experiment().map_err(|e| format!("{e:#}"));
        let _ = done.send((outcome, started.elapsed()));
    });
    outcome
}

/// The outcome `start` sends, waited for until `deadline`.
fn finish(outcome: mpsc::Receiver<Outcome>, deadline: Instant) -> Outcome {
    let left = deadline.saturating_duration_since(Instant::now());
    match outcome.recv_timeout(left) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => (
            Err(format!("did not finish within {EXPERIMENT_LIMIT:?}")),
            EXPERIMENT_LIMIT,
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            (Err("the experiment panicked".into()), Duration::ZERO)
        }
    }
}

/// Runs the experiments of `claims`, and those beyond them, side by side (each has its own
/// context and endpoints).
pub fn run(claims: &[&'static Claim]) -> Vec<Row> {
    let running: Vec<_> = claims
        .iter()
        .map(|&claim| {
            let beyond = claim.beyond.as_ref().map(|beyond| start(beyond.experiment));
            (claim, start(claim.experiment), beyond)
        })
        .collect();
    let deadline = Instant::now() + EXPERIMENT_LIMIT;
    running
        .into_iter()
        .map(|(claim, outcome, beyond)| {
            let (outcome, took) = finish(outcome, deadline);
            Row {
                claim,
                outcome,
                beyond: beyond.map(|beyond| finish(beyond, deadline).0),
                took,
            }
        })
        .collect()
}

/// How the table is laid out: its width, and how a line's width is counted.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub width: usize,
    /// On a terminal, columns; through a pipe, bytes, so that the lines also fit tools that
    /// count bytes (`awk 'length > 80'`).
    pub by_bytes: bool,
}

impl Layout {
    /// The width `COLUMNS` asks for, else the terminal's, else 80; counted in bytes when
    /// stdout is not a terminal.
    pub fn for_stdout() -> Layout {
        use std::io::IsTerminal as _;
        let terminal = std::io::stdout().is_terminal();
        let asked = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok());
        let width = match asked {
            Some(columns) => columns,
            None if terminal => textwrap::termwidth(),
            None => 80,
        };
        Layout {
            width: usize::clamp(width, 40, 120),
            // Chinese is counted in columns everywhere: in bytes, a line of it would be cut
            // at a third of the width.
            by_bytes: !terminal && i18n::current() == Lang::En,
        }
    }

    /// `text` wrapped to the width, with no prefix.
    pub fn wrap_plain(&self, text: &str) -> Vec<String> {
        self.wrap(text, 0, 0)
    }

    fn measure(&self, text: &str) -> usize {
        if self.by_bytes {
            text.len()
        } else {
            textwrap::core::display_width(text)
        }
    }

    /// `text` wrapped to the width, after a prefix of `first` columns on its first line and of
    /// `rest` columns on the others.
    fn wrap(&self, text: &str, first: usize, rest: usize) -> Vec<String> {
        let words: Vec<Word> = text
            .split_whitespace()
            .flat_map(|token| {
                let pieces = breakable(token);
                let last = pieces.len() - 1;
                pieces
                    .into_iter()
                    .enumerate()
                    .map(move |(i, text)| (text, i == last))
            })
            .map(|(text, space_after)| Word {
                text,
                width: self.measure(text),
                space_after,
            })
            .collect();
        let width = |prefix: usize| self.width.saturating_sub(prefix).max(20) as f64;
        textwrap::wrap_algorithms::wrap_first_fit(&words, &[width(first), width(rest)])
            .iter()
            .map(|line| {
                let mut joined = String::new();
                for (i, word) in line.iter().enumerate() {
                    joined.push_str(word.text);
                    if word.space_after && i + 1 < line.len() {
                        joined.push(' ');
                    }
                }
                joined
            })
            .collect()
    }
}

/// A word split where a line may break inside it: around each wide (CJK) character, which
/// Chinese writes without spaces, but never before closing punctuation or after opening
/// punctuation. A word without wide characters is one piece.
fn breakable(token: &str) -> Vec<&str> {
    const NO_BREAK_BEFORE: &str = "，。、；：！？）》」』”’…—,.;:!?)]";
    const NO_BREAK_AFTER: &str = "（《「『“‘([";
    let wide = |c: char| textwrap::core::display_width(c.encode_utf8(&mut [0; 4])) == 2;
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (i, c) in token.char_indices() {
        if let Some(before) = previous {
            let breaks = (wide(before) || wide(c))
                && !NO_BREAK_BEFORE.contains(c)
                && !NO_BREAK_AFTER.contains(before);
            if breaks {
                pieces.push(&token[start..i]);
                start = i;
            }
        }
        previous = Some(c);
    }
    pieces.push(&token[start..]);
    pieces
}

/// A word to wrap, with its width counted as the layout says.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    width: usize,
    /// Whether a space follows it in the text (none inside a run of Chinese).
    space_after: bool,
}

impl textwrap::core::Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        if self.space_after {
            1.0
        } else {
            0.0
        }
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

const INDENT: usize = 5;
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const RED: Style = AnsiColor::Red.on_default().bold();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// What each mark of the table means, in the current language: each entry is kept whole on
/// a line.
pub fn legend() -> [String; 5] {
    [
        tr!("legend-agrees"),
        tr!("legend-disagrees"),
        tr!("legend-condition"),
        tr!("legend-figures"),
        tr!("legend-key-claim"),
    ]
}

/// A verdict's word in the current language: "holds", "holds only when…", "does not hold".
pub fn verdict_word(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Holds => tr!("verdict-holds"),
        Verdict::HoldsOnlyWhen(_) => tr!("verdict-holds-only-when"),
        Verdict::DoesNotHold(_) => tr!("verdict-does-not-hold"),
    }
}

/// A piece of a claim's registry text in the current language: the registry's English, or
/// its Chinese from `locales/zh-CN/registry.ftl` (`<ID>-<part>`).
fn registry_text(claim: &Claim, part: &str, english: &'static str) -> String {
    let lang = i18n::current();
    let id = format!("{}-{part}", claim.id);
    if english.is_empty() || lang == Lang::En || !i18n::has(lang, &id) {
        english.to_string()
    } else {
        i18n::text_in(lang, &id, Vec::new())
    }
}

/// The claim in a short line: the registry's English, or its few words in Chinese.
fn summary_line(claim: &Claim) -> String {
    match i18n::current() {
        Lang::En => claim.summary.to_string(),
        Lang::ZhCn => claim.glance.zh.to_string(),
    }
}

fn verdict_style(verdict: &Verdict) -> Style {
    match verdict {
        Verdict::Holds => GREEN,
        Verdict::HoldsOnlyWhen(_) => YELLOW,
        Verdict::DoesNotHold(_) => RED,
    }
}

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// The marked lines of one experiment's outcome: its observations, then its figures.
fn marks(
    outcome: &Result<Finding, String>,
    with_figures: bool,
) -> Vec<(&'static str, Style, String)> {
    let mut marked = Vec::new();
    match outcome {
        Ok(finding) => {
            for observation in &finding.shown() {
                if observation.agrees {
                    marked.push(("✔", GREEN, observation.text.clone()));
                } else {
                    marked.push(("✘", RED, observation.text.clone()));
                }
            }
            if finding.observations.is_empty() {
                marked.push(("✘", RED, tr!("observed-nothing")));
            }
            if with_figures {
                for figure in &finding.figures {
                    marked.push(("⏱", DIM, figure.clone()));
                }
            }
        }
        Err(error) => marked.push(("✘", RED, tr!("experiment-failed", error = error))),
    }
    marked
}

/// The verdict's detail and its conditions, as one text: what the ⚖ line says.
fn conditions(claim: &Claim) -> Option<String> {
    let detail = registry_text(claim, "verdict", claim.verdict.detail().unwrap_or(""));
    let conditions = registry_text(claim, "conditions", claim.conditions);
    match (detail.is_empty(), conditions.is_empty()) {
        (true, true) => None,
        (false, true) => Some(detail),
        (true, false) => Some(conditions),
        (false, false) => Some(tr!(
            "conditions-joined",
            verdict = detail,
            conditions = conditions
        )),
    }
}

/// The figures of a run, one a line, unwrapped, each after its claim's ID ("RR4 beyond"
/// for what lies beyond it): what `scripts/reference-run` keeps.
pub fn render_figures(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let id = row.claim.id;
        let parts = [
            (id.to_string(), Some(&row.outcome)),
            (format!("{id} beyond"), row.beyond.as_ref()),
        ];
        for (name, outcome) in parts {
            if let Some(Ok(finding)) = outcome {
                for figure in &finding.figures {
                    out.push_str(&format!("{name}\t{figure}\n"));
                }
            }
        }
    }
    out
}

/// A figure with its numbers taken out: the text with `#` in place of each number, and the
/// numbers in order ("tcp: took 12.5 ms" → "tcp: took # ms", ["12.5"]).
pub fn figure_template(figure: &str) -> (String, Vec<String>) {
    let (mut text, mut numbers) = (String::new(), Vec::new());
    let mut chars = figure.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts_word = i == 0 || !figure[..i].ends_with(|p: char| p.is_alphanumeric());
        if c.is_ascii_digit() && starts_word {
            let mut number = c.to_string();
            while let Some(&(j, next)) = chars.peek() {
                let decimal = next == '.'
                    && figure[j + 1..].starts_with(|d: char| d.is_ascii_digit());
                if next.is_ascii_digit() || decimal {
                    number.push(next);
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_some_and(|&(_, next)| next.is_alphabetic()) {
                text.push_str(&number); // part of a word: "16 KiB" stays, "2nd" too
                continue;
            }
            text.push('#');
            numbers.push(number);
        } else {
            text.push(c);
        }
    }
    (text, numbers)
}

/// The figures of several runs of the same claims, grouped: each figure's text with `#`
/// for its numbers, after its claim's ID, then on the next line what each run measured
/// ("5.1, 4.8" for one number a figure, "[10 1000], [10 990]" for several). What
/// `scripts/reference-run` keeps for the book.
pub fn render_reference(runs: &[Vec<Row>]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for rows in runs {
        for line in render_figures(rows).lines() {
            let (name, figure) = line.split_once('\t').unwrap_or(("", line));
            let (template, numbers) = figure_template(figure);
            let key = format!("{name} {template}");
            let value = match numbers.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(" ")),
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, values)) => values.push(value),
                None => groups.push((key, vec![value])),
            }
        }
    }
    // Lines that fit the book's code blocks: a figure's text from the first column, its
    // continuation after two spaces, the runs' values after four.
    let mut out = String::new();
    for (key, values) in groups {
        for (i, line) in wrapped(&key, REFERENCE_WIDTH - 2).iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            out.push_str(&format!("{indent}{line}\n"));
        }
        // Broken between runs only: a run's values stay on one line.
        let mut line = String::new();
        for (i, value) in values.iter().enumerate() {
            let item = if i + 1 < values.len() {
                format!("{value},")
            } else {
                value.clone()
            };
            if !line.is_empty()
                && line.chars().count() + 1 + item.chars().count() > REFERENCE_WIDTH - 4
            {
                out.push_str(&format!("    {line}\n"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&item);
        }
        out.push_str(&format!("    {line}\n"));
    }
    out
}

/// The widest line of [`render_reference`]: what the book shows without scrolling.
pub const REFERENCE_WIDTH: usize = 88;

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The heading of the lines measured beyond a claim.
pub fn beyond_heading(about: &str) -> String {
    tr!("beyond-heading", about = about)
}

/// The table for a terminal: one block per claim, wrapped to the layout's width; what was
/// measured beyond a claim follows its evidence as a group of its own, under a heading.
/// Colours are ANSI codes; print through `anstream`, which drops them where they do not
/// belong.
pub fn render_text(rows: &[Row], layout: Layout, with_figures: bool) -> String {
    let mut out = String::new();
    let indent = " ".repeat(INDENT);
    for row in rows {
        let claim = row.claim;
        let id = format!("{}{}", claim.id, if claim.star { "★" } else { "" });
        let label = &verdict_word(&claim.verdict);
        let head = tr!("claim-head", verdict = label, summary = summary_line(claim));
        let id = format!("{id:<INDENT$}");
        for (i, line) in layout
            .wrap(&head, layout.measure(&id), INDENT)
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                let line =
                    line.replacen(label, &paint(verdict_style(&claim.verdict), label), 1);
                out += &format!("{id}{line}\n");
            } else {
                out += &format!("{indent}{line}\n");
            }
        }
        let mut marked: Vec<(&str, Style, String)> = Vec::new();
        if let Some(conditions) = conditions(claim) {
            marked.push(("⚖", DIM, conditions));
        }
        marked.extend(marks(&row.outcome, with_figures));
        out += &render_marks(&marked, layout);
        if let (Some(beyond), Some(outcome)) = (&claim.beyond, &row.beyond) {
            let about = registry_text(claim, "beyond", beyond.about);
            for line in layout.wrap(&beyond_heading(&about), INDENT, INDENT + 2) {
                out += &format!("{indent}{}\n", paint(BOLD, &line));
            }
            out += &render_marks(&marks(outcome, with_figures), layout);
        }
    }
    out
}

/// Marked lines, indented under a claim, each wrapped to the layout's width.
fn render_marks(marked: &[(&str, Style, String)], layout: Layout) -> String {
    let indent = " ".repeat(INDENT);
    let mut out = String::new();
    for (mark, style, text) in marked {
        let first = layout.measure(&format!("{indent}{mark} "));
        for (i, line) in layout.wrap(text, first, INDENT + 2).into_iter().enumerate() {
            let mark = if i == 0 {
                paint(*style, mark)
            } else {
                " ".into()
            };
            out += &format!("{indent}{mark} {line}\n");
        }
    }
    out
}

/// The heading of a live run: how many experiments, and the marks' legend, wrapped to the
/// layout's width between words and between the legend's entries.
pub fn heading(claims: usize, libzmq: &str, layout: Layout) -> String {
    let running = tr!("running", experiments = claims, libzmq = libzmq);
    let mut lines = layout.wrap_plain(&running);
    let entries = legend();
    let mut legend = String::new();
    for entry in entries {
        let wider = format!("{legend}  {entry}");
        if legend.is_empty() {
            legend = entry;
        } else if layout.measure(&wider) <= layout.width {
            legend = wider;
        } else {
            lines.push(std::mem::replace(&mut legend, entry));
        }
    }
    lines.push(legend);
    lines.join("\n") + "\n"
}

/// What a reader can do next, wrapped to the layout's width: where the tests and the book
/// are, for every claim (`all`) or for each of `claims`.
pub fn closing(claims: &[&Claim], all: bool, layout: Layout) -> Vec<String> {
    if all {
        return layout.wrap_plain(&tr!("closing-all"));
    }
    claims
        .iter()
        .flat_map(|claim| {
            layout.wrap_plain(&tr!(
                "closing-one",
                id = claim.id,
                filter = claim.test_filter(),
                page = claim.page()
            ))
        })
        .collect()
}

/// The evidence of one finding as a Markdown list, as each claim's page shows it.
pub fn evidence_markdown(outcome: &Result<Finding, String>) -> String {
    match outcome {
        Ok(finding) if finding.observations.is_empty() => {
            "- ✘ **the experiment observed nothing**\n".into()
        }
        Ok(finding) => finding
            .shown()
            .iter()
            .map(|o| {
                if o.agrees {
                    format!("- ✔ {}\n", o.text)
                } else {
                    format!("- ✘ **{}**\n", o.text)
                }
            })
            .collect(),
        Err(error) => format!("- ✘ **the experiment failed: {error}**\n"),
    }
}

/// `text` with the characters HTML gives a meaning to written as entities.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `text` as HTML, its `code` in backticks set as code.
fn inline(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            0 => escape(part),
            _ => format!("<code>{}</code>", escape(part)),
        })
        .collect()
}

/// The evidence of one finding as an HTML list, the disagreeing lines marked ✘ and in bold.
fn evidence_html(outcome: &Result<Finding, String>) -> String {
    let items: Vec<String> = match outcome {
        Ok(finding) if finding.observations.is_empty() => {
            vec!["✘ <strong>the experiment observed nothing</strong>".into()]
        }
        Ok(finding) => finding
            .shown()
            .iter()
            .map(|o| match o.agrees {
                true => format!("✔ {}", escape(&o.text)),
                false => format!("✘ <strong>{}</strong>", escape(&o.text)),
            })
            .collect(),
        Err(error) => vec![format!(
            "✘ <strong>the experiment failed: {}</strong>",
            escape(error)
        )],
    };
    let items: String = items.iter().map(|i| format!("<li>{i}</li>\n")).collect();
    format!("<ul>\n{items}</ul>\n")
}

/// The class of a verdict's badge, which gives it its colour (book/layout.css); the badge
/// also says its verdict in words.
fn badge_class(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Holds => "holds",
        Verdict::HoldsOnlyWhen(_) => "holds-only-when",
        Verdict::DoesNotHold(_) => "does-not-hold",
    }
}

/// A verdict as a badge with its word, then its condition or correction.
pub fn verdict_badge(verdict: &Verdict) -> String {
    let (word, rest) = match verdict {
        Verdict::Holds => ("holds", String::new()),
        Verdict::HoldsOnlyWhen(when) => ("holds only when", format!(" {}", inline(when))),
        Verdict::DoesNotHold(instead) => {
            ("does not hold", format!(": {}", inline(instead)))
        }
    };
    format!(
        "<span class=\"badge {}\">{word}</span>{rest}",
        badge_class(verdict)
    )
}

/// The columns of "Verdicts at a glance"; on a phone each cell is shown under its name.
pub const GLANCE_COLUMNS: [&str; 4] = ["ID", "The claim", "Verdict", "Do this"];

/// "Verdicts at a glance" as the book includes it: an HTML table (Markdown passes it on as
/// it is), a claim to a row: its ID linked to its page, the claim in a few words in Chinese
/// and English, its verdict as a badge with the condition, and what to do about it. Below
/// each row, folded, what the verdict rests on: the article's words, the conditions, the
/// evidence of this run, and what was measured beyond the claim. Only what does not change
/// from run to run is shown, so the book can compare it with a live run. A row whose run
/// disagreed says so beside its verdict, and its fold is open.
pub fn render_markdown(rows: &[Row]) -> String {
    let [id_column, claim_column, verdict_column, advice_column] = GLANCE_COLUMNS;
    let mut out = String::from("<table class=\"verdicts\">\n<thead><tr>");
    for column in GLANCE_COLUMNS {
        out.push_str(&format!("<th>{column}</th>"));
    }
    out.push_str("</tr></thead>\n");
    for row in rows {
        let claim = row.claim;
        let id = claim.id.to_lowercase();
        let disagreed = match (row.verdict_agrees(), row.beyond_agrees()) {
            (true, true) => "",
            (false, _) => " <strong class=\"disagreed\">✘ this run disagreed</strong>",
            (true, false) => {
                " <strong class=\"disagreed\">✘ this run disagreed beyond the claim</strong>"
            }
        };
        out.push_str(&format!("<tbody id=\"{id}\">\n<tr>\n"));
        out.push_str(&format!(
            "<td class=\"id\" data-label=\"{id_column}\"><a href=\"{}\">{}</a>{}</td>\n",
            claim.page(),
            claim.id,
            if claim.star { " ★" } else { "" }
        ));
        out.push_str(&format!(
            "<td class=\"claim\" data-label=\"{claim_column}\"><span lang=\"zh-CN\">{}</span><br>{}</td>\n",
            escape(claim.glance.zh),
            escape(claim.glance.en)
        ));
        out.push_str(&format!(
            "<td class=\"verdict\" data-label=\"{verdict_column}\">{}{disagreed}</td>\n",
            verdict_badge(&claim.verdict)
        ));
        out.push_str(&format!(
            "<td class=\"advice\" data-label=\"{advice_column}\">{}</td>\n</tr>\n",
            inline(claim.glance.advice)
        ));
        let summary = match claim.beyond {
            Some(_) => "The evidence of a live run, and beyond the claim",
            None => "The evidence of a live run",
        };
        out.push_str(&format!(
            "<tr class=\"evidence\"><td colspan=\"4\"><details{}><summary>{summary}</summary>\n",
            if disagreed.is_empty() { "" } else { " open" }
        ));
        out.push_str(&format!(
            "<p>The article: <span lang=\"zh-CN\">{}</span><br><em>{}</em></p>\n",
            escape(claim.zh),
            escape(claim.en)
        ));
        if !claim.conditions.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", inline(claim.conditions)));
        }
        out.push_str(&evidence_html(&row.outcome));
        if let (Some(beyond), Some(outcome)) = (&claim.beyond, &row.beyond) {
            out.push_str(&format!(
                "<p><strong>{}</strong></p>\n",
                escape(&beyond_heading(beyond.about))
            ));
            out.push_str(&evidence_html(outcome));
        }
        out.push_str("</details></td></tr>\n</tbody>\n");
    }
    out.push_str("</table>\n");
    out
}

/// A one-line tally of the verdicts and of the live run.
pub fn summary(rows: &[Row], took: Duration) -> String {
    let of = |verdict: fn(&Verdict) -> bool| {
        rows.iter().filter(|r| verdict(&r.claim.verdict)).count()
    };
    let holds = of(|v| matches!(v, Verdict::Holds));
    let only_when = of(|v| matches!(v, Verdict::HoldsOnlyWhen(_)));
    let not = of(|v| matches!(v, Verdict::DoesNotHold(_)));
    let disagreeing: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            let verdict = (!r.verdict_agrees()).then(|| r.claim.id.to_string());
            let beyond =
                (!r.beyond_agrees()).then(|| tr!("beyond-the-claim-id", id = r.claim.id));
            verdict.into_iter().chain(beyond)
        })
        .collect();
    let tally = tr!(
        "tally",
        claims = rows.len(),
        holds = holds,
        only_when = only_when,
        not = not
    );
    if disagreeing.is_empty() {
        let seconds = format!("{:.2}", took.as_secs_f64());
        tr!("run-agreed", tally = tally, seconds = seconds)
    } else {
        tr!(
            "run-disagreed",
            tally = tally,
            claims = disagreeing.join(", ")
        )
    }
}
