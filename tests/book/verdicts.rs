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
