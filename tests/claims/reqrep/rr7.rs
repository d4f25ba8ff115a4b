//! RR7 — "他除了知道 Bytes 的大小,他并不关心的消息格式".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr7::{self, Measured, QUICK_SENDS};

on_each_transport! {
    /// RR7 — "他除了知道 Bytes 的大小,他并不关心的消息格式": any bytes, any size, arrive exactly.
    fn rr7_any_bytes_arrive_exactly(transport) {
        // ANCHOR: rr7_test
        for (name, payload) in rr7::payloads() {
            let one = std::slice::from_ref(&payload);
            let (seen_by_server, reply) = rr7::echo(transport, one)?;
            assert!(seen_by_server == one, "{name}: the request changed on the way");
            assert!(reply == one, "{name}: the reply changed on the way");
        }
        // ANCHOR_END: rr7_test
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — a multipart message arrives as the same frames, empty ones included.
    fn rr7_multipart_frames_are_kept(transport) {
        let frames = rr7::frames();
        let (seen_by_server, reply) = rr7::echo(transport, &frames)?;
        assert_eq!(seen_by_server, frames);
        assert_eq!(reply, frames);
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — the unit is the message: 100 quick sends arrive as 100 messages of the sizes
    /// sent, never merged or split as bytes on a TCP stream would be.
    fn rr7_message_boundaries_are_kept(transport) {
        // ANCHOR: rr7_boundaries_test
        let sizes = rr7::boundaries(transport, QUICK_SENDS)?;
        assert_eq!(sizes, (0..QUICK_SENDS).collect::<Vec<_>>());
        // ANCHOR_END: rr7_boundaries_test
        Ok(())
    }
}

/// The noise RR7 sends has no structure a format could rely on: every byte value, each
/// about as often as the others.
#[test]
fn rr7_noise_covers_every_byte_value_evenly() {
    let noise = rr7::noise(256 * 256);
    let mut counts = [0usize; 256];
    for byte in &noise {
        counts[usize::from(*byte)] += 1;
    }
    let (fewest, most) = (counts.iter().min(), counts.iter().max());
    // 256 of each on average.
    assert!(
        fewest > Some(&128) && most < Some(&512),
        "{fewest:?}..{most:?}"
    );
}

#[test]
fn rr7_evidence_shows_what_came_back_instead() {
    let exact = |name, bytes: &[u8]| {
        (
            name,
            bytes.to_vec(),
            vec![bytes.to_vec()],
            vec![bytes.to_vec()],
        )
    };
    let frames = rr7::frames();
    let measured = Measured {
        echoes: rr7::payloads().iter().map(|(n, p)| exact(*n, p)).collect(),
        multipart: (frames.clone(), frames.clone(), frames.clone()),
        sizes: (0..QUICK_SENDS).collect(),
        took: Duration::from_millis(5),
    };
    assert!(rr7::judge(&measured).agrees());

    let mut changed = measured.clone();
    changed.echoes[2].3 = vec![b"\xef\xbf\xbd(".to_vec()];
    let finding = rr7::judge(&changed);
    assert!(!finding.agrees());
    assert!(
        finding
            .evidence()
            .contains("invalid UTF-8 (5 B): the server saw"),
        "{finding}"
    );
    assert!(
        finding
            .evidence()
            .contains("the client got back [\"�(\" (4 B)]"),
        "{finding}"
    );

    let mut merged = measured.clone();
    merged.sizes = vec![0, 3, 3];
    let finding = rr7::judge(&merged);
    assert!(
        !finding.agrees() && finding.evidence().contains("→ 3 receives: sizes 0, 3, 3…")
    );

    let mut lost_frame = measured.clone();
    lost_frame.multipart.1.pop();
    assert!(!rr7::judge(&lost_frame).agrees());
    let mut missing = measured;
    missing.echoes.pop();
    assert!(!rr7::judge(&missing).agrees(), "a payload missing");
}

/// RR7 — the "in your own program" lines: a two-frame record arrives as two frames.
#[test]
fn rr7_in_your_own_program_a_record_arrives_whole() {
    crate::harness::watchdog(|| {
        let lab = zmq_workbook::lab::Lab::new()?;
        let receiver = lab.socket(zmq::PULL)?;
        let endpoint = lab.bind(&receiver, zmq_workbook::lab::Transport::Tcp)?;
        let sender = lab.socket(zmq::PUSH)?;
        sender.connect(&endpoint)?;
        rr7::send_record(&sender, b"key", &[0xff, 0, 1])?;
        assert_eq!(
            receiver.recv_multipart(0)?,
            [b"key".to_vec(), vec![0xff, 0, 1]]
        );
        Ok(())
    })
}
