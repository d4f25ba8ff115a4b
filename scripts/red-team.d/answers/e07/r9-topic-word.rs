//! Model: The topic is the message's first word (up to a space), and a subscription matches when it begins that word; an empty subscription matches all.
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
    // "10001 23 45": the topic is the first field, the rest is the payload.
    let first_word = message.split(|&b| b == b' ').next().unwrap_or(&[]);
    subscriptions.iter().any(|topic| {
        topic.is_empty() || (first_word.starts_with(topic) && topic.len() <= first_word.len())
    })
}
// ANCHOR_END: stub
