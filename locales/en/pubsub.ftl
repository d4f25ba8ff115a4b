# Publish-subscribe's evidence (src/claims/pubsub/).

## Shared by the claims (src/claims/pubsub/mod.rs)
ps-silence-began = the silence began at { $began }, { $what } at { $after }
ps-told = { $when }, the publisher was told of subscriptions { $subscribed } and then { $unread }, where { $due } and nothing else are due
ps-before-publishing = before publishing
ps-receipts = subscribers' receipts

## PS1
ps1-fan-out = { $subscribers ->
        [one] { $subscribers } subscriber
       *[other] { $subscribers } subscribers
    } on one address: { $complete } of { $subscribers } received all { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }, in order
ps1-short = {" "}(subscriber { $subscriber } received { $received }, the first { $first })

## PS2
ps2-withdrawals = the publisher was told of the withdrawals { $withdrawn }, where { $due } are due
ps2-filter = filter { $filters }
ps2-then-unsubscribed = , then { $filters } unsubscribed
ps2-passed = { $who }: of { $sent } passed { $passed }

## PS3
ps3-control-had-everything = the control had everything
ps3-once-subscribed = once the silent SUB subscribed
ps3-accepted = the publisher accepted { $connections } connections in the run, where the silent SUB's and the control's are due
ps3-silent-got = a connected SUB with no subscription got { $got } of { $sent }
ps3-control-as-sent = the control SUB beside it (empty filter) got { $got } of { $sent }, as sent
ps3-control-not-as-sent = the control SUB beside it (empty filter) got { $got } of { $sent }, not as sent
ps3-received = received { $message }
ps3-still-nothing = still received nothing
ps3-once-subscribed-then = the silent SUB, once subscribed, { $then }

## PS4
ps4-nodrop-accepted = ZMQ_XPUB_NODROP accepted by libzmq
ps4-nodrop-refused = ZMQ_XPUB_NODROP refused by libzmq
ps4-settings = the sockets report HWM { $sndhwm } and { $rcvhwm }, buffers { $sndbuf } and { $rcvbuf } B, where { $due_sndhwm }, { $due_rcvhwm }, { $due_sndbuf } and { $due_rcvbuf } are due
ps4-sndtimeo = SNDTIMEO read back { $read }, where { $set } was set
ps4-before-first-send = before the first send
ps4-send-waited = a send waited { $timeout } ms for room and was refused (EAGAIN)
ps4-send-refused-early = a send with a { $timeout } ms timeout was refused, but not at it
ps4-send-failed = a send failed with { $error }
ps4-dontwait-refused-at-mark = refused a DONTWAIT send (EAGAIN) once its own mark was full
ps4-dontwait-refused-after = refused a DONTWAIT send (EAGAIN) after { $at_once }, where its own mark is { $own_mark } and { $accepted } were accepted in all
ps4-dontwait-failed = failed a DONTWAIT send with { $error }
ps4-dontwait-never = never refused a DONTWAIT send
ps4-nodrop-within = an XPUB with ZMQ_XPUB_NODROP, to a connected subscriber that does not read: it { $dontwait }; sends that could wait took it to as many as the high-water marks and buffers hold ({ $range }), then { $then }
ps4-nodrop-outside = an XPUB with ZMQ_XPUB_NODROP, to a connected subscriber that does not read: it { $dontwait }; sends that could wait took it to a count outside what the high-water marks and buffers hold ({ $range }), then { $then }
ps4-found-every = the subscriber found every message accepted, in order: none dropped
ps4-found-in-order = the subscriber found { $found } of { $accepted }, in order: { $missing } dropped
ps4-found-out-of-order = the subscriber found { $found } of { $accepted }, out of order
ps4-nodrop-figure = ZMQ_XPUB_NODROP, HWM { $hwm }, { $kib } KiB buffers: { $at_once } accepted with DONTWAIT, { $accepted } in all before a send waited { $took } and was refused; the last found was number { $last }
ps4-exactly = exactly { $n }
ps4-predicted = { $from } to { $to } predicted
ps4-blocking-sends = blocking sends
ps4-nobody-flags = the sends to nobody were made with flags { $flags } ({ $sends }), where DONTWAIT is due
ps4-once-joined = once the subscriber joined
ps4-first-came = the first message came
ps4-all-accepted = all accepted
ps4-refused = { $refused } refused
ps4-to-nobody = { $made ->
        [one] { $made } message
       *[other] { $made } messages
    } published to nobody, { $sends }: { $accepted }; a subscriber that joined later got { $early } of them, then { $then }
ps4-nobody-figure = { $made } sends to nobody took { $took }, the slowest { $slowest }
ps4-flood-settings = the sockets report HWM { $sndhwm } (publisher) and { $rcvhwm } (subscriber), buffers { $sndbuf } and { $rcvbuf } B, where { $due_sndhwm }, { $due_rcvhwm }, { $due_sndbuf } and { $due_rcvbuf } are due
ps4-flood-flags = the flood was sent with flags { $flags } ({ $sends }), where DONTWAIT is due
ps4-before-flood = before the flood
ps4-flood-refused = to a connected subscriber that does not read: { $refused } of { $sent } sends refused
ps4-in-order = in order
ps4-out-of-order = out of order
ps4-kept-within = it kept as many as the high-water marks and buffers hold ({ $range }), { $order }; { $dropped }
ps4-rest-dropped = the rest were dropped
ps4-none-dropped = none was dropped
ps4-kept-outside = it kept { $kept }, outside the { $from }–{ $to } the high-water marks and buffers hold, { $order }
ps4-kept-of = it kept { $kept } of { $sent }, { $order }
ps4-flood-figure = HWM { $hwm }, { $kib } KiB buffers: kept { $kept } of { $sent }, the last kept was number { $last }

## PS5
ps5-leaving-got = the leaving subscriber received { $got } before it left, where "before" is due
ps5-left = { $left } connections ended when the leaving subscriber closed, where 1 should
ps5-once-back = once it came back
ps5-connections = the publisher accepted { $connections } connections in the run, where 3 are due (staying, leaving, back)
ps5-staying-in-order = the staying subscriber got { $got } of { $sent }, in order
ps5-staying = the staying subscriber got { $got } of { $sent }
ps5-returning = the one that left and came back got { $away } of the { $while_away } sent while it was away and { $after } of the { $after_return } sent after its return

## PS6
ps6-runs-used = { $way }: { $transport } in { $used } of { $runs } runs, the queues read back as set ({ $hwm } messages) in { $roomy }
ps6-sent-before = { $way }: the publisher sent { $sent } just before the connect in { $sent_before } of { $runs } runs, and { $read } its events after it in { $took_in }
ps6-a-message = a message
ps6-read = read
ps6-did-not-read = did not read
ps6-waited = { $way }: waited for the subscriber in { $waited } of { $runs } runs
ps6-read-before = { $way }: the subscription read before the burst in { $read } of { $runs } runs, nothing else held by the publisher, before or after it, in { $clean }
ps6-probe-arrived = { $way }: a probe arrived and the leftovers were cleared up to the last probe sent, before the burst, in { $arrived } of { $runs } runs
ps6-stopped = { $way }: { $runs } runs, the first that lost was { $first }, where at least { $due } are due and more only until one lost, { $at_most } at most
ps6-run = run { $run }
ps6-way-runs = { $way } runs
ps6-losses = { $what }: { $lost }; what arrived was { $arrived }
ps6-lost-in-some = the first messages lost in some runs
ps6-lost-in-none = nothing lost in any run
ps6-not-the-tail = not the tail of the burst
ps6-whole-burst = the whole burst, in order
ps6-tail = the tail of the burst, in order
ps6-losses-figure = { $what }: lost something in { $lost_some } of { $runs } runs; lost of { $burst }, min/median/max: { $spread }
ps6-began = ; it began { $spread } µs after the publisher's last send
ps6-burst-took = { $what }: the burst took { $spread } µs, min/median/max{ $began }
ps6-naive = naive
ps6-already-sending = already sending
ps6-probe = probe
ps6-connect-then-publish = connect-then-publish
ps6-a-publisher-already-sending = a publisher already sending
ps6-waiting-xpub = waiting for the subscription (XPUB)
ps6-a-probe-handshake = a probe handshake
ps6-all-arrived = { $way }: all { $burst } arrived, in order, in { $whole } of { $runs } runs
ps6-lost-figure = lost of { $burst }, min/median/max over { $runs } runs: XPUB wait { $xpub }, probe handshake { $probe }
ps6-events-read = already sending, events read
ps6-the-same-events-read = the same, once it had read its events after the connect

## PS7
ps7-before-it-left = before it left
ps7-first-got = the subscriber received { $got } from the first publisher
ps7-listened = the new publisher listened { $listened } for a resubscription, where { $due } ms are due
ps7-old-waiting = the old SUB was waiting in recv { $waited } after the new publisher's last message, where { $due } ms are due
ps7-once-newcomer = once the newcomer connected
ps7-resubscribed = resubscribed
ps7-did-not-resubscribe-within = did not resubscribe within { $window } ms
ps7-received-first = received { $message } first
ps7-received-nothing = received nothing
ps7-comeback = a new publisher bound at the same address: the old SUB, waiting in recv, { $resubscribed } and { $got }
ps7-newcomer-received = a new SUB received from it
ps7-newcomer-received-nothing = a new SUB received nothing from it
ps7-resubscribed-after = resubscribed after { $took }
ps7-busy-back-after = the busy SUB's connection was back after { $after }
ps7-busy-never-back = the busy SUB never connected again
ps7-busy-listened = the new publisher listened { $listened } while the SUB was busy, where { $due } ms are due
ps7-did-not-resubscribe = did not resubscribe
ps7-resubscribed-received = resubscribed and received again
ps7-resubscribed-nothing = resubscribed but received nothing
ps7-still-not = still did not resubscribe
ps7-busy = a SUB busy elsewhere, making no libzmq call, { $while_busy } within { $window } ms; after one call it { $after }
