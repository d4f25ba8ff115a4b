//! The page's figures across hosts are a run's own: "When the network fails" includes the
//! reference run, which names its command, commit and machine, and has ten runs at least.

use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn hosts_the_network_page_includes_a_reference_run_of_ten_runs_at_least() {
    let page = fs::read_to_string(root().join("book/src/network.md")).unwrap();
    assert!(page.contains("{{#include reference/hosts.txt}}"));
    let run = fs::read_to_string(root().join("book/src/reference/hosts.txt")).unwrap();
    let header: Vec<&str> = run.lines().take(4).collect();
    let runs: usize = header[0]
        .strip_prefix("# cargo run -- hosts --runs ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the first line names no command: {header:?}"));
    assert!(runs >= 10, "{runs} runs");
    assert!(header[1].starts_with("# commit "), "{header:?}");
    assert!(header[2].starts_with("# machine: ") && header[2].contains(" cores, "));
    assert!(header[3].starts_with("# load average"), "{header:?}");
    // Each figure: its line, its runs as [relay hosts] (`runs` of them), then a line of
    // the same as min, median and max.
    let mut lines = run.lines().skip(4).peekable();
    let mut figures = 0;
    while let Some(figure) = lines.next() {
        let mut values = String::new();
        while let Some(more) = lines.next_if(|l| l.starts_with("    ")) {
            values.push_str(more);
        }
        assert_eq!(values.matches('[').count(), runs, "{figure}");
        let spread = lines.next().unwrap_or_default();
        let spread = spread.strip_prefix("  min/median/max ").unwrap_or_else(|| {
            panic!("{figure}: no min/median/max after its runs: {spread:?}")
        });
        assert_eq!(spread.matches('[').count(), 3, "{figure}");
        figures += 1;
    }
    assert!(figures >= 20, "{figures} figures");
}
