# 管道模式的证据（src/claims/pipeline/）。

## 各论断共用（src/claims/pipeline/mod.rs）
pl-asked-for = { $what }：要求使用 { $transport }，它的端点是 { $endpoint }
pl-peers-known = { $what }：继续之前已知 { $known } 个对端，应为 { $due } 个
pl-the-push = PUSH

## PL1
pl1-receipts = 接收者的接收记录
pl1-tally = { $messages } 条编号消息发给 { $pullers } 个接收者：{ $once } 条恰好到达一次，{ $lost } 条从未到达，{ $twice } 条到达不止一次

## PL2
pl2-not-in-turn = ，不是轮流分发的
pl2-text-the-push = { $text }：PUSH
pl2-marks = { $text }：读回的高水位为 { $marks }，每个设置的都是 { $hwm }
pl2-neither-both = ，{ $neither } 条两边都没分到，{ $both } 条两边都分到
pl2-how-in-turn = ，
pl2-how-until-full = ，直到它的队列满了；
pl2-how-not-in-turn = ，与轮流分发的结果不同；
pl2-busy-and-free = { $text }：忙碌的接收者分到 { $busy } 条（{ $shown }）{ $how }空闲的接收者分到 { $free } 条{ $rest }
pl2-connected-first-the-push = 接收者先连接：PUSH
pl2-connected-first = { $pullers } 个接收者先连接，推送 { $messages } 条：各自分到 { $shares }{ $in_turn }
pl2-one-first-the-push = 一个接收者先连接：PUSH
pl2-late-joined-the-push = 后来的接收者加入之后：PUSH
pl2-late = 先有 1 个接收者，推送 { $early } 条，随后又来 { $late } 个，再推送 { $after } 条：各自分到 { $shares }{ $first }{ $rest }
pl2-first-not-dealt = ，第一个接收者没有分到最先的 { $early } 条
pl2-rest-not-in-turn = ，其余的不是轮流分发的
pl2-busy-and-free-text = 一个忙碌（什么也不读）的接收者和一个空闲的接收者，推送 { $pushed } 条
pl2-small-hwm-text = 两端高水位都为 { $hwm } 时

## PL3
pl3-the-ventilator = 任务分发器
pl3-the-sink = 结果收集器
pl3-records = 任务记录
pl3-pipeline = 任务分发器 → { $workers } 个工作者 → 结果收集器：{ $tasks } 个任务中 { $once } 个恰好一次到达结果收集器，{ $never } 个从未到达{ $twice }
pl3-more-than-once = ，{ $twice } 个到达不止一次
pl3-per-worker = 每个工作者处理的任务数：{ $tasks }

## PL4
pl4-never-refused = 从未拒绝
pl4-gave-up-at = 一次带 { $timeout } ms 超时的发送在超时到时放弃
pl4-did-not-give-up = 一次带 { $timeout } ms 超时的发送没有在超时到时放弃
pl4-no-send-refused = 没有发送被拒绝
pl4-immediate-default = { $what }：ZMQ_IMMEDIATE 读回为 { $read }，应为 libzmq 的默认值（false）
pl4-sndhwm = { $what }：SNDHWM 读回为 { $read }，设置的是 { $set }
pl4-sndtimeo-before = { $what }：限时发送之前 SNDTIMEO 读回为 { $read }，设置的是 { $set }
pl4-slow-push = 慢接收者的 PUSH
pl4-marks = SNDHWM 和 RCVHWM 读回为 { $marks }，每个设置的都是 { $hwm }
pl4-buffers = SO_SNDBUF 和 SO_RCVBUF 读回为 { $buffers }，每个设置的都是 { $bytes }
pl4-binding-push = 绑定方 PUSH
pl4-connecting-push = 连接方 PUSH
pl4-binding = 没有接收者的绑定方 PUSH 接受了 { $accepted } 次发送，随后{ $refusal }；{ $wait }；后来的接收者收到 { $later } 条
pl4-connecting = 没有接收者的连接方 PUSH（SNDHWM { $hwm }）排队了 { $tried } 条中的 { $queued } 条，随后{ $refusal }{ $wait }
pl4-then-wait = ；{ $wait }
pl4-later-received = 后来的接收者收到了排队的 { $queued } 条中的 { $received } 条
pl4-blocked = 阻塞
pl4-refused-with = 以 { $error } 拒绝
pl4-slow-within = 面对一个已连接但不读取的接收者：PUSH 接受的数量正是高水位和缓冲区能容纳的（{ $range }），随后{ $then }；接收者找到了其中 { $found } 条
pl4-slow-outside = 面对一个已连接但不读取的接收者：PUSH 接受的数量超出了高水位和缓冲区能容纳的范围（{ $range }），随后{ $then }；接收者找到了其中 { $found } 条
pl4-all = 全部
pl4-slow-figure = 慢接收者：阻塞 { $blocked } 之前接受了 { $accepted } 条；发送超时分别等待了 { $binding } 和 { $connecting }
pl4-the-push-immediate = ZMQ_IMMEDIATE { $setting }的 PUSH
pl4-once-absent-came = { $what }，在缺席的接收者到来之后
pl4-immediate-read-back = { $what }：ZMQ_IMMEDIATE 读回为 { $read }，设置的是 { $set }
pl4-connects-refused = { $what }：第一次发送之前，它连接缺席接收者被拒绝 { $refused } 次
pl4-present-all = 在场的接收者收到了全部 { $batch } 个
pl4-present-every-other = 在场的接收者隔一个收到一个任务（{ $batch } 个中的 { $got } 个）；其余的等待缺席的接收者
pl4-present-got = 在场的接收者收到 { $tasks }（{ $batch } 个中的 { $got } 个）
pl4-late-only-one = 到来后只收到了它到来之后推送的两个任务中的一个
pl4-late-first = 到来后先收到了这些任务，然后是之后推送的两个任务中的一个
pl4-late-got = 到来后收到了 { $tasks }
pl4-one-absent = 连接方 PUSH，两个接收者中的一个缺席，ZMQ_IMMEDIATE { $setting }：{ $present }；缺席的接收者{ $late }
pl4-connecting-immediate-on = ZMQ_IMMEDIATE 开启的连接方 PUSH
pl4-immediate-on-read-back = { $what }：ZMQ_IMMEDIATE 读回为 { $read }
pl4-immediate-alone = ZMQ_IMMEDIATE 开启、没有接收者的连接方 PUSH（SNDHWM { $hwm }）排队了 { $tried } 条中的 { $queued } 条，随后{ $refusal }；{ $wait }；后来的接收者收到 { $later } 条

## PL5
pl5-immediate = PUSH 的 ZMQ_IMMEDIATE 读回为 { $read }
pl5-seen-let-go = 接收者离开期间发送时，PUSH 已看到 { $seen } 次断开，应为 1 次，并且已放开了这个连接
pl5-seen-not-let-go = 接收者离开期间发送时，PUSH 已看到 { $seen } 次断开，应为 1 次，但还没有放开这个连接
pl5-handshakes = 接收者回来后发送时，PUSH 已看到 { $seen } 次握手，应为 2 次
pl5-refused = 被拒绝（{ $error }）
pl5-immediate-return = ZMQ_IMMEDIATE 开启的连接方 PUSH，PULL 离开后重新绑定：PUSH 察觉之后，接收者离开期间的一次发送{ $while_away }；回来的接收者收到{ $got }
pl5-only-after = 的只有它回来之后推送的消息
pl5-arrived = 到达了
pl5-was-lost = 丢失了
pl5-seen-first-away = 接收者离开期间推送第一条消息时，PUSH 已看到 { $seen } 次断开，应为 1 次
pl5-returned = 连接方 PUSH，PULL 离开后重新绑定：它离开期间推送的 { $sent } 条中有 { $arrived } 条到达；它已收到但没读取的那条{ $unread }
pl5-the-push-once-back = PUSH，在接收者回来之后
pl5-bound = 绑定方 PUSH：接收者离开期间的一次发送{ $while_away }；未读取的那条{ $unread }；它回来之后推送的消息{ $after }
pl5-runs = 运行
pl5-runs-push = 第 { $run } 次运行的 PUSH
pl5-seen-in-flight = { $what }在发送最后一条在途消息时已看到 { $seen } 次断开，应为 0 次
pl5-seen-control = { $what }在发送对照消息时已看到 { $seen } 次断开，应为 1 次
pl5-in-flight = 接收者离开时、PUSH 察觉之前推送的 { $sent } 条中：{ $runs } 次运行中有 { $tails } 次到达的是尾部，顺序不变，各到一次；PUSH 察觉后发送的消息每次都到达了
pl5-lost-figure = 接收者离开时推送的消息：{ $runs } 次运行中 { $sent } 条丢失数的最小/中位/最大值：{ $spread }
pl5-attempts-figure = 直到 PUSH 在发送时尚未察觉断开为止所尝试的运行次数，最小/中位/最大：{ $spread }
