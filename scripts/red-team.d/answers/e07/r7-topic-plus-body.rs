//! Model: a topic is followed by a body, so a message must be longer than the topic it begins with (a message that is only the topic carries nothing and is not delivered).
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
    // The message must begin with the topic and carry something after it.
    subscriptions
        .iter()
        .any(|topic| message.len() > topic.len() && message.starts_with(topic))
}
// ANCHOR_END: stub
