# 每个实验的发现对自身的说明（src/claims/evidence.rs、src/claims/mod.rs）。

set-up-transport = 要求使用 { $wanted }，套接字的端点是 { $endpoint }
set-up-peers = 等待前已连接 { $connected } 个，应为 { $due } 个
set-up-measured = { $what } 用时 { $took }，前后时钟读数相差 { $clock }
count-short = { $what }：{ $got } 个，应有 { $expected } 个
on-transport = { $transport }：{ $text }
set-up-not-proven = 准备工作未得到证明：{ $text }
on-transports = { $text }（{ $transports }）
spread-none = 无
list-separator = 、
