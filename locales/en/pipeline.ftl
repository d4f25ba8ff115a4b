# The pipeline's evidence (src/claims/pipeline/).

## Shared by the claims (src/claims/pipeline/mod.rs)
pl-asked-for = { $what }: asked for { $transport }, its endpoint is { $endpoint }
pl-peers-known = { $what }: { $known } peers known before it went on, where { $due } should be
pl-the-push = the PUSH

## PL1
pl1-receipts = pullers' receipts
pl1-tally = { $messages } numbered messages to { $pullers ->
        [one] { $pullers } puller
       *[other] { $pullers } pullers
    }: { $once } arrived exactly once, { $lost } never, { $twice } more than once

## PL2
pl2-not-in-turn = , not dealt in turn
pl2-text-the-push = { $text }: the PUSH
pl2-marks = { $text }: high-water marks read back { $marks }, where { $hwm } each were set
pl2-neither-both = , { $neither } dealt to neither, { $both } to both
pl2-how-in-turn = ,
pl2-how-until-full = , until its queue was full;
pl2-how-not-in-turn = , not as dealing in turn gives;
pl2-busy-and-free = { $text }: the busy one was dealt { $busy } ({ $shown }){ $how } the free one { $free }{ $rest }
pl2-connected-first-the-push = pullers connected first: the PUSH
pl2-connected-first = { $pullers } pullers connected first, { $messages } pushed: shares { $shares }{ $in_turn }
pl2-one-first-the-push = one puller first: the PUSH
pl2-late-joined-the-push = the late pullers joined: the PUSH
pl2-late = 1 puller first and { $early } pushed, then { $late } more and { $after } pushed: shares { $shares }{ $first }{ $rest }
pl2-first-not-dealt = , the first not dealt the first { $early }
pl2-rest-not-in-turn = , the rest not dealt in turn
pl2-busy-and-free-text = a busy puller (reading nothing) and a free one, { $pushed } pushed
pl2-small-hwm-text = with high-water marks of { $hwm } on both sides

## PL3
pl3-the-ventilator = the ventilator
pl3-the-sink = the sink
pl3-records = tasks' records
pl3-pipeline = ventilator → { $workers ->
        [one] { $workers } worker
       *[other] { $workers } workers
    } → sink: of { $tasks } tasks { $once } reached the sink exactly once, { $never } never{ $twice }
pl3-more-than-once = , { $twice } more than once
pl3-per-worker = tasks per worker: { $tasks }

## PL4
pl4-never-refused = never refused
pl4-gave-up-at = a send with a { $timeout } ms timeout gave up at it
pl4-did-not-give-up = a send with a { $timeout } ms timeout did not give up at it
pl4-no-send-refused = no send was refused
pl4-immediate-default = { $what }: ZMQ_IMMEDIATE read back { $read }, where libzmq's default (false) is due
pl4-sndhwm = { $what }: SNDHWM read back { $read }, where { $set } was set
pl4-sndtimeo-before = { $what }: SNDTIMEO read back { $read } before the timed send, where { $set } was set
pl4-slow-push = the slow puller's PUSH
pl4-marks = SNDHWM and RCVHWM read back { $marks }, where { $hwm } each were set
pl4-buffers = SO_SNDBUF and SO_RCVBUF read back { $buffers }, where { $bytes } each were set
pl4-binding-push = the binding PUSH
pl4-connecting-push = the connecting PUSH
pl4-binding = a binding PUSH with no puller accepted { $accepted } sends, then { $refusal }; { $wait }; a puller that came later got { $later }
pl4-connecting = a connecting PUSH with no puller (SNDHWM { $hwm }) queued { $queued } of { $tried }, then { $refusal }{ $wait }
pl4-then-wait = ; { $wait }
pl4-later-received = a puller that came later received { $received } of the { $queued } queued
pl4-blocked = blocked
pl4-refused-with = refused with { $error }
pl4-slow-within = to a connected puller that does not read: the PUSH accepted as many as the high-water marks and buffers hold ({ $range }), then { $then }; the puller found { $found } of them
pl4-slow-outside = to a connected puller that does not read: the PUSH accepted a count outside what the high-water marks and buffers hold ({ $range }), then { $then }; the puller found { $found } of them
pl4-all = all
pl4-slow-figure = slow puller: { $accepted } accepted before blocking for { $blocked }; send timeouts waited { $binding } and { $connecting }
pl4-the-push-immediate = the PUSH with ZMQ_IMMEDIATE { $setting }
pl4-once-absent-came = { $what }, once the absent puller came
pl4-immediate-read-back = { $what }: ZMQ_IMMEDIATE read back { $read }, where { $set } was set
pl4-connects-refused = { $what }: its connects to the absent puller refused { $refused } times before the first send
pl4-present-all = the present one got all { $batch }
pl4-present-every-other = the present one got every other task ({ $got } of { $batch }); the others waited for the absent one
pl4-present-got = the present one got { $tasks } ({ $got } of { $batch })
pl4-late-only-one = when it came, got only one of the two tasks pushed after it came
pl4-late-first = when it came, got them first, then one of the two tasks pushed after
pl4-late-got = when it came, got { $tasks }
pl4-one-absent = a connecting PUSH, one of its two pullers absent, ZMQ_IMMEDIATE { $setting }: { $present }; the absent one, { $late }
pl4-connecting-immediate-on = the connecting PUSH with ZMQ_IMMEDIATE on
pl4-immediate-on-read-back = { $what }: ZMQ_IMMEDIATE read back { $read }
pl4-immediate-alone = a connecting PUSH with ZMQ_IMMEDIATE on and no puller (SNDHWM { $hwm }) queued { $queued } of { $tried }, then { $refusal }; { $wait }; a puller that came later got { $later }

## PL5
pl5-immediate = the PUSH's ZMQ_IMMEDIATE read back { $read }
pl5-seen-let-go = the PUSH had seen { $seen } disconnections when it sent while the puller was away, where 1 should be, and had let go of the connection
pl5-seen-not-let-go = the PUSH had seen { $seen } disconnections when it sent while the puller was away, where 1 should be, and had not let go of the connection
pl5-handshakes = the PUSH had seen { $seen } handshakes when it sent after the return, where 2 should be
pl5-refused = refused ({ $error })
pl5-immediate-return = PUSH connecting with ZMQ_IMMEDIATE on, PULL leaving and binding again: once the PUSH had noticed, a send while the puller was away was { $while_away }; the returning puller got { $got }
pl5-only-after = only what was pushed after its return
pl5-arrived = arrived
pl5-was-lost = was lost
pl5-seen-first-away = the PUSH had seen { $seen } disconnections when it pushed the first message while the puller was away, where 1 should be
pl5-returned = PUSH connecting, PULL leaving and binding again: { $arrived } of the { $sent } pushed while it was away arrived; the one it had received but not read { $unread }
pl5-the-push-once-back = the PUSH, once the puller was back
pl5-bound = PUSH binding: a send while the puller was away was { $while_away }; the unread one { $unread }; a message pushed after its return { $after }
pl5-runs = runs
pl5-runs-push = run { $run }'s PUSH
pl5-seen-in-flight = { $what } had seen { $seen } disconnections when the last message in flight was sent, where none should be
pl5-seen-control = { $what } had seen { $seen } disconnections when it sent the control, where 1 should be
pl5-in-flight = of { $sent } pushed as the puller left, before the PUSH noticed: what arrived was the tail, in order, each once, in { $tails } of { $runs } runs; the message sent once it noticed arrived every time
pl5-lost-figure = pushed as the puller left: lost of { $sent }, min/median/max over { $runs } runs: { $spread }
pl5-attempts-figure = runs tried until the PUSH had not noticed the break while it sent, min/median/max: { $spread }
