//! Model: Setting SUBSCRIBE is an option like any other, so the last subscription set replaces the earlier ones.
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
    // A socket option holds one value: the last set_subscribe wins.
    match subscriptions.last() {
        Some(topic) => message.starts_with(topic),
        None => false,
    }
}
// ANCHOR_END: stub
