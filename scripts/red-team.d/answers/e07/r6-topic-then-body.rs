//! Model: a topic is a prefix followed by a body, so the message must be strictly longer than the topic (a message that is exactly the topic is not received).
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
    subscriptions.iter().any(|topic| {
        // The topic, then the payload after it.
        message.len() > topic.len() && &message[..topic.len()] == *topic
    })
}
// ANCHOR_END: stub
