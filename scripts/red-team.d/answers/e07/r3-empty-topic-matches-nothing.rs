//! Model: An empty subscription is no filter, and a SUB without a filter receives nothing, so the empty topic lets nothing through.
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
    // An empty subscription is "no filter", which receives nothing (PS3).
    subscriptions
        .iter()
        .any(|topic| !topic.is_empty() && message.starts_with(topic))
}
// ANCHOR_END: stub
