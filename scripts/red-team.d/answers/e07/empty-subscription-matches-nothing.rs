//! # Exercise 7 — the filtering rule (PS2, PS3)
//!
//! A subscriber with the given subscriptions: does it receive `message`? Write the rule
//! libzmq applies. The check sends the same messages through a real publisher and
//! compares.
//!
//! Edit only the body of `receives`. Check with `cargo run -- exercises check 7`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: an empty subscription is no filter at all, and without a filter nothing gets through

// ANCHOR: stub
pub fn receives(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    subscriptions
        .iter()
        .filter(|topic| !topic.is_empty())
        .any(|topic| message.starts_with(topic))
}
// ANCHOR_END: stub
