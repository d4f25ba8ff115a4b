# 结论表自身的文字（src/table.rs）。

verdict-holds = 成立
verdict-holds-only-when = 有条件成立
verdict-does-not-hold = 不成立
# same as English: the verdict and the claim, each already in Chinese, around a dash
claim-head = { $verdict } — { $summary }
conditions-joined = { $verdict }。{ $conditions }
legend-agrees = ✔ 与结论相符
legend-disagrees = ✘ 不相符
legend-condition = ⚖ 条件
legend-figures = ⏱ 测量数据
legend-key-claim = ★ 关键论断
running = 正在本机运行 { $experiments } 个实验（libzmq { $libzmq }）…
observed-nothing = 实验什么也没有观察到
experiment-failed = 实验失败：{ $error }
beyond-heading = 论断之外：{ $about }
closing-all = 每条论断都由 `cargo test <id>_` 断言（例如 `cargo test rr4_`）；书中逐条讲解：`cargo run -- book`。
closing-one = { $id }：测试 `cargo test { $filter }`；页面 book/src/{ $page }
beyond-the-claim-id = { $id }（论断之外）
tally = 共 { $claims } 条论断：{ $holds } 条成立，{ $only_when } 条有条件成立，{ $not } 条不成立。
run-agreed = { $tally }本次运行与每条结论都相符（{ $seconds } 秒）。
run-disagreed = { $tally }本次运行与结论不相符的是：{ $claims }。
