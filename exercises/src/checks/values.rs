//! The values a check hands to the learner's function: varied from run to run, drawn from
//! one seed per process so that a failure can be repeated with `EXERCISE_SEED=<seed>`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// The environment variable that fixes the seed.
pub const SEED_VARIABLE: &str = "EXERCISE_SEED";

/// The seed `EXERCISE_SEED` asks for, if any, or why it cannot be used.
pub fn seed_from_environment() -> Result<Option<u64>, String> {
    match std::env::var(SEED_VARIABLE) {
        Err(_) => Ok(None),
        Ok(text) => text.trim().parse().map(Some).map_err(|_| {
            format!(
                "{SEED_VARIABLE}={text:?} is not a seed; use a whole number such as 42"
            )
        }),
    }
}

/// The seed of this process: `EXERCISE_SEED` if it is set (and valid), a fresh one
/// otherwise.
pub fn seed() -> u64 {
    static FIRST: OnceLock<()> = OnceLock::new();
    FIRST.get_or_init(|| {
        let seed = seed_from_environment()
            .ok()
            .flatten()
            .unwrap_or_else(|| fastrand::u64(..1_000_000));
        SEED.store(seed, Ordering::Relaxed);
    });
    SEED.load(Ordering::Relaxed)
}

static SEED: AtomicU64 = AtomicU64::new(0);

/// Draws the values of the checks that start from now on from `seed` instead (for
/// measuring checks over many runs).
pub fn reseed(seed: u64) {
    let _ = self::seed();
    SEED.store(seed, Ordering::Relaxed);
}

/// How a failure names its seed, and how to repeat it.
pub fn seed_note() -> String {
    let seed = seed();
    format!("the values came from seed {seed}; {SEED_VARIABLE}={seed} repeats them")
}

/// A source of values for one exercise's check. Each exercise draws from its own stream,
/// so that one seed repeats a check whichever others run beside it.
pub struct Values(fastrand::Rng);

impl Values {
    pub fn for_exercise(number: u64) -> Self {
        Values(fastrand::Rng::with_seed(
            seed() ^ number.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        ))
    }

    pub fn between(&mut self, low: usize, high: usize) -> usize {
        self.0.usize(low..=high)
    }

    pub fn millis(&mut self, low: u64, high: u64) -> Duration {
        Duration::from_millis(self.0.u64(low..=high))
    }

    pub fn chance(&mut self, one_in: u32) -> bool {
        self.0.u32(..one_in) == 0
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        self.0.shuffle(items);
    }

    /// A word of letters in mixed case, never the same case throughout.
    pub fn word(&mut self) -> String {
        let length = self.between(3, 7);
        let mut word: String = (0..length).map(|_| self.0.alphabetic()).collect();
        let (upper, lower) = (self.0.usize(..length), self.0.usize(..length));
        let mut letters: Vec<char> = word.chars().collect();
        letters[upper] = letters[upper].to_ascii_uppercase();
        if lower != upper {
            letters[lower] = letters[lower].to_ascii_lowercase();
        }
        word = letters.into_iter().collect();
        word
    }

    /// Text of one to three words, now and then with a letter outside ASCII.
    pub fn text(&mut self) -> String {
        let words: Vec<String> = (0..self.between(1, 3)).map(|_| self.word()).collect();
        let mut text = words.join(" ");
        if self.chance(3) {
            text.push_str(["é", "ß", "→", "中"][self.0.usize(..4)]);
        }
        text
    }

    /// A list of `count` different texts, one of them empty when `with_empty` (and count
    /// > 1).
    pub fn texts(&mut self, count: usize, with_empty: bool) -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        while texts.len() < count {
            let text = self.text();
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        if with_empty && count > 1 {
            let at = self.0.usize(..count);
            texts[at] = String::new();
        }
        texts
    }

    /// A byte that can never appear in UTF-8.
    pub fn invalid_byte(&mut self) -> u8 {
        self.0.u8(0xF8..=0xFF)
    }

    /// Bytes that are not UTF-8: a mixed-case word with a byte no UTF-8 text contains.
    pub fn binary(&mut self) -> Vec<u8> {
        let mut bytes = self.word().into_bytes();
        let at = self.0.usize(..=bytes.len());
        let invalid = self.invalid_byte();
        bytes.insert(at, invalid);
        if self.chance(2) {
            bytes.push(0);
        }
        bytes
    }

    /// Bytes of any value, a long run of them: from a few hundred bytes to tens of
    /// kilobytes, with NUL bytes and bytes that are not UTF-8 among them.
    pub fn long_binary(&mut self) -> Vec<u8> {
        let length = self.between(300, 70_000);
        let mut bytes: Vec<u8> = (0..length).map(|_| self.0.u8(..)).collect();
        let at = self.0.usize(..length);
        bytes[at] = self.invalid_byte();
        bytes
    }

    /// Bytes of any value, more than a buffer of a plausible fixed size holds: 1 to 3 MiB.
    pub fn huge_binary(&mut self) -> Vec<u8> {
        let length = self.between(1 << 20, 3 << 20);
        let mut bytes = vec![0; length];
        self.0.fill(&mut bytes);
        bytes
    }

    /// Frames for a message: one empty, one that is not UTF-8 and ends in a NUL byte, one of
    /// mixed-case text, one long, and up to two more, in a random order.
    pub fn frames(&mut self) -> Vec<Vec<u8>> {
        let mut ends_in_nul = self.binary();
        if ends_in_nul.last() != Some(&0) {
            ends_in_nul.push(0);
        }
        let mut frames = vec![
            Vec::new(),
            ends_in_nul,
            self.word().into_bytes(),
            self.long_binary(),
        ];
        for _ in 0..self.between(0, 2) {
            frames.push(self.binary());
        }
        self.shuffle(&mut frames);
        frames
    }

    /// Text with white space around it (spaces, a tab, a line end), or white space alone:
    /// every byte of it is part of the value.
    pub fn spaced(&mut self) -> String {
        let mut around = || [" ", "  ", "\t", "\n", " \r\n"][self.0.usize(..5)];
        let (before, after) = (around(), around());
        if self.chance(5) {
            return format!("{before}{after}");
        }
        let text = self.text();
        format!("{before}{text}{after}")
    }

    /// A random token that marks a sequence's end: never a value a check hands out.
    pub fn sentinel(&mut self) -> Vec<u8> {
        let mut sentinel = vec![0x00, 0x01, 0xFE];
        sentinel.extend((0..8).map(|_| self.0.u8(..)));
        sentinel
    }
}

/// Bytes as a reader would want to see them: text where they are printable ASCII, `\xNN`
/// otherwise, in quotes; the first few dozen of a long run, and how long it is.
pub fn show(bytes: &[u8]) -> String {
    const SHOWN: usize = 40;
    let mut shown = String::from("\"");
    for &byte in bytes.iter().take(SHOWN) {
        match byte {
            b'"' => shown.push_str("\\\""),
            b'\\' => shown.push_str("\\\\"),
            0x20..=0x7E => shown.push(byte as char),
            _ => shown.push_str(&format!("\\x{byte:02x}")),
        }
    }
    shown.push('"');
    if bytes.len() > SHOWN {
        shown.push_str(&format!("… ({} bytes in all)", bytes.len()));
    }
    shown
}

/// A list of byte strings, shown one by one.
pub fn show_all(list: &[Vec<u8>]) -> String {
    let shown: Vec<String> = list.iter().map(|bytes| show(bytes)).collect();
    format!("[{}]", shown.join(", "))
}

/// A message: its one frame as bytes, or its frames, counted.
pub fn show_message(frames: &[Vec<u8>]) -> String {
    match frames {
        [one] => show(one),
        _ => format!("{} frames {}", frames.len(), show_all(frames)),
    }
}

/// A list of messages, the first few of a long one.
pub fn show_messages(list: &[Vec<Vec<u8>>]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = list.iter().take(SHOWN).map(|m| show_message(m)).collect();
    if list.len() <= SHOWN {
        return format!("[{}]", shown.join(", "));
    }
    format!("[{}, …] ({} in all)", shown.join(", "), list.len())
}

/// A list of texts, the first few of a long one, each as Rust writes it (white space
/// shows) and cut short when it is long.
pub fn show_texts(list: &[String]) -> String {
    const SHOWN: usize = 8;
    const LONG: usize = 60;
    let shown: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|text| match text.char_indices().nth(LONG) {
            Some((cut, _)) => {
                format!("{:?}… ({} bytes in all)", &text[..cut], text.len())
            }
            None => format!("{text:?}"),
        })
        .collect();
    if list.len() <= SHOWN {
        return format!("[{}]", shown.join(", "));
    }
    format!("[{}, …] ({} in all)", shown.join(", "), list.len())
}

/// How `got` differs from `expected`, both taken as bags: what is missing, what is extra.
pub fn bag_difference(expected: &[String], got: &[String]) -> String {
    let mut missing: Vec<String> = expected.to_vec();
    let mut extra = Vec::new();
    for item in got {
        match missing.iter().position(|m| m == item) {
            Some(at) => {
                missing.swap_remove(at);
            }
            None => extra.push(item.clone()),
        }
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {}", show_texts(&missing)));
    }
    if !extra.is_empty() {
        parts.push(format!("extra or repeated {}", show_texts(&extra)));
    }
    parts.join("; ")
}
