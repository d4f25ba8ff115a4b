//! RR7 — the unit is the message; ZMQ knows only its size, not its format.

use crate::tr;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::claims::{listed, ms, on_each, Claim, Clocked, Finding, Glance, Verdict};
use crate::lab::{self, Lab, Transport, SILENCE};

pub static CLAIM: Claim = Claim {
    id: "RR7",
    star: false,
    summary: "The unit is the message; ZMQ knows only its size, not its format",
    zh: "ZMQ 通信通信单元是消息,他除了知道 Bytes 的大小,他并不关心的消息格式",
    en: "ZMQ's unit of communication is the message: apart from its size in bytes, it does not care about its format",
    glance: Glance {
        zh: "单位是消息，格式由你定",
        en: "The unit is the message, any format",
        advice: "Send any bytes in any format; frames (a multipart message) keep parts apart without a separator.",
    },
    verdict: Verdict::Holds,
    conditions: "",
    experiment: finding,
    beyond: None,
};

/// How many messages of growing size the boundary experiment sends back to back.
pub const QUICK_SENDS: usize = 100;

/// Deterministic bytes of every value, with no structure a format could rely on.
pub fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            // xorshift32: fast, reproducible, covers all 256 byte values.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// The payloads RR7 sends: named so a failure says which one broke. Made once, so that
/// the judge counts them without copying the largest. A mebibyte is far more than
/// libzmq reads from a connection at a time (8 KiB), so it arrives in many pieces
/// and is put back together.
pub fn payloads() -> &'static [(&'static str, Vec<u8>)] {
    static PAYLOADS: std::sync::OnceLock<Vec<(&'static str, Vec<u8>)>> =
        std::sync::OnceLock::new();
    PAYLOADS.get_or_init(|| {
        vec![
            ("empty", Vec::new()),
            ("NUL bytes", vec![0, 0, b'a', 0, b'b', 0]),
            ("invalid UTF-8", vec![0xff, 0xfe, 0xc3, 0x28, 0x80]),
            ("JSON text", br#"{"greeting": "hello", "n": 1}"#.to_vec()),
            ("1 MiB of noise", noise(1024 * 1024)),
        ]
    })
}

/// The multipart message RR7 sends: a header, an empty frame, and noise.
pub fn frames() -> Frames {
    vec![b"header".to_vec(), Vec::new(), noise(1000)]
}

/// A multipart message, one element per frame.
pub type Frames = Vec<Vec<u8>>;

// ANCHOR: echo
/// What one request and its echo became: the frames the server got and the frames that
/// came back, and the server's endpoint, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echoed {
    pub endpoint: String,
    pub seen_by_server: Frames,
    pub reply: Frames,
}

/// Sends `request` (a multipart message: one frame per element) from REQ to REP and the
/// same frames back.
pub fn echo(transport: Transport, request: &[Vec<u8>]) -> Result<Echoed> {
    let lab = Lab::new()?;
    let server = lab.socket(zmq::REP)?;
    let endpoint = lab.bind(&server, transport)?;
    let client = lab.socket(zmq::REQ)?;
    client.connect(&endpoint)?;

    client.send_multipart(request, 0)?;
    let seen_by_server = server.recv_multipart(0)?;
    server.send_multipart(&seen_by_server, 0)?;
    let reply = client.recv_multipart(0)?;
    Ok(Echoed {
        endpoint,
        seen_by_server,
        reply,
    })
}
// ANCHOR_END: echo

/// The sizes of the messages a receiver got, its endpoint, read back, and how long it
/// received for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub endpoint: String,
    pub sizes: Vec<usize>,
    /// How long the receiver received, extras window included: at least that window.
    pub listened: Duration,
}

// ANCHOR: boundaries
/// Sends `sent` messages of sizes 0, 1, 2, … back to back, as fast as possible, to a
/// receiver that waits for `expected` of them, then listens a little longer: a message
/// split in two would arrive as an extra. Returns the sizes received. A TCP stream would
/// merge or split such writes; ZeroMQ delivers messages.
pub fn boundaries(
    transport: Transport,
    sent: usize,
    expected: usize,
) -> Result<Delivered> {
    let lab = Lab::new()?;
    let receiver = lab.socket(zmq::PULL)?;
    let endpoint = lab.bind(&receiver, transport)?;
    let sender = lab.socket(zmq::PUSH)?;
    sender.connect(&endpoint)?;
    for size in 0..sent {
        sender.send(vec![b'x'; size], 0)?;
    }
    // Wait for each, then listen a little longer: a split message would arrive as extras.
    let (received, clock) = Clocked::call(|| lab::receive_expecting(&receiver, expected));
    let sizes = received?.iter().map(Vec::len).collect();
    Ok(Delivered {
        endpoint,
        sizes,
        listened: clock.span(),
    })
}
// ANCHOR_END: boundaries

/// Everything RR7 measures on one transport.
#[derive(Debug, Clone)]
pub struct Measured {
    pub transport: Transport,
    /// Each payload: its name, what was sent, and its echo.
    pub echoes: Vec<(&'static str, Vec<u8>, Echoed)>,
    /// The multipart message: sent, and its echo.
    pub multipart: (Frames, Echoed),
    /// What a receiver got after [`QUICK_SENDS`] quick sends.
    pub delivered: Delivered,
    pub took: Duration,
}

pub fn measure(transport: Transport) -> Result<Measured> {
    let started = Instant::now();
    let echoes = payloads()
        .iter()
        .map(|(name, payload)| {
            let echoed = echo(transport, std::slice::from_ref(payload))?;
            Ok((*name, payload.clone(), echoed))
        })
        .collect::<Result<Vec<_>>>()?;
    let sent = frames();
    let echoed = echo(transport, &sent)?;
    Ok(Measured {
        transport,
        echoes,
        multipart: (sent, echoed),
        delivered: boundaries(transport, QUICK_SENDS, QUICK_SENDS)?,
        took: started.elapsed(),
    })
}

fn exactness(exact: bool) -> String {
    if exact {
        tr!("rr7-byte-exact")
    } else {
        tr!("rr7-changed")
    }
}

/// A payload's name in the current language.
fn payload_words(name: &str) -> String {
    match name {
        "empty" => tr!("rr7-empty"),
        "NUL bytes" => tr!("rr7-nul-bytes"),
        "invalid UTF-8" => tr!("rr7-invalid-utf8"),
        "JSON text" => tr!("rr7-json-text"),
        "1 MiB of noise" => tr!("rr7-noise"),
        other => other.to_string(),
    }
}

fn sizes_of(frames: &[Vec<u8>]) -> String {
    let sizes: Vec<String> = frames.iter().map(|f| format!("{} B", f.len())).collect();
    sizes.join(", ")
}

/// Judges RR7's measurements on one transport.
pub fn judge(measured: &Measured) -> Finding {
    let mut finding = Finding::new();
    let transport = measured.transport;
    let echoed = measured.echoes.iter().map(|(_, _, echoed)| echoed);
    for echoed in echoed.chain([&measured.multipart.1]) {
        finding.used_transport(transport, &echoed.endpoint);
    }
    let delivered = &measured.delivered;
    finding.used_transport(transport, &delivered.endpoint);
    finding.set_up(
        delivered.listened + lab::CLOCK_SLACK >= SILENCE,
        tr!(
            "rr7-listened",
            listened = ms(delivered.listened),
            window = SILENCE.as_millis()
        ),
    );

    finding.check_count(
        &tr!("rr7-payloads-echoed"),
        measured.echoes.len(),
        payloads().len(),
    );
    let mut exact = Vec::new();
    for (name, sent, echoed) in &measured.echoes {
        let (seen, reply) = (&echoed.seen_by_server, &echoed.reply);
        let one = std::slice::from_ref(sent);
        if seen == one && reply == one {
            exact.push(tr!(
                "rr7-payload",
                name = payload_words(name),
                bytes = sent.len()
            ));
        } else {
            finding.observe(
                false,
                tr!(
                    "rr7-payload-changed",
                    name = payload_words(name),
                    bytes = sent.len(),
                    seen = lab::show_all(seen),
                    reply = lab::show_all(reply)
                ),
            );
        }
    }
    if !exact.is_empty() {
        finding.observe(true, tr!("rr7-exact", payloads = crate::i18n::join(&exact)));
    }

    let (sent, echoed) = &measured.multipart;
    let (seen, reply) = (&echoed.seen_by_server, &echoed.reply);
    finding.observe(
        seen == sent && reply == sent,
        tr!(
            "rr7-multipart",
            sent = sent.len(),
            sent_sizes = sizes_of(sent),
            seen = seen.len(),
            seen_sizes = sizes_of(seen),
            there = exactness(seen == sent),
            back = exactness(reply == sent),
        ),
    );

    let expected: Vec<usize> = (0..QUICK_SENDS).collect();
    let sizes = &measured.delivered.sizes;
    let received = if *sizes == expected {
        tr!("rr7-sizes-in-order", last = QUICK_SENDS - 1)
    } else {
        let first: Vec<usize> = sizes.iter().copied().take(12).collect();
        tr!("rr7-sizes", first = listed(&first))
    };
    finding.observe(
        *sizes == expected,
        tr!(
            "rr7-back-to-back",
            sends = QUICK_SENDS,
            receives = sizes.len(),
            received = received
        ),
    );
    finding.figure(tr!("rr7-round-trips", took = ms(measured.took)));
    finding
}

fn finding() -> Result<Finding> {
    let measured = on_each(&Transport::ALL, measure)?;
    let mut finding = Finding::new();
    finding.observe_on(
        measured
            .into_iter()
            .map(|(transport, measured)| (transport, judge(&measured)))
            .collect(),
    );
    Ok(finding)
}

// ---------------------------------------------------------------- in your own program

// ANCHOR: own
/// In your own program: any bytes go, in as many frames as you like; the format is yours.
/// A message of several frames arrives whole, or not at all.
pub fn send_record(socket: &zmq::Socket, key: &[u8], value: &[u8]) -> zmq::Result<()> {
    socket.send_multipart([key, value], 0) // two frames, one message
}
// ANCHOR_END: own
