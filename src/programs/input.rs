//! Stdin as the article's programs read it: line by line, each line the bytes typed without
//! its newline (Python's `input()`), stripped only where the article calls `.strip()`.
//! Bytes that are not UTF-8 are passed on as they are: they never end the input.

use std::collections::VecDeque;
use std::io::BufRead;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::Duration;

use super::fail;

/// Lines typed on stdin, read on a thread of their own so that a program can wait for a
/// message and watch its input at the same time.
pub struct Input {
    lines: Receiver<Vec<u8>>,
    pending: VecDeque<Vec<u8>>,
    closed: bool,
}

impl Input {
    pub fn stdin() -> Input {
        let (send, lines) = mpsc::channel();
        thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            loop {
                let mut line = Vec::new();
                match stdin.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if line.last() == Some(&b'\n') {
                            line.pop();
                        }
                        if send.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Input {
            lines,
            pending: VecDeque::new(),
            closed: false,
        }
    }

    /// The next line, without its newline, waiting for it; `None` once stdin is closed and
    /// every line was read.
    pub fn next_line(&mut self) -> Option<Vec<u8>> {
        self.pending.pop_front().or_else(|| self.lines.recv().ok())
    }

    /// True once stdin is closed and nothing typed is left to read: the program can stop.
    pub fn exhausted(&mut self) -> bool {
        loop {
            match self.lines.try_recv() {
                Ok(line) => self.pending.push_back(line),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.closed = true;
                    break;
                }
            }
        }
        self.closed && self.pending.is_empty()
    }
}

/// Python's `str.strip()` on a line of bytes: whitespace removed from both ends, where
/// whitespace is what Python's `str.isspace()` says it is. Bytes that are not UTF-8 are not
/// whitespace, and stay.
pub fn strip(line: &[u8]) -> &[u8] {
    let leading = line.utf8_chunks().next().map_or(0, |first| {
        first.valid().len() - first.valid().trim_start_matches(is_python_whitespace).len()
    });
    if leading == line.len() {
        return &[];
    }
    let trailing = line
        .utf8_chunks()
        .last()
        .filter(|last| last.invalid().is_empty())
        .map_or(0, |last| {
            last.valid().len() - last.valid().trim_end_matches(is_python_whitespace).len()
        });
    &line[leading..line.len() - trailing]
}

/// Python's `str.isspace()`: Unicode's White_Space, and the four ASCII information
/// separators (U+001C to U+001F), which Python counts as whitespace and Rust does not.
pub fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Waits for a message on `socket` while watching `input`: returns `None` when stdin closes
/// first (nobody is left to answer), checking every `slice`.
pub fn recv_or_input_closed(
    socket: &zmq::Socket,
    input: &mut Input,
    slice: Duration,
) -> Option<Vec<u8>> {
    loop {
        match socket.poll(zmq::POLLIN, slice.as_millis() as i64) {
            Ok(0) => {
                if input.exhausted() {
                    return None;
                }
            }
            Ok(_) => {
                return Some(
                    socket
                        .recv_bytes(0)
                        .unwrap_or_else(|e| fail(format!("receive failed: {e}"))),
                )
            }
            Err(e) => fail(format!("waiting for a message failed: {e}")),
        }
    }
}
