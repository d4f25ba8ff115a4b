//! Model: a topic is text, so the rule compares the message and each subscription as (lossily decoded) strings, which matches two different invalid bytes and misses a subscription that ends inside a UTF-8 character.
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
    // "Only accept messages beginning with 123": the message begins with the topic.
    // Compare them as text so that case and every character count.
    let message = String::from_utf8_lossy(message);
    subscriptions
        .iter()
        .any(|topic| message.starts_with(&*String::from_utf8_lossy(topic)))
}
// ANCHOR_END: stub
