//! Model: Topics and messages can be compared as text after a lossy UTF-8 conversion, since the conversion keeps their beginnings.
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
    let message = String::from_utf8_lossy(message);
    subscriptions
        .iter()
        .any(|topic| message.starts_with(&*String::from_utf8_lossy(topic)))
}
// ANCHOR_END: stub
