# 请求-应答的证据（src/claims/reqrep/）。

## RR1
# same as English: the request and the reply are the bytes on the wire
rr1-hello = hello → { $reply }
rr1-asked-before = { $clients } 个客户端中 { $asked } 个发出请求，{ $answered } 个得到应答，最后一个请求在第一个应答回来之前发出
rr1-asked-after = { $clients } 个客户端中 { $asked } 个发出请求，{ $answered } 个得到应答，最后一个请求在第一个应答回来之后才发出
rr1-exchanges = 请求-应答往返
rr1-own-answers = { $clients } 个客户端共用一个 REP：{ $clients } 个中 { $own } 个收到了对自己请求的应答
rr1-stray = （{ $asked } 收到的是 { $answered }）

## RR2
rr2-connected-before = 客户端在第一个请求之前已连接 { $servers } 个服务端中的 { $connected } 个，应为 { $due } 个
rr2-answered-requests = 得到应答的请求
rr2-in-turn = 1 个 REQ 连接 { $servers } 个 REP：{ $requests } 个请求依次由服务端 { $by } 应答
rr2-connected-to = 客户端连接了 { $connected } 个服务端，应为 { $due } 个
rr2-immediate-read-back = ZMQ_IMMEDIATE 读回为 { $read }，设置的是 { $set }
rr2-live-connected = 第一个请求之前，客户端已连接 { $connected } 个在线服务端，应为 { $due } 个；它连接宕机服务端被拒绝 { $refused } 次
rr2-on = 开启
rr2-off = 关闭
rr2-down-in-turn = 1 个 REQ 连接 { $servers } 个 REP，服务端 { $down } 宕机，ZMQ_IMMEDIATE { $setting }：全部 { $requests } 个请求都得到应答，由两个在线服务端轮流应答
rr2-down-some = 1 个 REQ 连接 { $servers } 个 REP，服务端 { $down } 宕机，ZMQ_IMMEDIATE { $setting }：{ $requests } 个请求中 { $answered } 个得到应答，应答的服务端为 { $by }
rr2-down-queued = 1 个 REQ 连接 { $servers } 个 REP，服务端 { $down } 宕机，ZMQ_IMMEDIATE { $setting }：应答请求的服务端为 { $by }；请求 { $request } { $unanswered }
rr2-none = 无
rr2-went-unanswered = 没有得到应答
rr2-waited-out = 没有得到应答，客户端等满了 { $ms } ms
rr2-did-not-wait = 没有得到应答，但客户端没有等满 { $ms } ms
rr2-nothing = 什么也没有
rr2-late-reached = 宕机的服务端恢复后收到了 { $got }，它的应答送到了等待中的客户端
rr2-late-did-not-reach = 宕机的服务端恢复后收到了 { $got }，它的应答没有送到等待中的客户端
rr2-gave-up-after = ZMQ_IMMEDIATE { $setting }：客户端等待 { $took } 后放弃
rr2-answered-by = ZMQ_IMMEDIATE { $setting }：应答的服务端为 { $by }

## RR3
rr3-known = 代理启动时以及之后每轮之前 DEALER 知道的工作者数：{ $known }，应为 { $due }
rr3-brokered = { $clients } 个客户端 × { $rounds } 轮，经 ROUTER/DEALER 代理发给 { $workers } 个工作者：{ $requests } 个应答中 { $own } 个回到了提问者
rr3-per-worker = 每个工作者处理的请求数：{ $served }

## RR4
rr4-server-first = 服务端先启动：hello → { $reply }
rr4-queued = 请求在任何绑定之前已排队
rr4-refused = 请求在绑定之前被拒绝
rr4-monitor = 服务端绑定时，客户端的监视器已报告 { $events }，其中 { $seen } 次是被拒绝的尝试，证据记录为 { $refused } 次
rr4-refused-at-first = ，起初连接被拒绝
rr4-client-first = 客户端先启动（{ $queued }{ $refused }）：hello → { $reply }
rr4-server-first-took = 服务端先启动 { $took }
rr4-client-first-took = 客户端先启动 { $took }
rr4-refusals = 被拒绝 { $refusals } 次

## RR5
rr5-eagain-at = 在 { $limit } ms 超时到时返回 EAGAIN
rr5-eagain-before = 在 { $limit } ms 超时到达之前就返回 EAGAIN
rr5-eagain-long-after = 在 { $limit } ms 超时之后很久才返回 EAGAIN
rr5-returned = 返回了 { $request }
rr5-servers-recv = 服务端的 recv
rr5-timeout-read-back = 读回的服务端接收超时为 { $read } ms，设置的是 { $set } ms
rr5-no-timeout-read-back = 未设置超时时，读回的服务端接收超时为 { $read }
rr5-silence-listened = 静默期监听了 { $listened }，应至少 { $due } ms
rr5-no-client = 没有客户端：recv → { $text }
rr5-silent-client = 已连接但不说话的客户端：recv → { $text }
rr5-returned-before = 在超时之前返回了 { $request }
rr5-never-came = EAGAIN：请求始终没有来
rr5-asking-client = 发出请求的客户端：recv → { $text }
rr5-then-returned = 随后返回了 { $request }
rr5-then-never = 随后始终没有返回
rr5-returned-during = 无超时：recv 在 { $silence } ms 静默期间就返回了，{ $then }
rr5-still-waiting = 无超时：recv 在 { $silence } ms 静默之后仍在等待，{ $then }
rr5-figure = 没有客户端 { $nobody }，不说话的客户端 { $silent }，发出请求 { $asks }

## RR6
rr6-mistakes = 错误用法
rr6-exchange-after = { $mistake }：之后的往返从 { $from } 到 { $to }，这对套接字的端点是 { $endpoint }
rr6-accepted = 被接受
# same as English: the mistakes and their result, each already in Chinese, around an arrow
rr6-mistakes-result = { $mistakes } → { $result }
rr6-then-usable = 随后 { $pairs } 对中有 { $usable } 对完成了 hello → world
rr6-req-recv-first = REQ 先 recv
rr6-req-send-twice = REQ 连续 send 两次
rr6-rep-send-first = REP 先 send
rr6-rep-recv-twice = REP 连续 recv 两次

## RR7
rr7-byte-exact = 逐字节相同
rr7-changed = 有改动
rr7-empty = 空消息
rr7-nul-bytes = NUL 字节
rr7-invalid-utf8 = 无效的 UTF-8
rr7-json-text = JSON 文本
rr7-noise = 1 MiB 随机数据
rr7-listened = 快速发送的接收方共监听了 { $listened }，多余消息的窗口应至少 { $window } ms
rr7-payloads-echoed = 回显的载荷
rr7-payload = { $name }（{ $bytes } B）
rr7-payload-changed = { $name }（{ $bytes } B）：服务端看到 { $seen }，客户端收回 { $reply }
rr7-exact = { $payloads }：往返逐字节相同
rr7-multipart = { $sent } 帧（{ $sent_sizes }）→ 服务端收到 { $seen } 帧（{ $seen_sizes }），{ $there }；应答回来时{ $back }
rr7-sizes-in-order = 大小 0…{ $last } B，顺序不变
rr7-sizes = 大小 { $first }…
rr7-back-to-back = 连续发送 { $sends } 次 → 接收 { $receives } 次：{ $received }
rr7-round-trips = 全部往返 { $took }
