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

/// Compares as text, ignoring case.
pub fn ignores_case(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    let message = String::from_utf8_lossy(message).to_lowercase();
    subscriptions
        .iter()
        .any(|topic| message.starts_with(&String::from_utf8_lossy(topic).to_lowercase()))
}

/// Compares as text: bytes that are not UTF-8 all turn into the same replacement
/// character.
pub fn through_text(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    let message = String::from_utf8_lossy(message);
    subscriptions
        .iter()
        .any(|topic| message.starts_with(&*String::from_utf8_lossy(topic)))
}

/// Takes the empty subscription for "everything" only when it stands alone: among other
/// topics it lets nothing more through, where libzmq lets everything through.
pub fn empty_counts_only_alone(subscriptions: &[&[u8]], message: &[u8]) -> bool {
    match subscriptions {
        [[]] => true,
        _ => subscriptions
            .iter()
            .any(|topic| !topic.is_empty() && message.starts_with(topic)),
    }
}
