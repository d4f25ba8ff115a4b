//! The "Verdicts at a glance" page and each claim page's evidence are snapshots of a live run.

use zmq_workbook::claims;
use zmq_workbook::table;

/// A change of behaviour (a new libzmq, a changed experiment) fails here until the new table
/// is reviewed (`cargo insta review`). Every experiment must also agree with its verdict.
#[test]
fn verdicts_page_matches_a_live_run() {
    let rows = table::run(&claims::registry());
    let disagreeing: Vec<String> = rows
        .iter()
        .filter(|row| !row.agrees())
        .map(|row| match &row.outcome {
            Ok(finding) => format!("{}:\n{finding}", row.claim.id),
            Err(error) => format!("{}: {error}", row.claim.id),
        })
        .collect();
    assert!(
        disagreeing.is_empty(),
        "live runs disagree with their verdicts:\n{}",
        disagreeing.join("\n")
    );
    insta::with_settings!({
        omit_expression => true,
        prepend_module_to_snapshot => false,
        snapshot_path => "../snapshots",
    }, {
        insta::assert_snapshot!("book__verdicts", table::render_markdown(&rows));
        for row in &rows {
            let name = format!("book__evidence_{}", row.claim.id.to_lowercase());
            insta::assert_snapshot!(name, table::evidence_markdown(&row.outcome));
        }
    });
}
