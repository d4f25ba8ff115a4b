//! The "Verdicts at a glance" page and each claim page's evidence, and what was measured
//! beyond each claim, are snapshots of a live run.

use zmq_workbook::claims;
use zmq_workbook::table;

/// A change of behaviour (a new libzmq, a changed experiment) fails here until the new table
/// is reviewed (`cargo insta review`). Every experiment must also agree with its verdict, and
/// every experiment beyond a claim with what its page states.
#[test]
fn verdicts_page_matches_a_live_run() {
    let rows = table::run(&claims::registry());
    let shown = |outcome: &Result<claims::Finding, String>| match outcome {
        Ok(finding) => finding.to_string(),
        Err(error) => error.clone(),
    };
    let mut disagreeing = Vec::new();
    for row in &rows {
        if !row.verdict_agrees() {
            disagreeing.push(format!("{}:\n{}", row.claim.id, shown(&row.outcome)));
        }
        if let (false, Some(beyond)) = (row.beyond_agrees(), &row.beyond) {
            disagreeing.push(format!(
                "{}, beyond the claim:\n{}",
                row.claim.id,
                shown(beyond)
            ));
        }
    }
    assert!(
        disagreeing.is_empty(),
        "live runs disagree with what the book states:\n{}",
        disagreeing.join("\n")
    );
    insta::with_settings!({
        omit_expression => true,
        prepend_module_to_snapshot => false,
        snapshot_path => "../snapshots",
    }, {
        insta::assert_snapshot!("book__verdicts", table::render_markdown(&rows));
        for row in &rows {
            let id = row.claim.id.to_lowercase();
            insta::assert_snapshot!(
                format!("book__evidence_{id}"),
                table::evidence_markdown(&row.outcome)
            );
            if let Some(beyond) = &row.beyond {
                insta::assert_snapshot!(
                    format!("book__beyond_{id}"),
                    table::evidence_markdown(beyond)
                );
            }
        }
    });
}

/// Chinese as the glance counts it: a character, or a run of Latin letters, digits and signs
/// ("PUB/SUB", "1:N") as one; spaces not at all.
fn chinese_units(text: &str) -> usize {
    let mut units = 0;
    let mut in_run = false;
    for c in text.chars() {
        let latin = c.is_ascii_alphanumeric() || "/:._-".contains(c);
        if c.is_whitespace() {
            in_run = false;
        } else if latin {
            units += usize::from(!in_run);
            in_run = true;
        } else {
            units += 1;
            in_run = false;
        }
    }
    units
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Why a claim's glance is not one a row of "Verdicts at a glance" (and a card on a phone)
/// can hold, if it is not: the claim in a few words of Chinese and of English, and one
/// sentence of advice.
fn glance_faults(glance: &claims::Glance) -> Vec<String> {
    let mut faults = Vec::new();
    let zh = chinese_units(glance.zh);
    if !glance.zh.chars().any(is_han) || zh > claims::GLANCE_CHARS {
        faults.push(format!(
            "the Chinese words, {zh} characters, not Chinese or over {}",
            claims::GLANCE_CHARS
        ));
    }
    let en = glance.en.split_whitespace().count();
    if glance.en.chars().any(is_han) || !(2..=claims::GLANCE_WORDS).contains(&en) {
        faults.push(format!(
            "the English words, {en} of them, not English or not 2 to {}",
            claims::GLANCE_WORDS
        ));
    }
    let words = glance.advice.split_whitespace().count();
    if words > claims::ADVICE_WORDS {
        faults.push(format!(
            "the advice has {words} words, over {}",
            claims::ADVICE_WORDS
        ));
    }
    // One sentence: the text outside code ends with its only full stop.
    let parts: Vec<&str> = glance.advice.split('`').collect();
    let prose: String = parts
        .iter()
        .step_by(2)
        .copied()
        .collect::<Vec<_>>()
        .join("x");
    let stops = prose.matches(['.', '!', '?']).count();
    if parts.len().is_multiple_of(2) {
        faults.push("the advice opens code with ` and never closes it".into());
    } else if !prose.ends_with('.') || stops != 1 || glance.advice.contains('\n') {
        faults.push(
            "the advice is not one sentence on one line, ended by a full stop".into(),
        );
    }
    if !glance.advice.starts_with(|c: char| c.is_uppercase()) {
        faults.push("the advice does not start with a capital".into());
    }
    faults
}

/// Every claim's row on "Verdicts at a glance" comes from its registry entry, beside its
/// verdict: the claim in a few words, in Chinese and English, and what a reader does about
/// it, in one sentence.
#[test]
fn every_claim_is_at_a_glance_in_a_few_words_and_one_sentence_of_advice() {
    let mut faults = Vec::new();
    for claim in claims::registry() {
        for fault in glance_faults(&claim.glance) {
            faults.push(format!("{}: {fault}", claim.id));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));

    // The check itself: glances a row could not hold are refused, each for its fault.
    let good = claims::Glance {
        zh: "谁先启动，效果都一样",
        en: "Start order does not matter",
        advice: "Give the client a receive timeout (`ZMQ_RCVTIMEO`).",
    };
    assert!(glance_faults(&good).is_empty());
    let faulty = [
        claims::Glance {
            zh: "服务端和客户端无论谁先启动效果都是相同的",
            ..good
        },
        claims::Glance {
            zh: "Start order",
            ..good
        },
        claims::Glance {
            en: "Whichever of server and client starts first, the effect is the same",
            ..good
        },
        claims::Glance {
            advice: "Give the client a timeout. Then ask.",
            ..good
        },
        claims::Glance {
            advice: "Give the client a timeout",
            ..good
        },
        claims::Glance {
            advice: "Give the client a timeout (`ZMQ_RCVTIMEO).",
            ..good
        },
        claims::Glance {
            advice:
                "Start either side first, but give the client a receive timeout in case \
                     the server never comes up at all, not even later.",
            ..good
        },
    ];
    for glance in &faulty {
        assert_eq!(glance_faults(glance).len(), 1, "{:?}", glance.advice);
    }
}
