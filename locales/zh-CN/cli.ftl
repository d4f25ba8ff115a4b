# 命令行自身的文字（src/main.rs、src/exercises.rs、src/translations.rs）。

hint-level-nudge = 提示
hint-level-api = 要用的 API
hint-heading = 练习 { $number } — { $title }，{ $level }（{ $file }）：
hint-still-stuck = 还是卡住了？`cargo run -- exercises hint { $number } more` 会给出要用的 API。
translations-heading = 终端文字的 zh-CN 翻译，按消息目录：消息数、已翻译、缺失
translations-line = { $catalog }：{ $messages } 条消息，已翻译 { $translated } 条，缺失 { $missing } 条
translations-untranslated = 尚未翻译：实验自身的错误信息（"实验失败："之后的部分）、练习检查器自身的消息和练习的标题（exercises/src/，`cargo run -- exercises`、`check N`、`watch`、`verify`）、命令行的错误和帮助，以及移植的文章程序（src/bin/）仍为英文。
