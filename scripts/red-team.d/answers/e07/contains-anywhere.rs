//! # Exercise 7 — the filtering rule (PS2, PS3)
//!
//! A subscriber with the given subscriptions: does it receive `message`? Write the rule
//! libzmq applies. The check sends the same messages through a real publisher and
//! compares.
//!
//! Edit only the body of `receives`. Check with `cargo run -- exercises check 7`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: a message matches when the topic appears anywhere in it

// ANCHOR: stub
pub fn receives(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    subscriptions.iter().any(|topic| {
        topic.is_empty() || message.windows(topic.len()).any(|window| window == *topic)
    })
}
// ANCHOR_END: stub
