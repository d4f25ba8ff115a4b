# 总体论断的证据（src/claims/general/）。

## G1
g1-pair-outcomes = 配对结果
g1-matched-pair-outcomes = 正确配对的结果
g1-pairs-happened = { $pairs }：{ $happened }
g1-no-control = 没有一组对照送达：静默没有依据
g1-tried-for = { $sender }→{ $receiver } 在对照组送达且自身启动之后尝试了 { $listened }，应至少 { $due } ms
g1-delivered = 已送达
g1-nothing-delivered = 什么也没送达
g1-handshake = 握手成功，{ $delivered }
g1-disconnected-at-handshake = 握手时断开，{ $delivered }
g1-handshake-ended = 握手以 { $event } 结束，{ $delivered }

## G2
g2-wrong-way-calls = 反方向调用
g2-right-way-calls = 正方向调用
g2-wrong-way = 反方向
g2-right-way = 正方向
g2-call = 在 { $socket } 上 { $call }
g2-at-once = { $error }，立即返回
g2-after = { $error }，{ $ms } ms 后返回
g2-sent = 已发送
g2-calls = { $what }：{ $calls } → { $result }
g2-read-back-type = { $call }：读回的套接字类型是 { $kind }
g2-read-back-timeout = { $call }：读回的套接字超时为 { $timeout } ms，应至少 { $due } ms
