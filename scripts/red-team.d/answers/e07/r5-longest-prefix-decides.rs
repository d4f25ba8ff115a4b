//! Model: As in IP routing, the most specific (longest) subscription decides, so when the longest subscription does not match the message is dropped even though a shorter one matches.
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
    // The most specific filter wins; shorter ones are only fallbacks for when it is absent.
    match subscriptions.iter().max_by_key(|topic| topic.len()) {
        Some(topic) => message.starts_with(topic),
        None => false,
    }
}
// ANCHOR_END: stub
