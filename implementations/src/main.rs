//! `implementations`: the article's claims on libzmq, on zmq.rs, and mixed both ways, over
//! tcp and ipc: the matrix. `--markdown` prints it as the book's page shows it.

use std::process::ExitCode;

use zmq_implementations::matrix;

fn main() -> ExitCode {
    let mut markdown = false;
    let mut ids = Vec::new();
    for argument in std::env::args().skip(1) {
        match argument.as_str() {
            "--markdown" => markdown = true,
            "-h" | "--help" => {
                println!("usage: implementations [--markdown] [CLAIM…]");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("error: unknown option {flag}; try --markdown or claim IDs such as RR1");
                return ExitCode::FAILURE;
            }
            id => ids.push(id.to_uppercase()),
        }
    }
    let rows: Vec<matrix::Row> = matrix::rows()
        .into_iter()
        .filter(|row| ids.is_empty() || ids.iter().any(|id| id == row.id))
        .collect();
    if rows.is_empty() {
        eprintln!(
            "error: no claim is named {}; the IDs are G1, RR1…RR7, PS1…PS7, PL1…PL5",
            ids.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let measured: Vec<matrix::MeasuredRow> =
        rows.into_iter().map(matrix::measure).collect();
    if markdown {
        print!("{}", matrix::render_markdown(&measured));
    } else {
        print!("{}", matrix::render_text(&measured));
    }
    ExitCode::SUCCESS
}
