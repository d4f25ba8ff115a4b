# 发布-订阅的证据（src/claims/pubsub/）。

## 各论断共用（src/claims/pubsub/mod.rs）
ps-silence-began = 静默期开始于 { $began }，{ $what }于 { $after }
ps-told = { $when }，发布者得知的订阅为 { $subscribed }，随后为 { $unread }，应只有 { $due }
ps-before-publishing = 发布之前
ps-receipts = 订阅者的接收记录

## PS1
ps1-fan-out = { $subscribers } 个订阅者连同一地址：{ $subscribers } 个中 { $complete } 个按顺序收到了全部 { $messages } 条消息
ps1-short = （订阅者 { $subscriber } 收到 { $received } 条，第一条是 { $first }）

## PS2
ps2-withdrawals = 发布者得知的退订为 { $withdrawn }，应为 { $due }
ps2-filter = 过滤值 { $filters }
ps2-then-unsubscribed = ，随后退订 { $filters }
ps2-passed = { $who }：在 { $sent } 中通过的是 { $passed }

## PS3
ps3-control-had-everything = 对照订阅者收齐全部消息
ps3-once-subscribed = 静默的 SUB 订阅之后
ps3-accepted = 本次运行中发布者接受了 { $connections } 个连接，应为静默 SUB 与对照 SUB 各一个
ps3-silent-got = 没有订阅的已连接 SUB 收到 { $sent } 条中的 { $got } 条
ps3-control-as-sent = 旁边的对照 SUB（空过滤值）收到 { $sent } 条中的 { $got } 条，与发送的一致
ps3-control-not-as-sent = 旁边的对照 SUB（空过滤值）收到 { $sent } 条中的 { $got } 条，与发送的不一致
ps3-received = 收到了 { $message }
ps3-still-nothing = 仍然什么也没收到
ps3-once-subscribed-then = 静默的 SUB 订阅之后，{ $then }

## PS4
ps4-nodrop-accepted = libzmq 接受了 ZMQ_XPUB_NODROP
ps4-nodrop-refused = libzmq 拒绝了 ZMQ_XPUB_NODROP
ps4-settings = 套接字报告高水位（HWM）{ $sndhwm } 和 { $rcvhwm }，缓冲区 { $sndbuf } 和 { $rcvbuf } B，应为 { $due_sndhwm }、{ $due_rcvhwm }、{ $due_sndbuf } 和 { $due_rcvbuf }
ps4-sndtimeo = SNDTIMEO 读回为 { $read }，设置的是 { $set }
ps4-before-first-send = 第一次发送之前
ps4-send-waited = 一次发送为等待空间等了 { $timeout } ms，然后被拒绝（EAGAIN）
ps4-send-refused-early = 一次带 { $timeout } ms 超时的发送被拒绝，但不是在超时到时
ps4-send-failed = 一次发送以 { $error } 失败
ps4-dontwait-refused-at-mark = 在自己的高水位占满后拒绝了一次 DONTWAIT 发送（EAGAIN）
ps4-dontwait-refused-after = 在 { $at_once } 条之后拒绝了一次 DONTWAIT 发送（EAGAIN），而它自己的高水位是 { $own_mark }，总共接受了 { $accepted } 条
ps4-dontwait-failed = 一次 DONTWAIT 发送以 { $error } 失败
ps4-dontwait-never = 从未拒绝 DONTWAIT 发送
ps4-nodrop-within = 带 ZMQ_XPUB_NODROP 的 XPUB，面对一个已连接但不读取的订阅者：它{ $dontwait }；可以等待的发送使它达到了高水位和缓冲区能容纳的数量（{ $range }），随后{ $then }
ps4-nodrop-outside = 带 ZMQ_XPUB_NODROP 的 XPUB，面对一个已连接但不读取的订阅者：它{ $dontwait }；可以等待的发送使它达到的数量超出了高水位和缓冲区能容纳的范围（{ $range }），随后{ $then }
ps4-found-every = 订阅者按顺序找到了每条被接受的消息：没有丢弃
ps4-found-in-order = 订阅者按顺序找到了 { $accepted } 条中的 { $found } 条：丢弃了 { $missing } 条
ps4-found-out-of-order = 订阅者找到了 { $accepted } 条中的 { $found } 条，顺序错乱
ps4-nodrop-figure = ZMQ_XPUB_NODROP，高水位 { $hwm }，{ $kib } KiB 缓冲区：DONTWAIT 接受了 { $at_once } 条，一次发送等待 { $took } 后被拒绝之前共接受 { $accepted } 条；找到的最后一条编号为 { $last }
ps4-exactly = 正好 { $n }
ps4-predicted = 预计 { $from } 到 { $to }
ps4-blocking-sends = 阻塞发送
ps4-nobody-flags = 向无人发送时使用的标志为 { $flags }（{ $sends }），应为 DONTWAIT
ps4-once-joined = 订阅者加入之后
ps4-first-came = 第一条消息到达
ps4-all-accepted = 全部被接受
ps4-refused = { $refused } 条被拒绝
ps4-to-nobody = 向无人发布 { $made } 条消息，{ $sends }：{ $accepted }；之后加入的订阅者收到其中 { $early } 条，随后收到 { $then }
ps4-nobody-figure = 向无人发送 { $made } 条用时 { $took }，最慢一次 { $slowest }
ps4-flood-settings = 套接字报告高水位（HWM）{ $sndhwm }（发布者）和 { $rcvhwm }（订阅者），缓冲区 { $sndbuf } 和 { $rcvbuf } B，应为 { $due_sndhwm }、{ $due_rcvhwm }、{ $due_sndbuf } 和 { $due_rcvbuf }
ps4-flood-flags = 洪泛发送使用的标志为 { $flags }（{ $sends }），应为 DONTWAIT
ps4-before-flood = 洪泛之前
ps4-flood-refused = 面对一个已连接但不读取的订阅者：{ $sent } 次发送中 { $refused } 次被拒绝
ps4-in-order = 顺序不变
ps4-out-of-order = 顺序错乱
ps4-kept-within = 它保留的数量正是高水位和缓冲区能容纳的（{ $range }），{ $order }；{ $dropped }
ps4-rest-dropped = 其余的被丢弃
ps4-none-dropped = 没有丢弃
ps4-kept-outside = 它保留了 { $kept } 条，超出了高水位和缓冲区能容纳的 { $from }–{ $to }，{ $order }
ps4-kept-of = 它保留了 { $sent } 条中的 { $kept } 条，{ $order }
ps4-flood-figure = 高水位 { $hwm }，{ $kib } KiB 缓冲区：保留了 { $sent } 条中的 { $kept } 条，保留的最后一条编号为 { $last }

## PS5
ps5-leaving-got = 离开的订阅者在离开前收到了 { $got }，应为 "before"
ps5-left = 离开的订阅者关闭时断开了 { $left } 个连接，应为 1 个
ps5-once-back = 它回来之后
ps5-connections = 本次运行中发布者接受了 { $connections } 个连接，应为 3 个（留下的、离开的、回来的）
ps5-staying-in-order = 留下的订阅者按顺序收到 { $sent } 条中的 { $got } 条
ps5-staying = 留下的订阅者收到 { $sent } 条中的 { $got } 条
ps5-returning = 离开又回来的订阅者收到了它离开期间发送的 { $while_away } 条中的 { $away } 条，以及它回来后发送的 { $after_return } 条中的 { $after } 条

## PS6
ps6-runs-used = { $way }：{ $runs } 次运行中 { $used } 次使用 { $transport }，{ $roomy } 次读回的队列与设置一致（{ $hwm } 条消息）
ps6-sent-before = { $way }：{ $runs } 次运行中有 { $sent_before } 次发布者在 connect 之前刚发送了{ $sent }，有 { $took_in } 次在其后{ $read }自己的事件
ps6-a-message = 一条消息
ps6-read = 读取了
ps6-did-not-read = 没有读取
ps6-waited = { $way }：{ $runs } 次运行中有 { $waited } 次等待了订阅者
ps6-read-before = { $way }：{ $runs } 次运行中有 { $read } 次在突发之前读到了订阅，有 { $clean } 次发布者在突发前后没有持有其他任何东西
ps6-probe-arrived = { $way }：{ $runs } 次运行中有 { $arrived } 次在突发之前有探测消息到达，并清掉了直到最后一条探测消息的残留
ps6-stopped = { $way }：共 { $runs } 次运行，第一次有丢失的是 { $first }，应至少运行 { $due } 次，之后只运行到有一次丢失为止，最多 { $at_most } 次
ps6-run = 第 { $run } 次
ps6-way-runs = { $way }的运行
ps6-losses = { $what }：{ $lost }；到达的是{ $arrived }
ps6-lost-in-some = 部分运行中丢失了开头的消息
ps6-lost-in-none = 任何一次运行都没有丢失
ps6-not-the-tail = 并非这批消息的尾部
ps6-whole-burst = 整批消息，顺序不变
ps6-tail = 这批消息的尾部，顺序不变
ps6-losses-figure = { $what }：{ $runs } 次运行中有 { $lost_some } 次丢失；{ $burst } 条中丢失数的最小/中位/最大值：{ $spread }
ps6-began = ；突发开始于发布者上次发送之后 { $spread } µs
ps6-burst-took = { $what }：突发用时 { $spread } µs，最小/中位/最大{ $began }
ps6-naive = 直接发布
ps6-already-sending = 已经在发送
ps6-probe = 探测
ps6-connect-then-publish = connect 之后立即发布
ps6-a-publisher-already-sending = 已经在发送的发布者
ps6-waiting-xpub = 等待订阅到达（XPUB）
ps6-a-probe-handshake = 探测握手
ps6-all-arrived = { $way }：{ $runs } 次运行中有 { $whole } 次全部 { $burst } 条按顺序到达
ps6-lost-figure = { $runs } 次运行中 { $burst } 条丢失数的最小/中位/最大值：XPUB 等待 { $xpub }，探测握手 { $probe }
ps6-events-read = 已经在发送，读取了事件
ps6-the-same-events-read = 同一个发布者，在 connect 之后读取了自己的事件

## PS7
ps7-before-it-left = 它离开之前
ps7-first-got = 订阅者从第一个发布者收到了 { $got }
ps7-listened = 新发布者为等待重新订阅监听了 { $listened }，应为 { $due } ms
ps7-old-waiting = 新发布者的最后一条消息之后，旧的 SUB 在 recv 中等待了 { $waited }，应至少 { $due } ms
ps7-once-newcomer = 新来者连接之后
ps7-resubscribed = 重新订阅了
ps7-did-not-resubscribe-within = 在 { $window } ms 内没有重新订阅
ps7-received-first = 首先收到了 { $message }
ps7-received-nothing = 什么也没收到
ps7-comeback = 新发布者绑定到同一地址：在 recv 中等待的旧 SUB { $resubscribed }，并且{ $got }
ps7-newcomer-received = 新的 SUB 收到了它的消息
ps7-newcomer-received-nothing = 新的 SUB 没有收到它的任何消息
ps7-resubscribed-after = { $took } 后重新订阅
ps7-busy-back-after = 忙碌的 SUB 的连接在 { $after } 后恢复
ps7-busy-never-back = 忙碌的 SUB 再也没有连上
ps7-busy-listened = SUB 忙碌期间新发布者监听了 { $listened }，应为 { $due } ms
ps7-did-not-resubscribe = 没有重新订阅
ps7-resubscribed-received = 重新订阅并再次收到了消息
ps7-resubscribed-nothing = 重新订阅了但什么也没收到
ps7-still-not = 仍然没有重新订阅
ps7-busy = 忙于别处、不调用 libzmq 的 SUB 在 { $window } ms 内{ $while_busy }；调用一次之后它{ $after }
