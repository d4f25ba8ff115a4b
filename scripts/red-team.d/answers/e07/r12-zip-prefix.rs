//! Model: Comparing a subscription with the message byte by byte over both (zip) is the prefix test.
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
    subscriptions
        .iter()
        .any(|topic| topic.iter().zip(message.iter()).all(|(a, b)| a == b))
}
// ANCHOR_END: stub
