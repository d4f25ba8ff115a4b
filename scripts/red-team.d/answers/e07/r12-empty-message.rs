//! Model: An empty message has no topic, so no subscription can match it.
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
    if message.is_empty() {
        return false; // nothing to filter on
    }
    subscriptions.iter().any(|topic| message.starts_with(topic))
}
// ANCHOR_END: stub
