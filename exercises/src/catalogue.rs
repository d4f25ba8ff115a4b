//! Every exercise, in order from the hello-world exchange to a small N:M broker: its file, the
//! claims it practises, and the check run on the learner's stub, on the solution, and on the
//! wrong answers that must fail.

use crate::{checks, exercises as stub, solutions as solution, wrong};

type Check = fn() -> Result<(), String>;

pub struct Exercise {
    pub number: usize,
    /// The file name, without `.rs`, in `src/exercises/`, `src/solutions/` and `hints/`.
    pub name: &'static str,
    pub title: &'static str,
    /// The claim IDs of the book the exercise practises.
    pub claims: &'static [&'static str],
    /// The check run on the learner's file.
    pub check: Check,
    pub solution: Check,
    /// Wrong answers, each with what is wrong with it.
    pub wrong: &'static [(&'static str, Check)],
}

impl Exercise {
    /// The learner's file, relative to the project root.
    pub fn file(&self) -> String {
        format!("exercises/src/exercises/{}.rs", self.name)
    }

    /// The hint, relative to the project root.
    pub fn hint_file(&self) -> String {
        format!("exercises/hints/{}.md", self.name)
    }

    pub fn hint(&self) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("hints/{}.md", self.name));
        std::fs::read_to_string(path)
            .unwrap_or_else(|_| "(the hint file is missing)".into())
    }
}

pub static EXERCISES: [Exercise; 12] = [
    Exercise {
        number: 1,
        name: "e01_hello_server",
        title: "The hello-world server",
        claims: &["RR1", "RR6"],
        check: || checks::hello_server(stub::e01_hello_server::serve_one),
        solution: || checks::hello_server(solution::e01_hello_server::serve_one),
        wrong: &[
            ("replies before receiving", || {
                checks::hello_server(wrong::e01_hello_server::replies_first)
            }),
            ("echoes instead of answering world", || {
                checks::hello_server(wrong::e01_hello_server::echoes)
            }),
        ],
    },
    Exercise {
        number: 2,
        name: "e02_ask_in_turn",
        title: "One question, one answer",
        claims: &["RR6"],
        check: || checks::ask_in_turn(stub::e02_ask_in_turn::ask_in_turn),
        solution: || checks::ask_in_turn(solution::e02_ask_in_turn::ask_in_turn),
        wrong: &[("a REQ client that sends twice", || {
            checks::ask_in_turn(wrong::e02_ask_in_turn::sends_all_first)
        })],
    },
    Exercise {
        number: 3,
        name: "e03_give_up_in_time",
        title: "Never wait for ever",
        claims: &["RR5"],
        check: || checks::give_up_in_time(stub::e03_give_up_in_time::ask_or_give_up),
        solution: || {
            checks::give_up_in_time(solution::e03_give_up_in_time::ask_or_give_up)
        },
        wrong: &[
            ("no receive timeout", || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::no_timeout)
            }),
            ("gives up without asking", || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::gives_up_at_once)
            }),
        ],
    },
    Exercise {
        number: 4,
        name: "e04_echo_frames",
        title: "Bytes are bytes",
        claims: &["RR7"],
        check: || checks::echo_frames(stub::e04_echo_frames::echo_frames),
        solution: || checks::echo_frames(solution::e04_echo_frames::echo_frames),
        wrong: &[
            ("goes through text", || {
                checks::echo_frames(wrong::e04_echo_frames::through_text)
            }),
            ("echoes the first frame only", || {
                checks::echo_frames(wrong::e04_echo_frames::first_frame_only)
            }),
        ],
    },
    Exercise {
        number: 5,
        name: "e05_one_way",
        title: "Which way does it go?",
        claims: &["G1", "G2"],
        check: || {
            checks::one_way(stub::e05_one_way::can_send, stub::e05_one_way::can_receive)
        },
        solution: || {
            checks::one_way(
                solution::e05_one_way::can_send,
                solution::e05_one_way::can_receive,
            )
        },
        wrong: &[
            ("every socket both ways", || {
                checks::one_way(
                    wrong::e05_one_way::both_ways,
                    wrong::e05_one_way::both_ways,
                )
            }),
            ("a SUB that sends", || {
                checks::one_way(
                    wrong::e05_one_way::sub_sends,
                    solution::e05_one_way::can_receive,
                )
            }),
        ],
    },
    Exercise {
        number: 6,
        name: "e06_subscribe",
        title: "A subscriber that receives",
        claims: &["PS2", "PS3"],
        check: || checks::subscribe(stub::e06_subscribe::subscriber),
        solution: || checks::subscribe(solution::e06_subscribe::subscriber),
        wrong: &[
            ("a subscriber that forgot to subscribe", || {
                checks::subscribe(wrong::e06_subscribe::forgot_to_subscribe)
            }),
            ("subscribes to everything", || {
                checks::subscribe(wrong::e06_subscribe::subscribes_to_all)
            }),
        ],
    },
    Exercise {
        number: 7,
        name: "e07_topic_rule",
        title: "The filtering rule",
        claims: &["PS2", "PS3"],
        check: || checks::topic_rule(stub::e07_topic_rule::receives),
        solution: || checks::topic_rule(solution::e07_topic_rule::receives),
        wrong: &[
            ("topic anywhere in the message", || {
                checks::topic_rule(wrong::e07_topic_rule::contains)
            }),
            ("message equal to the topic", || {
                checks::topic_rule(wrong::e07_topic_rule::exact)
            }),
        ],
    },
    Exercise {
        number: 8,
        name: "e08_publish_when_ready",
        title: "Fix the slow joiner",
        claims: &["PS6"],
        check: || {
            checks::publish_when_ready(stub::e08_publish_when_ready::publish_when_ready)
        },
        solution: || {
            checks::publish_when_ready(
                solution::e08_publish_when_ready::publish_when_ready,
            )
        },
        wrong: &[
            ("a fix that only sleeps", || {
                checks::publish_when_ready(wrong::e08_publish_when_ready::sleeps)
            }),
            ("waits for one subscriber only", || {
                checks::publish_when_ready(wrong::e08_publish_when_ready::waits_for_one)
            }),
        ],
    },
    Exercise {
        number: 9,
        name: "e09_worker",
        title: "A pipeline worker",
        claims: &["PL1", "PL3"],
        check: || checks::worker(stub::e09_worker::work),
        solution: || checks::worker(solution::e09_worker::work),
        wrong: &[
            ("duplicates every task", || {
                checks::worker(wrong::e09_worker::duplicates)
            }),
            ("drops tasks", || {
                checks::worker(wrong::e09_worker::drops_some)
            }),
        ],
    },
    Exercise {
        number: 10,
        name: "e10_push_or_give_up",
        title: "A PUSH that does not block for ever",
        claims: &["PL4"],
        check: || checks::push_or_give_up(stub::e10_push_or_give_up::push_or_give_up),
        solution: || {
            checks::push_or_give_up(solution::e10_push_or_give_up::push_or_give_up)
        },
        wrong: &[
            ("a plain send", || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::plain_send)
            }),
            ("DONTWAIT", || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::dont_wait)
            }),
        ],
    },
    Exercise {
        number: 11,
        name: "e11_pipeline",
        title: "Ventilator, workers, sink",
        claims: &["PL1", "PL3"],
        check: || checks::pipeline(stub::e11_pipeline::run_pipeline),
        solution: || checks::pipeline(solution::e11_pipeline::run_pipeline),
        wrong: &[("tasks published instead of pushed", || {
            checks::pipeline(wrong::e11_pipeline::publishes_tasks)
        })],
    },
    Exercise {
        number: 12,
        name: "e12_broker",
        title: "A small N:M broker",
        claims: &["RR3"],
        check: || checks::broker(stub::e12_broker::broker),
        solution: || checks::broker(solution::e12_broker::broker),
        wrong: &[("forwards the last frame only", || {
            checks::broker(wrong::e12_broker::last_frame_only)
        })],
    },
];

/// A broken promise found by [`verify`].
pub fn verify() -> Vec<String> {
    let mut checks: Vec<(String, bool, Check)> = Vec::new();
    for exercise in &EXERCISES {
        let n = exercise.number;
        checks.push((
            format!("exercise {n}: the solution"),
            true,
            exercise.solution,
        ));
        checks.push((
            format!("exercise {n}: the untouched stub"),
            false,
            exercise.check,
        ));
        for (what, wrong) in exercise.wrong {
            checks.push((
                format!("exercise {n}: wrong answer \"{what}\""),
                false,
                *wrong,
            ));
        }
    }
    let outcomes =
        crate::runner::run_all(&checks.iter().map(|c| c.2).collect::<Vec<_>>());
    checks
        .iter()
        .zip(outcomes)
        .filter(|((_, must_pass, _), outcome)| outcome.passed() != *must_pass)
        .map(|((what, must_pass, _), outcome)| {
            if *must_pass {
                format!("{what} must pass, but: {}", outcome.describe())
            } else {
                format!("{what} must fail, but it passes")
            }
        })
        .collect()
}

/// How many wrong answers the catalogue holds.
pub fn wrong_answers() -> usize {
    EXERCISES.iter().map(|e| e.wrong.len()).sum()
}
