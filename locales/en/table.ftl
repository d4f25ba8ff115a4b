# The verdict table's own words (src/table.rs).

verdict-holds = holds
verdict-holds-only-when = holds only when…
verdict-does-not-hold = does not hold
# A claim's first line: its verdict's word, then the claim in a short line.
claim-head = { $verdict } — { $summary }
# The ⚖ line: the verdict's condition or correction, then the conditions in full.
conditions-joined = { $verdict }. { $conditions }
legend-agrees = ✔ as the verdict says
legend-disagrees = ✘ not so
legend-condition = ⚖ condition
legend-figures = ⏱ figures
legend-key-claim = ★ key claim
running = Running { $experiments ->
        [one] { $experiments } experiment
       *[other] { $experiments } experiments
    } on this machine (libzmq { $libzmq })…
observed-nothing = the experiment observed nothing
experiment-failed = the experiment failed: { $error }
beyond-heading = Beyond the claim: { $about }
closing-all = Each claim is asserted by `cargo test <id>_` (e.g. `cargo test rr4_`); the book explains each one: `cargo run -- book`.
closing-one = { $id }: its tests `cargo test { $filter }`; its page book/src/{ $page }
beyond-the-claim-id = { $id } (beyond the claim)
tally = { $claims ->
        [one] { $claims } claim
       *[other] { $claims } claims
    }: { $holds } { $holds ->
        [one] holds
       *[other] hold
    }, { $only_when } { $only_when ->
        [one] holds
       *[other] hold
    } only when…, { $not } { $not ->
        [one] does not hold
       *[other] do not hold
    }.
run-agreed = { $tally } This run agreed with every verdict ({ $seconds } s).
run-disagreed = { $tally } This run DISAGREED on: { $claims }.
