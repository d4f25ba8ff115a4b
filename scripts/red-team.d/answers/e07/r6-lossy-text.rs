//! Model: topics and messages are compared as text, decoded lossily, so any two different invalid bytes both become U+FFFD and wrongly match.
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
    // Compare as text, so that any message decodes cleanly.
    let message = String::from_utf8_lossy(message);
    subscriptions
        .iter()
        .any(|topic| message.starts_with(&*String::from_utf8_lossy(topic)))
}
// ANCHOR_END: stub
