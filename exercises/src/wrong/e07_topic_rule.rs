//! Wrong answers to exercise 7 that the check must reject.

/// Looks for the topic anywhere in the message.
pub fn contains(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    subscriptions.iter().any(|topic| {
        topic.is_empty() || message.windows(topic.len()).any(|w| w == *topic)
    })
}

/// Wants the whole message to equal the topic.
pub fn exact(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    subscriptions.contains(&message)
}
