//! # Exercise 7 — the filtering rule (PS2, PS3)
//!
//! A subscriber with the given subscriptions: does it receive `message`? Write the rule
//! libzmq applies. The check sends the same messages through a real publisher and
//! compares.
//!
//! Edit only the body of `receives`. Check with `cargo run -- exercises check 7`, or
//! `cargo run -- exercises watch` to check on every save.
//! Model: the topic of a message is its first word (up to a space), and a subscription must equal it

pub fn receives(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    let end = message.iter().position(|&b| b == b' ').unwrap_or(message.len());
    let word = &message[..end];
    subscriptions
        .iter()
        .any(|topic| topic.is_empty() || *topic == word)
}
