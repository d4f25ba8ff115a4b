//! Solution to exercise 8.

// ANCHOR: solution
pub fn publish_when_ready(
    publisher: &zmq::Socket,
    subscribers: usize,
    messages: &[&str],
) -> zmq::Result<()> {
    let mut subscribed = 0;
    while subscribed < subscribers {
        // Each subscription arrives as a message: \x01 and the topic (PS6's first fix).
        let event = publisher.recv_bytes(0)?;
        if event.first() == Some(&1) {
            subscribed += 1;
        }
    }
    for message in messages {
        publisher.send(*message, 0)?;
    }
    Ok(())
}
// ANCHOR_END: solution
