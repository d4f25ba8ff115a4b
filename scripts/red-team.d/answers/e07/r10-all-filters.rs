//! Model: Each subscription is a filter, and a message must pass every filter to be received.
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
    // No filter: nothing through (PS3). Otherwise every filter must agree.
    !subscriptions.is_empty() && subscriptions.iter().all(|topic| message.starts_with(topic))
}
// ANCHOR_END: stub
