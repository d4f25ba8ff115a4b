# Request-reply's evidence (src/claims/reqrep/).

## RR1
rr1-hello = hello → { $reply }
rr1-asked-before = { $asked } of { $clients } clients asked, { $answered } were answered, and the last asked before the first answer came back
rr1-asked-after = { $asked } of { $clients } clients asked, { $answered } were answered, and the last asked after the first answer came back
rr1-exchanges = exchanges
rr1-own-answers = { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    } on one REP: { $own } of { $clients } got the answer to their own request
# After the line above, the first exchange that got another's answer.
rr1-stray = {" "}({ $asked } got { $answered })

## RR2
rr2-connected-before = the client was connected to { $connected } of { $servers } servers before its first request, where { $due } should be
rr2-answered-requests = answered requests
rr2-in-turn = 1 REQ on { $servers ->
        [one] { $servers } REP
       *[other] { $servers } REPs
    }: { $requests ->
        [one] { $requests } request
       *[other] { $requests } requests
    } answered by servers { $by }
rr2-connected-to = the client connected to { $connected } servers, where { $due } should be
rr2-immediate-read-back = ZMQ_IMMEDIATE read back { $read }, where { $set } was set
rr2-live-connected = before the first request the client had { $connected } live servers connected, where { $due } should be, and its connects to the one down refused { $refused } times
rr2-on = on
rr2-off = off
rr2-down-in-turn = 1 REQ on { $servers } REPs, server { $down } down, ZMQ_IMMEDIATE { $setting }: all { $requests } requests answered, by the two live servers in turn
rr2-down-some = 1 REQ on { $servers } REPs, server { $down } down, ZMQ_IMMEDIATE { $setting }: { $answered } of { $requests } requests answered, by servers { $by }
rr2-down-queued = 1 REQ on { $servers } REPs, server { $down } down, ZMQ_IMMEDIATE { $setting }: requests answered by servers { $by }; request { $request } { $unanswered }
rr2-none = none
rr2-went-unanswered = went unanswered
rr2-waited-out = went unanswered, and the client waited out its { $ms } ms
rr2-did-not-wait = went unanswered, but the client did not wait { $ms } ms
rr2-nothing = nothing
rr2-late-reached = the server that was down, once up, received { $got }, and its answer reached the waiting client
rr2-late-did-not-reach = the server that was down, once up, received { $got }, and its answer did not reach the waiting client
rr2-gave-up-after = ZMQ_IMMEDIATE { $setting }: the client gave up waiting after { $took }
rr2-answered-by = ZMQ_IMMEDIATE { $setting }: answered by servers { $by }

## RR3
rr3-known = workers the DEALER knew when the proxy started, then before each later round: { $known }, where { $due } are due
rr3-brokered = { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    } × { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    } through a ROUTER/DEALER proxy to { $workers ->
        [one] { $workers } worker
       *[other] { $workers } workers
    }: { $own } of { $requests } replies reached their asker
rr3-per-worker = requests per worker: { $served }

## RR4
rr4-server-first = server first: hello → { $reply }
rr4-queued = request queued before any bind
rr4-refused = request refused before the bind
rr4-monitor = the client's monitor had reported { $events } when the server bound, { $seen } of them refused attempts, where the evidence says { $refused }
rr4-refused-at-first = , connection refused at first
rr4-client-first = client first ({ $queued }{ $refused }): hello → { $reply }
rr4-server-first-took = ServerFirst { $took }
rr4-client-first-took = ClientFirst { $took }
rr4-refusals = { $refusals } refusals

## RR5
rr5-eagain-at = EAGAIN at the { $limit } ms timeout
rr5-eagain-before = EAGAIN before the { $limit } ms timeout ran out
rr5-eagain-long-after = EAGAIN long after the { $limit } ms timeout
rr5-returned = returned { $request }
rr5-servers-recv = the server's recv
rr5-timeout-read-back = the server's receive timeout read back { $read } ms, where { $set } ms was set
rr5-no-timeout-read-back = without a timeout, the server's receive timeout read back { $read }
rr5-silence-listened = the silence was listened to for { $listened }, where { $due } ms are due
rr5-no-client = no client: recv → { $text }
rr5-silent-client = a connected, silent client: recv → { $text }
rr5-returned-before = returned { $request } before the timeout
rr5-never-came = EAGAIN: the request never came
rr5-asking-client = a client that asks: recv → { $text }
rr5-then-returned = then returned { $request }
rr5-then-never = then never returned
rr5-returned-during = no timeout: recv returned during { $silence } ms of silence, { $then }
rr5-still-waiting = no timeout: recv still waiting after { $silence } ms of silence, { $then }
rr5-figure = no client { $nobody }, silent client { $silent }, request { $asks }

## RR6
rr6-mistakes = mistakes
rr6-exchange-after = { $mistake }: the exchange after it went from { $from } to { $to }, where the pair's endpoint is { $endpoint }
rr6-accepted = accepted
rr6-mistakes-result = { $mistakes } → { $result }
rr6-then-usable = then { $usable } of { $pairs } pairs completed hello → world
rr6-req-recv-first = REQ recv first
rr6-req-send-twice = REQ send twice
rr6-rep-send-first = REP send first
rr6-rep-recv-twice = REP recv twice

## RR7
rr7-byte-exact = byte-exact
rr7-changed = changed
rr7-empty = empty
rr7-nul-bytes = NUL bytes
rr7-invalid-utf8 = invalid UTF-8
rr7-json-text = JSON text
rr7-noise = 1 MiB of noise
rr7-listened = the receiver of the quick sends listened for { $listened } in all, where the { $window } ms window for extras is due at least
rr7-payloads-echoed = payloads echoed
rr7-payload = { $name } ({ $bytes } B)
rr7-payload-changed = { $name } ({ $bytes } B): the server saw { $seen }, the client got back { $reply }
rr7-exact = { $payloads }: byte-exact there and back
rr7-multipart = { $sent ->
        [one] { $sent } frame
       *[other] { $sent } frames
    } ({ $sent_sizes }) → the server got { $seen ->
        [one] { $seen } frame
       *[other] { $seen } frames
    } ({ $seen_sizes }), { $there }; the reply came back { $back }
rr7-sizes-in-order = sizes 0…{ $last } B, in order
rr7-sizes = sizes { $first }…
rr7-back-to-back = { $sends } sends back to back → { $receives ->
        [one] { $receives } receive
       *[other] { $receives } receives
    }: { $received }
rr7-round-trips = all round trips { $took }
