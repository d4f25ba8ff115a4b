# What every experiment's finding says of itself (src/claims/evidence.rs, src/claims/mod.rs).

set-up-transport = asked for { $wanted }, the socket's endpoint is { $endpoint }
set-up-peers = { $connected } connected before the wait, where { $due } should be
set-up-measured = { $what } took { $took }, where the clock read { $clock } around it
# A count that came short: "2 wrong-way calls where 4 were due".
count-short = { $got } { $what } where { $expected } were due
on-transport = { $transport }: { $text }
set-up-not-proven = set-up not proven: { $text }
# Observations merged over the transports that saw them alike.
on-transports = { $text } ({ $transports })
# "min/median/max" of no figures at all.
spread-none = none
# Between the items of a list: "tcp, ipc".
list-separator = {", "}
