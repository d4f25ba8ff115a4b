# The general claims' evidence (src/claims/general/).

## G1
g1-pair-outcomes = pair outcomes
g1-matched-pair-outcomes = matched pair outcomes
# "REQ→PULL, PUSH→REP: disconnected at the handshake, nothing delivered"
g1-pairs-happened = { $pairs }: { $happened }
g1-no-control = no control delivered: no silence is backed
g1-tried-for = { $sender }→{ $receiver } tried for { $listened } after the controls had delivered and it had started, where { $due } ms are due
g1-delivered = delivered
g1-nothing-delivered = nothing delivered
g1-handshake = handshake, { $delivered }
g1-disconnected-at-handshake = disconnected at the handshake, { $delivered }
g1-handshake-ended = handshake ended with { $event }, { $delivered }

## G2
g2-wrong-way-calls = wrong-way calls
g2-right-way-calls = right-way calls
g2-wrong-way = wrong way
g2-right-way = right way
# "recv on PUB"
g2-call = { $call } on { $socket }
g2-at-once = { $error }, at once
g2-after = { $error } after { $ms } ms
g2-sent = sent
g2-calls = { $what }: { $calls } → { $result }
g2-read-back-type = { $call }: the socket read back as a { $kind }
g2-read-back-timeout = { $call }: the socket's timeout read back { $timeout } ms, where at least { $due } ms are due
