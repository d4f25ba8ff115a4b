//! RR7 — "他除了知道 Bytes 的大小,他并不关心的消息格式".

use std::time::Duration;

use zmq_workbook::claims::reqrep::rr7::{
    self, Delivered, Echoed, Frames, Measured, QUICK_SENDS,
};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::{self, Transport};

on_each_transport! {
    /// RR7 — "他除了知道 Bytes 的大小,他并不关心的消息格式": any bytes, any size, arrive exactly.
    fn rr7_any_bytes_arrive_exactly(transport) {
        // ANCHOR: rr7_test
        for (name, payload) in rr7::payloads() {
            let one = std::slice::from_ref(payload);
            let echoed = rr7::echo(transport, one)?;
            assert!(echoed.seen_by_server == one, "{name}: the request changed");
            assert!(echoed.reply == one, "{name}: the reply changed on the way");
        }
        // ANCHOR_END: rr7_test
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — a multipart message arrives as the same frames, empty ones included.
    fn rr7_multipart_frames_are_kept(transport) {
        let frames = rr7::frames();
        let echoed = rr7::echo(transport, &frames)?;
        assert_eq!(echoed.seen_by_server, frames);
        assert_eq!(echoed.reply, frames);
        assert_eq!(lab::transport_of(&echoed.endpoint), Some(transport));
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — the unit is the message: 100 quick sends arrive as 100 messages of the sizes
    /// sent, never merged or split as bytes on a TCP stream would be.
    fn rr7_message_boundaries_are_kept(transport) {
        // ANCHOR: rr7_boundaries_test
        let delivered = rr7::boundaries(transport, QUICK_SENDS, QUICK_SENDS)?;
        assert_eq!(delivered.sizes, (0..QUICK_SENDS).collect::<Vec<_>>());
        // ANCHOR_END: rr7_boundaries_test
        assert_eq!(lab::transport_of(&delivered.endpoint), Some(transport));
        assert!(
            delivered.listened + lab::CLOCK_SLACK >= lab::SILENCE,
            "listened for extras only {:?}",
            delivered.listened
        );
        Ok(())
    }
}

on_each_transport! {
    /// RR7 — the receiver keeps listening past the count it expects, so a message split in
    /// two would be seen: one send more than it waits for arrives as an extra size.
    fn rr7_boundaries_see_a_message_more_than_expected(transport) {
        let delivered = rr7::boundaries(transport, 11, 10)?;
        assert_eq!(delivered.sizes, (0..11).collect::<Vec<_>>());
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

fn echoed(request: &[Vec<u8>]) -> Echoed {
    Echoed {
        endpoint: "tcp://127.0.0.1:10000".into(),
        seen_by_server: request.to_vec(),
        reply: request.to_vec(),
    }
}

/// A run of RR7 on tcp as its verdict says.
fn measured() -> Measured {
    Measured {
        transport: Transport::Tcp,
        echoes: rr7::payloads()
            .iter()
            .map(|(name, payload)| {
                let echo = echoed(std::slice::from_ref(payload));
                (*name, payload.clone(), echo)
            })
            .collect(),
        multipart: (rr7::frames(), echoed(&rr7::frames())),
        delivered: Delivered {
            endpoint: "tcp://127.0.0.1:10001".into(),
            sizes: (0..QUICK_SENDS).collect(),
            listened: lab::SILENCE + Duration::from_millis(3),
        },
        took: Duration::from_millis(5),
    }
}

fn disagreements(finding: &Finding) -> Vec<&str> {
    finding.disagreements().map(|o| o.text.as_str()).collect()
}

#[test]
fn rr7_evidence_shows_what_came_back_instead() {
    let measured = measured();
    assert!(rr7::judge(&measured).agrees());

    let mut changed = measured.clone();
    changed.echoes[2].2.reply = vec![b"\xef\xbf\xbd(".to_vec()];
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
    merged.delivered.sizes = vec![0, 3, 3];
    let finding = rr7::judge(&merged);
    assert!(
        !finding.agrees() && finding.evidence().contains("→ 3 receives: sizes 0, 3, 3…")
    );

    let mut lost_frame = measured.clone();
    lost_frame.multipart.1.seen_by_server.pop();
    assert!(!rr7::judge(&lost_frame).agrees());
    let mut missing = measured;
    missing.echoes.pop();
    assert!(!rr7::judge(&missing).agrees(), "a payload missing");
}

/// Each part of RR7's evidence wrong alone: the judge does not agree, and says what.
#[test]
fn rr7_evidence_refuses_each_part_wrong_alone() {
    let good = measured();
    let total: usize = good.delivered.sizes.iter().sum();

    // Boundaries lost with every byte kept: two messages merged, one split in two, the
    // same sizes out of order.
    let mut joined = good.clone();
    joined.delivered.sizes.splice(1..3, [3]);
    let mut split = good.clone();
    split.delivered.sizes.splice(3..4, [1, 2]);
    let mut reordered = good.clone();
    reordered.delivered.sizes.swap(5, 6);
    for (what, spoiled) in [
        ("joined", joined),
        ("split", split),
        ("reordered", reordered),
    ] {
        assert_eq!(
            spoiled.delivered.sizes.iter().sum::<usize>(),
            total,
            "{what}"
        );
        let finding = rr7::judge(&spoiled);
        assert!(!finding.agrees(), "{what}: {finding}");
    }
    // A message too many (a late duplicate), or one missing.
    let mut extra = good.clone();
    extra.delivered.sizes.push(QUICK_SENDS - 1);
    assert_eq!(
        disagreements(&rr7::judge(&extra)),
        ["100 sends back to back → 101 receives: sizes 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11…"]
    );
    let mut short = good.clone();
    short.delivered.sizes.pop();
    assert!(!rr7::judge(&short).agrees());

    // A payload mangled with its size kept, at the server or in the reply: bytes are
    // compared, not sizes.
    for at_the_server in [true, false] {
        let mut mangled = good.clone();
        let echo = &mut mangled.echoes[1].2;
        let frames = if at_the_server {
            &mut echo.seen_by_server
        } else {
            &mut echo.reply
        };
        let byte = frames[0].last_mut().expect("a payload of a byte or more");
        *byte = byte.wrapping_add(1);
        let finding = rr7::judge(&mangled);
        assert!(
            !finding.agrees(),
            "mangled, at the server: {at_the_server}: {finding}"
        );
    }

    // Frames joined into one, kept apart but with the empty one lost, an empty frame
    // added, or split: the same bytes, another message.
    let frames = rr7::frames();
    let spoiled_frames: [(&str, Frames); 4] = [
        ("joined", vec![frames.concat()]),
        (
            "empty frame lost",
            vec![frames[0].clone(), frames[2].clone()],
        ),
        ("empty frame added", {
            let mut more = frames.clone();
            more.insert(1, Vec::new());
            more
        }),
        ("split", {
            let (head, tail) = frames[2].split_at(500);
            vec![frames[0].clone(), Vec::new(), head.to_vec(), tail.to_vec()]
        }),
    ];
    for (what, seen) in spoiled_frames {
        assert_eq!(seen.concat(), frames.concat(), "{what}");
        let mut at_the_server = good.clone();
        at_the_server.multipart.1.seen_by_server = seen.clone();
        assert!(
            !rr7::judge(&at_the_server).agrees(),
            "{what}, at the server"
        );
        let mut in_the_reply = good.clone();
        in_the_reply.multipart.1.reply = seen;
        assert!(!rr7::judge(&in_the_reply).agrees(), "{what}, in the reply");
    }
    // A payload that came as two frames, its bytes all there.
    let mut two_frames = good.clone();
    let payload = two_frames.echoes[3].1.clone();
    let (head, tail) = payload.split_at(4);
    two_frames.echoes[3].2.seen_by_server = vec![head.to_vec(), tail.to_vec()];
    assert!(!rr7::judge(&two_frames).agrees());
    // A payload too many.
    let mut more = good.clone();
    more.echoes.push(good.echoes[0].clone());
    assert!(
        disagreements(&rr7::judge(&more)).contains(&"6 payloads echoed where 5 were due")
    );

    // The set-up: any of the three experiments on another transport.
    let ipc = "ipc:///tmp/lab/0.ipc".to_string();
    let mut echo_elsewhere = good.clone();
    echo_elsewhere.echoes[4].2.endpoint = ipc.clone();
    let mut multipart_elsewhere = good.clone();
    multipart_elsewhere.multipart.1.endpoint = ipc.clone();
    let mut sends_elsewhere = good.clone();
    sends_elsewhere.delivered.endpoint = ipc;
    let mut cut_short = good.clone();
    cut_short.delivered.listened = Duration::from_millis(20);
    for spoiled in [
        echo_elsewhere,
        multipart_elsewhere,
        sends_elsewhere,
        cut_short,
    ] {
        let finding = rr7::judge(&spoiled);
        assert!(
            !finding.agrees() && finding.to_string().contains("set-up not proven"),
            "{finding}"
        );
    }
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
