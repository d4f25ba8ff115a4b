# The command line's own words (src/main.rs, src/exercises.rs, src/translations.rs).

hint-level-nudge = a nudge
hint-level-api = the API to use
hint-heading = Hint for exercise { $number } — { $title }, { $level } ({ $file }):
hint-still-stuck = Still stuck? `cargo run -- exercises hint { $number } more` names the API to use.
translations-heading = The terminal's text in zh-CN, per catalog: messages, translated, missing
translations-line = { $catalog }: { $messages } { $messages ->
        [one] message
       *[other] messages
    }, { $translated } translated, { $missing } missing
translations-untranslated = Not yet translated: an experiment's own error (after "the experiment failed:"), the exercise checker's own messages and the exercises' titles (exercises/src/, `cargo run -- exercises`, `check N`, `watch`, `verify`), the command line's errors and help, and the article's ported programs (src/bin/) speak English.
