//! The ports strip a line as the article's `.strip()` does: the characters Python's
//! `str.isspace()` calls whitespace, asked of Python itself for every code point.

use std::process::Stdio;

use wait_timeout::ChildExt;
use zmq_workbook::programs::is_python_whitespace;

use crate::process::BOUND;

#[test]
fn interop_the_ports_strip_what_python_strips() {
    let Some(python) = super::python() else {
        return;
    };
    let mut ask = python
        .code("import sys; print(*[c for c in range(sys.maxunicode + 1) if chr(c).isspace()])")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(ask
        .wait_timeout(BOUND)
        .unwrap()
        .is_some_and(|s| s.success()));
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut ask.stdout.take().unwrap(), &mut answer).unwrap();
    let pythons: Vec<u32> = answer
        .split_whitespace()
        .map(|c| c.parse().unwrap())
        .collect();
    let ours: Vec<u32> = (0..=char::MAX as u32)
        .filter(|&c| char::from_u32(c).is_some_and(is_python_whitespace))
        .collect();
    assert!(pythons.len() > 20, "{pythons:?}");
    assert_eq!(ours, pythons);
}
