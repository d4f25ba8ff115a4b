//! Model: a message is a topic followed by a body, so a message that is only the topic (or empty) has nothing after it and is not let through.
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
    // The subscription must be the first bytes of the message, byte for byte, and the
    // message is the topic then its content: a bare topic carries nothing to deliver.
    subscriptions.iter().any(|topic| {
        message
            .strip_prefix(*topic)
            .is_some_and(|body| !body.is_empty())
    })
}
// ANCHOR_END: stub
