//! Model: the empty subscription means "everything" when it is the subscriber's filter, but among real topics it is a blank entry that lets nothing extra through.
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
    // The article's two choices: subscribe to "" to receive all, or to topics like "123".
    if let [only] = subscriptions {
        if only.is_empty() {
            return true;
        }
    }
    // Otherwise one topic that begins the message is enough; a blank entry names no topic.
    subscriptions
        .iter()
        .filter(|topic| !topic.is_empty())
        .any(|topic| message.starts_with(topic))
}
// ANCHOR_END: stub
