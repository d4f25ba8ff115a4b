//! Model: A topic is followed by a payload, so a message matches only when it is strictly longer than the subscription and starts with it; a message that is exactly the topic is not received.
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
        // topic + payload: there must be something after the topic.
        message.len() > topic.len() && &message[..topic.len()] == *topic
            || topic.is_empty()
    })
}
// ANCHOR_END: stub
