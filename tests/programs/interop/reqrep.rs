//! REQ/REP: the article's server and client, each in Rust or in Python, in both start
//! orders, since the article says "whichever starts first, the effect is the same" (RR4).

use std::time::Duration;

use super::{expect, python_side, run_matrix, Cell, Lang, Peer, Python, LANGS};
use crate::process::{tcp_endpoint, BOUND};

/// Typed with spaces around: `raw_input()` keeps them, and so must the ports.
const REQUEST: &str = "  hello  ";
const REPLY: &str = " world\t";
const PROMPT: &str = "请输入内容:";

pub fn server(python: &Python, lang: Lang, endpoint: &str) -> Peer {
    match lang {
        Lang::Rust => {
            Peer::rust("rr-server", &["--bind", endpoint], "wait for client on")
        }
        Lang::Python => Peer::python(
            python,
            "reqrep/server.py",
            &[endpoint],
            Some("wait for client ..."),
        ),
    }
}

pub fn client(python: &Python, lang: Lang, endpoint: &str) -> Peer {
    match lang {
        Lang::Rust => Peer::rust(
            "rr-client",
            &["--connect", endpoint, "--timeout", "60"],
            "Connecting to server at",
        ),
        // It prints its first prompt once it has connected.
        Lang::Python => {
            Peer::python(python, "reqrep/client.py", &[endpoint], Some(PROMPT))
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum First {
    Server,
    Client,
}

/// The article's exchange: the client asks, the server answers with the line typed into
/// it, the client quits with `b`. Checks both transcripts (`endpoint` is what the Rust ports
/// print). `bound` is how long the client may wait for its reply; the other waits have the
/// generous bound of every test.
pub fn exchange(
    server: Peer,
    client: Peer,
    endpoint: &str,
    first: First,
    bound: Duration,
) -> Result<(), String> {
    let (server_lang, client_lang) = (server.lang, client.lang);
    let (mut server, mut client) = match first {
        First::Server => {
            let server = server.start()?;
            (server, client.start()?)
        }
        First::Client => {
            let mut client = client.start()?;
            // The request leaves before anyone listens.
            client.type_text(&format!("{REQUEST}\nb\n"))?;
            (server.start()?, client)
        }
    };
    if let First::Server = first {
        client.type_text(&format!("{REQUEST}\nb\n"))?;
    }
    server.type_text(&format!("{REPLY}\n"))?;
    server.close_stdin();
    client.wait_for("Received reply:", bound)?;
    let client = client.end(BOUND)?;
    let server = match server_lang {
        Lang::Rust => server.end(BOUND)?,
        Lang::Python => {
            // It answered and went back to waiting for the next client, for ever. (With
            // its newline: print() writes the text and the newline one after the other.)
            server.wait_for("wait for client ...\n", BOUND)?;
            server.kill()
        }
    };
    if !client.success {
        return Err(format!("the client failed: {client:?}"));
    }
    expect(
        "the server",
        &server,
        &server_transcript(server_lang, endpoint),
    )?;
    expect(
        "the client",
        &client,
        &client_transcript(client_lang, endpoint),
    )
}

fn server_transcript(lang: Lang, endpoint: &str) -> String {
    match lang {
        Lang::Rust => format!(
            "wait for client on {endpoint} ...\nmessage from client: {REQUEST}\n\
             replied: {REPLY}\nstdin closed: server stops\n"
        ),
        Lang::Python => format!(
            "wait for client ...\nmessage from client: {REQUEST}\n{PROMPT}wait for client ...\n"
        ),
    }
}

fn client_transcript(lang: Lang, endpoint: &str) -> String {
    match lang {
        Lang::Rust => format!(
            "Connecting to server at {endpoint}...\nsent: {REQUEST}\nReceived reply: {REPLY}\n"
        ),
        // print("Received reply: ", message): print puts a space between its arguments.
        Lang::Python => {
            format!("Connecting to server...\n{PROMPT}Received reply:  {REPLY}\n{PROMPT}")
        }
    }
}

#[test]
fn interop_request_reply() {
    let Some(python) = super::python() else {
        return;
    };
    let mut cells = Vec::new();
    for server_lang in LANGS {
        for client_lang in LANGS {
            for first in [First::Server, First::Client] {
                let endpoint = tcp_endpoint();
                let (server, client) = (
                    server(python, server_lang, &endpoint),
                    client(python, client_lang, &endpoint),
                );
                cells.push(Cell {
                    python_side: python_side(&[
                        ("server", server_lang),
                        ("client", client_lang),
                    ]),
                    first: match first {
                        First::Server => "server",
                        First::Client => "client",
                    },
                    check: Box::new(move || {
                        exchange(server, client, &endpoint, first, BOUND)
                    }),
                });
            }
        }
    }
    let matrix = run_matrix(python, "REQ/REP", cells);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("request_reply", matrix);
    });
}
