//! Solution to exercise 7.

// ANCHOR: solution
pub fn receives(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    // A subscription is a byte prefix of the message (PS2); any one of them is enough.
    subscriptions.iter().any(|topic| message.starts_with(topic))
}
// ANCHOR_END: solution
