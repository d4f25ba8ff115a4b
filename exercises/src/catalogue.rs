//! Every exercise, in order from the hello-world exchange to a small N:M broker and two
//! programs that survive a failing network: its
//! file, the claims it practises, and the check run on the learner's stub, on the
//! solution, and on the wrong answers that must fail.

use crate::exercises as stub;
use zmq_exercises::{checks, solutions as solution, wrong};

type Check = fn() -> Result<(), String>;

pub struct Exercise {
    pub number: usize,
    /// The file name, without `.rs`, in `src/exercises/`, `src/solutions/`, `src/wrong/`
    /// and `hints/`.
    pub name: &'static str,
    pub title: &'static str,
    /// The claim IDs of the book the exercise practises.
    pub claims: &'static [&'static str],
    /// The check run on the learner's file.
    pub check: Check,
    pub solution: Check,
    /// Wrong answers the check must reject.
    pub wrong: &'static [Wrong],
}

/// A plausible wrong answer, kept so that the check is proven to reject it.
pub struct Wrong {
    /// What is wrong with it, in a few words.
    pub what: &'static str,
    pub mistake: Mistake,
    pub check: Check,
}

/// The kinds of mistake a check must not let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mistake {
    /// Using the API the wrong way: out of order, the wrong frames, the wrong filter.
    Misuse,
    /// A loop that only ends when a call fails: it never returns in real use.
    EndlessLoop,
    /// A timeout bounded on one side only: too early, too late, or sleeping it out.
    OneSidedTimeout,
    /// A setting that only matters where the check's set-up could hide it (LINGER over
    /// tcp).
    HiddenSetting,
    /// A sleep standing in for evidence.
    SleepForEvidence,
    /// A value copied from the checker's output instead of the one given.
    HardCoded,
    /// A message sent twice, or again and again.
    Duplicates,
    /// DONTWAIT where the work comes a moment later, or room for it in a queue.
    DontWait,
    /// Concurrency asked for and not used.
    NoConcurrency,
    /// A broker that never returns when asked to stop, or returns at once.
    BrokerStop,
    /// The edge of what the task allows left out: none, or the one case it never tried.
    Edge,
    /// A wait given up, where the task says the work may be a long time coming.
    ImpatientWait,
}

impl Mistake {
    pub const ALL: [Mistake; 12] = [
        Mistake::Misuse,
        Mistake::EndlessLoop,
        Mistake::OneSidedTimeout,
        Mistake::HiddenSetting,
        Mistake::SleepForEvidence,
        Mistake::HardCoded,
        Mistake::Duplicates,
        Mistake::DontWait,
        Mistake::NoConcurrency,
        Mistake::BrokerStop,
        Mistake::Edge,
        Mistake::ImpatientWait,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Mistake::Misuse => "the API used the wrong way",
            Mistake::EndlessLoop => "an endless loop that timeouts would mask",
            Mistake::OneSidedTimeout => "a timeout bounded on one side only",
            Mistake::HiddenSetting => {
                "a setting the check's set-up could make unnecessary"
            }
            Mistake::SleepForEvidence => "a sleep instead of evidence",
            Mistake::HardCoded => "a hard-coded value",
            Mistake::Duplicates => "order and duplicates",
            Mistake::DontWait => "DONTWAIT where the work, or room for it, comes later",
            Mistake::NoConcurrency => "concurrency asked for and not used",
            Mistake::BrokerStop => "a broker that never returns, or returns at once",
            Mistake::Edge => "none, or one: an edge of the task left out",
            Mistake::ImpatientWait => "a wait given up where the task says to wait",
        }
    }
}

impl Exercise {
    /// The learner's file, relative to the project root.
    pub fn file(&self) -> String {
        format!("exercises/src/exercises/{}.rs", self.name)
    }
}

/// A wrong answer in the catalogue.
macro_rules! wrong {
    ($what:literal, $mistake:ident, $check:expr) => {
        Wrong {
            what: $what,
            mistake: Mistake::$mistake,
            check: $check,
        }
    };
}

pub static EXERCISES: [Exercise; 14] = [
    Exercise {
        number: 1,
        name: "e01_hello_server",
        title: "The hello-world server",
        claims: &["RR1", "RR6"],
        check: || checks::hello_server(stub::e01_hello_server::serve_one),
        solution: || checks::hello_server(solution::e01_hello_server::serve_one),
        wrong: &[
            wrong!("replies before receiving", Misuse, || {
                checks::hello_server(wrong::e01_hello_server::replies_first)
            }),
            wrong!("echoes instead of answering world", Misuse, || {
                checks::hello_server(wrong::e01_hello_server::echoes)
            }),
            wrong!("serves in a loop until recv fails", EndlessLoop, || {
                checks::hello_server(wrong::e01_hello_server::serves_in_a_loop)
            }),
            wrong!("receives with DONTWAIT", DontWait, || {
                checks::hello_server(wrong::e01_hello_server::does_not_wait)
            }),
            wrong!(
                "gives up after half a second, as if served",
                ImpatientWait,
                || {
                    checks::hello_server(
                        wrong::e01_hello_server::gives_up_after_half_a_second,
                    )
                }
            ),
            wrong!("serves the waiting requests too", Misuse, || {
                checks::hello_server(wrong::e01_hello_server::serves_the_waiting_too)
            }),
            wrong!("sleeps a moment, then DONTWAIT", DontWait, || {
                checks::hello_server(wrong::e01_hello_server::sleeps_then_does_not_wait)
            }),
            wrong!("binds a port of its own too", Misuse, || {
                checks::hello_server(wrong::e01_hello_server::binds_a_port_too)
            }),
            wrong!("naps between looks", SleepForEvidence, || {
                checks::hello_server(wrong::e01_hello_server::naps_between_looks)
            }),
            wrong!("gives up after three seconds", ImpatientWait, || {
                checks::hello_server(
                    wrong::e01_hello_server::gives_up_after_three_seconds,
                )
            }),
            wrong!("gives up after twenty seconds", ImpatientWait, || {
                checks::hello_server(
                    wrong::e01_hello_server::gives_up_after_twenty_seconds,
                )
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
        wrong: &[
            wrong!("a REQ client that sends twice", Misuse, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::sends_all_first)
            }),
            wrong!("asks the questions it once saw", HardCoded, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::asks_what_it_saw)
            }),
            wrong!("asks a repeated question once", Duplicates, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::asks_a_repeated_question_once)
            }),
            wrong!("assumes there is a question", Edge, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::assumes_a_question)
            }),
            wrong!("trims the answers", Misuse, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::trims_the_answers)
            }),
            wrong!("trims the questions", Misuse, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::trims_the_questions)
            }),
            wrong!("trims the line endings", Misuse, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::trims_line_endings)
            }),
            wrong!("asks again after a second", Duplicates, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::asks_again_after_a_second)
            }),
            wrong!(
                "gives up on an answer after two seconds",
                ImpatientWait,
                || {
                    checks::ask_in_turn(
                        wrong::e02_ask_in_turn::gives_up_after_two_seconds,
                    )
                }
            ),
            wrong!("drops a trailing NUL", Misuse, || {
                checks::ask_in_turn(wrong::e02_ask_in_turn::drops_a_trailing_nul)
            }),
        ],
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
            wrong!("no receive timeout", Misuse, || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::no_timeout)
            }),
            wrong!("gives up without asking", OneSidedTimeout, || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::gives_up_at_once)
            }),
            wrong!(
                "a fixed second, whatever the timeout",
                OneSidedTimeout,
                || {
                    checks::give_up_in_time(
                        wrong::e03_give_up_in_time::waits_a_fixed_second,
                    )
                }
            ),
            wrong!(
                "sleeps the timeout, then looks once",
                OneSidedTimeout,
                || {
                    checks::give_up_in_time(wrong::e03_give_up_in_time::sleeps_then_looks)
                }
            ),
            wrong!("a fixed 200 ms", HardCoded, || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::waits_a_fixed_200_ms)
            }),
            wrong!("lower-cases the answer", Misuse, || {
                checks::give_up_in_time(
                    wrong::e03_give_up_in_time::lower_cases_the_answer,
                )
            }),
            wrong!("no LINGER 0", HiddenSetting, || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::no_linger)
            }),
            wrong!("the milliseconds below the second", Misuse, || {
                checks::give_up_in_time(
                    wrong::e03_give_up_in_time::takes_the_millis_below_the_second,
                )
            }),
            wrong!("lingers as long as it waits", HiddenSetting, || {
                checks::give_up_in_time(
                    wrong::e03_give_up_in_time::lingers_as_long_as_it_waits,
                )
            }),
            wrong!("three short tries", ImpatientWait, || {
                checks::give_up_in_time(wrong::e03_give_up_in_time::three_short_tries)
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
            wrong!("goes through text", Misuse, || {
                checks::echo_frames(wrong::e04_echo_frames::through_text)
            }),
            wrong!("echoes the first frame only", Misuse, || {
                checks::echo_frames(wrong::e04_echo_frames::first_frame_only)
            }),
            wrong!("leaves out the empty frames", Misuse, || {
                checks::echo_frames(wrong::e04_echo_frames::skips_empty_frames)
            }),
            wrong!("echoes in a loop", EndlessLoop, || {
                checks::echo_frames(wrong::e04_echo_frames::echoes_in_a_loop)
            }),
            wrong!("reads into a 256-byte buffer", Misuse, || {
                checks::echo_frames(wrong::e04_echo_frames::reads_into_a_small_buffer)
            }),
            wrong!("reads into a 64 KiB buffer", Edge, || {
                checks::echo_frames(wrong::e04_echo_frames::reads_into_a_64_kib_buffer)
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
            wrong!("every socket both ways", Misuse, || {
                checks::one_way(
                    wrong::e05_one_way::both_ways,
                    wrong::e05_one_way::both_ways,
                )
            }),
            wrong!("a SUB that sends", Misuse, || {
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
            wrong!("a subscriber that forgot to subscribe", Misuse, || {
                checks::subscribe(wrong::e06_subscribe::forgot_to_subscribe)
            }),
            wrong!("subscribes to everything", Misuse, || {
                checks::subscribe(wrong::e06_subscribe::subscribes_to_all)
            }),
            wrong!("subscribes to the topic it once saw", HardCoded, || {
                checks::subscribe(wrong::e06_subscribe::subscribes_to_what_it_saw)
            }),
            wrong!("the topic through text", Misuse, || {
                checks::subscribe(wrong::e06_subscribe::topic_through_text)
            }),
            wrong!("does not subscribe to an empty topic", Edge, || {
                checks::subscribe(wrong::e06_subscribe::skips_an_empty_topic)
            }),
            wrong!("takes the topic for a C string", Misuse, || {
                checks::subscribe(wrong::e06_subscribe::topic_as_a_c_string)
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
            wrong!("topic anywhere in the message", Misuse, || {
                checks::topic_rule(wrong::e07_topic_rule::contains)
            }),
            wrong!("message equal to the topic", Misuse, || {
                checks::topic_rule(wrong::e07_topic_rule::exact)
            }),
            wrong!("ignores case", Misuse, || {
                checks::topic_rule(wrong::e07_topic_rule::ignores_case)
            }),
            wrong!("compares as text", Misuse, || {
                checks::topic_rule(wrong::e07_topic_rule::through_text)
            }),
            wrong!("the empty subscription counts only alone", Misuse, || {
                checks::topic_rule(wrong::e07_topic_rule::empty_counts_only_alone)
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
            wrong!("a fix that only sleeps a little", SleepForEvidence, || {
                checks::publish_when_ready(wrong::e08_publish_when_ready::sleeps)
            }),
            wrong!("a fix that sleeps long", SleepForEvidence, || {
                checks::publish_when_ready(wrong::e08_publish_when_ready::sleeps_long)
            }),
            wrong!(
                "sleeps long, then reads the subscriptions",
                SleepForEvidence,
                || {
                    checks::publish_when_ready(
                        wrong::e08_publish_when_ready::sleeps_then_reads,
                    )
                }
            ),
            wrong!("waits for one subscriber only", Misuse, || {
                checks::publish_when_ready(wrong::e08_publish_when_ready::waits_for_one)
            }),
            wrong!("publishes one multipart message", Misuse, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::publishes_one_multipart_message,
                )
            }),
            wrong!("republishes for a while", Duplicates, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::republishes_for_a_while,
                )
            }),
            wrong!("gives up after a second of quiet", ImpatientWait, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::gives_up_after_a_second,
                )
            }),
            wrong!("assumes there is a subscriber", Edge, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::assumes_a_subscriber,
                )
            }),
            wrong!("counts every event as a subscriber", Misuse, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::counts_every_event,
                )
            }),
            wrong!("counts distinct topics", Misuse, || {
                checks::publish_when_ready(
                    wrong::e08_publish_when_ready::counts_distinct_topics,
                )
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
            wrong!("duplicates every task", Duplicates, || {
                checks::worker(wrong::e09_worker::duplicates)
            }),
            wrong!("drops an empty task", Misuse, || {
                checks::worker(wrong::e09_worker::drops_empty_tasks)
            }),
            wrong!("works until no task comes", EndlessLoop, || {
                checks::worker(wrong::e09_worker::works_until_none_comes)
            }),
            wrong!("takes the ten tasks it once saw", HardCoded, || {
                checks::worker(wrong::e09_worker::takes_ten)
            }),
            wrong!("receives with DONTWAIT", DontWait, || {
                checks::worker(wrong::e09_worker::does_not_wait)
            }),
            wrong!("sleeps a moment, then DONTWAIT", DontWait, || {
                checks::worker(wrong::e09_worker::sleeps_then_does_not_wait)
            }),
            wrong!(
                "gives up after a second without a task",
                ImpatientWait,
                || { checks::worker(wrong::e09_worker::gives_up_after_a_second) }
            ),
            wrong!("drops results when the sink is slow", DontWait, || {
                checks::worker(wrong::e09_worker::drops_results_when_the_sink_is_slow)
            }),
            wrong!("drops a result after a few tries", ImpatientWait, || {
                checks::worker(wrong::e09_worker::drops_results_after_a_few_tries)
            }),
            wrong!("skips tasks that are not text", Misuse, || {
                checks::worker(wrong::e09_worker::skips_tasks_that_are_not_text)
            }),
            wrong!("passes the task on through text", Misuse, || {
                checks::worker(wrong::e09_worker::goes_through_text)
            }),
            wrong!("takes at least one task", Edge, || {
                checks::worker(wrong::e09_worker::takes_at_least_one)
            }),
            wrong!("trims the line ends", Misuse, || {
                checks::worker(wrong::e09_worker::trims_line_ends)
            }),
            wrong!("reads into a 256-byte buffer", Edge, || {
                checks::worker(wrong::e09_worker::reads_into_a_small_buffer)
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
            wrong!("a plain send", Misuse, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::plain_send)
            }),
            wrong!("DONTWAIT", DontWait, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::dont_wait)
            }),
            wrong!(
                "sleeps the timeout, then tries once",
                OneSidedTimeout,
                || {
                    checks::push_or_give_up(wrong::e10_push_or_give_up::sleeps_then_tries)
                }
            ),
            wrong!("a fixed 200 ms", HardCoded, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::fixed_timeout)
            }),
            wrong!("pushes the task it once saw", HardCoded, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::pushes_what_it_saw)
            }),
            wrong!("caps the timeout at a second", OneSidedTimeout, || {
                checks::push_or_give_up(
                    wrong::e10_push_or_give_up::caps_the_timeout_at_a_second,
                )
            }),
            wrong!("takes a timeout of 0 for none", Edge, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::zero_means_for_ever)
            }),
            wrong!("sets the timeout once", Misuse, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::sets_the_timeout_once)
            }),
            wrong!("a timeout of 0 tries nothing", Edge, || {
                checks::push_or_give_up(wrong::e10_push_or_give_up::zero_means_no_try)
            }),
        ],
    },
    Exercise {
        number: 11,
        name: "e11_pipeline",
        title: "Ventilator, workers, sink",
        claims: &["PL1", "PL2", "PL3"],
        check: || checks::pipeline(stub::e11_pipeline::run_pipeline),
        solution: || checks::pipeline(solution::e11_pipeline::run_pipeline),
        wrong: &[
            wrong!("tasks published instead of pushed", Misuse, || {
                checks::pipeline(wrong::e11_pipeline::publishes_tasks)
            }),
            wrong!("workers that send each result twice", Duplicates, || {
                checks::pipeline(wrong::e11_pipeline::results_twice)
            }),
            wrong!("one worker, whatever is asked", NoConcurrency, || {
                checks::pipeline(wrong::e11_pipeline::one_worker)
            }),
            wrong!("one worker at a time", NoConcurrency, || {
                checks::pipeline(wrong::e11_pipeline::one_worker_at_a_time)
            }),
            wrong!("sleeps for the workers", SleepForEvidence, || {
                checks::pipeline(wrong::e11_pipeline::sleeps_for_the_workers)
            }),
            wrong!("workers say ready before connecting", Misuse, || {
                checks::pipeline(wrong::e11_pipeline::ready_before_connecting)
            }),
            wrong!("workers say ready before the connect", Misuse, || {
                checks::pipeline(wrong::e11_pipeline::ready_before_the_connect)
            }),
            wrong!("pushes without waiting for the workers", Misuse, || {
                checks::pipeline(wrong::e11_pipeline::pushes_without_waiting)
            }),
            wrong!("removes repeated results", Duplicates, || {
                checks::pipeline(wrong::e11_pipeline::removes_repeated_results)
            }),
            wrong!("leaves the workers running", Misuse, || {
                checks::pipeline(wrong::e11_pipeline::leaves_the_workers_running)
            }),
            wrong!("no results without workers of its own", Edge, || {
                checks::pipeline(wrong::e11_pipeline::no_workers_no_results)
            }),
            wrong!(
                "collects until no result comes for a while",
                ImpatientWait,
                || { checks::pipeline(wrong::e11_pipeline::collects_until_quiet) }
            ),
            wrong!("joins before collecting", EndlessLoop, || {
                checks::pipeline(wrong::e11_pipeline::joins_before_collecting)
            }),
            wrong!("one worker anyway", Edge, || {
                checks::pipeline(wrong::e11_pipeline::one_worker_anyway)
            }),
        ],
    },
    Exercise {
        number: 12,
        name: "e12_broker",
        title: "A small N:M broker",
        claims: &["RR3"],
        check: || checks::broker(stub::e12_broker::broker),
        solution: || checks::broker(solution::e12_broker::broker),
        wrong: &[
            wrong!("forwards the last frame only", Misuse, || {
                checks::broker(wrong::e12_broker::last_frame_only)
            }),
            wrong!("never returns", BrokerStop, || {
                checks::broker(wrong::e12_broker::never_returns)
            }),
            wrong!("returns at once", BrokerStop, || {
                checks::broker(wrong::e12_broker::returns_at_once)
            }),
            wrong!("counts requests, not replies", BrokerStop, || {
                checks::broker(wrong::e12_broker::counts_requests)
            }),
            wrong!("one request at a time", NoConcurrency, || {
                checks::broker(wrong::e12_broker::one_request_at_a_time)
            }),
            wrong!("stops after a quiet second", ImpatientWait, || {
                checks::broker(wrong::e12_broker::stops_after_a_quiet_second)
            }),
            wrong!("assumes there is a reply", Edge, || {
                checks::broker(wrong::e12_broker::assumes_a_reply)
            }),
            wrong!("keeps three frames of each message", Misuse, || {
                checks::broker(wrong::e12_broker::keeps_three_frames)
            }),
            wrong!("stops after the first reply", BrokerStop, || {
                checks::broker(wrong::e12_broker::stops_after_the_first_reply)
            }),
            wrong!("drops what no worker takes", DontWait, || {
                checks::broker(wrong::e12_broker::drops_what_no_worker_takes)
            }),
            wrong!("requests, then replies", BrokerStop, || {
                checks::broker(wrong::e12_broker::requests_then_replies)
            }),
            wrong!("counts two moved messages a reply", BrokerStop, || {
                checks::broker(wrong::e12_broker::two_moved_a_reply)
            }),
        ],
    },
    Exercise {
        number: 13,
        name: "e13_ask_reliably",
        title: "A client that asks again",
        claims: &["RR6", "RR4"],
        check: || checks::ask_reliably(stub::e13_ask_reliably::ask_reliably),
        solution: || checks::ask_reliably(solution::e13_ask_reliably::ask_reliably),
        wrong: &[
            wrong!("asks again on the same REQ", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::same_socket)
            }),
            wrong!("no LINGER 0", HiddenSetting, || {
                checks::ask_reliably(wrong::e13_ask_reliably::no_linger)
            }),
            wrong!("gives up after the first try", OneSidedTimeout, || {
                checks::ask_reliably(wrong::e13_ask_reliably::one_try)
            }),
            wrong!("asks again for ever", EndlessLoop, || {
                checks::ask_reliably(wrong::e13_ask_reliably::retries_for_ever)
            }),
            wrong!(
                "sleeps each timeout, then looks once",
                OneSidedTimeout,
                || { checks::ask_reliably(wrong::e13_ask_reliably::sleeps_then_looks) }
            ),
            wrong!("a fixed 250 ms a try", HardCoded, || {
                checks::ask_reliably(wrong::e13_ask_reliably::fixed_250_ms)
            }),
            wrong!("three tries, whatever is asked", HardCoded, || {
                checks::ask_reliably(wrong::e13_ask_reliably::three_tries)
            }),
            wrong!("the request through text", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::through_text)
            }),
            wrong!("asks once, waits as long as all the tries", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::asks_once_waits_long)
            }),
            wrong!("asks at least once", Edge, || {
                checks::ask_reliably(wrong::e13_ask_reliably::asks_at_least_once)
            }),
            wrong!("one relaxed REQ for every try", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::relaxed_single_socket)
            }),
            wrong!("asks again after half the timeout", OneSidedTimeout, || {
                checks::ask_reliably(
                    wrong::e13_ask_reliably::asks_again_after_half_the_timeout,
                )
            }),
            wrong!("keeps the sockets of earlier tries", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::keeps_the_old_sockets)
            }),
            wrong!("no reconnection", Misuse, || {
                checks::ask_reliably(wrong::e13_ask_reliably::no_reconnection)
            }),
        ],
    },
    Exercise {
        number: 14,
        name: "e14_watchful_subscriber",
        title: "A subscriber that notices a dead publisher",
        claims: &["PS7"],
        check: || {
            checks::watchful_subscriber(
                stub::e14_watchful_subscriber::watchful_subscriber,
            )
        },
        solution: || {
            checks::watchful_subscriber(
                solution::e14_watchful_subscriber::watchful_subscriber,
            )
        },
        wrong: &[
            wrong!("no heartbeats", Misuse, || {
                checks::watchful_subscriber(wrong::e14_watchful_subscriber::no_heartbeats)
            }),
            wrong!("a TTL only", Misuse, || {
                checks::watchful_subscriber(wrong::e14_watchful_subscriber::ttl_only)
            }),
            wrong!(
                "an interval and timeout too long for notice_within",
                OneSidedTimeout,
                || {
                    checks::watchful_subscriber(wrong::e14_watchful_subscriber::too_long)
                }
            ),
            wrong!("a TTL shorter than the interval", OneSidedTimeout, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::ttl_below_the_interval,
                )
            }),
            wrong!("forgot to subscribe", Misuse, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::forgot_to_subscribe,
                )
            }),
            wrong!("heartbeats set after connecting", Misuse, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::heartbeats_after_connecting,
                )
            }),
            wrong!(
                "heartbeats fixed for the second it once saw",
                HardCoded,
                || {
                    checks::watchful_subscriber(
                        wrong::e14_watchful_subscriber::fixed_for_a_second,
                    )
                }
            ),
            wrong!("a timeout of the whole budget", OneSidedTimeout, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::timeout_is_the_whole_budget,
                )
            }),
            wrong!("a hair trigger", OneSidedTimeout, || {
                checks::watchful_subscriber(wrong::e14_watchful_subscriber::hair_trigger)
            }),
            wrong!("a timeout without an interval", Misuse, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::timeout_without_an_interval,
                )
            }),
            wrong!("a TTL instead of a timeout", OneSidedTimeout, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::ttl_instead_of_timeout,
                )
            }),
            wrong!("the empty topic left unsubscribed", Edge, || {
                checks::watchful_subscriber(
                    wrong::e14_watchful_subscriber::empty_topic_left_unsubscribed,
                )
            }),
            wrong!("whole tenths", Misuse, || {
                checks::watchful_subscriber(wrong::e14_watchful_subscriber::whole_tenths)
            }),
        ],
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
        for wrong in exercise.wrong {
            checks.push((
                format!("exercise {n}: wrong answer \"{}\"", wrong.what),
                false,
                wrong.check,
            ));
        }
    }
    let outcomes =
        zmq_exercises::runner::run_all(&checks.iter().map(|c| c.2).collect::<Vec<_>>());
    checks
        .iter()
        .zip(outcomes)
        .filter(|((_, must_pass, _), outcome)| outcome.passed() != *must_pass)
        .map(|((what, must_pass, _), outcome)| {
            if *must_pass {
                format!("{what} must pass, but: {}", outcome.describe())
            } else {
                format!(
                    "{what} must fail, but it passes ({})",
                    zmq_exercises::checks::values::seed_note()
                )
            }
        })
        .collect()
}

/// How many wrong answers the catalogue holds.
pub fn wrong_answers() -> usize {
    EXERCISES.iter().map(|e| e.wrong.len()).sum()
}

/// The wrong answers of each kind of mistake: the exercise and what is wrong.
pub fn wrong_answers_by_mistake() -> Vec<(Mistake, Vec<(usize, &'static str)>)> {
    Mistake::ALL
        .iter()
        .map(|&mistake| {
            let kept = EXERCISES
                .iter()
                .flat_map(|e| e.wrong.iter().map(move |w| (e.number, w)))
                .filter(|(_, w)| w.mistake == mistake)
                .map(|(n, w)| (n, w.what))
                .collect();
            (mistake, kept)
        })
        .collect()
}

/// The exercise numbered `number`.
pub fn find(number: usize) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.number == number)
}
