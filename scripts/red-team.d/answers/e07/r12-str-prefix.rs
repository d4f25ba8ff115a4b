//! Model: Topics and messages are text, so the prefix test is done on strings, and bytes that are not UTF-8 never match.
//! # Exercise 7 — the filtering rule (PS2, PS3)
//!
//! A subscriber with the given subscriptions: does it receive `message`? Write the rule
//! libzmq applies. The check sends the same messages through a real publisher and
//! compares.
//!
//! Edit only the body of `receives`. Check with `cargo run -- exercises check 7`, or
//! `cargo run -- exercises watch` to check on every save.

// ANCHOR: stub
pub fn receives(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    let Ok(message) = std::str::from_utf8(message) else {
        return false;
    };
    subscriptions.iter().any(|topic| match std::str::from_utf8(topic) {
        Ok(topic) => message.starts_with(topic),
        Err(_) => false,
    })
}
// ANCHOR_END: stub
