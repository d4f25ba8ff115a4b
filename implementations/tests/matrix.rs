//! The matrix the book's page "On zmq.rs" shows, and the line each claim's page shows, are
//! snapshots of a live run: a change of behaviour (a new zmq.rs, a changed experiment)
//! fails here until the new matrix is reviewed (`cargo insta review`).

use zmq_implementations::end::{Implementation, Pairing};
use zmq_implementations::matrix::{self, Column, Outcome};

#[test]
fn zmqrs_matrix_matches_the_books_snapshot() {
    let measured: Vec<matrix::MeasuredRow> =
        matrix::rows().into_iter().map(matrix::measure).collect();

    // The harness holds to libzmq's verdicts where both ends are libzmq: a run that
    // disagrees there is a broken experiment, not a finding about zmq.rs.
    let libzmq = Pairing::both(Implementation::Libzmq);
    let mut broken = Vec::new();
    for row in &measured {
        if let Column::Measured(_) = row.row.column {
            let due = 4 * row.row.transports.len();
            assert_eq!(
                row.cells.len(),
                due,
                "{}: 4 pairings × its transports",
                row.row.id
            );
        }
        for cell in row.cells.iter().filter(|c| c.pairing == libzmq) {
            if cell.outcome != Outcome::Agrees {
                broken.push(format!(
                    "{} {}: {:?}",
                    row.row.id, cell.transport, cell.outcome
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "libzmq's own column disagrees:\n{}",
        broken.join("\n")
    );
    assert_eq!(measured.len(), 21, "every claim of the article has a row");

    insta::with_settings!({
        omit_expression => true,
        prepend_module_to_snapshot => false,
        snapshot_path => "../../tests/snapshots",
    }, {
        insta::assert_snapshot!("zmqrs__matrix", matrix::render_markdown(&measured));
        for row in &measured {
            insta::assert_snapshot!(
                format!("zmqrs__{}", row.row.id.to_lowercase()),
                row.page_line()
            );
        }
    });
}
